"""Several app processes on one PostgreSQL database, as docs/deployment.md describes.

Process 1 is ``grondvorm serve`` (waitress), process 2 is gunicorn with two workers; both share a
fresh database and the secret key. Respondents alternate between them, and the results read from
either are complete and the same.
"""

from __future__ import annotations

import subprocess
import sys
import threading

import psycopg
import pytest
from tests.reliability.conftest import (
    ROOT,
    Browser,
    base_env,
    facilitator_token,
    http,
    open_workshop,
    submit,
)
from tests.reliability.test_faults import page_form
from tests.web.conftest import INSTRUMENT, answers_for

from grondvorm.forms import FormId
from grondvorm.web.views.respondent import STATEMENTS_PER_PAGE

pytestmark = [pytest.mark.postgresql, pytest.mark.slow]

VIEWS = {
    "Gemeente": (FormId.FUNCTIONAL, FormId.ENTREPRENEURIAL),
    "Ziekenhuis": (FormId.TRANSACTIONAL, FormId.FUNCTIONAL),
    "Huisartsen": (FormId.LEARNING, FormId.LEARNING),
}
PARTIES = [*VIEWS, "School"]


def migrate_at_once(env: dict, count: int) -> list[subprocess.CompletedProcess]:
    """Start ``grondvorm migrate`` in several processes at the same moment."""
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "grondvorm", "migrate"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(count)
    ]
    for run in runs:
        run.wait(timeout=120)
    return [
        subprocess.CompletedProcess(run.args, run.returncode, *run.communicate()) for run in runs
    ]


def test_two_processes_share_one_postgresql_database(postgres_url, tmp_path, start_server):
    env = base_env(tmp_path / "home", postgres_url)
    migrations = migrate_at_once(env, 3)
    first = start_server(env)  # grondvorm serve
    second = start_server(env, gunicorn_workers=2)
    workshop = open_workshop(first.url, facilitator_token(env), PARTIES)

    statuses = []
    for number in range(24):
        party = list(VIEWS)[number % 3]
        server = (first, second)[number % 2]
        reply = submit(
            server.url, workshop.invitations[party], answers_for(*VIEWS[party]), f"k{number}"
        )
        statuses.append(reply.status)
    retries = [  # the same submissions again, each to the other process
        submit(
            (second, first)[number % 2].url,
            workshop.invitations[list(VIEWS)[number % 3]],
            answers_for(*VIEWS[list(VIEWS)[number % 3]]),
            f"k{number}",
        ).status
        for number in range(0, 24, 5)
    ]
    through_pages = fill_in_across_processes(
        first.url, second.url, workshop.invitations["Gemeente"]
    )
    taps, answers = save_a_page_twice_at_once(
        first.url, second.url, workshop.invitations["School"], postgres_url
    )

    path = f"/api/v1/collaborations/{workshop.collaboration_id}/results?lang=en"
    from_first = http("GET", first.url + path, token=workshop.api_token)
    from_second = http("GET", second.url + path, token=workshop.api_token)

    assert [run.returncode for run in migrations] == [0, 0, 0]
    assert sum("applied" in run.stdout for run in migrations) == 1, [r.stdout for r in migrations]
    assert statuses == [201] * 24
    assert retries == [200] * 5
    assert through_pages == "/r/done"
    assert taps == [302] * 16
    assert sorted(answers) == sorted(
        (s.id, 1 + 8 % 5, 1 + 8 % 5) for s in INSTRUMENT.statements[:STATEMENTS_PER_PAGE]
    )
    assert (from_first.status, from_second.status) == (200, 200)
    assert from_first.json() == from_second.json()
    results = from_second.json()
    assert {p["name"]: p["n"] for p in results["parties"]} == {
        "Gemeente": 9,
        "Ziekenhuis": 8,
        "Huisartsen": 8,
    }  # School's only respondent is still busy: not counted
    assert results["overall"]["n"] == 25
    by_name = {p["name"]: p for p in results["parties"]}
    assert by_name["Huisartsen"]["now"]["form"] == "learning"
    assert by_name["Ziekenhuis"]["desired"]["form"] == "functional"


def fill_in_across_processes(first: str, second: str, invitation: str) -> str:
    """One respondent through the web pages, each page on the other process (one cookie jar)."""
    phone = Browser(first)
    phone.get(f"/i/{invitation}/")
    started = phone.post(f"/i/{invitation}/", {"action": "new"})
    resume = started.headers["Location"].split("/")[2]
    page_count = -(-len(INSTRUMENT.statements) // STATEMENTS_PER_PAGE)
    location = ""
    for number in range(1, page_count + 1):
        phone.base_url = (first, second)[number % 2]
        form = page_form(number)
        if number == page_count:
            form["action"] = "finish"
        reply = phone.post(f"/r/{resume}/{number}/", form)
        assert reply.status == 302, (number, reply.status, reply.body[:300])
        location = reply.headers["Location"]
    return location.replace(resume, "").replace("//", "/").rstrip("/")


def save_a_page_twice_at_once(
    first: str, second: str, invitation: str, database_url: str
) -> tuple[list[int], list[tuple]]:
    """Post page 1 to both processes at the same moment, eight times over with other answers each
    time (a double tap on a flaky connection); return the statuses and the stored answers."""
    phone = Browser(first)
    phone.get(f"/i/{invitation}/")
    resume = phone.post(f"/i/{invitation}/", {"action": "new"}).headers["Location"].split("/")[2]
    statuses: list[int] = []

    def tap(base_url: str, value: int, barrier: threading.Barrier) -> None:
        device = Browser(base_url)
        for cookie in phone.cookies:
            device.cookies.set_cookie(cookie)
        barrier.wait()
        statuses.append(device.post(f"/r/{resume}/1/", page_form(1, value)).status)

    for round_number in range(1, 9):
        barrier = threading.Barrier(2)
        taps = [
            threading.Thread(target=tap, args=(url, 1 + round_number % 5, barrier))
            for url in (first, second)
        ]
        for thread in taps:
            thread.start()
        for thread in taps:
            thread.join(timeout=60)
    with psycopg.connect(database_url) as db:
        answers = db.execute(
            "SELECT a.statement_id, a.now, a.desired FROM grondvorm_answer a JOIN "
            "grondvorm_respondent r ON r.id = a.respondent_id WHERE r.resume_token = %s",
            (resume,),
        ).fetchall()
    return statuses, answers
