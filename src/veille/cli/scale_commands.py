"""`veille run` and `veille load`: process an archive into Parquet, then load it into a store."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn

from veille.cli.common import DEFAULT_DB, CliError, DbOption, open_db, stderr, user_errors
from veille.cli.render import report_lines


class Engine(StrEnum):
    ray = "ray"
    local = "local"


InputsArgument = Annotated[
    list[Path],
    typer.Argument(
        help="files or folders (.jsonl, .parquet, .warc, .warc.gz, .txt, .html)",
        exists=True,
        show_default=False,
    ),
]


def run_command(
    inputs: InputsArgument,
    out: Annotated[
        str,
        typer.Option("--out", help="new or empty output folder (or s3:// URI)", show_default=False),
    ],
    engine: Annotated[
        Engine, typer.Option(help="ray: a Ray cluster, or one started here; local: this process")
    ] = Engine.ray,
    num_cpus: Annotated[
        int | None, typer.Option("--num-cpus", min=1, help="CPUs of a Ray started here")
    ] = None,
    actors: Annotated[
        int | None, typer.Option(min=1, help="extraction actors (default: one per CPU)")
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="documents per Parquet part")] = 128,
) -> None:
    """Clean and extract shards of a large archive in parallel, writing Parquet.

    Writes OUT/articles, OUT/claims and OUT/rejected (Parquet parts) and
    OUT/manifest.json; load them into a database with `veille load`. With
    RAY_ADDRESS set, the run goes to that cluster; otherwise a local Ray is
    started with --num-cpus CPUs and stopped at the end.

    Example: veille run --engine ray crawl/*.warc.gz --out run-2025-06 --num-cpus 8
    """
    from veille.engines.ray_engine import EngineError, RunOptions, run_local, run_ray

    options = RunOptions(num_cpus=num_cpus, actors=actors, batch_size=batch_size)
    runner = run_ray if engine is Engine.ray else run_local
    with user_errors():
        try:
            report = runner(inputs, out, options)
        except EngineError as err:
            raise CliError(str(err)) from None
    typer.echo(f"articles: {report.articles}")
    typer.echo(f"claims: {report.claims}")
    typer.echo(f"rejected: {report.rejected}")
    parts = f"{report.parts} part" + ("" if report.parts == 1 else "s")
    typer.echo(f"written to {report.out} ({parts}); next: veille load {report.out}")


def load_command(
    folder: Annotated[str, typer.Argument(help="the --out folder of a `veille run`")],
    db: DbOption = DEFAULT_DB,
    batch_size: Annotated[int, typer.Option(min=1, help="articles per transaction")] = 500,
) -> None:
    """Load the Parquet output of `veille run` into a database, in batches.

    Each batch of articles commits in one transaction, with its entities and
    claims. Safe to run again: articles already stored with the same text are
    left alone, so a second load adds nothing.

    Example: veille load run-2025-06 --db postgresql://veille@localhost/veille
    """
    from veille.engines.load import LoadError, LoadOptions, check_run, load_run
    from veille.resolve import GazetteerError

    with user_errors():
        database = open_db(db)
        columns = (SpinnerColumn(), TextColumn("{task.completed} articles loaded"))
        try:
            check_run(folder)  # before the progress bar, so an error stays one line
            with Progress(*columns, console=stderr, transient=True) as bar:
                task = bar.add_task("", total=None)
                report = load_run(
                    database,
                    folder,
                    LoadOptions(batch_size=batch_size),
                    progress=lambda size: bar.update(task, advance=size),
                )
        except (LoadError, GazetteerError) as err:
            raise CliError(str(err)) from None
    for line in report_lines(report.stored):
        typer.echo(line)
    if report.rejected_in_run:
        typer.echo(f"rejected by the run: {report.rejected_in_run} (listed in {folder}/rejected)")
    for warning in report.stored.warnings:
        typer.echo(f"warning: {warning}", err=True)
