"""The Ray engine on a real local Ray cluster (2 CPUs): same claims as one process.

Sixteen articles of the dev gold set are split into a JSON Lines shard and a Parquet
shard; the invented crawl of `test_warc.py` is a WARC shard, and a WARC cut
short is a bad shard. The cluster runs them through `veille run --engine ray`;
the single-process path reads the same shards with the same readers.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from test_warc import crawl_records, write_warc
from veille.cli.app import app
from veille.engines.load import load_run
from veille.engines.parquet import read_claims, read_parquet_docs, read_rejected
from veille.pipeline import Processed, process_all
from veille.records import RawDoc, Rejected
from veille.sources import read_paths
from veille.store import ClaimFilter, Database, query_claims

DEV_TEXTS = Path(__file__).parent.parent / "eval" / "dev" / "texts"
DEV_ARTICLES = 16  # enough for every input format and metric; the suite stays quick
# Ray's own modules warn about their own deprecated settings; nothing veille can change.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray")
runner = CliRunner()


def shard_row(path: Path) -> dict[str, str]:
    field = "html" if path.suffix == ".html" else "text"
    return {"id": path.name, field: path.read_text(encoding="utf-8")}


@pytest.fixture(scope="module")
def shards(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("shards")
    files = sorted(DEV_TEXTS.iterdir())[:DEV_ARTICLES]
    half = len(files) // 2
    jsonl = folder / "dev-a.jsonl"
    jsonl.write_text("".join(json.dumps(shard_row(p)) + "\n" for p in files[:half]), "utf-8")
    rows = [{"id": None, "text": None, "html": None, **shard_row(p)} for p in files[half:]]
    pq.write_table(pa.Table.from_pylist(rows), folder / "dev-b.parquet")
    write_warc(folder / "crawl.warc.gz", crawl_records())
    whole = b"".join(crawl_records())
    (folder / "cut.warc").write_bytes(whole[: len(whole) - 300])
    return sorted(folder.iterdir())


def read_locally(shards: list[Path]) -> list[Processed | Rejected]:
    """The single-process path: the readers, then `process_all`, in this process."""
    docs: list[RawDoc | Rejected] = []
    for shard in shards:
        docs += read_parquet_docs(shard) if shard.suffix == ".parquet" else read_paths([shard])
    return list(process_all(docs))


@pytest.fixture(scope="module")
def ray_out(shards: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The shards run once on a local 2-CPU Ray cluster, through the CLI."""
    out = tmp_path_factory.mktemp("ray") / "out"
    with pytest.MonkeyPatch.context() as env:
        # Before Ray is imported: no usage statistics, every port on 127.0.0.1.
        env.setenv("RAY_USAGE_STATS_ENABLED", "0")
        env.setenv("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
        env.delenv("RAY_ADDRESS", raising=False)
        ray = pytest.importorskip("ray")
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
        try:
            arguments = ["run", "--engine", "ray", *map(str, shards), "--out", str(out)]
            result = runner.invoke(app, [*arguments, "--batch-size", "8"])
        finally:
            ray.shutdown()
    assert result.exit_code == 0, result.output
    assert "rejected: 1\n" in result.stdout
    yield out


@pytest.fixture(scope="module")
def local(shards: list[Path]) -> list[Processed | Rejected]:
    return read_locally(shards)


def claim_rows(claims: list[dict[str, object]]) -> list[str]:
    return sorted(json.dumps(row, sort_keys=True) for row in claims)


@pytest.mark.ray
def test_ray_writes_the_claims_one_process_finds(
    ray_out: Path, local: list[Processed | Rejected]
) -> None:
    expected = [c.to_json() for item in local if isinstance(item, Processed) for c in item.claims]
    found = [claim.to_json() for claim in read_claims(ray_out)]
    assert len(expected) > 80  # the dev articles and the crawl, not an empty run
    assert claim_rows(found) == claim_rows(expected)
    docs = {c["doc"] for c in found}
    assert {"001_renault-maroc-bilan-2023.txt", "016_morocco-top-exporter-europe.html"} <= docs
    assert any(doc.startswith("news.example.ma-auto-atlas-cablage-") for doc in docs)
    rejected = list(read_rejected(ray_out))
    assert rejected == [item for item in local if isinstance(item, Rejected)]
    [cut] = rejected
    assert cut.uri.endswith("cut.warc") and cut.reason.startswith("damaged WARC file: ")
    manifest = json.loads((ray_out / "manifest.json").read_text())
    assert (manifest["engine"], manifest["claims"]) == ("ray", len(expected))


@pytest.mark.ray
def test_load_the_ray_output_once(
    database_url: str, ray_out: Path, local: list[Processed | Rejected]
) -> None:
    articles = [item for item in local if isinstance(item, Processed)]
    distinct = len({item.article.id for item in articles})  # cut.warc repeats two pages
    expected = {
        (c.doc, c.subject, c.metric, c.value, c.status, c.year, c.evidence.sentence)
        for item in articles
        for c in item.claims
    }
    with Database.connect(database_url) as db:
        first = load_run(db, ray_out).stored
        second = load_run(db, ray_out).stored
        stored = {
            (c.doc, c.subject, c.metric, c.value, c.status, c.year, c.sentence)
            for c in query_claims(db, ClaimFilter())
        }
        counts = (db.count("articles"), db.count("claims"))
    assert stored == expected
    assert (first.read, first.new, first.failed) == (len(articles), distinct, ())
    assert counts == (distinct, first.claims_added)
    assert (second.new, second.unchanged, second.claims_added) == (0, len(articles), 0)


def test_without_ray_the_run_is_one_line_saying_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now fails, as when not installed
    monkeypatch.delitem(sys.modules, "ray.data", raising=False)
    (tmp_path / "a.jsonl").write_text('{"text": "Renault Maroc emploie 11 000 personnes."}\n')
    result = runner.invoke(app, ["run", str(tmp_path / "a.jsonl"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert result.stderr == "Ray is not installed: pip install 'veille[ray]'\n"
    assert not os.path.exists(tmp_path / "o")
