"""The statistical part: a linear model over stemmed words and word pairs, trained on the
corpus's dev split by ``tools/train_recognition.py`` and shipped as ``data/model.json``.

Inference is pure Python: a text's features are its distinct content stems (``nl:risico``) and
pairs of neighbouring content stems (``nl:risico+deel``), each with value ``1/sqrt(n)`` for a
text with ``n`` features, and the model adds ``sum(weight[form] * value)`` to each form's logit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import compress, count
from typing import NamedTuple

from grondvorm.forms.ids import FORM_IDS
from grondvorm.recognition.resources import load_json
from grondvorm.recognition.text import Words
from grondvorm.recognition.vocabulary import FeatureKeys, vocabulary

Span = tuple[int, int]  # the positions of a feature's first and last word


def feature_keys(language: str) -> dict[str, FeatureKeys | None]:
    """Per word in lower case: its feature name (``nl:risico``) and what it adds to the name of
    a pair it ends (``+risico``), or None when it has no feature (a stopword, a counting word or
    a stem shorter than :data:`~grondvorm.recognition.vocabulary.MIN_STEM_LENGTH`). Remembered,
    so that a text's features are found without building a name per word."""
    return vocabulary(language).feature_keys


def features(words: Words, language: str) -> dict[str, Span]:
    """The features of a text, each with the positions of its first occurrence."""
    found: dict[str, Span] = {}
    add = found.setdefault
    keys = list(map(feature_keys(language).__getitem__, words.lower))  # None: no feature
    clauses = words.clause
    previous = previous_clause = -1
    previous_name = ""
    for position in compress(count(), keys):
        name, joined = keys[position]
        add(name, (position, position))
        clause = clauses[position]
        if clause == previous_clause:  # a pair within one clause
            add(previous_name + joined, (previous, position))
        previous, previous_name, previous_clause = position, name, clause
    return found


def feature_value(count: int) -> float:
    """The value of each present feature in a text with ``count`` features."""
    return 1.0 / math.sqrt(count) if count else 0.0


Vector = tuple[float, float, float, float]  # one number per form, in the order of FORM_IDS


class Contributions(NamedTuple):
    """What the model makes of the features of one text."""

    known: list[str]  # the text's features that the model weighs, in text order
    value: float  # the value of each feature in this text
    totals: list[float]  # what they add to each form's logit together


def _contributions(fields: tuple[list[str], float, list[float]]) -> Contributions:
    """:class:`Contributions` from its fields in order (``tuple.__new__`` skips the named
    tuple's Python-level constructor)."""
    return tuple.__new__(Contributions, fields)


@dataclass(frozen=True)
class LinearModel:
    """Weights per feature and form, a bias per form and the scale of the lexicon scores.

    A form's logit is ``lexicon_scale * lexicon_score + bias + sum(weight * value)``.
    """

    weights: dict[str, Vector]
    bias: Vector
    lexicon_scale: float
    info: dict[str, object]

    @cached_property
    def lifts(self) -> tuple[dict[str, float], ...]:
        """Per form, per feature: how much more the feature adds to that form than to the
        average form, per unit of value."""
        lifts: tuple[dict[str, float], ...] = tuple({} for _ in self.bias)
        for name, w in self.weights.items():
            mean = sum(w) / len(w)
            for form, weight in enumerate(w):
                lifts[form][name] = weight - mean
        return lifts

    def contributions(self, found: dict[str, Span]) -> Contributions:
        """What the known features of a text add to each form's logit."""
        value = feature_value(len(found))
        weights = self.weights
        known = list(filter(weights.__contains__, found))
        if not known:
            return _contributions((known, value, [0.0] * len(self.bias)))
        columns = zip(*map(weights.__getitem__, known), strict=True)
        totals = list(map(value.__mul__, map(sum, columns)))  # value * sum(column), in C
        return _contributions((known, value, totals))


@cache
def load_model() -> LinearModel:
    """The shipped model (``data/model.json``)."""
    data = load_json("model.json")
    order = data["forms"]
    if order != list(FORM_IDS):
        raise ValueError(f"model.json: forms {order} differ from {list(FORM_IDS)}")
    return LinearModel(
        weights={name: tuple(w) for name, w in data["weights"].items()},  # type: ignore[misc]
        bias=tuple(data["bias"]),  # type: ignore[arg-type]
        lexicon_scale=float(data["lexicon_scale"]),
        info=data.get("info", {}),
    )
