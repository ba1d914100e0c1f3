"""The Ray engine: clean and extract shards of a large archive on a cluster, write Parquet.

Ray Data streams the shards (JSON Lines, Parquet, WARC, plain files) through
two steps: a reader that turns each shard into raw documents, and an actor
pool whose actors load the language models once and run `veille.pipeline`'s
`process` on every document. Each actor writes its batch's articles, claims
and rejections as one Parquet part (`veille.engines.parquet`): Ray Data writes
one dataset per sink, and three tables in one pass is what a run needs.

Ray is optional (`pip install 'veille[ray]'`): it is imported only here, only
when a run starts. `run_local` writes the same layout in one process, no Ray.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow as pa

from veille.engines.parquet import (
    PartCounts,
    is_empty_folder,
    make_folder,
    read_parquet_docs,
    write_manifest,
    write_part,
)
from veille.pipeline import process, process_all
from veille.records import RawDoc, Rejected
from veille.sources.files import SUPPORTED, display_name, read_file, read_paths
from veille.sources.warc import is_warc

INSTALL_HINT = "Ray is not installed: pip install 'veille[ray]'"
RAW = pa.schema(
    [
        ("id", pa.string()),
        ("uri", pa.string()),
        ("content", pa.string()),
        ("media_type", pa.string()),
        ("fetched_at", pa.timestamp("us", tz="UTC")),
        ("metadata", pa.map_(pa.string(), pa.string())),
        ("warnings", pa.list_(pa.string())),
        ("reason", pa.string()),  # set: the row is a `Rejected`
    ]
)
# A French sentence with a figure, a plan and an organisation: it loads every model.
WARM_UP = RawDoc(
    "warm-up", "warm-up", "Renault Maroc emploiera 1 000 personnes en 2026.", "text/plain"
)


class EngineError(Exception):
    """A run that cannot start (no Ray, an output folder in use); one line for a person."""


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How a run is spread out.

    `num_cpus` sizes a Ray started here (ignored when `RAY_ADDRESS` names a
    cluster); `actors` defaults to one per CPU of the cluster; `batch_size`
    is the number of documents in one Parquet part.
    """

    num_cpus: int | None = None
    actors: int | None = None
    batch_size: int = 128


@dataclass(frozen=True, slots=True)
class RunReport:
    """What a run wrote."""

    out: str
    articles: int
    claims: int
    rejected: int
    parts: int


# ---------------------------------------------------------------- shards


@dataclass(frozen=True, slots=True)
class Shard:
    """One input file, and the name its documents get (`news/a.txt`, as `ingest` names them)."""

    path: Path
    name: str


def list_shards(paths: Iterable[Path | str]) -> list[Shard]:
    """The input files: given files as they are, folders walked (sorted, hidden skipped)."""
    shards: list[Shard] = []
    for given in map(Path, paths):
        if not given.is_dir():
            shards.append(Shard(given, given.name))
            continue
        for root, dirs, names in os.walk(given):
            dirs[:] = sorted(name for name in dirs if not name.startswith("."))
            shards += [
                Shard(path, display_name(path, given))
                for path in sorted(
                    Path(root) / name
                    for name in names
                    if not name.startswith(".") and _readable(Path(name))
                )
            ]
    return shards


def _readable(path: Path) -> bool:
    return is_warc(path) or path.suffix.lower() in (*SUPPORTED, ".parquet")


def read_shard(path: Path, name: str | None = None) -> Iterator[RawDoc | Rejected]:
    """The documents of one input file, whatever its format, named `name` (default: the file's)."""
    if path.suffix.lower() == ".parquet":
        yield from read_parquet_docs(path)
    elif path.exists() or path.is_symlink():
        yield from read_file(path, name=name or path.name)
    else:
        yield from read_paths([path])  # its reason for a missing file


def raw_row(item: RawDoc | Rejected) -> dict[str, Any]:
    if isinstance(item, Rejected):
        return {"uri": item.uri, "reason": item.reason}
    return {
        "id": item.id,
        "uri": item.uri,
        "content": item.content,
        "media_type": item.media_type,
        "fetched_at": item.fetched_at,
        "metadata": list(item.metadata.items()),
        "warnings": list(item.warnings),
        "reason": None,
    }


def raw_from_row(row: dict[str, Any]) -> RawDoc | Rejected:
    if row["reason"] is not None:
        return Rejected(row["uri"], row["reason"])
    return RawDoc(
        id=row["id"],
        uri=row["uri"],
        content=row["content"],
        media_type=row["media_type"],
        fetched_at=row["fetched_at"],
        metadata=dict(row["metadata"] or ()),
        warnings=tuple(row["warnings"] or ()),
    )


# ---------------------------------------------------------------- the two Ray steps


def read_shards(batch: pa.Table, batch_size: int) -> Iterator[pa.Table]:
    """Ray step 1: shard paths in, raw documents out, a few at a time."""
    for row in batch.to_pylist():
        path, name = row["path"], row["name"]
        rows: list[dict[str, Any]] = []
        for item in read_shard(Path(path), name):
            rows.append(raw_row(item))
            if len(rows) >= batch_size:
                yield pa.Table.from_pylist(rows, schema=RAW)
                rows = []
        if rows:
            yield pa.Table.from_pylist(rows, schema=RAW)


