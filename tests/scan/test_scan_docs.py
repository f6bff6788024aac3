"""docs/instrument.md and docs/scoring.md stay in step with the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from grondvorm.scan import checks, scoring
from grondvorm.scan.docs import instrument_markdown

DOCS = Path(__file__).parents[2] / "docs"


def test_instrument_page_is_generated_from_the_current_instrument():
    page = (DOCS / "instrument.md").read_text(encoding="utf-8")

    assert page == instrument_markdown(), (
        "docs/instrument.md is out of date: python -m grondvorm.scan.docs > docs/instrument.md"
    )


@pytest.mark.parametrize(
    ("name", "module"),
    [
        ("TEMPERATURE", scoring),
        ("AXIS_BLEND", scoring),
        ("FORM_THRESHOLD", scoring),
        ("HYBRID_MARGIN", scoring),
        ("HYBRID_MASS", scoring),
        ("MIN_ANSWERED_SHARE", checks),
        ("DONT_KNOW_SHARE", checks),
        ("STRAIGHT_LINE_SHARE", checks),
        ("STRAIGHT_LINE_MIN", checks),
        ("CONTRADICTION_AT", checks),
    ],
)
def test_scoring_page_states_each_constant_as_in_the_code(name, module):
    page = (DOCS / "scoring.md").read_text(encoding="utf-8")

    rows = re.findall(rf"^\| `{name}`[^|]*\| ([0-9.]+) \|", page, flags=re.MULTILINE)

    assert len(rows) == 1, f"docs/scoring.md has no single row for {name}"
    assert float(rows[0]) == getattr(module, name)
