"""Answer patterns shared by the scan tests."""

from __future__ import annotations

from grondvorm.forms import FormId
from grondvorm.scan import load_instrument

INSTRUMENT = load_instrument()
IDS = INSTRUMENT.statement_ids


def pure(form: FormId) -> dict[str, int]:
    """Fully agree (5) with what points to ``form``, fully disagree (1) with what points away,
    neutral (3) where the weight is zero."""
    answers = {}
    for statement in INSTRUMENT.statements:
        weight = statement.points_to[form]
        answers[statement.id] = 5 if weight > 0 else 1 if weight < 0 else 3
    return answers


def everywhere(value: float | None) -> dict[str, float | None]:
    return dict.fromkeys(IDS, value)


def response(answers: dict[str, dict[str, int | None]], **extra: object) -> dict[str, object]:
    return {"instrument": {"id": "grondvorm-scan", "version": "1"}, "answers": answers, **extra}
