"""Operations on the stored collaborations: the web views, the API and the CLI all go through here.

Everything that writes runs in one transaction, so a crash mid-write leaves the database as it was.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, datetime
from types import EllipsisType
from typing import Any

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from grondvorm.alignment import AlignmentResult, PartyInput, align
from grondvorm.scan import ResponseError, load_instrument, parse_response
from grondvorm.web.models import (
    AgreementCheck,
    Answer,
    Collaboration,
    Party,
    Respondent,
    new_token,
)


class InvitationError(LookupError):
    """An invitation token that is unknown, revoked or expired."""


class SubmissionConflict(ValueError):
    """A submission key that another party's respondent already used."""


def create_collaboration(*, owner, name: str, description: str = "", min_respondents: int = 2):
    return Collaboration.objects.create(
        owner=owner,
        name=name.strip(),
        description=description.strip(),
        min_respondents=max(1, int(min_respondents)),
    )


def add_party(*, collaboration: Collaboration, name: str) -> Party:
    return Party.objects.create(collaboration=collaboration, name=name.strip())


def normalise_expiry(moment: datetime | None) -> datetime | None:
    """An expiry date-time in UTC (a naive one is read in the server's time zone); ValueError
    outside the years 2000 to 9000, since databases differ in the offsets and years they take."""
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if not 2000 <= moment.year <= 9000:
        raise ValueError("the expiry must lie between the years 2000 and 9000")
    return moment.astimezone(UTC)


def set_invitation(
    party: Party, *, revoked: bool | None = None, expires_at: datetime | EllipsisType | None = ...
) -> Party:
    """Close or reopen a party's invitation and set or clear its expiry (``None`` clears it)."""
    fields = []
    if revoked is not None:
        party.revoked = bool(revoked)
        fields.append("revoked")
    if expires_at is not ...:
        party.expires_at = normalise_expiry(expires_at)
        fields.append("expires_at")
    if fields:
        party.save(update_fields=fields)
    return party


def party_for_invitation(token: str) -> Party:
    """The party behind an open invitation, or InvitationError."""
    try:  # get(), not first(): the token is unique, so no ORDER BY to compile and run
        party = Party.objects.select_related("collaboration").get(invitation_token=token)
    except Party.DoesNotExist:
        raise InvitationError(token) from None
    if not party.invitation_open():
        raise InvitationError(token)
    return party


def start_respondent(*, party: Party, language: str = "nl") -> Respondent:
    instrument = load_instrument()
    return Respondent.objects.create(
        party=party,
        instrument_id=instrument.id,
        instrument_version=instrument.version,
        language=language,
    )


def answers_of(respondent: Respondent) -> dict[str, tuple[int | None, int | None]]:
    return {
        row.statement_id: (row.now, row.desired)
        for row in Answer.objects.filter(respondent=respondent)
    }


def validate_answers(answers: Mapping[str, Any]) -> dict[str, tuple[int | None, int | None]]:
    """Check answers the way the scan's response format does; raises ResponseError."""
    instrument = load_instrument()
    response = parse_response(
        {
            "instrument": {"id": instrument.id, "version": instrument.version},
            "respondent": {},
            "answers": dict(answers),
        }
    )
    return {sid: (answer.now, answer.desired) for sid, answer in response.answers.items()}


def _write_answers(
    respondent_id: int,
    answers: Mapping[str, tuple[int | None, int | None]],
    *,
    replace: bool,
) -> None:
    """Insert a respondent's answers in one statement; ``replace`` overwrites existing ones."""
    rows = [
        Answer(respondent_id=respondent_id, statement_id=statement_id, now=now, desired=desired)
        for statement_id, (now, desired) in answers.items()
    ]
    if not rows:
        return
    if replace:
        Answer.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["respondent", "statement_id"],
            update_fields=["now", "desired"],
        )
    else:
        Answer.objects.bulk_create(rows)


@transaction.atomic
def save_answers(
    respondent: Respondent,
    answers: Mapping[str, tuple[int | None, int | None]],
    *,
    finish: bool = False,
) -> None:
    """Insert or update the given answers (others stay as they are); ``finish`` also submits the
    scan (see :func:`submit`), in the same transaction.

    One upsert per page: two saves of the same page at once (a double tap, a retry after a lost
    connection) both succeed and the last one wins, on SQLite and PostgreSQL alike.
    """
    _write_answers(respondent.pk, answers, replace=True)
    Respondent.objects.filter(pk=respondent.pk).update(updated_at=timezone.now())
    if finish:
        submit(respondent)


def submit(respondent: Respondent) -> None:
    """Mark a respondent's scan as complete; a second submit changes nothing."""
    Respondent.objects.filter(pk=respondent.pk, submitted_at__isnull=True).update(
        submitted_at=timezone.now()
    )


def record_response(
    *, invitation_token: str, data: Mapping[str, Any], submission_key: str | None = None
) -> tuple[Respondent, bool]:
    """Store a complete response from the API in one transaction.

    Returns the respondent and whether it was new: a repeated ``submission_key`` (the respondent
    tapped twice, or the client retried) returns the first one instead of storing it again, also
    when both arrive at the same moment (the unique key decides; the loser reads the winner).
    A key already used for another party raises SubmissionConflict. The common case (a new key)
    costs no extra query: the unique constraint finds repeats.
    """
    party = party_for_invitation(invitation_token)
    response = parse_response(dict(data))  # ResponseError for bad input, naming the statement
    submission_key = submission_key or None
    try:
        with transaction.atomic():
            respondent = Respondent.objects.create(
                party=party,
                instrument_id=response.instrument_id,
                instrument_version=response.instrument_version,
                language=str(response.respondent.get("language", "nl")).replace("\x00", "")[:5],
                submission_key=submission_key,
                submitted_at=timezone.now(),
            )
            _write_answers(
                respondent.pk,
                {sid: (answer.now, answer.desired) for sid, answer in response.answers.items()},
                replace=False,
            )
    except IntegrityError:
        earlier = _earlier_submission(submission_key, party) if submission_key else None
        if earlier is None:
            raise
        return earlier, False
    return respondent, True


