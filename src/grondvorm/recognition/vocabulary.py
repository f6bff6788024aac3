"""What each word is to the recogniser in one language, worked out once per word.

A word (in lower case) meets the recogniser in two places: the lexicon, through its keys
(:class:`WordKeys`), and the model, through its feature name. Both start from the same folded
form and stem, so the first time a word is seen both are worked out together and remembered
in two plain dictionaries (:class:`Vocabulary`); after that, reading a text costs one look-up
per word in each.

Working a word out costs far more than looking it up, so the words of the corpus, the lexicon
and the function words ship worked out in advance (``data/compiled/vocabulary_<language>.json``,
written by ``tools/train_recognition.py --compile``): a text is read as fast the first time as
later in so far as it uses them. The file is used only when it was made from the current
lexicon and function words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import NamedTuple

from grondvorm.recognition.lexicon import END, Cue, Trie, load_lexicon
from grondvorm.recognition.resources import language_words, load_json, vocabulary_fingerprint
from grondvorm.recognition.text import fold, second_stem, stemmer_function

MIN_STEM_LENGTH = 3  # a shorter stem is no model feature

FeatureKeys = tuple[str, str]  # the feature name ("nl:risico") and its ending in a pair ("+risico")


class WordKeys(NamedTuple):
    """How a word can meet the lexicon: its keys that occur in the lexicon, those that some
    ``A ~ B`` part starts with, the cues whose first part is this word alone, the trie nodes of
    the longer first parts it starts and the keys that continue any of those; ``starts`` tells
    whether it starts any."""

    keys: tuple[str, ...]
    near: tuple[str, ...]
    cues: tuple[Cue, ...]
    longer: tuple[Trie, ...]
    follow: frozenset[str]
    starts: bool


# A word none of whose keys occurs in the lexicon: it starts, continues and completes nothing.
INERT = WordKeys((), (), (), (), frozenset(), False)


class _Learned(dict):
    """A dictionary of the vocabulary that asks the vocabulary about a word it lacks."""

    def __init__(self, learn: Callable[[str], None]) -> None:
        super().__init__()
        self.learn = learn

    def __missing__(self, lower: str) -> object:
        self.learn(lower)
        return self[lower]


class Vocabulary:
    """Per word in lower case: its :class:`WordKeys` (``lexicon_keys``) and its
    :data:`FeatureKeys`, or None for a word that is no model feature (``feature_keys``).

    Both are plain dictionaries, usable in ``map(vocabulary.lexicon_keys.__getitem__, words)``;
    a word either lacks is worked out once for both. They start with the shipped words
    (unless ``shipped`` is false); after ``limit`` words more, all but those are forgotten.
    """

    def __init__(self, language: str, limit: int = 200_000, shipped: bool = True) -> None:
        self.language = language
        self.limit = limit
        self.lexicon_keys: dict[str, WordKeys] = _Learned(self.learn)
        self.feature_keys: dict[str, FeatureKeys | None] = _Learned(self.learn)
        # Per tuple of known keys (as many as the lexicon allows, so never forgotten).
        self._by_keys: dict[tuple[str, ...], WordKeys] = {}
        self._stem = stemmer_function(language)
        lexicon = load_lexicon(language)
        self._trie, self._near_keys, self._all_keys = lexicon.trie, lexicon.near_keys, lexicon.keys
        self._prefixes, self._suffixes = lexicon.prefixes, lexicon.suffixes
        # The words whose "=word" key the lexicon holds, without the "=".
        self._exact = frozenset(key[1:] for key in lexicon.keys if key.startswith("="))
        words = language_words()[language]
        self._left_out = words.stopwords | words.counting
        self._feature_prefix = f"{language}:"
        self._shipped = shipped_words(language) if shipped else None
        self._know_shipped()
        self._forget_at = len(self.lexicon_keys) + limit  # the shipped words, and limit more

    def _know_shipped(self) -> None:
        """Fill both dictionaries with the shipped words (see the module notes)."""
        if not self._shipped:
            return
        stems, keys = self._shipped
        prefix = self._feature_prefix
        names = {stem: (prefix + stem, "+" + stem) for stem in set(stems.values()) if stem}
        self.feature_keys.update(zip(stems, map(names.get, stems.values()), strict=True))
        self.lexicon_keys.update(dict.fromkeys(stems, INERT))
        by_keys = self._by_keys
        for word, known in keys.items():
            found = by_keys.get(known)
            if found is None:
                found = by_keys[known] = self._word_keys(known)
            self.lexicon_keys[word] = found

    def learn(self, lower: str) -> None:
        """Work out what ``lower`` is to the lexicon and to the model, and remember both."""
        if len(self.lexicon_keys) >= self._forget_at:
            self.lexicon_keys.clear()
            self.feature_keys.clear()
            self._know_shipped()
        norm = lower if lower.isascii() else fold(lower)  # ASCII in lower case is folded
        stem = self._stem(norm)
        self.lexicon_keys[lower] = self._lexicon_keys(lower, norm, stem)
        if len(stem) < MIN_STEM_LENGTH or norm in self._left_out:
            self.feature_keys[lower] = None
        else:
            self.feature_keys[lower] = (self._feature_prefix + stem, "+" + stem)

    def _lexicon_keys(self, lower: str, norm: str, stem: str) -> WordKeys:
        """The keys of a word that occur in the lexicon, in this order: its stem, ``=`` and the
        word itself, the affix patterns of the lexicon it fits and, for a Dutch verb form, the
        stem of its infinitive. A key the lexicon lacks can match nothing, so it is left out:
        most words have no key left (:data:`INERT`), and words with the same keys, such as
        "partner" and "partners", share one :class:`WordKeys`. (The affix patterns come from
        the lexicon, so they are always in it.)"""
        all_keys = self._all_keys
        keys = [stem] if stem in all_keys else []
        if lower in self._exact:
            keys.append("=" + lower)
        suffixes, prefixes = self._suffixes, self._prefixes
        if suffixes and norm.endswith(suffixes):
            keys += [f"*{s}" for s in suffixes if len(norm) > len(s) and norm.endswith(s)]
        if prefixes and norm.startswith(prefixes):
            keys += [f"{p}*" for p in prefixes if len(norm) > len(p) and norm.startswith(p)]
        other = second_stem(norm, self.language, stem)
        if other and other in all_keys:
            keys.append(other)
        if not keys:
            return INERT
        known = tuple(keys)
        found = self._by_keys.get(known)
        if found is None:
            found = self._by_keys[known] = self._word_keys(known)
        return found

    def _word_keys(self, keys: tuple[str, ...]) -> WordKeys:
        """The :class:`WordKeys` of a word with these (known) keys."""
        trie = self._trie
        near = tuple(filter(self._near_keys.__contains__, keys))
        cues: list[Cue] = []
        longer: list[Trie] = []
        for key in filter(trie.__contains__, keys):
            node = trie[key]
            cues += node.get(END, ())
            if len(node) > (END in node):
                longer.append(node)
        follow = frozenset(key for node in longer for key in node if key != END)
        fields = (keys, near, tuple(cues), tuple(longer), follow, bool(cues or longer))
        return tuple.__new__(WordKeys, fields)


def vocabulary_document(language: str, words: Iterable[str]) -> dict:
    """What ``data/compiled/vocabulary_<language>.json`` holds for ``words`` (in lower case):
    the fingerprint of the sources, per word its stem when it is a model feature (else null),
    and the lexicon keys of the words that have any."""
    learned = Vocabulary(language, shipped=False)
    stems: dict[str, str | None] = {}
    keys: dict[str, list[str]] = {}
    for word in sorted(set(words)):
        feature = learned.feature_keys[word]
        stems[word] = feature[1][1:] if feature else None
        if learned.lexicon_keys[word].keys:
            keys[word] = list(learned.lexicon_keys[word].keys)
    return {"fingerprint": vocabulary_fingerprint(language), "stems": stems, "keys": keys}


ShippedWords = tuple[dict[str, str | None], dict[str, tuple[str, ...]]]


def shipped_words(language: str) -> ShippedWords | None:
    """The shipped words of ``language`` (stems, lexicon keys), or None when there are none or
    they were made from other sources."""
    try:
        data = load_json("compiled", f"vocabulary_{language}.json")
    except FileNotFoundError:
        return None
    if data.get("fingerprint") != vocabulary_fingerprint(language):
        return None
    return data["stems"], {word: tuple(keys) for word, keys in data["keys"].items()}


@lru_cache(maxsize=8)
def vocabulary(language: str) -> Vocabulary:
    """The vocabulary of ``language`` (``nl`` or ``en``), shared by matching and the model."""
    return Vocabulary(language)
