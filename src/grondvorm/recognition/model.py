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
from grondvorm.recognition.text import Token

MIN_STEM_LENGTH = 3

Span = tuple[int, int]


@lru_cache(maxsize=200_000)
def _feature_stem(norm: str, stem: str, language: str) -> str | None:
    """The stem a word contributes to the features, or None for a stopword or a short stem."""
    if len(stem) < MIN_STEM_LENGTH or norm in language_words()[language].stopwords:
        return None
    return stem


def features(tokens: list[Token], language: str) -> dict[str, Span]:
    """The features of a text, each with the span of its first occurrence."""
    found: dict[str, Span] = {}
    previous_stem, previous_start, previous_clause = None, 0, -1
    prefix = f"{language}:"
    for tok in tokens:
        stem = _feature_stem(tok.norm, tok.stem, language)
        if stem is None:
            continue
        found.setdefault(prefix + stem, (tok.start, tok.end))
        if previous_clause == tok.clause:
            found.setdefault(f"{prefix}{previous_stem}+{stem}", (previous_start, tok.end))
        previous_stem, previous_start, previous_clause = stem, tok.start, tok.clause
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
