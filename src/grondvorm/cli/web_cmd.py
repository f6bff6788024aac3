"""Commands that use the database: serve, migrate, createuser, token create/list/revoke.

Each of them applies pending migrations first, so a newcomer never needs a separate step.
"""

from __future__ import annotations

from typing import Any, Optional

import typer

from grondvorm.cli.common import choose_language, fail
from grondvorm.texts import load_messages


def text(key: str, language: str | None = None, **values: object) -> str:
    from grondvorm.language import resolve_language

    return load_messages("grondvorm.cli", "messages_web.toml").get(
        key, language or resolve_language(), **values
    )


def db_option():
    return typer.Option(
        None, "--db", help=text("db_help"), envvar="GRONDVORM_DATABASE_URL", show_default=False
    )


def open_database(database_url: str | None, language: str) -> list[str]:
    """Set Django up on the database and apply pending migrations; exit 2 if unreachable."""
    from grondvorm.web import bootstrap

    bootstrap.setup(database_url)
    try:
        return bootstrap.migrate()
    except Exception as error:  # the driver's own error class differs per database
        from django.db import connection

        settings = connection.settings_dict
        where = settings.get("NAME") or "?"
        if settings.get("HOST"):
            where = f"{settings['HOST']}:{settings.get('PORT') or ''}/{where}"
        fail(text("bad_database", language, database=where, problem=str(error).strip()), language)


def migrate(
    db: Optional[str] = db_option(),  # noqa: UP045
    lang: Optional[str] = typer.Option(None, "--lang", hidden=True),  # noqa: UP045
) -> None:
    language = choose_language(lang)
    applied = open_database(db, language)
    typer.echo(
        text("migrated", language, count=len(applied)) if applied else text("up_to_date", language)
    )


def createuser(
    email: str = typer.Option(..., "--email", prompt=True, help=text("email_help")),
    password: str = typer.Option(
        ...,
        "--password",
        prompt=text("password_prompt"),
        hide_input=True,
        confirmation_prompt=True,
        help=text("password_help"),
    ),
    db: Optional[str] = db_option(),  # noqa: UP045
    lang: Optional[str] = typer.Option(None, "--lang", hidden=True),  # noqa: UP045
) -> None:
    language = choose_language(lang)
    open_database(db, language)
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    email = email.strip().lower()
    user_model = get_user_model()
    try:
        validate_password(password)
    except ValidationError as error:
        fail(text("password_invalid", language, problems=" ".join(error.messages)), language)
    user, created = user_model.objects.get_or_create(username=email, defaults={"email": email})
    user.email = email
    user.set_password(password)
    user.save()
    typer.echo(text("user_created" if created else "user_updated", language, email=email))


token_app = typer.Typer(help=text("token_help"), no_args_is_help=True)


def _facilitator(email: str, db: str | None, lang: str | None) -> tuple[Any, str]:
    """Open the database; the facilitator with this e-mail address and the language of the
    output. Exit 2 naming the fix when there is no such facilitator."""
    language = choose_language(lang)
    open_database(db, language)
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=email.strip().lower()).first()
    if user is None:
        fail(text("no_such_user", language, email=email), language)
    return user, language


@token_app.command("create", help=text("token_create_help"))
def token_create(
    email: str = typer.Option(..., "--email", help=text("email_help")),
    name: str = typer.Option("cli", "--name", help=text("token_name_help")),
    db: Optional[str] = db_option(),  # noqa: UP045
    lang: Optional[str] = typer.Option(None, "--lang", hidden=True),  # noqa: UP045
) -> None:
    user, language = _facilitator(email, db, lang)
    from grondvorm.web.models import ApiToken

    _, plain = ApiToken.issue(user, name=name.strip()[:100] or "cli")
    typer.echo(text("token_created", language, email=user.username, token=plain))


@token_app.command("list", help=text("token_list_help"))
def token_list(
    email: str = typer.Option(..., "--email", help=text("email_help")),
    db: Optional[str] = db_option(),  # noqa: UP045
    lang: Optional[str] = typer.Option(None, "--lang", hidden=True),  # noqa: UP045
) -> None:
    user, language = _facilitator(email, db, lang)
    tokens = user.api_tokens.order_by("created_at", "pk")
    if not tokens:
        typer.echo(text("no_tokens", language, email=user.username))
        return
    never = text("never_used", language)
    for token in tokens:
        last_used = (
            token.last_used_at.isoformat(timespec="minutes") if token.last_used_at else never
        )
        typer.echo(
            text(
                "token_line",
                language,
                id=token.pk,
                name=token.name,
                created=token.created_at.isoformat(timespec="minutes"),
                last_used=last_used,
            )
        )


@token_app.command("revoke", help=text("token_revoke_help"))
def token_revoke(
    token_id: int = typer.Argument(..., metavar="ID", help=text("token_id_help")),
    email: str = typer.Option(..., "--email", help=text("email_help")),
    db: Optional[str] = db_option(),  # noqa: UP045
    lang: Optional[str] = typer.Option(None, "--lang", hidden=True),  # noqa: UP045
) -> None:
    user, language = _facilitator(email, db, lang)
    deleted, _ = user.api_tokens.filter(pk=token_id).delete()
    if not deleted:
        fail(text("no_such_token", language, id=token_id, email=user.username), language)
    typer.echo(text("token_revoked", language, id=token_id, email=user.username))


# Open connections waitress keeps (its default is 100). Phones keep their connection open while
# their user reads (a browser opens one to six per site) and waitress closes an idle one only after
# two minutes, so at 100 the phone after that waited for a free slot: with 150 respondents in
# bench/load.py --flow pages the invitation page took 12 s (p95). Idle connections cost a buffer,
# not a thread.
CONNECTION_LIMIT = 500


def serve(
    host: str = typer.Option("127.0.0.1", "--host"),
    port: int = typer.Option(8000, "--port"),
    demo: bool = typer.Option(False, "--demo", help=text("demo_help")),
    threads: int = typer.Option(8, "--threads"),
    db: Optional[str] = db_option(),  # noqa: UP045
    lang: Optional[str] = typer.Option(None, "--lang", hidden=True),  # noqa: UP045
) -> None:
    language = choose_language(lang)
    open_database(db, language)
    from django.db import connection
    from waitress import serve as waitress_serve

    from grondvorm.web.wsgi import application

    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    base = f"http://{shown_host}:{port}"
    typer.echo(text("database", language, database=connection.settings_dict.get("NAME")))
    if demo:
        from grondvorm.web.demo import DEMO_EMAIL, load_demo

        collaboration, password = load_demo()
        typer.echo(
            text("demo_ready", language, url=f"{base}/login/", email=DEMO_EMAIL, password=password)
        )
        typer.echo(text("demo_results", language, url=f"{base}/c/{collaboration.pk}/results/"))
    typer.echo(text("serving", language, url=f"{base}/"), err=False)
    connection.close()
    waitress_serve(
        application,
        host=host,
        port=port,
        threads=threads,
        connection_limit=CONNECTION_LIMIT,
        asyncore_use_poll=True,  # select() stops at 1024 file descriptors, poll() does not
        ident="grondvorm",
        max_request_body_size=2_000_000,
        _quiet=False,
    )


def register(app: typer.Typer) -> None:
    app.command("serve", help=text("serve_help"))(serve)
    app.command("migrate", help=text("migrate_help"))(migrate)
    app.command("createuser", help=text("createuser_help"))(createuser)
    app.add_typer(token_app, name="token")
