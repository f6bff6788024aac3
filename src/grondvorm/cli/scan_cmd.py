"""``grondvorm instrument``, ``grondvorm score`` and ``grondvorm scan``: the scan on the command line."""

from __future__ import annotations

import json
import sys
import textwrap
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
from grondvorm.forms import AXIS_IDS, FORM_IDS, FormId, load_catalogue
from grondvorm.language import Language, resolve_language
from grondvorm.scan import (
    Instrument,
    Profile,
    ResponseError,
    ResponseScore,
    load_instrument,
    parse_response,
    score_response,
)
from grondvorm.texts import load_messages

WIDTH = 88
BAR = 20


def scan_text(key: str, language: str | None = None, **values: object) -> str:
    """A text from ``cli/messages_scan.toml``."""
    messages = load_messages("grondvorm.cli", "messages_scan.toml")
    return messages.get(key, language or resolve_language(), **values)


# --- grondvorm instrument ----------------------------------------------------------------


def _weight(value: float) -> str:
    sign = "+" if value > 0 else "−"
    return f"{sign}{abs(value):g}"


def points_to_text(weights: dict[FormId, float], language: Language) -> str:
    """``Ondernemend +1, Lerend +1, Functioneel −1`` (strongest first, zero weights left out)."""
    names = load_catalogue(language).forms
    ordered = sorted((form for form in FORM_IDS if weights[form]), key=lambda f: -weights[f])
    return ", ".join(f"{names[form].name} {_weight(weights[form])}" for form in ordered)


def instrument_plain(instrument: Instrument, language: Language) -> str:
    """The instrument as plain text, grouped by dimension."""
    lines = [_heading(instrument, language), ""]
    lines += [*textwrap.wrap(instrument.introductions[language], WIDTH), ""]
    lines.append(scan_text("scale_heading", language) + ":")
    labels = instrument.scale_labels(language)
    lines += [f"  {value} = {label}" for value, label in labels.items()]
    lines += [f"  0/? = {instrument.dont_know_label(language)}", ""]
    for dimension in instrument.dimensions.values():
        poles = f"{dimension.low_poles[language]} ↔ {dimension.high_poles[language]}"
        lines.append(f"{dimension.names[language]} ({poles})")
        for statement in instrument.statements:
            if statement.dimension != dimension.id:
                continue
            mark = f" ({scan_text('reversed_mark', language)})" if statement.reversed else ""
            lines += textwrap.wrap(
                f"{statement.id}{mark}: {statement.texts[language]}",
                WIDTH,
                initial_indent="  ",
                subsequent_indent="      ",
            )
            lines.append(
                f"      {scan_text('column_points_to', language)}: "
                + points_to_text(statement.points_to, language)
            )
        lines.append("")
    return "\n".join(lines)


def _heading(instrument: Instrument, language: Language) -> str:
    return scan_text(
        "instrument_heading",
        language,
        title=instrument.titles[language],
        id=instrument.id,
        version=instrument.version,
        count=len(instrument.statements),
    )


def print_instrument_rich(instrument: Instrument, language: Language) -> None:
    """A table per dimension: id (``*`` = reversed), statement, and a weight column per form."""
    from rich.console import Console
    from rich.table import Table

    names = load_catalogue(language).forms
    initials = {form: names[form].name[0] for form in FORM_IDS}
    legend = ", ".join(f"{initials[form]} = {names[form].name}" for form in FORM_IDS)
    table = Table(
        title=_heading(instrument, language),
        caption=f"* {scan_text('reversed_mark', language)} · {legend}",
        expand=True,
    )
    table.add_column(scan_text("column_id", language), no_wrap=True)
    table.add_column(scan_text("column_statement", language), ratio=1)
    for form in FORM_IDS:
        table.add_column(initials[form], justify="right", no_wrap=True)
    for dimension in instrument.dimensions.values():
        poles = f"{dimension.low_poles[language]} ↔ {dimension.high_poles[language]}"
        table.add_row("", f"[bold]{dimension.names[language]}[/bold] ({poles})", end_section=False)
        for statement in instrument.statements:
            if statement.dimension == dimension.id:
                weights = [_short_weight(statement.points_to[form]) for form in FORM_IDS]
                mark = "*" if statement.reversed else ""
                table.add_row(statement.id + mark, statement.texts[language], *weights)
        table.add_section()
    console = Console()
    console.print(instrument.introductions[language], highlight=False)
    labels = instrument.scale_labels(language)
    scale = " · ".join(f"{value} = {label}" for value, label in labels.items())
    console.print(
        f"{scan_text('scale_heading', language)}: {scale} · 0/? = "
        f"{instrument.dont_know_label(language)}",
        highlight=False,
    )
    console.print(table)


