"""The Parquet layout of `veille run` and `veille load`, on SQLite and PostgreSQL.

The run output here comes from `run_local` (the same layout as the Ray engine,
written in this process); `test_ray.py` checks that Ray writes the same claims.
A load must leave the database exactly as `veille ingest` of the same input.
"""

from __future__ import annotations

import json
import shutil
import zlib
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from test_store import claim, processed
from veille.cli.app import app
from veille.engines.load import LoadError, LoadOptions, load_run
from veille.engines.parquet import part_files, read_claims, read_parquet_docs, write_part
from veille.engines.ray_engine import RunOptions, run_local
from veille.pipeline import process_all
from veille.records import RawDoc, Rejected
from veille.sources import read_paths
from veille.store import ClaimFilter, Database, ingest, query_claims, schema

ARTICLE_COLUMNS = (
    "id", "content_hash", "url", "title", "published", "language", "text",
    "media_type", "source_uri", "raw_content",
)  # fmt: skip
EXAMPLES = Path(__file__).parent.parent / "examples"
runner = CliRunner()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few example articles, one of them twice under another name, and a bad file."""
    folder = tmp_path_factory.mktemp("inputs")
    for name in ("feed.jsonl", "fr_renault_tanger_capacite.txt", "en_supplier_jobs.txt"):
        shutil.copy(EXAMPLES / name, folder / name)
    shutil.copy(EXAMPLES / "fr_renault_tanger_capacite.txt", folder / "zz_copie.txt")
    (folder / "empty.txt").write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def run_dir(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("run") / "out"
    run_local([inputs], str(out), RunOptions(batch_size=2))
    return out


@pytest.fixture(scope="module")
def ingested(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The reference: what `veille ingest` stores for the same input."""
    url = f"sqlite:///{tmp_path_factory.mktemp('ingest') / 'veille.db'}"
    with Database.connect(url) as db:
        ingest(db, process_all(read_paths([inputs])))
        return snapshot(db)


def snapshot(db: Database) -> dict[str, Any]:
    """Everything a load must get right: articles, claims with their sources, entities."""
    a, e = schema.articles, schema.entities
    columns = [a.c[name] for name in ARTICLE_COLUMNS]
    with db.engine.connect() as conn:
        articles = conn.execute(sa.select(*columns).order_by(a.c.id)).all()
        entities = conn.execute(sa.select(e.c.name, e.c.kind).order_by(e.c.name)).all()
    return {
        "articles": [(*row[:-1], zlib.decompress(row[-1])) for row in articles],
        "claims": sorted(
            json.dumps(c.to_json(), sort_keys=True, default=str)
            for c in query_claims(db, ClaimFilter())
        ),
        "entities": entities,
    }


def test_run_writes_the_three_tables_and_a_manifest(run_dir: Path) -> None:
    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert manifest["engine"] == "local"
    assert (manifest["articles"], manifest["rejected"]) == (6, 1)
    assert len(part_files(run_dir, "articles")) == 4  # 7 documents, 2 a part
    rejected = pq.read_table(run_dir / "rejected").to_pylist()
    assert [row["reason"] for row in rejected] == ["empty file"]
    assert manifest["claims"] == len(list(read_claims(run_dir))) > 0


def test_load_stores_what_ingest_stores_and_twice_adds_nothing(
    database_url: str, run_dir: Path, ingested: dict[str, Any]
) -> None:
    with Database.connect(database_url) as db:
        first = load_run(db, run_dir, LoadOptions(batch_size=3))
        assert snapshot(db) == ingested
        second = load_run(db, run_dir, LoadOptions(batch_size=3))
        assert (db.count("articles"), db.count("claims")) == (5, first.stored.claims_added)
    assert (first.stored.read, first.stored.new, first.stored.unchanged) == (6, 5, 1)
    assert first.rejected_in_run == 1 and first.stored.failed == ()
    assert any("same text as 'fr_renault_tanger_capacite.txt'" in w for w in first.stored.warnings)
    assert (second.stored.new, second.stored.unchanged, second.stored.claims_added) == (0, 6, 0)


