"""The cue lexicon: phrases in Dutch and English that point to a form, an axis pole or a trait.

The TOML files in ``data/lexicon/`` are compiled once per language into a trie keyed by the
stems of each phrase's words, so matching a text costs a few dictionary look-ups per word.
The phrase syntax is described at the top of ``data/lexicon/en.toml``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import cache, cached_property

from grondvorm.forms.ids import FORM_IDS, QUADRANTS, AxisId
from grondvorm.recognition.resources import load_json, load_toml, source_fingerprint
from grondvorm.recognition.text import Words, stem

Vector = tuple[float, float, float, float]  # one number per form, in the order of FORM_IDS
Sequence = tuple[str, ...]  # keys of consecutive words: a stem, "=word", "*suffix" or "prefix*"
Trie = dict  # key -> child node; the key END holds what ends at this node
END = ""

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
    near: tuple[Trie, ...] = ()  # the parts after the first, as tries
    near_roots: tuple[frozenset[str], ...] = ()  # the keys each of those parts can start with
    # Worked out from the fields above when the cue is made (see __post_init__):
    trait: str | None = field(init=False, repr=False, compare=False)  # "risk.shared_risk"
    points: bool = field(init=False, repr=False, compare=False)  # points to any form at all
    peak: float = field(init=False, repr=False, compare=False)  # largest share of one form
    leading_form: int = field(init=False, repr=False, compare=False)  # index of that form

    def __post_init__(self) -> None:
        """Work out the derived fields once, when the lexicon is loaded, rather than on first
        use in the middle of recognising a text. ``points`` is false for an idiom such as "in
        order to", which points nowhere."""
        target, vector = self.target, self.vector
        peak = max(vector)
        set_field = object.__setattr__  # the dataclass is frozen
        set_field(
            self, "trait", target.removeprefix("trait:") if target.startswith("trait:") else None
        )
        set_field(self, "points", any(vector))
        set_field(self, "peak", peak)
        set_field(self, "leading_form", vector.index(peak))  # the first form with the peak


@dataclass(frozen=True)
class Lexicon:
    """All cues of one language; ``trie`` holds the first part of every cue, with the cues that
    end at a node listed under :data:`END`."""

    language: str
    cues: tuple[Cue, ...]
    trie: Trie
    suffixes: tuple[str, ...]
    prefixes: tuple[str, ...]
    near_keys: frozenset[str] = frozenset()  # the first keys of all parts after the first

    @cached_property
    def keys(self) -> frozenset[str]:
        """Every key of every part of every cue: a word with none of them is inert."""
        return frozenset(
            key for cue in self.cues for part in cue.parts for seq in part for key in seq
        )


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
        return [tuple(f"={lower}" for lower in Words(word[1:]).lower)]
    return [tuple(stem(norm, language) for norm in Words(word).norm)]


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


def _anchor_trie(cues: list[Cue]) -> Trie:
    trie: Trie = {}
    for cue in cues:
        for sequence in cue.parts[0]:
            _insert(trie, sequence, cue)
    return trie


def _insert(trie: Trie, sequence: Sequence, value: object) -> None:
    node = trie
    for key in sequence:
        node = node.setdefault(key, {})
    node.setdefault(END, []).append(value)


def part_trie(part: frozenset[Sequence]) -> Trie:
    """A trie accepting the sequences of one part."""
    trie: Trie = {}
    for sequence in part:
        _insert(trie, sequence, True)
    return trie


def compile_lexicon(language: str) -> list[dict]:
    """The cues of ``language`` compiled from the TOML file: phrase, target, weight and, per
    part, the sorted key sequences it accepts (plain data, as stored in ``data/compiled``)."""
    data = load_toml("lexicon", f"{language}.toml")
    compiled = []
    for group in data.get("cue", []):
        target, weight = group["target"], float(group["weight"])
        target_vector(target)  # fail early on an unknown target
        for written in group["phrases"]:
            for phrase in written.split(" / "):
                parts = [compile_part(part, language) for part in phrase.split(" ~ ")]
                compiled.append(
                    {
                        "phrase": phrase,
                        "target": target,
                        "weight": weight,
                        "parts": [sorted(list(seq) for seq in part) for part in parts],
                    }
                )
    return compiled


def compiled_document(language: str) -> dict:
    """What ``data/compiled/lexicon_<language>.json`` holds: the compiled cues and the
    fingerprint of the files they were compiled from."""
    return {"fingerprint": source_fingerprint(language), "cues": compile_lexicon(language)}


def _stored_cues(language: str) -> list[dict] | None:
    """The shipped compiled cues when they match the current sources, else None."""
    try:
        data = load_json("compiled", f"lexicon_{language}.json")
    except FileNotFoundError:
        return None
    return data["cues"] if data.get("fingerprint") == source_fingerprint(language) else None


@cache
def load_lexicon(language: str) -> Lexicon:
    """The compiled lexicon of ``language`` (``nl`` or ``en``). Stemming every phrase takes a
    moment, so the compiled cues ship in ``data/compiled`` (written by
    ``tools/train_recognition.py``) and are recompiled here only when the sources changed."""
    stored = _stored_cues(language)
    raw = stored if stored is not None else compile_lexicon(language)
    cues: list[Cue] = []
    for item in raw:
        parts = tuple(frozenset(tuple(seq) for seq in part) for part in item["parts"])
        near = tuple(part_trie(part) for part in parts[1:])
        roots = tuple(frozenset(seq[0] for seq in part) for part in parts[1:])
        target = item["target"]
        vector = target_vector(target)
        cues.append(
            Cue(len(cues), item["phrase"], target, item["weight"], vector, parts, near, roots)
        )
    affixes: set[str] = set()
    for cue in cues:
        for part in cue.parts:
            for sequence in part:
                affixes.update(key for key in sequence if key.startswith("*") or key.endswith("*"))
    return Lexicon(
        language=language,
        cues=tuple(cues),
        trie=_anchor_trie(cues),
        near_keys=frozenset(key for cue in cues for part in cue.near for key in part),
        suffixes=tuple(sorted(a[1:] for a in affixes if a.startswith("*"))),
        prefixes=tuple(sorted(a[:-1] for a in affixes if a.endswith("*"))),
    )
