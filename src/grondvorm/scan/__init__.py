"""The scan: a versioned questionnaire (the instrument) and its deterministic scoring.

Plain Python: it builds on :mod:`grondvorm.forms` and imports nothing from the CLI, the web app,
the reports or any database library. The formulas are documented in docs/scoring.md.
"""

from grondvorm.scan.errors import ResponseError, ScoringWarning
from grondvorm.scan.instrument import (
    INSTRUMENT_ID,
    INSTRUMENT_VERSION,
    Dimension,
    Instrument,
    InstrumentError,
    Statement,
    load_instrument,
)
from grondvorm.scan.response import Answer, Response, parse_response
from grondvorm.scan.scoring import Profile, ResponseScore, score_answers, score_response

__all__ = [
    "INSTRUMENT_ID",
    "INSTRUMENT_VERSION",
    "Answer",
    "Dimension",
    "Instrument",
    "InstrumentError",
    "Profile",
    "Response",
    "ResponseError",
    "ResponseScore",
    "ScoringWarning",
    "Statement",
    "load_instrument",
    "parse_response",
    "score_answers",
    "score_response",
]
