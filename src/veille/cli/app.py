"""The `veille` application: every command registered on one Typer app."""

from __future__ import annotations

from typing import Annotated

import typer

import veille
from veille.cli.analysis_commands import conflicts_command, promises_command, stories_command
from veille.cli.documents import clean, extract
from veille.cli.evaluate import evaluate
from veille.cli.help import PlainHelpCommand, PlainHelpGroup
from veille.cli.scale_commands import load_command, run_command
from veille.cli.serve_command import serve_command
from veille.cli.store_commands import (
    claims_command,
    entities_command,
    entity_command,
    ingest_command,
)
from veille.cli.watch_commands import fetch_command, reprocess_command, watch_command

app = typer.Typer(
    name="veille",
    cls=PlainHelpGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,  # a bug's traceback stays plain and complete
)
app.command("extract", cls=PlainHelpCommand)(extract)
app.command("clean", cls=PlainHelpCommand)(clean)
app.command("ingest", cls=PlainHelpCommand)(ingest_command)
app.command("claims", cls=PlainHelpCommand)(claims_command)
app.command("entity", cls=PlainHelpCommand)(entity_command)
app.command("entities", cls=PlainHelpCommand)(entities_command)
app.command("eval", cls=PlainHelpCommand)(evaluate)
app.command("stories", cls=PlainHelpCommand)(stories_command)
app.command("conflicts", cls=PlainHelpCommand)(conflicts_command)
app.command("promises", cls=PlainHelpCommand)(promises_command)
app.command("run", cls=PlainHelpCommand)(run_command)
app.command("load", cls=PlainHelpCommand)(load_command)
app.command("fetch", cls=PlainHelpCommand)(fetch_command)
app.command("watch", cls=PlainHelpCommand)(watch_command)
app.command("reprocess", cls=PlainHelpCommand)(reprocess_command)
app.command("serve", cls=PlainHelpCommand)(serve_command)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"veille {veille.__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="print the version"),
    ] = False,
) -> None:
    """Turn industry news into an evidence-backed fact base of claims about organisations.

    Example: veille ingest news/ && veille entity "Renault Maroc"
    """


def main() -> None:
    app()
