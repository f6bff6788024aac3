"""The web tests once more against PostgreSQL.

Django configures one database per process, so this test runs the database-backed suites in a
child pytest with ``GRONDVORM_DATABASE_URL`` pointing at the server in
``GRONDVORM_TEST_POSTGRES_URL`` (``.ci/run`` starts a throwaway one with initdb and pg_ctl).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


@pytest.fixture
def postgres_url() -> str:
    url = os.environ.get("GRONDVORM_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("no PostgreSQL server: set GRONDVORM_TEST_POSTGRES_URL (.ci/run starts one)")
    return url


@pytest.mark.postgresql
@pytest.mark.slow
def test_database_suites_pass_on_postgresql(postgres_url):
    env = dict(os.environ, GRONDVORM_DATABASE_URL=postgres_url)
    env.pop("GRONDVORM_HOME", None)
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-m",
            "not postgresql and not browser",
            "tests/web",
            "tests/cli/test_web_cli.py",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )

    summary = completed.stdout.strip().splitlines()[-1] if completed.stdout.strip() else ""
    assert completed.returncode == 0, completed.stdout[-6000:] + completed.stderr[-3000:]
    assert " passed" in summary and "failed" not in summary, summary


@pytest.mark.postgresql
def test_the_child_run_really_uses_postgresql(postgres_url):
    """Guard against a silent fall-back to SQLite in the child run."""
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='tests.django_settings'; django.setup();"
        "from django.db import connection; print(connection.vendor)"
    )
    env = dict(os.environ, GRONDVORM_DATABASE_URL=postgres_url)
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )

    assert completed.stdout.strip() == "postgresql"
