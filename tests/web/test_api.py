"""The JSON API: authentication, the required endpoints, validation and idempotency."""

from __future__ import annotations

import json

import pytest
from tests.web.conftest import INSTRUMENT, answers_for, response_body

from grondvorm.forms import FormId
from grondvorm.web.models import Respondent

pytestmark = pytest.mark.django_db


def post(client, url, body, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(url, data=json.dumps(body), content_type="application/json", **headers)


def get(client, url, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.get(url, **headers)


def test_facilitator_calls_without_a_token_get_401(client, collaboration):
    assert post(client, "/api/v1/collaborations", {"name": "X"}).status_code == 401
    assert get(client, f"/api/v1/collaborations/{collaboration.pk}/results").status_code == 401
    assert (
        post(client, "/api/v1/collaborations", {"name": "X"}, token="gv_wrong").status_code == 401
    )


def test_create_collaboration_party_respond_and_read_results(client, token):
    created = post(client, "/api/v1/collaborations", {"name": "Netwerk", "description": "d"}, token)
    assert created.status_code == 201
    collaboration_id = created.json()["id"]
    tokens = {}
    for name in ("A", "B"):
        reply = post(
            client, f"/api/v1/collaborations/{collaboration_id}/parties", {"name": name}, token
        )
        assert reply.status_code == 201
        assert reply.json()["name"] == name
        tokens[name] = reply.json()["invitation_token"]
        assert len(tokens[name]) >= 22  # at least 128 random bits, url-safe
    for name, form in (("A", FormId.FUNCTIONAL), ("B", FormId.LEARNING)):
        for _ in range(2):
            reply = post(
                client, "/api/v1/responses", response_body(tokens[name], answers_for(form))
            )
            assert reply.status_code == 201
            assert reply.json()["answers"] == len(INSTRUMENT.statements)

    results = get(client, f"/api/v1/collaborations/{collaboration_id}/results", token).json()

    assert [(p["name"], p["n"]) for p in results["parties"]] == [("A", 2), ("B", 2)]
    assert results["parties"][0]["desired"]["form"] == "functional"
    assert results["parties"][1]["now"]["form"] == "learning"
    assert results["alignment"]["desired"]["same_form"] is False
    assert results["agenda"][0]["dimension"] == "form"
    assert results["overall"]["n"] == 4


def test_duplicate_submission_is_stored_once(client, collaboration):
    party = collaboration.parties.first()
    body = response_body(
        party.invitation_token, answers_for(FormId.LEARNING), submission_key="tap-1"
    )

    first = post(client, "/api/v1/responses", body)
    second = post(client, "/api/v1/responses", body)

    assert (first.status_code, first.json()["duplicate"]) == (201, False)
    assert (second.status_code, second.json()["duplicate"]) == (200, True)
    assert Respondent.objects.filter(party=party).count() == 1


def test_bad_answers_are_refused_naming_the_statement(client, collaboration):
    party = collaboration.parties.first()
    answers = answers_for(FormId.LEARNING)
    answers["ZZ9"] = {"now": 3, "desired": 3}

    reply = post(client, "/api/v1/responses", response_body(party.invitation_token, answers))

    assert reply.status_code == 400
    assert "ZZ9" in reply.json()["detail"]
    assert Respondent.objects.count() == 0


def test_out_of_range_answer_is_refused(client, collaboration):
    party = collaboration.parties.first()
    answers = answers_for(FormId.LEARNING)
    first_id = INSTRUMENT.statements[0].id
    answers[first_id] = {"now": 9, "desired": 3}

    reply = post(client, "/api/v1/responses", response_body(party.invitation_token, answers))

    assert reply.status_code == 400
    assert first_id in reply.json()["detail"]


def test_unknown_instrument_version_is_refused(client, collaboration):
    party = collaboration.parties.first()
    body = response_body(party.invitation_token, answers_for(FormId.LEARNING))
    body["instrument"]["version"] = "99"

    reply = post(client, "/api/v1/responses", body)

    assert reply.status_code == 400
    assert "99" in reply.json()["detail"]


def test_revoked_invitation_is_refused(client, collaboration):
    party = collaboration.parties.first()
    party.revoked = True
    party.save()

    reply = post(
        client,
        "/api/v1/responses",
        response_body(party.invitation_token, answers_for(FormId.LEARNING)),
    )

    assert reply.status_code == 404
    assert Respondent.objects.count() == 0


def test_a_facilitator_cannot_reach_another_facilitators_collaboration(
    client, collaboration, other_token
):
    assert (
        get(client, f"/api/v1/collaborations/{collaboration.pk}/results", other_token).status_code
        == 404
    )
    assert get(client, f"/api/v1/collaborations/{collaboration.pk}", other_token).status_code == 404
    reply = post(
        client, f"/api/v1/collaborations/{collaboration.pk}/parties", {"name": "Spy"}, other_token
    )
    assert reply.status_code == 404
    assert get(client, "/api/v1/collaborations", other_token).json() == []


def test_duplicate_party_name_is_a_conflict(client, collaboration, token):
    reply = post(
        client, f"/api/v1/collaborations/{collaboration.pk}/parties", {"name": "Gemeente"}, token
    )

    assert reply.status_code == 409


def test_openapi_describes_the_endpoints(client):
    spec = client.get("/api/v1/openapi.json").json()

    assert spec["openapi"].startswith("3.")
    for path in (
        "/api/v1/collaborations",
        "/api/v1/collaborations/{collaboration_id}/parties",
        "/api/v1/responses",
        "/api/v1/collaborations/{collaboration_id}/results",
    ):
        assert path in spec["paths"]


def patch(client, url, body, token):
    return client.patch(
        url,
        data=json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_invitation_expiry_is_stored_in_utc_and_odd_years_are_refused(client, collaboration, token):
    party = collaboration.parties.first()
    url = f"/api/v1/collaborations/{collaboration.pk}/parties/{party.pk}"

    stored = patch(client, url, {"expires_at": "2031-03-01T10:00:00-23:35"}, token)
    refused = patch(client, url, {"expires_at": "0078-12-13T16:34:31-23:35"}, token)

    assert stored.status_code == 200
    party.refresh_from_db()
    assert party.expires_at.isoformat() == "2031-03-02T09:35:00+00:00"
    assert refused.status_code == 422
    party.refresh_from_db()
    assert party.expires_at.year == 2031


def test_tokens_never_start_with_a_dash():
    from grondvorm.web.models import new_token

    tokens = [new_token() for _ in range(2000)]

    assert not [token for token in tokens if token.startswith("-")]
    assert len(set(tokens)) == len(tokens)
    assert min(len(token) for token in tokens) == 32
