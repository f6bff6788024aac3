"""Turning the cues and model features found in a text into :class:`Evidence`."""

from __future__ import annotations

from grondvorm.forms.ids import FORM_IDS
from grondvorm.recognition.model import Contributions
from grondvorm.recognition.result import Evidence
from grondvorm.recognition.signals import Signals, match_factor

MAX_LEXICON_EVIDENCE = 12
MAX_MODEL_EVIDENCE = 5
MIN_MODEL_EVIDENCE = 0.15  # a model feature must lift the chosen form's logit this much


def _span(signals: Signals, positions: tuple[int, ...]) -> tuple[int, int]:
    return signals.words.span(positions[0], positions[-1])


def lexicon_evidence(text: str, signals: Signals, scale: float) -> list[Evidence]:
    """The cues found, strongest first; ``weight`` is what each added to its target's logit."""
    items = []
    for match in signals.matches:
        cue = match.cue
        if not cue.points:
            continue
        target = FORM_IDS[cue.leading_form].value if cue.trait else cue.target
        start, end = _span(signals, match.positions)
        items.append(
            Evidence(
                phrase=text[start:end],
                target=target,
                weight=match_factor(match) * cue.weight * max(cue.vector) * scale,
                trait=cue.trait,
                source="lexicon",
                negated=match.negated,
                framed=match.factor < 1.0,
            )
        )
    items.sort(key=lambda item: abs(item.weight), reverse=True)
    return items[:MAX_LEXICON_EVIDENCE]


def model_evidence(
    text: str,
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
            start, end = _span(signals, (first, last))
            ranked.append((lift, text[start:end]))
    ranked.sort(reverse=True)
    target = FORM_IDS[form_index].value
    seen: set[str] = set()
    items: list[Evidence] = []
    for lift, phrase in ranked:
        if phrase.lower() in seen:
            continue
        seen.add(phrase.lower())
        items.append(Evidence(phrase=phrase, target=target, weight=lift, source="model"))
        if len(items) == MAX_MODEL_EVIDENCE:
            break
    return items