def _earlier_submission(submission_key: str, party: Party) -> Respondent | None:
    """The respondent stored under this key, if any; SubmissionConflict if of another party."""
    earlier = Respondent.objects.select_related("party").filter(submission_key=submission_key)
    found = earlier.first()
    if found is not None and found.party_id != party.pk:
        raise SubmissionConflict(submission_key)
    return found


def party_inputs(collaboration: Collaboration) -> list[PartyInput]:
    """Every party with the answers of its respondents who submitted their scan."""
    parties = list(collaboration.parties.all())
    grouped: dict[int, dict[int, dict[str, tuple[int | None, int | None]]]] = defaultdict(dict)
    rows = Answer.objects.filter(
        respondent__party__collaboration=collaboration,
        respondent__submitted_at__isnull=False,
    ).values_list("respondent__party_id", "respondent_id", "statement_id", "now", "desired")
    for party_id, respondent_id, statement_id, now, desired in rows.iterator(chunk_size=5000):
        grouped[party_id].setdefault(respondent_id, {})[statement_id] = (now, desired)
    return [
        PartyInput(
            name=party.name,
            respondents=tuple(grouped[party.pk][rid] for rid in sorted(grouped[party.pk])),
        )
        for party in parties
    ]


RESULTS_CACHE_SECONDS = 600


def results(collaboration: Collaboration, language: str = "nl") -> AlignmentResult:
    """The alignment of the submitted scans, cached per process until something changes.

    The cache key holds everything the result depends on: the number of submitted scans and
    the moment of the latest, the parties (ids and names), the privacy threshold and the
    language. Submitted answers never change afterwards, so a new key means new results.
    """
    stamp = Respondent.objects.filter(
        party__collaboration=collaboration, submitted_at__isnull=False
    ).aggregate(count=Count("id"), latest=Max("submitted_at"))
    parties = tuple(collaboration.parties.values_list("id", "name"))
    key = (
        "grondvorm-results:"
        + hashlib.sha256(
            repr(
                (collaboration.pk, collaboration.min_respondents, language, stamp, parties)
            ).encode()
        ).hexdigest()
    )
    cached = cache.get(key)
    if cached is None:
        cached = align(
            party_inputs(collaboration),
            min_respondents=collaboration.min_respondents,
            language=language,
        )
        cache.set(key, cached, RESULTS_CACHE_SECONDS)
    return cached


def progress(collaboration: Collaboration) -> list[dict[str, Any]]:
    """Per party: how many respondents submitted and how many are still busy."""
    rows = collaboration.parties.annotate(
        submitted=Count("respondents", filter=Q(respondents__submitted_at__isnull=False)),
        started=Count("respondents"),
    )
    return [
        {"party": p, "submitted": p.submitted, "in_progress": p.started - p.submitted} for p in rows
    ]


def agreement_checks(collaboration: Collaboration) -> dict[str, AgreementCheck]:
    return {f"{c.form}:{c.item}": c for c in collaboration.agreement_checks.all()}


@transaction.atomic
def set_agreement(
    *, collaboration: Collaboration, form: str, item: int, done: bool, note: str
) -> AgreementCheck:
    check, _ = AgreementCheck.objects.update_or_create(
        collaboration=collaboration,
        form=form,
        item=item,
        defaults={"done": done, "note": note.strip(), "updated_at": timezone.now()},
    )
    return check


def footprint(collaboration: Collaboration) -> dict[str, int]:
    """How many parties, respondents, answers and agreement checks a collaboration holds."""
    return {
        "parties": Party.objects.filter(collaboration=collaboration).count(),
        "respondents": Respondent.objects.filter(party__collaboration=collaboration).count(),
        "answers": Answer.objects.filter(respondent__party__collaboration=collaboration).count(),
        "agreement_checks": AgreementCheck.objects.filter(collaboration=collaboration).count(),
    }


@transaction.atomic
def delete_collaboration(collaboration: Collaboration) -> dict[str, int]:
    """Delete a collaboration with all its data; returns how many rows of each kind went."""
    counts = footprint(collaboration)
    Answer.objects.filter(respondent__party__collaboration=collaboration).delete()
    Collaboration.objects.filter(pk=collaboration.pk).delete()  # cascades to the rest
    return counts


def enable_sharing(collaboration: Collaboration, enabled: bool) -> None:
    collaboration.share_token = new_token() if enabled else None
    collaboration.save(update_fields=["share_token"])


__all__ = [
    "InvitationError",
    "ResponseError",
    "SubmissionConflict",
    "add_party",
    "agreement_checks",
    "answers_of",
    "create_collaboration",
    "delete_collaboration",
    "enable_sharing",
    "footprint",
    "party_for_invitation",
    "party_inputs",
    "progress",
    "record_response",
    "results",
    "save_answers",
    "set_agreement",
    "set_invitation",
    "start_respondent",
    "submit",
    "validate_answers",
]
