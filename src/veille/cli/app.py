"""The `veille` application: every command, loaded only when it runs."""

from __future__ import annotations

import importlib
from textwrap import shorten
from typing import Annotated, Any

import typer

import veille
from veille.cli.help import PlainHelpCommand, PlainHelpGroup

# Every command in the order `veille --help` lists them: its module, its function
# and the first line of its docstring. The list is written here so that `--help`
# imports no command module (their Rich tables, the store, the models); a test
# checks each line against the docstring.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "extract": (
        "veille.cli.documents",
        "extract",
        "Print the claims found in files or folders, one JSON object a line.",
    ),
    "clean": (
        "veille.cli.documents",
        "clean",
        "Print the cleaned main text of files or folders (SCHEMA.md's document shape).",
    ),
    "ingest": (
        "veille.cli.store_commands",
        "ingest_command",
        "Read, clean and extract files or folders, and store articles and claims.",
    ),
    "claims": (
        "veille.cli.store_commands",
        "claims_command",
        "List stored claims, filtered by organisation, metric, status or year.",
    ),
    "entity": (
        "veille.cli.store_commands",
        "entity_command",
        "Show an organisation's card: names, then its claims by metric in time order.",
    ),
    "entities": (
        "veille.cli.store_commands",
        "entities_command",
        "List the organisations in the store, most cited first.",
    ),
    "eval": (
        "veille.cli.evaluate",
        "evaluate",
        "Score claims (P/R/F1 overall and per metric) and cleaned documents on a gold set.",
    ),
    "stories": (
        "veille.cli.analysis_commands",
        "stories_command",
        "List stories: articles that are copies of one text (syndicated, scraped twice).",
    ),
    "conflicts": (
        "veille.cli.analysis_commands",
        "conflicts_command",
        "List figures on which independent stories disagree, each side with its source.",
    ),
    "promises": (
        "veille.cli.analysis_commands",
        "promises_command",
        "Check each dated target: met, missed, pending or unknown.",
    ),
    "run": (
        "veille.cli.scale_commands",
        "run_command",
        "Clean and extract shards of a large archive in parallel, writing Parquet.",
    ),
    "load": (
        "veille.cli.scale_commands",
        "load_command",
        "Load the Parquet output of `veille run` into a database, in batches.",
    ),
    "fetch": (
        "veille.cli.watch_commands",
        "fetch_command",
        "Read every feed and page in the sources file once; store the new articles.",
    ),
    "watch": (
        "veille.cli.watch_commands",
        "watch_command",
        "Run `veille fetch` on a schedule until stopped (Ctrl-C or SIGTERM).",
    ),
    "reprocess": (
        "veille.cli.watch_commands",
        "reprocess_command",
        "Clean and extract every stored article again with the current code.",
    ),
    "serve": (
        "veille.cli.serve_command",
        "serve_command",
        "Serve the web pages and the REST API over the database.",
    ),
}


def load_command(name: str) -> Any:
    """The click command `name` runs, its module imported now."""
    module, function, _ = COMMANDS[name]
    single = typer.Typer(add_completion=False, rich_markup_mode=None)
    single.command(name, cls=PlainHelpCommand)(getattr(importlib.import_module(module), function))
    return typer.main.get_command(single)


class _Commands(dict[str, Any]):
    """Every command name, each built on first use: Typer's typo suggestions read the keys."""

    def __init__(self) -> None:
        super().__init__(dict.fromkeys(COMMANDS))

    def __getitem__(self, name: str) -> Any:
        if super().__getitem__(name) is None:
            self[name] = load_command(name)
        return super().__getitem__(name)

    def get(self, name: str, default: Any = None) -> Any:
        try:
            return self[name]
        except KeyError:
            return default


class LazyGroup(PlainHelpGroup):
    """The application: lists its commands from `COMMANDS`, builds one when it is called."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _Commands()

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        width = formatter.width - 6 - max(map(len, COMMANDS))  # click's own room for a line
        rows = [
            (name, shorten(summary, width, placeholder="..."))
            for name, (_, _, summary) in COMMANDS.items()
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


app = typer.Typer(
    name="veille",
    cls=LazyGroup,
    no_args_is_help=True,
    add_completion=False,
    # Click's plain help, as sqlite-utils and datasette print it: Rich's panels
    # cost a tenth of a second to import on every `--help`.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,  # a bug's traceback stays plain and complete
)


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
