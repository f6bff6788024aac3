"""``grondvorm recognise`` and ``grondvorm evaluate``: the recogniser on the command line.

Single text: ``recognise "TEXT"``, ``--file PATH`` or ``-`` for standard input; rich output on a
terminal, plain text when piped, ``--json`` for one JSON object. Bulk: ``--jsonl IN.jsonl``
writes JSON Lines, ``--csv IN.csv --text-column NAME`` writes CSV, both on standard output,
with a progress bar on standard error when that is a terminal. A bad record is reported on
standard error with its line number, written with an ``error`` field, and makes the exit
status 1 at the end; usage errors (no input, a missing file) exit with status 2.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Optional

import typer

from grondvorm.cli.common import (
    choose_language,
    fail,
    lang_option,
    print_json,
    stdout_is_terminal,
)
from grondvorm.language import Language, resolve_language
from grondvorm.texts import load_messages


def text(key: str, language: str | None = None, **values: object) -> str:
    """A text from ``cli/messages_recognise.toml``."""
    messages = load_messages("grondvorm.cli", "messages_recognise.toml")
    return messages.get(key, language or resolve_language(), **values)


def _read_text(path: Path, language: Language) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        fail(text("no_such_file", language, path=path), language)


def _progress(items: list, language: Language) -> Iterator:
    """``items``, with a progress bar on standard error when that is a terminal."""
    if not sys.stderr.isatty() or len(items) < 2:
        yield from items
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(text("progress", language), total=len(items))
        for item in items:
            yield item
            progress.advance(task)


def _report(line: int, error: Exception, language: Language) -> str:
    from grondvorm.recognition.bulk import RecordError

    values = error.values if isinstance(error, RecordError) else {}
    code = error.code if isinstance(error, RecordError) else "not_object"
    problem = text(code, language, **values)
    typer.echo(text("bad_line", language, line=line, problem=problem), err=True)
    return problem


def _finish(failed: int, total: int, language: Language) -> None:
    if failed:
        typer.echo(text("failed_lines", language, count=failed, total=total), err=True)
        raise typer.Exit(1)


def _run_jsonl(path: Path, language: Language) -> None:
    from grondvorm.recognition.bulk import RecordError, annotate, parse_json_line

    lines = [(n, line) for n, line in enumerate(_read_text(path, language).splitlines(), 1)]
    lines = [(n, line) for n, line in lines if line.strip()]
    failed = 0
    for number, line in _progress(lines, language):
        record: dict[str, Any] = {}
        try:
            record = parse_json_line(line)
            output = annotate(record, language)
        except RecordError as error:
            failed += 1
            output = {**record, "line": number, "error": _report(number, error, language)}
        sys.stdout.write(json.dumps(output, ensure_ascii=False) + "\n")
    _finish(failed, len(lines), language)


def _run_csv(path: Path, column: str, language: Language) -> None:
    from grondvorm.recognition import recognise
    from grondvorm.recognition.bulk import CSV_COLUMNS, RecordError, csv_fields, record_text

    reader = csv.DictReader(_read_text(path, language).splitlines(keepends=True))
    columns = list(reader.fieldnames or [])
    if column not in columns:
        fail(text("no_text_column", language, column=column, path=path, columns=columns), language)
    writer = csv.DictWriter(
        sys.stdout, fieldnames=columns + [c for c in CSV_COLUMNS if c not in columns]
    )
    writer.writeheader()
    rows = list(reader)
    failed = 0
    for index, row in enumerate(_progress(rows, language)):
        try:
            result = recognise(record_text(row, column), row.get("lang") or None)
            writer.writerow({**row, **csv_fields(result, language)})
        except RecordError as error:
            failed += 1
            writer.writerow({**row, "error": _report(index + 2, error, language)})
    _finish(failed, len(rows), language)


def _render_plain(data: dict[str, Any], language: Language) -> str:
    from grondvorm.recognition.result import form_name

    lines = [f"{text('form_label', language)}: {_form_text(data, language, form_name)}"]
    if data["reason"]:
        lines.append(f"{text('reason_label', language)}: {data['reason_text']}")
    lines.append(f"{text('confidence_label', language)}: {data['confidence']:.2f}")
    lines.append(f"{text('language_label', language)}: {data['language'] or '-'}")
    lines.append(f"{text('scores_label', language)}:")
    for form, p in sorted(data["scores"].items(), key=lambda item: -item[1]):
        lines.append(f"  {form_name(form, language):<16} {p:5.2f}  {'#' * round(p * 30)}")
    lines.append(f"{text('axes_label', language)}:")
    for axis, value in data["axes"].items():
        lines.append(f"  {_axis_line(axis, value, language)}")
    lines.append(f"{text('evidence_label', language)}:")
    for item in data["evidence"] or [{"label": text("no_evidence", language), "weight": 0}]:
        lines.append(f"  {item['weight']:+5.2f}  {item['label']}")
    return "\n".join(lines) + "\n"


def _form_text(data: dict[str, Any], language: Language, form_name: Callable) -> str:
    if data["form"] is None:
        return text("no_form", language)
    name = form_name(data["form"], language)
    if data["hybrid"]:
        first, second = sorted(data["scores"], key=lambda f: -data["scores"][f])[:2]
        note = text(
            "hybrid_note",
            language,
            first=form_name(first, language),
            second=form_name(second, language),
        )
        return f"{name} ({note})"
    return name


def _axis_line(axis: str, value: float, language: Language) -> str:
    from grondvorm.forms import load_catalogue

    info = load_catalogue(language).axis(axis)
    width = 21
    position = round((value + 1) / 2 * (width - 1))
    bar = "".join("●" if i == position else "─" for i in range(width))
    return f"{info.name:<10} {info.low_pole:>12} {bar} {info.high_pole:<12} {value:+.2f}"


def _render_rich(data: dict[str, Any], language: Language) -> None:
    from rich.console import Console
    from rich.table import Table

    from grondvorm.recognition.result import form_name

    console = Console()
    console.print(
        f"[bold]{text('form_label', language)}:[/] {_form_text(data, language, form_name)}"
    )
    if data["reason"]:
        console.print(f"[yellow]{data['reason_text']}[/]")
    console.print(f"{text('confidence_label', language)}: {data['confidence']:.2f}")
    scores = Table(title=text("scores_label", language), show_header=False, box=None)
    for form, p in sorted(data["scores"].items(), key=lambda item: -item[1]):
        scores.add_row(form_name(form, language), f"{p:.2f}", f"[cyan]{'█' * round(p * 30)}[/]")
    console.print(scores)
    console.print(f"[bold]{text('axes_label', language)}[/]")
    for axis, value in data["axes"].items():
        console.print("  " + _axis_line(axis, value, language), highlight=False)
    console.print(f"[bold]{text('evidence_label', language)}[/]")
    for item in data["evidence"] or [{"label": text("no_evidence", language), "weight": 0}]:
        colour = "green" if item["weight"] >= 0 else "red"
        console.print(f"  [{colour}]{item['weight']:+5.2f}[/] {item['label']}", highlight=False)


def recognise_command(
    description: Optional[str] = typer.Argument(  # noqa: UP045
        None, metavar="TEXT", help=text("text_argument_help"), show_default=False
    ),
    file: Optional[str] = typer.Option(None, "--file", help=text("file_help")),  # noqa: UP045
    jsonl: Optional[str] = typer.Option(None, "--jsonl", help=text("jsonl_help")),  # noqa: UP045
    csv_path: Optional[str] = typer.Option(None, "--csv", help=text("csv_help")),  # noqa: UP045
    text_column: str = typer.Option("text", "--text-column", help=text("text_column_help")),
    lang: Optional[str] = lang_option(),  # noqa: UP045
    as_json: bool = typer.Option(False, "--json", help=text("recognise_json_help")),
) -> None:
    language = choose_language(lang)
    given = [item for item in (description, file, jsonl, csv_path) if item is not None]
    if len(given) != 1:
        fail(text("choose_one_input", language), language)
    if jsonl is not None:
        _run_jsonl(Path(jsonl), language)
        return
    if csv_path is not None:
        _run_csv(Path(csv_path), text_column, language)
        return
    if file is not None:
        description = _read_text(Path(file), language)
    elif description == "-":
        description = sys.stdin.read()
    from grondvorm.recognition import recognise

    data = recognise(description or "").to_dict(language)
    if as_json:
        print_json(data)
    elif stdout_is_terminal():
        _render_rich(data, language)
    else:
        typer.echo(_render_plain(data, language), nl=False)


def evaluate_command(
    jsonl: str = typer.Option(..., "--jsonl", help=text("evaluate_jsonl_help")),
    lang: Optional[str] = lang_option(),  # noqa: UP045
    as_json: bool = typer.Option(False, "--json", help=text("evaluate_json_help")),
) -> None:
    from grondvorm.forms import UnknownFormError, parse_form_id
    from grondvorm.recognition import evaluate
    from grondvorm.recognition.bulk import RecordError, parse_json_line, record_text

    language = choose_language(lang)
    path = Path(jsonl)
    lines = [(n, line) for n, line in enumerate(_read_text(path, language).splitlines(), 1)]
    lines = [(n, line) for n, line in lines if line.strip()]
    items, failed = [], 0
    for number, line in lines:
        try:
            record = parse_json_line(line)
            record_text(record)
            parse_form_id(str(record.get("form", "")))
            items.append(record)
        except RecordError as error:
            failed += 1
            _report(number, error, language)
        except UnknownFormError:
            failed += 1
            form = record.get("form")
            typer.echo(
                text(
                    "bad_line", language, line=number, problem=text("bad_form", language, form=form)
                ),
                err=True,
            )
    if not items:
        fail(text("no_labelled", language, path=path), language, status=1)
    figures = evaluate(list(_progress(items, language))).to_dict()
    if as_json:
        print_json(figures)
    else:
        typer.echo(_render_evaluation(figures, language), nl=False)
    _finish(failed, len(lines), language)


def _render_evaluation(figures: dict[str, Any], language: Language) -> str:
    from grondvorm.recognition.result import form_name

    def summary(data: dict[str, Any], indent: str = "") -> list[str]:
        return [
            f"{indent}{text('count_label', language)}: {data['count']}",
            f"{indent}{text('accuracy_label', language)}: {data['accuracy']:.3f}",
            f"{indent}{text('macro_f1_label', language)}: {data['macro_f1']:.3f}",
            f"{indent}{text('abstentions_label', language)}: {data['abstentions']}",
        ]

    lines = summary(figures)
    lines.append(f"\n{text('per_form_label', language)}:")
    head = [
        text(k, language) for k in ("precision_label", "recall_label", "f1_label", "support_label")
    ]
    lines.append(f"  {'':<16}" + "".join(f"{h:>11}" for h in head))
    for form, f in figures["per_form"].items():
        values = f"{f['precision']:>11.3f}{f['recall']:>11.3f}{f['f1']:>11.3f}{f['support']:>11}"
        lines.append(f"  {form_name(form, language):<16}{values}")
    lines.append(f"\n{text('per_language_label', language)}:")
    for code, data in figures["per_language"].items():
        lines.append(f"  {code}:")
        lines += summary(data, indent="    ")
    lines.append(f"\n{text('confusion_label', language)}:")
    columns = [*figures["per_form"], "none"]
    names = [
        form_name(c, language)[:13] if c != "none" else text("none_column", language)
        for c in columns
    ]
    lines.append(f"  {'':<16}" + "".join(f"{n:>14}" for n in names))
    for form, row in figures["confusion"].items():
        lines.append(
            f"  {form_name(form, language):<16}" + "".join(f"{row[c]:>14}" for c in columns)
        )
    return "\n".join(lines) + "\n"


def register(app: typer.Typer) -> None:
    """Add ``recognise`` and ``evaluate`` to the root app."""
    app.command("recognise", help=text("recognise_help"))(recognise_command)
    app.command("evaluate", help=text("evaluate_help"))(evaluate_command)
