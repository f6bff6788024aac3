"""Turning the cues and model features found in a text into :class:`Evidence`."""

from __future__ import annotations

from operator import itemgetter

from grondvorm.forms.ids import FORM_IDS
from grondvorm.recognition.model import Contributions
from grondvorm.recognition.result import Evidence
from grondvorm.recognition.signals import Signals, match_factor

MAX_LEXICON_EVIDENCE = 12
MAX_MODEL_EVIDENCE = 5
MIN_MODEL_EVIDENCE = 0.15  # a model feature must lift the chosen form's logit this much
_FORM_NAMES = tuple(form.value for form in FORM_IDS)


def _new(*fields: object) -> Evidence:
    """An :class:`Evidence` from its fields in order (``tuple.__new__`` skips the named tuple's
    Python-level constructor: a text yields a dozen of these)."""
    return tuple.__new__(Evidence, fields)


def lexicon_evidence(signals: Signals, scale: float) -> list[Evidence]:
    """The cues found, strongest first; ``weight`` is what each added to its target's logit."""
    weighed = []
    for match in signals.matches:
        cue = match.cue
        if cue.points:
            factor = match_factor(match) if match.negated else match.factor
            weight = factor * cue.weight * cue.peak * scale
            weighed.append((abs(weight), weight, match))
    weighed.sort(key=itemgetter(0), reverse=True)
    items = []
    for _, weight, match in weighed[:MAX_LEXICON_EVIDENCE]:
        cue = match.cue
        phrase = signals.words.phrase(match.positions[0], match.positions[-1])
        target = _FORM_NAMES[cue.leading_form] if cue.trait else cue.target
        framed = match.factor < 1.0
        items.append(_new(phrase, target, weight, cue.trait, "lexicon", match.negated, framed))
    return items


def model_evidence(
    signals: Signals,
    contributions: Contributions,
    lifts: dict[str, float],
    form_index: int,
) -> list[Evidence]:
    """The model's words and word pairs that lifted the chosen form most (``lifts``: per unit
    of value, see :attr:`LinearModel.lifts`), leaving out those inside a cue phrase already
    listed."""
    covered = {k for m in signals.matches for k in range(m.positions[0], m.positions[-1] + 1)}
    value = contributions.value
    ranked = []
    for name in sorted(contributions.known, key=lifts.__getitem__, reverse=True):
        lift = lifts[name] * value
        if lift < MIN_MODEL_EVIDENCE:
            break  # the rest lift the form even less
        first, last = signals.features[name]
        if covered.isdisjoint(range(first, last + 1)):
            ranked.append((lift, signals.words.phrase(first, last)))
    ranked.sort(reverse=True)
    target = _FORM_NAMES[form_index]
    seen: set[str] = set()
    items: list[Evidence] = []
    for lift, phrase in ranked:
        if phrase.lower() in seen:
            continue
        seen.add(phrase.lower())
        items.append(_new(phrase, target, lift, None, "model", False, False))
        if len(items) == MAX_MODEL_EVIDENCE:
            break
    return items
