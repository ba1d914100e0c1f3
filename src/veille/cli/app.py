"""The `veille` application: every command registered on one Typer app."""

from __future__ import annotations

from typing import Annotated

import typer

import veille
from veille.cli.analysis_commands import conflicts_command, promises_command, stories_command
from veille.cli.documents import clean, extract
from veille.cli.evaluate import evaluate
from veille.cli.scale_commands import load_command, run_command
from veille.cli.serve_command import serve_command
from veille.cli.store_commands import claims_command, entity_command, ingest_command
from veille.cli.watch_commands import fetch_command, reprocess_command, watch_command

app = typer.Typer(
    name="veille",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,  # a bug's traceback stays plain and complete
)
app.command("extract")(extract)
app.command("clean")(clean)
app.command("ingest")(ingest_command)
app.command("claims")(claims_command)
app.command("entity")(entity_command)
app.command("eval")(evaluate)
app.command("stories")(stories_command)
app.command("conflicts")(conflicts_command)
app.command("promises")(promises_command)
app.command("run")(run_command)
app.command("load")(load_command)
app.command("fetch")(fetch_command)
app.command("watch")(watch_command)
app.command("reprocess")(reprocess_command)
app.command("serve")(serve_command)


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
