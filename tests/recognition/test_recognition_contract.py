"""The contract others build on: types, probabilities, axes, evidence, JSON."""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import grondvorm.recognition as recognition
from grondvorm.forms import AXIS_IDS, FORM_IDS, AxisId, FormId
from grondvorm.recognition import HYBRID_MARGIN, Evidence, Recognition, recognise

TEXTS = [
    "Vijf gemeenten brengen hun salarisadministratie onder in één gezamenlijke uitvoeringsorganisatie.",
    "Two software firms formed a consortium to bid on a tender and share the delivery risk.",
    "Een supermarktketen en haar leveranciers maken afspraken over levertijden, prijzen en volumes.",
    "Safety managers from ten plants meet every quarter to share lessons from incidents openly.",
    "Partners share knowledge and also run a joint back office, and they invest in a new product.",
]


def assert_contract(result: Recognition) -> None:
    assert set(result.scores) == set(FORM_IDS)
    assert all(isinstance(form, FormId) for form in result.scores)
    assert math.isclose(sum(result.scores.values()), 1.0, abs_tol=1e-9)
    assert all(0.0 <= p <= 1.0 for p in result.scores.values())
    assert set(result.axes) == set(AXIS_IDS)
    assert all(-1.0 <= v <= 1.0 for v in result.axes.values())
    assert 0.0 <= result.confidence <= 1.0
    if result.form is None:
        assert result.reason in recognition.REASONS
        assert result.confidence == 0.0
    else:
        assert result.reason is None
        assert result.form == max(result.scores, key=result.scores.__getitem__)
        assert result.confidence == result.scores[result.form]


@pytest.mark.parametrize("text", TEXTS)
def test_recognition_keeps_the_contract(text):
    result = recognise(text)

    assert_contract(result)
    assert result.form is not None
    assert result.language in ("nl", "en")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_recognition_keeps_the_contract_on_any_text(text):
    assert_contract(recognise(text))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(" ".join(TEXTS).split()), min_size=0, max_size=60))
def test_recognition_keeps_the_contract_on_shuffled_domain_words(words):
    text = " ".join(words)

    result = recognise(text)

    assert_contract(result)
    assert all(item.phrase in text for item in result.evidence)


def test_recognition_is_a_frozen_dataclass():
    result = recognise(TEXTS[0])

    with pytest.raises(dataclasses.FrozenInstanceError):
        result.form = FormId.LEARNING  # type: ignore[misc]


@pytest.mark.parametrize("text", TEXTS)
def test_evidence_phrases_occur_in_the_text(text):
    result = recognise(text)

    assert result.evidence
    for item in result.evidence:
        assert isinstance(item, Evidence)
        assert item.phrase in text
        axis, _, pole = item.target.partition(":")
        assert item.target in FORM_IDS or (axis in tuple(AxisId) and pole)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_evidence_labels_read_in_both_languages(language):
    result = recognise(TEXTS[1])

    labels = [item.label(language) for item in result.evidence]

    assert all(label.startswith("“") and "”: " in label for label in labels)
    assert len(set(labels)) == len(labels)


def test_evidence_label_names_the_form_in_the_requested_language():
    item = Evidence(phrase="joint venture", target="entrepreneurial", weight=2.0)

    assert item.label("en") == "“joint venture”: points to entrepreneurial"
    assert item.label("nl") == "“joint venture”: wijst op ondernemend"


def test_hybrid_flag_follows_the_documented_margin():
    for text in TEXTS:
        result = recognise(text)
        first, second = sorted(result.scores.values(), reverse=True)[:2]

        assert result.hybrid == (first - second < HYBRID_MARGIN)


def test_axes_are_the_probability_weighted_corners():
    result = recognise(TEXTS[0])
    scores = result.scores

    ambition = (
        scores[FormId.ENTREPRENEURIAL]
        + scores[FormId.LEARNING]
        - scores[FormId.FUNCTIONAL]
        - scores[FormId.TRANSACTIONAL]
    )

    assert math.isclose(result.axes[AxisId.AMBITION], ambition, abs_tol=1e-9)
    assert result.axes[AxisId.AMBITION] < -0.5
    assert result.axes[AxisId.RELATION] > 0.5


def test_to_dict_has_the_agreed_keys_and_scores_summing_to_one():
    data = recognise(TEXTS[2]).to_dict("nl")

    assert {
        "form",
        "scores",
        "axes",
        "hybrid",
        "evidence",
        "confidence",
        "language",
        "reason",
    } <= set(data)
    assert data["form"] == "transactional"
    assert set(data["scores"]) == {form.value for form in FORM_IDS}
    assert math.isclose(sum(data["scores"].values()), 1.0, abs_tol=1e-6)
    assert set(data["axes"]) == {"ambition", "relation"}
    assert {"phrase", "target", "weight", "label"} <= set(data["evidence"][0])


def test_given_language_is_used_instead_of_detection():
    result = recognise(TEXTS[1], language="en")

    assert result.language == "en"


def test_public_api_matches_all():
    exported = {name for name in dir(recognition) if not name.startswith("_")}
    modules = {
        "bulk",
        "detect",
        "evaluation",
        "evidence",
        "framing",
        "lexicon",
        "matching",
        "model",
        "recogniser",
        "resources",
        "result",
        "signals",
        "text",
        "topic",
        "vocabulary",
    }

    assert set(recognition.__all__) == exported - modules
