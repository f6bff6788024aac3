"""The JSON API (``/api/v1``), described by OpenAPI at ``/api/v1/openapi.json``.

Facilitator calls authenticate with ``Authorization: Bearer <token>`` (``grondvorm token create``).
Respondents submit with their party's invitation token in the body instead.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Field, NinjaAPI, Schema, Status
from ninja.security import HttpBearer
from pydantic import AfterValidator

from grondvorm.language import LANGUAGES
from grondvorm.scan import ResponseError, load_instrument
from grondvorm.web import store
from grondvorm.web.models import ApiToken, Collaboration, Party, token_hash


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = (
            ApiToken.objects.select_related("user").filter(token_hash=token_hash(token)).first()
        )
        if api_token is None or not api_token.user.is_active:
            return None
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
        request.user = api_token.user
        return api_token.user


api = NinjaAPI(
    title="grondvorm API",
    version="1",
    description="Collaborations, parties, responses and alignment results. "
    "Facilitator endpoints need a bearer token from `grondvorm token create --email E`.",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
bearer = BearerToken()


def _no_nul(value: str) -> str:
    """Databases refuse the NUL character (PostgreSQL) or mangle it; refuse it at the door."""
    if "\x00" in value:
        raise ValueError("the NUL character is not allowed")
    return value


Text = Annotated[str, AfterValidator(_no_nul)]


class Problem(Schema):
    detail: str


class CollaborationIn(Schema):
    name: Text = Field(..., min_length=1, max_length=200, pattern=r"\S")
    description: Text = Field("", max_length=20_000)
    min_respondents: int = Field(2, ge=1, le=100)


class PartyOut(Schema):
    id: int
    name: str
    invitation_token: str
    invitation_url: str
    revoked: bool
    expires_at: datetime | None


class CollaborationOut(Schema):
    id: int
    name: str
    description: str
    min_respondents: int
    created_at: str
    parties: list[PartyOut]


class PartyIn(Schema):
    name: Text = Field(..., min_length=1, max_length=200, pattern=r"\S")


class InvitationPatch(Schema):
    revoked: bool | None = Field(None, description="Close (true) or reopen (false) the invitation.")
    expires_at: Annotated[datetime | None, AfterValidator(store.normalise_expiry)] = Field(
        None, description="When the invitation stops working; null removes the expiry."
    )


class InstrumentRef(Schema):
    id: str
    version: str


class ResponseIn(Schema):
    invitation_token: Text = Field(..., min_length=1, max_length=100)
    instrument: InstrumentRef
    answers: dict[str, dict[str, int | None]]
    respondent: dict[str, Any] = Field(default_factory=dict)
    submission_key: Text | None = Field(
        None,
        max_length=100,
        description="Optional idempotency key: a repeated key stores nothing new.",
    )


class ResponseOut(Schema):
    stored: bool
    duplicate: bool
    party: str
    answers: int


def _party_out(request: HttpRequest, party) -> dict[str, Any]:
    url = request.build_absolute_uri(reverse("respond_start", args=[party.invitation_token]))
    return {
        "id": party.pk,
        "name": party.name,
        "invitation_token": party.invitation_token,
        "invitation_url": url,
        "revoked": party.revoked,
        "expires_at": party.expires_at,
    }


def _collaboration_out(request: HttpRequest, collaboration: Collaboration) -> dict[str, Any]:
    return {
        "id": collaboration.pk,
        "name": collaboration.name,
        "description": collaboration.description,
        "min_respondents": collaboration.min_respondents,
        "created_at": collaboration.created_at.isoformat(),
        "parties": [_party_out(request, party) for party in collaboration.parties.all()],
    }


def _own(request: HttpRequest, collaboration_id: int) -> Collaboration:
    return get_object_or_404(Collaboration, pk=collaboration_id, owner=request.auth)


@api.post("/collaborations", auth=bearer, response={201: CollaborationOut}, tags=["facilitator"])
def create_collaboration(request: HttpRequest, payload: CollaborationIn):
    """Create a collaboration owned by the token's facilitator."""
    collaboration = store.create_collaboration(owner=request.auth, **payload.dict())
    return Status(201, _collaboration_out(request, collaboration))


