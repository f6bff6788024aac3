"""``grondvorm export ID --format csv|xlsx|json`` and ``grondvorm import FILE --owner EMAIL``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from grondvorm.cli.common import choose_language, fail, lang_option
from grondvorm.cli.report_cmd import find_collaboration, text, write_file
from grondvorm.cli.web_cmd import db_option, open_database

FORMATS = ("csv", "xlsx", "json")
OUT_OPTION = typer.Option(None, "--out", "-o", help=text("out_help"))


def export(
    collaboration_id: int = typer.Argument(..., metavar="ID", help=text("id_help")),
    fmt: str = typer.Option(..., "--format", "-f", help=text("format_help")),
    out: Optional[Path] = OUT_OPTION,  # noqa: UP045
    lang: Optional[str] = lang_option(),  # noqa: UP045
    db: Optional[str] = db_option(),  # noqa: UP045
) -> None:
    language = choose_language(lang)
    fmt = fmt.strip().lower()
    if fmt not in FORMATS:
        fail(text("unknown_format", language, given=fmt), language)
    if fmt == "xlsx" and out is None:
        fail(text("xlsx_needs_out", language), language)
    open_database(db, language)
    collaboration = find_collaboration(collaboration_id, language)
    if fmt == "csv":
        from grondvorm.reports.tables import csv_text

        content: str | bytes = csv_text(collaboration, language)
    elif fmt == "xlsx":
        from grondvorm.reports.tables import xlsx_bytes

        content = xlsx_bytes(collaboration, language)
    else:
        from grondvorm.web.transfer import export_json

        content = export_json(collaboration)
    if out is None:
        sys.stdout.write(content)  # csv or json: text
        sys.stdout.flush()
    else:
        write_file(out, content, language)


def import_(
    file: str = typer.Argument(..., metavar="FILE", help=text("file_help")),
    owner: str = typer.Option(..., "--owner", help=text("owner_help")),
    db: Optional[str] = db_option(),  # noqa: UP045
    lang: Optional[str] = lang_option(),  # noqa: UP045
) -> None:
    language = choose_language(lang)
    try:
        raw = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as error:
        fail(text("cannot_read", language, path=file, problem=error.strerror or error), language)
    open_database(db, language)
    from django.contrib.auth import get_user_model

    from grondvorm.web.transfer import TransferError, import_json

    user = get_user_model().objects.filter(username=owner.strip().lower()).first()
    if user is None:
        fail(text("no_such_owner", language, email=owner), language)
    try:
        collaboration = import_json(raw, owner=user)
    except TransferError as error:
        fail(error.message(language), language)
    respondents = sum(party.respondents.count() for party in collaboration.parties.all())
    typer.echo(
        text(
            "imported",
            language,
            id=collaboration.pk,
            name=collaboration.name,
            parties=collaboration.parties.count(),
            respondents=respondents,
        )
    )


def register(app: typer.Typer) -> None:
    """Add ``export`` and ``import`` to the root app."""
    app.command("export", help=text("export_help"))(export)
    app.command("import", help=text("import_help"))(import_)
