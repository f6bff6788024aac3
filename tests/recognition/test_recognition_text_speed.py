"""The shortcuts that make cutting a text into words cheap give what the general rules give.

:func:`~grondvorm.recognition.text._split` cuts most texts without a regex search per word, and
:class:`~grondvorm.recognition.text.Words` skips folding when the words are ASCII and looks up
only the separators that hold a character that can end a clause. These tests
hold each shortcut against the general regex and the plain rules on random text full of the
characters that make a difference. Language detection adds up function words per set of
owning languages instead of word by word, and is held against the word-by-word count.
"""

from __future__ import annotations

from collections import Counter
from itertools import accumulate

from hypothesis import example, given, settings
from hypothesis import strategies as st

from grondvorm.recognition import detect, text
from grondvorm.recognition.resources import language_words
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
# Few letters and many separators, so that dashes between spaces (a pause) come up often.
PUNCTUATED = st.text(alphabet="ab -–—,.\n\t", max_size=60)


def general_split(value: str) -> list[str]:
    return text._WORD_SPLIT.split(value)


@settings(max_examples=800)
@given(st.one_of(TEXTS, TEXTS_WITHOUT_T, ASCII_TEXTS))
def test_the_split_without_regex_cuts_as_the_general_regex(value):
    assert text._split(value) == general_split(value)


@settings(max_examples=800)
@given(st.one_of(TEXTS, TEXTS_WITHOUT_T, ASCII_TEXTS, PUNCTUATED))
def test_words_are_folded_and_numbered_as_by_the_general_rules(value):
    words = Words(value)
    assert words.written == general_split(value)[1::2]
    kinds = [text._break_kind(separator) for separator in general_split(value)[0:-1:2]]
    assert words.clause == list(accumulate(clause for clause, _ in kinds))
    assert words.sentence == list(accumulate(sentence for _, sentence in kinds))
    assert words.lower == [word.lower() for word in words.written]
    assert words.norm == [fold(word) for word in words.lower]


def test_texts_at_the_edges_are_cut_as_by_the_regex():
    for value in ("", " ", "a", "a.", ".a", "a b", "  a  ", "\0", "a\0b", "don't", "é", "中文"):
        assert text._split(value) == general_split(value)


def detect_by_sorting(words: list[str]) -> str | None:
    """The language as first written: shares added word by word, all languages sorted."""
    owners_of = detect._owners()
    if not words:
        return None
    counts = dict.fromkeys(language_words(), 0.0)
    for word, times in Counter(filter(owners_of.__contains__, words)).items():
        for code in owners_of[word]:
            counts[code] += times / len(owners_of[word])
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    (best, best_count), (runner_up, second_count) = ranked[0], ranked[1]
    if best_count == 0 or best_count / len(words) < detect.MIN_SHARE:
        return None
    if best_count < detect.MIN_LEAD * second_count:
        if best in detect.READABLE and runner_up in detect.READABLE and best_count > second_count:
            return best
        return None
    return best


# Function words of one, two and three languages ("la": French, Spanish, Italian), and others.
SHARED = sorted(word for word, codes in detect._owners().items() if len(codes) > 1)
SINGLE = sorted(word for word, codes in detect._owners().items() if len(codes) == 1)
WORD_LISTS = st.lists(
    st.one_of(st.sampled_from(SHARED), st.sampled_from(SINGLE), st.sampled_from(["x", "y"])),
    max_size=60,
)
# Dutch ahead of English and German, which tie: the runner-up is English, the first in the file.
NL, EN, DE = (
    sorted(language_words()[code].stopwords - set(SHARED))[0] for code in ("nl", "en", "de")
)
CLOSE_CALL = [NL] * 9 + [EN] * 8 + [DE] * 8


@settings(max_examples=3000)
@given(WORD_LISTS)
@example(CLOSE_CALL)
def test_languages_are_detected_as_by_sorting_the_shares_word_by_word(words):
    assert detect.detect_language(words) == detect_by_sorting(words)
    assert detect.detect_language(iter(words)) == detect_by_sorting(words)
