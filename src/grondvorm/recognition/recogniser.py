"""Text in, :class:`Recognition` out: the lexicon and the trained model, combined.

Each form gets a logit::

    logit[form] = lexicon_scale * lexicon[form] + bias[form] + model[form]

where ``lexicon[form]`` sums the weights of the cues found in the text (each cue once; a negated
cue counts -0.5 times), ``model[form]`` is the trained linear model over words and word pairs,
and ``lexicon_scale`` and ``bias`` were fitted together with the model's weights. A softmax turns
the logits into the four probabilities. See docs/recognition.md.
"""

from __future__ import annotations

import math

from grondvorm.forms.ids import AXIS_IDS, FORM_IDS, QUADRANTS, AxisId, FormId
from grondvorm.recognition.detect import READABLE, detect_language
from grondvorm.recognition.lexicon import load_lexicon
from grondvorm.recognition.matching import Match, find_cues
from grondvorm.recognition.model import features, load_model
from grondvorm.recognition.result import Evidence, Recognition
from grondvorm.recognition.text import Token, Word, from_words, words

MIN_WORDS = 5  # fewer words than this: "too_short"
HYBRID_MARGIN = 0.15  # top two probabilities closer than this: a hybrid
NEGATED_FACTOR = -0.5  # a negated cue counts against its target at half its weight
NO_SIGNAL_SPREAD = 0.5  # without any cue, the model's logits must spread at least this much
MAX_LEXICON_EVIDENCE = 12
MAX_MODEL_EVIDENCE = 5
MIN_MODEL_EVIDENCE = 0.05

UNIFORM = 1.0 / len(FORM_IDS)


def _abstain(reason: str, language: str | None) -> Recognition:
    return Recognition(
        form=None,
        scores=dict.fromkeys(FORM_IDS, UNIFORM),
        axes=dict.fromkeys(AXIS_IDS, 0.0),
        hybrid=False,
        confidence=0.0,
        language=language,
        reason=reason,
        evidence=(),
    )


def _softmax(logits: list[float]) -> list[float]:
    top = max(logits)
    exps = [math.exp(v - top) for v in logits]
    total = sum(exps)
    return [e / total for e in exps]


def _cue_strength(matches: list[Match]) -> float:
    return sum(abs(m.cue.weight) for m in matches if any(m.cue.vector))


def _choose_language(text_words: list[Word]) -> str | None:
    """The detected language, or, when function words do not decide, the language whose
    lexicon finds clearly more cues."""
    detected = detect_language([norm for norm, *_ in text_words])
    if detected is not None:
        return detected
    strength = {
        lang: _cue_strength(find_cues(from_words(text_words, lang), load_lexicon(lang)))
        for lang in READABLE
    }
    best = max(strength, key=strength.__getitem__)
    others = [v for lang, v in strength.items() if lang != best]
    return best if strength[best] > 0 and strength[best] > 2 * max(others) else None


def _lexicon_scores(matches: list[Match]) -> list[float]:
    scores = [0.0] * len(FORM_IDS)
    for match in matches:
        factor = NEGATED_FACTOR if match.negated else 1.0
        for i, share in enumerate(match.cue.vector):
            scores[i] += factor * match.cue.weight * share
    return scores


def _lexicon_evidence(
    text: str, tokens: list[Token], matches: list[Match], scale: float
) -> list[Evidence]:
    items = []
    for match in matches:
        cue = match.cue
        if not any(cue.vector):
            continue
        target = cue.target
        if cue.trait:
            target = FORM_IDS[max(range(len(FORM_IDS)), key=cue.vector.__getitem__)].value
        factor = NEGATED_FACTOR if match.negated else 1.0
        start, end = tokens[match.positions[0]].start, tokens[match.positions[-1]].end
        items.append(
            Evidence(
                phrase=text[start:end],
                target=target,
                weight=factor * cue.weight * max(cue.vector) * scale,
                trait=cue.trait,
                source="lexicon",
                negated=match.negated,
            )
        )
    items.sort(key=lambda item: abs(item.weight), reverse=True)
    return items[:MAX_LEXICON_EVIDENCE]


def _model_evidence(
    text: str, contributions, spans, form_index: int, covered: list[tuple[int, int]]
) -> list[Evidence]:
    ranked = []
    for name, values in contributions.items():
        lift = values[form_index] - sum(values) / len(values)
        start, end = spans[name]
        if lift >= MIN_MODEL_EVIDENCE and not any(s < end and start < e for s, e in covered):
            ranked.append((lift, text[start:end]))
    ranked.sort(reverse=True)
    seen: set[str] = set()
    items = []
    for lift, phrase in ranked:
        if phrase.lower() in seen:
            continue
        seen.add(phrase.lower())
        items.append(
            Evidence(phrase=phrase, target=FORM_IDS[form_index].value, weight=lift, source="model")
        )
    return items[:MAX_MODEL_EVIDENCE]


def recognise(text: str, language: str | None = None) -> Recognition:
    """Recognise the basic form described by ``text`` (Dutch or English).

    ``language`` is the language of the text when known (``nl`` or ``en``); otherwise it is
    detected. Abstains (``form`` None, with a ``reason``) on text that is too short, not Dutch
    or English, or says nothing about the collaboration.
    """
    text_words = words(text or "")
    if len(text_words) < MIN_WORDS:
        return _abstain("too_short", language)
    lang = language.lower()[:2] if language else _choose_language(text_words)
    if lang not in READABLE:
        return _abstain("unknown_language", lang)
    tokens = from_words(text_words, lang)
    matches = find_cues(tokens, load_lexicon(lang))
    model = load_model()
    spans = features(tokens, lang)
    contributions = model.contributions(spans)
    lexicon = _lexicon_scores(matches)
    logits = [
        model.lexicon_scale * lexicon[i]
        + model.bias[i]
        + sum(values[i] for values in contributions.values())
        for i in range(len(FORM_IDS))
    ]
    model_part = [
        logit - model.lexicon_scale * lex for logit, lex in zip(logits, lexicon, strict=True)
    ]
    if _cue_strength(matches) == 0 and max(model_part) - min(model_part) < NO_SIGNAL_SPREAD:
        return _abstain("no_signal", lang)
    probabilities = _softmax(logits)
    scores = dict(zip(FORM_IDS, probabilities, strict=True))
    ranked = sorted(range(len(FORM_IDS)), key=probabilities.__getitem__, reverse=True)
    best = ranked[0]
    axes = {
        axis: sum(p * QUADRANTS[form][column] for form, p in scores.items())
        for column, axis in enumerate((AxisId.AMBITION, AxisId.RELATION))
    }
    lexicon_items = _lexicon_evidence(text, tokens, matches, model.lexicon_scale)
    covered = [(tokens[m.positions[0]].start, tokens[m.positions[-1]].end) for m in matches]
    model_items = _model_evidence(text, contributions, spans, best, covered)
    return Recognition(
        form=FormId(FORM_IDS[best]),
        scores=scores,
        axes={axis: max(-1.0, min(1.0, value)) for axis, value in axes.items()},
        hybrid=probabilities[best] - probabilities[ranked[1]] < HYBRID_MARGIN,
        confidence=probabilities[best],
        language=lang,
        reason=None,
        evidence=tuple(lexicon_items + model_items),
    )
