"""Every URL of the app, tried by four people, against a table of expected answers.

The people: someone anonymous; a respondent of collaboration A (holding A's invitation link, their
own resume link and A's shared-results link); facilitator X, who owns A (holding A's invitation and
share links, not a respondent's resume link); facilitator Y, who owns B and holds none of A's links.
Links a person does not hold are tried with a guessed token of the right form.

The URL list comes from Django's resolver and the API's own OpenAPI description: a URL that the
tables below do not cover fails the test, so a new page or endpoint needs a line here.
"""

from __future__ import annotations

import copy
import json
import re
import secrets

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from tests.web.conftest import answers_for, response_body

from grondvorm.forms import FormId
from grondvorm.web import store
from grondvorm.web.models import ApiToken
from grondvorm.web.views.respondent import RESUME_COOKIE

pytestmark = pytest.mark.django_db

ANON, RESPONDENT, X, Y = "anonymous", "respondent of A", "facilitator X", "facilitator Y"
ROLES = (ANON, RESPONDENT, X, Y)
DOWNLOAD_FMT = {"report": "html", "export": "json"}

# (method, route) -> expected status for (anonymous, respondent of A, X, Y)
PAGES: dict[tuple[str, str], tuple] = {
    ("GET", ""): (302, 302, 200, 200),
    ("POST", ""): (302, 302, 302, 302),  # creates a collaboration of one's own
    ("GET", "login/"): (200, 200, 200, 200),
    ("GET", "logout/"): (405, 405, 405, 405),
    ("POST", "logout/"): (302, 302, 302, 302),
    ("GET", "i18n/setlang/"): (302, 302, 302, 302),
    ("POST", "i18n/setlang/"): (302, 302, 302, 302),
    ("GET", "c/<int:collaboration_id>/"): (302, 302, 200, 404),
    ("POST", "c/<int:collaboration_id>/"): (302, 302, 302, 404),
    ("GET", "c/<int:collaboration_id>/share/"): (302, 302, 405, 405),
    ("POST", "c/<int:collaboration_id>/share/"): (302, 302, 302, 404),
    ("GET", "c/<int:collaboration_id>/agreements/"): (302, 302, 405, 405),
    ("POST", "c/<int:collaboration_id>/agreements/"): (302, 302, 302, 404),
    ("GET", "c/<int:collaboration_id>/parties/<int:party_id>/qr.svg"): (302, 302, 200, 404),
    ("GET", "c/<int:collaboration_id>/parties/<int:party_id>/revoke/"): (302, 302, 405, 405),
    ("POST", "c/<int:collaboration_id>/parties/<int:party_id>/revoke/"): (302, 302, 302, 404),
    ("GET", "c/<int:collaboration_id>/results/"): (302, 302, 200, 404),
    ("GET", "c/<int:collaboration_id>/live/"): (302, 302, 200, 404),
    ("GET", "c/<int:collaboration_id>/report.<str:fmt>"): (302, 302, 200, 404),
    ("GET", "c/<int:collaboration_id>/export.<str:fmt>"): (302, 302, 200, 404),
    ("GET", "s/<str:token>/"): (404, 200, 200, 404),
    ("GET", "i/<str:token>/"): (404, 200, 200, 404),
    ("POST", "i/<str:token>/"): (404, 302, 302, 404),
    ("GET", "r/<str:token>/"): (404, 302, 404, 404),
    ("GET", "r/<str:token>/<int:number>/"): (404, 200, 404, 404),
    ("POST", "r/<str:token>/<int:number>/"): (404, 302, 404, 404),
    ("GET", "r/<str:token>/saved/"): (404, 200, 404, 404),
    ("GET", "r/<str:token>/done/"): (404, 200, 404, 404),
    ("GET", "api/v1/"): (404, 404, 404, 404),
    ("GET", "api/v1/openapi.json"): (200, 200, 200, 200),
    ("GET", "api/v1/docs"): (200, 200, 200, 200),
}

# (method, OpenAPI path) -> expected status for (anonymous, respondent of A, X, Y)
API: dict[tuple[str, str], tuple] = {
    ("POST", "/api/v1/collaborations"): (401, 401, 201, 201),
    ("GET", "/api/v1/collaborations"): (401, 401, 200, 200),
    ("GET", "/api/v1/collaborations/{collaboration_id}"): (401, 401, 200, 404),
    ("POST", "/api/v1/collaborations/{collaboration_id}/parties"): (401, 401, 201, 404),
    ("PATCH", "/api/v1/collaborations/{collaboration_id}/parties/{party_id}"): (401, 401, 200, 404),
    ("GET", "/api/v1/collaborations/{collaboration_id}/results"): (401, 401, 200, 404),
    ("POST", "/api/v1/responses"): (404, 201, 201, 404),
    ("GET", "/api/v1/instrument"): (200, 200, 200, 200),
}


def routes(patterns=None, prefix: str = "") -> list[str]:
    """Every route of the URL configuration, nested includes flattened."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            found += routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            found.append(prefix + str(pattern.pattern))
    return found


def api_route(openapi_path: str) -> str:
    """The resolver's route of an OpenAPI path: /api/v1/x/{id} -> api/v1/x/<id>."""
    return re.sub(r"\{(\w+)\}", r"<\1>", openapi_path.lstrip("/"))


