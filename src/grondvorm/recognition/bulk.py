"""Recognising many descriptions: JSON Lines records and CSV rows in, annotated records out.

Used by ``grondvorm recognise --jsonl/--csv`` and by anything else that annotates records. A
record that cannot be read raises :class:`RecordError`, whose ``code`` and ``values`` name a
message (see ``cli/messages_recognise.toml``), so callers can report it in either language.
"""

from __future__ import annotations

import json
from typing import Any

from grondvorm.forms.ids import AXIS_IDS, FORM_IDS
from grondvorm.recognition.detect import READABLE
from grondvorm.recognition.recogniser import recognise
from grondvorm.recognition.result import Recognition, rounded_scores

RESULT_FIELDS = ("form", "scores", "axes", "hybrid", "confidence", "language", "reason", "evidence")
CSV_COLUMNS = (
    "form",
    "confidence",
    "hybrid",
    "reason",
    *(f"score_{form.value}" for form in FORM_IDS),
    *(f"axis_{axis.value}" for axis in AXIS_IDS),
    "evidence",
    "error",
)


class RecordError(ValueError):
    """A record without a readable text; ``code`` names the problem."""

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


def parse_json_line(line: str) -> dict[str, Any]:
    """One JSON Lines record, which must be an object."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise RecordError("not_json", detail=error.msg) from None
    if not isinstance(record, dict):
        raise RecordError("not_object")
    return record


def record_text(record: dict[str, Any], field: str = "text") -> str:
    """The description in ``record[field]``, which must be a non-empty string."""
    text = record.get(field)
    if not isinstance(text, str) or not text.strip():
        raise RecordError("no_text", field=field)
    return text


def text_language(record: dict[str, Any]) -> str | None:
    """The record's own ``lang`` field when it names a language we read, else None (detect)."""
    lang = record.get("lang")
    return lang if isinstance(lang, str) and lang in READABLE else None


def result_fields(result: Recognition, language: str = "en") -> dict[str, Any]:
    """The fields added to a JSON Lines record (evidence labels in ``language``)."""
    data = result.to_dict(language)
    return {key: data[key] for key in RESULT_FIELDS}


def annotate(record: dict[str, Any], language: str = "en", field: str = "text") -> dict[str, Any]:
    """``record`` with the recognition of its text added (existing result fields replaced)."""
    text = record_text(record, field)
    result = recognise(text, text_language(record))
    return {**record, **result_fields(result, language)}


def csv_fields(result: Recognition, language: str = "en") -> dict[str, str]:
    """The columns added to a CSV row: scores and axes flattened into one column each, the
    evidence as a JSON-encoded list of {phrase, target, weight, label}."""
    data = result.to_dict(language)
    row = {
        "form": data["form"] or "",
        "confidence": f"{data['confidence']:.4f}",
        "hybrid": "true" if data["hybrid"] else "false",
        "reason": data["reason"] or "",
        "error": "",
    }
    row.update({f"score_{form}": f"{p:.4f}" for form, p in rounded_scores(result.scores).items()})
    row.update({f"axis_{axis}": f"{value:.4f}" for axis, value in data["axes"].items()})
    evidence = [
        {key: item[key] for key in ("phrase", "target", "weight", "label")}
        for item in data["evidence"]
    ]
    row["evidence"] = json.dumps(evidence, ensure_ascii=False)
    return row