def _short_weight(value: float) -> str:
    if value == 0:
        return ""
    return _weight(value).replace("0.5", ".5")


def instrument_command(
    lang: Optional[str] = lang_option(),  # noqa: UP045
    as_json: bool = typer.Option(False, "--json", help=scan_text("json_instrument_help")),
) -> None:
    language = choose_language(lang)
    instrument = load_instrument()
    if as_json:
        print_json(instrument.to_dict(language))
    elif stdout_is_terminal():
        print_instrument_rich(instrument, language)
    else:
        typer.echo(instrument_plain(instrument, language))


# --- profiles as text --------------------------------------------------------------------


def scale_bar(value: float, width: int = 21) -> str:
    """A line from -1 to +1 with a dot at ``value``: ``├─────────┼──●──────┤``."""
    cells = ["─"] * width
    cells[width // 2] = "┼"
    cells[round((max(-1.0, min(1.0, value)) + 1) / 2 * (width - 1))] = "●"
    return "├" + "".join(cells) + "┤"


def form_label(profile: Profile, language: Language) -> str:
    names = load_catalogue(language).forms
    first, second = profile.ranking[:2]
    if profile.form is None:
        label = scan_text("no_form", language)
    else:
        label = f"{names[profile.form].name} ({profile.scores[profile.form]:.0%})"
    if profile.hybrid:
        label += "; " + scan_text(
            "hybrid_of", language, first=names[first].name, second=names[second].name
        )
    return label


def profile_text(profile: Profile, heading: str, language: Language, instrument: Instrument) -> str:
    """One profile as readable text (used by ``score`` and at the end of ``scan``)."""
    names = load_catalogue(language).forms
    axes = load_catalogue(language).axes
    pad = 14
    lines = [
        heading,
        f"  {scan_text('label_form', language):<{pad}}{form_label(profile, language)}",
    ]
    for index, form in enumerate(profile.ranking):
        label = scan_text("label_scores", language) if index == 0 else ""
        filled = round(profile.scores[form] * BAR)
        bar = "█" * filled + "░" * (BAR - filled)
        lines.append(f"  {label:<{pad}}{names[form].name:<16}{bar} {profile.scores[form]:>4.0%}")
    rows: list[tuple[str, str, str, float]] = []
    for axis_id in AXIS_IDS:
        axis = axes[axis_id]
        rows.append((axis.name, axis.low_pole, axis.high_pole, profile.axes[axis_id]))
    lines += _scale_rows(scan_text("label_axes", language), rows, pad)
    dimensions = [d for d in instrument.dimensions.values() if d.axis is None]
    name_width = max(len(d.names[language]) for d in dimensions)
    for index, dimension in enumerate(dimensions):
        label = scan_text("label_dimensions", language) if index == 0 else ""
        value = profile.dimensions[dimension.id]
        lines.append(
            f"  {label:<{pad}}{dimension.names[language]:<{name_width}}  "
            f"{scale_bar(value, 15)} {value:+.2f}"
        )
        poles = f"{dimension.low_poles[language]} ↔ {dimension.high_poles[language]}"
        lines.append(" " * (pad + 4) + f"({poles})")
    answered = scan_text(
        "answered", language, answered=profile.answered, total=len(instrument.statements)
    )
    lines.append(
        f"  {scan_text('label_confidence', language):<{pad}}{profile.confidence:.0%} ({answered})"
    )
    for index, warning in enumerate(profile.warnings):
        label = scan_text("label_warnings", language) if index == 0 else ""
        wrapped = textwrap.wrap(warning.message(language), WIDTH - pad - 4)
        lines.append(f"  {label:<{pad}}- {wrapped[0]}")
        lines += [" " * (pad + 4) + rest for rest in wrapped[1:]]
    return "\n".join(lines)


def _scale_rows(label: str, rows: list[tuple[str, str, str, float]], pad: int) -> list[str]:
    name_width = max(len(row[0]) for row in rows)
    low_width = max(len(row[1]) for row in rows)
    lines = []
    for index, (name, low, high, value) in enumerate(rows):
        first = label if index == 0 else ""
        lines.append(
            f"  {first:<{pad}}{name:<{name_width}}  {low:>{low_width}} {scale_bar(value, 15)} "
            f"{high}  ({value:+.2f})"
        )
    return lines


def score_text(score: ResponseScore, language: Language, instrument: Instrument) -> str:
    """Both profiles, with a one-line summary on top."""
    summary = scan_text(
        "summary",
        language,
        now=form_label(score.now, language),
        desired=form_label(score.desired, language),
    )
    parts = [summary, ""]
    for perspective, profile in (("now", score.now), ("desired", score.desired)):
        heading = instrument.perspective_label(perspective, language)
        parts += [profile_text(profile, heading, language, instrument), ""]
    return "\n".join(parts)


# --- grondvorm score ---------------------------------------------------------------------


def read_json(source: str, language: Language) -> Any:
    """Parse JSON from a file, or from standard input for ``-``; exit 2 when that fails."""
    if source == "-":
        name, raw = "stdin", sys.stdin.read()
    else:
        path = Path(source)
        if not path.is_file():
            fail(scan_text("file_not_found", language, path=source), language)
        try:
            name, raw = source, path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            fail(scan_text("unreadable", language, path=source, reason=error), language)
    try:
        return json.loads(raw)
    except json.JSONDecodeError as error:
        fail(scan_text("not_json", language, path=name, reason=error), language)


def score_command(
    response_file: str = typer.Argument(
        ..., metavar="RESPONSE.json", help=scan_text("response_argument_help")
    ),
    lang: Optional[str] = lang_option(),  # noqa: UP045
    as_json: bool = typer.Option(False, "--json", help=scan_text("json_score_help")),
) -> None:
    language = choose_language(lang)
    data = read_json(response_file, language)
    try:
        score = score_response(parse_response(data))
    except ResponseError as error:
        fail(error.message(language), language)
    if as_json:
        print_json(score.to_dict(language))
    else:
        typer.echo(score_text(score, language, load_instrument()), nl=False)


# --- grondvorm scan ----------------------------------------------------------------------


def scan_command(
    lang: Optional[str] = lang_option(),  # noqa: UP045
    out: Optional[str] = typer.Option(None, "--out", "-o", help=scan_text("out_help")),  # noqa: UP045
    resume: Optional[str] = typer.Option(None, "--resume", "-r", help=scan_text("resume_help")),  # noqa: UP045
) -> None:
    from grondvorm.cli import scan_session

    language = choose_language(lang)
    instrument = load_instrument()
    outcome = scan_session.run(
        language=language,
        out=Path(out) if out else None,
        resume=Path(resume) if resume else None,
        instrument=instrument,
    )
    if outcome.status != "complete":
        raise typer.Exit(outcome.exit_code)
    score = score_response(parse_response(outcome.data, instrument), instrument)
    typer.echo("")
    typer.echo(score_text(score, language, instrument), nl=False)


def register(app: typer.Typer) -> None:
    """Add ``instrument``, ``score`` and ``scan`` to the root app."""
    app.command("instrument", help=scan_text("instrument_help"))(instrument_command)
    app.command("score", help=scan_text("score_help"))(score_command)
    app.command("scan", help=scan_text("scan_help"))(scan_command)
