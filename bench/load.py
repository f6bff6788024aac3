"""Load benchmark: many respondents open their invitation and submit a complete scan at once.

    python bench/load.py --backend sqlite --respondents 50 [--think 2]
    python bench/load.py --backend sqlite --respondents 200 --flow api
    python bench/load.py --backend postgresql --respondents 200 --workers 4 [--pg-url URL]

It starts grondvorm itself on a temporary database, on 127.0.0.1 only: SQLite behind
``grondvorm serve`` (waitress, ``--threads``), PostgreSQL (a fresh database on the server of
``--pg-url`` or ``GRONDVORM_TEST_POSTGRES_URL``, dropped at the end) behind gunicorn with
``--workers`` processes. A facilitator, a collaboration and its parties are made through the CLI and
the API; then every respondent, in a pool of ``--concurrency`` threads (default: one each), goes:

``--flow api`` (a burst): opens ``/i/<token>/`` and POSTs the whole scan to
``/api/v1/responses`` with its own ``submission_key``, retrying with the same key after a network
error. By default they all start at the same moment (the worst case); ``--spread S`` lets them
arrive at random moments within S seconds. The latencies are those of the submits; whole_p95_ms
is that of the invitation page and the submit together (what a respondent waits in all).

``--flow pages`` (the default: a workshop, as a phone does it): opens the invitation link, taps "start" (a
form POST with the CSRF token, keeping the cookies), then answers the answer pages one by one,
thinking between two pages for a random time of ``--think`` seconds on average (uniform from 0 to
twice that), and submits on the last page; each POST is followed by the page it redirects to. They
arrive within ``--spread`` seconds (default 5), so all of them are busy at the same time. The
latencies are those of the answer POSTs ("answer submit"); "page turn" adds the page that follows.
A real respondent thinks about a minute per page of four statements, so ``--think 2`` is about
thirty times the real pace.

The server's CPU time per respondent (Linux) is reported too: the latencies of a burst mostly
measure how many cores there are and what else runs on them.

Afterwards the database is counted: stored and duplicated from the submitted rows, lost as
acknowledged scans (201/200 from the API; the thank-you page in the pages flow) that are missing
or, in the pages flow, not stored with exactly the answers that were sent.

The last line printed is one JSON object: backend, flow, respondents, think_s, submitted, stored,
lost, duplicated, p50_ms, p95_ms, p99_ms (of the submits), errors, and more. Bounded by
``--timeout``.

Figures on a shared 2-core machine (all in docs/deployment.md), nothing lost or duplicated: SQLite,
``--respondents 50`` (pages): answer submit p50 5-7 ms, p95 13-23 ms, about 100 ms of server
CPU per respondent; ``--respondents 50 --flow api``: submit p95 230-550 ms, about 9-13 ms of
server CPU per respondent (the burst waits for the CPU, not for locks).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

PASSWORD = "benchmark horse battery staple"
EMAIL = "bench@example.org"


# --- plumbing ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def grondvorm(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "grondvorm", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    if done.returncode:
        raise RuntimeError(f"grondvorm {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def request(
    port: int,
    method: str,
    path: str,
    body: object = None,
    token: str | None = None,
    connection: http.client.HTTPConnection | None = None,
    timeout: float = 60,
) -> tuple[int, bytes]:
    """One request to 127.0.0.1:port (on ``connection`` if given, keeping it alive)."""
    own = connection is None
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        payload = json.dumps(body).encode() if body is not None else None
        connection.request(method, path, body=payload, headers=headers)
        reply = connection.getresponse()
        return reply.status, reply.read()
    finally:
        if own:
            connection.close()


@contextmanager
def postgres_database(server_url: str) -> Iterator[str]:
    """A fresh database on the PostgreSQL server, dropped afterwards."""
    import psycopg

    name = f"grondvorm_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def running_server(
    env: dict[str, str], backend: str, workers: int, threads: int
) -> Iterator[tuple[int, int]]:
    """grondvorm behind waitress (SQLite) or gunicorn workers (PostgreSQL) on a free port: yields
    the port and the server's process id."""
    port = free_port()
    if backend == "sqlite":
        command = [sys.executable, "-m", "grondvorm", "serve", "--port", str(port)]
        command += ["--threads", str(threads)]
    else:
        command = [sys.executable, "-m", "gunicorn", "-w", str(workers)]
        command += [
            "-b",
            f"127.0.0.1:{port}",
            "--backlog",
            "2048",
            "grondvorm.web.wsgi:application",
        ]
    log = tempfile.TemporaryFile("w+")  # noqa: SIM115 - closed in the finally below
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"the server stopped:\n{log.read()}")
            try:
                if request(port, "GET", "/api/v1/instrument", timeout=5)[0] == 200:
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield port, server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def cpu_seconds(pid: int) -> float | None:
    """CPU time used so far by a process and its children (gunicorn's workers), from Linux's
    /proc; None elsewhere. The server's own work, without the time it waited for a CPU."""
    try:
        ticks, todo = 0, [pid]
        while todo:
            current = todo.pop()
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
            for task in Path(f"/proc/{current}/task").iterdir():
                todo.extend(int(child) for child in (task / "children").read_text().split())
        return ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


