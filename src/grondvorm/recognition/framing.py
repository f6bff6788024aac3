"""Names and labels versus substance.

Texts often *name* a collaboration ("the Pollinator Monitoring Consortium", "'Lerend Bouwen'",
"calls it a partnership") in words that point to another form than what the parties actually
do. The basic-form model asks for the substance, so a cue counts less when it sits

- inside a name: between quotes, or in capitalised words that do not start a sentence;
- in the clause after a naming phrase ("calls it", "branded as", "noemt het", "heet");
- before a turn to the substance ("in practice", "in fact", "feitelijk", "in de kern").

Each word gets a factor (1, or :data:`NAME_FACTOR`, or :data:`BEFORE_SUBSTANCE_FACTOR`); a cue
counts with the smallest factor of its words. The phrases live in ``data/languages.toml``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from itertools import compress, count

from grondvorm.recognition.resources import load_toml
from grondvorm.recognition.text import WordMemo, Words

NAME_FACTOR = 0.5
BEFORE_SUBSTANCE_FACTOR = 0.5
# A quotation mark not preceded by a letter (the look-behind comes after the mark, so that the
# regex engine can skip ahead to the next mark), up to 80 characters and a closing mark.
_QUOTED = re.compile(r"['‘“\"](?<!\w['‘“\"])([^'‘’“”\"\n]{2,80}?)['’”\"](?!\w)")


@cache
def _phrases(language: str, kind: str) -> dict[str, dict[str, tuple[tuple[str, ...], ...]]]:
    """The phrases of one kind, indexed by their first word and then by their second ("" for a
    phrase of one word)."""
    table = load_toml("languages.toml").get("framing", {}).get(language, {})
    index: dict[str, dict[str, list[tuple[str, ...]]]] = {}
    for phrase in table.get(kind, ()):
        folded = tuple(Words(phrase).norm)
        second = folded[1] if len(folded) > 1 else ""
        index.setdefault(folded[0], {}).setdefault(second, []).append(folded)
    return {
        first: {second: tuple(found) for second, found in by_second.items()}
        for first, by_second in index.items()
    }


def _find(norms: list[str], language: str, kind: str) -> list[int]:
    """Positions just after each occurrence of a phrase of ``kind``."""
    index = _phrases(language, kind)
    found: list[int] = []
    if index.keys().isdisjoint(norms):  # no word starts a phrase (most texts): nothing to find
        return found
    for i in compress(count(), map(index.__contains__, norms)):
        by_second = index[norms[i]]
        if "" in by_second:  # a phrase of one word
            found.append(i + 1)
        if i + 1 < len(norms):
            for phrase in by_second.get(norms[i + 1], ()):
                end = i + len(phrase)
                if tuple(norms[i:end]) == phrase:
                    found.append(end)
    return found


_CAPITALISED = WordMemo(
    lambda word: word[:1].isupper() and any(ch.islower() for ch in word[1:]), limit=50_000
)


class Framing:
    """The framing of one text: :meth:`factor` gives the framing factor of the words at some
    positions (see the module notes). Only the words of the cues found are ever asked about, so
    a word's own factor is worked out when asked for; what depends on the whole text (the
    naming and substance phrases) is found once."""

    __slots__ = ("_boundary", "_named", "_quoted", "_words")

    def __init__(self, words: Words, language: str) -> None:
        self._words = words
        norms, clauses = words.norm, words.clause
        # Per clause that a naming phrase ends in: where the words after the phrase start.
        self._named: dict[int, int] = {}
        for after in _find(norms, language, "naming"):
            clause = clauses[after - 1]
            self._named[clause] = min(after, self._named.get(clause, after))
        turns = _find(norms, language, "substance")
        self._boundary = max(turns) - 1 if turns else 0  # the words before it count less
        self._quoted: set[int] | None = None  # the positions of the words in quotes, when asked

    def factor(self, positions: tuple[int, ...]) -> float:
        """The smallest framing factor of the words at ``positions``."""
        factor = 1.0
        if self._boundary > positions[0]:
            factor = BEFORE_SUBSTANCE_FACTOR  # the first word stands before the turn
        named, clauses = self._named, self._words.clause
        quoted = self._quoted_positions()
        for k in positions:
            after = named.get(clauses[k]) if named else None
            if (after is not None and k >= after) or k in quoted or self._in_name(k):
                return min(factor, NAME_FACTOR)
        return factor

    def _capitalised(self, k: int) -> bool:
        word = self._words.written[k]
        return not word.islower() and _CAPITALISED[word]

    def _in_name(self, k: int) -> bool:
        """A capitalised word that does not start its sentence, or that starts it and is
        followed by another capitalised word in the same sentence."""
        if not self._capitalised(k):
            return False
        sentences = self._words.sentence
        if k > 0 and sentences[k - 1] == sentences[k]:
            return True
        return (
            k + 1 < len(sentences) and sentences[k + 1] == sentences[k] and self._capitalised(k + 1)
        )

    def _quoted_positions(self) -> set[int]:
        if self._quoted is None:
            self._quoted = set()
            words = self._words
            text = words.text
            if "'" in text or '"' in text or "‘" in text or "“" in text:
                quoted = [m.span(1) for m in _QUOTED.finditer(text)]
                if quoted:
                    starts, ends = words.starts(), words.ends()
                    for start, end in quoted:
                        k = bisect_left(starts, start)
                        while k < len(starts) and ends[k] <= end:
                            self._quoted.add(k)
                            k += 1
        return self._quoted
