"""The alignment core: do the parties see the same collaboration, and what should they discuss?"""

from grondvorm.alignment.analyse import (
    AGENDA_MAX_TOPICS,
    AGENDA_MIN_SPREAD,
    DEFAULT_MIN_RESPONDENTS,
    agreements_checklist,
    align,
)
from grondvorm.alignment.model import (
    AgendaTopic,
    AgreementItem,
    Alignment,
    AlignmentResult,
    Divergence,
    Gap,
    PartyInput,
    PartyResult,
)

__all__ = [
    "AGENDA_MAX_TOPICS",
    "AGENDA_MIN_SPREAD",
    "DEFAULT_MIN_RESPONDENTS",
    "AgendaTopic",
    "AgreementItem",
    "Alignment",
    "AlignmentResult",
    "Divergence",
    "Gap",
    "PartyInput",
    "PartyResult",
    "agreements_checklist",
    "align",
]