# --- the respondents --------------------------------------------------------------------------


@dataclass
class Tally:
    submit_ms: list[float] = field(default_factory=list)  # API submits, or answer-page POSTs
    open_ms: list[float] = field(default_factory=list)
    start_ms: list[float] = field(default_factory=list)  # pages: POST "start the scan"
    turn_ms: list[float] = field(default_factory=list)  # pages: answer POST + the next page
    whole_ms: list[float] = field(default_factory=list)  # api: invitation page and submit
    acknowledged: list[str] = field(default_factory=list)
    sent: dict[str, dict] = field(default_factory=dict)  # pages: resume token -> answers sent
    started: list[list[str]] = field(default_factory=list)  # pages: resume tokens per respondent
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def random_answers(statement_ids: list[str], rng: random.Random) -> dict[str, dict]:
    def value() -> int | None:
        return None if rng.random() < 0.05 else rng.randint(1, 5)

    return {sid: {"now": value(), "desired": value()} for sid in statement_ids}


def respondent(
    port: int,
    invitation: str,
    body: dict,
    start: threading.Event,
    delay: float,
    tally: Tally,
    deadline: float,
) -> None:
    """Open the invitation, then submit; retry with the same key after a network error."""
    start.wait()
    time.sleep(delay)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        arrived = began = time.perf_counter()
        status, _ = request(port, "GET", f"/i/{invitation}/", connection=connection)
        with tally.lock:
            tally.open_ms.append(1000 * (time.perf_counter() - began))
            if status != 200:
                tally.errors.append(f"invitation page: HTTP {status}")
        for _attempt in range(3):
            if time.monotonic() > deadline:
                with tally.lock:
                    tally.errors.append("submit: gave up at --timeout")
                return
            began = time.perf_counter()
            try:
                status, content = request(
                    port, "POST", "/api/v1/responses", body, connection=connection
                )
            except OSError as error:
                with tally.lock:
                    tally.errors.append(f"submit: {type(error).__name__}")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            elapsed = 1000 * (time.perf_counter() - began)
            with tally.lock:
                tally.submit_ms.append(elapsed)
                if status in (200, 201):
                    tally.acknowledged.append(body["submission_key"])
                    tally.whole_ms.append(1000 * (time.perf_counter() - arrived))
                    return
                tally.errors.append(f"submit: HTTP {status} {content[:120]!r}")
            if status < 500:
                return
    finally:
        connection.close()


CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RADIO = re.compile(r'name="([^"]+)-now"')