def test_a_refused_article_fails_alone_and_its_batch_still_loads(
    database_url: str, tmp_path: Path
) -> None:
    good = processed("a.txt", "Renault Maroc emploie 11 000 personnes.", [
        claim("a.txt", "Renault Maroc", "employment", 11000, "people", year=2023)
    ])  # fmt: skip
    bad = processed("bad.txt", "Un statut inconnu.", [
        claim("bad.txt", "Atlas Câblage", "employment", 600, "people", status="maybe")
    ])  # fmt: skip
    other = processed("c.txt", "La SOMACA a produit 94 801 unités.", [
        claim("c.txt", "SOMACA", "production_volume", 94801, "vehicles")
    ])  # fmt: skip
    write_part(tmp_path, [good, bad])
    write_part(tmp_path, [other])
    with Database.connect(database_url) as db:
        report = load_run(db, tmp_path, LoadOptions(batch_size=2)).stored
        ids = {c.doc for c in query_claims(db, ClaimFilter())}
        names = {
            row[0] for row in db.engine.connect().execute(sa.text("SELECT name FROM entities"))
        }
    assert [r.uri for r in report.failed] == ["file:///news/bad.txt"]
    assert "database refused it" in report.failed[0].reason
    assert (report.new, ids) == (2, {"a.txt", "c.txt"})
    assert "Atlas Câblage" not in names  # rolled back with its article


def test_a_text_that_no_longer_matches_its_hash_is_refused(
    database_url: str, tmp_path: Path
) -> None:
    write_part(tmp_path, [processed("a.txt", "Renault Maroc emploie 11 000 personnes.", [])])
    [part] = part_files(tmp_path, "articles")
    table = pq.read_table(tmp_path / "articles" / part)
    edited = table.set_column(
        table.schema.get_field_index("text"), "text", pa.array(["Renault Maroc emploie 99 000."])
    )
    pq.write_table(edited, tmp_path / "articles" / part)
    with Database.connect(database_url) as db:
        report = load_run(db, tmp_path).stored
        assert db.count("articles") == 0
    assert [r.reason for r in report.failed] == [
        "content_hash does not match the text (was the file edited?)"
    ]


def test_not_a_run_folder_is_a_load_error(tmp_path: Path) -> None:
    with Database.connect(f"sqlite:///{tmp_path / 'v.db'}") as db:
        with pytest.raises(LoadError, match="holds no veille run output"):
            load_run(db, tmp_path / "nowhere")
        (tmp_path / "broken" / "articles").mkdir(parents=True)
        (tmp_path / "broken" / "articles" / "part-1.parquet").write_bytes(b"not parquet at all")
        with pytest.raises(LoadError, match=r"^cannot read .*broken"):
            load_run(db, tmp_path / "broken")


def test_cli_run_local_then_load(inputs: Path, tmp_path: Path) -> None:
    out, db = tmp_path / "out", f"sqlite:///{tmp_path / 'v.db'}"
    result = runner.invoke(app, ["run", "--engine", "local", str(inputs), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "articles: 6\n" in result.stdout and "rejected: 1\n" in result.stdout
    again = runner.invoke(app, ["run", "--engine", "local", str(inputs), "--out", str(out)])
    assert again.exit_code == 1
    assert again.stderr == f"output folder {out} is not empty: give a new one\n"
    loaded = runner.invoke(app, ["load", str(out), "--db", db])
    assert loaded.exit_code == 0, loaded.output
    assert "new: 5\n" in loaded.stdout and "rejected by the run: 1" in loaded.stdout
    missing = runner.invoke(app, ["load", str(tmp_path / "nope"), "--db", db])
    assert missing.exit_code == 1 and missing.stderr.count("\n") == 1


def test_parquet_input_shards_read_like_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "shard.parquet"
    rows = [
        {"id": "p1", "text": "Renault Maroc emploie 11 000 personnes.", "html": None,
         "url": "https://example.ma/p1", "published": "2025-03-01"},
        {"id": None, "text": None, "html": "<p>Lear emploie 4 000 personnes.</p>",
         "url": None, "published": None},
        {"id": "p3", "text": "  ", "html": None, "url": None, "published": None},
    ]  # fmt: skip
    pq.write_table(pa.Table.from_pylist(rows), path)
    first, second, third = read_parquet_docs(path)
    assert isinstance(first, RawDoc) and isinstance(second, RawDoc)
    assert (first.id, first.media_type, first.metadata["url"]) == (
        "p1", "text/plain", "https://example.ma/p1"
    )  # fmt: skip
    assert (second.id, second.media_type) == ("shard.parquet#2", "text/html")
    assert third == Rejected(f"{path} row 3", "no 'text' or 'html' field with content")
    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "other.parquet")
    (tmp_path / "fake.parquet").write_bytes(b"PAR1 but not really")
    [no_column] = read_parquet_docs(tmp_path / "other.parquet")
    [not_parquet] = read_parquet_docs(tmp_path / "fake.parquet")
    assert (
        isinstance(no_column, Rejected) and "without a 'text' or 'html' column" in no_column.reason
    )
    assert isinstance(not_parquet, Rejected) and "not a readable Parquet file" in not_parquet.reason


@pytest.mark.parametrize("command", ["run", "load"])
def test_help_has_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert f"Example: veille {command} " in result.stdout
