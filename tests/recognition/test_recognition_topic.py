"""Whether a text names a collaboration between organisations at all (recognition/topic.py)."""

from __future__ import annotations

import pytest

from grondvorm.recognition.text import Words
from grondvorm.recognition.topic import mentions_collaboration


@pytest.mark.parametrize(
    "text",
    [
        "Drie gemeenten voeren hun belastingtaken uit in één organisatie.",  # several organisations
        "De samenwerkingsverbanden in de regio evalueren hun werk.",  # inside a compound
        "Ketenpartners maken afspraken over de overdracht van patiënten.",
        "Two councils run one revenues service.",
        "The parties agreed on a new protocol for hand-overs.",
        "Hospitals and care homes work with each other on discharges.",
        "Een proces tussen huisarts, fysio, ziekenhuis en thuiszorg.",  # between named parties
        "Vijf gemeenten delen een shared service center.",
        "Five municipalities run a gemeenschappelijke regeling.",  # the other language's word
    ],
)
def test_a_text_that_names_working_together_or_several_organisations(text):
    assert mentions_collaboration(Words(text))


@pytest.mark.parametrize(
    "text",
    [
        "De bibliotheek is op maandag gesloten vanwege onderhoud aan het gebouw.",
        "Bezoek is voortaan welkom tussen 11.00 en 20.00 uur.",  # "tussen", but no parties
        "The weather was lovely and we walked along the river until dinner time.",
        "Ajax won with three goals in the second half in a sold-out stadium.",
        "The sports centre opens at nine.",  # "sports" holds "ports", which counts only alone
    ],
)
def test_a_text_that_names_no_collaboration(text):
    assert not mentions_collaboration(Words(text))
