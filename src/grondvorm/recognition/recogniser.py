"""Text in, :class:`Recognition` out: the lexicon and the trained model, combined.

Each form gets a logit::

    logit[form] = lexicon_scale * lexicon[form] / sqrt(1 + strength) + bias[form] + model[form]

where ``lexicon[form]`` sums the weights of the cues found in the text (each cue once; a negated
cue about a stance counts -0.5 times, one about a topic not at all), ``strength`` is the summed
weight of all cues found, ``model[form]`` is the trained linear model over words and word pairs,
and ``lexicon_scale`` and ``bias`` were fitted together with the model's weights. A softmax turns
the logits into the four probabilities. See docs/recognition.md.
"""

from __future__ import annotations

import math
import operator

from grondvorm.forms.ids import AXIS_IDS, FORM_IDS, QUADRANTS, AxisId
from grondvorm.recognition.evidence import lexicon_evidence, model_evidence
from grondvorm.recognition.model import load_model
from grondvorm.recognition.result import Recognition
from grondvorm.recognition.signals import damped, damping, read
from grondvorm.recognition.topic import mentions_collaboration

HYBRID_MARGIN = 0.15  # top two probabilities closer than this: a hybrid
# Without any cue, the model's words must spread the logits this much. Everyday text about
# something else spreads them by at most about 1.9; the corpus descriptions without a cue by 5.4.
NO_SIGNAL_SPREAD = 2.5
# Cues weaker than this in all (one typical cue weighs 1 to 3) count only in a text that names a
# collaboration at all (see :mod:`grondvorm.recognition.topic`): stray cues are no ground for a
# form. Of the 800 labelled descriptions one names none (its cues weigh 5.1); of the 80 texts of
# corpus/offtopic/offtopic.jsonl 53 name none, and the cues of 42 of those weigh less than this.
UNMARKED_MIN_STRENGTH = 3.0
UNIFORM = 1.0 / len(FORM_IDS)
# Per axis, where each form (in the order of FORM_IDS) sits on it.
_CORNERS = {
    axis: tuple(QUADRANTS[form][column] for form in FORM_IDS)
    for column, axis in enumerate((AxisId.AMBITION, AxisId.RELATION))
}


def abstention(reason: str, language: str | None) -> Recognition:
    """No form: uniform scores, the centre of both axes, and the reason."""
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


def softmax(logits: list[float]) -> list[float]:
    top = max(logits)
    exps = [math.exp(v - top) for v in logits]
    total = sum(exps)
    return [e / total for e in exps]


def recognise(text: str, language: str | None = None) -> Recognition:
    """Recognise the basic form described by ``text`` (Dutch or English).

    ``language`` is the language of the text when known (``nl`` or ``en``); otherwise it is
    detected. Abstains (``form`` None, with a ``reason``) on text that is too short, not Dutch
    or English, not about a collaboration between organisations, or says nothing about its
    form.
    """
    signals = read(text, language)
    if signals.reason:
        return abstention(signals.reason, signals.language)
    if signals.cue_strength < UNMARKED_MIN_STRENGTH and not mentions_collaboration(signals.words):
        return abstention("no_collaboration", signals.language)
    model = load_model()
    contributions = model.contributions(signals.features)
    words = contributions.totals
    if signals.cue_strength == 0 and max(words) - min(words) < NO_SIGNAL_SPREAD:
        return abstention("no_signal", signals.language)
    model_part = [bias + w for bias, w in zip(model.bias, words, strict=True)]
    damping_factor = damping(signals.cue_strength)
    lexicon = damped(signals.lexicon, damping_factor)  # signals.lexicon_signal, damped once
    logits = [model.lexicon_scale * lex + m for lex, m in zip(lexicon, model_part, strict=True)]
    probabilities = softmax(logits)
    scores = dict(zip(FORM_IDS, probabilities, strict=True))
    ranked = sorted(range(len(FORM_IDS)), key=probabilities.__getitem__, reverse=True)
    best = ranked[0]
    axes = {
        axis: max(-1.0, min(1.0, sum(map(operator.mul, probabilities, corners))))
        for axis, corners in _CORNERS.items()
    }
    scale = model.lexicon_scale * damping_factor
    evidence = lexicon_evidence(signals, scale)
    evidence += model_evidence(signals, contributions, model.lifts[best], best)
    return _recognition(
        form=FORM_IDS[best],
        scores=scores,
        axes=axes,
        hybrid=probabilities[best] - probabilities[ranked[1]] < HYBRID_MARGIN,
        confidence=probabilities[best],
        language=signals.language,
        reason=None,
        evidence=tuple(evidence),
    )


def _recognition(**fields: object) -> Recognition:
    """A :class:`Recognition` with all its fields given, made as its generated ``__init__``
    makes it (that of a frozen dataclass sets each field through ``object.__setattr__``, several
    times the cost of filling the instance's dictionary at once)."""
    recognition = object.__new__(Recognition)
    recognition.__dict__.update(fields)
    return recognition
