"""The shortcuts in reading and scoring a text give exactly what the general rules give.

Each test holds a faster way of computing something in :mod:`grondvorm.recognition` against a
plain version of the rule it replaces, on random input; floats must agree bit for bit.
"""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grondvorm.forms.ids import FORM_IDS
from grondvorm.recognition import framing, model, signals
from grondvorm.recognition.lexicon import Cue
from grondvorm.recognition.matching import Match
from grondvorm.recognition.recogniser import recognise
from grondvorm.recognition.resources import language_words
from grondvorm.recognition.result import Recognition
from grondvorm.recognition.signals import Signals
from grondvorm.recognition.text import Words, stemmer_function

FLOATS = st.floats(min_value=-4.0, max_value=4.0, allow_nan=False) | st.sampled_from(
    [0.0, -0.0, 0.1, 0.2, 0.3, 1 / 3, 0.5, 1.0, 2.0, 1e-300, 1e300]
)
TARGETS = st.sampled_from(
    [
        "functional",
        "learning",
        "trait:risk.shared_risk",
        "trait:risk.dependence",
        "trait:governance.board",
        "trait:openness.open",
        "ambition:renew",
        "relation:share",
    ]
)


@st.composite
def cues(draw: st.DrawFn) -> Cue:
    vector = tuple(draw(st.lists(FLOATS, min_size=4, max_size=4)))
    if draw(st.booleans()):
        vector = (0.0, 0.0, 0.0, 0.0)  # an idiom: points nowhere
    return Cue(
        id=draw(st.integers(0, 10)),
        phrase="a phrase",
        target=draw(TARGETS),
        weight=draw(FLOATS),
        vector=vector,  # type: ignore[arg-type]
        parts=(),
    )


@st.composite
def matches(draw: st.DrawFn) -> Match:
    first = draw(st.integers(0, 20))
    positions = tuple(range(first, first + draw(st.integers(1, 3))))
    factor = draw(st.sampled_from([1.0, 0.5, 0.25]) | FLOATS)
    return Match(draw(cues()), positions, draw(st.booleans()), factor)


MATCH_LISTS = st.lists(matches(), max_size=12)


def bits(values: object) -> list[str]:
    """Floats as exact hexadecimal strings (so that 0.0 and -0.0 differ), anything else as is."""
    if isinstance(values, float):
        return [values.hex()]
    if isinstance(values, (tuple, list)):
        return [bit for value in values for bit in bits(value)]
    return [repr(values)]


def lexicon_scores_by_the_rule(found: list[Match]) -> tuple[float, ...]:
    scores = [0.0] * len(FORM_IDS)
    for match in found:
        weight = signals.match_factor(match) * match.cue.weight
        for i, share in enumerate(match.cue.vector):
            scores[i] += weight * share
    return tuple(scores)


@settings(max_examples=400)
@given(MATCH_LISTS)
def test_lexicon_scores_add_up_as_the_loop_over_each_cue_vector(found):
    assert bits(signals.lexicon_scores(found)) == bits(lexicon_scores_by_the_rule(found))


@settings(max_examples=300)
@given(MATCH_LISTS)
def test_cue_strength_and_the_lexicon_signal_follow_their_definitions(found):
    strength = sum(abs(m.cue.weight) for m in found if m.cue.points)
    assert bits(signals.cue_strength(found)) == bits(strength)
    lexicon = lexicon_scores_by_the_rule(found)
    made = Signals(language="en", lexicon=lexicon, cue_strength=strength)
    factor = 1.0 / math.sqrt(1.0 + strength)
    assert bits(made.lexicon_signal) == bits(tuple(v * factor for v in lexicon))


def test_read_makes_the_signals_the_constructor_makes():
    text = "Two councils share their purchasing and knowledge with each other, without risk."
    read = signals.read(text)
    made = Signals(
        language=read.language,
        reason=read.reason,
        words=read.words,
        matches=read.matches,
        lexicon=read.lexicon,
        features=read.features,
        cue_strength=read.cue_strength,
    )
    assert read == made
    assert vars(read) == vars(made)
    assert list(vars(read)) == [field.name for field in dataclasses.fields(Signals)]
    assert type(read) is Signals
    with pytest.raises(dataclasses.FrozenInstanceError):
        read.language = "nl"  # type: ignore[misc]
    assert isinstance(read.words, Words)


def features_by_the_rule(words: Words, language: str) -> dict[str, tuple[int, int]]:
    """Each content stem (the stem of a folded word that is no stopword or counting word, of
    three letters or more) and each pair of neighbouring content stems in one clause, first
    occurrence kept, names built per word."""
    found: dict[str, tuple[int, int]] = {}
    function_words = language_words()[language]
    left_out = function_words.stopwords | function_words.counting
    stem_of = {norm: stemmer_function(language)(norm) for norm in words.norm}
    content = [
        (k, stem_of[norm])
        for k, norm in enumerate(words.norm)
        if len(stem_of[norm]) >= 3 and norm not in left_out
    ]
    for j, (position, stem) in enumerate(content):
        found.setdefault(f"{language}:{stem}", (position, position))
        if j:
            previous, previous_stem = content[j - 1]
            if words.clause[previous] == words.clause[position]:
                name = f"{language}:{previous_stem}+{stem}"
                found.setdefault(name, (previous, position))
    return found


