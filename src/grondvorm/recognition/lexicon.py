"""The cue lexicon: phrases in Dutch and English that point to a form, an axis pole or a trait.

The TOML files in ``data/lexicon/`` are compiled once per language into an index keyed by the
stem of each phrase's first word, so matching a text costs one dictionary look-up per token.
The phrase syntax is described at the top of ``data/lexicon/en.toml``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache

from grondvorm.forms.ids import FORM_IDS, QUADRANTS, AxisId
from grondvorm.recognition.resources import load_toml
from grondvorm.recognition.text import stem, words

Vector = tuple[float, float, float, float]  # one number per form, in the order of FORM_IDS
Sequence = tuple[str, ...]  # keys of consecutive words: a stem, "=word", "*suffix" or "prefix*"

POLES = {"improve": -1, "renew": +1, "exchange": -1, "share": +1}


class LexiconError(ValueError):
    """A lexicon or traits file is malformed."""


@dataclass(frozen=True)
class Cue:
    """One phrase of the lexicon, compiled: what it points to and how strongly."""

    id: int
    phrase: str
    target: str
    weight: float
    vector: Vector
    parts: tuple[frozenset[Sequence], ...]  # one part, or several that must lie near each other

    @property
    def trait(self) -> str | None:
        return self.target.removeprefix("trait:") if self.target.startswith("trait:") else None


@dataclass(frozen=True)
class Lexicon:
    """All cues of one language, indexed by the key of their first word."""

    language: str
    cues: tuple[Cue, ...]
    index: dict[str, tuple[tuple[Cue, Sequence], ...]]
    suffixes: tuple[str, ...]
    prefixes: tuple[str, ...]


@cache
def trait_vectors() -> dict[str, Vector]:
    """The forms each trait points to (``data/traits.toml``)."""
    vectors = {}
    for kind, values in load_toml("traits.toml").items():
        for value, weights in values.items():
            unknown = set(weights) - set(FORM_IDS)
            if unknown:
                raise LexiconError(f"traits.toml: {kind}.{value} names unknown forms {unknown}")
            vectors[f"{kind}.{value}"] = tuple(float(weights.get(f, 0.0)) for f in FORM_IDS)
    return vectors


def target_vector(target: str) -> Vector:
    """What a target adds to each form per unit of weight (``none`` adds nothing: it only keeps
    an idiom such as "in order to" from matching a shorter cue)."""
    if target == "none":
        return (0.0, 0.0, 0.0, 0.0)
    if target in FORM_IDS:
        return tuple(1.0 if form == target else 0.0 for form in FORM_IDS)  # type: ignore[return-value]
    if target.startswith("trait:"):
        try:
            return trait_vectors()[target.removeprefix("trait:")]
        except KeyError:
            raise LexiconError(f"unknown trait in target {target!r}") from None
    axis, _, pole = target.partition(":")
    if axis not in tuple(AxisId) or pole not in POLES:
        raise LexiconError(f"unknown target {target!r}")
    column = 0 if axis == AxisId.AMBITION else 1
    sign = POLES[pole]
    return tuple(1.0 if QUADRANTS[f][column] == sign else 0.0 for f in FORM_IDS)  # type: ignore[return-value]


def _keys(word: str, language: str) -> list[Sequence]:
    """The key sequences one written alternative stands for ("co-owned" is two words)."""
    if word.startswith("*") or word.endswith("*"):
        return [(word.lower(),)]
    if word.startswith("="):
        return [tuple(f"={w[1]}" for w in words(word[1:]))]
    return [tuple(stem(norm, language) for norm, *_ in words(word))]


def compile_part(part: str, language: str) -> frozenset[Sequence]:
    """Every sequence of keys a part such as ``"share|shared risk|risks"`` accepts."""
    positions = []
    for position in part.split():
        options = [
            seq for alternative in position.split("|") for seq in _keys(alternative, language)
        ]
        positions.append([seq for seq in options if seq])
    if not positions or not all(positions):
        raise LexiconError(f"{language}: phrase part {part!r} has no words")
    return frozenset(
        tuple(key for seq in combo for key in seq) for combo in itertools.product(*positions)
    )


@cache
def load_lexicon(language: str) -> Lexicon:
    """The compiled lexicon of ``language`` (``nl`` or ``en``)."""
    data = load_toml("lexicon", f"{language}.toml")
    cues: list[Cue] = []
    for group in data.get("cue", []):
        target, weight = group["target"], float(group["weight"])
        vector = target_vector(target)
        for written in group["phrases"]:
            for phrase in written.split(" / "):
                parts = tuple(compile_part(part, language) for part in phrase.split(" ~ "))
                cues.append(Cue(len(cues), phrase, target, weight, vector, parts))
    index: dict[str, list[tuple[Cue, Sequence]]] = {}
    affixes: set[str] = set()
    for cue in cues:
        for part in cue.parts:
            for sequence in part:
                affixes.update(key for key in sequence if key.startswith("*") or key.endswith("*"))
        for sequence in cue.parts[0]:
            index.setdefault(sequence[0], []).append((cue, sequence))
    return Lexicon(
        language=language,
        cues=tuple(cues),
        index={key: tuple(entries) for key, entries in index.items()},
        suffixes=tuple(sorted(a[1:] for a in affixes if a.startswith("*"))),
        prefixes=tuple(sorted(a[:-1] for a in affixes if a.endswith("*"))),
    )
