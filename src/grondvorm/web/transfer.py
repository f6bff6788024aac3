"""A whole collaboration as plain data (JSON), and back into the database.

The format (``"format": "grondvorm-collaboration"``, ``"version": 1``) holds the collaboration's
name, description, privacy threshold and creation time, its parties (name, revoked, expiry) with
their anonymous respondents in order (language, instrument, timestamps, answers) and the ticks and
notes of the agreements checklist. It holds no database ids, no tokens and no e-mail addresses.
docs/reports.md describes every field.

Import checks the whole file first and writes it in one transaction, so a damaged or foreign file
changes nothing; the new collaboration belongs to the given facilitator and gets fresh invitation
tokens. Exporting an imported collaboration gives the same data again.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from django.db import transaction

from grondvorm.forms import FORM_IDS, load_catalogue
from grondvorm.scan import ResponseError, load_instrument
from grondvorm.scan.response import parse_answers
from grondvorm.texts import load_messages
from grondvorm.web.models import AgreementCheck, Answer, Collaboration, Party, Respondent

FORMAT_ID = "grondvorm-collaboration"
FORMAT_VERSION = 1
NAME_MAX = 200
LANGUAGE_MAX = 5


class TransferError(ValueError):
    """A file that cannot be imported; ``message(language)`` says what is wrong and where."""

    def __init__(self, code: str, where: str = "", **values: object) -> None:
        super().__init__(f"{code} at {where or '-'}: {values}")
        self.code, self.where, self.values = code, where, values

    def message(self, language: str) -> str:
        messages = load_messages("grondvorm.reports", "messages_transfer.toml")
        values = dict(self.values)
        if isinstance(values.get("problem"), ResponseError):
            values["problem"] = values["problem"].message(language)
        if "expected" in values:
            values["expected"] = messages.get(f"type_{values['expected']}", language)
        text = messages.get(self.code, language, **values)
        if self.where:
            text = messages.get("at", language, where=self.where, problem=text)
        return messages.get("refused", language, problem=text)


# ----------------------------------------------------------------------------- export


def _time(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat()


def export_collaboration(collaboration: Collaboration) -> dict[str, Any]:
    """The collaboration as JSON-ready data, in a stable order (parties and respondents as
    created, answers in instrument order, agreements by form and item)."""
    order = {sid: index for index, sid in enumerate(load_instrument().statement_ids)}
    answers: dict[int, list[Answer]] = {}
    rows = Answer.objects.filter(respondent__party__collaboration=collaboration)
    for answer in rows.order_by("respondent_id", "id"):
        answers.setdefault(answer.respondent_id, []).append(answer)
    respondents: dict[int, list[Respondent]] = {}
    for respondent in Respondent.objects.filter(party__collaboration=collaboration).order_by("id"):
        respondents.setdefault(respondent.party_id, []).append(respondent)

    def respondent_data(respondent: Respondent) -> dict[str, Any]:
        given = sorted(
            answers.get(respondent.pk, []),
            key=lambda a: (order.get(a.statement_id, len(order)), a.statement_id),
        )
        return {
            "language": respondent.language,
            "instrument": {
                "id": respondent.instrument_id,
                "version": respondent.instrument_version,
            },
            "created_at": _time(respondent.created_at),
            "updated_at": _time(respondent.updated_at),
            "submitted_at": _time(respondent.submitted_at),
            "answers": {a.statement_id: {"now": a.now, "desired": a.desired} for a in given},
        }

    return {
        "format": FORMAT_ID,
        "version": FORMAT_VERSION,
        "name": collaboration.name,
        "description": collaboration.description,
        "min_respondents": collaboration.min_respondents,
        "created_at": _time(collaboration.created_at),
        "parties": [
            {
                "name": party.name,
                "revoked": party.revoked,
                "expires_at": _time(party.expires_at),
                "created_at": _time(party.created_at),
                "respondents": [respondent_data(r) for r in respondents.get(party.pk, [])],
            }
            for party in collaboration.parties.order_by("id")
        ],
        "agreements": [
            {
                "form": check.form,
                "item": check.item,
                "done": check.done,
                "note": check.note,
                "updated_at": _time(check.updated_at),
            }
            for check in collaboration.agreement_checks.order_by("form", "item")
        ],
    }


def export_json(collaboration: Collaboration) -> str:
    """The export as JSON text (UTF-8, indented, keys in a fixed order)."""
    return json.dumps(export_collaboration(collaboration), ensure_ascii=False, indent=2) + "\n"


# ----------------------------------------------------------------------------- checks


def _field(data: Mapping[str, Any], key: str, where: str, kinds: tuple[type, ...], **rules) -> Any:
    """``data[key]`` if it is present and of one of ``kinds`` (``None`` allowed with nullable)."""
    path = f"{where}.{key}" if where else key
    if key not in data:
        raise TransferError("missing_field", path)
    value = data[key]
    if value is None and rules.get("nullable"):
        return None
    if isinstance(value, bool) and bool not in kinds:
        raise TransferError("wrong_type", path, expected=rules.get("expected", "text"))
    if not isinstance(value, kinds):
        raise TransferError("wrong_type", path, expected=rules.get("expected", "text"))
    if isinstance(value, str) and rules.get("required") and not value.strip():
        raise TransferError("empty", path)
    if isinstance(value, str) and len(value) > rules.get("max_length", 1_000_000):
        raise TransferError("too_long", path, limit=rules["max_length"])
    return value


def _timestamp(data: Mapping[str, Any], key: str, where: str, nullable: bool = False):
    value = _field(data, key, where, (str,), nullable=nullable, expected="timestamp")
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise TransferError("bad_time", f"{where}.{key}", value=value) from None
    if parsed.tzinfo is None:
        raise TransferError("bad_time", f"{where}.{key}", value=value)
    return parsed


def _respondent(data: Any, where: str) -> dict[str, Any]:
    if not isinstance(data, Mapping):
        raise TransferError("wrong_type", where, expected="object")
    instrument = load_instrument()
    header = _field(data, "instrument", where, (dict,), expected="object")
    given = (header.get("id"), str(header.get("version")))
    if given != (instrument.id, instrument.version):
        raise TransferError(
            "unknown_instrument",
            f"{where}.instrument",
            given=f"{given[0]} {given[1]}",
            known=f"{instrument.id} {instrument.version}",
        )
    language = _field(data, "language", where, (str,), required=True, max_length=LANGUAGE_MAX)
    try:
        answers = parse_answers(
            _field(data, "answers", where, (dict,), expected="object"), instrument
        )
    except ResponseError as error:
        raise TransferError("bad_answers", f"{where}.answers", problem=error) from None
    return {
        "language": language,
        "instrument_id": instrument.id,
        "instrument_version": instrument.version,
        "created_at": _timestamp(data, "created_at", where),
        "updated_at": _timestamp(data, "updated_at", where),
        "submitted_at": _timestamp(data, "submitted_at", where, nullable=True),
        "answers": {sid: (a.now, a.desired) for sid, a in answers.items()},
    }


def _party(data: Any, where: str) -> dict[str, Any]:
    if not isinstance(data, Mapping):
        raise TransferError("wrong_type", where, expected="object")
    respondents = _field(data, "respondents", where, (list,), expected="list")
    return {
        "name": _field(data, "name", where, (str,), required=True, max_length=NAME_MAX).strip(),
        "revoked": _field(data, "revoked", where, (bool,), expected="true_false"),
        "expires_at": _timestamp(data, "expires_at", where, nullable=True),
        "created_at": _timestamp(data, "created_at", where),
        "respondents": [
            _respondent(item, f"{where}.respondents[{index}]")
            for index, item in enumerate(respondents)
        ],
    }


def _agreement(data: Any, where: str) -> dict[str, Any]:
    if not isinstance(data, Mapping):
        raise TransferError("wrong_type", where, expected="object")
    form = _field(data, "form", where, (str,))
    if form not in {f.value for f in FORM_IDS}:
        raise TransferError("bad_form", f"{where}.form", value=form)
    item = _field(data, "item", where, (int,), expected="whole_number")
    count = len(load_catalogue("en").forms[next(f for f in FORM_IDS if f.value == form)].agreements)
    if not 0 <= item < count:
        raise TransferError("bad_item", f"{where}.item", value=item, form=form, last=count - 1)
    return {
        "form": form,
        "item": item,
        "done": _field(data, "done", where, (bool,), expected="true_false"),
        "note": _field(data, "note", where, (str,)).strip(),
        "updated_at": _timestamp(data, "updated_at", where),
    }


def check_collaboration(data: Any) -> dict[str, Any]:
    """Check exported data completely; returns what to store or raises :class:`TransferError`."""
    if not isinstance(data, Mapping):
        raise TransferError("not_an_object")
    if data.get("format") != FORMAT_ID:
        raise TransferError("wrong_format", given=json.dumps(data.get("format")), format=FORMAT_ID)
    version = data.get("version")
    if isinstance(version, bool) or version != FORMAT_VERSION:
        raise TransferError("wrong_version", given=json.dumps(version), version=FORMAT_VERSION)
    minimum = _field(data, "min_respondents", "", (int,), expected="whole_number")
    if not 1 <= minimum <= 1000:
        raise TransferError("bad_minimum", "min_respondents", value=minimum)
    parties = [
        _party(item, f"parties[{index}]")
        for index, item in enumerate(_field(data, "parties", "", (list,), expected="list"))
    ]
    names = [party["name"] for party in parties]
    for index, name in enumerate(names):
        if name in names[:index]:
            raise TransferError("duplicate_party", f"parties[{index}].name", name=name)
    agreements = [
        _agreement(item, f"agreements[{index}]")
        for index, item in enumerate(_field(data, "agreements", "", (list,), expected="list"))
    ]
    keys = [(a["form"], a["item"]) for a in agreements]
    for index, key in enumerate(keys):
        if key in keys[:index]:
            raise TransferError(
                "duplicate_agreement", f"agreements[{index}]", form=key[0], item=key[1]
            )
    return {
        "name": _field(data, "name", "", (str,), required=True, max_length=NAME_MAX).strip(),
        "description": _field(data, "description", "", (str,)).strip(),
        "min_respondents": minimum,
        "created_at": _timestamp(data, "created_at", ""),
        "parties": parties,
        "agreements": agreements,
    }


# ----------------------------------------------------------------------------- import


def parse_json(text: str | bytes) -> Any:
    """JSON text → data; a truncated or otherwise broken file raises :class:`TransferError`."""
    try:
        return json.loads(text)
    except UnicodeDecodeError:
        raise TransferError("not_utf8") from None
    except json.JSONDecodeError as error:
        raise TransferError("not_json", line=error.lineno, column=error.colno) from None


def import_collaboration(data: Any, *, owner) -> Collaboration:
    """Store exported data as a new collaboration of ``owner``, all or nothing."""
    plan = check_collaboration(data)
    with transaction.atomic():
        collaboration = Collaboration.objects.create(
            owner=owner,
            name=plan["name"],
            description=plan["description"],
            min_respondents=plan["min_respondents"],
            created_at=plan["created_at"],
        )
        for item in plan["parties"]:
            party = Party.objects.create(
                collaboration=collaboration,
                name=item["name"],
                revoked=item["revoked"],
                expires_at=item["expires_at"],
                created_at=item["created_at"],
            )
            for given in item["respondents"]:
                respondent = Respondent.objects.create(
                    party=party,
                    **{key: value for key, value in given.items() if key != "answers"},
                )
                Answer.objects.bulk_create(
                    Answer(respondent=respondent, statement_id=sid, now=now, desired=desired)
                    for sid, (now, desired) in given["answers"].items()
                )
        AgreementCheck.objects.bulk_create(
            AgreementCheck(collaboration=collaboration, **item) for item in plan["agreements"]
        )
    return collaboration


def import_json(text: str | bytes, *, owner) -> Collaboration:
    """Parse, check and store an exported file; :class:`TransferError` changes nothing."""
    return import_collaboration(parse_json(text), owner=owner)
