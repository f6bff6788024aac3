"""Where grondvorm keeps its data and which database it uses.

Precedence: command-line flags < environment < defaults, resolved at call time (never at import):

- ``GRONDVORM_HOME``: the data folder (default: the user's data folder from platformdirs).
- ``GRONDVORM_DATABASE_URL``: a database URL (``sqlite:///path`` or ``postgresql://…``); default
  ``grondvorm.sqlite3`` in the data folder.
- ``GRONDVORM_SECRET_KEY``: Django's secret key; default a random key kept in the data folder.
- ``GRONDVORM_DEBUG=1``: debug pages (never in production).
- ``GRONDVORM_ALLOWED_HOSTS``: comma-separated host names (default ``*``, fine behind a proxy that
  sets Host; set it in deployments).
- ``GRONDVORM_SECURE=1``: HTTPS deployment: secure cookies, HSTS, redirect to HTTPS.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

DATABASE_URL_VARIABLE = "GRONDVORM_DATABASE_URL"


def home() -> Path:
    """The data folder, created when missing."""
    configured = os.environ.get("GRONDVORM_HOME")
    if configured:
        path = Path(configured).expanduser()
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("grondvorm", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url() -> str:
    """The database URL: ``GRONDVORM_DATABASE_URL`` or a SQLite file in the data folder."""
    return os.environ.get(DATABASE_URL_VARIABLE) or f"sqlite:///{home() / 'grondvorm.sqlite3'}"


def secret_key() -> str:
    """``GRONDVORM_SECRET_KEY``, else a random key stored (mode 0600) in the data folder."""
    configured = os.environ.get("GRONDVORM_SECRET_KEY")
    if configured:
        return configured
    path = home() / "secret_key"
    if not path.exists():
        # Write aside, then link into place: atomic, and the first of several processes wins.
        draft = path.with_name(f".secret_key.{os.getpid()}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


def flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")
