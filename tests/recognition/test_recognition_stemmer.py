"""The stemmer: the C implementation (PyStemmer) is in use and stems exactly as the pure-Python
snowballstemmer the model was trained with, on every word of the corpus, the fresh set and the
lexicon."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import snowballstemmer
import Stemmer
from snowballstemmer.dutch_stemmer import DutchStemmer
from snowballstemmer.english_stemmer import EnglishStemmer

from grondvorm.recognition.text import _stemmer, fold

ROOT = Path(__file__).resolve().parents[2]
LEXICON = ROOT / "src" / "grondvorm" / "recognition" / "data" / "lexicon"


def vocabulary() -> list[str]:
    """The folded words of the corpus, the fresh set and the lexicon files, and for each Dutch
    verb form the infinitive the matcher also tries."""
    found: set[str] = set()
    for path in [*ROOT.glob("corpus/*.jsonl"), *ROOT.glob("corpus/fresh/*.jsonl")]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found.update(re.findall(r"[^\W\d_]+", json.loads(line)["text"]))
    for path in LEXICON.glob("*.toml"):
        found.update(re.findall(r"[^\W\d_]+", path.read_text(encoding="utf-8")))
    folded = {fold(word) for word in found}
    folded |= {word[:-1] + "en" for word in folded if len(word) >= 5 and word[-1] in "td"}
    return sorted(folded)


def test_the_recogniser_stems_with_the_c_implementation():
    assert isinstance(_stemmer("nl"), Stemmer.Stemmer)
    assert isinstance(snowballstemmer.stemmer("english"), Stemmer.Stemmer)


@pytest.mark.parametrize(
    ("language", "python_stemmer"), [("nl", DutchStemmer), ("en", EnglishStemmer)]
)
def test_c_and_python_stemmers_agree_on_every_word_we_know(language, python_stemmer):
    words = vocabulary()
    assert len(words) > 5000
    reference = python_stemmer()
    stemmer = _stemmer(language)
    differing = [w for w in words if stemmer.stemWord(w) != reference.stemWord(w)]
    assert differing == []
