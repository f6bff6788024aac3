"""Whether a text is about organisations that deal with each other at all.

A text without a single cue of the lexicon says nothing about a collaboration; the recogniser
already gives no form for it. But everyday text about something else often holds one stray cue
("onderhoud", "budget", "workshop") and, without a check, would get a confident form. So a text
whose cues are weak must also name working together, a joint body or agreement, a partner,
member or supplier, or several organisations (``data/collaboration.toml``); when it names none
of them, there is no form (reason ``no_collaboration``).
"""

from __future__ import annotations

import re
from functools import cache
from itertools import islice
from typing import NamedTuple

from grondvorm.recognition.resources import language_words, load_toml
from grondvorm.recognition.text import WordMemo, Words


class Markers(NamedTuple):
    """The collaboration words, ready for use."""

    is_marker: WordMemo  # per folded word: whether it is one
    pairs: frozenset[tuple[str, str]]  # two words in a row that are one
    before_names: frozenset[str]  # one when the next word is no function word
    function_words: frozenset[str]


@cache
def markers() -> Markers:
    """The collaboration words of Dutch and English together: texts in one language borrow
    words of the other ("shared service center"), and a text read in the wrong language should
    not lose its markers."""
    tables = load_toml("collaboration.toml").values()
    fragments = sorted({fragment for table in tables for fragment in table.get("fragments", ())})
    words = frozenset(word for table in tables for word in table.get("words", ()))
    pairs = frozenset(tuple(pair) for table in tables for pair in table.get("pairs", ()))
    before_names = frozenset(word for table in tables for word in table.get("before_names", ()))
    pattern = re.compile("|".join(map(re.escape, fragments)) or "(?!)")
    is_marker = WordMemo(
        lambda word: word in words or pattern.search(word) is not None, limit=100_000
    )
    function_words = frozenset().union(*(table.stopwords for table in language_words().values()))
    return Markers(is_marker, pairs, before_names, function_words)  # type: ignore[arg-type]


def mentions_collaboration(words: Words) -> bool:
    """Whether the text names any of the collaboration words."""
    found = markers()
    norms = words.norm
    if any(map(found.is_marker.__getitem__, norms)):
        return True
    following = list(zip(norms, islice(norms, 1, None), strict=False))
    if not found.pairs.isdisjoint(following):
        return True
    return any(
        word in found.before_names and after not in found.function_words
        for word, after in following
    )
