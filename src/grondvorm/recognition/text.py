"""Cutting a text into words, accent folding and cached Dutch/English stemming.

A text becomes :class:`Words`: one list per field (the word as written, in lower case, folded,
its clause and sentence number), built with a few passes in C rather than a loop in Python, so
that recognising a long description stays cheap. The character span of each word is kept, so
evidence can quote the text exactly.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from itertools import accumulate, compress, count
from operator import not_
from typing import Any

import snowballstemmer

# A word is a run of letters, with an English "n't" kept attached so that "don't" is one
# negating word. Splitting on it (with the group) gives separator, word, separator, ..., separator.
_WORD_SPLIT = re.compile(r"([^\W\d_]+(?:['’]t\b)?)")
# The same, cheaper to run, for the texts where the parts left out cannot occur: without an
# apostrophe before a "t", and for text in ASCII (whose only letters are a-z and A-Z).
_FAST_WORD_SPLITS = {
    (False, False): re.compile(r"([^\W\d_]+)"),
    (True, True): re.compile(r"([a-zA-Z]+(?:'t\b)?)"),
    (True, False): re.compile(r"([a-zA-Z]+)"),
}
# In a separator: the marks that end a sentence and those that only end a clause.
_BREAK = re.compile(r"(?P<stop>[.;:!?•\n])|(?P<pause>[,()\[\]]|\s[-–—]\s)")
_STEMMER_NAMES = {"nl": "dutch", "en": "english"}


class WordMemo(dict):
    """Remembers ``compute(word)`` per word (``memo[word]``), forgetting all at ``limit`` words.
    A plain dict lookup: cheaper than ``lru_cache`` in the loops over every word of a text, and
    usable in ``map(memo.__getitem__, words)``."""

    def __init__(self, compute: Callable[[str], Any], limit: int = 200_000) -> None:
        super().__init__()
        self.compute = compute
        self.limit = limit

    def __missing__(self, word: str) -> Any:
        if len(self) >= self.limit:
            self.clear()
        value = self[word] = self.compute(word)
        return value


def fold(word: str) -> str:
    """Lower case without diacritics: ``Coöperatie`` → ``cooperatie``."""
    if word.isascii():
        return word.lower()
    lowered = word.lower().replace("’", "'")
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_FOLDED = WordMemo(fold)


def _break_kind(separator: str) -> tuple[int, int]:
    """Whether the text between two words ends a clause, and whether it ends a sentence."""
    kinds = {match.lastgroup for match in _BREAK.finditer(separator)}
    return int(bool(kinds)), int("stop" in kinds)


_BREAKS = WordMemo(_break_kind, limit=10_000)
# The same, one number per memo: each counted with one pass over the separators.
_ENDS_CLAUSE = WordMemo(lambda separator: _BREAKS[separator][0], limit=10_000)
_ENDS_SENTENCE = WordMemo(lambda separator: _BREAKS[separator][1], limit=10_000)
# A separator can only end a sentence when it holds one of these (see _BREAK).
_STOP_CHARACTERS = (".", "\n", ":", ";", "?", "!", "•")


def _split_by_regex(text: str) -> list[str]:
    """The text cut into separator, word, separator, ..., word, separator, by the regex."""
    apostrophe_t = "'t" in text or "’t" in text
    return _FAST_WORD_SPLITS.get((text.isascii(), apostrophe_t), _WORD_SPLIT).split(text)


def _is_letter(char: str) -> bool:
    return _LETTER.fullmatch(char) is not None


# The letters of the word regex, one character at a time.
_LETTER = re.compile(r"[^\W\d_]")
_IS_LETTER = WordMemo(_is_letter, limit=10_000)
_ASCII_LETTERS_AND_SPACE = (string.ascii_letters + " ").encode()
_MARK = "\0"


def _split(text: str) -> list[str]:
    """The text cut into separator, word, separator, ..., word, separator.

    The same as :func:`_split_by_regex`, without a regex search per word: every character that
    is no letter (by the regex's own letter class) gets a mark on either side, the marks between
    two such characters are dropped, and the text is split at the marks that are left. That
    gives letters, others, letters, ..., others, letters, where only the letters at either end
    can be empty. Texts with an apostrophe before a "t" (the regex keeps "n't" with its word) or
    with the mark itself in them go to the regex.
    """
    if not text or _MARK in text or "'t" in text or "’t" in text:
        return _split_by_regex(text)
    # The characters other than ASCII letters and the space: removing ASCII bytes from UTF-8
    # leaves whole characters.
    others = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_LETTERS_AND_SPACE)
    marked = text.replace(" ", f"{_MARK} {_MARK}")
    for char in set(others.decode("utf-8", "surrogatepass")):
        if not _IS_LETTER[char]:
            marked = marked.replace(char, f"{_MARK}{char}{_MARK}")
    pieces = marked.replace(_MARK + _MARK, "").split(_MARK)
    # Before the first word and after the last there is a separator, maybe empty.
    if pieces[0]:
        pieces.insert(0, "")
    else:
        del pieces[0]
    if pieces[-1]:
        pieces.append("")
    else:
        pieces.pop()
    return pieces


class Words:
    """The words of a text, one list per field; position ``k`` is the ``k``-th word.

    ``written`` as in the text, ``lower`` in lower case (with accents: "één" is not "een"),
    ``norm`` folded (lower case, no accents). Punctuation between two words starts a new clause
    (``clause``); a full stop, question mark, colon and the like a new sentence (``sentence``).
    """

    __slots__ = ("_offsets", "_pieces", "clause", "lower", "norm", "sentence", "text", "written")

    def __init__(self, text: str) -> None:
        pieces = _split(text)
        self.text = text
        self.written: list[str] = pieces[1::2]
        self.lower: list[str] = list(map(str.lower, self.written))
        # Folding changes nothing in ASCII words beyond the lower case.
        if text.isascii() or "".join(self.lower).isascii():
            self.norm = self.lower
        else:
            # Only the words outside ASCII need folding (and remembering).
            self.norm = norm = self.lower.copy()
            for k in compress(count(), map(not_, map(str.isascii, norm))):
                norm[k] = _FOLDED[norm[k]]
        separators = pieces[0:-1:2]  # what precedes each word
        self.clause: list[int] = list(accumulate(map(_ENDS_CLAUSE.__getitem__, separators)))
        # Letters are no stop characters: without one before the last separator, the text is
        # one sentence.
        if any(map(text[: len(text) - len(pieces[-1])].__contains__, _STOP_CHARACTERS)):
            self.sentence = list(accumulate(map(_ENDS_SENTENCE.__getitem__, separators)))
        else:
            self.sentence = [0] * len(separators)
        self._pieces = pieces
        self._offsets: list[int] | None = None  # where each piece ends, counted when first asked

    def __len__(self) -> int:
        return len(self.written)

    def _offsets_of_pieces(self) -> list[int]:
        if self._offsets is None:
            self._offsets = list(accumulate(map(len, self._pieces)))
        return self._offsets

    def span(self, first: int, last: int | None = None) -> tuple[int, int]:
        """Where the words ``first`` to ``last`` (default: ``first``) stand in the text."""
        offsets = self._offsets_of_pieces()
        return offsets[2 * first], offsets[2 * (first if last is None else last) + 1]

    def phrase(self, first: int, last: int) -> str:
        """The text from the start of word ``first`` to the end of word ``last``, as written
        (the same as slicing the text with :meth:`span`, without counting offsets)."""
        return "".join(self._pieces[2 * first + 1 : 2 * last + 2])

    def starts(self) -> list[int]:
        """Where each word starts in the text."""
        return self._offsets_of_pieces()[0:-1:2]

    def ends(self) -> list[int]:
        """Where each word ends in the text."""
        return self._offsets_of_pieces()[1::2]


@lru_cache(maxsize=4)
def _stemmer(language: str) -> snowballstemmer.stemmer:
    stemmer = snowballstemmer.stemmer(_STEMMER_NAMES[language])
    if hasattr(stemmer, "maxCacheSize"):
        # PyStemmer's own cache triples the cost of a new word; the memos here remember stems.
        stemmer.maxCacheSize = 0
    return stemmer


def stem(word: str, language: str) -> str:
    """The stem of a folded word (remembered: texts repeat their words)."""
    return stems(language)[word]


def second_stem(word: str, language: str, first: str | None = None) -> str | None:
    """Another stem a Dutch verb form may stand for: the snowball stemmer leaves "deelt",
    "investeert" and "ontwikkeld" alone while it stems "delen", "investeren" and "ontwikkelen"
    to "deel", "investeer" and "ontwikkel". For such a word this returns the stem of the
    infinitive it suggests; the matcher accepts either stem, the model uses only the first.
    ``first`` is the word's own stem, when already known."""
    if language != "nl" or len(word) < 5 or word[-1] not in "td":
        return None
    if (first or stem(word, language)) != word:
        return None
    other = stem(word[:-1] + "en", language)
    return other if other != word else None


def stemmer_function(language: str) -> Callable[[str], str]:
    """The stemmer of ``language`` for one folded word (for a language without a stemmer: the
    word itself)."""
    if language not in _STEMMER_NAMES:
        return str
    return _stemmer(language).stemWord


@lru_cache(maxsize=8)
def stems(language: str) -> WordMemo:
    """Per word in lower case: the stem of its folded form in ``language``."""
    stem_word = stemmer_function(language)
    return WordMemo(lambda lower: stem_word(fold(lower)))
