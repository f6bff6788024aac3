"""What the recogniser returns: the likely form, the scores behind it and the evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from grondvorm.forms.ids import AxisId, FormId
from grondvorm.texts import load_messages

REASONS = ("too_short", "unknown_language", "no_collaboration", "no_signal")


def _messages():
    return load_messages("grondvorm.recognition")


def form_name(form: str, language: str) -> str:
    """The name of a form in ``language`` ("Ondernemend", "Entrepreneurial")."""
    return _messages().get(f"form_{form}", language)


def rounded_scores(scores: dict[FormId, float], digits: int = 4) -> dict[str, float]:
    """Scores rounded for output, the largest adjusted so that they still sum to 1."""
    rounded = {form.value: round(p, digits) for form, p in scores.items()}
    top = max(rounded, key=rounded.__getitem__)
    rounded[top] = round(1.0 - sum(v for k, v in rounded.items() if k != top), digits)
    return rounded


@lru_cache(maxsize=1024)
def _explanation(
    target: str, trait: str | None, source: str, negated: bool, framed: bool, language: str
) -> str:
    """What a piece of evidence says, without its phrase (the same for many phrases)."""
    messages = _messages()
    axis, _, pole = target.partition(":")
    if pole:
        what = messages.get(f"pole_{axis}_{pole}", language)
    elif trait:
        what = messages.get(
            "trait_points_to",
            language,
            trait=messages.get(f"trait_{trait.replace('.', '_')}", language),
            form=form_name(target, language),
        )
    else:
        what = messages.get("points_to", language, form=form_name(target, language))
    if source == "model":
        what = messages.get("model_word", language, form=form_name(target, language))
    if negated:
        what = messages.get("negated", language, what=what)
    if framed:
        what = messages.get("framed", language, what=what)
    return what


class Evidence(NamedTuple):
    """A phrase in the text that moved the result (a named tuple: a text yields a dozen, and
    a tuple is made several times faster than a frozen dataclass).

    ``target`` is a form id, or an axis with its pole (``"ambition:renew"``,
    ``"relation:share"``); a cue about a trait names the form the trait points to most in
    ``target`` and the trait itself in ``trait`` (``"risk.shared_risk"``). ``weight`` is what the
    phrase added to its target's score (negative when it was negated or counts against it);
    ``source`` is ``"lexicon"`` for a cue phrase or ``"model"`` for a word the trained model
    weighs; ``framed`` is true for a cue in a name or label, which counts less.
    """

    phrase: str
    target: str
    weight: float
    trait: str | None = None
    source: str = "lexicon"
    negated: bool = False
    framed: bool = False

    def label(self, language: str = "en") -> str:
        """A readable explanation of this piece of evidence, in ``nl`` or ``en``."""
        what = _explanation(
            self.target, self.trait, self.source, self.negated, self.framed, language
        )
        return f"“{self.phrase}”: {what}"

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        return {
            "phrase": self.phrase,
            "target": self.target,
            "trait": self.trait,
            "weight": round(self.weight, 3),
            "source": self.source,
            "negated": self.negated,
            "framed": self.framed,
            "label": self.label(language),
        }


@dataclass(frozen=True)
class Recognition:
    """The recogniser's reading of one description.

    ``scores`` are probabilities over the four forms (summing to 1); ``axes`` is the
    probability-weighted position on both axes, each in [-1, 1]; ``hybrid`` is true when the two
    most likely forms lie within :data:`~grondvorm.recognition.recogniser.HYBRID_MARGIN` of each
    other; ``confidence`` is the probability of ``form`` (0 when there is no form). When the text
    gives too little to go on, ``form`` is None and ``reason`` says why (see :data:`REASONS`).
    """

    form: FormId | None
    scores: dict[FormId, float]
    axes: dict[AxisId, float]
    hybrid: bool
    confidence: float
    language: str | None
    reason: str | None = None
    evidence: tuple[Evidence, ...] = field(default=())

    def reason_text(self, language: str = "en") -> str | None:
        """Why there is no form, in words, or None when there is one."""
        return _messages().get(f"reason_{self.reason}", language) if self.reason else None

    def ranked(self) -> list[tuple[FormId, float]]:
        """The forms from most to least likely."""
        return sorted(self.scores.items(), key=lambda item: item[1], reverse=True)

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        """Plain data for JSON output; labels and the reason text in ``language``."""
        return {
            "form": self.form.value if self.form else None,
            "scores": rounded_scores(self.scores),
            "axes": {axis.value: round(v, 4) for axis, v in self.axes.items()},
            "hybrid": self.hybrid,
            "confidence": round(self.confidence, 4),
            "language": self.language,
            "reason": self.reason,
            "reason_text": self.reason_text(language),
            "evidence": [item.to_dict(language) for item in self.evidence],
        }
