"""The database commands: createuser, token create/list/revoke, migrate; and serve end to end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from tests.postgres import throwaway_database
from tests.processes import free_port
from tests.processes import run_grondvorm as grondvorm


@pytest.fixture
def env(tmp_path) -> Iterator[dict]:
    """A child-process environment on a fresh database: SQLite, or (in the PostgreSQL rerun of
    tests/web/test_postgresql.py) a throwaway database on the same server."""
    environment = dict(os.environ, GRONDVORM_HOME=str(tmp_path / "home"), GRONDVORM_LANG="en")
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    configured = environment.get("GRONDVORM_DATABASE_URL", "")
    if configured.startswith("postgres"):
        with throwaway_database(configured, "grondvorm_cli") as url:
            environment["GRONDVORM_DATABASE_URL"] = url
            yield environment
        return
    environment["GRONDVORM_DATABASE_URL"] = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    yield environment


def test_createuser_then_token_create_prints_the_token_last(env):
    created = grondvorm(
        "createuser", "--email", "Anna@Example.org", "--password", "correct horse battery", env=env
    )
    assert created.returncode == 0, created.stderr
    assert created.stdout.strip() == "Facilitator anna@example.org created."

    issued = grondvorm("token", "create", "--email", "anna@example.org", env=env)

    assert issued.returncode == 0, issued.stderr
    token = issued.stdout.split()[-1]
    assert token.startswith("gv_") and len(token) > 30


def test_createuser_prompts_for_the_password_when_left_out(env):
    created = grondvorm(
        "createuser",
        "--email",
        "bram@example.org",
        env=env,
        input="a long enough pass\na long enough pass\n",
    )

    assert created.returncode == 0, created.stderr
    assert "bram@example.org" in created.stdout


def test_createuser_refuses_a_weak_password(env):
    created = grondvorm("createuser", "--email", "c@example.org", "--password", "123", env=env)

    assert created.returncode == 2
    assert "not strong enough" in created.stderr


def test_token_for_an_unknown_user_exits_2(env):
    issued = grondvorm("token", "create", "--email", "nobody@example.org", env=env)

    assert issued.returncode == 2
    assert "grondvorm createuser --email nobody@example.org" in issued.stderr


def test_token_list_shows_names_and_use_never_the_token_and_revoke_needs_a_known_number(env):
    grondvorm("createuser", "--email", "d@example.org", "--password", "a long enough pass", env=env)
    issued = grondvorm(
        "token", "create", "--email", "d@example.org", "--name", "export script", env=env
    )
    token = issued.stdout.split()[-1]

    listed = grondvorm("token", "list", "--email", "d@example.org", env=env)

    assert listed.returncode == 0, listed.stderr
    [line] = listed.stdout.splitlines()
    assert "export script" in line and "last used never" in line
    assert token not in listed.stdout
    unknown = grondvorm("token", "revoke", "999", "--email", "d@example.org", env=env)
    assert unknown.returncode == 2
    assert "has no API token with number 999" in unknown.stderr
    number = line.split()[0]
    revoked = grondvorm("token", "revoke", number, "--email", "d@example.org", env=env)
    assert revoked.returncode == 0, revoked.stderr
    after = grondvorm("token", "list", "--email", "d@example.org", env=env)
    assert after.stdout.strip() == "d@example.org has no API tokens."


def test_migrate_applies_once_then_reports_up_to_date(env):
    first = grondvorm("migrate", env=env)
    second = grondvorm("migrate", env=env)

    assert first.returncode == 0 and second.returncode == 0
    assert second.stdout.strip() == "The database is up to date."


def test_unreachable_database_gives_a_clear_error(env):
    env["GRONDVORM_DATABASE_URL"] = "postgresql://nobody@127.0.0.1:9/none"

    result = grondvorm("migrate", env=env)

    assert result.returncode == 2
    assert result.stderr.startswith("Error: The database 127.0.0.1:9/none cannot be reached")


def wait_for(url: str, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while True:
        try:
            return urllib.request.urlopen(url, timeout=5)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@pytest.mark.slow
def test_serve_demo_fills_a_collaboration_and_answers_requests(env):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "grondvorm", "serve", "--demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        lines = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = server.stdout.readline()
            lines.append(line)
            if "runs at" in line or server.poll() is not None:
                break
        output = "".join(lines)
        assert "Demo ready: log in at" in output, output
        login = wait_for(f"http://127.0.0.1:{port}/login/")
        assert login.status == 200
        spec = json.load(
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=10)
        )
        assert "/api/v1/responses" in spec["paths"]
    finally:
        server.terminate()
        server.wait(timeout=10)


def api_status(url: str, token: str) -> int:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.slow
def test_a_revoked_token_stops_working_on_the_running_server(env):
    grondvorm("createuser", "--email", "e@example.org", "--password", "a long enough pass", env=env)
    token = grondvorm("token", "create", "--email", "e@example.org", env=env).stdout.split()[-1]
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "grondvorm", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/api/v1/collaborations"
        wait_for(f"http://127.0.0.1:{port}/login/")
        assert api_status(url, token) == 200
        listed = grondvorm("token", "list", "--email", "e@example.org", env=env).stdout
        assert "last used never" not in listed  # the server noted its use
        number = listed.split()[0]
        assert (
            grondvorm("token", "revoke", number, "--email", "e@example.org", env=env).returncode
            == 0
        )
        assert api_status(url, token) == 401
    finally:
        server.terminate()
        server.wait(timeout=10)
