"""Data care: backup and restore, deleting a collaboration, a respondent's answers on request.

Every command applies pending migrations first (``open_database``). Backups come in two kinds:

- SQLite: a consistent copy of the database file made with SQLite's online backup API, safe while
  the server runs; it restores into a SQLite database.
- JSON (PostgreSQL, or ``--json`` on SQLite): a Django fixture of the facilitators' accounts and
  every grondvorm table, read in one snapshot; it restores into either database.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from grondvorm.cli.common import choose_language, fail, print_json
from grondvorm.cli.web_cmd import db_option, open_database
from grondvorm.texts import load_messages

SQLITE_HEADER = b"SQLite format 3\x00"
DUMPED_MODELS = ("auth.user", "grondvorm")  # accounts, then collaborations and everything in them


def text(key: str, language: str | None = None, **values: object) -> str:
    from grondvorm.language import resolve_language

    return load_messages("grondvorm.cli", "messages_ops.toml").get(
        key, language or resolve_language(), **values
    )


def lang_option() -> Any:
    return typer.Option(None, "--lang", hidden=True)


def summary() -> dict[str, int]:
    """How much the database holds, for the messages of backup and restore."""
    from django.contrib.auth import get_user_model

    from grondvorm.web.models import Collaboration, Respondent

    return {
        "collaborations": Collaboration.objects.count(),
        "respondents": Respondent.objects.count(),
        "users": get_user_model().objects.count(),
    }


# --- backup -----------------------------------------------------------------------------------


def copy_sqlite(source: str, target: Path) -> None:
    """A consistent, self-contained copy of a live SQLite database (online backup API)."""
    with (
        closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as origin,
        closing(sqlite3.connect(target)) as copy,
    ):
        origin.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
        (status,) = copy.execute("PRAGMA integrity_check").fetchone()
    if status != "ok":
        raise RuntimeError(f"integrity check of the copy: {status}")


def dump_json(target: Path) -> None:
    """All accounts and grondvorm tables as one Django fixture, read in one snapshot."""
    from django.core.management import call_command
    from django.db import connection, transaction

    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        call_command(
            "dumpdata", *DUMPED_MODELS, natural_foreign=True, output=str(target), verbosity=0
        )


def backup(
    out: Annotated[Path, typer.Argument(help=text("backup_out_help"), dir_okay=False)],
    as_json: bool = typer.Option(False, "--json", help=text("backup_json_help")),
    db: Optional[str] = db_option(),  # noqa: UP045
    lang: Optional[str] = lang_option(),  # noqa: UP045
) -> None:
    language = choose_language(lang)
    open_database(db, language)
    from django.db import connection

    if out.exists():
        fail(text("backup_exists", language, path=out), language)
    as_json = as_json or connection.vendor != "sqlite"
    draft = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        if as_json:
            dump_json(draft)
        else:
            copy_sqlite(str(connection.settings_dict["NAME"]), draft)
        os.replace(draft, out)  # the backup appears whole or not at all
    finally:
        draft.unlink(missing_ok=True)
    kind = text("kind_json" if as_json else "kind_sqlite", language)
    typer.echo(text("backup_done", language, path=out, kind=kind, **summary()))


# --- restore ----------------------------------------------------------------------------------


def check_sqlite_backup(path: Path) -> None:
    """Refuse a SQLite file that is damaged or holds no grondvorm tables."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as backup_db:
        (status,) = backup_db.execute("PRAGMA integrity_check").fetchone()
        tables = {row[0] for row in backup_db.execute("SELECT name FROM sqlite_master")}
    if status != "ok":
        raise ValueError(f"integrity check: {status}")
    if "grondvorm_collaboration" not in tables:
        raise ValueError("no grondvorm tables")


def restore_sqlite(path: Path, target: str) -> None:
    """Copy the backup over the live SQLite database in one write transaction."""
    from django.db import connection

    connection.close()
    with (
        closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as origin,
        closing(sqlite3.connect(target, timeout=20)) as destination,
    ):
        origin.backup(destination)


def wipe() -> None:
    """Remove every account and everything they own (used by restore --force, in its transaction)."""
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session

    from grondvorm.web.models import Answer, Collaboration

    Answer.objects.all().delete()
    Collaboration.objects.all().delete()
    get_user_model().objects.all().delete()
    Session.objects.all().delete()


