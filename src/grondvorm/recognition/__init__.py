"""Recognise the basic form of a collaboration from a description in Dutch or English.

>>> from grondvorm.recognition import recognise
>>> recognise("Vijf gemeenten brengen hun ICT onder in één gezamenlijke uitvoeringsorganisatie.").form
<FormId.FUNCTIONAL: 'functional'>
"""

from grondvorm.recognition.evaluation import Evaluation, evaluate
from grondvorm.recognition.recogniser import HYBRID_MARGIN, recognise
from grondvorm.recognition.result import REASONS, Evidence, Recognition
from grondvorm.recognition.signals import MIN_WORDS

__all__ = [
    "HYBRID_MARGIN",
    "MIN_WORDS",
    "REASONS",
    "Evaluation",
    "Evidence",
    "Recognition",
    "evaluate",
    "recognise",
]
