"""`grondvorm report`, `grondvorm export` and `grondvorm import`: in real processes against their own
SQLite file, and in-process (typer's CliRunner) against the test database for the error cases."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest
from openpyxl import load_workbook
from tests.processes import run_grondvorm as grondvorm
from tests.reports.test_report import HOSTILE_NAME, PARTIES, seed_collaboration
from tests.web.conftest import INSTRUMENT
from typer.testing import CliRunner

from grondvorm.cli.app import app
from grondvorm.web import transfer
from grondvorm.web.models import Answer, Collaboration

pytestmark = pytest.mark.django_db

RESPONDENTS = sum(count for _, _, count in PARTIES.values())


@pytest.fixture
def env(tmp_path) -> dict:
    environment = dict(os.environ, GRONDVORM_HOME=str(tmp_path / "home"), GRONDVORM_LANG="en")
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    environment["GRONDVORM_DATABASE_URL"] = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    return environment


@pytest.fixture
def owner(facilitator):
    return facilitator


@pytest.fixture
def seeded(owner):
    return seed_collaboration(owner)


@pytest.fixture
def exported(seeded, tmp_path):
    path = tmp_path / "regio-zorg.json"
    path.write_text(transfer.export_json(seeded), encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(app, [*args, "--lang", "en"])


# ----------------------------------------------------------------------------- real processes


def test_import_export_and_report_in_another_installation(exported, env, tmp_path):
    created = grondvorm(
        "createuser", "--email", "bram@example.org", "--password", "a long passphrase", env=env
    )
    assert created.returncode == 0, created.stderr

    imported = grondvorm("import", str(exported), "--owner", "bram@example.org", env=env)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith("Imported: Regio Zorg (5 parties, 10 respondents).")
    new_id = imported.stdout.split()[-1]

    again = grondvorm("export", new_id, "--format", "json", env=env)
    assert again.returncode == 0, again.stderr
    assert again.stdout == exported.read_text(encoding="utf-8")

    pdf, html = tmp_path / "out.pdf", tmp_path / "out.html"
    report = grondvorm("report", new_id, "--pdf", str(pdf), "--html", str(html), env=env)
    assert report.returncode == 0, report.stderr
    assert pdf.read_bytes().startswith(b"%PDF-")
    page = html.read_text(encoding="utf-8")
    assert "The four basic forms" in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert HOSTILE_NAME not in page

    table = grondvorm("export", new_id, "--format", "csv", "--lang", "nl", env=env)
    rows = list(csv.reader(io.StringIO(table.stdout)))
    assert len(rows) == 1 + RESPONDENTS * len(INSTRUMENT.statements)
    assert rows[1][6] == INSTRUMENT.statement("A1").texts["nl"]


def test_refused_import_exits_2_and_stores_nothing(exported, env, tmp_path):
    grondvorm(
        "createuser", "--email", "bram@example.org", "--password", "a long passphrase", env=env
    )
    damaged = tmp_path / "damaged.json"
    damaged.write_text(exported.read_text(encoding="utf-8")[:5000], encoding="utf-8")

    refused = grondvorm("import", str(damaged), "--owner", "bram@example.org", env=env)
    after = grondvorm("export", "1", "--format", "json", env=env)

    assert refused.returncode == 2
    assert refused.stderr.startswith(
        "Error: This file cannot be imported; nothing has been changed."
    )
    assert "is not valid JSON" in refused.stderr
    assert after.returncode == 2 and "There is no collaboration with id 1." in after.stderr


# ----------------------------------------------------------------------------- in-process


def test_report_needs_an_output_file(seeded):
    result = run("report", str(seeded.pk))

    assert result.exit_code == 2
    assert "Give --pdf FILE and/or --html FILE." in result.output


def test_report_of_an_unknown_id_exits_2(seeded, tmp_path):
    result = run("report", str(seeded.pk + 100), "--html", str(tmp_path / "x.html"))

    assert result.exit_code == 2
    assert f"There is no collaboration with id {seeded.pk + 100}." in result.output
    assert not (tmp_path / "x.html").exists()


def test_report_writes_html_in_the_chosen_language(seeded, tmp_path):
    path = tmp_path / "rapport.html"

    result = CliRunner().invoke(
        app, ["report", str(seeded.pk), "--html", str(path), "--lang", "nl"]
    )

    assert result.exit_code == 0, result.output
    assert "De vier grondvormen" in path.read_text(encoding="utf-8")


def test_export_xlsx_needs_out_and_writes_every_sheet(seeded, tmp_path):
    refused = run("export", str(seeded.pk), "--format", "xlsx")
    path = tmp_path / "data.xlsx"
    written = run("export", str(seeded.pk), "--format", "xlsx", "--out", str(path))

    assert refused.exit_code == 2 and "give --out FILE.xlsx" in refused.output
    assert written.exit_code == 0, written.output
    sheets = load_workbook(path).sheetnames
    assert sheets == ["answers", "profiles", "divergence", "agenda", "agreements"]


def test_export_unknown_format_exits_2(seeded):
    result = run("export", str(seeded.pk), "--format", "docx")

    assert result.exit_code == 2
    assert "Unknown format docx; choose csv, xlsx or json." in result.output


def test_export_json_to_stdout_is_the_transfer_format(seeded):
    result = run("export", str(seeded.pk), "--format", "json")

    assert result.exit_code == 0
    assert json.loads(result.stdout) == transfer.export_collaboration(seeded)


def test_import_prints_the_new_id_last(exported, owner):
    before = Collaboration.objects.count()

    result = run("import", str(exported), "--owner", "ANNA@example.org")

    assert result.exit_code == 0, result.output
    new = Collaboration.objects.get(pk=int(result.stdout.split()[-1]))
    assert Collaboration.objects.count() == before + 1 and new.owner == owner


def test_import_of_a_foreign_file_changes_nothing(exported, owner):
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["parties"][0]["respondents"][0]["answers"]["A1"]["desired"] = 7
    exported.write_text(json.dumps(data), encoding="utf-8")
    before = (Collaboration.objects.count(), Answer.objects.count())

    result = run("import", str(exported), "--owner", "anna@example.org")

    assert result.exit_code == 2
    assert "statement A1 (desired): 7 is outside the scale of 1 to 5" in result.output
    assert (Collaboration.objects.count(), Answer.objects.count()) == before


def test_import_for_an_unknown_owner_exits_2(exported, owner):
    result = run("import", str(exported), "--owner", "nobody@example.org")

    assert result.exit_code == 2
    assert "grondvorm createuser --email nobody@example.org" in result.output


def test_import_of_a_missing_file_exits_2(tmp_path):
    result = run("import", str(tmp_path / "missing.json"), "--owner", "anna@example.org")

    assert result.exit_code == 2
    assert "Cannot read" in result.output


@pytest.mark.parametrize("command", ["report", "export", "import"])
def test_commands_have_help(command):
    result = CliRunner().invoke(app, [command, "--help"])

    assert result.exit_code == 0
    assert "--db" in result.output and "--lang" in result.output
