"""The alignment core: from parties' answers to profiles, alignment, divergence and an agenda."""

from __future__ import annotations

from collections.abc import Sequence

from grondvorm.alignment.aggregate import VIEWS, mean_answers, mean_of_means, split_by_privacy
from grondvorm.alignment.measures import (
    centred,
    divergence,
    forms_named,
    gap,
    measure_alignment,
)
from grondvorm.alignment.model import (
    AgendaTopic,
    AgreementItem,
    AlignmentResult,
    Divergence,
    PartyInput,
    PartyResult,
)
from grondvorm.forms import FormId, load_catalogue
from grondvorm.language import parse_language
from grondvorm.scan import Instrument, load_instrument, score_answers
from grondvorm.texts import load_messages

DEFAULT_MIN_RESPONDENTS = 2
AGENDA_MIN_SPREAD = 0.5  # on the -1 … 1 scale: parties a quarter of the scale apart or more
AGENDA_MAX_TOPICS = 7
TOPIC_STATEMENTS = 2
NOW_WEIGHT = 0.75  # a divergence about now counts a little less than one about the future


def _text(key: str, language: str, **values: object) -> str:
    return load_messages("grondvorm.alignment").get(key, language, **values)


def profile_group(
    party: PartyInput, instrument: Instrument, pooled: bool = False, members: tuple[str, ...] = ()
) -> PartyResult:
    """Score a party on the mean answers of its respondents."""
    mean_now = mean_answers(party.respondents, "now")
    mean_desired = mean_answers(party.respondents, "desired")
    return _result(
        party.name, party.n, pooled, members or (party.name,), mean_now, mean_desired, instrument
    )


def _result(name, n, pooled, members, mean_now, mean_desired, instrument) -> PartyResult:
    now = score_answers(mean_now, instrument)
    desired = score_answers(mean_desired, instrument)
    return PartyResult(
        name=name,
        n=n,
        pooled=pooled,
        members=members,
        now=now,
        desired=desired,
        mean_now=mean_now,
        mean_desired=mean_desired,
        gap=gap(now, desired, mean_now, mean_desired),
    )


def _dimension_divergence(groups: Sequence[PartyResult], view: str) -> tuple[Divergence, ...]:
    dimensions = sorted({dim for group in groups for dim in getattr(group, view).dimensions})
    items = []
    for dim in dimensions:
        values = {
            g.name: getattr(g, view).dimensions[dim]
            for g in groups
            if dim in getattr(g, view).dimensions
        }
        item = divergence(dim, view, values)
        if item is not None:
            items.append(item)
    return tuple(sorted(items, key=lambda d: (-d.spread, d.key)))


def _statement_divergence(groups: Sequence[PartyResult], view: str) -> tuple[Divergence, ...]:
    means = [getattr(g, f"mean_{view}") for g in groups]
    statement_ids = sorted({sid for mean in means for sid in mean})
    items = []
    for sid in statement_ids:
        values = {}
        for group, mean in zip(groups, means, strict=True):
            value = centred(mean.get(sid))
            if value is not None:
                values[group.name] = value
        item = divergence(sid, view, values)
        if item is not None:
            items.append(item)
    return tuple(sorted(items, key=lambda d: (-d.spread, d.key)))


