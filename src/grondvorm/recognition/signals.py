"""Reading a text: its language, words, the lexicon's cues and the model's features.

Training (``tools/train_recognition.py``) and recognition read texts through :func:`read`, so
both see exactly the same signals.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from grondvorm.forms.ids import FORM_IDS
from grondvorm.recognition.detect import READABLE, detect_language
from grondvorm.recognition.framing import Framing
from grondvorm.recognition.lexicon import load_lexicon
from grondvorm.recognition.matching import Match, find_cues
from grondvorm.recognition.model import Span, features
from grondvorm.recognition.text import Words

MIN_WORDS = 5  # fewer words than this: "too_short"
NEGATED_FACTOR = -0.5  # a negated cue about a stance counts against its target at half weight
# Negation flips cues about a stance (risk, openness, time horizon, a pole: "without sharing risk",
# "not open to others") but only removes cues about a topic ("no penalties" still speaks of a
# contract, "not a joint venture" of nothing in particular).
FLIPPING_TARGETS = (
    "trait:risk.joint_investment",
    "trait:risk.shared_risk",
    "trait:risk.dependence",
    "trait:openness.",
    "trait:time.",
    "ambition:",
    "relation:",
)


@dataclass(frozen=True)
class Signals:
    """What :func:`read` found in a text; ``reason`` is set when there is nothing to read."""

    language: str | None
    reason: str | None = None
    words: Words = field(default_factory=lambda: Words(""))
    matches: list[Match] = field(default_factory=list)
    lexicon: tuple[float, ...] = (0.0,) * len(FORM_IDS)
    features: dict[str, Span] = field(default_factory=dict)
    cue_strength: float = 0.0  # the summed weight of the cues that point somewhere

    @property
    def lexicon_signal(self) -> tuple[float, ...]:
        """The lexicon scores damped by the square root of the total cue weight, so that a long
        text full of cues does not become infinitely sure: ``lexicon / sqrt(1 + strength)``."""
        return damped(self.lexicon, damping(self.cue_strength))


def damping(strength: float) -> float:
    """How much the lexicon scores of a text with cues of total weight ``strength`` count."""
    return 1.0 / math.sqrt(1.0 + strength)


def damped(lexicon: tuple[float, ...], factor: float) -> tuple[float, ...]:
    """The lexicon scores times ``factor`` (see :attr:`Signals.lexicon_signal`)."""
    return tuple([v * factor for v in lexicon])


def cue_strength(matches: list[Match]) -> float:
    """The summed weight of the cues that point somewhere (idioms excluded)."""
    return sum([abs(m.cue.weight) for m in matches if m.cue.points])


def match_factor(match: Match) -> float:
    """How a match counts: its framing factor; when negated, not at all, or negatively at half
    weight for a cue about a stance (see :data:`FLIPPING_TARGETS`)."""
    if not match.negated:
        return match.factor
    if match.cue.target.startswith(FLIPPING_TARGETS):
        return NEGATED_FACTOR * match.factor
    return 0.0


def lexicon_scores(matches: list[Match]) -> tuple[float, ...]:
    """Per form, the summed weights of the cues found (see :data:`NEGATED_FACTOR`).

    The loop over the four forms is written out: per form the same additions in the same order
    as ``scores[i] += weight * share`` for each share of a cue's vector.
    """
    score0 = score1 = score2 = score3 = 0.0
    for match in matches:
        cue = match.cue
        weight = (match_factor(match) if match.negated else match.factor) * cue.weight
        share0, share1, share2, share3 = cue.vector
        score0 += weight * share0
        score1 += weight * share1
        score2 += weight * share2
        score3 += weight * share3
    return (score0, score1, score2, score3)


def choose_language(words: Words) -> str | None:
    """The language by function words; failing that, the readable language whose lexicon finds
    clearly more cues; failing that, None."""
    detected = detect_language(words.norm)
    if detected is not None:
        return detected
    strength = {lang: cue_strength(find_cues(words, load_lexicon(lang))) for lang in READABLE}
    best = max(strength, key=strength.__getitem__)
    runner_up = max(v for lang, v in strength.items() if lang != best)
    return best if strength[best] > 2 * runner_up else None


def read(text: str, language: str | None = None) -> Signals:
    """The signals in ``text``; ``language`` (``nl``/``en``) skips detection."""
    words = Words(text or "")
    lang = language.lower()[:2] if language else None
    if len(words) < MIN_WORDS:
        return Signals(language=language, reason="too_short")
    if not language:
        lang = choose_language(words)
    if lang not in READABLE:
        return Signals(language=lang, reason="unknown_language")
    matches = find_cues(words, load_lexicon(lang), Framing(words, lang))
    return _signals(
        language=lang,
        reason=None,
        words=words,
        matches=matches,
        lexicon=lexicon_scores(matches),
        features=features(words, lang),
        cue_strength=cue_strength(matches),
    )


def _signals(**fields: object) -> Signals:
    """:class:`Signals` with all its fields given, made as its generated ``__init__`` makes it
    (that of a frozen dataclass sets each field through ``object.__setattr__``, several times
    the cost of filling the instance's dictionary at once)."""
    signals = object.__new__(Signals)
    signals.__dict__.update(fields)
    return signals
