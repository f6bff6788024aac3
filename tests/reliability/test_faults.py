"""Faults: the server killed mid-stream, double submissions, a connection lost halfway a page.

Real ``grondvorm serve`` processes on a temporary SQLite file, over HTTP.
"""

from __future__ import annotations

import socket
import sqlite3
import threading
from contextlib import closing
from http.client import HTTPException
from urllib.parse import urlencode

import pytest
from tests.reliability.conftest import (
    Browser,
    Server,
    base_env,
    facilitator_token,
    http,
    open_workshop,
    sqlite_path,
    submit,
)
from tests.web.conftest import INSTRUMENT, answers_for

from grondvorm.forms import FormId
from grondvorm.web.views.respondent import STATEMENTS_PER_PAGE

pytestmark = pytest.mark.slow

ANSWERS = answers_for(FormId.FUNCTIONAL, FormId.ENTREPRENEURIAL)
STATEMENTS = len(INSTRUMENT.statements)


def query(env: dict, sql: str, *args: object) -> list[tuple]:
    with closing(sqlite3.connect(sqlite_path(env))) as db:
        return db.execute(sql, args).fetchall()


def stored_keys(env: dict, prefix: str = "") -> list[str]:
    rows = query(
        env,
        "SELECT submission_key FROM grondvorm_respondent WHERE submission_key LIKE ?",
        prefix + "%",
    )
    return [key for (key,) in rows]


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """One server with a collaboration of two parties, shared by the tests that do not kill it."""
    folder = tmp_path_factory.mktemp("live")
    env = base_env(folder / "home", f"sqlite:///{folder / 'grondvorm.sqlite3'}")
    server = Server(env, threads=8)
    try:
        workshop = open_workshop(server.url, facilitator_token(env), ["Gemeente", "School"])
        yield env, server, workshop
    finally:
        server.stop()


def test_sigkill_mid_stream_loses_no_acknowledged_submission(sqlite_env, start_server):
    server = start_server(sqlite_env)
    workshop = open_workshop(server.url, facilitator_token(sqlite_env), ["Gemeente", "School"])
    acknowledged: list[str] = []
    unanswered: list[str] = []  # sent, but the answer never came back: state unknown to the client
    enough = threading.Event()
    lock = threading.Lock()

    def stream(worker: int) -> None:
        invitation = list(workshop.invitations.values())[worker % 2]
        for number in range(100_000):
            key = f"w{worker}-{number}"
            try:
                reply = submit(server.url, invitation, ANSWERS, key)
            except (OSError, HTTPException):  # e.g. killed between head and body
                with lock:
                    unanswered.append(key)
                return  # the server is gone
            assert reply.status == 201, reply.body
            with lock:
                acknowledged.append(key)
                if len(acknowledged) >= 40:
                    enough.set()

    workers = [threading.Thread(target=stream, args=(n,)) for n in range(4)]
    for worker in workers:
        worker.start()
    assert enough.wait(timeout=120), server.output()
    server.kill()  # while four clients are still submitting
    for worker in workers:
        worker.join(timeout=60)

    assert query(sqlite_env, "PRAGMA integrity_check") == [("ok",)]
    stored = stored_keys(sqlite_env)
    assert set(acknowledged) <= set(stored)
    assert len(stored) == len(set(stored))
    partial = query(
        sqlite_env,
        "SELECT r.id, COUNT(a.id) FROM grondvorm_respondent r "
        "LEFT JOIN grondvorm_answer a ON a.respondent_id = r.id GROUP BY r.id "
        "HAVING COUNT(a.id) != ?",
        STATEMENTS,
    )
    assert partial == []  # every respondent whole: a submission is one transaction

    restarted = start_server(sqlite_env)
    for key in unanswered:  # the clients retry what they never heard back about
        worker = int(key[1 : key.index("-")])
        invitation = list(workshop.invitations.values())[worker % 2]
        assert submit(restarted.url, invitation, ANSWERS, key).status in (200, 201)
    results = http(
        "GET",
        f"{restarted.url}/api/v1/collaborations/{workshop.collaboration_id}/results",
        token=workshop.api_token,
    ).json()

    final = stored_keys(sqlite_env)
    assert sorted(final) == sorted(set(acknowledged) | set(unanswered))
    assert results["overall"]["n"] == len(final)


