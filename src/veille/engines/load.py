"""`load_run`: bulk-load the Parquet output of `veille run` into a store.

Articles go in batches, each batch one transaction, through the same
`store_article` that `ingest` uses: the same identity rules (content hashes),
the same entity resolution, so a loaded article is stored exactly as an
ingested one and loading twice adds nothing. A batch the database refuses is
retried one article per transaction, so one bad article fails alone.

It lives with the engines, not the store: it reads the engines' Parquet
format, and the store imports nothing above itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pyarrow as pa
from sqlalchemy import exc

from veille.engines.parquet import part_files, read_rejected, read_run
from veille.records import Processed, Rejected
from veille.store.database import Database, one_line
from veille.store.ingestion import (
    EntityLookup,
    IngestReport,
    Tally,
    default_lookup,
    store_article,
)
from veille.store.stories import StoryIndex

LoadProgress = Callable[[int], None]


class LoadError(Exception):
    """A folder that is not a readable `veille run` output; one line for a person."""


@dataclass(frozen=True, slots=True)
class LoadOptions:
    """`batch_size` articles commit together: bigger is faster, smaller loses less on a crash."""

    batch_size: int = 500


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What a load stored (`stored`, as `ingest` reports it) and what the run had rejected."""

    stored: IngestReport
    rejected_in_run: int


def load_run(
    db: Database,
    folder: str | Path,
    options: LoadOptions = LoadOptions(),
    progress: LoadProgress | None = None,
    lookup_entity: EntityLookup | None = None,
) -> LoadReport:
    """Store every article and claim of a run folder (or URI); `progress` gets each batch's size."""
    check_run(folder)
    lookup = lookup_entity or default_lookup()
    counts = Tally()
    stories = StoryIndex()  # read from the database once, then kept in step
    try:
        items = read_run(folder)
        while batch := list(islice(items, options.batch_size)):
            counts.read += len(batch)
            _load_batch(db, batch, lookup, counts, stories)
            if progress is not None:
                progress(len(batch))
        rejected = sum(1 for _ in read_rejected(folder))
    except (OSError, pa.ArrowException) as err:
        raise LoadError(f"cannot read {folder}: {str(err).splitlines()[0]}") from None
    return LoadReport(counts.report(), rejected)


def check_run(folder: str | Path) -> None:
    """Raise `LoadError` unless `folder` holds the output of a `veille run`."""
    if not part_files(folder, "articles") and not part_files(folder, "rejected"):
        raise LoadError(f"{folder} holds no veille run output (no articles/*.parquet)")


def _load_batch(
    db: Database,
    batch: list[Processed | Rejected],
    lookup: EntityLookup,
    counts: Tally,
    stories: StoryIndex,
) -> None:
    articles = [item for item in batch if not isinstance(item, Rejected)]
    counts.failed += [item for item in batch if isinstance(item, Rejected)]
    warnings: list[str] = []
    try:
        with db.engine.begin() as conn:
            done = [store_article(conn, item, lookup, warnings, stories) for item in articles]
    except (exc.IntegrityError, exc.DataError):
        stories.discard_staged()
        _load_one_by_one(db, articles, lookup, counts, stories)
        return
    stories.commit_staged()
    counts.warnings += warnings
    for outcome, claims in done:
        counts.count(outcome, claims)


def _load_one_by_one(
    db: Database,
    articles: list[Processed],
    lookup: EntityLookup,
    counts: Tally,
    stories: StoryIndex,
) -> None:
    """The refused batch again, one transaction per article, to find the bad one(s)."""
    for item in articles:
        try:
            with db.engine.begin() as conn:
                outcome, claims = store_article(conn, item, lookup, counts.warnings, stories)
        except (exc.IntegrityError, exc.DataError) as err:
            stories.discard_staged()
            counts.failed.append(Rejected(item.raw.uri, f"database refused it: {one_line(err)}"))
            continue
        stories.commit_staged()
        counts.count(outcome, claims)
