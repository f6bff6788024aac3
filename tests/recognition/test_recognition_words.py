"""Cutting text into words: the fast paths give what the general rules give.

:class:`~grondvorm.recognition.text.Words` picks a cheaper regex for ASCII text and for text
without an apostrophe before a "t", skips folding for ASCII text, and the framing step finds
quotation marks with a regex that starts at the mark. These tests hold each shortcut against a
plain reading of the rules on random text full of the characters that make a difference.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from grondvorm.recognition import framing
from grondvorm.recognition.text import Words, fold

# Letters with and without accents, apostrophes, quotation marks, digits, the underscore, every
# mark that ends a clause or sentence, dashes, whitespace, a letter whose lower case is longer
# (İ) and letters without case (中).
ALPHABET = "abtnXYZ éÉëçßİ中'’‘“”\"0123456789_.,;:!?•()[]-–— \n\t"
TEXTS = st.text(alphabet=ALPHABET, max_size=120)

# The general rules, as one pass over the text: a word is a run of letters with an English
# "n't" kept attached; punctuation between words starts a clause, a full stop and the like a
# sentence.
PIECE = re.compile(
    r"(?P<word>[^\W\d_]+(?:['’]t\b)?)|(?P<stop>[.;:!?•\n])|(?P<pause>[,()\[\]]|\s[-–—]\s)"
)
QUOTED = re.compile(r"(?<!\w)['‘“\"]([^'‘’“”\"\n]{2,80}?)['’”\"](?!\w)")


def reference(text: str) -> list[tuple[str, str, int, int, int, int]]:
    """(word, folded, start, end, clause, sentence) per word, by the general rules."""
    found = []
    clause = sentence = 0
    pause = stop = False
    for match in PIECE.finditer(text):
        if match.lastgroup == "word":
            if pause:
                clause += 1
                sentence += stop
                pause = stop = False
            start, end = match.span()
            found.append((match.group(), fold(match.group()), start, end, clause, sentence))
        else:
            pause = True
            stop = stop or match.lastgroup == "stop"
    return found


def cut(text: str) -> list[tuple[str, str, int, int, int, int]]:
    words = Words(text)
    return [
        (words.written[k], words.norm[k], *words.span(k), words.clause[k], words.sentence[k])
        for k in range(len(words))
    ]


@settings(max_examples=600)
@given(TEXTS)
def test_words_follow_the_general_rules(text):
    assert cut(text) == reference(text)


@settings(max_examples=300)
@given(st.text(alphabet="abc XY'’\".,", max_size=60))
def test_ascii_and_apostrophe_fast_paths_follow_the_general_rules(text):
    assert cut(text) == reference(text)


def test_an_attached_nt_stays_one_word_in_ascii_and_in_unicode_text():
    assert Words("They don't share risk.").norm == ["they", "don't", "share", "risk"]
    assert Words("Zij delen geen risico’s, they don’t.").norm[-2:] == ["they", "don't"]


@settings(max_examples=600)
@given(TEXTS)
def test_quoted_names_are_found_as_by_the_look_behind_first_regex(text):
    assert [m.span(1) for m in framing._QUOTED.finditer(text)] == [
        m.span(1) for m in QUOTED.finditer(text)
    ]
