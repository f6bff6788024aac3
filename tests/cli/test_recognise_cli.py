"""``grondvorm recognise`` and ``grondvorm evaluate``: modes, output formats and exit codes."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from grondvorm.cli.app import app

runner = CliRunner()
FUNCTIONAL = "Vijf gemeenten brengen hun ICT onder in één gezamenlijke uitvoeringsorganisatie die zij samen besturen."
LEARNING = "Libraries from across the country meet in an open network to share experiences and publish what they learn."


def run(*args: str, stdin: str | None = None):
    return runner.invoke(app, list(args), input=stdin)


def test_recognise_text_prints_form_scores_axes_and_evidence_in_dutch():
    result = run("recognise", FUNCTIONAL, "--lang", "nl")

    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Grondvorm: functioneel"
    assert "Kansen:" in lines and "Positie op de assen:" in lines and "Waarom:" in lines
    assert any(
        "“gezamenlijke uitvoeringsorganisatie”: wijst op functioneel" in line for line in lines
    )


def test_recognise_json_is_one_object_with_the_agreed_keys():
    result = run("recognise", "--json", "--lang", "en", LEARNING)

    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["form"] == "learning"
    assert {
        "form",
        "scores",
        "axes",
        "hybrid",
        "evidence",
        "confidence",
        "language",
        "reason",
    } <= set(data)
    assert data["evidence"][0]["label"].startswith("“")


def test_recognise_reads_standard_input_with_a_dash():
    result = run("recognise", "-", "--json", stdin=LEARNING)

    assert result.exit_code == 0
    assert json.loads(result.stdout)["form"] == "learning"


def test_recognise_reads_a_file(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(FUNCTIONAL, encoding="utf-8")

    result = run("recognise", "--file", str(path), "--json")

    assert result.exit_code == 0
    assert json.loads(result.stdout)["form"] == "functional"


def test_recognise_short_text_gives_no_form_and_a_reason():
    result = run("recognise", "--json", "Samen sterk")

    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["form"] is None
    assert data["reason"] == "too_short"


def test_recognise_without_input_or_with_two_inputs_is_a_usage_error(tmp_path):
    assert run("recognise").exit_code == 2
    result = run("recognise", LEARNING, "--file", str(tmp_path / "x.txt"), "--lang", "en")
    assert result.exit_code == 2
    assert (
        result.stderr.strip() == "Error: Give exactly one input: a TEXT, --file, --jsonl or --csv."
    )


def test_recognise_missing_file_exits_with_2(tmp_path):
    result = run("recognise", "--jsonl", str(tmp_path / "missing.jsonl"), "--lang", "en")

    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_jsonl_keeps_fields_reports_bad_lines_and_exits_with_1(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": LEARNING, "source": "web"}) + "\n"
        "this is not json\n"
        "\n"
        + json.dumps({"id": "c"})
        + "\n"
        + json.dumps({"id": "d", "text": FUNCTIONAL, "lang": "nl"})
        + "\n",
        encoding="utf-8",
    )

    result = run("recognise", "--jsonl", str(path), "--lang", "en")

    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r.get("id") for r in records] == ["a", None, "c", "d"]
    assert records[0]["source"] == "web" and records[0]["form"] == "learning"
    assert {"form", "scores", "axes", "hybrid", "evidence", "confidence", "reason"} <= set(
        records[0]
    )
    assert records[1] == {"line": 2, "error": "not valid JSON (Expecting value)"}
    assert records[2] == {"id": "c", "line": 4, "error": "no text in the field 'text'"}
    assert records[3]["form"] == "functional"
    assert result.stderr.splitlines() == [
        "line 2: not valid JSON (Expecting value)",
        "line 4: no text in the field 'text'",
        "2 of 4 lines could not be read.",
    ]


def test_csv_adds_columns_and_keeps_the_rest(tmp_path):
    path = tmp_path / "in.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "beschrijving"])
        writer.writerow(["1", FUNCTIONAL])
        writer.writerow(["2", ""])

    result = run("recognise", "--csv", str(path), "--text-column", "beschrijving", "--lang", "en")

    assert result.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["id"] for row in rows] == ["1", "2"]
    assert rows[0]["form"] == "functional"
    assert float(rows[0]["score_functional"]) > 0.5
    assert -1 <= float(rows[0]["axis_relation"]) <= 1
    assert json.loads(rows[0]["evidence"])[0]["phrase"] in FUNCTIONAL
    assert rows[1]["error"] == "no text in the field 'beschrijving'"
    assert result.stderr.splitlines()[0] == "line 3: no text in the field 'beschrijving'"


def test_csv_with_unknown_text_column_is_a_usage_error(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("id,text\n1,hello\n", encoding="utf-8")

    result = run("recognise", "--csv", str(path), "--text-column", "body", "--lang", "en")

    assert result.exit_code == 2
    assert "Column 'body' is not in" in result.stderr


def labelled(tmp_path):
    path = tmp_path / "labelled.jsonl"
    path.write_text(
        json.dumps({"text": FUNCTIONAL, "form": "functional", "lang": "nl"})
        + "\n"
        + json.dumps({"text": LEARNING, "form": "learning", "lang": "en"})
        + "\n"
        + json.dumps({"text": "Samen sterk", "form": "learning", "lang": "nl"})
        + "\n",
        encoding="utf-8",
    )
    return path


def test_evaluate_prints_accuracy_macro_f1_languages_and_confusion(tmp_path):
    result = run("evaluate", "--jsonl", str(labelled(tmp_path)), "--lang", "en")

    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        "Count: 3",
        "Accuracy: 0.667",
        "Macro-F1: 0.417",
        "No answer (counted as wrong): 1",
    ]
    assert "Per language:" in lines and "  nl:" in lines and "  en:" in lines
    assert "Confusion matrix (row: true, column: recognised):" in lines


def test_evaluate_json_for_scripts(tmp_path):
    result = run("evaluate", "--jsonl", str(labelled(tmp_path)), "--json")

    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["count"] == 3
    assert data["abstentions"] == 1
    assert data["confusion"]["learning"]["none"] == 1
    assert set(data["per_language"]) == {"nl", "en"}


def test_evaluate_reports_bad_lines_and_exits_with_1(tmp_path):
    path = labelled(tmp_path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": LEARNING, "form": "circular"}) + "\n")

    result = run("evaluate", "--jsonl", str(path), "--json", "--lang", "en")

    assert result.exit_code == 1
    assert json.loads(result.stdout)["count"] == 3
    assert result.stderr.splitlines()[0] == "line 4: unknown form 'circular' in the field form"
