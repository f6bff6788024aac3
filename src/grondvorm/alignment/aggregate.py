"""Aggregate respondents into parties, parties into the collaboration; pool small parties."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from statistics import fmean

from grondvorm.alignment.model import PartyInput, RespondentAnswers

VIEWS = ("now", "desired")


def mean_answers(respondents: Iterable[RespondentAnswers], view: str) -> dict[str, float | None]:
    """Per statement, the mean answer of those who answered it (None if nobody did)."""
    index = VIEWS.index(view)
    collected: dict[str, list[float]] = {}
    for answers in respondents:
        for statement_id, pair in answers.items():
            value = pair[index]
            bucket = collected.setdefault(statement_id, [])
            if value is not None:
                bucket.append(float(value))
    return {sid: (fmean(values) if values else None) for sid, values in collected.items()}


def mean_of_means(groups: Sequence[Mapping[str, float | None]]) -> dict[str, float | None]:
    """Per statement, the mean over groups that have a value: every party weighs the same."""
    statement_ids = sorted({sid for group in groups for sid in group})
    result: dict[str, float | None] = {}
    for sid in statement_ids:
        values = [group[sid] for group in groups if group.get(sid) is not None]
        result[sid] = fmean(values) if values else None  # type: ignore[arg-type]
    return result


def split_by_privacy(
    parties: Sequence[PartyInput], min_respondents: int, pooled_name: str
) -> tuple[list[PartyInput], PartyInput | None, int]:
    """Parties shown on their own, the pooled group of small parties (if it is big enough itself)
    and the number of respondents in neither (a pooled group still under the threshold)."""
    shown = [party for party in parties if party.n >= min_respondents]
    small = [party for party in parties if 0 < party.n < min_respondents]
    if not small:
        return shown, None, 0
    pooled = PartyInput(
        name=pooled_name,
        respondents=tuple(answers for party in small for answers in party.respondents),
    )
    if pooled.n >= min_respondents:
        return shown, pooled, 0
    return shown, None, pooled.n