class ExtractActor:
    """Ray step 2: an actor that loads the models once, then cleans, extracts and writes parts."""

    def __init__(self, out: str) -> None:
        self.out = out
        process(WARM_UP)  # the spaCy model, lexicon and gazetteer load here, once per actor

    def __call__(self, batch: pa.Table) -> pa.Table:
        items = [raw_from_row(row) for row in batch.to_pylist()]
        counts = write_part(self.out, process_all(items))
        return pa.table(
            {
                "articles": [counts.articles],
                "claims": [counts.claims],
                "rejected": [counts.rejected],
            }
        )


# ---------------------------------------------------------------- running


def run_local(
    paths: Iterable[Path | str], out: str, options: RunOptions = RunOptions()
) -> RunReport:
    """The same output as `run_ray`, in this process: no cluster, no Ray."""
    shards = _checked_shards(paths, out)
    totals, parts = PartCounts(), 0
    items = process_all(item for shard in shards for item in read_shard(shard.path, shard.name))
    while batch := list(islice(items, options.batch_size)):
        totals = _add(totals, write_part(out, batch))
        parts += 1
    write_manifest(out, totals, [str(shard.path) for shard in shards], "local")
    return RunReport(out, totals.articles, totals.claims, totals.rejected, parts)


def run_ray(paths: Iterable[Path | str], out: str, options: RunOptions = RunOptions()) -> RunReport:
    """Run on Ray: a cluster if `RAY_ADDRESS` is set, else a local Ray started (and stopped) here.

    On a cluster, the input paths and `out` must be visible to every node
    (a shared file system, or for `out` a URI pyarrow can write, e.g. s3://).
    """
    ray = _import_ray()
    shards = _checked_shards(paths, out)
    started = _start(ray, options)
    try:  # workers do not share the driver's working folder: paths go absolute
        counts = _execute(ray, shards, out if "://" in out else str(Path(out).resolve()), options)
    finally:
        if started:
            ray.shutdown()
    totals, parts = PartCounts(), 0
    for row in counts:
        totals = _add(totals, PartCounts(row["articles"], row["claims"], row["rejected"]))
        parts += 1
    write_manifest(out, totals, [str(shard.path) for shard in shards], "ray")
    return RunReport(str(out), totals.articles, totals.claims, totals.rejected, parts)


def _execute(ray: Any, shards: list[Shard], out: str, options: RunOptions) -> list[dict[str, Any]]:
    from ray.data import ActorPoolStrategy, DataContext

    context = DataContext.get_current()
    context.enable_progress_bars = False
    actors = options.actors or max(1, int(ray.cluster_resources().get("CPU", 1)))
    paths = [{"path": str(shard.path.resolve()), "name": shard.name} for shard in shards]
    dataset = ray.data.from_items(paths, override_num_blocks=len(paths))
    dataset = dataset.map_batches(
        read_shards,
        fn_kwargs={"batch_size": options.batch_size},
        batch_size=1,
        batch_format="pyarrow",
    )
    dataset = dataset.map_batches(
        ExtractActor,
        fn_constructor_kwargs={"out": out},
        compute=ActorPoolStrategy(size=actors),
        batch_size=options.batch_size,
        batch_format="pyarrow",
        num_cpus=1,
    )
    return list(dataset.take_all())


def _import_ray() -> Any:
    # Read by Ray at import: no usage statistics sent over the network; and a Ray
    # started here for one machine listens on 127.0.0.1 only (Ray's one-machine
    # switch, named for the systems where it is the default), not on every interface.
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    if not os.environ.get("RAY_ADDRESS"):
        os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
    try:
        import ray
        import ray.data  # the [data] extra, not only ray itself
    except ImportError:
        raise EngineError(INSTALL_HINT) from None
    return ray


def _start(ray: Any, options: RunOptions) -> bool:
    """Connect to `RAY_ADDRESS` or start a quiet local Ray; True if started here."""
    if ray.is_initialized():
        return False
    quiet = {"log_to_driver": False, "logging_level": logging.ERROR}
    address = os.environ.get("RAY_ADDRESS")
    try:
        if address:
            ray.init(**quiet)
        else:
            ray.init(num_cpus=options.num_cpus, include_dashboard=False, **quiet)
    except (ConnectionError, RuntimeError, ValueError) as err:
        where = f"the Ray cluster at {address}" if address else "a local Ray"
        raise EngineError(f"cannot start {where}: {str(err).splitlines()[0]}") from None
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR)
    return True


def _checked_shards(paths: Iterable[Path | str], out: str) -> list[Shard]:
    """The input files, once the output folder is known to be new and writable."""
    shards = list_shards(paths)
    if not shards:
        raise EngineError("no input file found (.jsonl, .parquet, .warc, .warc.gz, .txt, .html)")
    if not is_empty_folder(out):
        raise EngineError(f"output folder {out} is not empty: give a new one")
    try:
        make_folder(out)
    except OSError as err:
        raise EngineError(f"cannot create output folder {out}: {err.strerror or err}") from None
    return shards


def _add(a: PartCounts, b: PartCounts) -> PartCounts:
    return PartCounts(a.articles + b.articles, a.claims + b.claims, a.rejected + b.rejected)
