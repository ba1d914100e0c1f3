"""`veille reprocess` over a database an "older extractor" wrote, on SQLite and PostgreSQL.

The older extractor is simulated: the examples are ingested with today's
code, then SQL makes the stored output look like another version's (a claim
missing, a value read differently, a claim that should not be there, an older
cleaned text and version). Reprocessing must report exactly those
differences, restore today's output, keep the rows that did not change, and
change nothing on a second run.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from typer.testing import CliRunner

import veille
from veille.cli.app import app
from veille.pipeline import process_all
from veille.records import Processed, RawDoc, Rejected
from veille.sources import read_paths
from veille.store import Database, ingest, schema
from veille.store.reprocess import reprocess

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FILES = ["fr_renault_tanger_capacite.txt", "en_supplier_jobs.txt", "feed.jsonl"]
OLD_VERSION = "0.0.9"


def build(url: str) -> None:
    with Database.connect(url) as db:
        report = ingest(db, process_all(read_paths([EXAMPLES / name for name in FILES])))
        assert report.new == 5 and not report.failed


def claim_snapshot(db: Database) -> list[tuple[Any, ...]]:
    """Every claim as stored, without its row id."""
    c = schema.claims
    columns = [column for column in c.columns if column.name != "id"]
    with db.engine.connect() as conn:
        query = sa.select(*columns).order_by(c.c.article_id, c.c.claim_key)
        return [tuple(row) for row in conn.execute(query)]


def claim_ids(db: Database, article_id: str) -> list[int]:
    c = schema.claims
    with db.engine.connect() as conn:
        return list(
            conn.scalars(sa.select(c.c.id).where(c.c.article_id == article_id).order_by(c.c.id))
        )


def make_it_old(db: Database) -> dict[str, int]:
    """Alter the stored output as an older version might have written it; returns touched ids."""
    c, a = schema.claims, schema.articles
    renault, lear = "fr_renault_tanger_capacite.txt", "en_supplier_jobs.txt"
    with db.engine.begin() as conn:
        # 1. A claim the old version missed.
        missed = conn.scalar(sa.select(sa.func.min(c.c.id)).where(c.c.article_id == renault))
        conn.execute(sa.delete(c).where(c.c.id == missed))
        # 2. A value the old version read differently (same identity).
        misread = conn.scalar(
            sa.select(sa.func.min(c.c.id)).where(c.c.article_id == lear, c.c.value.is_not(None))
        )
        conn.execute(
            sa.update(c).where(c.c.id == misread).values(value=c.c.value + 1, qualifier="about")
        )
        # 3. A claim it should not have made.
        model = (
            conn.execute(sa.select(c).where(c.c.article_id == renault).limit(1)).mappings().one()
        )
        bogus = {k: v for k, v in model.items() if k != "id"}
        bogus |= {"metric": "revenue", "value": 42.0, "unit": "EUR", "claim_key": "old-bogus-claim"}
        conn.execute(sa.insert(c).values(**bogus))
        # 4. An older cleaned text of one article, and the old version everywhere.
        conn.execute(
            sa.update(a)
            .where(a.c.id == "feed-002")
            .values(text=a.c.text + "\n\nPartager sur Facebook", content_hash="0" * 64)
        )
        conn.execute(sa.update(a).values(extractor_version=OLD_VERSION))
    return {"missed": missed, "misread": misread}


def test_reprocess_reports_the_differences_and_converges(database_url: str) -> None:
    build(database_url)
    with Database.connect(database_url) as db:
        today = claim_snapshot(db)
        untouched = claim_ids(db, "feed-001")
        make_it_old(db)
    # 1. The first run, through the CLI, reports each difference.
    result = CliRunner().invoke(app, ["reprocess", "--db", database_url])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    for expected in (
        "articles: 5", "changed: 3", "unchanged: 2", "failed: 0",
        "claims added: 1", "claims removed: 1", "claims changed: 1",
    ):  # fmt: skip
        assert expected in lines, result.stdout
    assert "  fr_renault_tanger_capacite.txt: +1 -1 ~0" in lines
    assert "  en_supplier_jobs.txt: +0 -0 ~1" in lines
    assert "  feed-002: +0 -0 ~0, text changed" in lines
    with Database.connect(database_url) as db:
        # 2. Today's output is back; rows that did not change kept their ids.
        assert claim_snapshot(db) == today
        assert claim_ids(db, "feed-001") == untouched
        a = schema.articles
        with db.engine.connect() as conn:
            versions = set(conn.scalars(sa.select(a.c.extractor_version)))
            text = conn.scalar(sa.select(a.c.text).where(a.c.id == "feed-002"))
        assert versions == {veille.__version__}
        assert "Partager sur Facebook" not in text
        # 3. A second run changes nothing.
        again = reprocess(db, process_all)
        assert (again.articles, again.changes, again.failed) == (5, (), ())
        assert claim_snapshot(db) == today


def test_an_article_that_no_longer_cleans_is_kept_and_reported(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'veille.db'}"
    build(url)
    with Database.connect(url) as db:
        before = claim_snapshot(db)
        a = schema.articles
        with db.engine.begin() as conn:
            empty = zlib.compress(b"Partager\n\nTweeter\n")
            conn.execute(sa.update(a).where(a.c.id == "feed-003").values(raw_content=empty))
        report = reprocess(db, process_all)
        assert [(f.uri, f.reason) for f in report.failed] == [("feed-003", "no main text found")]
        assert report.changes == ()
        assert claim_snapshot(db) == before
        assert db.count("articles") == 5


def test_an_article_deleted_during_the_run_does_not_make_it_stopped(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'veille.db'}"
    build(url)
    with Database.connect(url) as db:
        a = schema.articles
        with db.engine.connect() as conn:
            last = conn.scalars(sa.select(a.c.id).order_by(a.c.ingested_at, a.c.id)).all()[-1]

        def delete_then_process(
            items: Iterable[RawDoc | Rejected],
        ) -> Iterator[Processed | Rejected]:
            with db.engine.begin() as conn:  # another process removes an article meanwhile
                conn.execute(sa.delete(schema.claims).where(schema.claims.c.article_id == last))
                conn.execute(
                    sa.delete(schema.story_members).where(schema.story_members.c.article_id == last)
                )
                conn.execute(sa.delete(a).where(a.c.id == last))
            return process_all(items)

        report = reprocess(db, delete_then_process)
        assert (report.articles, report.stopped) == (4, False)
