"""Which language a text is in, from the share of its words that are function words."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import cache

from grondvorm.recognition.resources import language_words

READABLE = ("nl", "en")
# A language wins when at least this share of the words are its function words...
MIN_SHARE = 0.12
# ...and it has clearly more of them than the runner-up.
MIN_LEAD = 1.25


@cache
def _owners() -> dict[str, tuple[str, ...]]:
    owners: dict[str, list[str]] = {}
    for code, lang in language_words().items():
        for word in lang.stopwords:
            owners.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in owners.items()}


def detect_language(words: Iterable[str]) -> str | None:
    """``nl``, ``en``, another code from ``languages.toml`` (``de``, ``fr``, ...), or None when
    the words say too little. ``words`` are the folded words of a text (lower case, no accents),
    each as often as it occurs."""
    owners_of = _owners()
    words = list(words)
    total = len(words)
    if not total:
        return None
    function_words = Counter(filter(owners_of.__contains__, words))
    counts = dict.fromkeys(language_words(), 0.0)
    for word, times in function_words.items():
        owners = owners_of[word]
        # A word that several languages share ("in", "die", "de") counts for each in part.
        for code in owners:
            counts[code] += times / len(owners)
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    (best, best_count), (_, second_count) = ranked[0], ranked[1]
    if best_count == 0 or best_count / total < MIN_SHARE:
        return None
    if best_count < MIN_LEAD * second_count:
        # Dutch and English close together (a Dutch text full of English terms): the larger
        # share still decides; a close call with any other language does not.
        runner_up = ranked[1][0]
        if best in READABLE and runner_up in READABLE and best_count > second_count:
            return best
        return None
    return best
