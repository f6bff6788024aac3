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


@cache
def _owner_keys() -> tuple[dict[str, str], dict[str, tuple[int, ...]], frozenset[str]]:
    """Per function word a key naming the languages that own it; per key where those languages
    stand in ``language_words()``; and the keys owned by one, two or four languages, whose
    shares (a whole, a half or a quarter word) add up exactly in floating point, in any order."""
    owners = _owners()
    position = {code: at for at, code in enumerate(language_words())}
    key_of = {word: " ".join(codes) for word, codes in owners.items()}
    owners_of_key = {
        " ".join(codes): tuple(position[code] for code in codes) for codes in owners.values()
    }
    exact = frozenset(key for key, codes in owners_of_key.items() if len(codes) in (1, 2, 4))
    return key_of, owners_of_key, exact


def _counts_per_word(words: list[str]) -> list[float]:
    """The function words per language (in the order of ``language_words()``), word by word in
    the order they first occur."""
    owners_of = _owners()
    function_words = Counter(filter(owners_of.__contains__, words))
    counts = dict.fromkeys(language_words(), 0.0)
    for word, times in function_words.items():
        owners = owners_of[word]
        # A word that several languages share ("in", "die", "de") counts for each in part.
        for code in owners:
            counts[code] += times / len(owners)
    return list(counts.values())


def _counts(words: list[str]) -> list[float]:
    """The function words per language, as :func:`_counts_per_word` counts them, but counted
    per set of owning languages: when every share is exact, the order of adding makes no
    difference, so the words with the same owners can be added up at once."""
    key_of, owners_of_key, exact = _owner_keys()
    found = list(filter(None, map(key_of.get, words)))
    keys = set(found)
    if not keys <= exact:
        return _counts_per_word(words)
    counts = [0.0] * len(language_words())
    for key in keys:
        owners = owners_of_key[key]
        times = found.count(key)
        for at in owners:
            counts[at] += times / len(owners)
    return counts


def detect_language(words: Iterable[str]) -> str | None:
    """``nl``, ``en``, another code from ``languages.toml`` (``de``, ``fr``, ...), or None when
    the words say too little. ``words`` are the folded words of a text (lower case, no accents),
    each as often as it occurs."""
    words = words if isinstance(words, list) else list(words)
    total = len(words)
    if not total:
        return None
    counts = _counts(words)
    # The first language (in file order) with the most function words, then the same among
    # the others: what sorting by count, keeping the file order among equals, puts first.
    best_count = max(counts)
    best_at = counts.index(best_count)
    if best_count == 0 or best_count / total < MIN_SHARE:
        return None
    counts[best_at] = -1.0  # counts are never below zero
    second_count = max(counts)
    codes = list(language_words())
    best, runner_up = codes[best_at], codes[counts.index(second_count)]
    if best_count < MIN_LEAD * second_count:
        # Dutch and English close together (a Dutch text full of English terms): the larger
        # share still decides; a close call with any other language does not.
        if best in READABLE and runner_up in READABLE and best_count > second_count:
            return best
        return None
    return best
