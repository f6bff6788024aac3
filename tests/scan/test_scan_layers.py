"""The scan package's public API and its independence from the outer layers."""

from __future__ import annotations

import subprocess
import sys

import grondvorm.scan

CONTRACT = {
    "load_instrument",
    "Instrument",
    "Statement",
    "Dimension",
    "Profile",
    "ResponseScore",
    "parse_response",
    "ResponseError",
    "score_answers",
    "score_response",
    "INSTRUMENT_ID",
    "INSTRUMENT_VERSION",
}


def test_all_lists_the_contract_and_matches_the_exports():
    exported = {name for name in dir(grondvorm.scan) if not name.startswith("_")}
    modules = {"checks", "docs", "errors", "instrument", "response", "scoring"}

    assert set(grondvorm.scan.__all__) >= CONTRACT
    assert set(grondvorm.scan.__all__) == exported - modules


def test_scoring_imports_no_cli_web_or_rich():
    code = (
        "import sys, grondvorm.scan as s; s.score_answers({}); "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('typer', 'rich', 'click', 'django')"
        " or m.startswith(('grondvorm.cli', 'grondvorm.web', 'grondvorm.reports'))]; "
        "print(bad)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert result.stdout.strip() == "[]"
