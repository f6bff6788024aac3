"""The Dutch catalogue of the web app: complete, compiled, placeholders intact, and actually used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import grondvorm.web

pytestmark = pytest.mark.django_db

CATALOGUE = Path(grondvorm.web.__file__).parent / "locale" / "nl" / "LC_MESSAGES"
PO_FILE = CATALOGUE / "django.po"
MO_FILE = CATALOGUE / "django.mo"

# %(name)s and %s, but not a literal "%%".
PLACEHOLDER = re.compile(r"%(\(\w+\))?s")


def forms(value) -> tuple[str, ...]:
    """The text(s) of an id or a translation: one string, or a tuple (.po) or list (.mo) for plurals."""
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


def key(message) -> str:
    return forms(message.id)[0]


def placeholders(text: str) -> set[str]:
    return {match.group(0) for match in PLACEHOLDER.finditer(text.replace("%%", ""))}


def read_catalogue():
    with PO_FILE.open("rb") as handle:
        return read_po(handle, locale="nl")


def entries() -> list:
    return [message for message in read_catalogue() if message.id]


def test_the_catalogue_has_entries_and_a_dutch_header():
    catalogue = read_catalogue()

    assert len(entries()) > 50
    assert str(catalogue.locale) == "nl"
    assert catalogue.plural_forms == "nplurals=2; plural=(n != 1);"


def test_every_entry_is_translated_and_none_is_fuzzy():
    catalogue = read_catalogue()

    untranslated = [key(m) for m in entries() if not all(s.strip() for s in forms(m.string))]
    fuzzy = [key(m) for m in entries() if m.fuzzy]
    assert not catalogue.fuzzy, "the header is marked fuzzy"
    assert untranslated == []
    assert fuzzy == []


def test_plural_entries_have_both_forms():
    for message in entries():
        if message.pluralizable:
            assert len(forms(message.string)) == 2, key(message)
            assert all(forms(message.string)), key(message)


def test_the_committed_mo_file_matches_the_po_file():
    assert MO_FILE.is_file(), "run compilemessages (see docs/translations.md)"
    with MO_FILE.open("rb") as handle:
        compiled = {key(m): forms(m.string) for m in read_mo(handle) if m.id}

    stale = {
        key(m): (forms(m.string), compiled.get(key(m)))
        for m in entries()
        if compiled.get(key(m)) != forms(m.string)
    }
    assert stale == {}, "django.mo is out of date: run compilemessages (see docs/translations.md)"
    assert set(compiled) == {key(m) for m in entries()}


def test_placeholders_are_kept_in_every_translation():
    wrong = []
    for message in entries():
        ids = forms(message.id)
        for index, text in enumerate(forms(message.string)):
            source = ids[min(index, len(ids) - 1)]
            if placeholders(text) != placeholders(source):
                wrong.append((source, text))
    assert wrong == []


def test_placeholder_pattern():
    assert placeholders("%(n)s of %(total)s, %s and 100%%") == {"%(n)s", "%(total)s", "%s"}
    assert placeholders("no placeholders, 50%% done") == set()


def test_a_page_is_dutch_by_default_and_english_on_request(client):
    dutch = client.get("/login/").content.decode()
    english = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Inloggen" in dutch
    assert "Log in" not in dutch
    assert 'lang="nl"' in dutch
    assert "Log in" in english
    assert "Inloggen" not in english
    assert 'lang="en"' in english
