"""The alignment core on constructed cases."""

from __future__ import annotations

import pytest

from grondvorm.alignment import AGENDA_MAX_TOPICS, PartyInput, agreements_checklist, align
from grondvorm.forms import FORM_IDS, FormId, load_catalogue
from grondvorm.scan import load_instrument

INSTRUMENT = load_instrument()


def persona(now: FormId, desired: FormId | None = None) -> dict[str, tuple[int, int]]:
    """Answers of someone who agrees with what points to a form and disagrees with the rest."""
    desired = desired or now

    def answer(statement, form):
        return round(3 + 2 * statement.points_to.get(form, 0.0))

    return {s.id: (answer(s, now), answer(s, desired)) for s in INSTRUMENT.statements}


def party(name: str, answers: dict, count: int = 3) -> PartyInput:
    return PartyInput(name=name, respondents=tuple(dict(answers) for _ in range(count)))


def test_identical_parties_are_fully_aligned_with_an_empty_agenda():
    answers = persona(FormId.TRANSACTIONAL)
    result = align([party("A", answers), party("B", answers), party("C", answers)])

    for view in ("now", "desired"):
        assert result.alignment[view].score == pytest.approx(1.0)
        assert result.alignment[view].same_form is True
        assert result.alignment[view].level == "high"
    assert result.agenda == ()
    assert all(d.spread == pytest.approx(0.0) for d in result.dimension_divergence["desired"])


def test_two_camps_put_the_dividing_dimensions_at_the_top_of_the_agenda():
    base = persona(FormId.FUNCTIONAL)
    dividing = {"risk", "time_horizon"}
    camp_high = dict(base)
    camp_low = dict(base)
    for statement in INSTRUMENT.statements:
        if statement.dimension in dividing:
            high, low = (1, 5) if statement.reversed else (5, 1)
            camp_high[statement.id] = (high, high)
            camp_low[statement.id] = (low, low)

    result = align(
        [party("Gemeente", camp_high), party("Zorg", camp_high), party("School", camp_low)],
        language="nl",
    )

    topics = [topic for topic in result.agenda if topic.dimension != "form"]
    assert {topic.dimension for topic in topics[:2]} == dividing
    assert set(topics[0].parties) in ({"Gemeente", "School"}, {"Zorg", "School"})
    assert topics[0].question == INSTRUMENT.dimensions[topics[0].dimension].questions["nl"]
    assert topics[0].statements, "a topic shows the statements that divide most"
    assert result.alignment["desired"].score < 1.0


def test_parties_that_want_different_forms_get_the_form_question_first():
    result = align(
        [
            party("A", persona(FormId.FUNCTIONAL)),
            party("B", persona(FormId.LEARNING)),
        ],
        language="en",
    )

    assert result.agenda[0].dimension == "form"
    assert result.agenda[0].title == "Which basic form do we want?"
    assert set(result.agenda[0].parties) == {"A", "B"}
    assert 3 <= len(result.agenda) <= AGENDA_MAX_TOPICS
    assert result.alignment["desired"].same_form is False
    assert result.alignment["desired"].level == "low"


def test_a_small_party_is_pooled_and_never_shown_alone():
    answers = persona(FormId.LEARNING)
    result = align(
        [party("Big", answers, 3), party("Solo1", answers, 1), party("Solo2", answers, 1)],
        min_respondents=2,
    )

    names = [group.name for group in result.parties]
    assert names == ["Big", "Other parties (pooled)"]
    pooled = result.parties[1]
    assert pooled.pooled is True
    assert pooled.n == 2
    assert pooled.members == ("Solo1", "Solo2")
    assert result.hidden == 0


def test_a_pooled_group_still_too_small_is_left_out_of_every_figure():
    big = persona(FormId.FUNCTIONAL)
    solo = persona(FormId.ENTREPRENEURIAL)
    with_solo = align([party("Big", big, 2), party("Solo", solo, 1)], min_respondents=2)
    without = align([party("Big", big, 2)], min_respondents=2)

    assert [group.name for group in with_solo.parties] == ["Big"]
    assert with_solo.hidden == 1
    assert with_solo.respondents == 3
    assert with_solo.overall.desired.scores == without.overall.desired.scores


def test_every_party_weighs_the_same_in_the_overall_profile():
    many = party("Many", persona(FormId.FUNCTIONAL), 9)
    few = party("Few", persona(FormId.LEARNING), 2)

    result = align([many, few])

    statement = INSTRUMENT.statements[0]
    expected = (many.respondents[0][statement.id][1] + few.respondents[0][statement.id][1]) / 2
    assert result.overall.mean_desired[statement.id] == pytest.approx(expected)
    assert result.overall.n == 11


def test_gap_between_now_and_desired_per_party():
    result = align([party("Movers", persona(FormId.TRANSACTIONAL, FormId.FUNCTIONAL))])

    gap = result.parties[0].gap
    assert result.parties[0].now.form == FormId.TRANSACTIONAL
    assert result.parties[0].desired.form == FormId.FUNCTIONAL
    assert gap.form_changes is True
    assert gap.axes["relation"] > 0.5  # from exchange towards share
    assert gap.distance > 0.2
    assert gap.statements


def test_checklist_follows_the_desired_overall_form():
    result = align(
        [party("A", persona(FormId.ENTREPRENEURIAL)), party("B", persona(FormId.ENTREPRENEURIAL))],
        language="nl",
    )

    expected = load_catalogue("nl").forms[FormId.ENTREPRENEURIAL].agreements
    assert [item.text for item in result.agreements] == list(expected)
    assert result.agreements[0].key == "entrepreneurial:0"


@pytest.mark.parametrize("form", FORM_IDS)
def test_agreements_checklist_exists_for_every_form(form):
    items = agreements_checklist(form, "en")

    assert [item.index for item in items] == list(range(len(items)))
    assert all(item.text for item in items)


def test_no_respondents_gives_empty_results():
    result = align([PartyInput("A", ()), PartyInput("B", ())])

    assert result.parties == ()
    assert result.overall is None
    assert result.agenda == ()
    assert result.to_dict()["overall"] is None


def test_result_dict_has_the_api_shape():
    data = align(
        [party("A", persona(FormId.LEARNING)), party("B", persona(FormId.FUNCTIONAL))]
    ).to_dict()

    assert {"overall", "parties", "alignment", "agenda"} <= set(data)
    assert [p["name"] for p in data["parties"]] == ["A", "B"]
    assert {"name", "n", "now", "desired"} <= set(data["parties"][0])
    assert set(data["parties"][0]["now"]) >= {
        "form",
        "scores",
        "axes",
        "hybrid",
        "dimensions",
        "warnings",
    }
    assert sum(data["overall"]["desired"]["scores"].values()) == pytest.approx(1.0)
    assert data["agenda"][0]["question"]