class Browser:
    """What a phone's browser does: one kept-alive connection, cookies, form posts, redirects."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.origin = f"http://127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def fetch(self, method: str, path: str, form: dict | None = None) -> tuple[int, str, str]:
        """One request, no redirect followed: status, Location (a path) and the page's text."""
        headers = {"Accept": "text/html", "Accept-Language": "en"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
        try:
            self.connection.request(method, path, body=body, headers=headers)
            reply = self.connection.getresponse()
            content = reply.read().decode("utf-8", "replace")
        except OSError:
            self.connection.close()  # the next request opens a new connection
            raise
        for header in reply.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        location = urlsplit(reply.getheader("Location") or "").path
        return reply.status, location, content

    def close(self) -> None:
        self.connection.close()


def page_answers(statement_ids: list[str], rng: random.Random) -> dict[str, tuple[int, int]]:
    """Radio choices for one page: 1..5, now and then 0 ("don't know")."""

    def value() -> int:
        return 0 if rng.random() < 0.05 else rng.randint(1, 5)

    return {sid: (value(), value()) for sid in statement_ids}


def page_respondent(
    port: int,
    invitation: str,
    seed: int,
    think: float,
    start: threading.Event,
    delay: float,
    tally: Tally,
    deadline: float,
) -> None:
    """Open the invitation link, start, answer page after page (thinking in between), submit.

    Every answer POST is timed ("answer submit"), and with the next page it redirects to
    ("page turn"). A POST that fails on the network is sent again, as a phone's user would tap
    again: saving a page twice is harmless. Acknowledged means the thank-you page was shown.
    """
    rng = random.Random(seed)
    start.wait()
    time.sleep(delay)
    browser = Browser(port)
    tokens: list[str] = []
    with tally.lock:
        tally.started.append(tokens)

    def fail(what: str) -> None:
        with tally.lock:
            tally.errors.append(what)

    def post(path: str, form: dict, label: str) -> tuple[int, str, float]:
        for _attempt in range(3):
            if time.monotonic() > deadline:
                break
            began = time.perf_counter()
            try:
                status, location, _ = browser.fetch("POST", path, form)
            except OSError as error:
                fail(f"{label}: {type(error).__name__}")
                continue
            return status, location, 1000 * (time.perf_counter() - began)
        raise TimeoutError(label)

    try:
        began = time.perf_counter()
        status, _, content = browser.fetch("GET", f"/i/{invitation}/")
        with tally.lock:
            tally.open_ms.append(1000 * (time.perf_counter() - began))
        if status != 200:
            return fail(f"invitation page: HTTP {status}")
        csrf = CSRF_FIELD.search(content).group(1)
        status, path, elapsed = post(
            f"/i/{invitation}/", {"csrfmiddlewaretoken": csrf, "action": "new"}, "start"
        )
        with tally.lock:
            tally.start_ms.append(elapsed)
        if status != 302 or not path.startswith("/r/"):
            return fail(f"start: HTTP {status}")
        token = path.split("/")[2]
        tokens.append(token)
        sent: dict[str, tuple[int, int]] = {}
        status, _, content = browser.fetch("GET", path)
        while True:
            if status != 200:
                return fail(f"answer page: HTTP {status}")
            answers = page_answers(RADIO.findall(content), rng)
            last = 'value="finish"' in content
            form = {"csrfmiddlewaretoken": CSRF_FIELD.search(content).group(1)}
            for sid, (now, desired) in answers.items():
                form[f"{sid}-now"], form[f"{sid}-desired"] = str(now), str(desired)
            form["action"] = "finish" if last else "next"
            time.sleep(rng.uniform(0, 2 * think))  # reading and tapping
            status, location, elapsed = post(path, form, "answer submit")
            sent.update(answers)
            if status != 302:
                with tally.lock:
                    tally.submit_ms.append(elapsed)
                return fail(f"answer submit: HTTP {status}")
            began = time.perf_counter()
            status, _, content = browser.fetch("GET", location)
            with tally.lock:
                tally.submit_ms.append(elapsed)
                tally.turn_ms.append(elapsed + 1000 * (time.perf_counter() - began))
            if last:
                if status != 200 or not location.endswith("/done/"):
                    return fail(f"thank-you page: HTTP {status} at {location}")
                with tally.lock:
                    tally.acknowledged.append(token)
                    tally.sent[token] = sent
                return None
            path = location
    except TimeoutError as error:
        fail(f"{error}: gave up at --timeout")
    except (OSError, AttributeError) as error:  # AttributeError: a page without its form
        fail(f"{type(error).__name__}")
    finally:
        browser.close()


def warm_up(port: int, invitation: str, reference: dict, rounds: int) -> None:
    """Let every worker load its templates and code once, without storing anything."""

    def touch(_: int) -> None:
        request(port, "GET", f"/i/{invitation}/")
        body = {"invitation_token": invitation, "instrument": reference, "answers": {"?": {}}}
        request(port, "POST", "/api/v1/responses", body)  # refused (400): nothing stored

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(touch, range(rounds)))


