"""Render the forms catalogue for the terminal: plain text (piped) or rich (interactive)."""

from __future__ import annotations

import textwrap

from grondvorm.cli.common import cli_text
from grondvorm.forms import AxisId, Form, FormsCatalogue
from grondvorm.forms.model import LIST_FIELDS, TEXT_FIELDS

WIDTH = 88
DESCRIPTIVE_FIELDS = tuple(field for field in TEXT_FIELDS if field != "name")


def quadrant_lines(catalogue: FormsCatalogue) -> list[str]:
    """The 2×2 as text: renew above improve, exchange left of share."""
    ambition = catalogue.axis(AxisId.AMBITION)
    relation = catalogue.axis(AxisId.RELATION)
    cell = 24
    label = max(len(ambition.high_pole), len(ambition.low_pole)) + 2
    top = catalogue.quadrant_form(+1, -1).name, catalogue.quadrant_form(+1, +1).name
    bottom = catalogue.quadrant_form(-1, -1).name, catalogue.quadrant_form(-1, +1).name
    rule = " " * label + "+" + "-" * cell + "+" + "-" * cell + "+"
    head = (
        " " * label + " " + relation.low_pole.center(cell) + " " + relation.high_pole.center(cell)
    )
    return [
        head,
        rule,
        ambition.high_pole.ljust(label)
        + "|"
        + top[0].center(cell)
        + "|"
        + top[1].center(cell)
        + "|",
        rule,
        ambition.low_pole.ljust(label)
        + "|"
        + bottom[0].center(cell)
        + "|"
        + bottom[1].center(cell)
        + "|",
        rule,
    ]


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent)


def _bullets(items: tuple[str, ...]) -> list[str]:
    return [
        textwrap.fill(item, WIDTH, initial_indent="  - ", subsequent_indent="    ")
        for item in items
    ]


def quadrant_name(catalogue: FormsCatalogue, form: Form) -> str:
    ambition = catalogue.axis(AxisId.AMBITION)
    relation = catalogue.axis(AxisId.RELATION)
    ambition_pole = ambition.high_pole if form.ambition > 0 else ambition.low_pole
    relation_pole = relation.high_pole if form.relation > 0 else relation.low_pole
    return f"{ambition_pole} × {relation_pole}"


def form_lines(catalogue: FormsCatalogue, form: Form) -> list[str]:
    label = catalogue.label
    lines = [f"{form.name} ({form.id})", "=" * (len(form.name) + len(form.id) + 3)]
    lines += [f"{label('quadrant')}: {quadrant_name(catalogue, form)}", ""]
    for field in DESCRIPTIVE_FIELDS:
        lines += [f"{label(field)}:", _wrap(getattr(form, field)), ""]
    for field in LIST_FIELDS:
        lines += [f"{label(field)}:", *_bullets(getattr(form, field)), ""]
    lines.append(f"{label('examples')}:")
    lines += _bullets(tuple(f"[{example.sector}] {example.text}" for example in form.examples))
    lines += ["", f"{label('source')}: {catalogue.source}"]
    return lines


def overview_lines(catalogue: FormsCatalogue) -> list[str]:
    lang = catalogue.language
    lines = [catalogue.title, "=" * len(catalogue.title), "", _wrap(catalogue.introduction, ""), ""]
    lines += [cli_text("overview_axes", lang) + ":"]
    for axis in catalogue.axes.values():
        lines += [f"  {axis.name}: {axis.question}"]
        lines += [_wrap(f"-1 {axis.low_pole}: {axis.low_description}", "    ")]
        lines += [_wrap(f"+1 {axis.high_pole}: {axis.high_description}", "    ")]
    lines += ["", cli_text("overview_map", lang) + ":", "", *quadrant_lines(catalogue), ""]
    for form in catalogue.forms.values():
        lines += [
            f"{form.name} ({form.id}) — {quadrant_name(catalogue, form)}",
            _wrap(form.essence),
            "",
        ]
    lines += [_wrap(catalogue.why_it_matters, ""), ""]
    lines += [cli_text("more_hint", lang), f"{catalogue.label('source')}: {catalogue.source}"]
    return lines


def plain(catalogue: FormsCatalogue, form: Form | None) -> str:
    lines = overview_lines(catalogue) if form is None else form_lines(catalogue, form)
    return "\n".join(lines) + "\n"


def print_rich(catalogue: FormsCatalogue, form: Form | None) -> None:
    """Coloured panels and tables for an interactive terminal."""
    from rich.console import Console
    from rich.panel import Panel
    from rich.table import Table

    console = Console()
    label = catalogue.label
    if form is None:
        console.print(Panel(catalogue.introduction, title=f"[bold]{catalogue.title}[/]"))
        grid = Table(show_lines=True, title=cli_text("overview_map", catalogue.language))
        ambition = catalogue.axis(AxisId.AMBITION)
        relation = catalogue.axis(AxisId.RELATION)
        grid.add_column("")
        grid.add_column(relation.low_pole, justify="center")
        grid.add_column(relation.high_pole, justify="center")
        for sign, pole in ((+1, ambition.high_pole), (-1, ambition.low_pole)):
            cells = [catalogue.quadrant_form(sign, r) for r in (-1, +1)]
            grid.add_row(
                f"[bold]{pole}[/]", *(f"[bold cyan]{f.name}[/]\n{f.essence}" for f in cells)
            )
        console.print(grid)
        for axis in catalogue.axes.values():
            console.print(f"[bold]{axis.name}[/]: {axis.question}")
        console.print(Panel(catalogue.why_it_matters))
        console.print(cli_text("more_hint", catalogue.language), style="dim")
        console.print(f"{label('source')}: {catalogue.source}", style="dim")
        return
    table = Table(show_header=False, show_lines=True, expand=True)
    table.add_column(style="bold", ratio=1)
    table.add_column(ratio=3)
    table.add_row(label("quadrant"), quadrant_name(catalogue, form))
    for field in DESCRIPTIVE_FIELDS:
        table.add_row(label(field), getattr(form, field))
    for field in LIST_FIELDS:
        table.add_row(label(field), "\n".join(f"• {item}" for item in getattr(form, field)))
    examples = "\n".join(f"• [dim]{e.sector}[/]: {e.text}" for e in form.examples)
    table.add_row(label("examples"), examples)
    console.print(Panel(table, title=f"[bold cyan]{form.name}[/] ({form.id})"))
    console.print(f"{label('source')}: {catalogue.source}", style="dim")
