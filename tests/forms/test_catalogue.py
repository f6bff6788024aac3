"""The forms catalogue: complete in both languages, one form per quadrant, strict parsing."""

from __future__ import annotations

import tomllib
from dataclasses import fields
from importlib import resources

import pytest

from grondvorm.forms import (
    AXIS_IDS,
    FORM_IDS,
    QUADRANTS,
    ContentError,
    FormId,
    UnknownFormError,
    form_at,
    load_catalogue,
    parse_form_id,
)
from grondvorm.forms.content import parse_catalogue
from grondvorm.forms.model import LIST_FIELDS, MIN_EXAMPLES, TEXT_FIELDS, Form
from grondvorm.language import LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_every_form_and_axis_with_every_field_filled(language):
    catalogue = load_catalogue(language)

    assert list(catalogue.forms) == list(FORM_IDS)
    assert list(catalogue.axes) == list(AXIS_IDS)
    for form in catalogue.forms.values():
        for name in TEXT_FIELDS:
            assert getattr(form, name).strip(), (language, form.id, name)
        for name in LIST_FIELDS:
            assert all(item.strip() for item in getattr(form, name)), (language, form.id, name)
        assert len(form.examples) >= MIN_EXAMPLES
        assert len({example.sector for example in form.examples}) >= MIN_EXAMPLES


def test_both_languages_have_the_same_shape_and_different_words():
    dutch, english = load_catalogue("nl"), load_catalogue("en")

    for form_id in FORM_IDS:
        nl_form, en_form = dutch.forms[form_id], english.forms[form_id]
        for field in fields(Form):
            nl_value, en_value = getattr(nl_form, field.name), getattr(en_form, field.name)
            if isinstance(nl_value, tuple):
                assert len(nl_value) == len(en_value), (form_id, field.name)
            if field.name not in ("id",):
                assert nl_value != en_value, (form_id, field.name)
    assert set(dutch.labels) == set(english.labels)


def test_every_quadrant_holds_exactly_one_form():
    corners = list(QUADRANTS.values())

    assert sorted(corners) == sorted({(a, r) for a in (-1, 1) for r in (-1, 1)})
    assert len(set(corners)) == len(FORM_IDS)
    assert QUADRANTS[FormId.FUNCTIONAL] == (-1, 1)
    assert QUADRANTS[FormId.ENTREPRENEURIAL] == (1, 1)
    assert QUADRANTS[FormId.TRANSACTIONAL] == (-1, -1)
    assert QUADRANTS[FormId.LEARNING] == (1, -1)


@pytest.mark.parametrize(
    ("point", "expected"),
    [
        ((-0.5, 0.6), FormId.FUNCTIONAL),
        ((0.9, 0.1), FormId.ENTREPRENEURIAL),
        ((-0.2, -0.7), FormId.TRANSACTIONAL),
        ((0.3, -0.3), FormId.LEARNING),
    ],
)
def test_form_at_returns_the_quadrant_of_a_point(point, expected):
    assert form_at(*point) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("functional", FormId.FUNCTIONAL),
        ("Functioneel", FormId.FUNCTIONAL),
        ("ondernemend", FormId.ENTREPRENEURIAL),
        ("ENTRE", FormId.ENTREPRENEURIAL),
        ("transactioneel", FormId.TRANSACTIONAL),
        ("trans", FormId.TRANSACTIONAL),
        ("lerend", FormId.LEARNING),
        ("lea", FormId.LEARNING),
        ("l", FormId.LEARNING),
        ("alliantie", FormId.ENTREPRENEURIAL),
        (" learning ", FormId.LEARNING),
    ],
)
def test_parse_form_id_accepts_ids_dutch_names_and_prefixes(text, expected):
    assert parse_form_id(text) == expected


@pytest.mark.parametrize("text", ["", "x", "samenwerking", "functionally", "leren-"])
def test_parse_form_id_refuses_unknown_names_and_lists_valid_ones(text):
    with pytest.raises(UnknownFormError) as error:
        parse_form_id(text)

    assert "functional, entrepreneurial, transactional, learning" in str(error.value)


def test_content_with_an_empty_field_is_refused():
    path = resources.files("grondvorm.forms").joinpath("content", "en.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    data["forms"]["learning"]["risk"] = "   "

    with pytest.raises(ContentError, match=r"forms/en\.forms\.learning: 'risk'"):
        parse_catalogue(data, "en")


def test_content_with_too_few_examples_is_refused():
    path = resources.files("grondvorm.forms").joinpath("content", "nl.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    data["forms"]["functional"]["examples"] = data["forms"]["functional"]["examples"][:2]

    with pytest.raises(ContentError, match="at least 5 examples"):
        parse_catalogue(data, "nl")
