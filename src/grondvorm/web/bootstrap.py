"""Start Django for the command line and the server, and bring the database schema up to date."""

from __future__ import annotations

import os

from grondvorm.config import DATABASE_URL_VARIABLE

SETTINGS_MODULE = "grondvorm.web.settings"
MIGRATION_LOCK_ID = 0x67726F6E  # "gron": a PostgreSQL advisory lock for concurrent starts


def setup(database_url: str | None = None) -> None:
    """Configure Django (once per process); ``database_url`` overrides the environment."""
    import django
    from django.apps import apps

    if database_url:
        os.environ[DATABASE_URL_VARIABLE] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    if not apps.ready:
        django.setup()


def migrate(verbosity: int = 0) -> list[str]:
    """Apply pending migrations; returns the names of those applied.

    Several processes may start at once (app servers against one PostgreSQL): an advisory lock
    lets one migrate while the others wait. On SQLite the migration runs in one transaction.
    """
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    def pending() -> list[str]:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]

    todo = pending()
    if not todo:
        return []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK_ID])
        try:
            todo = pending()
            if todo:
                call_command("migrate", interactive=False, verbosity=verbosity)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK_ID])
    else:
        call_command("migrate", interactive=False, verbosity=verbosity)
    return todo


def ready(database_url: str | None = None) -> None:
    """Set Django up and apply pending migrations: what every database command does first."""
    setup(database_url)
    migrate()
