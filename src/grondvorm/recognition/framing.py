"""Names and labels versus substance.

Texts often *name* a collaboration ("the Pollinator Monitoring Consortium", "'Lerend Bouwen'",
"calls it a partnership") in words that point to another form than what the parties actually
do. The basic-form model asks for the substance, so a cue counts less when it sits

- inside a name: between quotes, or in capitalised words that do not start a sentence;
- in the clause after a naming phrase ("calls it", "branded as", "noemt het", "heet");
- before a turn to the substance ("in practice", "in fact", "feitelijk", "in de kern").

Each token gets a factor (1, or :data:`NAME_FACTOR`, or :data:`BEFORE_SUBSTANCE_FACTOR`); a cue
counts with the smallest factor of its words. The phrases live in ``data/languages.toml``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from grondvorm.recognition.resources import load_toml
from grondvorm.recognition.text import Words

NAME_FACTOR = 0.5
BEFORE_SUBSTANCE_FACTOR = 0.5
_QUOTED = re.compile(r"(?<!\w)['‘“\"]([^'‘’“”\"\n]{2,80}?)['’”\"](?!\w)")


@cache
def _phrases(language: str, kind: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The phrases of one kind, indexed by their first word."""
    table = load_toml("languages.toml").get("framing", {}).get(language, {})
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in table.get(kind, ()):
        folded = tuple(Words(phrase).norm)
        index.setdefault(folded[0], []).append(folded)
    return {first: tuple(found) for first, found in index.items()}


def _find(norms: list[str], present: set[str], language: str, kind: str) -> list[int]:
    """Positions just after each occurrence of a phrase of ``kind``."""
    index = _phrases(language, kind)
    found = []
    for first in present.intersection(index):
        i = -1
        for _ in range(norms.count(first)):
            i = norms.index(first, i + 1)  # the next occurrence, found in C
            for phrase in index[first]:
                end = i + len(phrase)
                if tuple(norms[i:end]) == phrase:
                    found.append(end)
    return found


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and any(ch.islower() for ch in word[1:])


def token_factors(words: Words, language: str) -> list[float]:
    """The framing factor of each word (see the module notes)."""
    text, written, sentences = words.text, words.written, words.sentence
    size = len(written)
    factors = [1.0] * size
    for i in [i for i, word in enumerate(written) if word[0].isupper()]:
        if not _is_capitalised(written[i]):
            continue
        starts_sentence = i == 0 or sentences[i - 1] != sentences[i]
        if not starts_sentence or (
            i + 1 < size
            and sentences[i + 1] == sentences[i]
            and _is_capitalised(written[i + 1])
        ):
            factors[i] = NAME_FACTOR
    if "'" in text or "‘" in text or "“" in text or '"' in text:
        starts = [words.span(k)[0] for k in range(size)]
        for match in _QUOTED.finditer(text):
            k = bisect_left(starts, match.start(1))
            while k < size and words.span(k)[1] <= match.end(1):
                factors[k] = NAME_FACTOR
                k += 1
    norms, clauses = words.norm, words.clause
    present = set(norms)
    for after in _find(norms, present, language, "naming"):
        clause = clauses[after - 1]
        for k in range(after, size):
            if clauses[k] != clause:
                break
            factors[k] = min(factors[k], NAME_FACTOR)
    turns = _find(norms, present, language, "substance")
    if turns:
        boundary = max(turns) - 1
        for k in range(boundary):
            factors[k] = min(factors[k], BEFORE_SUBSTANCE_FACTOR)
    return factors
