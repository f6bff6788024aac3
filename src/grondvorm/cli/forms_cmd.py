"""``grondvorm forms [FORM]``: the four forms, as rich text, plain text or JSON."""

from __future__ import annotations

from typing import Optional

import typer

from grondvorm.cli import forms_render
from grondvorm.cli.common import (
    choose_language,
    cli_text,
    fail,
    json_option,
    lang_option,
    print_json,
    stdout_is_terminal,
)
from grondvorm.forms import FORM_IDS, UnknownFormError, form_to_dict, load_catalogue, parse_form_id


def forms(
    form: Optional[str] = typer.Argument(None, help=cli_text("form_argument_help")),  # noqa: UP045
    lang: Optional[str] = lang_option(),  # noqa: UP045
    as_json: bool = json_option(),
) -> None:
    language = choose_language(lang)
    catalogue = load_catalogue(language)
    selected = None
    if form is not None:
        try:
            selected = catalogue.form(parse_form_id(form))
        except UnknownFormError as error:
            valid = ", ".join(FORM_IDS)
            if error.candidates:
                message = cli_text(
                    "ambiguous_form",
                    language,
                    given=form,
                    candidates=", ".join(error.candidates),
                    valid=valid,
                )
            else:
                message = cli_text("unknown_form", language, given=form, valid=valid)
            fail(message, language)
    if as_json:
        if selected is None:
            print_json(catalogue.to_dict())
        else:
            print_json({"language": language, "source": catalogue.source} | form_to_dict(selected))
        return
    if stdout_is_terminal():
        forms_render.print_rich(catalogue, selected)
    else:
        typer.echo(forms_render.plain(catalogue, selected), nl=False)


def register(app: typer.Typer) -> None:
    app.command("forms", help=cli_text("forms_help"))(forms)
