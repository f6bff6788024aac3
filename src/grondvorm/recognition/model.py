"""The statistical part: a linear model over stemmed words and word pairs, trained on the
corpus's dev split by ``tools/train_recognition.py`` and shipped as ``data/model.json``.

Inference is pure Python: a text's features are its distinct content stems (``nl:risico``) and
pairs of neighbouring content stems (``nl:risico+deel``), each with value ``1/sqrt(n)`` for a
text with ``n`` features, and the model adds ``sum(weight[form] * value)`` to each form's logit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, lru_cache

from grondvorm.forms.ids import FORM_IDS
from grondvorm.recognition.resources import language_words, load_json
from grondvorm.recognition.text import WordMemo, Words, fold, stems

MIN_STEM_LENGTH = 3

Span = tuple[int, int]  # the positions of a feature's first and last word


@lru_cache(maxsize=8)
def feature_stems(language: str) -> WordMemo:
    """Per word in lower case: the stem it contributes to the features, or None for a stopword,
    a counting word or a stem shorter than :data:`MIN_STEM_LENGTH`."""
    words = language_words()[language]
    left_out = words.stopwords | words.counting
    stem_of = stems(language)

    def feature_stem(lower: str) -> str | None:
        stem = stem_of[lower]
        return None if len(stem) < MIN_STEM_LENGTH or fold(lower) in left_out else stem

    return WordMemo(feature_stem)


def features(words: Words, language: str) -> dict[str, Span]:
    """The features of a text, each with the positions of its first occurrence."""
    found: dict[str, Span] = {}
    previous_stem, previous_position, previous_clause = None, 0, -1
    prefix = f"{language}:"
    clauses = words.clause
    for position, stem in enumerate(map(feature_stems(language).__getitem__, words.lower)):
        if stem is None:
            continue
        found.setdefault(prefix + stem, (position, position))
        clause = clauses[position]
        if previous_clause == clause:
            found.setdefault(f"{prefix}{previous_stem}+{stem}", (previous_position, position))
        previous_stem, previous_position, previous_clause = stem, position, clause
    return found


def feature_value(count: int) -> float:
    """The value of each present feature in a text with ``count`` features."""
    return 1.0 / math.sqrt(count) if count else 0.0


@dataclass(frozen=True)
class LinearModel:
    """Weights per feature and form, a bias per form and the scale of the lexicon scores.

    A form's logit is ``lexicon_scale * lexicon_score + bias + sum(weight * value)``.
    """

    weights: dict[str, tuple[float, float, float, float]]
    bias: tuple[float, float, float, float]
    lexicon_scale: float
    info: dict[str, object]

    def contributions(self, found: dict[str, Span]) -> dict[str, tuple[float, ...]]:
        """What each known feature of the text adds to each form's logit."""
        value = feature_value(len(found))
        weights = self.weights
        result = {}
        for name in found:
            w = weights.get(name)
            if w is not None:
                result[name] = (w[0] * value, w[1] * value, w[2] * value, w[3] * value)
        return result


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