@pytest.fixture
def world(django_user_model):
    """Collaborations A (of X) and B (of Y), a respondent of A, and what each person holds."""
    x = django_user_model.objects.create_user(username="x@example.org", password="pw-x-long-one")
    y = django_user_model.objects.create_user(username="y@example.org", password="pw-y-long-one")
    a = store.create_collaboration(owner=x, name="Alfa-geheim", description="Alleen voor X")
    party = store.add_party(collaboration=a, name="Alfa-partij")
    store.enable_sharing(a, True)
    b = store.create_collaboration(owner=y, name="Beta", description="")
    store.add_party(collaboration=b, name="Beta-partij")
    respondent = store.start_respondent(party=party)
    a_tokens = {
        "i": party.invitation_token,
        "r": respondent.resume_token,
        "s": a.share_token,
    }
    guesses = {kind: secrets.token_urlsafe(24) for kind in "irs"}
    clients = {role: Client() for role in ROLES}
    clients[X].force_login(x)
    clients[Y].force_login(y)
    clients[RESPONDENT].cookies[RESUME_COOKIE.format(party=party.pk)] = respondent.resume_token
    return {
        "a": a,
        "party": party,
        "secrets": [a.name, *a_tokens.values()],
        "clients": clients,
        "bearer": {X: ApiToken.issue(x)[1], Y: ApiToken.issue(y)[1]},
        "tokens": {
            ANON: guesses,
            RESPONDENT: a_tokens,
            X: {**guesses, "i": a_tokens["i"], "s": a_tokens["s"]},
            Y: guesses,
        },
    }


def fill(route: str, world: dict, role: str) -> str:
    """A concrete URL for a route, aimed at collaboration A, with the tokens ``role`` holds."""
    values = {
        "collaboration_id": world["a"].pk,
        "party_id": world["party"].pk,
        "number": 1,
        "fmt": DOWNLOAD_FMT.get(route.split("/")[-1].split(".")[0], "html"),
        "token": world["tokens"][role].get(route[:1], "x"),
    }
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)


def form_for(route: str) -> dict[str, str]:
    """A valid form for the POST of a page (what its owner would send)."""
    first = "A1"
    return {
        "": {"name": "Eigen samenwerking", "description": "", "min_respondents": "2"},
        "i18n/setlang/": {"language": "en"},
        "c/<int:collaboration_id>/": {"name": "Nieuwe partij"},
        "c/<int:collaboration_id>/share/": {"enabled": "1"},
        "c/<int:collaboration_id>/agreements/": {"form": "functional", "item": "0", "note": "n"},
        "i/<str:token>/": {"action": "new"},
        "r/<str:token>/<int:number>/": {f"{first}-now": "3", f"{first}-desired": "4"},
    }.get(route, {})


def api_body(method: str, path: str, world: dict, role: str) -> dict | None:
    if path.endswith("/responses"):
        return response_body(world["tokens"][role]["i"], answers_for(FormId.LEARNING))
    return {
        ("POST", "/api/v1/collaborations"): {"name": "Eigen"},
        ("POST", "/api/v1/collaborations/{collaboration_id}/parties"): {"name": "Nieuw"},
        ("PATCH", "/api/v1/collaborations/{collaboration_id}/parties/{party_id}"): {
            "revoked": True
        },
    }.get((method, path))


def probe(client: Client, method: str, url: str, **kwargs) -> tuple[int, bytes]:
    """One request whose changes are undone (database and cookies): every probe meets one world."""
    cookies = copy.deepcopy(client.cookies)
    with transaction.atomic():
        reply = getattr(client, method.lower())(url, **kwargs)
        transaction.set_rollback(True)
    client.cookies = cookies
    return reply.status_code, reply.content


def test_the_tables_cover_every_url_of_the_app(client):
    spec = client.get("/api/v1/openapi.json").json()
    operations = {(method.upper(), path) for path, item in spec["paths"].items() for method in item}
    api_routes = {api_route(path) for _, path in operations}

    page_routes = {route for _, route in PAGES}
    assert set(routes()) - api_routes == page_routes
    assert operations == set(API)


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_as_the_table_says(world, role):
    index = ROLES.index(role)
    wrong = {}
    leaks = []
    for (method, route), expected in PAGES.items():
        url = fill(route, world, role)
        data = form_for(route) if method == "POST" else None
        status, body = probe(world["clients"][role], method, url, data=data)
        if status != expected[index]:
            wrong[(method, route)] = (status, expected[index])
        if role in (ANON, Y) and status == 200:
            leaks += [(url, s) for s in world["secrets"] if s.encode() in body]
    assert wrong == {}
    assert leaks == []


@pytest.mark.parametrize("role", ROLES)
def test_every_api_endpoint_answers_as_the_table_says(world, role):
    index = ROLES.index(role)
    headers = {}
    if role in world["bearer"]:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {world['bearer'][role]}"
    wrong = {}
    leaks = []
    for (method, path), expected in API.items():
        url = fill(api_route(path), world, role)
        body = api_body(method, path, world, role)
        options = {"content_type": "application/json", "data": json.dumps(body)} if body else {}
        status, content = probe(world["clients"][role], method, url, **options, **headers)
        if status != expected[index]:
            wrong[(method, path)] = (status, expected[index], content[:200])
        if role in (ANON, Y) and status < 300:
            leaks += [(url, s) for s in world["secrets"] if s.encode() in content]
    assert wrong == {}
    assert leaks == []
