"""Measuring the recogniser against labelled descriptions: accuracy, macro-F1, per language,
and the confusion matrix. An abstention (form None) counts as wrong and is reported."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from grondvorm.forms.ids import FORM_IDS, parse_form_id
from grondvorm.recognition.recogniser import recognise
from grondvorm.recognition.result import Recognition

NONE = "none"  # the column of the confusion matrix for abstentions


@dataclass(frozen=True)
class FormFigures:
    """Precision, recall and F1 of one form."""

    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Evaluation:
    """The figures for a set of (true form, predicted form, language) triples."""

    count: int
    accuracy: float
    macro_f1: float
    abstentions: int
    per_form: dict[str, FormFigures]
    confusion: dict[str, dict[str, int]]  # true form -> predicted form (or "none") -> count
    per_language: dict[str, Evaluation] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "abstentions": self.abstentions,
            "per_form": {
                form: {
                    "precision": round(f.precision, 4),
                    "recall": round(f.recall, 4),
                    "f1": round(f.f1, 4),
                    "support": f.support,
                }
                for form, f in self.per_form.items()
            },
            "confusion": self.confusion,
            "per_language": {lang: ev.to_dict() for lang, ev in self.per_language.items()},
        }


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def score(
    triples: Iterable[tuple[str, str | None, str | None]], by_language: bool = True
) -> Evaluation:
    """Figures for (true form, predicted form or None, language) triples."""
    rows = list(triples)
    columns = [*(form.value for form in FORM_IDS), NONE]
    confusion = {form.value: dict.fromkeys(columns, 0) for form in FORM_IDS}
    for gold, predicted, _ in rows:
        confusion[gold][predicted or NONE] += 1
    per_form = {}
    for form in FORM_IDS:
        true_positive = confusion[form][form]
        predicted_as = sum(confusion[g][form] for g in confusion)
        support = sum(confusion[form].values())
        precision = _ratio(true_positive, predicted_as)
        recall = _ratio(true_positive, support)
        f1 = _ratio(round(2 * precision * recall * 1e12), round((precision + recall) * 1e12))
        per_form[form.value] = FormFigures(precision, recall, f1, support)
    languages = sorted({lang or "?" for *_, lang in rows})
    return Evaluation(
        count=len(rows),
        accuracy=_ratio(sum(1 for gold, predicted, _ in rows if gold == predicted), len(rows)),
        macro_f1=sum(f.f1 for f in per_form.values()) / len(per_form),
        abstentions=sum(1 for _, predicted, _ in rows if predicted is None),
        per_form=per_form,
        confusion=confusion,
        per_language={
            lang: score([r for r in rows if (r[2] or "?") == lang], by_language=False)
            for lang in languages
        }
        if by_language
        else {},
    )


def evaluate(
    items: Iterable[Mapping[str, Any]],
    recogniser: Callable[[str], Recognition] = recognise,
) -> Evaluation:
    """Recognise the ``text`` of each item and compare with its ``form``; the language of each
    item is its ``lang`` field, or else the detected one."""
    triples = []
    for item in items:
        result = recogniser(item["text"])
        gold = parse_form_id(item["form"]).value
        predicted = result.form.value if result.form else None
        triples.append((gold, predicted, item.get("lang") or result.language))
    return score(triples)
