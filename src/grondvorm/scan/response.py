"""One respondent's answers, as read from (and written to) a response JSON file.

The format::

    {"instrument": {"id": "grondvorm-scan", "version": "1"},
     "respondent": {"name": "...", "party": "..."},          # optional, free-form
     "answers": {"A1": {"now": 4, "desired": 5}, "A2": {"now": null}, ...},
     "session": {...}}                                        # optional, used by `grondvorm scan`

An answer is a whole number from 1 to 5, or ``null`` for "don't know"; a missing key means the
question was not answered. Scoring treats both as "no answer".
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from grondvorm.scan.errors import PERSPECTIVES, ResponseError
from grondvorm.scan.instrument import SCALE_MAX, SCALE_MIN, Instrument, load_instrument

TOP_LEVEL_FIELDS: tuple[str, ...] = ("instrument", "respondent", "answers", "session")


@dataclass(frozen=True)
class Answer:
    """The two answers to one statement: how it is now and how it should be."""

    now: int | None = None
    desired: int | None = None

    def get(self, perspective: str) -> int | None:
        return self.now if perspective == "now" else self.desired


@dataclass(frozen=True)
class Response:
    """A respondent's answers to one version of the instrument."""

    instrument_id: str
    instrument_version: str
    answers: dict[str, Answer]
    respondent: dict[str, Any] = field(default_factory=dict)
    session: dict[str, Any] = field(default_factory=dict)

    def values(self, perspective: str) -> dict[str, int | None]:
        """The answers for ``now`` or ``desired``, keyed by statement id."""
        if perspective not in PERSPECTIVES:
            raise ValueError(f"perspective must be one of {PERSPECTIVES}, not {perspective!r}")
        return {
            statement_id: answer.get(perspective) for statement_id, answer in self.answers.items()
        }

    def to_dict(self) -> dict[str, Any]:
        """The response in the file format (every answer with both keys)."""
        data: dict[str, Any] = {
            "instrument": {"id": self.instrument_id, "version": self.instrument_version},
            "respondent": dict(self.respondent),
            "answers": {
                statement_id: {"now": answer.now, "desired": answer.desired}
                for statement_id, answer in self.answers.items()
            },
        }
        if self.session:
            data["session"] = dict(self.session)
        return data


def check_header(data: Mapping[str, Any], instrument: Instrument) -> None:
    """Refuse a response without the instrument header, or of another instrument or version."""
    header = data.get("instrument")
    if header is None:
        raise ResponseError(
            "missing_instrument", instrument=instrument.id, version=instrument.version
        )
    if not isinstance(header, Mapping) or "id" not in header or "version" not in header:
        raise ResponseError("bad_instrument_header")
    if header["id"] != instrument.id:
        raise ResponseError("unknown_instrument", given=header["id"], instrument=instrument.id)
    version = header["version"]
    if isinstance(version, bool) or not isinstance(version, str | int):
        raise ResponseError("bad_instrument_header")
    if str(version) != instrument.version:
        raise ResponseError(
            "unknown_version", instrument=instrument.id, given=version, known=instrument.version
        )


def check_known(statement_id: str, known: set[str], instrument: Instrument) -> None:
    """Refuse a statement id that the instrument does not have, naming it."""
    if statement_id not in known:
        raise ResponseError(
            "unknown_statement",
            statement=statement_id,
            instrument=instrument.id,
            version=instrument.version,
        )


def _value(value: Any, statement_id: str, perspective: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ResponseError(
            "wrong_type", statement=statement_id, perspective=perspective, value=_show(value)
        )
    if not SCALE_MIN <= value <= SCALE_MAX:
        raise ResponseError(
            "out_of_range", statement=statement_id, perspective=perspective, value=value
        )
    return value


def _show(value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)


def parse_answers(data: Any, instrument: Instrument) -> dict[str, Answer]:
    """Check the ``answers`` object: known statement ids, each ``{"now": .., "desired": ..}``."""
    if not isinstance(data, Mapping):
        raise ResponseError("missing_answers")
    answers: dict[str, Answer] = {}
    known = set(instrument.statement_ids)
    for statement_id, answer in data.items():
        check_known(statement_id, known, instrument)
        if not isinstance(answer, Mapping):
            raise ResponseError("bad_answer", statement=statement_id)
        for key in answer:
            if key not in PERSPECTIVES:
                raise ResponseError("unknown_perspective", statement=statement_id, key=key)
        answers[statement_id] = Answer(
            now=_value(answer.get("now"), statement_id, "now"),
            desired=_value(answer.get("desired"), statement_id, "desired"),
        )
    order = {statement_id: index for index, statement_id in enumerate(instrument.statement_ids)}
    return dict(sorted(answers.items(), key=lambda item: order[item[0]]))


def parse_response(data: Any, instrument: Instrument | None = None) -> Response:
    """Check a response (parsed JSON) and turn it into a :class:`Response`.

    Raises :class:`ResponseError` naming what is wrong: a missing or foreign instrument header,
    an unknown version, an unknown statement id, or an answer that is not 1-5 or null.
    """
    instrument = instrument or load_instrument()
    if not isinstance(data, Mapping):
        raise ResponseError("not_an_object")
    check_header(data, instrument)
    for key in data:
        if key not in TOP_LEVEL_FIELDS:
            raise ResponseError("unknown_field", field=key, allowed=", ".join(TOP_LEVEL_FIELDS))
    respondent = data.get("respondent", {})
    if not isinstance(respondent, Mapping):
        raise ResponseError("bad_respondent")
    session = data.get("session", {})
    if not isinstance(session, Mapping):
        raise ResponseError("bad_session")
    if "answers" not in data:
        raise ResponseError("missing_answers")
    return Response(
        instrument_id=instrument.id,
        instrument_version=instrument.version,
        answers=parse_answers(data["answers"], instrument),
        respondent=dict(respondent),
        session=dict(session),
    )
