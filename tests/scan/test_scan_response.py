"""Reading response files: strict about ids, values, the header and the version."""

from __future__ import annotations

import pytest
from scan_helpers import response

from grondvorm.scan import Answer, ResponseError, parse_response, score_response


def test_a_valid_response_is_parsed_in_instrument_order():
    data = response(
        {"R1": {"now": 2, "desired": 4}, "A1": {"now": None, "desired": 5}, "B2": {"now": 3}},
        respondent={"name": "Sam", "party": "Gemeente"},
    )

    parsed = parse_response(data)

    assert parsed.instrument_id == "grondvorm-scan"
    assert parsed.instrument_version == "1"
    assert parsed.respondent == {"name": "Sam", "party": "Gemeente"}
    assert list(parsed.answers) == ["A1", "R1", "B2"]
    assert parsed.answers["A1"] == Answer(now=None, desired=5)
    assert parsed.answers["B2"] == Answer(now=3, desired=None)
    assert parsed.values("desired") == {"A1": 5, "R1": 4, "B2": None}


def test_version_as_a_number_is_read_as_the_same_version():
    data = response({})
    data["instrument"]["version"] = 1

    assert parse_response(data).instrument_version == "1"


def test_to_dict_round_trips():
    data = response({"A1": {"now": 1, "desired": None}}, respondent={"party": "X"})

    assert parse_response(parse_response(data).to_dict()) == parse_response(data)


def test_unknown_statement_is_named():
    with pytest.raises(ResponseError) as raised:
        parse_response(response({"R9": {"now": 3}}))

    assert raised.value.statement == "R9"
    assert str(raised.value) == "statement R9 does not exist in grondvorm-scan version 1"
    assert raised.value.message("nl") == "stelling R9 bestaat niet in grondvorm-scan versie 1"


@pytest.mark.parametrize(
    ("answer", "english"),
    [
        ({"now": 6}, "statement O2 (now): 6 is outside the scale of 1 to 5"),
        ({"desired": 0}, "statement O2 (desired): 0 is outside the scale of 1 to 5"),
        (
            {"now": "4"},
            "statement O2 (now): \"4\" is not a whole number from 1 to 5 (or null for 'don't know')",
        ),
        (
            {"now": 3.5},
            "statement O2 (now): 3.5 is not a whole number from 1 to 5 (or null for 'don't know')",
        ),
        (
            {"desired": True},
            "statement O2 (desired): true is not a whole number from 1 to 5 (or null for 'don't know')",
        ),
        ({"later": 3}, 'statement O2: unknown key \'later\'; use "now" and "desired"'),
        (4, 'statement O2: the answer must be an object with "now" and/or "desired"'),
    ],
)
def test_bad_values_name_the_statement_and_the_problem(answer, english):
    with pytest.raises(ResponseError) as raised:
        parse_response(response({"A1": {"now": 3}, "O2": answer}))

    assert raised.value.statement == "O2"
    assert str(raised.value) == english


def test_missing_instrument_header_is_named():
    with pytest.raises(ResponseError) as raised:
        parse_response({"answers": {"A1": {"now": 3}}})

    assert raised.value.code == "missing_instrument"
    assert str(raised.value) == (
        'the "instrument" header is missing; expected: '
        '"instrument": {"id": "grondvorm-scan", "version": "1"}'
    )


def test_unknown_version_is_refused_not_mixed():
    data = response({"A1": {"now": 3}})
    data["instrument"]["version"] = "2"

    with pytest.raises(ResponseError) as raised:
        parse_response(data)

    assert raised.value.code == "unknown_version"
    assert "grondvorm-scan version 2 is unknown" in str(raised.value)
    assert "never mixed" in str(raised.value)


def test_another_instrument_is_refused():
    data = response({})
    data["instrument"]["id"] = "wilder-inventory"

    with pytest.raises(ResponseError, match="unknown instrument 'wilder-inventory'"):
        parse_response(data)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ([], "not_an_object"),
        ({"instrument": "grondvorm-scan", "answers": {}}, "bad_instrument_header"),
        ({"instrument": {"id": "grondvorm-scan"}, "answers": {}}, "bad_instrument_header"),
        (response({}, respondent="Sam"), "bad_respondent"),
        (response({}, session=[]), "bad_session"),
        (response({}, extra=1), "unknown_field"),
        ({"instrument": {"id": "grondvorm-scan", "version": "1"}}, "missing_answers"),
        (response([]), "missing_answers"),
    ],
)
def test_malformed_files_are_refused(data, code):
    with pytest.raises(ResponseError) as raised:
        parse_response(data)

    assert raised.value.code == code
    assert raised.value.message("nl") != raised.value.message("en")


def test_score_response_refuses_a_response_built_for_another_version():
    parsed = parse_response(response({"A1": {"now": 3}}))
    foreign = type(parsed)(instrument_id="grondvorm-scan", instrument_version="0", answers={})

    with pytest.raises(ResponseError, match="version 0 is unknown"):
        score_response(foreign)


def test_score_response_gives_now_and_desired_profiles():
    data = response({"A1": {"now": 1, "desired": 5}, "A2": {"now": 5, "desired": 1}})

    score = score_response(parse_response(data))

    assert score.now.axes["ambition"] == -1.0
    assert score.desired.axes["ambition"] == 1.0
    assert set(score.to_dict()) == {"now", "desired"}
