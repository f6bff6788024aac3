"""Invitation links: long random tokens, revocable, with an optional expiry that holds everywhere."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from tests.web.conftest import INSTRUMENT, answers_for, response_body

from grondvorm.forms import FormId
from grondvorm.web import store
from grondvorm.web.models import Answer, ApiToken, Collaboration, Party, Respondent

pytestmark = pytest.mark.django_db

FIRST = INSTRUMENT.statements[0].id


@pytest.fixture
def setting(django_user_model):
    """A facilitator's collaboration with one party, one respondent busy and one done."""
    owner = django_user_model.objects.create_user(username="x@example.org", password="x-pass-long")
    collaboration = store.create_collaboration(owner=owner, name="Regio")
    party = store.add_party(collaboration=collaboration, name="Gemeente")
    busy = store.start_respondent(party=party)
    store.save_answers(busy, {FIRST: (3, 4)})
    done = store.start_respondent(party=party)
    store.save_answers(done, {FIRST: (2, 2)})
    store.submit(done)
    facilitator = Client()
    facilitator.force_login(owner)
    return {
        "party": party,
        "busy": busy,
        "done": done,
        "token": ApiToken.issue(owner)[1],
        "facilitator": facilitator,
        "url": f"/api/v1/collaborations/{collaboration.pk}/parties/{party.pk}",
    }


def patch(client: Client, setting: dict, body: dict):
    return client.patch(
        setting["url"],
        data=json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {setting['token']}",
    )


def answers_through_every_door(client: Client, setting: dict) -> dict[str, int]:
    """The status of each way in for someone holding the invitation or a resume link."""
    invitation = setting["party"].invitation_token
    busy, done = setting["busy"].resume_token, setting["done"].resume_token
    api = client.post(
        "/api/v1/responses",
        data=json.dumps(response_body(invitation, answers_for(FormId.LEARNING))),
        content_type="application/json",
    )
    return {
        "invitation page": client.get(f"/i/{invitation}/").status_code,
        "start": client.post(f"/i/{invitation}/", {"action": "new"}).status_code,
        "api submit": api.status_code,
        "resume busy": client.get(f"/r/{busy}/").status_code,
        "page busy": client.get(f"/r/{busy}/1/").status_code,
        "save busy": client.post(f"/r/{busy}/1/", {f"{FIRST}-now": "5"}).status_code,
        "done page of a submitted respondent": client.get(f"/r/{done}/done/").status_code,
    }


OPEN = {
    "invitation page": 200,
    "start": 302,
    "api submit": 201,
    "resume busy": 302,
    "page busy": 200,
    "save busy": 302,
    "done page of a submitted respondent": 200,
}
CLOSED = {
    **{door: 404 for door in OPEN},
    "done page of a submitted respondent": 200,  # what was submitted stays readable by its owner
}


def test_tokens_carry_at_least_128_random_bits(setting):
    collaboration = setting["party"].collaboration
    store.enable_sharing(collaboration, True)
    tokens = [setting["party"].invitation_token, setting["busy"].resume_token]
    tokens += [
        store.add_party(collaboration=collaboration, name=f"P{n}").invitation_token
        for n in range(50)
    ]
    tokens += [collaboration.share_token, setting["token"].removeprefix("gv_")]

    decoded = [base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)) for token in tokens]

    assert all(len(raw) * 8 >= 128 for raw in decoded)
    assert len(set(tokens)) == len(tokens)


def test_an_expired_invitation_is_refused_everywhere(client, setting):
    reply = patch(
        client, setting, {"expires_at": (timezone.now() - timedelta(minutes=1)).isoformat()}
    )

    doors = answers_through_every_door(client, setting)

    assert reply.status_code == 200
    assert reply.json()["expires_at"] is not None
    assert doors == CLOSED
    assert Respondent.objects.filter(party=setting["party"]).count() == 2
    assert Answer.objects.get(respondent=setting["busy"]).now == 3


def test_an_invitation_works_until_it_expires_and_again_when_the_expiry_is_cleared(client, setting):
    patch(client, setting, {"expires_at": (timezone.now() + timedelta(days=1)).isoformat()})
    before = answers_through_every_door(client, setting)
    patch(client, setting, {"expires_at": "2001-01-01T00:00:00Z"})
    after = answers_through_every_door(client, setting)
    cleared = patch(client, setting, {"expires_at": None})
    again = answers_through_every_door(client, setting)

    assert (before, after, again) == (OPEN, CLOSED, OPEN)
    assert cleared.json()["expires_at"] is None


def test_a_revoked_invitation_is_refused_everywhere_and_can_be_reopened(client, setting):
    revoked = patch(client, setting, {"revoked": True})
    closed = answers_through_every_door(client, setting)
    reopened = patch(client, setting, {"revoked": False})
    open_again = answers_through_every_door(client, setting)

    assert (revoked.json()["revoked"], reopened.json()["revoked"]) == (True, False)
    assert (closed, open_again) == (CLOSED, OPEN)


def test_patch_changes_only_what_it_names(client, setting):
    patch(client, setting, {"revoked": True})
    patch(client, setting, {"expires_at": "2040-05-01T12:00:00+02:00"})

    party = Party.objects.get(pk=setting["party"].pk)
    assert party.revoked is True
    assert party.expires_at == timezone.datetime.fromisoformat("2040-05-01T10:00:00+00:00")


def test_the_facilitator_sets_and_clears_the_expiry_on_the_collaboration_page(client, setting):
    party = setting["party"]
    url = f"/c/{party.collaboration_id}/parties/{party.pk}/revoke/"
    page = setting["facilitator"]

    page.post(url, {"expires_at": "2001-02-03T04:05"})
    expired = Party.objects.get(pk=party.pk)
    shown = page.get(f"/c/{party.collaboration_id}/").content.decode()
    refused = client.get(f"/i/{party.invitation_token}/").status_code
    bad = page.post(url, {"expires_at": "soon"}, follow=True)
    page.post(url, {"expires_at": ""})

    assert timezone.localtime(expired.expires_at).isoformat() == "2001-02-03T04:05:00+01:00"
    assert 'value="2001-02-03T04:05"' in shown
    assert refused == 404
    assert bad.status_code == 200
    assert Party.objects.get(pk=party.pk).expires_at is None
    assert Party.objects.get(pk=party.pk).revoked is False


def test_deleting_a_collaboration_on_its_page_needs_its_name_and_says_how_much(setting):
    collaboration = setting["party"].collaboration
    page = setting["facilitator"]
    store.set_agreement(collaboration=collaboration, form="learning", item=0, done=True, note="")

    refused = page.post(f"/c/{collaboration.pk}/", {"action": "delete", "confirm": "regio"})
    still_there = Collaboration.objects.filter(pk=collaboration.pk).exists()
    deleted = page.post(
        f"/c/{collaboration.pk}/",
        {"action": "delete", "confirm": "Regio"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert refused.status_code == 302 and still_there
    assert deleted.redirect_chain == [("/", 302)]
    assert "1 parties, 2 respondents, 2 answers and 1 agreements" in deleted.content.decode()
    assert not Collaboration.objects.filter(pk=collaboration.pk).exists()
    assert (Party.objects.count(), Respondent.objects.count(), Answer.objects.count()) == (0, 0, 0)
