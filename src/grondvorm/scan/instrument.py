"""The scan's instrument: statements and dimensions as data, read from ``content/instrument.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from grondvorm.forms import FORM_IDS, AxisId, FormId
from grondvorm.language import LANGUAGES, Language, parse_language

INSTRUMENT_ID = "grondvorm-scan"
INSTRUMENT_VERSION = "1"
SCALE_MIN = 1
SCALE_MAX = 5
MIN_STATEMENTS = 24
MAX_STATEMENTS = 40


class InstrumentError(ValueError):
    """The instrument's content file is incomplete or inconsistent."""


@dataclass(frozen=True)
class Dimension:
    """A trait on which collaborations differ, scored from -1 (low pole) to +1 (high pole)."""

    id: str
    names: dict[Language, str]
    descriptions: dict[Language, str]
    questions: dict[Language, str]
    low_poles: dict[Language, str]
    high_poles: dict[Language, str]
    axis: AxisId | None = None

    def to_dict(self, language: Language) -> dict[str, Any]:
        return {
            "id": self.id,
            "axis": self.axis.value if self.axis else None,
            "name": self.names[language],
            "description": self.descriptions[language],
            "question": self.questions[language],
            "low_pole": self.low_poles[language],
            "high_pole": self.high_poles[language],
        }


@dataclass(frozen=True)
class Statement:
    """One statement, answered twice ("now" and "desired") on the five-point scale."""

    id: str
    dimension: str
    texts: dict[Language, str]
    reversed: bool
    points_to: dict[FormId, float]
    pair: str | None = None

    @property
    def sign(self) -> int:
        """+1, or -1 for a reversed statement: how agreement moves its dimension's score."""
        return -1 if self.reversed else 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "dimension": self.dimension,
            "texts": {lang: self.texts[lang] for lang in LANGUAGES},
            "reversed": self.reversed,
            "pair": self.pair,
            "points_to": {form.value: self.points_to[form] for form in FORM_IDS},
        }


@dataclass(frozen=True)
class Instrument:
    """A versioned questionnaire: statements, their dimensions, the scale and its labels."""

    id: str
    version: str
    statements: tuple[Statement, ...]
    dimensions: dict[str, Dimension]
    titles: dict[Language, str]
    introductions: dict[Language, str]
    labels: dict[Language, dict[str, str]]
    perspectives: dict[str, dict[Language, str]]

    def statement(self, statement_id: str) -> Statement:
        """The statement with this id; ``KeyError`` when there is none."""
        for statement in self.statements:
            if statement.id == statement_id:
                return statement
        raise KeyError(
            f"statement {statement_id} does not exist in {self.id} version {self.version}"
        )

    @property
    def statement_ids(self) -> tuple[str, ...]:
        return tuple(statement.id for statement in self.statements)

    def pairs(self) -> tuple[tuple[Statement, Statement], ...]:
        """Each statement with its contradicting counterpart, once per pair, in instrument order."""
        seen: set[str] = set()
        result = []
        for statement in self.statements:
            if statement.pair and statement.id not in seen:
                result.append((statement, self.statement(statement.pair)))
                seen.update((statement.id, statement.pair))
        return tuple(result)

    def scale_labels(self, language: str) -> dict[int, str]:
        """The labels of the answers 1 to 5."""
        labels = self.labels[parse_language(language)]
        return {value: labels[str(value)] for value in range(SCALE_MIN, SCALE_MAX + 1)}

    def dont_know_label(self, language: str) -> str:
        return self.labels[parse_language(language)]["dont_know"]

    def perspective_label(self, perspective: str, language: str) -> str:
        """ "How it is now" or "How it should be", for ``now`` and ``desired``."""
        return self.perspectives[perspective][parse_language(language)]

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        """The instrument as plain data: the ``grondvorm instrument --json`` output."""
        lang = parse_language(language)
        return {
            "id": self.id,
            "version": self.version,
            "language": lang,
            "title": self.titles[lang],
            "introduction": self.introductions[lang],
            "scale": {
                "minimum": SCALE_MIN,
                "maximum": SCALE_MAX,
                "labels": {str(value): label for value, label in self.scale_labels(lang).items()},
                "dont_know": self.dont_know_label(lang),
            },
            "perspectives": {key: texts[lang] for key, texts in self.perspectives.items()},
            "dimensions": [dimension.to_dict(lang) for dimension in self.dimensions.values()],
            "statements": [statement.to_dict() for statement in self.statements],
        }


def _texts(value: Any, where: str) -> dict[Language, str]:
    if not isinstance(value, dict):
        raise InstrumentError(f"{where}: expected a table with nl and en texts")
    texts: dict[Language, str] = {}
    for lang in LANGUAGES:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            raise InstrumentError(f"{where}: missing or empty {lang} text")
        texts[lang] = " ".join(text.split())
    return texts


