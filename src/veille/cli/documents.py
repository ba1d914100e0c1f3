"""`veille extract` and `veille clean`: files in, JSON Lines out, no database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from veille.cli.common import PathsArgument, WorkersOption, fail, load_models, skipped, stdout
from veille.cli.render import claims_table
from veille.records import Article, Claim, Rejected


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


class CleanFormat(StrEnum):
    jsonl = "jsonl"
    text = "text"


def print_json(row: dict[str, Any]) -> None:
    typer.echo(json.dumps(row, ensure_ascii=False))


def cleaned(paths: list[Path]) -> Iterator[Article | Rejected]:
    """Read and clean documents; one that cannot be cleaned becomes a `Rejected`."""
    from veille.clean import clean_document  # imported late: --help stays instant
    from veille.sources import read_paths

    for item in read_paths(paths):
        if isinstance(item, Rejected):
            yield item
            continue
        try:
            yield clean_document(item)
        except ValueError as err:  # CleanError
            yield Rejected(item.uri, str(err))


def extract(
    paths: PathsArgument,
    output: Annotated[
        ExtractFormat, typer.Option("--format", help="jsonl: SCHEMA.md claims; table: for people")
    ] = ExtractFormat.jsonl,
    workers: WorkersOption = 1,
) -> None:
    """Print the claims found in files or folders, one JSON object a line.

    Nothing is stored. A file that cannot be read is reported on stderr
    ("skipped: FILE: reason") and the others are still processed. With
    --workers N, N processes share the work; the output is the same.

    Example: veille extract eval/dev/texts --workers 2 > claims.jsonl
    """
    from veille.engines.local import LocalOptions, process_local  # loads the models late
    from veille.sources import read_paths

    found: list[Claim] = []
    processed = 0
    load_models(workers)
    for item in process_local(read_paths(paths), LocalOptions(workers=workers)):
        if isinstance(item, Rejected):
            skipped(item.uri, item.reason)
            continue
        processed += 1
        claims = item.claims
        if output is ExtractFormat.jsonl:
            for claim in claims:
                print_json(claim.to_json())
        else:
            found += claims
    if output is ExtractFormat.table:
        stdout.print(claims_table([claim.to_json() for claim in found], stdout.width))
    if not processed:
        fail("no document could be read")


def clean(
    paths: PathsArgument,
    output: Annotated[
        CleanFormat, typer.Option("--format", help="jsonl: SCHEMA.md documents; text: for people")
    ] = CleanFormat.jsonl,
) -> None:
    """Print the cleaned main text of files or folders (SCHEMA.md's document shape).

    Boilerplate (share buttons, cookie notices, "read also" teasers) is gone and
    repeated paragraphs are kept once.

    Example: veille clean eval/dev/texts/001_renault-maroc-bilan-2023.txt --format text
    """
    processed = 0
    for item in cleaned(paths):
        if isinstance(item, Rejected):
            skipped(item.uri, item.reason)
            continue
        processed += 1
        if output is CleanFormat.jsonl:
            print_json(item.to_json())
        else:
            published = item.published.isoformat() if item.published else "no date"
            typer.echo(f"== {item.id} ({item.language}, {published}) ==")
            if item.title:
                typer.echo(f"# {item.title}")
            typer.echo(item.text + "\n")
    if not processed:
        fail("no document could be read")
