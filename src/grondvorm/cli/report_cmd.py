"""``grondvorm report ID --pdf OUT.pdf --html OUT.html``: the report of a stored collaboration."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from grondvorm.cli.common import choose_language, fail, lang_option
from grondvorm.cli.web_cmd import db_option, open_database
from grondvorm.texts import load_messages


def text(key: str, language: str | None = None, **values: object) -> str:
    """A text from ``cli/messages_reports.toml``."""
    from grondvorm.language import resolve_language

    return load_messages("grondvorm.cli", "messages_reports.toml").get(
        key, language or resolve_language(), **values
    )


def find_collaboration(collaboration_id: int, language: str):
    """The stored collaboration, or exit 2 naming the unknown id."""
    from grondvorm.web.models import Collaboration

    found = Collaboration.objects.filter(pk=collaboration_id).first()
    if found is None:
        fail(text("unknown_collaboration", language, id=collaboration_id), language)
    return found


def write_file(path: Path, content: bytes | str, language: str) -> None:
    """Write ``content`` to ``path``, or exit 2 naming the problem."""
    try:
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    except OSError as error:
        fail(text("cannot_write", language, path=path, problem=error.strerror or error), language)
    typer.echo(text("written", language, path=path), err=True)


PDF_OPTION = typer.Option(None, "--pdf", help=text("pdf_help"))
HTML_OPTION = typer.Option(None, "--html", help=text("html_help"))


def report(
    collaboration_id: int = typer.Argument(..., metavar="ID", help=text("id_help")),
    pdf: Optional[Path] = PDF_OPTION,  # noqa: UP045
    html: Optional[Path] = HTML_OPTION,  # noqa: UP045
    lang: Optional[str] = lang_option(),  # noqa: UP045
    db: Optional[str] = db_option(),  # noqa: UP045
) -> None:
    language = choose_language(lang)
    if pdf is None and html is None:
        fail(text("need_output", language), language)
    open_database(db, language)
    collaboration = find_collaboration(collaboration_id, language)
    if html is not None:
        from grondvorm.reports.report import render_report_html

        write_file(html, render_report_html(collaboration, language), language)
    if pdf is not None:
        from grondvorm.reports.pdf import PdfUnavailableError, render_report_pdf

        try:
            content = render_report_pdf(collaboration, language)
        except PdfUnavailableError as error:
            fail(error.message(language), language)
        write_file(pdf, content, language)


def register(app: typer.Typer) -> None:
    """Add ``report`` to the root app."""
    app.command("report", help=text("report_help"))(report)
