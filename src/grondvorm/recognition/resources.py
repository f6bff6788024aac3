"""Reading the data files that ship inside the package (read once, then cached)."""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


def _data(*parts: str) -> Any:
    return resources.files("grondvorm.recognition").joinpath("data", *parts)


@cache
def load_toml(*parts: str) -> dict[str, Any]:
    """A TOML file below ``recognition/data``."""
    with _data(*parts).open("rb") as handle:
        return tomllib.load(handle)


@cache
def load_json(*parts: str) -> dict[str, Any]:
    """A JSON file below ``recognition/data``."""
    with _data(*parts).open("r", encoding="utf-8") as handle:
        return json.load(handle)


@dataclass(frozen=True)
class LanguageWords:
    """The function words of one language (see ``data/languages.toml``)."""

    code: str
    stopwords: frozenset[str]
    fillers: frozenset[str]
    negators: frozenset[str]
    not_negating: frozenset[str]
    counting: frozenset[str] = frozenset()  # number words, never model features


@cache
def language_words() -> dict[str, LanguageWords]:
    """Function words per language code, for every language in ``languages.toml``."""
    data = load_toml("languages.toml")
    return {
        code: LanguageWords(
            code=code,
            stopwords=frozenset(table.get("stopwords", ())),
            fillers=frozenset(table.get("fillers", ())),
            negators=frozenset(table.get("negators", ())),
            not_negating=frozenset(table.get("not_negating", ())),
            counting=frozenset(table.get("counting", ())),
        )
        for code, table in data.items()
    }


def _fingerprint(*files: tuple[str, ...]) -> str:
    """A short hash of the contents of these data files, in this order."""
    digest = hashlib.sha256()
    for parts in files:
        digest.update(_data(*parts).read_bytes())
    return digest.hexdigest()[:16]


def lexicon_fingerprint() -> str:
    """A short hash of the lexicon, traits and language files; the trained model records the
    fingerprint it was trained with, and a test checks it still matches."""
    return _fingerprint(
        ("traits.toml",), ("languages.toml",), ("lexicon", "en.toml"), ("lexicon", "nl.toml")
    )


def source_fingerprint(language: str) -> str:
    """A short hash of the files a compiled lexicon depends on."""
    return _fingerprint(("traits.toml",), ("lexicon", f"{language}.toml"))


def vocabulary_fingerprint(language: str) -> str:
    """A short hash of the files a word's lexicon keys and feature depend on (the lexicon of
    ``language``, the traits and the function words)."""
    return _fingerprint(("traits.toml",), ("languages.toml",), ("lexicon", f"{language}.toml"))
