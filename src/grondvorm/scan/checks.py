"""Warnings about answer patterns that weaken a profile (thresholds: docs/scoring.md)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping

from grondvorm.scan.errors import ScoringWarning
from grondvorm.scan.instrument import Instrument

MIN_ANSWERED_SHARE = 0.5  # fewer answers than this share of the statements: no form
DONT_KNOW_SHARE = 0.25  # more "don't know" / open than this share: a warning
STRAIGHT_LINE_SHARE = 0.9  # this share of identical answers counts as straight-lining ...
STRAIGHT_LINE_MIN = 10  # ... once at least this many statements are answered
CONTRADICTION_AT = 4  # a pair contradicts when both of its statements get at least this answer


def minimum_answered(instrument: Instrument) -> int:
    """How many statements must be answered before the scan names a form."""
    return math.ceil(MIN_ANSWERED_SHARE * len(instrument.statements))


def _show(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def contradicting_pairs(
    values: Mapping[str, float | None], instrument: Instrument
) -> list[tuple[str, str]]:
    """The pairs of opposite statements that were both agreed with."""
    found = []
    for first, second in instrument.pairs():
        a, b = values.get(first.id), values.get(second.id)
        if a is not None and b is not None and min(a, b) >= CONTRADICTION_AT:
            found.append((first.id, second.id))
    return found


def quality_warnings(
    values: Mapping[str, float | None], instrument: Instrument
) -> tuple[ScoringWarning, ...]:
    """Too few answers, many "don't know", straight-lining and contradictory pairs, in that order."""
    total = len(instrument.statements)
    given = [values[s.id] for s in instrument.statements if values.get(s.id) is not None]
    answered = len(given)
    warnings: list[ScoringWarning] = []
    minimum = minimum_answered(instrument)
    limit = math.floor(DONT_KNOW_SHARE * total)
    if answered < minimum:
        warnings.append(
            ScoringWarning(
                "too_few_answers", {"answered": answered, "total": total, "minimum": minimum}
            )
        )
    elif total - answered > limit:
        warnings.append(
            ScoringWarning(
                "many_dont_know", {"missing": total - answered, "total": total, "limit": limit}
            )
        )
    if answered >= STRAIGHT_LINE_MIN:
        counts = Counter(round(float(v), 2) for v in given)
        value, count = max(counts.items(), key=lambda item: (item[1], item[0]))
        if count >= STRAIGHT_LINE_SHARE * answered:
            warnings.append(
                ScoringWarning(
                    "straight_lining", {"count": count, "answered": answered, "value": _show(value)}
                )
            )
    pairs = contradicting_pairs(values, instrument)
    if pairs:
        warnings.append(ScoringWarning("contradictory", {"pairs": [f"{a}/{b}" for a, b in pairs]}))
    return tuple(warnings)