def warm_up_pages(port: int, invitation: str, rounds: int) -> None:
    """The same for the respondent pages; one respondent is started (and never submits)."""
    browser = Browser(port)
    _status, _, content = browser.fetch("GET", f"/i/{invitation}/")
    form = {"csrfmiddlewaretoken": CSRF_FIELD.search(content).group(1), "action": "new"}
    _status, first_page, _ = browser.fetch("POST", f"/i/{invitation}/", form)
    browser.close()

    def touch(_: int) -> None:
        request(port, "GET", f"/i/{invitation}/")
        request(port, "GET", first_page)

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(touch, range(rounds)))


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.5 - 1e-9))
    return round(ordered[min(rank, len(ordered)) - 1], 1)


# --- counting ---------------------------------------------------------------------------------


def stored_keys(database_url: str) -> list[str]:
    """The submission keys of all stored respondents, straight from the database."""
    sql = "SELECT submission_key FROM grondvorm_respondent WHERE submission_key IS NOT NULL"
    if database_url.startswith("sqlite:///"):
        import sqlite3

        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            return [key for (key,) in db.execute(sql)]
    import psycopg

    with psycopg.connect(database_url) as db:
        return [key for (key,) in db.execute(sql)]


def stored_scans(database_url: str) -> dict[str, dict[str, tuple[int | None, int | None]]]:
    """Per submitted respondent (by resume token): the answers stored, straight from the database."""
    sql = (
        "SELECT r.resume_token, a.statement_id, a.now, a.desired FROM grondvorm_respondent r "
        "JOIN grondvorm_answer a ON a.respondent_id = r.id WHERE r.submitted_at IS NOT NULL"
    )
    if database_url.startswith("sqlite:///"):
        import sqlite3

        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            rows = list(db.execute(sql))
    else:
        import psycopg

        with psycopg.connect(database_url) as db:
            rows = list(db.execute(sql))
    scans: dict[str, dict[str, tuple[int | None, int | None]]] = {}
    for token, statement_id, now, desired in rows:
        scans.setdefault(token, {})[statement_id] = (now, desired)
    return scans


def count_pages(tally: Tally, database_url: str) -> dict[str, int]:
    """Respondents with a submitted scan; acknowledged scans not stored exactly as sent (lost);
    respondents with more than one submitted scan (duplicated)."""
    scans = stored_scans(database_url)

    def as_stored(sent: dict[str, tuple[int, int]]) -> dict[str, tuple[int | None, int | None]]:
        return {sid: (now or None, desired or None) for sid, (now, desired) in sent.items()}

    acknowledged = set(tally.acknowledged)
    intact = {t for t in acknowledged if scans.get(t) == as_stored(tally.sent[t])}
    stored = [sum(t in scans for t in tokens) for tokens in tally.started]
    return {
        "submitted": len(acknowledged),
        "stored": sum(1 for n in stored if n),
        "lost": len(acknowledged - intact),
        "duplicated": sum(n - 1 for n in stored if n > 1),
    }


# --- the run ----------------------------------------------------------------------------------