def _dimension(dimension_id: str, data: dict[str, Any]) -> Dimension:
    where = f"dimensions.{dimension_id}"
    axis = data.get("axis")
    return Dimension(
        id=dimension_id,
        names=_texts(data.get("name"), f"{where}.name"),
        descriptions=_texts(data.get("description"), f"{where}.description"),
        questions=_texts(data.get("question"), f"{where}.question"),
        low_poles=_texts(data.get("low_pole"), f"{where}.low_pole"),
        high_poles=_texts(data.get("high_pole"), f"{where}.high_pole"),
        axis=AxisId(axis) if axis else None,
    )


def _statement(data: dict[str, Any], dimensions: dict[str, Dimension]) -> Statement:
    statement_id = data.get("id")
    if not isinstance(statement_id, str) or not statement_id:
        raise InstrumentError("a statement has no id")
    where = f"statement {statement_id}"
    if data.get("dimension") not in dimensions:
        raise InstrumentError(f"{where}: unknown dimension {data.get('dimension')!r}")
    if not isinstance(data.get("reversed"), bool):
        raise InstrumentError(f"{where}: 'reversed' must be true or false")
    weights = data.get("points_to", {})
    if set(weights) != {form.value for form in FORM_IDS}:
        raise InstrumentError(f"{where}: points_to needs exactly the four form ids")
    points_to: dict[FormId, float] = {}
    for form in FORM_IDS:
        weight = weights[form.value]
        if isinstance(weight, bool) or not isinstance(weight, int | float) or abs(weight) > 1:
            raise InstrumentError(f"{where}: weight for {form} must be a number in [-1, 1]")
        points_to[form] = float(weight)
    return Statement(
        id=statement_id,
        dimension=data["dimension"],
        texts=_texts({lang: data.get(lang) for lang in LANGUAGES}, where),
        reversed=data["reversed"],
        points_to=points_to,
        pair=data.get("pair"),
    )


def _labels(scale: dict[str, Any]) -> dict[Language, dict[str, str]]:
    if (scale.get("minimum"), scale.get("maximum")) != (SCALE_MIN, SCALE_MAX):
        raise InstrumentError(f"the scale must run from {SCALE_MIN} to {SCALE_MAX}")
    tables = scale.get("labels", {})
    keys = [str(value) for value in range(SCALE_MIN, SCALE_MAX + 1)] + ["dont_know"]
    by_key = {
        key: _texts({lang: tables.get(lang, {}).get(key) for lang in LANGUAGES}, f"scale.{key}")
        for key in keys
    }
    return {lang: {key: by_key[key][lang] for key in keys} for lang in LANGUAGES}


def parse_instrument(data: dict[str, Any]) -> Instrument:
    """Build and check an instrument from parsed TOML."""
    dimensions = {key: _dimension(key, value) for key, value in data.get("dimensions", {}).items()}
    if sorted(d.axis for d in dimensions.values() if d.axis) != sorted(AxisId):
        raise InstrumentError("each axis needs exactly one dimension")
    statements = tuple(_statement(item, dimensions) for item in data.get("statements", []))
    ids = [statement.id for statement in statements]
    if len(set(ids)) != len(ids):
        raise InstrumentError("statement ids must be unique")
    if not MIN_STATEMENTS <= len(statements) <= MAX_STATEMENTS:
        raise InstrumentError(f"needs {MIN_STATEMENTS} to {MAX_STATEMENTS} statements")
    by_id = {statement.id: statement for statement in statements}
    for statement in statements:
        partner = by_id.get(statement.pair or "")
        if statement.pair and (partner is None or partner.pair != statement.id):
            raise InstrumentError(
                f"statement {statement.id}: pair {statement.pair} does not pair back"
            )
        if partner and (
            partner.reversed == statement.reversed or partner.dimension != statement.dimension
        ):
            raise InstrumentError(
                f"statement {statement.id}: a pair is one plain, one reversed statement of one dimension"
            )
    for dimension_id in dimensions:
        if dimension_id not in {statement.dimension for statement in statements}:
            raise InstrumentError(f"dimension {dimension_id} has no statements")
    perspectives = {
        key: _texts(data.get("perspectives", {}).get(key), f"perspectives.{key}")
        for key in ("now", "desired")
    }
    return Instrument(
        id=str(data.get("id")),
        version=str(data.get("version")),
        statements=statements,
        dimensions=dimensions,
        titles=_texts(data.get("title"), "title"),
        introductions=_texts(data.get("introduction"), "introduction"),
        labels=_labels(data.get("scale", {})),
        perspectives=perspectives,
    )


@cache
def load_instrument() -> Instrument:
    """The current instrument, read once from ``content/instrument.toml`` and cached."""
    path = resources.files("grondvorm.scan").joinpath("content", "instrument.toml")
    with path.open("rb") as handle:
        instrument = parse_instrument(tomllib.load(handle))
    if (instrument.id, instrument.version) != (INSTRUMENT_ID, INSTRUMENT_VERSION):
        raise InstrumentError(
            f"content file is {instrument.id} {instrument.version}, "
            f"code expects {INSTRUMENT_ID} {INSTRUMENT_VERSION}"
        )
    return instrument
