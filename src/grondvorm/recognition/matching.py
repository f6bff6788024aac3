"""Finding the lexicon's cues in a tokenised text, with simple negation.

Rules, in order:

- A phrase's words must follow each other; filler words (articles, possessives) may sit between.
- The parts of a ``A ~ B`` cue must lie within :data:`NEAR_WINDOW` words of the first part.
- Where matches overlap, the longest wins (``joint procurement`` beats ``procurement``), and a
  cue counts once per text however often it occurs.
- A cue is negated when a negator ("no", "without", "geen", "zonder") stands at most
  :data:`NEGATION_WINDOW` words before it in the same clause, or, in Dutch, "niet" directly after
  it. "Instead of", "rather than" and "in plaats van" negate too; "not only" and "niet alleen" do not.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from grondvorm.recognition.lexicon import Cue, Lexicon, Sequence
from grondvorm.recognition.resources import LanguageWords, language_words
from grondvorm.recognition.text import Token

NEAR_WINDOW = 8
NEGATION_WINDOW = 4
_TWO_WORD_NEGATORS = {("instead", "of"), ("rather", "than"), ("plaats", "van")}


@dataclass(frozen=True)
class Match:
    """A cue found in a text: which tokens it covers and whether it is negated."""

    cue: Cue
    positions: tuple[int, ...]
    negated: bool


@lru_cache(maxsize=100_000)
def _affix_keys(norm: str, suffixes: tuple[str, ...], prefixes: tuple[str, ...]) -> tuple[str, ...]:
    found = [f"*{s}" for s in suffixes if len(norm) > len(s) and norm.endswith(s)]
    found += [f"{p}*" for p in prefixes if len(norm) > len(p) and norm.startswith(p)]
    return tuple(found)


def token_keys(tokens: list[Token], lexicon: Lexicon) -> list[tuple[str, ...]]:
    """For each token: its stem, ``=`` and its word in lower case, and the affix patterns of
    the lexicon its word fits."""
    return [
        (tok.stem, f"={tok.lower}", *_affix_keys(tok.norm, lexicon.suffixes, lexicon.prefixes))
        for tok in tokens
    ]


def _follow(
    sequence: Sequence, start: int, keys: list[tuple[str, ...]], tokens: list[Token], fillers
) -> tuple[int, ...] | None:
    """The positions of ``sequence`` if it starts at ``start`` (fillers may sit between)."""
    if sequence[0] not in keys[start]:
        return None
    positions = [start]
    q = start + 1
    for key in sequence[1:]:
        while q < len(tokens) and key not in keys[q] and tokens[q].norm in fillers:
            q += 1
        if q >= len(tokens) or key not in keys[q]:
            return None
        positions.append(q)
        q += 1
    return tuple(positions)


def _find_near(part, around: tuple[int, ...], keys, tokens, fillers) -> tuple[int, ...] | None:
    low = max(0, around[0] - NEAR_WINDOW)
    high = min(len(tokens), around[-1] + NEAR_WINDOW + 1)
    sentence = tokens[around[0]].sentence
    for start in range(low, high):
        if start in around or tokens[start].sentence != sentence:
            continue
        for sequence in part:
            found = _follow(sequence, start, keys, tokens, fillers)
            if found and not set(found) & set(around) and found[-1] < high:
                return found
    return None


def _is_negator(tokens: list[Token], k: int, words: LanguageWords) -> bool:
    norm = tokens[k].norm
    following = tokens[k + 1].norm if k + 1 < len(tokens) else ""
    if norm in words.negators or norm.endswith("n't"):
        return following not in words.not_negating
    previous = tokens[k - 1].norm if k > 0 else ""
    return (norm, following) in _TWO_WORD_NEGATORS or (previous, norm) in _TWO_WORD_NEGATORS


def is_negated(tokens: list[Token], positions: tuple[int, ...], words: LanguageWords) -> bool:
    """Whether the cue at ``positions`` stands under a negation (see the module notes)."""
    last = max(positions)
    for first in positions:
        clause = tokens[first].clause
        for k in range(first - 1, max(-1, first - NEGATION_WINDOW - 1), -1):
            if tokens[k].clause != clause or k in positions:
                break
            if _is_negator(tokens, k, words):
                return True
    if words.code == "nl":
        for k in range(last + 1, min(len(tokens), last + 3)):
            if tokens[k].clause != tokens[last].clause:
                break
            if tokens[k].norm in ("niet", "niets") and _is_negator(tokens, k, words):
                return True
    return False


def find_cues(tokens: list[Token], lexicon: Lexicon) -> list[Match]:
    """The cues of ``lexicon`` found in ``tokens``, in text order."""
    words = language_words()[lexicon.language]
    fillers = words.fillers
    keys = token_keys(tokens, lexicon)
    candidates: list[tuple[Cue, tuple[int, ...]]] = []
    for i, token_keys_i in enumerate(keys):
        for key in token_keys_i:
            for cue, sequence in lexicon.index.get(key, ()):
                positions = _follow(sequence, i, keys, tokens, fillers)
                if positions is None:
                    continue
                for part in cue.parts[1:]:
                    extra = _find_near(part, positions, keys, tokens, fillers)
                    if extra is None:
                        break
                    positions = tuple(sorted(positions + extra))
                else:
                    candidates.append((cue, positions))
    candidates.sort(key=lambda item: (-len(item[1]), -item[0].weight, item[1][0]))
    used: set[int] = set()
    seen: set[int] = set()
    matches = []
    for cue, positions in candidates:
        if cue.id in seen or used.intersection(positions):
            continue
        seen.add(cue.id)
        used.update(positions)
        matches.append(Match(cue, positions, is_negated(tokens, positions, words)))
    matches.sort(key=lambda match: match.positions[0])
    return matches
