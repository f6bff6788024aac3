"""Properties of the scoring that must hold for any answers (hypothesis)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scan_helpers import IDS

from grondvorm.forms import AXIS_IDS, FORM_IDS
from grondvorm.scan import score_answers

whole = st.integers(min_value=1, max_value=5)
fractional = st.floats(min_value=1, max_value=5, allow_nan=False)
value = st.one_of(st.none(), whole, fractional)
answers_strategy = st.dictionaries(st.sampled_from(IDS), value)
complete_strategy = st.fixed_dictionaries({key: value for key in IDS})


@settings(max_examples=300, deadline=None)
@given(answers_strategy)
def test_scores_sum_to_one_and_everything_stays_in_range(answers):
    profile = score_answers(answers)

    assert math.fsum(profile.scores.values()) == pytest.approx(1.0, abs=1e-9)
    assert set(profile.scores) == set(FORM_IDS)
    assert all(0 <= score <= 1 for score in profile.scores.values())
    assert set(profile.axes) == set(AXIS_IDS)
    assert all(-1 <= position <= 1 for position in profile.axes.values())
    assert all(-1 <= score <= 1 for score in profile.dimensions.values())
    assert 0 <= profile.confidence <= 1
    assert profile.answered == sum(value is not None for value in answers.values())
    if profile.form is not None:
        assert profile.form == profile.ranking[0]
    to_dict = profile.to_dict()
    assert math.fsum(to_dict["scores"].values()) == pytest.approx(1.0, abs=1e-9)
    assert all(abs(to_dict["scores"][f] - profile.scores[f]) <= 1e-4 for f in FORM_IDS)


@settings(max_examples=200, deadline=None)
@given(answers_strategy, st.randoms(use_true_random=False))
def test_the_order_of_the_answers_does_not_matter(answers, random):
    items = list(answers.items())
    random.shuffle(items)

    assert score_answers(dict(items)) == score_answers(answers)


@settings(max_examples=300, deadline=None)
@given(complete_strategy, st.sets(st.sampled_from(IDS)))
def test_missing_answers_never_raise_confidence(answers, missing):
    fewer = {key: (None if key in missing else value) for key, value in answers.items()}

    full, partial = score_answers(answers), score_answers(fewer)

    assert partial.confidence <= full.confidence + 1e-12
    assert partial.answered <= full.answered


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([1, 2, 4, 5]), st.sets(st.sampled_from(IDS), max_size=8))
def test_confidence_falls_as_answers_go_missing(extreme, missing):
    complete = {key: extreme if index % 2 else 6 - extreme for index, key in enumerate(IDS)}
    fewer = {key: value for key, value in complete.items() if key not in missing}

    if missing:
        assert score_answers(fewer).confidence < score_answers(complete).confidence


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([1.0, 2.0, 3.0, 4.0, 5.0, 1.5, 4.25]))
def test_a_constant_answer_never_names_a_form(constant):
    profile = score_answers(dict.fromkeys(IDS, constant))

    assert profile.form is None
    assert max(profile.scores.values()) == pytest.approx(0.25)


@settings(max_examples=200, deadline=None)
@given(answers_strategy)
def test_scoring_is_deterministic(answers):
    assert score_answers(answers) == score_answers(dict(answers))
