"""A realistic demo collaboration: four parties, a dozen respondents who do not agree."""

from __future__ import annotations

import random
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction

from grondvorm.forms import FormId
from grondvorm.scan import load_instrument
from grondvorm.web import store
from grondvorm.web.models import Collaboration

DEMO_EMAIL = "demo@grondvorm.example"
DEMO_NAME = "Jeugdhulp Regio Westerkwartier"
DEMO_DESCRIPTION = (
    "Vier gemeenten, twee jeugdhulpaanbieders, de huisartsen en het samenwerkingsverband passend "
    "onderwijs willen de jeugdhulp in de regio beter laten aansluiten. De gemeenten kopen de hulp in "
    "met raamcontracten en willen afspraken over wachttijden en verwijzingen. De aanbieders stellen "
    "voor om samen een regionaal expertisecentrum op te zetten, en scholen en huisartsen willen "
    "vooral ervaringen uitwisselen en samen nieuwe aanpakken uitproberen."
)

# (party, respondents, form it sees now, form it wants, of whom still busy halfway)
PARTIES: tuple[tuple[str, int, FormId, FormId, int], ...] = (
    ("Gemeenten Westerkwartier", 3, FormId.TRANSACTIONAL, FormId.TRANSACTIONAL, 0),
    ("Jeugdhulp Noord", 3, FormId.TRANSACTIONAL, FormId.FUNCTIONAL, 0),
    ("Huisartsen Westerkwartier", 3, FormId.LEARNING, FormId.LEARNING, 0),
    ("Samenwerkingsverband Passend Onderwijs", 3, FormId.LEARNING, FormId.ENTREPRENEURIAL, 1),
)


def persona_answers(
    now: FormId, desired: FormId, rng: random.Random
) -> dict[str, tuple[int | None, int | None]]:
    """Answers of someone who sees ``now`` and wants ``desired``, with some personal noise."""
    answers = {}
    for statement in load_instrument().statements:
        pair = []
        for form in (now, desired):
            lean = statement.points_to.get(form, 0.0)
            value = round(3 + 2 * lean + rng.choice((-1, 0, 0, 0, 1)))
            pair.append(None if rng.random() < 0.03 else min(5, max(1, value)))
        answers[statement.id] = (pair[0], pair[1])
    return answers


@transaction.atomic
def load_demo() -> tuple[Collaboration, str]:
    """Create (or renew) the demo facilitator and collaboration; returns it and the password."""
    user_model = get_user_model()
    password = secrets.token_urlsafe(9)
    user, _ = user_model.objects.get_or_create(username=DEMO_EMAIL, defaults={"email": DEMO_EMAIL})
    user.set_password(password)
    user.save()
    Collaboration.objects.filter(owner=user, name=DEMO_NAME).delete()
    collaboration = store.create_collaboration(
        owner=user, name=DEMO_NAME, description=DEMO_DESCRIPTION
    )
    rng = random.Random(2026)
    for name, count, now, desired, busy in PARTIES:
        party = store.add_party(collaboration=collaboration, name=name)
        for index in range(count):
            respondent = store.start_respondent(party=party, language="nl")
            answers = persona_answers(now, desired, rng)
            if index >= count - busy:
                half = dict(list(answers.items())[: len(answers) // 2])
                store.save_answers(respondent, half)
                continue
            store.save_answers(respondent, answers)
            store.submit(respondent)
    return collaboration, password
