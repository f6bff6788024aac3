"""The shortcuts that make cutting a text into words cheap give what the general rules give.

:func:`~grondvorm.recognition.text._split` cuts most texts without a regex search per word, and
:class:`~grondvorm.recognition.text.Words` skips folding when the words are ASCII. These tests
hold each shortcut against the general regex and the plain rules on random text full of the
characters that make a difference.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from grondvorm.recognition import text
from grondvorm.recognition.text import Words, fold

# Letters with and without accents, letters that are no letters to str.isalpha but are to the
# regex (²), a letter whose lower case is longer (İ), a sigma (its lower case depends on what
# follows), a letter that folds to a space (ͺ), letters without case (中), a combining accent,
# a surrogate, an emoji, the mark the shortcut uses (NUL), apostrophes, quotes, digits, the
# underscore, every mark that ends a clause or sentence, dashes and whitespace.
SPECIAL = "éÉëçßİΣσͺ中²\u0301\ud800😀\0'’‘“”\"0123456789_.,;:!?•()[]-–— \n\t"
TEXTS = st.text(alphabet="abnXYZ t" + SPECIAL, max_size=120)
# Without a "t" no apostrophe comes before one, so these texts take the shortcut (unless a NUL).
TEXTS_WITHOUT_T = st.text(alphabet="abnXYZ " + SPECIAL, max_size=120)
ASCII_TEXTS = st.text(alphabet="abnXYZ '\".,;:-()\n0_", max_size=120)


def general_split(value: str) -> list[str]:
    return text._WORD_SPLIT.split(value)


@settings(max_examples=800)
@given(st.one_of(TEXTS, TEXTS_WITHOUT_T, ASCII_TEXTS))
def test_the_split_without_regex_cuts_as_the_general_regex(value):
    assert text._split(value) == general_split(value)


@settings(max_examples=400)
@given(st.one_of(TEXTS, TEXTS_WITHOUT_T))
def test_words_are_folded_as_by_fold(value):
    words = Words(value)
    assert words.written == general_split(value)[1::2]
    assert words.lower == [word.lower() for word in words.written]
    assert words.norm == [fold(word) for word in words.lower]


def test_texts_at_the_edges_are_cut_as_by_the_regex():
    for value in ("", " ", "a", "a.", ".a", "a b", "  a  ", "\0", "a\0b", "don't", "é", "中文"):
        assert text._split(value) == general_split(value)
