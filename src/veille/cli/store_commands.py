"""`veille ingest`, `veille claims` and `veille entity`: the commands over the store."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn

from veille.cli.common import (
    DEFAULT_DB,
    CliError,
    DbOption,
    PathsArgument,
    WorkersOption,
    open_db,
    stderr,
    stdout,
    user_errors,
)
from veille.cli.render import card_lines, claims_table, report_lines
from veille.records import Rejected
from veille.store import (
    ClaimFilter,
    Database,
    IngestReport,
    entity_card,
    ingest,
    query_claims,
    suggest_entities,
)

if TYPE_CHECKING:
    from veille.pipeline import Processed


class ClaimsFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


def ingest_command(
    paths: PathsArgument, db: DbOption = DEFAULT_DB, workers: WorkersOption = 1
) -> None:
    """Read, clean and extract files or folders, and store articles and claims.

    Safe to run again: an article already stored with the same text is left
    alone, so a second run adds nothing. A file that cannot be read is listed
    with its reason; the run still exits 0 unless nothing could be read.

    With --workers N, N processes clean and extract while this one stores.

    Example: veille ingest news/ --db veille.db
    """
    from veille.engines.local import LocalOptions, process_local  # loads the language models
    from veille.resolve import GazetteerError
    from veille.sources import read_paths

    with user_errors():
        database = open_db(db)
        try:
            documents = process_local(read_paths(paths), LocalOptions(workers=workers))
            report = _ingest_with_progress(database, documents)
        except GazetteerError as err:  # the domain's reference data, fixable by its editor
            raise CliError(str(err)) from None
        for line in report_lines(report):
            typer.echo(line)
        for warning in report.warnings:
            typer.echo(f"warning: {warning}", err=True)
        if report.new + report.updated + report.unchanged == 0:
            raise CliError("nothing could be read from " + ", ".join(map(str, paths)))


def _ingest_with_progress(
    database: Database, items: Iterable[Processed | Rejected]
) -> IngestReport:
    """Ingest with a spinner and a running count on stderr (hidden when not a terminal)."""
    columns = (SpinnerColumn(), TextColumn("{task.completed} documents  {task.description}"))
    with Progress(*columns, console=stderr, transient=True) as bar:
        task = bar.add_task("", total=None)

        def advance(item: Processed | Rejected) -> None:
            name = item.uri if isinstance(item, Rejected) else item.raw.uri
            bar.update(task, advance=1, description=name)

        return ingest(database, items, progress=advance)


def claims_command(
    subject: Annotated[str | None, typer.Option(help="organisation, by any of its names")] = None,
    metric: Annotated[str | None, typer.Option(help="e.g. employment, investment")] = None,
    status: Annotated[str | None, typer.Option(help="actual or target")] = None,
    year: Annotated[int | None, typer.Option(help="the year a claim refers to")] = None,
    limit: Annotated[int | None, typer.Option(help="at most this many claims")] = None,
    output: Annotated[ClaimsFormat, typer.Option("--format")] = ClaimsFormat.table,
    db: DbOption = DEFAULT_DB,
) -> None:
    """List stored claims, filtered by organisation, metric, status or year.

    Example: veille claims --subject "Renault Maroc" --metric employment --format jsonl
    """
    with user_errors():
        try:
            where = ClaimFilter(subject, metric, status, year, limit=limit)
        except ValueError as err:
            raise CliError(str(err)) from None
        rows = [claim.to_json() for claim in query_claims(open_db(db), where)]
    if output is ClaimsFormat.jsonl:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
    elif output is ClaimsFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["doc"])
        writer.writeheader()
        writer.writerows(rows)
    else:
        stdout.print(claims_table(rows))


def entity_command(
    name: Annotated[str, typer.Argument(help="the organisation's name or any alias")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Show an organisation's card: names, then its claims by metric in time order.

    Targets and actuals are listed apart, each claim with its source article
    and sentence. Any alias finds the organisation, whatever its case or accents.

    Example: veille entity "Renault Maroc"
    """
    with user_errors():
        database = open_db(db)
        card = entity_card(database, name)
        if card is None:
            close = suggest_entities(database, name)
            hint = f"; did you mean: {', '.join(close)}?" if close else ""
            raise CliError(f"no organisation named {name!r}{hint}")
    for line in card_lines(card):
        typer.echo(line)
