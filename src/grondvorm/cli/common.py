"""Helpers shared by the command modules: language, texts, errors and output mode."""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

import typer

from grondvorm.language import Language, UnknownLanguageError, resolve_language
from grondvorm.texts import load_messages

LANG_OPTION_HELP_KEY = "lang_help"


def cli_text(key: str, language: str | None = None, **values: object) -> str:
    """A text from ``cli/messages.toml`` in the given (or the environment's) language."""
    return load_messages("grondvorm.cli").get(key, language or resolve_language(), **values)


def fail(message: str, language: Language, status: int = 2) -> NoReturn:
    """Print ``Error: message`` on standard error and exit with ``status``."""
    typer.echo(f"{cli_text('error_prefix', language)}: {message}", err=True)
    raise typer.Exit(status)


def choose_language(explicit: str | None) -> Language:
    """The output language, exiting with status 2 on an unknown code."""
    try:
        return resolve_language(explicit)
    except UnknownLanguageError:
        fallback = resolve_language(None)
        fail(cli_text("unknown_language", fallback, given=explicit), fallback)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def lang_option() -> Any:
    return typer.Option(
        None, "--lang", "-l", help=cli_text(LANG_OPTION_HELP_KEY), show_default=False
    )


def json_option(help_key: str = "json_help") -> Any:
    return typer.Option(False, "--json", help=cli_text(help_key))
