"""User-facing texts kept in TOML message files, one table per language.

A message file looks like::

    [nl]
    unknown_form = "Onbekende grondvorm {given!r}."
    [en]
    unknown_form = "Unknown form {given!r}."

Both languages must define the same keys (checked by the tests for every file found by
:func:`all_message_files`). The web app uses Django's gettext catalogues instead; these files
serve the command line and the domain (labels of answers, warnings, agenda questions).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from grondvorm.language import LANGUAGES, Language, parse_language


class MissingTextError(KeyError):
    """A message key is missing in a message file."""


@dataclass(frozen=True)
class Messages:
    """The texts of one message file."""

    name: str
    tables: dict[str, dict[str, str]]

    def get(self, key: str, language: str, /, **values: object) -> str:
        lang = parse_language(language)
        try:
            template = self.tables[lang][key]
        except KeyError as missing:
            raise MissingTextError(f"{self.name}: no text {key!r} for {lang}") from missing
        return template.format(**values) if values else template

    def keys(self, language: Language) -> set[str]:
        return set(self.tables.get(language, {}))


@cache
def load_messages(package: str, filename: str = "messages.toml") -> Messages:
    """The message file ``filename`` inside ``package`` (e.g. ``grondvorm.cli``)."""
    path = resources.files(package).joinpath(filename)
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return Messages(
        name=f"{package}/{filename}", tables={lang: data.get(lang, {}) for lang in LANGUAGES}
    )


def all_message_files() -> Iterator[tuple[str, str]]:
    """Every ``messages*.toml`` below the grondvorm package, as (package, filename)."""

    def walk(node: Traversable, package: str) -> Iterator[tuple[str, str]]:
        for child in node.iterdir():
            if child.is_dir() and not child.name.startswith(("_", ".")):
                yield from walk(child, f"{package}.{child.name}")
            elif child.name.startswith("messages") and child.name.endswith(".toml"):
                yield package, child.name

    yield from walk(resources.files("grondvorm"), "grondvorm")
