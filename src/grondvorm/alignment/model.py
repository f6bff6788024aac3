"""Input and output types of the alignment core."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from grondvorm.forms import FormId

# A respondent's answers: statement id -> (now, desired), each 1..5 or None for "don't know".
AnswerPair = tuple[float | None, float | None]
RespondentAnswers = Mapping[str, AnswerPair]


@dataclass(frozen=True)
class PartyInput:
    """One party and the answers of its respondents (anonymous: only their answers)."""

    name: str
    respondents: tuple[RespondentAnswers, ...]

    @property
    def n(self) -> int:
        return len(self.respondents)


@dataclass(frozen=True)
class PartyResult:
    """A party's (or a pooled group's) profiles for now and desired, and its gap between them."""

    name: str
    n: int
    pooled: bool
    members: tuple[str, ...]
    now: Any  # grondvorm.scan.Profile
    desired: Any  # grondvorm.scan.Profile
    mean_now: dict[str, float | None]
    mean_desired: dict[str, float | None]
    gap: Gap

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        return {
            "name": self.name,
            "n": self.n,
            "pooled": self.pooled,
            "members": list(self.members),
            "now": self.now.to_dict(language),
            "desired": self.desired.to_dict(language),
            "gap": self.gap.to_dict(),
        }


@dataclass(frozen=True)
class Gap:
    """How far a party's desired collaboration lies from how it sees it now."""

    axes: dict[str, float]
    distance: float
    form_changes: bool
    dimensions: dict[str, float]
    statements: tuple[tuple[str, float], ...]  # largest |desired - now| first

    def to_dict(self) -> dict[str, Any]:
        return {
            "axes": self.axes,
            "distance": self.distance,
            "form_changes": self.form_changes,
            "dimensions": self.dimensions,
            "statements": [{"statement": sid, "difference": diff} for sid, diff in self.statements],
        }


@dataclass(frozen=True)
class Alignment:
    """Do the parties see the same collaboration? One measure per view (now, desired)."""

    view: str
    modal_form: FormId | None
    same_form: bool
    form_agreement: float  # share of parties whose most likely form is the modal form
    mean_axis_distance: float  # mean distance between parties on the 2×2, 0 … 1
    score: float  # 0 (far apart) … 1 (fully aligned)
    level: str  # "high", "medium", "low"

    def to_dict(self) -> dict[str, Any]:
        return {
            "modal_form": self.modal_form.value if self.modal_form else None,
            "same_form": self.same_form,
            "form_agreement": self.form_agreement,
            "mean_axis_distance": self.mean_axis_distance,
            "score": self.score,
            "level": self.level,
        }


@dataclass(frozen=True)
class Divergence:
    """How far apart the parties are on one dimension or statement, and between which parties."""

    key: str  # a dimension id or a statement id
    view: str  # "now" or "desired"
    spread: float  # highest minus lowest party score, on the -1 … 1 scale (0 … 2)
    low_party: str
    high_party: str
    values: dict[str, float]  # party name -> score

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "view": self.view,
            "spread": self.spread,
            "low_party": self.low_party,
            "high_party": self.high_party,
            "values": self.values,
        }


@dataclass(frozen=True)
class AgendaTopic:
    """One item for the parties' next conversation."""

    dimension: str
    title: str
    question: str
    spread: float
    view: str
    parties: tuple[str, str]  # the two parties furthest apart
    statements: tuple[str, ...]  # the statement texts that divide most within the dimension

    def to_dict(self) -> dict[str, Any]:
        return {
            "dimension": self.dimension,
            "title": self.title,
            "question": self.question,
            "spread": self.spread,
            "view": self.view,
            "parties": list(self.parties),
            "statements": list(self.statements),
        }


@dataclass(frozen=True)
class AgreementItem:
    """One agreement to make, from the checklist of a form."""

    form: FormId
    index: int
    text: str

    @property
    def key(self) -> str:
        return f"{self.form.value}:{self.index}"


@dataclass(frozen=True)
class AlignmentResult:
    """Everything the results page, the API and the report show."""

    language: str
    overall: Any  # Profile pair via PartyResult, or None when too few respondents
    parties: tuple[PartyResult, ...]
    alignment: dict[str, Alignment]
    dimension_divergence: dict[str, tuple[Divergence, ...]]  # view -> per dimension
    statement_divergence: dict[str, tuple[Divergence, ...]]  # view -> per statement, largest first
    agenda: tuple[AgendaTopic, ...]
    agreements: tuple[AgreementItem, ...]
    respondents: int
    min_respondents: int
    hidden: int = 0  # respondents not shown in any party (pooled group below the threshold)
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The shape of ``GET /api/v1/collaborations/{id}/results``."""
        lang = self.language
        return {
            "overall": None
            if self.overall is None
            else {
                "n": self.overall.n,
                "now": self.overall.now.to_dict(lang),
                "desired": self.overall.desired.to_dict(lang),
            },
            "parties": [party.to_dict(lang) for party in self.parties],
            "alignment": {view: measure.to_dict() for view, measure in self.alignment.items()},
            "agenda": [topic.to_dict() for topic in self.agenda],
            "divergence": {
                view: [item.to_dict() for item in items]
                for view, items in self.dimension_divergence.items()
            },
            "agreements": [
                {"key": item.key, "form": item.form.value, "text": item.text}
                for item in self.agreements
            ],
            "respondents": self.respondents,
            "min_respondents": self.min_respondents,
        }
