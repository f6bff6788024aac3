"""The interface languages: Dutch (default) and English."""

from __future__ import annotations

import os
from typing import Literal, get_args

Language = Literal["nl", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "nl"


class UnknownLanguageError(ValueError):
    """Raised for a language code grondvorm has no texts for."""


def parse_language(code: str) -> Language:
    """Accept ``nl``, ``en`` and locale-style codes such as ``en_GB.UTF-8`` or ``nl-BE``."""
    short = code.strip().lower().replace("-", "_").split("_")[0].split(".")[0]
    if short in LANGUAGES:
        return short  # type: ignore[return-value]
    raise UnknownLanguageError(f"unknown language {code!r}; choose one of: {', '.join(LANGUAGES)}")


def resolve_language(explicit: str | None = None) -> Language:
    """The language to use: an explicit choice, else ``GRONDVORM_LANG``, else the locale
    (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: the first one set decides), else Dutch."""
    if explicit:
        return parse_language(explicit)
    candidates = [os.environ.get("GRONDVORM_LANG", "")]
    candidates += [os.environ.get(name, "") for name in ("LC_ALL", "LC_MESSAGES", "LANG")]
    for candidate in candidates:
        if candidate and candidate.split(".")[0].upper() not in ("C", "POSIX"):
            try:
                return parse_language(candidate)
            except UnknownLanguageError:
                return DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE
