"""The instrument: size, languages, reversed statements, weights that cancel acquiescence."""

from __future__ import annotations

import copy
import tomllib
from importlib import resources

import pytest

from grondvorm.forms import FORM_IDS, AxisId
from grondvorm.language import LANGUAGES
from grondvorm.scan import (
    INSTRUMENT_ID,
    INSTRUMENT_VERSION,
    InstrumentError,
    load_instrument,
)
from grondvorm.scan.instrument import parse_instrument

DIMENSIONS = (
    "ambition",
    "relation",
    "beneficiaries",
    "openness",
    "risk",
    "time_horizon",
    "relationship",
    "agreements",
)


def raw_content() -> dict:
    path = resources.files("grondvorm.scan").joinpath("content", "instrument.toml")
    with path.open("rb") as handle:
        return tomllib.load(handle)


def test_instrument_has_id_version_and_24_to_40_statements():
    instrument = load_instrument()

    assert (instrument.id, instrument.version) == (INSTRUMENT_ID, INSTRUMENT_VERSION)
    assert (INSTRUMENT_ID, INSTRUMENT_VERSION) == ("grondvorm-scan", "1")
    assert 24 <= len(instrument.statements) <= 40


def test_load_instrument_is_cached():
    assert load_instrument() is load_instrument()


def test_dimensions_are_the_documented_ones_and_the_axes_have_one_each():
    instrument = load_instrument()

    assert tuple(instrument.dimensions) == DIMENSIONS
    assert instrument.dimensions["ambition"].axis == AxisId.AMBITION
    assert instrument.dimensions["relation"].axis == AxisId.RELATION
    assert [d.id for d in instrument.dimensions.values() if d.axis is None] == list(DIMENSIONS[2:])


def test_every_dimension_has_texts_and_a_conversation_question_in_both_languages():
    for dimension in load_instrument().dimensions.values():
        for texts in (dimension.names, dimension.descriptions, dimension.questions):
            assert set(texts) == set(LANGUAGES)
            assert all(text.strip() for text in texts.values())
            assert texts["nl"] != texts["en"]
        assert dimension.questions["nl"].endswith("?")
        assert dimension.questions["en"].endswith("?")


def test_every_statement_text_is_non_empty_and_differs_between_languages():
    for statement in load_instrument().statements:
        assert set(statement.texts) == set(LANGUAGES)
        assert statement.texts["nl"].strip()
        assert statement.texts["en"].strip()
        assert statement.texts["nl"] != statement.texts["en"], statement.id


def test_statement_texts_are_unique():
    statements = load_instrument().statements
    for language in LANGUAGES:
        texts = [statement.texts[language] for statement in statements]
        assert len(set(texts)) == len(texts)


def test_ids_are_stable_short_and_prefixed_by_dimension():
    prefixes = {
        "ambition": "A",
        "relation": "R",
        "beneficiaries": "B",
        "openness": "O",
        "risk": "I",
        "time_horizon": "T",
        "relationship": "P",
        "agreements": "C",
    }
    for statement in load_instrument().statements:
        assert statement.id[0] == prefixes[statement.dimension]
        assert statement.id[1:].isdigit()


def test_about_a_third_of_the_statements_are_reversed():
    statements = load_instrument().statements
    share = sum(statement.reversed for statement in statements) / len(statements)

    assert 0.3 <= share <= 0.45


def test_each_axis_has_several_statements_half_of_them_reversed():
    instrument = load_instrument()
    for dimension in ("ambition", "relation"):
        statements = [s for s in instrument.statements if s.dimension == dimension]
        assert len(statements) >= 4
        assert sum(s.reversed for s in statements) * 2 == len(statements)


def test_weights_cover_all_four_forms_and_stay_in_range():
    for statement in load_instrument().statements:
        assert list(statement.points_to) == list(FORM_IDS)
        assert all(-1 <= weight <= 1 for weight in statement.points_to.values())
        assert any(weight > 0 for weight in statement.points_to.values())
        assert any(weight < 0 for weight in statement.points_to.values())


def test_weights_of_each_form_sum_to_zero_so_acquiescence_cancels():
    statements = load_instrument().statements
    for form in FORM_IDS:
        assert sum(statement.points_to[form] for statement in statements) == pytest.approx(
            0, abs=1e-12
        )


def test_each_form_has_statements_pointing_to_it_and_away_from_it():
    statements = load_instrument().statements
    for form in FORM_IDS:
        assert sum(s.points_to[form] > 0 for s in statements) >= 8
        assert sum(s.points_to[form] < 0 for s in statements) >= 8


def test_pairs_are_one_plain_and_one_reversed_statement_of_one_dimension():
    pairs = load_instrument().pairs()

    assert [(a.id, b.id) for a, b in pairs] == [
        ("A1", "A2"),
        ("A3", "A4"),
        ("R1", "R2"),
        ("R3", "R4"),
        ("B1", "B2"),
        ("O1", "O2"),
        ("I1", "I2"),
        ("T1", "T2"),
    ]
    for first, second in pairs:
        assert first.reversed != second.reversed
        assert first.dimension == second.dimension


def test_scale_labels_in_both_languages():
    instrument = load_instrument()

    assert instrument.scale_labels("nl") == {
        1: "helemaal oneens",
        2: "oneens",
        3: "niet eens, niet oneens",
        4: "eens",
        5: "helemaal eens",
    }
    assert instrument.scale_labels("en")[5] == "strongly agree"
    assert instrument.dont_know_label("en") == "don't know"
    assert instrument.perspective_label("desired", "nl") == "Zo zou het moeten zijn"


def test_statement_lookup_by_id_and_unknown_id():
    instrument = load_instrument()

    assert instrument.statement("R3").dimension == "relation"
    with pytest.raises(KeyError, match="R9"):
        instrument.statement("R9")


def test_to_dict_lists_every_statement_with_both_texts_and_four_weights():
    data = load_instrument().to_dict("en")

    assert (data["id"], data["version"], data["language"]) == ("grondvorm-scan", "1", "en")
    assert data["scale"]["labels"]["1"] == "strongly disagree"
    assert [d["id"] for d in data["dimensions"]] == list(DIMENSIONS)
    first = data["statements"][0]
    assert set(first) == {"id", "dimension", "texts", "reversed", "pair", "points_to"}
    assert set(first["texts"]) == {"nl", "en"}
    assert set(first["points_to"]) == {form.value for form in FORM_IDS}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["statements"][0].update(nl=""), "statement A1: missing or empty nl text"),
        (lambda d: d["statements"][0]["points_to"].update(learning=1.5), "A1: weight for learning"),
        (lambda d: d["statements"][0]["points_to"].pop("learning"), "four form ids"),
        (lambda d: d["statements"][1].update(id="A1"), "unique"),
        (lambda d: d["statements"][0].update(dimension="mood"), "unknown dimension 'mood'"),
        (lambda d: d["statements"][0].update(pair="A3"), "does not pair back"),
        (lambda d: d["dimensions"]["risk"].pop("question"), "dimensions.risk.question"),
        (lambda d: d.__setitem__("statements", d["statements"][:20]), "24 to 40 statements"),
        (lambda d: d["scale"].update(maximum=7), "scale must run from 1 to 5"),
    ],
)
def test_broken_content_is_refused_with_a_clear_message(change, message):
    data = copy.deepcopy(raw_content())
    change(data)

    with pytest.raises(InstrumentError, match=message):
        parse_instrument(data)
