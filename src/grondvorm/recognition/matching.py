"""Finding the lexicon's cues in the words of a text, with simple negation.

Rules, in order:

- A phrase's words must follow each other; filler words (articles, possessives) may sit between.
- The parts of a ``A ~ B`` cue must lie in one sentence, within :data:`NEAR_WINDOW` words of the
  first part (wider in Dutch, whose verbs often close the clause).
- Where phrases overlap the longest wins (``joint procurement`` beats ``procurement``), and
  likewise among ``A ~ B`` cues; a phrase and an ``A ~ B`` cue may share words unless they
  point to the same target. A cue counts once per text however often it occurs.
- A negation reaches no further than the nearest other phrase: in "zonder kosten aanschuiven"
  the "zonder" belongs to "zonder kosten", not to "aanschuiven".
- A cue is negated when a negator ("no", "without", "geen", "zonder") stands at most
  :data:`NEGATION_WINDOW` words before it in the same clause, or, in Dutch, "niet" directly after
  it or after a pronoun ("investeren ze niet"). "Instead of", "rather than" and "in plaats van"
  negate too; "not only" and "niet alleen" do not.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from itertools import compress, count
from operator import attrgetter
from typing import NamedTuple

from grondvorm.recognition.framing import Framing
from grondvorm.recognition.lexicon import END, Cue, Lexicon, Trie
from grondvorm.recognition.resources import LanguageWords, language_words
from grondvorm.recognition.text import Words
from grondvorm.recognition.vocabulary import WordKeys, vocabulary

NEAR_WINDOW = {"en": 5, "nl": 8}
NEGATION_WINDOW = 4
_TWO_WORD_NEGATORS = {("instead", "of"), ("rather", "than"), ("plaats", "van")}
_DUTCH_PRONOUNS = frozenset({"ze", "zij", "we", "wij", "hij", "het", "men", "u", "jullie"})


class Match(NamedTuple):
    """A cue found in a text: which words it covers, whether it is negated and how much it
    counts given where it stands (see :mod:`grondvorm.recognition.framing`)."""

    cue: Cue
    positions: tuple[int, ...]
    negated: bool
    factor: float = 1.0


def word_keys(language: str) -> dict[str, WordKeys]:
    """Per word in lower case: its :class:`WordKeys` for the lexicon of ``language``."""
    return vocabulary(language).lexicon_keys


def _having(word_keys: list[WordKeys], field: str) -> Iterator[int]:
    """The positions of the words whose ``field`` is not empty (most words have no such keys)."""
    return compress(count(), map(attrgetter(field), word_keys))


class _Text:
    """A text's words prepared for matching."""

    def __init__(self, words: Words, lexicon: Lexicon, fillers: frozenset[str]) -> None:
        self.size = len(words)
        self.word_keys = list(map(word_keys(lexicon.language).__getitem__, words.lower))
        self.filler = list(map(fillers.__contains__, words.norm))
        self.sentence = words.sentence
        self.where: dict[str, list[int]] = {}  # key -> positions of words that have it
        for position in _having(self.word_keys, "near"):
            for key in self.word_keys[position].near:
                self.where.setdefault(key, []).append(position)

    def walk(
        self, node: Trie, q: int, positions: tuple[int, ...], found: list, ends: bool = True
    ) -> None:
        """Collect (value, positions) for every sequence in ``node`` that continues at ``q``
        (and that ends at ``node``, unless ``ends`` is false); fillers may be skipped."""
        if ends and END in node:
            for value in node[END]:
                found.append((value, positions))
        while q < self.size:
            keys = self.word_keys[q].keys
            if node.keys().isdisjoint(keys):  # the word does not continue any sequence
                if not self.filler[q]:
                    return
                q += 1
                continue
            for key in keys:
                child = node.get(key)
                if child is not None:
                    self.walk(child, q + 1, (*positions, q), found)
            return

    def near(self, part: Trie, around: tuple[int, ...], window: int) -> tuple[int, ...] | None:
        """The positions of ``part`` within ``window`` words of ``around``, in its sentence."""
        where = self.where
        low, high = around[0] - window, min(self.size, around[-1] + window + 1)
        starts = [
            (start, key)
            for key in part.keys() & where.keys()
            for start in where[key]
            if low <= start < high
        ]
        if not starts:
            return None
        starts.sort()
        sentences, taken = self.sentence, set(around)
        sentence = sentences[around[0]]
        for start, key in starts:
            if sentences[start] != sentence or start in taken:
                continue
            found: list = []
            self.walk(part[key], start + 1, (start,), found)
            for _, positions in found:
                if positions[-1] < high and taken.isdisjoint(positions):
                    return positions
        return None


def _is_negator(norms: list[str], k: int, function_words: LanguageWords) -> bool:
    norm = norms[k]
    following = norms[k + 1] if k + 1 < len(norms) else ""
    if norm in function_words.negators or norm.endswith("n't"):
        return following not in function_words.not_negating
    previous = norms[k - 1] if k > 0 else ""
    return (norm, following) in _TWO_WORD_NEGATORS or (previous, norm) in _TWO_WORD_NEGATORS


@lru_cache(maxsize=8)
def _may_negate(language: str) -> frozenset[str]:
    """The words that can negate in ``language``: its negators and the parts of the two-word
    negators."""
    words = language_words()[language]
    return words.negators | {word for pair in _TWO_WORD_NEGATORS for word in pair}


def negators(words: Words, function_words: LanguageWords) -> set[int]:
    """The positions of the words that negate what follows them (see the module notes)."""
    norms = words.norm
    maybe = _may_negate(function_words.code).intersection(norms)
    if "'t" in words.text or "’t" in words.text:  # "don't" and the like: one word
        maybe |= {norm for norm in set(norms) if norm.endswith("n't")}
    if not maybe:
        return set()
    return {
        k
        for k in compress(count(), map(maybe.__contains__, norms))
        if _is_negator(norms, k, function_words)
    }


