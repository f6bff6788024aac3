"""The web pages through Django's test client: access rules, CSRF, the respondent's scan."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from tests.web.conftest import INSTRUMENT, answers_for, response_body

from grondvorm.forms import FormId
from grondvorm.web import store
from grondvorm.web.models import Answer, Collaboration, Respondent
from grondvorm.web.views.respondent import pages as respondent_pages

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def facilitator_urls(collaboration) -> list[str]:
    party = collaboration.parties.first()
    base = f"/c/{collaboration.pk}"
    return [f"{base}/", f"{base}/results/", f"{base}/live/", f"{base}/parties/{party.pk}/qr.svg"]


def test_facilitator_pages_need_a_login(client, collaboration):
    for url in ["/", *facilitator_urls(collaboration)]:
        reply = client.get(url)
        assert reply.status_code == 302, url
        assert reply["Location"].startswith("/login/"), url


def test_a_facilitator_cannot_see_another_facilitators_collaboration(
    collaboration, other_facilitator
):
    client = logged_in(other_facilitator)

    for url in facilitator_urls(collaboration):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/c/{collaboration.pk}/share/", {"enabled": "1"}).status_code == 404
    assert "Regio Zorg" not in client.get("/").content.decode()


def test_login_with_email_and_password(client, facilitator):
    page = client.post(
        "/login/", {"username": "anna@example.org", "password": "correct horse battery"}
    )

    assert page.status_code == 302
    assert client.get("/").status_code == 200


def test_forms_reject_a_missing_csrf_token(facilitator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(facilitator)

    reply = client.post("/", {"name": "Sneaky", "min_respondents": 2})

    assert reply.status_code == 403
    assert not Collaboration.objects.filter(name="Sneaky").exists()


def test_create_collaboration_and_party_through_the_pages(facilitator):
    client = logged_in(facilitator)

    reply = client.post("/", {"name": "Leernetwerk", "description": "", "min_respondents": 3})
    collaboration = Collaboration.objects.get(name="Leernetwerk")
    assert reply["Location"] == f"/c/{collaboration.pk}/"
    client.post(f"/c/{collaboration.pk}/", {"name": "Bibliotheek Oost"})

    page = client.get(f"/c/{collaboration.pk}/").content.decode()
    party = collaboration.parties.get()
    assert party.name == "Bibliotheek Oost"
    assert f"/i/{party.invitation_token}/" in page
    assert (
        client.get(f"/c/{collaboration.pk}/parties/{party.pk}/qr.svg")["Content-Type"]
        == "image/svg+xml"
    )
    assert collaboration.min_respondents == 3


def test_an_invitation_token_works_only_for_its_own_collaboration(
    client, collaboration, other_facilitator
):
    other = store.create_collaboration(owner=other_facilitator, name="Elders")
    store.add_party(collaboration=other, name="X")
    party = collaboration.parties.first()

    reply = client.post(
        "/api/v1/responses",
        data=json.dumps(response_body(party.invitation_token, answers_for(FormId.LEARNING))),
        content_type="application/json",
    )

    assert reply.status_code == 201
    assert Respondent.objects.get().party.collaboration == collaboration
    assert store.results(other).respondents == 0
    assert client.get(f"/i/{party.invitation_token}/").status_code == 200
    assert client.get("/i/not-a-real-token/").status_code == 404


def fill_page(client, url, value="4", action="next"):
    page = client.get(url).content.decode()
    ids = sorted(set(re.findall(r'name="([A-Z]+\d+)-now"', page)))
    data = {"action": action}
    for statement_id in ids:
        data[f"{statement_id}-now"] = value
        data[f"{statement_id}-desired"] = value
    return client.post(url, data), ids


def test_respondent_fills_in_stops_halfway_and_resumes(collaboration):
    party = collaboration.parties.first()
    client = Client()
    start = client.post(f"/i/{party.invitation_token}/", {"action": "new"})
    respondent = Respondent.objects.get()
    assert start["Location"] == f"/r/{respondent.resume_token}/1/"

    reply, first_ids = fill_page(client, f"/r/{respondent.resume_token}/1/")
    assert reply["Location"] == f"/r/{respondent.resume_token}/2/"
    reply, _ = fill_page(client, f"/r/{respondent.resume_token}/2/", action="later")
    assert reply["Location"] == f"/r/{respondent.resume_token}/saved/"
    saved = Answer.objects.filter(respondent=respondent).count()
    assert saved == 8

    fresh = Client()  # another device: only the personal link
    resumed = fresh.get(f"/r/{respondent.resume_token}/")
    assert resumed["Location"] == f"/r/{respondent.resume_token}/3/"
    page_one = fresh.get(f"/r/{respondent.resume_token}/1/").content.decode()
    assert f'name="{first_ids[0]}-now" value="4" checked' in page_one

    number = 3
    while True:
        reply, _ = fill_page(fresh, f"/r/{respondent.resume_token}/{number}/")
        if reply["Location"].endswith("/done/"):
            break
        number += 1
    respondent.refresh_from_db()
    assert respondent.submitted_at is not None
    assert Answer.objects.filter(respondent=respondent).count() == len(INSTRUMENT.statements)
    assert store.results(collaboration).respondents == 1


def test_invitation_page_offers_to_continue_on_the_same_device(collaboration):
    party = collaboration.parties.first()
    client = Client()
    client.post(f"/i/{party.invitation_token}/", {"action": "new"})

    page = client.get(f"/i/{party.invitation_token}/").content.decode()

    assert 'value="continue"' in page
    client.post(f"/i/{party.invitation_token}/", {"action": "continue"})
    assert Respondent.objects.count() == 1


def test_dont_know_is_kept_apart_from_unanswered(collaboration):
    party = collaboration.parties.first()
    client = Client()
    client.post(f"/i/{party.invitation_token}/", {"action": "new"})
    respondent = Respondent.objects.get()
    first = INSTRUMENT.statements[0].id

    client.post(
        f"/r/{respondent.resume_token}/1/",
        {f"{first}-now": "0", f"{first}-desired": "5", "action": "later"},
    )

    answer = Answer.objects.get(respondent=respondent)
    assert (answer.statement_id, answer.now, answer.desired) == (first, None, 5)


def test_the_last_page_and_the_submit_are_stored_together_or_not_at_all(collaboration, monkeypatch):
    party = collaboration.parties.first()
    client = Client(raise_request_exception=False)
    client.post(f"/i/{party.invitation_token}/", {"action": "new"})
    respondent = Respondent.objects.get()
    last = f"/r/{respondent.resume_token}/{len(respondent_pages())}/"

    def broken(respondent):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(store, "submit", broken)
    reply, _ = fill_page(client, last, action="finish")

    assert reply.status_code == 500
    respondent.refresh_from_db()
    assert respondent.submitted_at is None
    assert not Answer.objects.filter(respondent=respondent).exists()

    monkeypatch.undo()
    reply, ids = fill_page(client, last, action="finish")
    assert reply["Location"] == f"/r/{respondent.resume_token}/done/"
    respondent.refresh_from_db()
    assert respondent.submitted_at is not None
    assert Answer.objects.filter(respondent=respondent).count() == len(ids)


def seed_results(collaboration):
    forms = {
        "Gemeente": FormId.TRANSACTIONAL,
        "Ziekenhuis": FormId.FUNCTIONAL,
        "Huisartsen": FormId.LEARNING,
    }
    for party in collaboration.parties.all():
        for _ in range(2):
            body = response_body(party.invitation_token, answers_for(forms[party.name]))
            store.record_response(invitation_token=body.pop("invitation_token"), data=body)


def test_results_page_shows_map_heat_map_agenda_and_checklist(collaboration, facilitator):
    seed_results(collaboration)
    client = logged_in(facilitator)

    page = client.get(f"/c/{collaboration.pk}/results/").content.decode()

    assert 'id="map"' in page and "<svg" in page
    assert 'id="heatmap"' in page
    assert page.count('class="topic"') >= 3
    assert 'id="agreements"' in page
    for name in ("Gemeente", "Ziekenhuis", "Huisartsen"):
        assert name in page


def test_agreement_ticks_are_saved(collaboration, facilitator):
    seed_results(collaboration)
    client = logged_in(facilitator)
    form = store.results(collaboration).agreements[0].form.value

    client.post(
        f"/c/{collaboration.pk}/agreements/",
        {"form": form, "item": 0, "done": "on", "note": "Getekend"},
    )

    check = collaboration.agreement_checks.get()
    assert (check.form, check.item, check.done, check.note) == (form, 0, True, "Getekend")
    assert "Getekend" in client.get(f"/c/{collaboration.pk}/results/").content.decode()


def test_shared_results_link_works_only_while_sharing(client, collaboration, facilitator):
    seed_results(collaboration)
    owner = logged_in(facilitator)
    owner.post(f"/c/{collaboration.pk}/share/", {"enabled": "1"})
    collaboration.refresh_from_db()
    token = collaboration.share_token

    assert client.get(f"/s/{token}/").status_code == 200
    assert 'name="note"' not in client.get(f"/s/{token}/").content.decode()
    owner.post(f"/c/{collaboration.pk}/share/", {"enabled": "0"})
    assert client.get(f"/s/{token}/").status_code == 404


def test_results_never_show_a_party_below_the_threshold(collaboration, facilitator):
    party = collaboration.parties.first()
    body = response_body(party.invitation_token, answers_for(FormId.LEARNING))
    store.record_response(invitation_token=body.pop("invitation_token"), data=body)
    page = logged_in(facilitator).get(f"/c/{collaboration.pk}/results/").content.decode()

    assert 'class="party-profile"' not in page


def test_language_switch_to_english(client, collaboration):
    party = collaboration.parties.first()
    url = f"/i/{party.invitation_token}/"
    assert "Start de scan" in client.get(url).content.decode()

    client.post("/i18n/setlang/", {"language": "en", "next": url})

    assert "Start the scan" in client.get(url).content.decode()


def test_security_headers(client):
    reply = client.get("/login/")

    assert "default-src 'self'" in reply["Content-Security-Policy"]
    assert reply["X-Frame-Options"] == "DENY"
    assert reply["X-Content-Type-Options"] == "nosniff"


def test_results_follow_a_new_submission_despite_the_cache(
    collaboration, django_assert_num_queries
):
    seed_results(collaboration)
    before = store.results(collaboration)
    party = collaboration.parties.get(name="Huisartsen")
    body = response_body(party.invitation_token, answers_for(FormId.ENTREPRENEURIAL))

    with django_assert_num_queries(2):  # unchanged data: the key's two queries, then the cache
        assert store.results(collaboration) == before
    store.record_response(invitation_token=body.pop("invitation_token"), data=body)
    after = store.results(collaboration)

    assert after.respondents == before.respondents + 1
    assert [p.n for p in after.parties] == [2, 2, 3]


@pytest.mark.parametrize(
    ("description", "shown"),
    [
        (
            "Vijf gemeenten brengen hun salarisadministratie onder in één uitvoeringsorganisatie.",
            "Functioneel",
        ),
        (
            "De bibliotheek is op maandag gesloten vanwege onderhoud aan het gebouw.",
            "De tekst lijkt geen samenwerking tussen organisaties te beschrijven.",
        ),
    ],
)
def test_the_first_guess_shows_the_form_or_why_there_is_none(facilitator, description, shown):
    item = store.create_collaboration(owner=facilitator, name="Proef", description=description)

    page = logged_in(facilitator).get(f"/c/{item.pk}/", HTTP_ACCEPT_LANGUAGE="nl")

    assert page.status_code == 200
    assert shown in page.content.decode()
