"""Operations on the stored collaborations: the web views, the API and the CLI all go through here.

Everything that writes runs in one transaction, so a crash mid-write leaves the database as it was.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
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


def create_collaboration(*, owner, name: str, description: str = "", min_respondents: int = 2):
    return Collaboration.objects.create(
        owner=owner,
        name=name.strip(),
        description=description.strip(),
        min_respondents=max(1, int(min_respondents)),
    )


def add_party(*, collaboration: Collaboration, name: str) -> Party:
    return Party.objects.create(collaboration=collaboration, name=name.strip())


def party_for_invitation(token: str) -> Party:
    """The party behind an open invitation, or InvitationError."""
    party = Party.objects.select_related("collaboration").filter(invitation_token=token).first()
    if party is None or not party.invitation_open():
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


@transaction.atomic
def save_answers(
    respondent: Respondent, answers: Mapping[str, tuple[int | None, int | None]]
) -> None:
    """Insert or update the given answers (others stay as they are)."""
    existing = {a.statement_id: a for a in Answer.objects.filter(respondent=respondent)}
    new_rows = []
    for statement_id, (now, desired) in answers.items():
        row = existing.get(statement_id)
        if row is None:
            new_rows.append(
                Answer(respondent=respondent, statement_id=statement_id, now=now, desired=desired)
            )
        elif (row.now, row.desired) != (now, desired):
            row.now, row.desired = now, desired
            row.save(update_fields=["now", "desired"])
    Answer.objects.bulk_create(new_rows)
    Respondent.objects.filter(pk=respondent.pk).update(updated_at=timezone.now())


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
    tapped twice, or the client retried) returns the first one instead of storing it again.
    """
    party = party_for_invitation(invitation_token)
    response = parse_response(dict(data))  # ResponseError for bad input, naming the statement
    if submission_key:
        earlier = Respondent.objects.filter(submission_key=submission_key, party=party).first()
        if earlier is not None:
            return earlier, False
    try:
        with transaction.atomic():
            now = timezone.now()
            respondent = Respondent.objects.create(
                party=party,
                instrument_id=response.instrument_id,
                instrument_version=response.instrument_version,
                language=str(response.respondent.get("language", "nl"))[:5],
                submission_key=submission_key or None,
                submitted_at=now,
            )
            Answer.objects.bulk_create(
                Answer(
                    respondent=respondent,
                    statement_id=sid,
                    now=answer.now,
                    desired=answer.desired,
                )
                for sid, answer in response.answers.items()
            )
    except IntegrityError:
        if submission_key:
            earlier = Respondent.objects.filter(submission_key=submission_key).first()
            if earlier is not None and earlier.party_id == party.pk:
                return earlier, False
        raise
    return respondent, True


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


def results(collaboration: Collaboration, language: str = "nl") -> AlignmentResult:
    return align(
        party_inputs(collaboration),
        min_respondents=collaboration.min_respondents,
        language=language,
    )


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


def enable_sharing(collaboration: Collaboration, enabled: bool) -> None:
    collaboration.share_token = new_token() if enabled else None
    collaboration.save(update_fields=["share_token"])


__all__ = [
    "InvitationError",
    "ResponseError",
    "add_party",
    "agreement_checks",
    "answers_of",
    "create_collaboration",
    "enable_sharing",
    "party_for_invitation",
    "party_inputs",
    "progress",
    "record_response",
    "results",
    "save_answers",
    "set_agreement",
    "start_respondent",
    "submit",
    "validate_answers",
]