def test_a_double_tap_is_stored_once_even_at_the_same_moment(live):
    env, server, workshop = live
    invitation = workshop.invitations["Gemeente"]
    statuses: dict[str, list[int]] = {}

    def tap(key: str, barrier: threading.Barrier) -> None:
        barrier.wait()
        reply = submit(server.url, invitation, ANSWERS, key)
        statuses.setdefault(key, []).append(reply.status)

    for round_number in range(12):
        key = f"tap-{round_number}"
        barrier = threading.Barrier(2)
        taps = [threading.Thread(target=tap, args=(key, barrier)) for _ in range(2)]
        for thread in taps:
            thread.start()
        for thread in taps:
            thread.join(timeout=60)
    sequential = submit(server.url, invitation, ANSWERS, "tap-0")

    assert {key: sorted(codes) for key, codes in statuses.items()} == {
        f"tap-{n}": [200, 201] for n in range(12)
    }
    assert (sequential.status, sequential.json()["duplicate"]) == (200, True)
    assert sorted(stored_keys(env, "tap-")) == sorted(f"tap-{n}" for n in range(12))


def test_phones_that_keep_their_connections_open_do_not_lock_out_the_next(live):
    """A workshop of 150 phones, each holding an idle connection while its user reads: the next
    phone still gets its page (waitress's default limit of 100 connections let it wait until an
    idle one timed out, two minutes later)."""
    _env, server, workshop = live
    idle = []
    try:
        for _ in range(150):
            idle.append(socket.create_connection(("127.0.0.1", server.port), timeout=30))
        reply = http("GET", f"{server.url}/i/{workshop.invitations['School']}/", timeout=30)
    finally:
        for connection in idle:
            connection.close()

    assert reply.status == 200


def test_a_submission_key_of_another_party_is_a_conflict(live):
    env, server, workshop = live

    first = submit(server.url, workshop.invitations["Gemeente"], ANSWERS, "shared-key")
    other = submit(server.url, workshop.invitations["School"], ANSWERS, "shared-key")

    assert first.status == 201
    assert (other.status, other.json()) == (
        409,
        {"detail": "this submission_key was already used for another party"},
    )
    assert stored_keys(env, "shared-key") == ["shared-key"]


def page_form(number: int, value: int = 4) -> dict[str, str]:
    """The form of scan page ``number`` with every statement answered ``value`` (now and desired)."""
    start = (number - 1) * STATEMENTS_PER_PAGE
    statements = INSTRUMENT.statements[start : start + STATEMENTS_PER_PAGE]
    form = {"action": "next"}
    for statement in statements:
        form[f"{statement.id}-now"] = str(value)
        form[f"{statement.id}-desired"] = str(value)
    return form


def post_half_and_hang_up(base_url: str, path: str, cookie: str, form: dict[str, str]) -> None:
    """Send the headers and half the body of a page, then drop the connection (a phone in a tunnel)."""
    body = urlencode(form).encode()
    port = int(base_url.rsplit(":", 1)[1])
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie}\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(head + body[: len(body) // 2])


def test_a_respondent_who_loses_the_connection_halfway_resumes_without_losing_answers(live):
    sqlite_env, server, workshop = live
    phone = Browser(server.url)
    invitation = f"/i/{workshop.invitations['Gemeente']}/"
    assert phone.get(invitation).status == 200
    started = phone.post(invitation, {"action": "new"})
    resume_token = started.headers["Location"].split("/")[2]
    for number in (1, 2):
        saved = phone.post(f"/r/{resume_token}/{number}/", page_form(number))
        assert saved.headers["Location"] == f"/r/{resume_token}/{number + 1}/"
    cookie = "; ".join(f"{c.name}={c.value}" for c in phone.cookies)

    post_half_and_hang_up(server.url, f"/r/{resume_token}/3/", cookie, page_form(3, value=2))

    laptop = Browser(server.url)  # later, elsewhere, with the personal link only
    resumed = laptop.get(f"/r/{resume_token}/")
    first_page = laptop.get(f"/r/{resume_token}/1/").body.decode()
    answered = query(
        sqlite_env,
        "SELECT a.statement_id, a.now, a.desired FROM grondvorm_answer a "
        "JOIN grondvorm_respondent r ON r.id = a.respondent_id WHERE r.resume_token = ?",
        resume_token,
    )
    assert resumed.headers["Location"] == f"/r/{resume_token}/3/"
    first_id = INSTRUMENT.statements[0].id
    assert f'name="{first_id}-now" value="4" checked' in first_page
    assert sorted(answered) == sorted(
        (s.id, 4, 4) for s in INSTRUMENT.statements[: 2 * STATEMENTS_PER_PAGE]
    )

    page_count = -(-STATEMENTS // STATEMENTS_PER_PAGE)
    laptop.get(f"/r/{resume_token}/3/")  # sets the CSRF cookie on this device
    for number in range(3, page_count + 1):
        form = page_form(number)
        if number == page_count:
            form["action"] = "finish"
        assert laptop.post(f"/r/{resume_token}/{number}/", form).status == 302
    assert query(
        sqlite_env,
        "SELECT COUNT(*) FROM grondvorm_answer a JOIN grondvorm_respondent r "
        "ON r.id = a.respondent_id WHERE r.resume_token = ? AND r.submitted_at IS NOT NULL",
        resume_token,
    ) == [(STATEMENTS,)]
