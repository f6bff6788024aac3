"""The root ``grondvorm`` command; each command group lives in its own module."""

from __future__ import annotations

import typer

from grondvorm import __version__
from grondvorm.cli import (
    data_cmd,
    forms_cmd,
    ops_cmd,
    recognise_cmd,
    report_cmd,
    scan_cmd,
    web_cmd,
)
from grondvorm.cli.common import cli_text

app = typer.Typer(
    name="grondvorm",
    help=cli_text("app_help"),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

for command_module in (forms_cmd, scan_cmd, recognise_cmd, web_cmd, report_cmd, data_cmd, ops_cmd):
    command_module.register(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"grondvorm {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """grondvorm."""


def main() -> None:
    app()
