"""Too little to go on: no form, a reason, and scores at (or near) uniform."""

from __future__ import annotations

import pytest

from grondvorm.forms import FORM_IDS
from grondvorm.recognition import recognise


@pytest.mark.parametrize(
    "text", ["", "   ", "\n\t", "Samenwerking.", "We werken samen", "Joint venture"]
)
def test_empty_or_short_text_is_too_short(text):
    result = recognise(text)

    assert result.form is None
    assert result.reason == "too_short"
    assert result.scores == dict.fromkeys(FORM_IDS, 0.25)
    assert result.evidence == ()
    assert result.reason_text("nl") == "De tekst is te kort om er een grondvorm in te herkennen."


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Drei Gemeinden betreiben gemeinsam ein Rechenzentrum für ihre Verwaltung und teilen "
            "die Kosten nach der Zahl der Einwohner.",
            "de",
        ),
        (
            "Trois communes ont créé ensemble un service commun pour la paie et les achats, et "
            "elles partagent les coûts selon le nombre d'habitants.",
            "fr",
        ),
    ],
)
def test_another_language_is_unknown_language(text, code):
    result = recognise(text)

    assert result.form is None
    assert result.reason == "unknown_language"
    assert result.language == code
    assert result.scores == dict.fromkeys(FORM_IDS, 0.25)


def test_explicit_unreadable_language_is_unknown_language():
    result = recognise("Vijf gemeenten delen een backoffice voor de salarisadministratie.", "de")

    assert result.reason == "unknown_language"


@pytest.mark.parametrize(
    "text",
    [
        "The weather was lovely yesterday and we walked along the river until dinner time.",
        "Het regende gisteren de hele dag, dus we bleven binnen en lazen een boek bij de kachel.",
    ],
)
def test_text_about_something_else_has_no_signal(text):
    result = recognise(text)

    assert result.form is None
    assert result.reason == "no_signal"
    assert max(result.scores.values()) - min(result.scores.values()) < 0.2
