"""Tokenising, accent folding and cached Dutch/English stemming.

A token keeps its character span in the original text (so evidence can quote the text exactly)
and the number of the clause it sits in (punctuation starts a new clause), which bounds negation.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from typing import Any, NamedTuple

import snowballstemmer

# One pass over a text finds its words (an English "n't" kept attached, so that "don't" is one
# negating token), the marks that end a sentence and the marks that only end a clause.
_PIECE = re.compile(
    r"(?P<word>[^\W\d_]+(?:['’]t\b)?)|(?P<stop>[.;:!?•\n])|(?P<pause>[,()\[\]]|\s[-–—]\s)"
)
_WORD = re.compile(r"[^\W\d_]+(?:['’]t\b)?")
_STEMMER_NAMES = {"nl": "dutch", "en": "english"}


class Token(NamedTuple):
    """One word of a text: its folded form, its stem, the word in lower case with its accents
    (so "één" and "een" differ), where it is and which clause and sentence hold it."""

    norm: str
    stem: str
    lower: str
    start: int
    end: int
    clause: int
    sentence: int


Word = tuple[str, str, int, int, int, int]  # folded, lower case, start, end, clause, sentence


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower case without diacritics: ``Coöperatie`` → ``cooperatie``."""
    lowered = word.lower().replace("’", "'")
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=4)
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(_STEMMER_NAMES[language])


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """The stem of a folded word (cached: texts repeat their words)."""
    if language not in _STEMMER_NAMES:
        return word
    return _stemmer(language).stemWord(word)


@lru_cache(maxsize=100_000)
def second_stem(word: str, language: str) -> str | None:
    """Another stem a Dutch verb form may stand for: the snowball stemmer leaves "deelt",
    "investeert" and "ontwikkeld" alone while it stems "delen", "investeren" and "ontwikkelen"
    to "deel", "investeer" and "ontwikkel". For such a word this returns the stem of the
    infinitive it suggests; the matcher accepts either stem, the model uses only the first."""
    if language != "nl" or len(word) < 5 or word[-1] not in "td":
        return None
    first = stem(word, language)
    if first != word:
        return None
    other = stem(word[:-1] + "en", language)
    return other if other != first else None


class WordMemo(dict):
    """Remembers ``compute(word)`` per word (``memo[word]``), forgetting all at ``limit`` words.
    A plain dict lookup: cheaper than ``lru_cache`` in the loops over every word of a text."""

    def __init__(self, compute: Callable[[str], Any], limit: int = 200_000) -> None:
        super().__init__()
        self.compute = compute
        self.limit = limit

    def __missing__(self, word: str) -> Any:
        if len(self) >= self.limit:
            self.clear()
        value = self[word] = self.compute(word)
        return value


@lru_cache(maxsize=8)
def word_forms(language: str) -> WordMemo:
    """Per word in lower case: its folded form and its stem in ``language``."""

    def forms(lower: str) -> tuple[str, str]:
        norm = fold(lower)
        return norm, stem(norm, language)

    return WordMemo(forms)


def folded_word_counts(text: str) -> Counter[str]:
    """How often each folded word (lower case, no accents) occurs in ``text``; only the words
    with other than ASCII letters need folding."""
    counts = Counter(_WORD.findall(text.lower()))
    for word in [word for word in counts if not word.isascii()]:
        folded = fold(word)
        if folded != word:
            counts[folded] += counts.pop(word)
    return counts


def words(text: str) -> list[Word]:
    """The folded words of ``text`` with their spans, clause and sentence numbers."""
    return [
        (tok.norm, tok.lower, tok.start, tok.end, tok.clause, tok.sentence)
        for tok in tokenise(text, "")
    ]


def tokenise(text: str, language: str) -> list[Token]:
    """The tokens of ``text``, stemmed for ``language`` (``nl`` or ``en``; another code leaves
    the words unstemmed), with their spans, clause and sentence numbers. Punctuation between two
    words starts a new clause; a full stop, question mark, colon and the like a new sentence."""
    result: list[Token] = []
    append = result.append
    forms, new = word_forms(language), tuple.__new__  # tuple.__new__ skips NamedTuple's __new__
    clause = sentence = 0
    pause = stop = False
    for match in _PIECE.finditer(text):
        kind = match.lastgroup
        if kind == "word":
            if pause:
                clause += 1
                if stop:
                    sentence += 1
                pause = stop = False
            lower = match.group().lower()
            norm, stemmed = forms[lower]
            start, end = match.span()
            append(new(Token, (norm, stemmed, lower, start, end, clause, sentence)))
        else:
            pause = True
            stop = stop or kind == "stop"
    return result
