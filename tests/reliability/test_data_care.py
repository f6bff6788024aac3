"""Data care from the command line: backup and restore, delete a collaboration, export on request.

Every command runs as ``python -m grondvorm`` on a real database: a SQLite file, and a fresh
PostgreSQL database when ``GRONDVORM_TEST_POSTGRES_URL`` is set.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from tests.reliability.conftest import ROOT, base_env, grondvorm

pytestmark = pytest.mark.slow

FILL_DEMO = (
    "from grondvorm.web import bootstrap; bootstrap.ready();"
    "from grondvorm.web.demo import load_demo; from grondvorm.web import store;"
    "c, _ = load_demo(); store.set_agreement(collaboration=c, form='learning', item=0, done=True,"
    " note='afgesproken'); print(c.pk)"
)
QUERIES = {
    "users": "SELECT username, password FROM auth_user",
    "collaborations": "SELECT name, description, share_token FROM grondvorm_collaboration",
    "parties": "SELECT name, invitation_token, revoked FROM grondvorm_party",
    "checks": "SELECT form, item, done, note FROM grondvorm_agreementcheck",
    "tokens": "SELECT resume_token FROM grondvorm_respondent",
    "answers": "SELECT p.name, r.resume_token, a.statement_id, a.now, a.desired "
    "FROM grondvorm_answer a JOIN grondvorm_respondent r ON r.id = a.respondent_id "
    "JOIN grondvorm_party p ON p.id = r.party_id",
}


def python(code: str, env: dict) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def connect(env: dict):
    url = env["GRONDVORM_DATABASE_URL"]
    if url.startswith("sqlite:///"):
        return closing(sqlite3.connect(url.removeprefix("sqlite:///")))
    import psycopg

    return psycopg.connect(url)


def fingerprint(env: dict) -> dict:
    """Everything that matters in the database, comparable across SQLite and PostgreSQL."""
    with connect(env) as db:
        rows = {name: db.execute(sql).fetchall() for name, sql in QUERIES.items()}
    plain = {
        name: sorted(tuple(int(v) if isinstance(v, bool) else v for v in row) for row in found)
        for name, found in rows.items()
    }
    answers = plain.pop("answers")
    return {
        **plain,
        "checks": [(f, i, bool(d), n) for f, i, d, n in plain["checks"]],
        "parties": [(n, t, bool(r)) for n, t, r in plain["parties"]],
        "answers": len(answers),
        "answers_hash": hashlib.sha256(repr(answers).encode()).hexdigest(),
    }


@pytest.fixture(scope="module")
def demo_sqlite(tmp_path_factory) -> Path:
    """A SQLite database with the demo collaboration and one agreement check, made once."""
    folder = tmp_path_factory.mktemp("demo")
    python(FILL_DEMO, base_env(folder / "home", f"sqlite:///{folder / 'demo.sqlite3'}"))
    return folder / "demo.sqlite3"


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path, demo_sqlite) -> dict:
    """An environment on a database with the demo in it (PostgreSQL: a fresh database)."""
    if request.param == "sqlite":
        shutil.copyfile(demo_sqlite, tmp_path / "grondvorm.sqlite3")
        env = base_env(tmp_path / "home", f"sqlite:///{tmp_path / 'grondvorm.sqlite3'}")
        env["DEMO_ID"] = "1"
        return env
    env = base_env(tmp_path / "home", request.getfixturevalue("postgres_url"))
    env["DEMO_ID"] = python(FILL_DEMO, env)
    return env


@pytest.fixture
def demo(tmp_path, demo_sqlite) -> dict:
    """An environment on a copy of the SQLite demo database."""
    shutil.copyfile(demo_sqlite, tmp_path / "grondvorm.sqlite3")
    return base_env(tmp_path / "home", f"sqlite:///{tmp_path / 'grondvorm.sqlite3'}")


def test_backup_delete_restore_brings_everything_back(database, tmp_path):
    collaboration_id = database["DEMO_ID"]
    original = fingerprint(database)
    backup_file = tmp_path / "backup.bin"

    backed_up = grondvorm("backup", str(backup_file), env=database)
    refused = grondvorm("restore", str(backup_file), env=database)
    deleted = grondvorm("delete", collaboration_id, "--yes", env=database)
    emptied = fingerprint(database)
    restored = grondvorm("restore", "--force", str(backup_file), env=database)

    assert backed_up.returncode == 0, backed_up.stderr
    assert "1 collaboration(s), 12 respondent(s), 1 facilitator(s)" in backed_up.stdout
    assert refused.returncode == 2
    assert "already holds data" in refused.stderr
    assert deleted.returncode == 0, deleted.stderr
    assert deleted.stdout.strip().endswith(
        f"4 party(ies), 12 respondent(s), {original['answers']} answer(s) and 1 agreement(s)."
    )
    assert (emptied["collaborations"], emptied["parties"], emptied["tokens"]) == ([], [], [])
    assert (emptied["answers"], emptied["checks"]) == (0, [])
    assert restored.returncode == 0, restored.stderr
    assert fingerprint(database) == original


def test_a_json_backup_restores_into_an_empty_database_of_the_other_kind(
    database, tmp_path, request
):
    original = fingerprint(database)
    dump = tmp_path / "backup.json"
    assert grondvorm("backup", "--json", str(dump), env=database).returncode == 0
    if database["GRONDVORM_DATABASE_URL"].startswith("sqlite"):
        other = base_env(tmp_path / "home2", request.getfixturevalue("postgres_url"))
    else:
        other = base_env(tmp_path / "home2", f"sqlite:///{tmp_path / 'other.sqlite3'}")

    restored = grondvorm("restore", str(dump), env=other)

    assert restored.returncode == 0, restored.stderr
    assert fingerprint(other) == original
    after = grondvorm("delete", "1", "--yes", env=other)  # the restored rows are fully usable
    assert after.returncode == 0, after.stderr


def test_delete_asks_first_and_an_unknown_collaboration_exits_2(demo):
    env = demo

    declined = grondvorm("delete", "1", env=env, input="n\n")
    unknown = grondvorm("delete", "999", "--yes", env=env)

    assert declined.returncode == 1
    assert "Delete collaboration" in declined.stdout
    assert "Nothing deleted." in declined.stdout
    assert len(fingerprint(env)["tokens"]) == 12
    assert (unknown.returncode, unknown.stderr.strip()) == (
        2,
        "Error: There is no collaboration number 999.",
    )


def test_restore_refuses_what_is_not_a_backup(tmp_path):
    env = base_env(tmp_path / "home", f"sqlite:///{tmp_path / 'grondvorm.sqlite3'}")
    junk = tmp_path / "notes.json"
    junk.write_text('[{"model": "grondvorm.nothing", "fields": {}}]')

    refused = grondvorm("restore", str(junk), env=env)
    missing = grondvorm("restore", str(tmp_path / "absent.json"), env=env)

    assert refused.returncode == 2
    assert refused.stderr.startswith(f"Error: {junk} is not a grondvorm backup:")
    assert missing.returncode == 2
    assert fingerprint(env)["collaborations"] == []


def test_a_respondent_gets_exactly_their_own_answers(demo):
    env = demo
    (token,) = fingerprint(env)["tokens"][0]
    with connect(env) as db:
        rows = db.execute(
            "SELECT a.statement_id, a.now, a.desired FROM grondvorm_answer a "
            "JOIN grondvorm_respondent r ON r.id = a.respondent_id WHERE r.resume_token = ?",
            (token,),
        ).fetchall()
    expected = {sid: {"now": now, "desired": desired} for sid, now, desired in rows}

    exported = grondvorm("respondent-export", token, env=env)
    by_link = grondvorm("respondent-export", f"http://127.0.0.1:8000/r/{token}/3/", env=env)
    unknown = grondvorm("respondent-export", "no-such-token", env=env)

    data = json.loads(exported.stdout)
    assert exported.returncode == 0, exported.stderr
    assert data["answers"] == expected
    assert data["instrument"]["id"] == "grondvorm-scan"
    assert set(data["respondent"]) == {
        "party",
        "collaboration",
        "language",
        "started_at",
        "submitted_at",
    }
    assert json.loads(by_link.stdout) == data
    assert unknown.returncode == 2
