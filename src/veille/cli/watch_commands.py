"""`veille fetch`, `veille watch` and `veille reprocess`: the web sources and history.

Thin over `engines.watch` and `store.reprocess`. SIGINT and SIGTERM ask the
running command to stop between two articles (a second SIGINT stops at once;
ingest's one-transaction-per-article keeps the database whole either way).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from veille.cli.common import DEFAULT_DB, CliError, DbOption, open_db, stderr, user_errors

if TYPE_CHECKING:
    from veille.engines.watch import FetchReport
    from veille.sources.web import SourcesConfig
    from veille.store.reprocess import ReprocessReport

SourcesOption = Annotated[
    Path,
    typer.Option(
        "--sources",
        envvar="VEILLE_SOURCES",
        help="the sources file: feeds, pages and fetch settings (see docs/watching.md)",
    ),
]
DEFAULT_SOURCES = Path("sources.toml")
BarUpdate = Callable[[str | None, int], None]  # (item just handled or None, total)


def fetch_command(sources: SourcesOption = DEFAULT_SOURCES, db: DbOption = DEFAULT_DB) -> None:
    """Read every feed and page in the sources file once; store the new articles.

    Known URLs are not fetched again and an unchanged feed costs a 304, so a
    second run adds nothing. Prints one summary line per source (new,
    unchanged, failed with reasons); exits 1 when no feed or page answered.

    Example: veille fetch --sources examples/sources.toml --db veille.db
    """
    from veille.engines.watch import fetch_once

    with user_errors(), _stop_on_signals() as stop:
        config = _load(sources)
        database = open_db(db)
        with _page_bar() as progress:
            report = fetch_once(database, config, stop=stop, progress=progress)
        _print_report(report)
        if report.stopped:
            typer.echo("stopped: the rest waits for the next run")
        elif not report.reached_anything and any(s.failed for s in report.sources):
            raise CliError("no feed or page could be fetched")


def watch_command(
    every: Annotated[str, typer.Option(help="time between runs: 30m, 1h, 1h30m, 1d")] = "1h",
    sources: SourcesOption = DEFAULT_SOURCES,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Run `veille fetch` on a schedule until stopped (Ctrl-C or SIGTERM).

    A stop request ends the run between two articles and exits 0 with a
    "stopped" line. For cron or a systemd timer, run `veille fetch` instead.

    Example: veille watch --every 1h --sources sources.toml --db veille.db
    """
    from veille.engines.watch import parse_interval, watch

    with user_errors(), _stop_on_signals() as stop:
        try:
            seconds = parse_interval(every)
        except ValueError as err:
            raise CliError(str(err)) from None
        config = _load(sources)
        database = open_db(db)

        def on_report(report: FetchReport) -> None:
            _print_report(report, header=f"run at {datetime.now():%Y-%m-%d %H:%M:%S}")
            if not stop.is_set():
                typer.echo(f"next run in {every}")

        with _page_bar() as progress:
            runs = watch(
                database,
                config,
                seconds,
                stop=stop,
                on_report=on_report,
                on_error=lambda message: typer.echo(message, err=True),
                progress=progress,
            )
    typer.echo(f"stopped after {runs} run{'s' if runs != 1 else ''}")


def reprocess_command(db: DbOption = DEFAULT_DB) -> None:
    """Clean and extract every stored article again with the current code.

    Uses each article's stored raw form; reports the claims added, removed and
    changed, article by article, each article in its own transaction. A
    second run changes nothing.

    Example: veille reprocess --db veille.db
    """
    from veille.pipeline import process_all  # loads the language models
    from veille.store.reprocess import reprocess

    with user_errors(), _stop_on_signals() as stop:
        database = open_db(db)
        with _page_bar("articles") as progress:
            report = reprocess(database, process_all, progress=progress, stop=stop)
        for line in reprocess_lines(report):
            typer.echo(line)


def _load(path: Path) -> SourcesConfig:
    from veille.sources.web import SourcesError, load_sources

    try:
        config = load_sources(path)
    except SourcesError as err:
        raise CliError(str(err)) from None
    if not config.settings.contact and not config.settings.user_agent:
        typer.echo("warning: no contact in [settings]: site owners cannot reach you", err=True)
    return config


@contextmanager
def _stop_on_signals() -> Iterator[threading.Event]:
    """An event set by SIGINT or SIGTERM; a second SIGINT interrupts at once."""
    stop = threading.Event()

    def request_stop(signum: int, _frame: FrameType | None) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()
        typer.echo("stopping after the current article...", err=True)

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextmanager
def _page_bar(unit: str = "pages") -> Iterator[BarUpdate]:
    """One progress bar on stderr (hidden when stderr is not a terminal)."""
    columns = (BarColumn(), MofNCompleteColumn(), TextColumn(f"{unit}  {{task.description}}"))
    with Progress(*columns, console=stderr, transient=True) as bar:
        task = bar.add_task("", total=None)

        def advance(item: str | None, total: int) -> None:
            if item is None:  # the plan is made: this many to go
                bar.reset(task, total=total)
            else:
                bar.update(task, total=total, advance=1, description=item)

        yield advance


def _print_report(report: FetchReport, header: str | None = None) -> None:
    if header:
        typer.echo(header)
    for line in fetch_lines(report):
        typer.echo(line)
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)


def fetch_lines(report: FetchReport) -> list[str]:
    """A summary line per source, then its failures with their reasons."""
    lines = []
    for source in report.sources:
        parts = [
            f"new {source.new}",
            f"unchanged {source.unchanged}",
            f"failed {len(source.failed)}",
        ]
        if source.updated:
            parts.insert(1, f"updated {source.updated}")
        if source.not_modified:
            parts.append(f"feeds not modified {source.not_modified}")
        if source.pending:
            parts.append(f"left for next run {source.pending}")
        lines.append(f"{source.name}: " + ", ".join(parts))
        lines += [f"  {failure.uri}: {failure.reason}" for failure in source.failed]
    lines.append(f"claims added: {report.claims_added}")
    return lines


def reprocess_lines(report: ReprocessReport) -> list[str]:
    """The summary of a reprocess run: counts, then each changed or failed article."""
    lines = [
        f"articles: {report.articles}",
        f"changed: {len(report.changes)}",
        f"unchanged: {report.unchanged}",
        f"failed: {len(report.failed)}",
        f"claims added: {report.claims_added}",
        f"claims removed: {report.claims_removed}",
        f"claims changed: {report.claims_changed}",
    ]
    for change in report.changes:
        fields = f", {', '.join(change.fields)} changed" if change.fields else ""
        lines.append(
            f"  {change.article_id}: +{change.added} -{change.removed} ~{change.changed}{fields}"
        )
    lines += [f"  {failure.uri}: {failure.reason} (kept as stored)" for failure in report.failed]
    if report.stopped:
        lines.append("stopped: run again to reprocess the rest")
    return lines
