"""``grondvorm forms``: texts, JSON that validates, exit codes for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from grondvorm.cli.app import app
from grondvorm.forms import FORM_IDS

SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "forms.schema.json").read_text())
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_overview_in_dutch_by_default_shows_the_quadrant_and_all_forms():
    result = run("forms")

    assert result.exit_code == 0
    assert "De vier grondvormen van samenwerken" in result.stdout
    for name in ("Functioneel", "Ondernemend", "Transactioneel", "Lerend"):
        assert name in result.stdout
    quadrant = [
        line for line in result.stdout.splitlines() if line.startswith(("vernieuwen", "verbeteren"))
    ]
    assert quadrant[0].split("|")[1:3] == [
        "Lerend".center(24),
        "Ondernemend".center(24),
    ]
    assert quadrant[1].split("|")[1:3] == [
        "Transactioneel".center(24),
        "Functioneel".center(24),
    ]


def test_language_follows_the_environment(monkeypatch):
    monkeypatch.setenv("GRONDVORM_LANG", "en")

    result = run("forms", "lerend")

    assert result.exit_code == 0
    assert result.stdout.startswith("Learning (learning)\n")


def test_one_form_in_full_in_english():
    result = run("forms", "ondernemend", "--lang", "en")

    assert result.exit_code == 0
    for heading in ("Essence:", "Core agreements:", "Typical vehicles:", "Pitfalls:", "Examples:"):
        assert heading in result.stdout
    assert "Quadrant: renew × share" in result.stdout


def test_json_for_all_forms_validates_and_fills_every_field():
    result = run("forms", "--lang", "en", "--json")

    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    assert [form["id"] for form in data["forms"]] == list(FORM_IDS)
    assert data["language"] == "en"
    assert "Kaats" in data["source"]


@pytest.mark.parametrize("name", ["functioneel", "entrepreneurial", "trans", "learning"])
def test_json_for_one_form_validates(name):
    result = run("forms", name, "--json", "--lang", "nl")

    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    assert data["id"] in FORM_IDS
    assert data["language"] == "nl"


def test_schema_rejects_an_empty_field():
    data = json.loads(run("forms", "--json").stdout)
    data["forms"][0]["aim"] = ""

    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)


def test_unknown_form_exits_2_and_lists_the_valid_names():
    result = run("forms", "samenwerking", "--lang", "en")

    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "Error: Unknown form 'samenwerking'. Valid names: "
        "functional, entrepreneurial, transactional, learning."
    )
    assert result.stdout == ""


def test_unknown_language_exits_2():
    result = run("forms", "--lang", "de")

    assert result.exit_code == 2
    assert "Onbekende taal 'de'" in result.stderr


def test_installed_command_prints_plain_text_when_piped():
    completed = subprocess.run(
        [sys.executable, "-m", "grondvorm", "forms", "--lang", "en"],
        capture_output=True,
        text=True,
        check=True,
    )

    assert "\x1b[" not in completed.stdout
    assert completed.stdout.startswith("The four basic forms of collaboration\n")
