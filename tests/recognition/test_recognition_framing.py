"""The framing factor of a cue, worked out for its own words only, is the one the per-word rule
gives: every word gets a factor, and a cue counts with the smallest factor of its words."""

from __future__ import annotations

from bisect import bisect_left

from hypothesis import given, settings
from hypothesis import strategies as st

from grondvorm.recognition import framing
from grondvorm.recognition.framing import BEFORE_SUBSTANCE_FACTOR, NAME_FACTOR, Framing
from grondvorm.recognition.signals import read
from grondvorm.recognition.text import Words


def factors_by_the_rule(words: Words, language: str) -> list[float]:
    """The factor of every word: inside a name (quoted, or capitalised without starting its
    sentence, or starting it before another capitalised word), after a naming phrase in its
    clause, or before the last turn to the substance."""
    size = len(words)

    def capitalised(k: int) -> bool:
        word = words.written[k]
        return word[:1].isupper() and any(ch.islower() for ch in word[1:])

    factors = [1.0] * size
    for k in range(size):
        if not capitalised(k):
            continue
        starts_sentence = k == 0 or words.sentence[k - 1] != words.sentence[k]
        next_capitalised = (
            k + 1 < size and words.sentence[k + 1] == words.sentence[k] and capitalised(k + 1)
        )
        if not starts_sentence or next_capitalised:
            factors[k] = NAME_FACTOR
    starts, ends = words.starts(), words.ends()
    for match in framing._QUOTED.finditer(words.text):
        start, end = match.span(1)
        k = bisect_left(starts, start)
        while k < size and ends[k] <= end:
            factors[k] = NAME_FACTOR
            k += 1
    for after in framing._find(words.norm, language, "naming"):
        k = after
        while k < size and words.clause[k] == words.clause[after - 1]:
            factors[k] = min(factors[k], NAME_FACTOR)
            k += 1
    turns = framing._find(words.norm, language, "substance")
    for k in range(max(turns) - 1 if turns else 0):
        factors[k] = min(factors[k], BEFORE_SUBSTANCE_FACTOR)
    return factors


def phrases(language: str, kind: str) -> list[str]:
    return [
        " ".join(phrase)
        for by_second in framing._phrases(language, kind).values()
        for found in by_second.values()
        for phrase in found
    ]


@st.composite
def framed_texts(draw: st.DrawFn) -> tuple[str, str]:
    """Texts full of what framing looks at: names, quotes, naming and substance phrases,
    clause and sentence ends."""
    language = draw(st.sampled_from(["nl", "en"]))
    pieces = st.sampled_from(
        [
            "shared",
            "Shared",
            "Service",
            "Centre",
            "samen",
            "Lerend",
            "Netwerk",
            "risk",
            "the",
            "'Open",
            "Lab'",
            "“Joint",
            "Venture”",
            ",",
            ".",
            ";",
            "\n",
            *phrases(language, "naming"),
            *phrases(language, "substance"),
        ]
    )
    return language, " ".join(draw(st.lists(pieces, min_size=1, max_size=30)))


@settings(max_examples=500)
@given(framed_texts(), st.data())
def test_the_factor_of_some_words_is_the_smallest_factor_the_rule_gives_them(drawn, data):
    language, text = drawn
    words = Words(text)
    if not len(words):
        return
    rule = factors_by_the_rule(words, language)
    first = data.draw(st.integers(0, len(words) - 1))
    last = data.draw(st.integers(first, min(len(words) - 1, first + 3)))
    positions = tuple(range(first, last + 1))
    assert Framing(words, language).factor(positions) == min(rule[k] for k in positions)


def test_a_quoted_name_counts_half_and_the_substance_after_in_fact_fully():
    text = "The 'Learning Alliance' is in fact a shared service centre for payroll."
    factors = {m.positions: m.factor for m in read(text, "en").matches}
    assert factors[(1,)] == factors[(2,)] == NAME_FACTOR  # "Learning", "Alliance": quoted
    assert factors[(7, 8, 9)] == factors[(11,)] == 1.0  # "shared service centre", "payroll"
