"""Scoring examples: pure forms, neutral, acquiescence, hybrids, warnings, the profile's shape."""

from __future__ import annotations

import itertools

import pytest
from scan_helpers import IDS, INSTRUMENT, everywhere, pure, response

from grondvorm.forms import FORM_IDS, QUADRANTS, AxisId, FormId
from grondvorm.scan import (
    Profile,
    ResponseError,
    parse_response,
    score_answers,
    score_response,
)
from grondvorm.scan.scoring import FORM_THRESHOLD, centre, quadrant_scores


@pytest.mark.parametrize("form", FORM_IDS)
def test_pure_respondent_lands_in_that_form_now_and_desired(form):
    answers = pure(form)
    data = response({key: {"now": value, "desired": value} for key, value in answers.items()})

    score = score_response(parse_response(data))

    for profile in (score.now, score.desired):
        assert profile.form == form
        assert profile.scores[form] >= 0.6
        assert profile.hybrid is False
        assert profile.warnings == ()
        assert profile.confidence > 0.8


@pytest.mark.parametrize("form", FORM_IDS)
def test_pure_respondent_sits_in_the_quadrant_of_that_form(form):
    profile = score_answers(pure(form))

    ambition, relation = QUADRANTS[form]
    assert profile.axes[AxisId.AMBITION] == ambition
    assert profile.axes[AxisId.RELATION] == relation


@pytest.mark.parametrize("form", FORM_IDS)
def test_a_respondent_who_agrees_moderately_still_lands_in_the_form(form):
    mild = {key: 3 + (value - 3) / 2 for key, value in pure(form).items()}  # 2, 3 or 4

    profile = score_answers(mild)

    assert profile.form == form
    assert profile.scores[form] >= 0.6


def test_all_neutral_gives_no_form_and_no_confidence():
    profile = score_answers(everywhere(3))

    assert profile.form is None
    assert profile.scores == dict.fromkeys(FORM_IDS, 0.25)
    assert profile.confidence == 0.0
    assert profile.hybrid is False
    assert profile.axes == {AxisId.AMBITION: 0.0, AxisId.RELATION: 0.0}


@pytest.mark.parametrize("value", [1, 2, 4, 5, 4.5])
def test_the_same_answer_everywhere_points_nowhere(value):
    profile = score_answers(everywhere(value))

    assert profile.form is None
    assert profile.hybrid is False
    assert max(profile.scores.values()) == pytest.approx(0.25)
    assert profile.axes == {AxisId.AMBITION: 0.0, AxisId.RELATION: 0.0}
    assert "straight_lining" in [warning.code for warning in profile.warnings]


def test_acquiescence_is_flagged_as_contradictory():
    profile = score_answers(everywhere(5))

    contradictory = [w for w in profile.warnings if w.code == "contradictory"]
    assert len(contradictory) == 1
    assert contradictory[0].params["pairs"][:2] == ["A1/A2", "A3/A4"]
    assert profile.confidence == pytest.approx(0.75)


@pytest.mark.parametrize(("first", "second"), list(itertools.combinations(FORM_IDS, 2)))
def test_a_respondent_split_evenly_between_two_forms_is_a_hybrid_of_those_two(first, second):
    split = {key: (pure(first)[key] + pure(second)[key]) / 2 for key in IDS}

    profile = score_answers(split)

    assert profile.hybrid is True
    assert set(profile.ranking[:2]) == {first, second}
    assert profile.form in (first, second, None)


def test_no_answers_at_all_gives_a_uniform_profile_and_a_warning():
    profile = score_answers({})

    assert profile.form is None
    assert profile.answered == 0
    assert profile.confidence == 0.0
    assert [warning.code for warning in profile.warnings] == ["too_few_answers"]
    assert profile.warnings[0].params == {"answered": 0, "total": 32, "minimum": 16}


def test_too_few_answers_gives_no_form_even_when_they_are_clear():
    clear = pure(FormId.LEARNING)
    few = {key: clear[key] for key in IDS[:15]}

    profile = score_answers(few)

    assert profile.ranking[0] == FormId.LEARNING
    assert profile.scores[FormId.LEARNING] > FORM_THRESHOLD
    assert profile.form is None
    assert profile.hybrid is False
    assert profile.warnings[0].code == "too_few_answers"


def test_many_dont_know_is_warned_but_a_form_is_still_named():
    answers: dict[str, float | None] = dict(pure(FormId.FUNCTIONAL))
    for key in IDS[::3]:  # 11 of 32 open
        answers[key] = None

    profile = score_answers(answers)

    assert profile.form == FormId.FUNCTIONAL
    assert profile.answered == 21
    assert [warning.code for warning in profile.warnings] == ["many_dont_know"]
    assert profile.warnings[0].message("en") == (
        "11 of the 32 statements were answered 'don't know' or left open (more than 8)"
    )