def build_agenda(
    groups: Sequence[PartyResult],
    dimension_divergence: dict[str, tuple[Divergence, ...]],
    statement_divergence: dict[str, tuple[Divergence, ...]],
    instrument: Instrument,
    language: str,
) -> tuple[AgendaTopic, ...]:
    """The dimensions on which the parties differ most (desired weighs more than now), each with
    a question to discuss and the statements that divide most; a form topic first when the parties
    want different forms."""
    topics: list[tuple[float, AgendaTopic]] = []
    desired_forms = forms_named([g.desired for g in groups])
    if len(desired_forms) > 1:
        catalogue = load_catalogue(language)
        names = ", ".join(catalogue.forms[form].name for form in desired_forms)
        first = {
            form: next(g.name for g in groups if g.desired.form == form) for form in desired_forms
        }
        topics.append(
            (
                float("inf"),
                AgendaTopic(
                    dimension="form",
                    title=_text("form_topic_title", language),
                    question=_text("form_topic_question", language, forms=names),
                    spread=max(g.desired.scores[desired_forms[0]] for g in groups)
                    - min(g.desired.scores[desired_forms[0]] for g in groups),
                    view="desired",
                    parties=(first[desired_forms[0]], first[desired_forms[1]]),
                    statements=(),
                ),
            )
        )
    best: dict[str, tuple[float, Divergence]] = {}
    for view in VIEWS:
        weight = 1.0 if view == "desired" else NOW_WEIGHT
        for item in dimension_divergence[view]:
            if item.spread < AGENDA_MIN_SPREAD:
                continue
            weighted = item.spread * weight
            if item.key not in best or weighted > best[item.key][0]:
                best[item.key] = (weighted, item)
    for weighted, item in best.values():
        dimension = instrument.dimensions[item.key]
        in_dimension = [
            d
            for d in statement_divergence[item.view]
            if instrument.statement(d.key).dimension == item.key and d.spread > 0
        ][:TOPIC_STATEMENTS]
        topics.append(
            (
                weighted,
                AgendaTopic(
                    dimension=item.key,
                    title=dimension.names[language],
                    question=dimension.questions[language],
                    spread=item.spread,
                    view=item.view,
                    parties=(item.low_party, item.high_party),
                    statements=tuple(
                        instrument.statement(d.key).texts[language] for d in in_dimension
                    ),
                ),
            )
        )
    topics.sort(key=lambda pair: (-pair[0], pair[1].dimension))
    return tuple(topic for _, topic in topics[:AGENDA_MAX_TOPICS])


def agreements_checklist(form: FormId, language: str) -> tuple[AgreementItem, ...]:
    """The agreements that a collaboration of this form should make."""
    catalogue = load_catalogue(language)
    return tuple(
        AgreementItem(form=form, index=index, text=text)
        for index, text in enumerate(catalogue.forms[form].agreements)
    )


def _checklist_forms(overall: PartyResult | None) -> list[FormId]:
    """The overall desired form (or the most likely one), and for a hybrid also the runner-up."""
    if overall is None:
        return []
    desired = overall.desired
    chosen = [desired.form or desired.ranking[0]]
    if desired.hybrid:
        chosen += [form for form in desired.ranking[:2] if form not in chosen]
    return chosen


def align(
    parties: Sequence[PartyInput],
    *,
    min_respondents: int = DEFAULT_MIN_RESPONDENTS,
    language: str = "en",
    instrument: Instrument | None = None,
) -> AlignmentResult:
    """Profiles per party and overall, alignment, divergence, agenda and agreements checklist.

    Parties with fewer than ``min_respondents`` respondents are pooled into one group; a pooled
    group that is itself still too small is left out of every figure, so no respondent can be
    singled out. Every shown group weighs the same in the overall profile.
    """
    lang = parse_language(language)
    instrument = instrument or load_instrument()
    min_respondents = max(1, int(min_respondents))
    shown, pooled, hidden = split_by_privacy(parties, min_respondents, _text("pooled_party", lang))
    groups = [profile_group(party, instrument) for party in shown]
    if pooled is not None:
        members = tuple(p.name for p in parties if 0 < p.n < min_respondents)
        groups.append(profile_group(pooled, instrument, pooled=True, members=members))
    overall = None
    if groups:
        overall = _result(
            _text("overall", lang),
            sum(g.n for g in groups),
            False,
            tuple(g.name for g in groups),
            mean_of_means([g.mean_now for g in groups]),
            mean_of_means([g.mean_desired for g in groups]),
            instrument,
        )
    dimension_div = {view: _dimension_divergence(groups, view) for view in VIEWS}
    statement_div = {view: _statement_divergence(groups, view) for view in VIEWS}
    checklist = tuple(
        item for form in _checklist_forms(overall) for item in agreements_checklist(form, lang)
    )
    return AlignmentResult(
        language=lang,
        overall=overall,
        parties=tuple(groups),
        alignment={
            view: measure_alignment(view, [getattr(g, view) for g in groups]) for view in VIEWS
        },
        dimension_divergence=dimension_div,
        statement_divergence=statement_div,
        agenda=build_agenda(groups, dimension_div, statement_div, instrument, lang)
        if len(groups) > 1
        else (),
        agreements=checklist,
        respondents=sum(p.n for p in parties),
        min_respondents=min_respondents,
        hidden=hidden,
    )
