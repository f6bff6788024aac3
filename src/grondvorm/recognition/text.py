"""Tokenising, accent folding and cached Dutch/English stemming.

A token keeps its character span in the original text (so evidence can quote the text exactly)
and the number of the clause it sits in (punctuation starts a new clause), which bounds negation.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import snowballstemmer

# Words, with an English "n't" kept attached so that "don't" is one (negating) token.
_WORD = re.compile(r"[^\W\d_]+(?:['’]t\b)?")
_CLAUSE_BREAK = re.compile(r"[.;:!?()\[\]•\n]|,|\s[-–—]\s")
_SENTENCE_BREAK = re.compile(r"[.;:!?•\n]")
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


def folded_words(text: str) -> list[str]:
    """Just the folded words of ``text`` (for counting and language detection)."""
    return [fold(word) for word in _WORD.findall(text)]


def words(text: str) -> list[Word]:
    """The folded words of ``text`` with their spans, clause and sentence numbers."""
    return [
        (tok.norm, tok.lower, tok.start, tok.end, tok.clause, tok.sentence)
        for tok in tokenise(text, "")
    ]


def tokenise(text: str, language: str) -> list[Token]:
    """The tokens of ``text``, stemmed for ``language`` (``nl`` or ``en``; another code leaves
    the words unstemmed), with their spans, clause and sentence numbers."""
    breaks = [
        (m.start(), _SENTENCE_BREAK.match(m.group()) is not None)
        for m in _CLAUSE_BREAK.finditer(text)
    ]
    count, b = len(breaks), 0
    result: list[Token] = []
    append = result.append
    stem_of, new = stem, tuple.__new__  # tuple.__new__ skips NamedTuple's Python-level __new__
    clause = sentence = 0
    for match in _WORD.finditer(text):
        start = match.start()
        if b < count and breaks[b][0] < start:
            clause += 1
            ends_sentence = False
            while b < count and breaks[b][0] < start:
                ends_sentence = ends_sentence or breaks[b][1]
                b += 1
            if ends_sentence:
                sentence += 1
        lower = match.group().lower()
        norm = fold(lower)
        append(
            new(Token, (norm, stem_of(norm, language), lower, start, match.end(), clause, sentence))
        )
    return result
