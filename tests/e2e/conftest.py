"""End-to-end fixtures: the real ``grondvorm serve`` in a subprocess and Debian's headless chromium.

The server runs on a free port with its own data folder (a fresh SQLite database) and two
facilitators, anna and bram, created through ``grondvorm createuser`` as a newcomer would. The
browser is ``/usr/bin/chromium`` driven by Playwright's sync API; Playwright never downloads one.
Without chromium the tests skip (a failure under ``CI=true``, see ``tests/conftest.py``).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.processes import free_port, run_grondvorm

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "correct horse battery"
FACILITATORS = ("anna@example.org", "bram@example.org")
STARTUP_SECONDS = 30
SCREENSHOTS = Path("/tmp/grondvorm-e2e")


@dataclass(frozen=True)
class Server:
    base_url: str
    home: Path
    token: str  # anna's API bearer token

    def url(self, path: str) -> str:
        return self.base_url + path


def _grondvorm(env: dict[str, str], *args: str) -> str:
    done = run_grondvorm(*args, env=env, timeout=60)
    if done.returncode != 0:
        pytest.fail(
            f"grondvorm {' '.join(args[:2])} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
        )
    return done.stdout


def _wait_until_up(process: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"grondvorm serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)  # polling interval while the server starts, not a fixed wait
    pytest.fail(
        f"grondvorm serve did not answer {url} within {STARTUP_SECONDS} s:\n{log.read_text()}"
    )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[Server]:
    """``grondvorm serve`` on a free port with a fresh SQLite database and two facilitators."""
    home = tmp_path_factory.mktemp("grondvorm-e2e-home")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("GRONDVORM_") and key not in ("DJANGO_SETTINGS_MODULE",)
    }
    env.update(
        GRONDVORM_HOME=str(home),
        GRONDVORM_SECRET_KEY="test",
        GRONDVORM_LANG="nl",
        PYTHONUNBUFFERED="1",
    )
    for email in FACILITATORS:
        _grondvorm(env, "createuser", "--email", email, "--password", PASSWORD)
    token = _grondvorm(env, "token", "create", "--email", FACILITATORS[0]).split()[-1]
    port = free_port()
    log = home / "serve.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "grondvorm",
                "serve",
                "--port",
                str(port),
                "--host",
                "127.0.0.1",
            ],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(process, base_url + "/login/", log)
        yield Server(base_url=base_url, home=home, token=token)
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless; skips (fails under CI) when it is not installed."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def new_context(browser, server):
    """A factory for fresh browser contexts (own cookies, like a separate person); Dutch browser
    by default. Contexts still open at the end of the test are closed."""
    opened = []

    def make(**options):
        options.setdefault("locale", "nl-NL")
        options.setdefault("base_url", server.base_url)
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        opened.append(context)
        return context

    yield make
    for context in opened:
        with contextlib.suppress(Exception):  # already closed by the test
            context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
