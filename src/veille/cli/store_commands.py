"""`veille ingest`, `veille claims` and `veille entity`: the commands over the store."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer

from veille.cli.common import (
    DEFAULT_DB,
    CliError,
    DbOption,
    PathsArgument,
    WorkersOption,
    check_subject,
    load_models,
    open_db,
    stderr,
    stdout,
    user_errors,
)
from veille.cli.progress import InputFiles, RunProgress
from veille.cli.render import card_lines, claims_table, report_lines
from veille.spreadsheet import write_csv


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
    from veille.engines.local import LocalOptions, process_local
    from veille.resolve import GazetteerError
    from veille.store import ingest

    with user_errors():
        database = open_db(db)
        try:
            load_models(workers)
            with RunProgress(InputFiles.list(paths), stderr) as progress:
                documents = process_local(progress.documents_from_files(), LocalOptions(workers))
                report = ingest(database, documents, progress=progress.stored)
        except GazetteerError as err:  # the domain's reference data, fixable by its editor
            raise CliError(str(err)) from None
        for line in report_lines(report):
            typer.echo(line)
        for warning in report.warnings:
            typer.echo(f"warning: {warning}", err=True)
        if report.new + report.updated + report.unchanged == 0:
            raise CliError("nothing could be read from " + ", ".join(map(str, paths)))


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
    from veille.store import ClaimFilter, query_claims

    with user_errors():
        try:
            where = ClaimFilter(subject, metric, status, year, limit=limit)
        except ValueError as err:
            raise CliError(str(err)) from None
        database = open_db(db)
        check_subject(database, subject)
        rows = [claim.to_json() for claim in query_claims(database, where)]
    if not rows and output is ClaimsFormat.table:
        asked = {"subject": subject, "metric": metric, "status": status, "year": year}
        wanted = ", ".join(f"{key} {value}" for key, value in asked.items() if value is not None)
        typer.echo(f"no claims matched{' ' + wanted if wanted else ''}", err=True)
        return
    if output is ClaimsFormat.jsonl:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
    elif output is ClaimsFormat.csv:
        write_csv(sys.stdout, list(rows[0]) if rows else ["doc"], rows)  # formulas escaped
    else:
        stdout.print(claims_table(rows, stdout.width))


def entity_command(
    name: Annotated[str, typer.Argument(help="the organisation's name or any alias")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Show an organisation's card: names, then its claims by metric in time order.

    Targets and actuals are listed apart, each claim with its source article
    and sentence. Any alias finds the organisation, whatever its case or accents.

    Example: veille entity "Renault Maroc"
    """
    from veille.store import entity_card, unknown_entity_message

    with user_errors():
        database = open_db(db)
        card = entity_card(database, name)
        if card is None:
            check_subject(database, name)
            raise CliError(unknown_entity_message(name, []))
    for line in card_lines(card):
        typer.echo(line)


def entities_command(
    new: Annotated[
        bool,
        typer.Option(
            "--new",
            help="only organisations no gazetteer lists (found in the text), to confirm",
        ),
    ] = False,
    output: Annotated[
        ClaimsFormat, typer.Option("--format", help="table, jsonl or csv")
    ] = ClaimsFormat.table,
    db: DbOption = DEFAULT_DB,
) -> None:
    """List the organisations in the store, most cited first.

    With --new, only those the extractor found by a company form or NER and that
    no gazetteer lists yet: confirm them by adding them to the domain's
    gazetteer.toml (with their aliases), then `veille reprocess`.

    Example: veille entities --new
    """
    from veille.store import list_entities

    with user_errors():
        rows = list_entities(open_db(db), unlisted_only=new)
    records = [
        {
            "name": r.name,
            "kind": r.kind,
            "listed": r.listed,
            "claims": r.claims,
            "articles": r.articles,
            "first_seen": r.first_seen,
        }
        for r in rows
    ]
    if output is ClaimsFormat.jsonl:
        for record in records:
            typer.echo(json.dumps(record, ensure_ascii=False))
    elif output is ClaimsFormat.csv:
        write_csv(sys.stdout, list(records[0]) if records else ["name"], records)
    elif not records:
        stderr.print("no organisation found outside the gazetteer" if new else "no organisation")
    else:
        for record in records:
            mark = "" if record["listed"] else "  (not in the gazetteer)"
            typer.echo(
                f"{record['name']}{mark}: {record['claims']} claims in "
                f"{record['articles']} articles, first in {record['first_seen'] or '-'}"
            )