def run(options: argparse.Namespace, database_url: str, home: Path) -> dict:
    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(
        GRONDVORM_HOME=str(home),
        GRONDVORM_DATABASE_URL=database_url,
        GRONDVORM_SECRET_KEY="benchmark-secret-key-not-for-production",
        GRONDVORM_LANG="en",
    )
    grondvorm(env, "migrate")
    grondvorm(env, "createuser", "--email", EMAIL, "--password", PASSWORD)
    api_token = grondvorm(env, "token", "create", "--email", EMAIL).split()[-1]
    rng = random.Random(options.seed)
    with running_server(env, options.backend, options.workers, options.threads) as (port, pid):
        _status, content = request(
            port,
            "POST",
            "/api/v1/collaborations",
            {"name": "Load test", "min_respondents": 1},
            token=api_token,
        )
        collaboration_id = json.loads(content)["id"]
        invitations = []
        for number in range(options.parties):
            _status, content = request(
                port,
                "POST",
                f"/api/v1/collaborations/{collaboration_id}/parties",
                {"name": f"Party {number + 1}"},
                token=api_token,
            )
            invitations.append(json.loads(content)["invitation_token"])
        instrument = json.loads(request(port, "GET", "/api/v1/instrument")[1])
        statement_ids = [s["id"] for s in instrument["statements"]]
        reference = {"id": instrument["id"], "version": instrument["version"]}

        rounds = 4 * max(options.workers, options.threads)
        if options.flow == "pages":
            warm_up_pages(port, invitations[0], rounds)
        else:
            warm_up(port, invitations[0], reference, rounds)
        tally = Tally()
        cpu_before = cpu_seconds(pid)
        start = threading.Event()
        deadline = time.monotonic() + options.spread + options.timeout
        began = time.perf_counter()
        pool = ThreadPoolExecutor(max_workers=options.concurrency)
        futures = []
        for number in range(options.respondents):
            invitation = invitations[number % len(invitations)]
            delay = rng.uniform(0, options.spread)
            if options.flow == "pages":
                work = (page_respondent, port, invitation, rng.random(), options.think)
            else:
                body = {
                    "invitation_token": invitation,
                    "instrument": reference,
                    "answers": random_answers(statement_ids, rng),
                    "submission_key": f"bench-{uuid.uuid4()}",
                }
                work = (respondent, port, invitation, body)
            futures.append(pool.submit(*work, start, delay, tally, deadline))
        start.set()  # with --spread 0 the first `concurrency` respondents go at one moment
        _done, late = wait(futures, timeout=options.timeout + options.spread)
        pool.shutdown(wait=False, cancel_futures=True)  # stopping the server ends the rest
        if late:
            with tally.lock:
                tally.errors.append(f"unfinished after --timeout: {len(late)}")
        wall = time.perf_counter() - began
        cpu_after = cpu_seconds(pid)
        results = json.loads(
            request(
                port, "GET", f"/api/v1/collaborations/{collaboration_id}/results", token=api_token
            )[1]
        )

    if options.flow == "pages":
        counts = count_pages(tally, database_url)
    else:
        keys = stored_keys(database_url)
        acknowledged = set(tally.acknowledged)
        counts = {
            "submitted": len(acknowledged),
            "stored": len(set(keys)),
            "lost": len(acknowledged - set(keys)),
            "duplicated": len(keys) - len(set(keys)),
        }
    figures = {
        "backend": options.backend,
        "flow": options.flow,
        "respondents": options.respondents,
        "concurrency": options.concurrency,
        "spread_s": options.spread,
        "think_s": options.think if options.flow == "pages" else None,
        "server": f"gunicorn -w {options.workers}"
        if options.backend == "postgresql"
        else f"waitress --threads {options.threads}",
        **counts,
        "results_n": sum(party["n"] for party in results["parties"]),
        "p50_ms": percentile(tally.submit_ms, 0.50),
        "p95_ms": percentile(tally.submit_ms, 0.95),
        "p99_ms": percentile(tally.submit_ms, 0.99),
        "max_ms": round(max(tally.submit_ms), 1) if tally.submit_ms else None,
        "submits": len(tally.submit_ms),
        "open_p95_ms": percentile(tally.open_ms, 0.95),
        "server_cpu_ms_per_respondent": round(
            1000 * (cpu_after - cpu_before) / options.respondents, 1
        )
        if cpu_before is not None and cpu_after is not None
        else None,
        "wall_s": round(wall, 2),
        "submits_per_s": round(len(tally.submit_ms) / wall, 1) if wall else None,
        "errors": len(tally.errors),
        "error_kinds": sorted(set(tally.errors))[:5],
    }
    if options.flow == "api":
        figures["whole_p95_ms"] = percentile(tally.whole_ms, 0.95)
    if options.flow == "pages":
        figures["start_p95_ms"] = percentile(tally.start_ms, 0.95)
        figures["page_turn_p50_ms"] = percentile(tally.turn_ms, 0.50)
        figures["page_turn_p95_ms"] = percentile(tally.turn_ms, 0.95)
    return figures


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--respondents", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=None, help="default: all at once")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (PostgreSQL)")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads (SQLite)")
    parser.add_argument(
        "--flow",
        choices=("api", "pages"),
        default="pages",
        help="api: open the invitation, POST the whole scan as JSON; pages: the respondent's "
        "HTML pages as a phone goes through them, page by page",
    )
    parser.add_argument(
        "--think",
        type=float,
        default=2.0,
        help="pages: mean seconds between two pages (drawn uniformly from 0 to twice this)",
    )
    parser.add_argument(
        "--spread",
        type=float,
        default=None,
        help="respondents arrive at random moments within this many seconds "
        "(default: 0, all at once, for api; 5 for pages)",
    )
    parser.add_argument("--parties", type=int, default=5)
    parser.add_argument("--pg-url", default=os.environ.get("GRONDVORM_TEST_POSTGRES_URL"))
    parser.add_argument(
        "--timeout", type=float, default=300, help="seconds allowed after the last arrival"
    )
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args(argv)
    options.respondents = max(1, min(options.respondents, 5000))
    options.concurrency = max(1, min(options.concurrency or options.respondents, 1000))
    if options.spread is None:
        options.spread = 5.0 if options.flow == "pages" else 0.0
    options.think = max(0.0, options.think)
    if options.backend == "postgresql" and not options.pg_url:
        parser.error("PostgreSQL needs --pg-url or GRONDVORM_TEST_POSTGRES_URL")
    return options


