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
from operator import not_

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


def token_factors(words: Words, language: str) -> list[float]:
    """The framing factor of each word (see the module notes)."""
    text, written, sentences = words.text, words.written, words.sentence
    size = len(written)
    factors = [1.0] * size
    # A word in lower case (most words) is not capitalised; the others are looked up.
    capitalised = [False] * size
    for i in compress(count(), map(not_, map(str.islower, written))):
        capitalised[i] = _CAPITALISED[written[i]]
    for i in compress(count(), capitalised):
        starts_sentence = i == 0 or sentences[i - 1] != sentences[i]
        if not starts_sentence or (
            i + 1 < size and sentences[i + 1] == sentences[i] and capitalised[i + 1]
        ):
            factors[i] = NAME_FACTOR
    may_quote = "'" in text or '"' in text or "‘" in text or "“" in text
    quoted = [m.span(1) for m in _QUOTED.finditer(text)] if may_quote else []
    if quoted:
        starts, ends = words.starts(), words.ends()
        for start, end in quoted:
            k = bisect_left(starts, start)
            while k < size and ends[k] <= end:
                factors[k] = NAME_FACTOR
                k += 1
    norms, clauses = words.norm, words.clause
    for after in _find(norms, language, "naming"):
        clause = clauses[after - 1]
        for k in range(after, size):
            if clauses[k] != clause:
                break
            factors[k] = min(factors[k], NAME_FACTOR)
    turns = _find(norms, language, "substance")
    if turns:
        boundary = max(turns) - 1
        for k in range(boundary):
            factors[k] = min(factors[k], BEFORE_SUBSTANCE_FACTOR)
    return factors