@api.get("/collaborations", auth=bearer, response=list[CollaborationOut], tags=["facilitator"])
def list_collaborations(request: HttpRequest):
    """The facilitator's own collaborations."""
    owned = Collaboration.objects.filter(owner=request.auth).prefetch_related("parties")
    return [_collaboration_out(request, c) for c in owned]


@api.get(
    "/collaborations/{collaboration_id}",
    auth=bearer,
    response=CollaborationOut,
    tags=["facilitator"],
)
def get_collaboration(request: HttpRequest, collaboration_id: int):
    return _collaboration_out(request, _own(request, collaboration_id))


@api.post(
    "/collaborations/{collaboration_id}/parties",
    auth=bearer,
    response={201: PartyOut, 409: Problem},
    tags=["facilitator"],
)
def add_party(request: HttpRequest, collaboration_id: int, payload: PartyIn):
    """Add a party; the answer carries its invitation token and link."""
    collaboration = _own(request, collaboration_id)
    if collaboration.parties.filter(name=payload.name.strip()).exists():
        return Status(409, {"detail": f"a party named {payload.name.strip()!r} already exists"})
    party = store.add_party(collaboration=collaboration, name=payload.name)
    return Status(201, _party_out(request, party))


@api.patch(
    "/collaborations/{collaboration_id}/parties/{party_id}",
    auth=bearer,
    response=PartyOut,
    tags=["facilitator"],
)
def update_party(
    request: HttpRequest, collaboration_id: int, party_id: int, payload: InvitationPatch
):
    """Close or reopen a party's invitation, or set or clear the date it expires."""
    collaboration = _own(request, collaboration_id)
    party = get_object_or_404(Party, pk=party_id, collaboration=collaboration)
    given = payload.model_fields_set
    store.set_invitation(
        party,
        revoked=payload.revoked if "revoked" in given else None,
        expires_at=payload.expires_at if "expires_at" in given else ...,
    )
    return _party_out(request, party)


@api.get("/collaborations/{collaboration_id}/results", auth=bearer, tags=["facilitator"])
def get_results(request: HttpRequest, collaboration_id: int, lang: str = "en") -> dict[str, Any]:
    """Profiles per party and overall, the alignment measure, divergence and the agenda."""
    language = lang if lang in LANGUAGES else "en"
    collaboration = _own(request, collaboration_id)
    return store.results(collaboration, language).to_dict()


@api.post(
    "/responses",
    response={201: ResponseOut, 200: ResponseOut, 400: Problem, 404: Problem, 409: Problem},
    tags=["respondent"],
)
def submit_response(request: HttpRequest, payload: ResponseIn):
    """Submit one respondent's complete scan with the party's invitation token."""
    data = payload.dict()
    try:
        respondent, created = store.record_response(
            invitation_token=data.pop("invitation_token"),
            submission_key=data.pop("submission_key"),
            data=data,
        )
    except store.InvitationError:
        return Status(404, {"detail": "unknown, revoked or expired invitation token"})
    except ResponseError as error:
        return Status(400, {"detail": str(error)})
    except store.SubmissionConflict:
        return Status(409, {"detail": "this submission_key was already used for another party"})
    body = {
        "stored": True,
        "duplicate": not created,
        "party": respondent.party.name,
        "answers": len(data["answers"]) if created else respondent.answers.count(),
    }
    return Status(201 if created else 200, body)


@api.get("/instrument", tags=["respondent"])
def get_instrument(request: HttpRequest) -> dict[str, Any]:
    """The scan's statements in both languages, with id, version and weights."""
    return load_instrument().to_dict("en")


def not_found(request: HttpRequest, exc: Exception):
    return api.create_response(request, {"detail": "not found"}, status=404)


def too_large(request: HttpRequest, exc: Exception):
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE without a declared length (e.g. chunked)."""
    return api.create_response(request, {"detail": "request body too large"}, status=413)


api.add_exception_handler(Http404, not_found)
api.add_exception_handler(RequestDataTooBig, too_large)