def main(argv: list[str] | None = None) -> int:
    options = parse(argv)
    home = Path(tempfile.mkdtemp(prefix="grondvorm-bench-"))
    try:
        if options.backend == "sqlite":
            figures = run(options, f"sqlite:///{home / 'bench.sqlite3'}", home)
        else:
            with postgres_database(options.pg_url) as database_url:
                figures = run(options, database_url, home)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    flow = (
        f"the answer pages, thinking {figures['think_s']} s on average per page"
        if figures["flow"] == "pages"
        else "one JSON submit each"
    )
    print(
        f"{figures['backend']} ({figures['server']}): {figures['respondents']} respondents, "
        f"at most {figures['concurrency']} at a time, arriving within {figures['spread_s']} s, "
        f"{flow}; done in {figures['wall_s']} s"
    )
    print(
        f"submitted {figures['submitted']}, stored {figures['stored']}, lost {figures['lost']}, "
        f"duplicated {figures['duplicated']}, errors {figures['errors']}"
    )
    print(
        f"{'answer submit' if figures['flow'] == 'pages' else 'submit'} latency "
        f"({figures['submits']} requests): p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, "
        f"p99 {figures['p99_ms']} ms, max {figures['max_ms']} ms; "
        f"invitation page p95 {figures['open_p95_ms']} ms; "
        f"server CPU per respondent {figures['server_cpu_ms_per_respondent']} ms"
    )
    if figures["flow"] == "api":
        print(f"invitation page and submit together: p95 {figures['whole_p95_ms']} ms")
    if figures["flow"] == "pages":
        print(
            f"page turn (answer submit and the next page): p50 {figures['page_turn_p50_ms']} ms, "
            f"p95 {figures['page_turn_p95_ms']} ms; start p95 {figures['start_p95_ms']} ms"
        )
    print(json.dumps(figures))
    ok = figures["lost"] == 0 and figures["duplicated"] == 0 and figures["errors"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
