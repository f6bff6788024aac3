"""The interactive scan in the terminal: one statement at a time, "now" then "desired".

Works with plain ``input()``, so it can be driven through a pipe or a pseudo-terminal. After every
step the response is written to its file atomically (temporary file + ``os.replace``), so Ctrl-C,
a closed terminal or a crash loses nothing; ``--resume FILE`` continues where it stopped.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from grondvorm.cli.common import fail
from grondvorm.cli.scan_cmd import read_json, scan_text
from grondvorm.language import Language
from grondvorm.scan import Instrument, ResponseError, parse_response
from grondvorm.scan.errors import PERSPECTIVES

DONT_KNOW_KEYS = ("0", "?")
EXIT_INTERRUPTED = 130


@dataclass
class Outcome:
    """How the session ended: ``complete``, ``stopped`` (q), ``eof`` or ``interrupted``."""

    status: str
    path: Path
    data: dict[str, Any]

    @property
    def exit_code(self) -> int:
        return EXIT_INTERRUPTED if self.status == "interrupted" else 0


@dataclass
class ScanState:
    """The response being filled in, and the step (statement × perspective) to ask next."""

    instrument: Instrument
    path: Path
    respondent: dict[str, Any] = field(default_factory=dict)
    answers: dict[str, dict[str, int | None]] = field(default_factory=dict)
    position: int = 0
    started_at: str = ""
    language: str = "nl"

    @property
    def steps(self) -> int:
        return 2 * len(self.instrument.statements)

    @property
    def complete(self) -> bool:
        return self.position >= self.steps

    def step(self, position: int | None = None) -> tuple[str, str]:
        """(statement id, perspective) of a step."""
        index = self.position if position is None else position
        statement = self.instrument.statements[index // 2]
        return statement.id, PERSPECTIVES[index % 2]

    def current(self) -> tuple[bool, int | None]:
        """Whether the current question has an answer, and which (``None`` = don't know)."""
        statement_id, perspective = self.step()
        answer = self.answers.get(statement_id, {})
        return perspective in answer, answer.get(perspective)

    def answered_steps(self) -> int:
        return sum(len(answer) for answer in self.answers.values())

    def set(self, value: int | None) -> None:
        statement_id, perspective = self.step()
        self.answers.setdefault(statement_id, {})[perspective] = value

    def clear(self, perspectives: tuple[str, ...]) -> None:
        statement_id, _ = self.step()
        answer = self.answers.get(statement_id, {})
        for perspective in perspectives:
            answer.pop(perspective, None)
        if not answer:
            self.answers.pop(statement_id, None)

    def to_dict(self) -> dict[str, Any]:
        """The response file: the format ``grondvorm score`` reads."""
        order = self.instrument.statement_ids
        return {
            "instrument": {"id": self.instrument.id, "version": self.instrument.version},
            "respondent": dict(self.respondent),
            "answers": {
                key: {p: self.answers[key][p] for p in PERSPECTIVES if p in self.answers[key]}
                for key in order
                if key in self.answers
            },
            "session": {
                "position": self.position,
                "complete": self.complete,
                "language": self.language,
                "started_at": self.started_at,
                "saved_at": _now(),
            },
        }

    def save(self) -> None:
        write_atomically(self.path, json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n")


def _wrap(text: str, indent: str = "") -> str:
    width = min(shutil.get_terminal_size((88, 24)).columns, 88) - 1
    return textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent)


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file next to ``path``, then move it into place."""
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", text=True
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def default_path() -> Path:
    """``grondvorm-scan-YYYYMMDD-HHMMSS.json`` in the current folder, never an existing file."""
    stem = f"grondvorm-scan-{datetime.now():%Y%m%d-%H%M%S}"
    path, number = Path(f"{stem}.json"), 2
    while path.exists():
        path, number = Path(f"{stem}-{number}.json"), number + 1
    return path


def load_state(path: Path, instrument: Instrument, language: Language) -> ScanState:
    """Read a saved scan; exit 2 when the file is missing, broken or of another version."""
    data = read_json(str(path), language)
    try:
        parse_response(data, instrument)
    except ResponseError as error:
        fail(error.message(language), language)
    session = data.get("session", {})
    state = ScanState(
        instrument=instrument,
        path=path,
        respondent=dict(data.get("respondent", {})),
        answers={key: dict(value) for key, value in data["answers"].items()},
        started_at=str(session.get("started_at") or _now()),
        language=language,
    )
    position = session.get("position")
    if isinstance(position, int) and not isinstance(position, bool) and position >= 0:
        state.position = min(position, state.steps)
    else:
        state.position = next((i for i in range(state.steps) if not _has(state, i)), state.steps)
    return state


def _has(state: ScanState, position: int) -> bool:
    statement_id, perspective = state.step(position)
    return perspective in state.answers.get(statement_id, {})


class Session:
    """Asks the questions and keeps the state saved."""

    def __init__(self, state: ScanState, language: Language) -> None:
        self.state = state
        self.language = language

    def text(self, key: str, **values: object) -> str:
        return scan_text(key, self.language, **values)

    def say(self, line: str = "") -> None:
        print(line, flush=True)

    def legend(self) -> str:
        instrument = self.state.instrument
        labels = instrument.scale_labels(self.language)
        scale = ", ".join(f"{value} = {label}" for value, label in labels.items())
        return self.text("legend", scale=scale, dont_know=instrument.dont_know_label(self.language))

    def show_statement(self) -> None:
        instrument = self.state.instrument
        statement = instrument.statements[self.state.position // 2]
        dimension = instrument.dimensions[statement.dimension]
        self.say()
        self.say(
            self.text(
                "statement_heading",
                number=self.state.position // 2 + 1,
                total=len(instrument.statements),
                dimension=dimension.names[self.language],
            )
        )
        self.say(_wrap(statement.texts[self.language], "  "))

    def prompt(self) -> str:
        _, perspective = self.state.step()
        has, value = self.state.current()
        current = ""
        if has:
            shown = self.text("dont_know_short") if value is None else str(value)
            current = self.text("current_answer", value=shown)
        label = self.state.instrument.perspective_label(perspective, self.language)
        return self.text("prompt", perspective=label, current=current)

    def ask(self) -> str:
        """Ask the current question, update the state and save it; returns ``stop`` for q.
        Lets EOFError and KeyboardInterrupt through."""
        state = self.state
        key = input(self.prompt()).strip().lower()
        _, perspective = state.step()
        if key == "q":
            return "stop"
        if key in ("1", "2", "3", "4", "5") or key in DONT_KNOW_KEYS:
            state.set(None if key in DONT_KNOW_KEYS else int(key))
            state.position += 1
        elif key == "" and state.current()[0]:
            state.position += 1
        elif key == "b" and state.position == 0:
            self.say(self.text("at_start"))
        elif key == "b":
            state.position -= 1
        elif key == "s" and perspective == "now":
            state.clear(PERSPECTIVES)
            state.position += 2
        elif key == "s":
            state.clear(("desired",))
            state.position += 1
        else:
            self.say(self.text("invalid_key"))
            return "again"
        state.save()
        return "next"

    def ask_respondent(self) -> None:
        """Optional name and party of a new respondent."""
        for key, prompt in (("name", "name_prompt"), ("party", "party_prompt")):
            value = input(self.text(prompt)).strip()
            if value:
                self.state.respondent[key] = value

    def run(self) -> str:
        """Ask until every question is done (``complete``) or the respondent stops (``stopped``)."""
        shown = None
        while not self.state.complete:
            index = self.state.position // 2
            if index != shown:
                self.show_statement()
                shown = index
            if self.ask() == "stop":
                return "stopped"
        return "complete"


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: nothing to guard
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _finish(session: Session, status: str, key: str, err: bool = False) -> Outcome:
    state = session.state
    state.save()
    stream = sys.stderr if err else sys.stdout
    print(file=stream)
    print(session.text(key, path=state.path), file=stream)
    if status != "complete":
        print(session.text("resume_hint", path=state.path), file=stream)
    stream.flush()
    return Outcome(status, state.path, state.to_dict())


def start(
    *, language: Language, out: Path | None, resume: Path | None, instrument: Instrument
) -> tuple[ScanState, bool]:
    """The state to continue (``--resume``) or a fresh one; ``True`` when it is fresh."""
    if resume is not None:
        state = load_state(resume, instrument, language)
        if out is not None:
            state.path = out
        return state, False
    path = out or default_path()
    if path.exists():
        fail(scan_text("file_exists", language, path=path), language)
    return ScanState(instrument=instrument, path=path, started_at=_now(), language=language), True


def run(
    *, language: Language, out: Path | None, resume: Path | None, instrument: Instrument
) -> Outcome:
    """Run the scan; the CLI prints the profile when the outcome is ``complete``."""
    state, fresh = start(language=language, out=out, resume=resume, instrument=instrument)
    session = Session(state, language)
    if state.complete:
        session.say(session.text("already_complete", path=state.path))
        return Outcome("complete", state.path, state.to_dict())
    try:
        if fresh:
            session.say(instrument.titles[language])
            session.say(_wrap(instrument.introductions[language]))
            session.say()
            session.say(session.text("saving_to", path=state.path))
            state.save()
            session.ask_respondent()
            state.save()
        else:
            done = state.answered_steps()
            session.say(session.text("resuming", path=state.path, done=done, total=state.steps))
        session.say()
        session.say(_wrap(session.legend()))
        status = session.run()
    except KeyboardInterrupt:
        with _sigint_ignored():  # a second Ctrl-C must not cut the final save short
            return _finish(session, "interrupted", "interrupted", err=True)
    except EOFError:
        return _finish(session, "eof", "end_of_input", err=True)
    except OSError as error:
        fail(session.text("cannot_save", path=state.path, reason=error), language)
    return _finish(session, status, "complete" if status == "complete" else "stopped")
