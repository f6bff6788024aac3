"""Typed model of the four forms and two axes, filled from the content files in ``content/``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from grondvorm.forms.ids import QUADRANTS, AxisId, FormId
from grondvorm.language import Language


@dataclass(frozen=True)
class Example:
    """A short example of a kind of collaboration, with the sector it comes from."""

    sector: str
    text: str


@dataclass(frozen=True)
class Axis:
    """One of the two questions that place a collaboration: its poles run from -1 to +1."""

    id: AxisId
    name: str
    question: str
    low_pole: str
    low_description: str
    high_pole: str
    high_description: str


@dataclass(frozen=True)
class Form:
    """One basic form, described in one language."""

    id: FormId
    name: str
    essence: str
    aim: str
    relationship: str
    beneficiaries: str
    risk: str
    time_horizon: str
    governance: str
    agreements: tuple[str, ...]
    vehicles: tuple[str, ...]
    pitfalls: tuple[str, ...]
    transition_signs: tuple[str, ...]
    examples: tuple[Example, ...]

    @property
    def ambition(self) -> int:
        """-1 for improve, +1 for renew."""
        return QUADRANTS[self.id][0]

    @property
    def relation(self) -> int:
        """-1 for exchange, +1 for share."""
        return QUADRANTS[self.id][1]


TEXT_FIELDS: tuple[str, ...] = (
    "name",
    "essence",
    "aim",
    "relationship",
    "beneficiaries",
    "risk",
    "time_horizon",
    "governance",
)
LIST_FIELDS: tuple[str, ...] = ("agreements", "vehicles", "pitfalls", "transition_signs")
MIN_EXAMPLES = 5


@dataclass(frozen=True)
class FormsCatalogue:
    """Everything grondvorm knows about the forms, in one language."""

    language: Language
    title: str
    introduction: str
    why_it_matters: str
    source: str
    labels: dict[str, str]
    axes: dict[AxisId, Axis]
    forms: dict[FormId, Form]

    def form(self, form_id: FormId | str) -> Form:
        from grondvorm.forms.ids import parse_form_id

        return self.forms[parse_form_id(form_id)]

    def axis(self, axis_id: AxisId | str) -> Axis:
        return self.axes[AxisId(axis_id)]

    def label(self, field: str) -> str:
        return self.labels[field]

    def quadrant_form(self, ambition: int, relation: int) -> Form:
        """The form in the quadrant with these signs."""
        for form in self.forms.values():
            if (form.ambition, form.relation) == (ambition, relation):
                return form
        raise KeyError((ambition, relation))

    def to_dict(self) -> dict[str, Any]:
        """The whole catalogue as plain data (the ``--json`` output; see docs/forms.schema.json)."""
        return {
            "language": self.language,
            "title": self.title,
            "introduction": self.introduction,
            "why_it_matters": self.why_it_matters,
            "source": self.source,
            "axes": [asdict(axis) | {"id": axis.id.value} for axis in self.axes.values()],
            "forms": [form_to_dict(form) for form in self.forms.values()],
        }


def form_to_dict(form: Form) -> dict[str, Any]:
    data: dict[str, Any] = {"id": form.id.value}
    for field in fields(form):
        if field.name == "id":
            continue
        value = getattr(form, field.name)
        if field.name == "examples":
            value = [asdict(example) for example in value]
        elif isinstance(value, tuple):
            value = list(value)
        data[field.name] = value
    data["quadrant"] = {"ambition": form.ambition, "relation": form.relation}
    return data
