"""Load and check the content files (one TOML file per language)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from grondvorm.forms.ids import AXIS_IDS, FORM_IDS
from grondvorm.forms.model import (
    LIST_FIELDS,
    MIN_EXAMPLES,
    TEXT_FIELDS,
    Axis,
    Example,
    Form,
    FormsCatalogue,
)
from grondvorm.language import DEFAULT_LANGUAGE, Language, parse_language

AXIS_FIELDS = ("name", "question", "low_pole", "low_description", "high_pole", "high_description")
LABEL_KEYS = (*TEXT_FIELDS, *LIST_FIELDS, "examples", "quadrant", "ambition", "relation", "source")


class ContentError(ValueError):
    """A content file is incomplete or malformed."""


def _text(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{where}: {key!r} must be a non-empty text")
    return " ".join(value.split())


def _texts(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise ContentError(f"{where}: {key!r} must be a non-empty list")
    return tuple(_text({"item": item}, "item", f"{where}.{key}") for item in value)


def parse_catalogue(data: dict[str, Any], language: Language) -> FormsCatalogue:
    """Build a catalogue from parsed TOML, refusing anything missing or empty."""
    where = f"forms/{language}"
    labels_data = data.get("labels", {})
    labels = {key: _text(labels_data, key, f"{where}.labels") for key in LABEL_KEYS}
    axes = {}
    for axis_id in AXIS_IDS:
        axis_data = data.get("axes", {}).get(axis_id.value, {})
        axes[axis_id] = Axis(
            id=axis_id,
            **{key: _text(axis_data, key, f"{where}.axes.{axis_id}") for key in AXIS_FIELDS},
        )
    forms = {}
    for form_id in FORM_IDS:
        form_data = data.get("forms", {}).get(form_id.value, {})
        form_where = f"{where}.forms.{form_id}"
        examples_data = form_data.get("examples", [])
        if not isinstance(examples_data, list) or len(examples_data) < MIN_EXAMPLES:
            raise ContentError(f"{form_where}: needs at least {MIN_EXAMPLES} examples")
        examples = tuple(
            Example(
                sector=_text(item, "sector", f"{form_where}.examples"),
                text=_text(item, "text", f"{form_where}.examples"),
            )
            for item in examples_data
        )
        forms[form_id] = Form(
            id=form_id,
            **{key: _text(form_data, key, form_where) for key in TEXT_FIELDS},
            **{key: _texts(form_data, key, form_where) for key in LIST_FIELDS},
            examples=examples,
        )
    return FormsCatalogue(
        language=language,
        title=_text(data, "title", where),
        introduction=_text(data, "introduction", where),
        why_it_matters=_text(data, "why_it_matters", where),
        source=_text(data, "source", where),
        labels=labels,
        axes=axes,
        forms=forms,
    )


@cache
def load_catalogue(language: str = DEFAULT_LANGUAGE) -> FormsCatalogue:
    """The forms and axes in ``language`` (``nl`` or ``en``), read once and cached."""
    lang = parse_language(language)
    path = resources.files("grondvorm.forms").joinpath("content", f"{lang}.toml")
    with path.open("rb") as handle:
        return parse_catalogue(tomllib.load(handle), lang)