WORDY_TEXTS = st.lists(
    st.sampled_from(
        [
            "de",
            "het",
            "risico",
            "risico's",
            "delen",
            "deelt",
            "samen",
            "gemeenten",
            "share",
            "shares",
            "sharing",
            "risk",
            "the",
            "of",
            "and",
            "partners",
            "invest",
            "investeren",
            "ab",
            "xy",
            ",",
            ".",
            ";",
            "(",
            ")",
            "-",
        ]
    ),
    max_size=40,
).map(" ".join)


@settings(max_examples=300)
@given(WORDY_TEXTS, st.sampled_from(["nl", "en"]))
def test_features_are_the_stems_and_pairs_of_the_rule_in_text_order(text, language):
    words = Words(text)
    found = model.features(words, language)
    assert list(found.items()) == list(features_by_the_rule(words, language).items())


def phrase_ends_by_the_rule(norms: list[str], language: str, kind: str) -> list[int]:
    """Every position just after a phrase of ``kind``, trying every phrase at every word."""
    phrases = [
        p
        for by_second in framing._phrases(language, kind).values()
        for ps in by_second.values()
        for p in ps
    ]
    found = []
    for i in range(len(norms)):
        for phrase in sorted(phrases, key=lambda p: (len(p) > 1, p)):
            if tuple(norms[i : i + len(phrase)]) == phrase:
                found.append(i + len(phrase))
    return found


@st.composite
def framing_words(draw: st.DrawFn) -> tuple[str, list[str]]:
    language = draw(st.sampled_from(["nl", "en"]))
    vocabulary = sorted(
        {
            word
            for kind in ("naming", "substance")
            for by_second in framing._phrases(language, kind).values()
            for ps in by_second.values()
            for p in ps
            for word in p
        }
    )
    words = st.sampled_from(vocabulary) | st.sampled_from(["x", "plan", "samen"])
    return language, draw(st.lists(words, max_size=30))


@settings(max_examples=400)
@given(framing_words(), st.sampled_from(["naming", "substance"]))
def test_framing_phrases_are_found_as_by_trying_every_phrase_everywhere(drawn, kind):
    language, norms = drawn
    assert sorted(framing._find(norms, language, kind)) == sorted(
        phrase_ends_by_the_rule(norms, language, kind)
    )


def test_recognise_makes_the_recognition_the_constructor_makes():
    text = "Two councils share their purchasing and knowledge with each other, without risk."
    found = recognise(text)
    made = Recognition(
        **{field.name: getattr(found, field.name) for field in dataclasses.fields(Recognition)}
    )
    assert found == made
    assert list(vars(found)) == [field.name for field in dataclasses.fields(Recognition)]
    assert type(found) is Recognition
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.form = None  # type: ignore[misc]


@settings(max_examples=200)
@given(WORDY_TEXTS, st.sampled_from(["nl", "en"]))
def test_contributions_follow_their_definition(text, language):
    linear = model.load_model()
    found = model.features(Words(text), language)
    known = [name for name in found if name in linear.weights]
    value = model.feature_value(len(found))
    columns = zip(*(linear.weights[name] for name in known), strict=True)
    totals = [value * sum(column) for column in columns] if known else [0.0] * 4
    made = linear.contributions(found)
    assert type(made) is model.Contributions
    assert made.known == known
    assert bits([made.value, *made.totals]) == bits([value, *totals])


@settings(max_examples=300)
@given(cues())
def test_a_cues_derived_fields_follow_their_definitions(cue):
    vector = list(cue.vector)
    assert cue.trait == (cue.target.split(":", 1)[1] if cue.target.startswith("trait:") else None)
    assert cue.points == any(value != 0 for value in vector)
    assert cue.peak == max(vector)
    # the first form with the largest share
    assert cue.leading_form == min(k for k, value in enumerate(vector) if value == max(vector))


def test_the_derived_fields_stay_out_of_a_cues_equality_and_repr():
    cue = Cue(
        id=1,
        phrase="joint venture",
        target="entrepreneurial",
        weight=3.0,
        vector=(0.0, 1.0, 0.0, 0.0),
        parts=(),
    )
    assert cue == Cue(1, "joint venture", "entrepreneurial", 3.0, (0.0, 1.0, 0.0, 0.0), ())
    assert "peak" not in repr(cue)
    with pytest.raises(dataclasses.FrozenInstanceError):
        cue.peak = 0.0  # type: ignore[misc]
