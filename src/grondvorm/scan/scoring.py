"""Scoring: answers on the 1-5 scale → a profile (axes, form probabilities, dimensions, warnings).

Every formula and constant is described in docs/scoring.md; keep the two in step.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from grondvorm.forms import AXIS_IDS, FORM_IDS, QUADRANTS, AxisId, FormId
from grondvorm.scan.checks import minimum_answered, quality_warnings
from grondvorm.scan.errors import ResponseError, ScoringWarning
from grondvorm.scan.instrument import SCALE_MAX, SCALE_MIN, Instrument, load_instrument
from grondvorm.scan.response import Response, check_known

TEMPERATURE = 0.25  # softmax temperature on the form evidence
AXIS_BLEND = 0.25  # share of the probabilities that comes from the quadrant of the axes
FORM_THRESHOLD = 0.40  # below this top probability the profile names no form
HYBRID_MARGIN = 0.15  # top two probabilities at most this far apart ...
HYBRID_MASS = 0.60  # ... and together at least this much: a hybrid
DECIMALS = 4  # rounding in to_dict()


@dataclass(frozen=True)
class Profile:
    """Where one set of answers places a collaboration. See docs/scoring.md."""

    form: FormId | None
    scores: dict[FormId, float]
    axes: dict[AxisId, float]
    hybrid: bool
    confidence: float
    answered: int
    dimensions: dict[str, float]
    warnings: tuple[ScoringWarning, ...]
    evidence: dict[FormId, float]

    @property
    def ranking(self) -> tuple[FormId, ...]:
        """The forms from most to least likely (ties in the order of FORM_IDS)."""
        return tuple(sorted(FORM_IDS, key=lambda form: -self.scores[form]))

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        """Plain data: form, scores, axes, hybrid, dimensions, warnings, confidence, answered."""
        return {
            "form": self.form.value if self.form else None,
            "scores": {form.value: value for form, value in rounded_scores(self.scores).items()},
            "axes": {axis.value: round(self.axes[axis], DECIMALS) for axis in AXIS_IDS},
            "hybrid": self.hybrid,
            "dimensions": {key: round(value, DECIMALS) for key, value in self.dimensions.items()},
            "warnings": [warning.to_dict(language) for warning in self.warnings],
            "confidence": round(self.confidence, DECIMALS),
            "answered": self.answered,
        }


def rounded_scores(scores: Mapping[FormId, float], decimals: int = DECIMALS) -> dict[FormId, float]:
    """The scores rounded to ``decimals`` so that they still sum to 1 (largest remainders get the
    leftover units; ties in the order of FORM_IDS)."""
    unit = 10**decimals
    floors = {form: math.floor(scores[form] * unit) for form in FORM_IDS}
    leftover = unit - sum(floors.values())
    by_remainder = sorted(FORM_IDS, key=lambda form: -(scores[form] * unit - floors[form]))
    for form in by_remainder[: max(0, leftover)]:
        floors[form] += 1
    return {form: floors[form] / unit for form in FORM_IDS}


@dataclass(frozen=True)
class ResponseScore:
    """The two profiles of one response: how it is now and how it should be."""

    now: Profile
    desired: Profile

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        return {"now": self.now.to_dict(language), "desired": self.desired.to_dict(language)}


def check_answers(
    answers: Mapping[str, float | None], instrument: Instrument
) -> dict[str, float | None]:
    """Every statement of the instrument with its answer (``None`` if none), in instrument order.
    Refuses unknown ids and values that are not numbers from 1 to 5."""
    known = set(instrument.statement_ids)
    for statement_id, value in answers.items():
        check_known(statement_id, known, instrument)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            raise ResponseError("not_a_number", statement=statement_id, value=repr(value))
        if not SCALE_MIN <= value <= SCALE_MAX:
            raise ResponseError("out_of_range", statement=statement_id, value=value)
    return {
        statement_id: None if answers.get(statement_id) is None else float(answers[statement_id])  # type: ignore[arg-type]
        for statement_id in instrument.statement_ids
    }


def centre(value: float) -> float:
    """An answer on the 1-5 scale as a number from -1 (strongly disagree) to +1 (strongly agree)."""
    middle = (SCALE_MIN + SCALE_MAX) / 2
    return (value - middle) / (SCALE_MAX - middle)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _overlap(first: float, second: float) -> float:
    """How far two answers to a pair of opposite statements cancel out: the part of both that
    agrees (or disagrees) with the two opposites at once."""
    return max(0.0, min(first, second)) + max(0.0, min(-first, -second))


def softmax(values: Mapping[FormId, float], temperature: float) -> dict[FormId, float]:
    top = max(values.values())
    weights = {form: math.exp((value - top) / temperature) for form, value in values.items()}
    total = sum(weights.values())
    return {form: weight / total for form, weight in weights.items()}


def quadrant_scores(ambition: float, relation: float) -> dict[FormId, float]:
    """How much the point (ambition, relation) belongs to each quadrant; sums to 1."""
    return {
        form: (1 + ambition * QUADRANTS[form][0]) * (1 + relation * QUADRANTS[form][1]) / 4
        for form in FORM_IDS
    }


def score_answers(
    answers: Mapping[str, float | None], instrument: Instrument | None = None
) -> Profile:
    """Score one set of answers (whole or fractional, 1 to 5; ``None`` = don't know / open).

    Also used for the mean answers of a party or of a whole collaboration.
    """
    instrument = instrument or load_instrument()
    values = check_answers(answers, instrument)
    centred = {key: centre(value) for key, value in values.items() if value is not None}
    answered_statements = [s for s in instrument.statements if s.id in centred]

    dimensions = {
        dimension_id: _mean(
            [s.sign * centred[s.id] for s in answered_statements if s.dimension == dimension_id]
        )
        for dimension_id in instrument.dimensions
    }
    axes = {
        axis: dimensions[next(d.id for d in instrument.dimensions.values() if d.axis == axis)]
        for axis in AXIS_IDS
    }

    evidence: dict[FormId, float] = {}
    for form in FORM_IDS:
        weight = sum(abs(s.points_to[form]) for s in answered_statements)
        pull = sum(centred[s.id] * s.points_to[form] for s in answered_statements)
        evidence[form] = pull / weight if weight else 0.0
    from_evidence = softmax(evidence, TEMPERATURE)
    from_axes = quadrant_scores(axes[AxisId.AMBITION], axes[AxisId.RELATION])
    scores = {
        form: (1 - AXIS_BLEND) * from_evidence[form] + AXIS_BLEND * from_axes[form]
        for form in FORM_IDS
    }

    answered = len(answered_statements)
    enough = answered >= minimum_answered(instrument)
    first, second = sorted(FORM_IDS, key=lambda form: -scores[form])[:2]
    form = first if enough and scores[first] >= FORM_THRESHOLD else None
    hybrid = (
        enough
        and scores[first] - scores[second] <= HYBRID_MARGIN
        and scores[first] + scores[second] >= HYBRID_MASS
    )

    cancelled = sum(
        _overlap(centred.get(a.id, 0.0), centred.get(b.id, 0.0)) for a, b in instrument.pairs()
    )
    strength = sum(abs(value) for value in centred.values()) - cancelled
    confidence = min(1.0, max(0.0, strength / len(instrument.statements)))

    return Profile(
        form=form,
        scores=scores,
        axes=axes,
        hybrid=hybrid,
        confidence=confidence,
        answered=answered,
        dimensions=dimensions,
        warnings=quality_warnings(values, instrument),
        evidence=evidence,
    )


def score_response(response: Response, instrument: Instrument | None = None) -> ResponseScore:
    """Both profiles of a response; refuses a response of another instrument or version."""
    instrument = instrument or load_instrument()
    if (response.instrument_id, response.instrument_version) != (instrument.id, instrument.version):
        if response.instrument_id != instrument.id:
            raise ResponseError(
                "unknown_instrument", given=response.instrument_id, instrument=instrument.id
            )
        raise ResponseError(
            "unknown_version",
            instrument=instrument.id,
            given=response.instrument_version,
            known=instrument.version,
        )
    return ResponseScore(
        now=score_answers(response.values("now"), instrument),
        desired=score_answers(response.values("desired"), instrument),
    )