Found = list[tuple[Cue, tuple[int, ...]]]  # cues with the positions of their words


def _without_repeats(chosen: Found) -> Found:
    """The cues without those whose words all lie inside a longer match with the same target
    (a phrase inside an ``A ~ B`` cue that says the same). ``chosen`` is longest first, so a
    longer match with the same target always comes earlier."""
    earlier: dict[str, list[set[int]]] = {}  # per target: the words of the matches so far
    kept = []
    for cue, positions in chosen:
        others = earlier.get(cue.target)
        if others is None:
            earlier[cue.target] = [set(positions)]
        else:
            own = set(positions)
            if any(len(other) > len(own) and own <= other for other in others):
                continue  # inside a longer match that says the same (or inside one inside it)
            others.append(own)
        kept.append((cue, positions))
    return kept


def is_negated(
    words: Words,
    positions: tuple[int, ...],
    negating: set[int],
    dutch: bool = False,
    blocked: set[int] = frozenset(),  # type: ignore[assignment]
) -> bool:
    """Whether the cue at ``positions`` stands under a negation by a word at one of the
    ``negating`` positions (see the module notes; ``dutch`` adds the rule for "niet" after
    the cue); a negation does not reach across the ``blocked`` words of another phrase."""
    norms, clauses = words.norm, words.clause
    last = max(positions)
    for first in positions:
        clause = clauses[first]
        for k in range(first - 1, max(-1, first - NEGATION_WINDOW - 1), -1):
            if clauses[k] != clause or k in positions:
                break
            if k in negating:
                return True
            if k in blocked:
                break  # the words of another phrase (positions of this one ended the loop)
    if dutch:
        k = last + 1
        if k < len(norms) and norms[k] in _DUTCH_PRONOUNS:
            k += 1
        if (
            k < len(norms)
            and clauses[k] == clauses[last]
            and norms[k] in ("niet", "niets")
            and k in negating
        ):
            return True
    return False


def _first_parts(text: _Text) -> Found:
    """Every cue whose first part occurs in the text, with the positions of that part."""
    found: Found = []
    word_keys, filler, size = text.word_keys, text.filler, text.size
    for i in _having(word_keys, "starts"):
        word = word_keys[i]
        if word.cues:
            at = (i,)
            for cue in word.cues:
                found.append((cue, at))
        if i + 1 == size or not word.longer:
            continue  # a longer first part cannot continue after the last word
        following = word_keys[i + 1].keys
        if word.follow.isdisjoint(following) and not filler[i + 1]:
            continue  # the next word continues none of them (the common case, checked here)
        for node in word.longer:
            if node.keys().isdisjoint(following) and not filler[i + 1]:
                continue  # the next word continues nothing (the common case, checked here)
            text.walk(node, i + 1, (i,), found, ends=False)
    return found


def _completed(text: _Text, found: Found, window: int) -> Found:
    """The phrases found, and the ``A ~ B`` cues whose later parts lie near their first."""
    complete: Found = []
    present = text.where.keys()  # the keys that later parts start with, in this text
    absent: dict[int, bool] = {}  # per "A ~ B" cue: whether some later part is nowhere
    for cue, positions in found:
        if not cue.near:
            complete.append((cue, positions))
            continue
        missing = absent.get(cue.id)
        if missing is None:
            missing = absent[cue.id] = any(map(present.isdisjoint, cue.near_roots))
        if missing:
            continue
        for part in cue.near:
            extra = text.near(part, positions, window)
            if extra is None:
                break
            positions = tuple(sorted(positions + extra))
        else:
            complete.append((cue, positions))
    return complete


def _preference(item: tuple[Cue, tuple[int, ...]]) -> tuple[int, float, int]:
    """Longest first, then the heaviest, then the leftmost."""
    cue, positions = item
    return -len(positions), -cue.weight, positions[0]


def _chosen(candidates: Found) -> Found:
    """Where cues overlap the preferred one wins (see the module notes); each cue once."""
    candidates.sort(key=_preference)
    used: tuple[set[int], set[int]] = (set(), set())  # words taken by phrases, by "A ~ B" cues
    seen: set[int] = set()
    chosen = []
    for cue, positions in candidates:
        taken = used[bool(cue.near)]
        if taken.intersection(positions):
            continue
        taken.update(positions)  # a repeated cue still keeps shorter cues off its words
        if cue.id in seen:
            continue
        seen.add(cue.id)
        chosen.append((cue, positions))
    return _without_repeats(chosen)


def find_cues(words: Words, lexicon: Lexicon, framing: Framing | None = None) -> list[Match]:
    """The cues of ``lexicon`` found in a text's words, in text order. With the text's
    ``framing`` (see :mod:`~grondvorm.recognition.framing`) each match counts with the smallest
    framing factor of its words; without it every match counts fully."""
    function_words = language_words()[lexicon.language]
    text = _Text(words, lexicon, function_words.fillers)
    found = _first_parts(text)
    chosen = _chosen(_completed(text, found, NEAR_WINDOW.get(lexicon.language, 6)))
    chosen.sort(key=_first_position)
    negating = negators(words, function_words) if chosen else set()
    phrases = {k for cue, at in chosen if not cue.near for k in at} if negating else set()
    dutch = lexicon.language == "nl"
    return [
        Match(
            cue,
            positions,
            bool(negating) and is_negated(words, positions, negating, dutch, phrases),
            framing.factor(positions) if framing else 1.0,
        )
        for cue, positions in chosen
    ]


def _first_position(item: tuple[Cue, tuple[int, ...]]) -> int:
    return item[1][0]