def load_json(path: Path, *, replace: bool) -> None:
    """Load a JSON dump in one transaction: all of it, or nothing."""
    from django.core.management import call_command
    from django.db import transaction

    with tempfile.TemporaryDirectory() as folder:
        fixture = Path(folder) / "grondvorm-backup.json"  # loaddata knows the format by its suffix
        shutil.copyfile(path, fixture)
        with transaction.atomic():
            if replace:
                wipe()
            call_command("loaddata", str(fixture), verbosity=0)


def restore(
    file: Annotated[Path, typer.Argument(help=text("restore_file_help"), dir_okay=False)],
    force: bool = typer.Option(False, "--force", help=text("force_help")),
    db: Optional[str] = db_option(),  # noqa: UP045
    lang: Optional[str] = lang_option(),  # noqa: UP045
) -> None:
    language = choose_language(lang)
    if not file.is_file():
        fail(text("restore_no_file", language, path=file), language)
    open_database(db, language)
    from django.db import connection

    before = summary()
    if (before["collaborations"] or before["users"]) and not force:
        fail(text("restore_not_empty", language, **before), language)
    with file.open("rb") as handle:
        is_sqlite = handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    if is_sqlite and connection.vendor != "sqlite":
        fail(text("restore_sqlite_into_other", language), language)
    from django.core.serializers.base import DeserializationError
    from django.db import DatabaseError

    try:
        if is_sqlite:
            check_sqlite_backup(file)
            restore_sqlite(file, str(connection.settings_dict["NAME"]))
        else:
            load_json(file, replace=force)
    except (ValueError, sqlite3.DatabaseError, DeserializationError, DatabaseError) as error:
        fail(text("restore_bad_file", language, path=file, problem=error), language)
    if is_sqlite:
        open_database(db, language)  # a backup made by an older version gets its migrations
    typer.echo(text("restore_done", language, path=file, **summary()))


# --- delete and export ------------------------------------------------------------------------


def delete(
    collaboration_id: int = typer.Argument(..., metavar="ID", help=text("delete_id_help")),
    yes: bool = typer.Option(False, "--yes", "-y", help=text("yes_help")),
    db: Optional[str] = db_option(),  # noqa: UP045
    lang: Optional[str] = lang_option(),  # noqa: UP045
) -> None:
    language = choose_language(lang)
    open_database(db, language)
    from grondvorm.web import store
    from grondvorm.web.models import Collaboration

    collaboration = Collaboration.objects.filter(pk=collaboration_id).first()
    if collaboration is None:
        fail(text("no_such_collaboration", language, id=collaboration_id), language)
    named = {"id": collaboration.pk, "name": collaboration.name}
    if not yes and not typer.confirm(
        text("delete_confirm", language, **named, **store.footprint(collaboration))
    ):
        typer.echo(text("delete_cancelled", language))
        raise typer.Exit(1)
    counts = store.delete_collaboration(collaboration)
    typer.echo(text("delete_done", language, **named, **counts))


def respondent_data(token: str) -> dict[str, Any] | None:
    """A respondent's own answers in the scan's response format, with when and for whom."""
    from grondvorm.web import store
    from grondvorm.web.models import Respondent

    respondent = (
        Respondent.objects.select_related("party__collaboration").filter(resume_token=token).first()
    )
    if respondent is None:
        return None
    answers = store.answers_of(respondent)
    return {
        "instrument": {"id": respondent.instrument_id, "version": respondent.instrument_version},
        "respondent": {
            "party": respondent.party.name,
            "collaboration": respondent.party.collaboration.name,
            "language": respondent.language,
            "started_at": respondent.created_at.isoformat(),
            "submitted_at": respondent.submitted_at.isoformat()
            if respondent.submitted_at
            else None,
        },
        "answers": {
            statement_id: {"now": now, "desired": desired}
            for statement_id, (now, desired) in sorted(answers.items())
        },
    }


def respondent_export(
    token: str = typer.Argument(..., metavar="RESUME_TOKEN", help=text("export_token_help")),
    db: Optional[str] = db_option(),  # noqa: UP045
    lang: Optional[str] = lang_option(),  # noqa: UP045
) -> None:
    language = choose_language(lang)
    open_database(db, language)
    if "/r/" in token:  # the whole personal link was pasted
        token = token.split("/r/", 1)[1].split("/", 1)[0]
    data = respondent_data(token.strip())
    if data is None:
        fail(text("no_such_respondent", language), language)
    print_json(data)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("backup", help=text("backup_help"))(backup)
    app.command("restore", help=text("restore_help"))(restore)
    app.command("delete", help=text("delete_help"))(delete)
    app.command("respondent-export", help=text("export_help"))(respondent_export)
