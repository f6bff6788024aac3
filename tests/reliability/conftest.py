"""Helpers for the reliability tests: real server processes, the CLI, fresh databases, HTTP.

These tests run grondvorm the way it is deployed: ``python -m grondvorm serve`` (waitress) or
gunicorn as separate processes on a temporary SQLite file or a fresh PostgreSQL database, talked
to over HTTP on 127.0.0.1. Nothing is mocked.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from tests.postgres import throwaway_database
from tests.processes import ROOT, free_port
from tests.processes import run_grondvorm as grondvorm
from tests.web.conftest import response_body

PASSWORD = "correct horse battery staple"


def base_env(home: Path, database_url: str) -> dict[str, str]:
    """The environment of a child process: its own data folder and database, English texts."""
    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(
        GRONDVORM_HOME=str(home),
        GRONDVORM_DATABASE_URL=database_url,
        GRONDVORM_LANG="en",
        GRONDVORM_SECRET_KEY="reliability-tests-secret-key-0123456789",
    )
    return env


@pytest.fixture
def sqlite_env(tmp_path) -> dict[str, str]:
    """A child-process environment on a fresh SQLite file."""
    return base_env(tmp_path / "home", f"sqlite:///{tmp_path / 'grondvorm.sqlite3'}")


def sqlite_path(env: dict[str, str]) -> Path:
    return Path(env["GRONDVORM_DATABASE_URL"].removeprefix("sqlite:///"))


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the test server; dropped afterwards."""
    server = os.environ.get("GRONDVORM_TEST_POSTGRES_URL")
    if not server:
        pytest.skip("no PostgreSQL server: set GRONDVORM_TEST_POSTGRES_URL (.ci/run starts one)")
    with throwaway_database(server, "grondvorm_rel") as url:
        yield url


# --- HTTP -------------------------------------------------------------------------------------


@dataclass
class Reply:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        return json.loads(self.body)


def http(
    method: str,
    url: str,
    body: Any = None,
    *,
    token: str | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 30,
) -> Reply:
    """One request; HTTP errors are answers too (never raised)."""
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return Reply(reply.status, reply.read(), dict(reply.headers))
    except urllib.error.HTTPError as error:
        return Reply(error.code, error.read(), dict(error.headers))


# --- servers ----------------------------------------------------------------------------------


class Server:
    """A grondvorm server process on 127.0.0.1 (``grondvorm serve`` or gunicorn)."""

    def __init__(self, env: dict[str, str], *, gunicorn_workers: int = 0, threads: int = 8):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        if gunicorn_workers:
            command = [
                sys.executable,
                "-m",
                "gunicorn",
                "-w",
                str(gunicorn_workers),
                "-b",
                f"127.0.0.1:{self.port}",
                "grondvorm.web.wsgi:application",
            ]
        else:
            command = [
                *(sys.executable, "-m", "grondvorm", "serve"),
                *("--port", str(self.port), "--threads", str(threads)),
            ]
        self.log = open(Path(env["GRONDVORM_HOME"]).parent / f"server-{self.port}.log", "w+")  # noqa: SIM115
        self.process = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT
        )
        self.wait_until_ready()

    def wait_until_ready(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"server exited with {self.process.returncode}:\n{self.output()}"
                )
            try:
                with urllib.request.urlopen(f"{self.url}/api/v1/instrument", timeout=5):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"server did not start within {seconds} s:\n{self.output()}")

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def kill(self) -> None:
        """SIGKILL: no clean-up, no flushing; what a power cut or the OOM killer does."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.log.close()


@pytest.fixture
def start_server() -> Iterator:
    """Start servers with ``start_server(env, ...)``; all are stopped at the end of the test."""
    started: list[Server] = []

    def start(env: dict[str, str], **options: Any) -> Server:
        server = Server(env, **options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


# --- a collaboration through the CLI and the API -----------------------------------------------


@dataclass
class Workshop:
    api_token: str
    collaboration_id: int
    invitations: dict[str, str]  # party name -> invitation token


def facilitator_token(env: dict[str, str], email: str = "anna@example.org") -> str:
    """Create a facilitator with the CLI and return an API token for them."""
    created = grondvorm("createuser", "--email", email, "--password", PASSWORD, env=env)
    assert created.returncode == 0, created.stderr
    issued = grondvorm("token", "create", "--email", email, env=env)
    assert issued.returncode == 0, issued.stderr
    return issued.stdout.split()[-1]


def open_workshop(
    base_url: str, api_token: str, parties: list[str], name: str = "Regio"
) -> Workshop:
    """A collaboration with parties, made through the API."""
    created = http("POST", f"{base_url}/api/v1/collaborations", {"name": name}, token=api_token)
    assert created.status == 201, created.body
    collaboration_id = created.json()["id"]
    invitations = {}
    for party in parties:
        reply = http(
            "POST",
            f"{base_url}/api/v1/collaborations/{collaboration_id}/parties",
            {"name": party},
            token=api_token,
        )
        assert reply.status == 201, reply.body
        invitations[party] = reply.json()["invitation_token"]
    return Workshop(api_token, collaboration_id, invitations)


def submit(base_url: str, invitation: str, answers: dict, key: str | None) -> Reply:
    body = response_body(invitation, answers, submission_key=key) if key else None
    body = body or response_body(invitation, answers)
    return http("POST", f"{base_url}/api/v1/responses", body)


class Browser:
    """A cookie-keeping form client that does not follow redirects (to see where they go)."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    def __init__(self, base_url: str) -> None:
        import http.cookiejar

        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), self._NoRedirect()
        )

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> Reply:
        from urllib.parse import urlencode

        data = None
        if form is not None:
            csrf = next((c.value for c in self.cookies if c.name == "csrftoken"), "")
            data = urlencode({"csrfmiddlewaretoken": csrf, **form}).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        request.add_header("Referer", self.base_url + path)
        try:
            with self.opener.open(request, timeout=30) as reply:
                return Reply(reply.status, reply.read(), dict(reply.headers))
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.read(), dict(error.headers))

    def get(self, path: str) -> Reply:
        return self.request("GET", path)

    def post(self, path: str, form: dict[str, str]) -> Reply:
        return self.request("POST", path, form)
