"""Simple negation: a negated cue about a stance counts against it; one about a topic vanishes."""

from __future__ import annotations

from grondvorm.forms import FormId
from grondvorm.recognition import recognise
from grondvorm.recognition.lexicon import load_lexicon
from grondvorm.recognition.matching import find_cues
from grondvorm.recognition.text import Words


def cues(text: str, language: str) -> dict[str, bool]:
    matches = find_cues(Words(text), load_lexicon(language))
    return {match.cue.phrase: match.negated for match in matches}


def test_without_sharing_risk_flips_the_shared_risk_cue():
    plain = recognise("The two companies share the risk of the new product and split the costs.")
    negated = recognise("The two companies work together without sharing the risk of the product.")

    assert plain.form == FormId.ENTREPRENEURIAL
    risk = [item for item in negated.evidence if item.trait == "risk.shared_risk"]
    assert [item.negated for item in risk] == [True]
    assert risk[0].weight < 0
    assert negated.scores[FormId.ENTREPRENEURIAL] < plain.scores[FormId.ENTREPRENEURIAL]


def test_dutch_geen_gezamenlijke_investering_is_negated():
    found = cues("De partners doen geen gezamenlijke investering in de nieuwe dienst.", "nl")

    assert (
        found[
            "investeren|investeert|investeerden|geïnvesteerd|investering|investeringen|investeerder|investeerders"
        ]
        is True
    )


def test_dutch_negation_after_the_verb_counts():
    found = cues("Ondanks de naam investeren ze niets gezamenlijk in de nieuwe dienst.", "nl")

    assert any(negated for phrase, negated in found.items() if phrase.startswith("investeren|"))


def test_not_only_is_no_negation():
    found = cues("They not only share knowledge but also invest together in a new company.", "en")

    assert found and not any(found.values())


def test_negation_does_not_cross_a_clause():
    found = cues("There is no board, but the partners invest together in the venture.", "en")

    assert any(phrase.startswith("invest|") and not negated for phrase, negated in found.items())


def test_negated_topic_cue_is_removed_not_flipped():
    result = recognise(
        "The partners agreed on a new protocol. There are no penalties for late delivery at all."
    )

    penalties = [item for item in result.evidence if item.phrase.lower().startswith("penalties")]
    assert [item.weight for item in penalties] == [0.0]
