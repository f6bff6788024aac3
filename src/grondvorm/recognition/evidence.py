"""Turning the cues and model features found in a text into :class:`Evidence`."""

from __future__ import annotations

from grondvorm.forms.ids import FORM_IDS
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
        if not any(cue.vector):
            continue
        target = cue.target
        if cue.trait:
            target = FORM_IDS[max(range(len(FORM_IDS)), key=cue.vector.__getitem__)].value
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
    contributions: dict[str, tuple[float, ...]],
    form_index: int,
) -> list[Evidence]:
    """The model's words and word pairs that lifted the chosen form most, leaving out those
    inside a cue phrase already listed."""
    covered = [_span(signals, m.positions) for m in signals.matches]
    ranked = []
    for name, values in contributions.items():
        lift = values[form_index] - sum(values) / len(values)
        if lift < MIN_MODEL_EVIDENCE:
            continue
        start, end = _span(signals, signals.features[name])
        if not any(s < end and start < e for s, e in covered):
            ranked.append((lift, text[start:end]))
    ranked.sort(reverse=True)
    seen: set[str] = set()
    items = []
    for lift, phrase in ranked:
        if phrase.lower() in seen:
            continue
        seen.add(phrase.lower())
        target = FORM_IDS[form_index].value
        items.append(Evidence(phrase=phrase, target=target, weight=lift, source="model"))
    return items[:MAX_MODEL_EVIDENCE]