def test_eight_open_statements_are_not_too_many():
    answers: dict[str, float | None] = dict(pure(FormId.FUNCTIONAL))
    for key in IDS[:8]:
        answers[key] = None

    assert score_answers(answers).warnings == ()


def test_one_contradicting_pair_is_named():
    answers = dict(pure(FormId.TRANSACTIONAL))
    answers["R3"] = answers["R4"] = 4

    profile = score_answers(answers)

    assert [warning.code for warning in profile.warnings] == ["contradictory"]
    assert profile.warnings[0].message("nl") == (
        "tegenstrijdige antwoorden: eens met beide stellingen van R3/R4, die elkaar tegenspreken"
    )


def test_straight_lining_counts_the_same_answer_on_nine_in_ten():
    answers: dict[str, float | None] = everywhere(4)
    answers["A1"], answers["A2"], answers["A3"] = 1, 2, 5

    profile = score_answers(answers)

    straight = [w for w in profile.warnings if w.code == "straight_lining"]
    assert straight[0].params == {"count": 29, "answered": 32, "value": "4"}


def test_straight_lining_needs_at_least_ten_answers():
    answers = {key: 2 for key in IDS[:9]}

    codes = [warning.code for warning in score_answers(answers).warnings]

    assert "straight_lining" not in codes


def test_unknown_statement_and_bad_values_are_refused():
    with pytest.raises(ResponseError, match="statement X1 does not exist"):
        score_answers({"X1": 3})
    with pytest.raises(ResponseError, match=r"statement A1: 5.5 is outside the scale"):
        score_answers({"A1": 5.5})
    with pytest.raises(ResponseError, match="statement A1: nan is not a number"):
        score_answers({"A1": float("nan")})
    with pytest.raises(ResponseError, match="statement A1: True is not a number"):
        score_answers({"A1": True})
    with pytest.raises(ResponseError, match="statement A1: '3' is not a number"):
        score_answers({"A1": "3"})  # type: ignore[dict-item]


def test_centre_maps_the_scale_onto_minus_one_to_one():
    assert [centre(value) for value in (1, 2, 3, 4, 5)] == [-1.0, -0.5, 0.0, 0.5, 1.0]


def test_quadrant_scores_are_one_at_a_corner_and_uniform_at_the_centre():
    assert quadrant_scores(1, -1)[FormId.LEARNING] == 1
    assert quadrant_scores(0, 0) == dict.fromkeys(FORM_IDS, 0.25)


def test_profile_to_dict_has_exactly_the_contract_keys():
    profile = score_answers(pure(FormId.ENTREPRENEURIAL))

    data = profile.to_dict("nl")

    assert set(data) == {
        "form",
        "scores",
        "axes",
        "hybrid",
        "dimensions",
        "warnings",
        "confidence",
        "answered",
    }
    assert data["form"] == "entrepreneurial"
    assert list(data["scores"]) == ["functional", "entrepreneurial", "transactional", "learning"]
    assert list(data["axes"]) == ["ambition", "relation"]
    assert list(data["dimensions"]) == list(INSTRUMENT.dimensions)
    assert data["warnings"] == []
    assert data["answered"] == 32


def test_warnings_in_to_dict_are_code_and_message_in_the_language():
    data = score_answers({}).to_dict("nl")

    assert data["warnings"] == [
        {
            "code": "too_few_answers",
            "message": "slechts 0 van de 32 stellingen beantwoord; "
            "voor een grondvorm zijn er minstens 16 nodig",
        }
    ]


def test_profile_is_frozen():
    profile = score_answers({})

    assert isinstance(profile, Profile)
    with pytest.raises(AttributeError):
        profile.form = FormId.LEARNING  # type: ignore[misc]


def test_scoring_the_mean_of_a_party_uses_the_same_function():
    members = [pure(FormId.LEARNING), pure(FormId.LEARNING), pure(FormId.ENTREPRENEURIAL)]
    mean = {key: sum(member[key] for member in members) / len(members) for key in IDS}

    profile = score_answers(mean)

    assert profile.form == FormId.LEARNING
    assert profile.ranking[1] == FormId.ENTREPRENEURIAL


def test_warnings_are_hashable_so_now_and_desired_warnings_can_be_merged():
    now = score_answers(everywhere(5)).warnings
    desired = score_answers(everywhere(5)).warnings

    assert list(dict.fromkeys(now + desired)) == list(now)
