"""Annotating records for bulk use (JSON Lines and CSV)."""

from __future__ import annotations

import json
import math

import pytest

from grondvorm.recognition import recognise
from grondvorm.recognition.bulk import (
    CSV_COLUMNS,
    RecordError,
    annotate,
    csv_fields,
    parse_json_line,
    record_text,
)

TEXT = "A drone maker and an insurer invest together in a new crop-monitoring service to sell to growers."


def test_annotate_keeps_every_field_and_adds_the_result():
    record = {"id": "x1", "text": TEXT, "source": "press release"}

    output = annotate(record, "en")

    assert output["id"] == "x1" and output["source"] == "press release" and output["text"] == TEXT
    assert output["form"] == "entrepreneurial"
    assert math.isclose(sum(output["scores"].values()), 1.0, abs_tol=1e-6)
    assert set(output["axes"]) == {"ambition", "relation"}
    assert isinstance(output["hybrid"], bool)
    assert output["evidence"] and all(item["phrase"] in TEXT for item in output["evidence"])
    json.dumps(output)


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("not json", "not_json"),
        ("[1, 2]", "not_object"),
        ('{"id": 3}', "no_text"),
        ('{"text": "  "}', "no_text"),
    ],
)
def test_bad_records_raise_a_coded_error(line, code):
    with pytest.raises(RecordError) as caught:
        record_text(parse_json_line(line))

    assert caught.value.code == code


def test_csv_fields_flatten_scores_and_axes_and_encode_evidence():
    row = csv_fields(recognise(TEXT), "nl")

    assert set(row) == set(CSV_COLUMNS)
    assert row["form"] == "entrepreneurial"
    assert math.isclose(
        sum(
            float(row[f"score_{f}"])
            for f in ("functional", "entrepreneurial", "transactional", "learning")
        ),
        1.0,
        abs_tol=1e-3,
    )
    evidence = json.loads(row["evidence"])
    assert evidence and set(evidence[0]) == {"phrase", "target", "weight", "label"}
    assert row["error"] == ""
