"""`veille stories`, `veille conflicts` and `veille promises`: the analyses, printed."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from veille.cli.common import (
    DEFAULT_DB,
    CliError,
    DbOption,
    check_subject,
    open_db,
    stdout,
    user_errors,
)
from veille.cli.render import format_value

if TYPE_CHECKING:  # the analyses load the store: imported by the commands that run them
    from veille.analyze import ClaimEvidence, Conflict, Promise, Story


class AnalysisFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


FormatOption = Annotated[AnalysisFormat, typer.Option("--format", help="table or jsonl")]
SubjectOption = Annotated[
    str | None, typer.Option(help="organisation, by any of its names", show_default=False)
]


def stories_command(
    min_size: Annotated[int, typer.Option(help="only stories with this many articles", min=1)] = 1,
    output: FormatOption = AnalysisFormat.table,
    db: DbOption = DEFAULT_DB,
) -> None:
    """List stories: articles that are copies of one text (syndicated, scraped twice).

    Articles join a story at ingest when their word shingles overlap an earlier
    article's by half or more (estimated Jaccard ≥ 0.5). Largest stories first.

    Example: veille stories --min-size 2
    """
    from veille.analyze import list_stories

    with user_errors():
        stories = list_stories(open_db(db), min_size=min_size)
    if output is AnalysisFormat.jsonl:
        _print_jsonl(story.to_json() for story in stories)
    else:
        stdout.print(stories_table(stories))


def conflicts_command(
    subject: SubjectOption = None,
    output: FormatOption = AnalysisFormat.table,
    db: DbOption = DEFAULT_DB,
) -> None:
    """List figures on which independent stories disagree, each side with its source.

    Same organisation, metric, status and year; values more than 5 % apart
    (years: any difference). Copies of one story count once.

    Example: veille conflicts --subject "Renault Maroc"
    """
    from veille.analyze import find_conflicts

    with user_errors():
        database = open_db(db)
        check_subject(database, subject)
        conflicts = find_conflicts(database, subject=subject)
    if output is AnalysisFormat.jsonl:
        _print_jsonl(conflict.to_json() for conflict in conflicts)
    else:
        stdout.print(conflicts_table(conflicts))


def promises_command(
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="judge as of this date, YYYY-MM-DD [default: today]"),
    ] = None,
    subject: SubjectOption = None,
    output: FormatOption = AnalysisFormat.table,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Check each dated target: met, missed, pending or unknown.

    Met: an actual for the deadline year or later reaches 99 % of the target.
    Pending: the deadline year is not over. Missed: actuals after it, all
    below. Unknown: nothing reported since. Articles published after --as-of
    are ignored.

    Example: veille promises --as-of 2025-01-01 --subject Yazaki
    """
    from veille.analyze import check_promises

    with user_errors():
        when = _parse_date(as_of)
        database = open_db(db)
        check_subject(database, subject)
        promises = check_promises(database, as_of=when, subject=subject)
    if output is AnalysisFormat.jsonl:
        _print_jsonl(promise.to_json() for promise in promises)
    else:
        stdout.print(promises_table(promises))


def _parse_date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"--as-of must be a date as YYYY-MM-DD, not {text!r}") from None


def _print_jsonl(rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        typer.echo(json.dumps(row, ensure_ascii=False))


def stories_table(stories: Iterable[Story]) -> Table:
    """One row per story: its title, then its articles (with their similarity) beneath."""
    table = Table(show_lines=True)
    table.add_column("story", min_width=5)
    table.add_column("size", min_width=4)
    table.add_column("published", min_width=10)
    table.add_column("title and articles", ratio=1, overflow="fold")
    for story in stories:
        described = Text(story.title, style="bold")
        for member in story.members:
            close = "" if member.matched_article_id is None else f", {member.similarity:.2f}"
            when = member.published.isoformat() if member.published else "no date"
            described.append(f"\n  {member.article_id} ({when}{close})", style="dim")
        first = story.first_published
        table.add_row(str(story.id), str(story.size), first.isoformat() if first else "", described)
    return table


def conflicts_table(conflicts: Iterable[Conflict]) -> Table:
    """One row per side; the fact (subject, metric, status, year) on its first row."""
    table = Table()
    columns = (("subject", 10), ("metric", 10), ("status", 6), ("year", 4), ("value", 9))
    for column, width in (*columns, ("story", 5), ("article", 14)):
        table.add_column(column, min_width=width, overflow="fold")
    table.add_column("evidence", no_wrap=True, overflow="ellipsis", max_width=60)
    for conflict in conflicts:
        fact = [conflict.subject, conflict.metric, conflict.status, str(conflict.year or "")]
        for rank, side in enumerate(conflict.sides):
            table.add_row(
                *(fact if rank == 0 else ["", "", "", ""]),
                format_value(side.value, side.unit),
                str(side.story_id or ""),
                side.article_id,
                side.sentence,
            )
    return table


def promises_table(promises: Iterable[Promise]) -> Table:
    """One row per promise: the target, its deadline, its status and the deciding actual."""
    table = Table()
    columns = (("subject", 10), ("metric", 10), ("target", 9), ("by", 4), ("status", 7))
    for column, width in (*columns, ("actual", 9), ("source", 14)):
        table.add_column(column, min_width=width, overflow="fold")
    for promise in promises:
        actual = promise.actual
        reported = (
            f"{format_value(actual.value, actual.unit)} ({_reported_year(actual)})"
            if actual
            else ""
        )
        table.add_row(
            promise.subject,
            promise.metric,
            format_value(promise.target_value, promise.unit),
            str(promise.deadline),
            promise.status,
            reported,
            promise.target.article_id,
        )
    return table


def _reported_year(actual: ClaimEvidence) -> str:
    """The actual's year, or `published 2025` when only its article dates it."""
    if actual.year is not None:
        return str(actual.year)
    return f"published {actual.published.year}" if actual.published else "undated"
