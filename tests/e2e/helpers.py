"""Small helpers for the end-to-end tests: logging in, answering scan pages, the JSON API."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from typing import Any

from playwright.sync_api import Page, expect

from grondvorm.forms import FormId
from grondvorm.scan import load_instrument

INSTRUMENT = load_instrument()
PAGE_COUNT = 8  # 32 statements, 4 per page
PAGE_URL = re.compile(r"/r/[^/]+/(\d+)/$")


def persona(now: FormId, desired: FormId) -> dict[str, tuple[int, int]]:
    """Answers (statement id → (now, desired)) of someone who sees ``now`` and wants ``desired``."""

    def value(statement, form: FormId) -> int:
        return min(5, max(1, round(3 + 2 * statement.points_to.get(form, 0.0))))

    return {s.id: (value(s, now), value(s, desired)) for s in INSTRUMENT.statements}


def as_json(answers: dict[str, tuple[int, int]]) -> dict[str, dict[str, int]]:
    return {key: {"now": now, "desired": desired} for key, (now, desired) in answers.items()}


def login(page: Page, email: str, password: str) -> None:
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login/"))
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("main form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("#id_description")).to_be_visible()


def page_number(page: Page) -> int:
    match = PAGE_URL.search(page.url)
    assert match, f"not on a scan page: {page.url}"
    return int(match.group(1))


def start_scan(page: Page, invitation_url: str) -> None:
    """Open the invitation link and start as a new respondent; ends on page 1."""
    page.goto(invitation_url)
    page.click('button[name="action"][value="new"]')
    expect(page).to_have_url(PAGE_URL)
    assert page_number(page) == 1


def statements_on_page(page: Page) -> list[str]:
    return [
        (fieldset.get_attribute("id") or "").removeprefix("s-")
        for fieldset in page.locator("fieldset.statement").all()
    ]


def fill_page(page: Page, answers: dict[str, tuple[int, int]]) -> list[str]:
    """Tick the answers for the statements on the current page; returns their ids."""
    ids = statements_on_page(page)
    assert len(ids) == 4, ids
    for statement in ids:
        now, desired = answers[statement]
        # A radio never navigates: no need to wait for one after the click.
        page.check(f'input[name="{statement}-now"][value="{now}"]', no_wait_after=True)
        page.check(f'input[name="{statement}-desired"][value="{desired}"]', no_wait_after=True)
    return ids


def press(page: Page, action: str, url: re.Pattern[str] | str) -> None:
    """Click one of the scan's buttons (next, previous, later, finish) and wait for ``url``."""
    page.click(f'button[name="action"][value="{action}"]')
    expect(page).to_have_url(url)


def answer_pages(page: Page, answers: dict[str, tuple[int, int]], until: int | None = None) -> None:
    """Fill in the current page and go on, until arriving at page ``until`` (left unanswered) or,
    without it, through the last page, which submits the scan."""
    while True:
        number = page_number(page)
        fill_page(page, answers)
        if number == PAGE_COUNT:
            press(page, "finish", re.compile(r"/done/$"))
            return
        press(page, "next", re.compile(rf"/r/[^/]+/{number + 1}/$"))
        if until is not None and number + 1 >= until:
            return


def api(server, method: str, path: str, body: Any = None, *, token: str | None = None):
    """Call the JSON API from the test process; returns (status, parsed body)."""
    request = urllib.request.Request(
        server.url(path),
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def submit_via_api(server, invitation_token: str, answers: dict[str, tuple[int, int]]) -> None:
    status, body = api(
        server,
        "POST",
        "/api/v1/responses",
        {
            "invitation_token": invitation_token,
            "instrument": {"id": INSTRUMENT.id, "version": INSTRUMENT.version},
            "answers": as_json(answers),
        },
    )
    assert status == 201, body
    assert body["answers"] == len(INSTRUMENT.statements)
