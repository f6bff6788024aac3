"""Bad input: oversized bodies are refused, hostile text is shown as text and kept as data."""

from __future__ import annotations

import json
import socket

import pytest
from django.test import Client
from tests.reliability.conftest import Server, base_env, http
from tests.web.conftest import INSTRUMENT, answers_for, response_body

from grondvorm.forms import FormId
from grondvorm.web import store
from grondvorm.web.models import ApiToken, Respondent

HOSTILE = {
    "collaboration": '<script>alert("c")</script>',
    "description": "</p><img src=x onerror=alert(1)>{{ 7|add:7 }}",
    "party": '"><svg onload=alert(2)>',
    "note": "</textarea><script>alert(3)</script>",
}
MB = 1024 * 1024


def escaped(text: str) -> str:
    from django.utils.html import escape

    return escape(text)


@pytest.fixture
def hostile(django_user_model):
    owner = django_user_model.objects.create_user(username="x@example.org", password="x-pass-long")
    collaboration = store.create_collaboration(
        owner=owner,
        name=HOSTILE["collaboration"],
        description=HOSTILE["description"],
        min_respondents=1,
    )
    party = store.add_party(collaboration=collaboration, name=HOSTILE["party"])
    store.add_party(collaboration=collaboration, name="Gemeente")
    for party_row, form in zip(collaboration.parties.all(), FormId, strict=False):
        body = response_body(party_row.invitation_token, answers_for(form))
        store.record_response(invitation_token=body.pop("invitation_token"), data=body)
    first_item = store.results(collaboration).agreements[0]
    store.set_agreement(
        collaboration=collaboration,
        form=first_item.form.value,
        item=first_item.index,
        done=True,
        note=HOSTILE["note"],
    )
    store.enable_sharing(collaboration, True)
    respondent = store.start_respondent(party=party)
    client = Client()
    client.force_login(owner)
    return {
        "collaboration": collaboration,
        "party": party,
        "client": client,
        "respondent": respondent,
        "token": ApiToken.issue(owner)[1],
    }


@pytest.mark.django_db
def test_hostile_text_is_escaped_on_every_page(hostile):
    c = hostile["collaboration"]
    party = hostile["party"]
    pages = {
        "collaboration": hostile["client"].get(f"/c/{c.pk}/"),
        "results": hostile["client"].get(f"/c/{c.pk}/results/"),
        "live": hostile["client"].get(f"/c/{c.pk}/live/"),
        "live fragment": hostile["client"].get(f"/c/{c.pk}/live/", HTTP_HX_REQUEST="true"),
        "shared": Client().get(f"/s/{c.share_token}/"),
        "invitation": Client().get(f"/i/{party.invitation_token}/"),
        "scan page": Client().get(f"/r/{hostile['respondent'].resume_token}/1/"),
        "qr code": hostile["client"].get(f"/c/{c.pk}/parties/{party.pk}/qr.svg"),
    }
    shows = {
        "collaboration": ("collaboration", "description", "party"),
        "results": ("collaboration", "party", "note"),
        "live": ("collaboration", "party"),
        "live fragment": ("party",),
        "shared": ("collaboration", "party"),
        "invitation": ("collaboration", "party"),
        "scan page": ("collaboration", "party"),
        "qr code": (),  # an SVG <title>: escaped its own way, checked by `raw` below
    }

    raw = {
        (page, field)
        for page, reply in pages.items()
        for field, text in HOSTILE.items()
        if text in reply.content.decode()
    }
    missing = {
        (page, field)
        for page, fields in shows.items()
        for field in fields
        if escaped(HOSTILE[field]) not in pages[page].content.decode()
    }
    assert {page: reply.status_code for page, reply in pages.items()} == dict.fromkeys(pages, 200)
    assert raw == set()
    assert missing == set()


@pytest.mark.django_db
def test_hostile_text_is_escaped_in_the_report_and_data_in_the_exports(hostile):
    c = hostile["collaboration"]
    report = hostile["client"].get(f"/c/{c.pk}/report.html")
    exports = {fmt: hostile["client"].get(f"/c/{c.pk}/export.{fmt}") for fmt in ("csv", "json")}
    html = report.content.decode()

    assert [field for field, text in HOSTILE.items() if text in html] == []
    assert escaped(HOSTILE["collaboration"]) in html
    assert escaped(HOSTILE["party"]) in html
    for reply in (report, *exports.values()):  # a browser saves them, never shows them as a page
        assert reply["Content-Disposition"].startswith("attachment;")
    assert exports["csv"]["Content-Type"] == "text/csv; charset=utf-8"
    assert HOSTILE["party"] in json.dumps(exports["json"].json(), ensure_ascii=False)


@pytest.mark.django_db
def test_hostile_text_is_plain_data_in_the_api(hostile):
    c = hostile["collaboration"]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {hostile['token']}"}

    detail = Client().get(f"/api/v1/collaborations/{c.pk}", **auth)
    results = Client().get(f"/api/v1/collaborations/{c.pk}/results", **auth)

    assert detail["Content-Type"] == "application/json; charset=utf-8"
    assert (detail.json()["name"], detail.json()["description"]) == (
        HOSTILE["collaboration"],
        HOSTILE["description"],
    )
    assert detail.json()["parties"][0]["name"] == HOSTILE["party"]
    assert HOSTILE["party"] in [p["name"] for p in results.json()["parties"]]


@pytest.mark.django_db
def test_text_with_a_nul_character_is_refused_by_the_api(client, hostile):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {hostile['token']}"}
    reply = client.post(
        "/api/v1/collaborations",
        data=json.dumps({"name": "a\x00b"}),
        content_type="application/json",
        **auth,
    )

    assert reply.status_code == 422


@pytest.mark.django_db
def test_a_2_mb_body_is_refused_with_413_before_it_is_read(client, hostile):
    body = response_body(hostile["party"].invitation_token, answers_for(FormId.LEARNING))
    body["respondent"] = {"padding": "x" * (2 * MB)}

    reply = client.post("/api/v1/responses", data=json.dumps(body), content_type="application/json")
    page = client.post(f"/i/{hostile['party'].invitation_token}/", {"action": "x" * (2 * MB)})

    assert (reply.status_code, reply.json()) == (413, {"detail": "request body too large"})
    assert page.status_code == 413
    assert (
        Respondent.objects.filter(party=hostile["party"], submitted_at__isnull=False).count() == 1
    )


def declare_a_huge_body(port: int, size: int) -> str:
    """Send only the headers of a POST announcing ``size`` bytes; return the status line."""
    head = (
        f"POST /api/v1/responses HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {size}\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(head.encode() + b"{")
        return sock.makefile("rb").readline().decode().strip()


@pytest.mark.slow
def test_the_server_refuses_oversized_bodies_and_keeps_serving(tmp_path):
    env = base_env(tmp_path / "home", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    server = Server(env)
    try:
        over_django = http("POST", f"{server.url}/api/v1/responses", b"{" + b" " * (1500 * 1024))
        over_waitress = declare_a_huge_body(server.port, 2 * MB)
        after = http("GET", f"{server.url}/api/v1/instrument")
    finally:
        server.stop()

    assert (over_django.status, over_django.json()) == (413, {"detail": "request body too large"})
    assert over_waitress == "HTTP/1.1 413 Request Entity Too Large"  # waitress, before Django
    assert (after.status, after.json()["id"]) == (200, INSTRUMENT.id)
