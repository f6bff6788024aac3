"""``grondvorm instrument``, ``score`` and ``scan``: output, exit codes, and the interactive scan
driven through a real pseudo-terminal (interrupted, killed, resumed)."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grondvorm.cli.app import app
from grondvorm.forms import FORM_IDS, FormId
from grondvorm.scan import load_instrument, parse_response

runner = CliRunner()
INSTRUMENT = load_instrument()
IDS = INSTRUMENT.statement_ids


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def pure(form: FormId) -> dict[str, int]:
    return {
        s.id: 5 if s.points_to[form] > 0 else 1 if s.points_to[form] < 0 else 3
        for s in INSTRUMENT.statements
    }


def response_file(path: Path, now: dict, desired: dict) -> Path:
    answers = {key: {"now": now.get(key), "desired": desired.get(key)} for key in IDS}
    data = {
        "instrument": {"id": "grondvorm-scan", "version": "1"},
        "respondent": {"name": "Robin"},
        "answers": answers,
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# --- grondvorm instrument ----------------------------------------------------------------


def test_instrument_json_lists_every_statement_with_texts_and_weights():
    result = run("instrument", "--json")

    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["id"], data["version"], data["language"]) == ("grondvorm-scan", "1", "nl")
    assert 24 <= len(data["statements"]) <= 40
    assert any(statement["reversed"] for statement in data["statements"])
    for statement in data["statements"]:
        assert set(statement["texts"]) == {"nl", "en"}
        assert statement["texts"]["nl"] != statement["texts"]["en"]
        assert list(statement["points_to"]) == [form.value for form in FORM_IDS]
        assert all(-1 <= weight <= 1 for weight in statement["points_to"].values())
    assert data["scale"]["labels"]["3"] == "niet eens, niet oneens"
    assert len(data["dimensions"]) == 8


def test_instrument_as_plain_text_in_english_when_piped():
    result = run("instrument", "--lang", "en")

    assert result.exit_code == 0
    assert result.stdout.startswith(
        "The basic-form scan: grondvorm-scan version 1, 32 statements\n"
    )
    assert "A2 (reversed): Above all, we want work we already do to run better" in result.stdout
    assert "Points to: Functional +1, Transactional +1, Entrepreneurial −1, Learning −1" in (
        result.stdout
    )
    assert "\x1b[" not in result.stdout


def test_instrument_uses_a_rich_table_on_a_terminal(monkeypatch):
    monkeypatch.setattr("grondvorm.cli.scan_cmd.stdout_is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "120")

    result = run("instrument", "--lang", "en")

    assert result.exit_code == 0
    header = next(line for line in result.stdout.splitlines() if "Statement" in line)
    assert [cell.strip() for cell in header.strip("┃ ").split("┃")] == [
        "Id",
        "Statement",
        "F",
        "E",
        "T",
        "L",
    ]
    assert "* reversed · F = Functional, E = Entrepreneurial" in result.stdout
    row = next(line for line in result.stdout.splitlines() if line.startswith("│ A3 "))
    assert [cell.strip() for cell in row.split("│")[3:7]] == ["−.5", "+.5", "−.5", "+1"]


def test_instrument_unknown_language_exits_2():
    result = run("instrument", "--lang", "fr")

    assert result.exit_code == 2
    assert "Onbekende taal 'fr'" in result.stderr


# --- grondvorm score ---------------------------------------------------------------------


def test_score_json_has_now_and_desired_profiles(tmp_path):
    path = response_file(tmp_path / "r.json", pure(FormId.TRANSACTIONAL), pure(FormId.FUNCTIONAL))

    result = run("score", str(path), "--json")

    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"now", "desired"}
    assert data["now"]["form"] == "transactional"
    assert data["desired"]["form"] == "functional"
    assert set(data["now"]) >= {"form", "scores", "axes", "hybrid", "dimensions", "warnings"}
    assert data["now"]["axes"] == {"ambition": -1.0, "relation": -1.0}
    assert data["desired"]["hybrid"] is False


def test_score_text_in_dutch_shows_both_profiles(tmp_path):
    path = response_file(tmp_path / "r.json", pure(FormId.LEARNING), pure(FormId.ENTREPRENEURIAL))

    result = run("score", str(path))

    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Nu: Lerend (98%)  ·  Gewenst: Ondernemend (97%)"
    assert "Zo is het nu" in lines
    assert "Zo zou het moeten zijn" in lines
    assert "  Grondvorm     Lerend (98%)" in lines
    assert any(line.startswith("  Zekerheid     ") for line in lines)


def test_score_reads_standard_input_and_reports_warnings_in_english(tmp_path):
    path = response_file(tmp_path / "r.json", dict.fromkeys(IDS, 5), {})

    result = run("score", "-", "--lang", "en", "--json", input=path.read_text())

    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["now"]["form"] is None
    assert [w["code"] for w in data["now"]["warnings"]] == ["straight_lining", "contradictory"]
    assert data["desired"]["warnings"][0]["message"].startswith("only 0 of the 32 statements")


def test_score_unknown_statement_exits_2_naming_it(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(
        '{"instrument": {"id": "grondvorm-scan", "version": "1"}, "answers": {"R9": {"now": 3}}}'
    )

    result = run("score", str(path))

    assert result.exit_code == 2
    assert result.stderr.strip() == "Fout: stelling R9 bestaat niet in grondvorm-scan versie 1"
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"instrument": {"id": "grondvorm-scan", "version": "1"}, "answers": {"A3": {"now": 9}}}',
            "Error: statement A3 (now): 9 is outside the scale of 1 to 5",
        ),
        (
            '{"instrument": {"id": "grondvorm-scan", "version": "7"}, "answers": {}}',
            "Error: grondvorm-scan version 7 is unknown; this grondvorm knows version 1. "
            "Responses of different versions are never mixed.",
        ),
        (
            '{"answers": {}}',
            'Error: the "instrument" header is missing; expected: '
            '"instrument": {"id": "grondvorm-scan", "version": "1"}',
        ),
        ("{not json", "Error: stdin is not valid JSON: "),
    ],
)
def test_score_bad_input_exits_2_with_a_clear_message(content, message):
    result = run("score", "-", "--lang", "en", input=content)

    assert result.exit_code == 2
    assert result.stderr.startswith(message)


def test_score_missing_file_exits_2(tmp_path):
    result = run("score", str(tmp_path / "nope.json"))

    assert result.exit_code == 2
    assert result.stderr.strip() == f"Fout: bestand {tmp_path / 'nope.json'} bestaat niet"


def test_every_scan_command_has_help_text():
    for command in ("instrument", "score", "scan"):
        result = run(command, "--help")
        assert result.exit_code == 0
        assert "--lang" in result.stdout


# --- grondvorm scan through plain input --------------------------------------------------


def answers_for(values: list[str]) -> str:
    return "".join(f"{value}\n" for value in values)


def test_scan_complete_through_standard_input_prints_the_profile(tmp_path):
    out = tmp_path / "mine.json"
    target = pure(FormId.ENTREPRENEURIAL)
    keys = ["", ""] + [str(target[key]) for key in IDS for _ in (0, 1)]

    result = run("scan", "--out", str(out), input=answers_for(keys))

    assert result.exit_code == 0
    assert f"Je antwoorden worden na elk antwoord bewaard in {out}" in result.stdout
    assert "[32/32] Belangrijkste afspraken" in result.stdout
    assert "Nu: Ondernemend (97%)  ·  Gewenst: Ondernemend (97%)" in result.stdout
    data = json.loads(out.read_text())
    assert data["session"]["complete"] is True
    assert data["respondent"] == {}
    assert parse_response(data).values("now") == target


def test_scan_keys_back_skip_dont_know_and_stop(tmp_path):
    out = tmp_path / "mine.json"
    keys = ["Robin", "Partij A", "4", "5", "2", "b", "1", "?", "x", "s", "0", "3", "q"]

    result = run("scan", "--out", str(out), input=answers_for(keys))

    assert result.exit_code == 0
    assert "Kies 1 t/m 5, 0 of ? (weet niet)" in result.stdout
    assert "[eerder: 2, Enter = houden]" in result.stdout
    assert f"Gestopt. Je antwoorden staan in {out}." in result.stdout
    assert f"Ga verder met: grondvorm scan --resume {out}" in result.stdout
    data = json.loads(out.read_text())
    assert data["instrument"] == {"id": "grondvorm-scan", "version": "1"}
    assert data["respondent"] == {"name": "Robin", "party": "Partij A"}
    assert data["answers"] == {
        "A1": {"now": 4, "desired": 5},
        "A2": {"now": 1, "desired": None},
        "A4": {"now": None, "desired": 3},
    }
    assert data["session"]["position"] == 8
    assert data["session"]["complete"] is False


def test_scan_back_at_the_first_question_stays_there(tmp_path):
    out = tmp_path / "mine.json"

    result = run("scan", "--out", str(out), input=answers_for(["", "", "b", "2", "q"]))

    assert "Dit is de eerste vraag." in result.stdout
    assert json.loads(out.read_text())["answers"] == {"A1": {"now": 2}}


def test_scan_end_of_input_saves_and_says_where(tmp_path):
    out = tmp_path / "mine.json"

    result = run("scan", "--out", str(out), input=answers_for(["", "", "3", "4", "5"]))

    assert result.exit_code == 0
    assert f"Einde van de invoer. Je antwoorden staan in {out}." in result.stderr
    data = json.loads(out.read_text())
    assert data["answers"] == {"A1": {"now": 3, "desired": 4}, "A2": {"now": 5}}
    assert data["session"]["position"] == 3


def test_scan_resume_continues_where_it_stopped(tmp_path):
    out = tmp_path / "mine.json"
    run("scan", "--out", str(out), input=answers_for(["", "", "1", "2", "q"]))
    target = pure(FormId.FUNCTIONAL)
    rest = [str(target[key]) for key in IDS for _ in (0, 1)][2:]

    result = run("scan", "--resume", str(out), "--lang", "en", input=answers_for(rest))

    assert result.exit_code == 0
    assert f"Continuing {out}: 2 of 64 questions answered." in result.stdout
    assert "[1/32]" not in result.stdout
    assert "[2/32] Ambition" in result.stdout
    data = json.loads(out.read_text())
    assert data["answers"]["A1"] == {"now": 1, "desired": 2}
    assert data["session"]["complete"] is True
    assert "Now: Functional" in result.stdout


def test_scan_resume_of_a_complete_scan_just_prints_the_profile(tmp_path):
    out = tmp_path / "mine.json"
    target = pure(FormId.LEARNING)
    run(
        "scan",
        "--out",
        str(out),
        input=answers_for(["", ""] + [str(target[k]) for k in IDS for _ in (0, 1)]),
    )

    result = run("scan", "--resume", str(out))

    assert result.exit_code == 0
    assert "Deze scan is al helemaal ingevuld" in result.stdout
    assert "Nu: Lerend" in result.stdout


def test_scan_refuses_to_overwrite_an_existing_file(tmp_path):
    out = tmp_path / "mine.json"
    out.write_text("{}")

    result = run("scan", "--out", str(out), input="")

    assert result.exit_code == 2
    assert "bestaat al; ga verder met --resume" in result.stderr
    assert out.read_text() == "{}"


def test_scan_resume_of_another_version_exits_2(tmp_path):
    old = tmp_path / "old.json"
    old.write_text('{"instrument": {"id": "grondvorm-scan", "version": "0"}, "answers": {}}')

    result = run("scan", "--resume", str(old), input="")

    assert result.exit_code == 2
    assert "grondvorm-scan versie 0 is onbekend" in result.stderr


def test_scan_default_file_is_timestamped_in_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    result = run("scan", input=answers_for(["", "", "q"]))

    files = list(tmp_path.glob("grondvorm-scan-*.json"))
    assert len(files) == 1
    assert re.fullmatch(r"grondvorm-scan-\d{8}-\d{6}\.json", files[0].name)
    assert f"bewaard in {files[0].name}" in result.stdout


def test_scan_leaves_no_temporary_files(tmp_path):
    out = tmp_path / "mine.json"

    run("scan", "--out", str(out), input=answers_for(["", "", "1", "2", "3", "q"]))

    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.json"]


# --- grondvorm scan in a pseudo-terminal -------------------------------------------------


class Terminal:
    """``grondvorm`` running in a pseudo-terminal, driven like a person at a keyboard."""

    def __init__(self, *args: str, cwd: Path) -> None:
        env = dict(os.environ, COLUMNS="100", LINES="40", GRONDVORM_LANG="nl")
        pid, fd = pty.fork()
        if pid == 0:  # the child: becomes grondvorm
            os.chdir(cwd)
            os.execve(sys.executable, [sys.executable, "-m", "grondvorm", *args], env)
        self.pid, self.fd = pid, fd
        self.output = b""
        self.cursor = 0

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 4096)
        except OSError:  # the child has gone
            return False
        self.output += chunk
        return bool(chunk)

    def expect(self, text: str, timeout: float = 20) -> None:
        """Wait until ``text`` appears after what was matched before."""
        deadline = time.monotonic() + timeout
        needle = text.encode()
        alive = True
        while (index := self.output.find(needle, self.cursor)) < 0:
            if not alive or time.monotonic() > deadline:
                raise AssertionError(f"{text!r} not seen; output so far:\n{self.text()[-2000:]}")
            alive = self._read(0.1)
        self.cursor = index + len(needle)

    def answer(self, key: str) -> None:
        self.expect("b, s, q)")
        self.expect(": ")
        os.write(self.fd, key.encode() + b"\r")

    def interrupt(self) -> None:
        """Press Ctrl-C at the prompt. CPython only notices a SIGINT that arrives while it blocks
        in the read, not one in the instant before it; a person who presses Ctrl-C again then
        gets through, so this does the same if the first one is not answered."""
        for _ in range(3):
            time.sleep(0.5)
            self.send(b"\x03")
            try:
                self.expect("Onderbroken", timeout=5)
            except AssertionError:
                continue
            self.cursor -= len("Onderbroken")
            return
        raise AssertionError(f"Ctrl-C was not answered; output:\n{self.text()[-2000:]}")

    def send(self, raw: bytes) -> None:
        os.write(self.fd, raw)

    def wait(self, timeout: float = 20) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                while self._read(0.05):
                    pass
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
            self._read(0.05)
        os.kill(self.pid, signal.SIGKILL)
        raise AssertionError(f"grondvorm did not stop; output:\n{self.text()[-2000:]}")

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)

    def text(self) -> str:
        return self.output.decode("utf-8", "replace").replace("\r\n", "\n")


def test_scan_in_a_terminal_survives_ctrl_c_and_a_kill_then_resumes_to_the_end(tmp_path):
    target = pure(FormId.TRANSACTIONAL)

    # First session: a few answers, back, skip, don't know, then Ctrl-C.
    first = Terminal("scan", "--out", "scan.json", cwd=tmp_path)
    first.expect("Je naam (mag leeg blijven): ")
    first.send(b"Robin\r")
    first.expect("Je organisatie of partij (mag leeg blijven): ")
    first.send(b"Gemeente Oost\r")
    first.expect("[1/32] Ambitie")
    for key in ("1", "2", "4", "b", str(target["A2"]), "?", "s", str(target["A4"])):
        first.answer(key)
    first.expect("Zo zou het moeten zijn (")
    first.interrupt()
    first.expect("Onderbroken. Je antwoorden staan in scan.json.")
    first.expect("Ga verder met: grondvorm scan --resume scan.json")
    assert first.wait() == 130

    saved = json.loads((tmp_path / "scan.json").read_text())
    assert saved["respondent"] == {"name": "Robin", "party": "Gemeente Oost"}
    assert saved["answers"] == {
        "A1": {"now": 1, "desired": 2},
        "A2": {"now": target["A2"], "desired": None},
        "A4": {"now": target["A4"]},
    }
    assert saved["session"]["position"] == 7
    assert saved["session"]["complete"] is False

    # Second session: resume, two answers, then the process is killed outright.
    second = Terminal("scan", "--resume", "scan.json", cwd=tmp_path)
    second.expect("Verder met scan.json: 5 van 64 vragen beantwoord.")
    second.expect("[4/32] Ambitie")
    second.answer(str(target["A4"]))
    second.answer(str(target["R1"]))
    second.expect("Zo zou het moeten zijn (")
    time.sleep(0.2)
    second.kill()

    saved = json.loads((tmp_path / "scan.json").read_text())
    assert saved["answers"]["A4"] == {"now": target["A4"], "desired": target["A4"]}
    assert saved["answers"]["R1"] == {"now": target["R1"]}
    assert saved["session"]["position"] == 9
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scan.json"]

    # Third session: resume and answer everything that is left.
    third = Terminal("scan", "--resume", "scan.json", cwd=tmp_path)
    third.expect("Verder met scan.json: 7 van 64 vragen beantwoord.")
    for step in range(9, 64):
        third.answer(str(target[IDS[step // 2]]))
    third.expect("Klaar. Je antwoorden staan in scan.json.")
    third.expect("Nu: Transactioneel")
    assert third.wait() == 0

    final = json.loads((tmp_path / "scan.json").read_text())
    assert final["session"]["complete"] is True
    assert final["session"]["position"] == 64
    response = parse_response(final)
    expected_now = {**target, "A1": 1}
    expected_desired = {**target, "A1": 2, "A2": None}
    del expected_now["A3"], expected_desired["A3"]
    assert response.values("now") == expected_now
    assert response.values("desired") == expected_desired
    assert "A3" not in final["answers"]  # skipped, not "don't know"

    scored = subprocess.run(
        [sys.executable, "-m", "grondvorm", "score", "scan.json", "--json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(scored.stdout)["desired"]["form"] == "transactional"
