"""Which language a text is in, from the share of its words that are function words."""

from __future__ import annotations

from grondvorm.recognition.resources import language_words

READABLE = ("nl", "en")
# A language wins when at least this share of the words are its function words...
MIN_SHARE = 0.12
# ...and it has clearly more of them than the runner-up.
MIN_LEAD = 1.25


def detect_language(words: list[str]) -> str | None:
    """``nl``, ``en``, another code from ``languages.toml`` (``de``, ``fr``, ...), or None when
    the words say too little. ``words`` are folded (lower case, no accents)."""
    if not words:
        return None
    tables = language_words()
    counts = dict.fromkeys(tables, 0.0)
    for word in words:
        owners = [code for code, lang in tables.items() if word in lang.stopwords]
        for code in owners:
            # A word that several languages share ("in", "die", "de") counts for each in part.
            counts[code] += 1.0 / len(owners)
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    (best, best_count), (_, second_count) = ranked[0], ranked[1]
    if best_count == 0 or best_count / len(words) < MIN_SHARE:
        return None
    if best_count < MIN_LEAD * second_count:
        return None
    return best
