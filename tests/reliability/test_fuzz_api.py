"""Fuzz the JSON API from its own OpenAPI description (schemathesis): never a server error.

Schemathesis generates valid and invalid requests for every operation and sends them to the WSGI
application in this process. The facilitator's bearer token goes with every request, ids in paths
point at a real collaboration and party, and half the submitted invitation tokens are real, so the
generated bodies reach the code behind the door instead of bouncing off a 401 or 404.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from grondvorm.web import store
from grondvorm.web.models import ApiToken, Party

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def load_schema():
    """The API's own OpenAPI description, served by the WSGI application it describes."""
    from grondvorm.web.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


schema = load_schema()


@pytest.fixture
def target(django_user_model) -> Iterator[dict]:
    """A facilitator's token, a collaboration and a party to aim the generated requests at."""
    owner = django_user_model.objects.create_user(username="x@example.org", password="x-pass-long")
    collaboration = store.create_collaboration(owner=owner, name="Fuzz")
    party = store.add_party(collaboration=collaboration, name="Gemeente")
    # As Django's test client does: a request must not close the test's database connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield {
            "token": ApiToken.issue(owner)[1],
            "ids": {"collaboration_id": collaboration.pk, "party_id": party.pk},
            "invitation": party.invitation_token,
        }
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def aim(case, target: dict) -> None:
    """Point generated ids and half the invitation tokens at real rows; leave invalid values be."""
    for name, value in target["ids"].items():
        if isinstance(case.path_parameters, dict) and isinstance(
            case.path_parameters.get(name), int
        ):
            case.path_parameters[name] = value
    body = case.body
    token = body.get("invitation_token") if isinstance(body, dict) else None
    if isinstance(token, str) and len(token) % 2 == 0:
        body["invitation_token"] = target["invitation"]


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,  # the rows may change between examples: that is fine
    ],
)
def test_no_request_makes_the_api_fail(case, target):
    aim(case, target)

    case.call_and_validate(
        headers={"Authorization": f"Bearer {target['token']}"}, checks=[not_a_server_error]
    )
    # keep the invitation open for the next examples, whatever a PATCH just did to it
    Party.objects.filter(pk=target["ids"]["party_id"]).update(revoked=False, expires_at=None)
