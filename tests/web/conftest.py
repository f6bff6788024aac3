"""Fixtures for the web app: facilitators, a collaboration with parties, scan answers."""

from __future__ import annotations

import pytest

from grondvorm.forms import FormId
from grondvorm.scan import load_instrument
from grondvorm.web import store
from grondvorm.web.models import ApiToken

INSTRUMENT = load_instrument()


def answers_for(now: FormId, desired: FormId | None = None) -> dict[str, dict[str, int]]:
    """Scan answers (response-JSON shape) of someone who sees ``now`` and wants ``desired``."""
    desired = desired or now

    def value(statement, form):
        return round(3 + 2 * statement.points_to.get(form, 0.0))

    return {
        s.id: {"now": value(s, now), "desired": value(s, desired)} for s in INSTRUMENT.statements
    }


def response_body(token: str, answers: dict, **extra) -> dict:
    return {
        "invitation_token": token,
        "instrument": {"id": INSTRUMENT.id, "version": INSTRUMENT.version},
        "answers": answers,
        **extra,
    }


@pytest.fixture
def collaboration(facilitator):
    item = store.create_collaboration(owner=facilitator, name="Regio Zorg", description="")
    for name in ("Gemeente", "Ziekenhuis", "Huisartsen"):
        store.add_party(collaboration=item, name=name)
    return item


@pytest.fixture
def token(facilitator) -> str:
    return ApiToken.issue(facilitator)[1]


@pytest.fixture
def other_token(other_facilitator) -> str:
    return ApiToken.issue(other_facilitator)[1]
