"""Load benchmark: many respondents open their invitation and submit a complete scan at once.

    python bench/load.py --backend sqlite --respondents 200 --concurrency 200
    python bench/load.py --backend postgresql --respondents 200 --workers 4 [--pg-url URL]

It starts grondvorm itself on a temporary database, on 127.0.0.1 only: SQLite behind
``grondvorm serve`` (waitress, ``--threads``), PostgreSQL (a fresh database on the server of
``--pg-url`` or ``GRONDVORM_TEST_POSTGRES_URL``, dropped at the end) behind gunicorn with
``--workers`` processes. A facilitator, a collaboration and its parties are made through the CLI and
the API; then every respondent, in a pool of ``--concurrency`` threads, opens ``/i/<token>/`` and
POSTs ``/api/v1/responses`` with its own ``submission_key``, retrying with the same key after a
network error, as a phone would. By default they all start at the same moment (the worst case);
``--spread S`` lets them arrive at random moments within S seconds, as in a workshop. Afterwards
the database is counted.

The last line printed is one JSON object: backend, respondents, submitted, stored, lost, duplicated,
p50_ms, p95_ms, p99_ms (of the submits), errors, and more. Bounded by ``--timeout``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
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
from pathlib import Path

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
def running_server(env: dict[str, str], backend: str, workers: int, threads: int) -> Iterator[int]:
    """grondvorm behind waitress (SQLite) or gunicorn workers (PostgreSQL) on a free port."""
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
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


# --- the respondents --------------------------------------------------------------------------


@dataclass
class Tally:
    submit_ms: list[float] = field(default_factory=list)
    open_ms: list[float] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)
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
        began = time.perf_counter()
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
                    return
                tally.errors.append(f"submit: HTTP {status} {content[:120]!r}")
            if status < 500:
                return
    finally:
        connection.close()


def warm_up(port: int, invitation: str, reference: dict, rounds: int) -> None:
    """Let every worker load its templates and code once, without storing anything."""

    def touch(_: int) -> None:
        request(port, "GET", f"/i/{invitation}/")
        body = {"invitation_token": invitation, "instrument": reference, "answers": {"?": {}}}
        request(port, "POST", "/api/v1/responses", body)  # refused (400): nothing stored

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
    with running_server(env, options.backend, options.workers, options.threads) as port:
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

        warm_up(port, invitations[0], reference, rounds=4 * max(options.workers, options.threads))
        tally = Tally()
        start = threading.Event()
        deadline = time.monotonic() + options.spread + options.timeout
        began = time.perf_counter()
        pool = ThreadPoolExecutor(max_workers=options.concurrency)
        futures = []
        for number in range(options.respondents):
            invitation = invitations[number % len(invitations)]
            body = {
                "invitation_token": invitation,
                "instrument": reference,
                "answers": random_answers(statement_ids, rng),
                "submission_key": f"bench-{uuid.uuid4()}",
            }
            delay = rng.uniform(0, options.spread)
            futures.append(
                pool.submit(respondent, port, invitation, body, start, delay, tally, deadline)
            )
        start.set()  # with --spread 0 the first `concurrency` respondents go at one moment
        _done, late = wait(futures, timeout=options.timeout + options.spread)
        pool.shutdown(wait=False, cancel_futures=True)  # stopping the server ends the rest
        if late:
            with tally.lock:
                tally.errors.append(f"unfinished after --timeout: {len(late)}")
        wall = time.perf_counter() - began
        results = json.loads(
            request(
                port, "GET", f"/api/v1/collaborations/{collaboration_id}/results", token=api_token
            )[1]
        )

    keys = stored_keys(database_url)
    acknowledged = set(tally.acknowledged)
    return {
        "backend": options.backend,
        "respondents": options.respondents,
        "concurrency": options.concurrency,
        "spread_s": options.spread,
        "server": f"gunicorn -w {options.workers}"
        if options.backend == "postgresql"
        else f"waitress --threads {options.threads}",
        "submitted": len(acknowledged),
        "stored": len(set(keys)),
        "lost": len(acknowledged - set(keys)),
        "duplicated": len(keys) - len(set(keys)),
        "results_n": sum(party["n"] for party in results["parties"]),
        "p50_ms": percentile(tally.submit_ms, 0.50),
        "p95_ms": percentile(tally.submit_ms, 0.95),
        "p99_ms": percentile(tally.submit_ms, 0.99),
        "max_ms": round(max(tally.submit_ms), 1) if tally.submit_ms else None,
        "open_p95_ms": percentile(tally.open_ms, 0.95),
        "wall_s": round(wall, 2),
        "submits_per_s": round(len(tally.submit_ms) / wall, 1) if wall else None,
        "errors": len(tally.errors),
        "error_kinds": sorted(set(tally.errors))[:5],
    }


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--respondents", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=None, help="default: all at once")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (PostgreSQL)")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads (SQLite)")
    parser.add_argument(
        "--spread",
        type=float,
        default=0.0,
        help="respondents arrive at random moments within this many seconds (0: all at once)",
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
    print(
        f"{figures['backend']} ({figures['server']}): {figures['respondents']} respondents, "
        f"at most {figures['concurrency']} at a time, arriving within {figures['spread_s']} s; "
        f"done in {figures['wall_s']} s"
    )
    print(
        f"submitted {figures['submitted']}, stored {figures['stored']}, lost {figures['lost']}, "
        f"duplicated {figures['duplicated']}, errors {figures['errors']}"
    )
    print(
        f"submit latency: p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, "
        f"p99 {figures['p99_ms']} ms, max {figures['max_ms']} ms; "
        f"invitation page p95 {figures['open_p95_ms']} ms"
    )
    print(json.dumps(figures))
    ok = figures["lost"] == 0 and figures["duplicated"] == 0 and figures["errors"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
