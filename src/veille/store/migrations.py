"""Schema migrations: recorded functions, each applied once in its own transaction.

As in sqlite-utils, a migration is a plain function of a connection, named and
listed in order; `schema_migrations` records which ones ran. To change the
schema, append a function, never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa

from veille.store import schema

Migration = Callable[[sa.Connection], None]


# Each migration's tables are written out here as they shipped, not taken from
# `schema`: `schema` says what the code reads today, and editing it must never
# change what an old migration creates (a database made in 2026 and one
# migrated from 2025 would differ). A later change is a new migration.
# `test_store.py` checks that the migrations, run in order, give `schema`.


def create_tables(conn: sa.Connection) -> None:
    """Migration 1: articles, entities, aliases and claims (frozen as shipped)."""
    m = sa.MetaData()
    sa.Table(
        "articles",
        m,
        sa.Column("id", sa.String(500), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("raw_content", sa.LargeBinary, nullable=False),
        sa.Column("media_type", sa.String(64), nullable=False),
        sa.Column("source_uri", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("extractor_version", sa.String(64), nullable=False),
    )
    sa.Table(
        "entities",
        m,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(300), nullable=False, unique=True),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("country", sa.String(100)),
        sa.Column("parent", sa.String(300)),
    )
    sa.Table(
        "aliases",
        m,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id"), nullable=False),
        sa.Column("alias", sa.String(300), nullable=False),
        sa.Column("folded", sa.String(300), nullable=False, unique=True),
        sa.Index("ix_aliases_entity_id", "entity_id"),
    )
    sa.Table(
        "claims", m,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(500), sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("subject_id", sa.Integer, sa.ForeignKey("entities.id"), nullable=False),
        sa.Column("subject_mention", sa.Text, nullable=False),
        sa.Column("metric", sa.String(64), nullable=False),
        sa.Column("value", sa.Float),
        sa.Column("unit", sa.String(32)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("year", sa.Integer),
        sa.Column("qualifier", sa.String(16), nullable=False),
        sa.Column("location", sa.String(200)),
        sa.Column("object_id", sa.Integer, sa.ForeignKey("entities.id")),
        sa.Column("object_name", sa.String(300)),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("paragraph", sa.Integer, nullable=False),
        sa.Column("char_start", sa.Integer, nullable=False),
        sa.Column("char_end", sa.Integer, nullable=False),
        sa.Column("claim_key", sa.String(64), nullable=False),
        sa.UniqueConstraint("article_id", "claim_key", name="uq_claims_article_key"),
        sa.CheckConstraint("status IN ('actual', 'target')", name="ck_claims_status"),
        sa.Index("ix_claims_subject_id", "subject_id"),
        sa.Index("ix_claims_object_id", "object_id"),
        sa.Index("ix_claims_metric", "metric"),
    )  # fmt: skip
    m.create_all(conn)


def _existing(m: sa.MetaData, *names: str) -> None:
    """Stand-ins for tables an earlier migration made, so foreign keys resolve."""
    for name in names:
        sa.Table(name, m, sa.Column("id", sa.String(500), primary_key=True))


def add_stories(conn: sa.Connection) -> None:
    """Migration 2: stories of near-duplicate articles, backfilled from stored texts."""
    from veille.store.stories import backfill_stories  # stories imports the analysis package

    m = sa.MetaData()
    _existing(m, "articles")
    stories = sa.Table(
        "stories",
        m,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    members = sa.Table(
        "story_members", m,
        sa.Column("article_id", sa.String(500), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id"), nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.Column("sketch", sa.String(64), nullable=False),
        sa.Column("matched_article_id", sa.String(500)),
        sa.Column("similarity", sa.Float, nullable=False),
        sa.Index("ix_story_members_story_id", "story_id"),
    )  # fmt: skip
    m.create_all(conn, tables=[stories, members])
    backfill_stories(conn)


def create_search_index(conn: sa.Connection) -> None:
    """Migration 3: full-text search (FTS5 on SQLite, GIN indexes on PostgreSQL)."""
    from veille.store.search import create_search_index as create  # its DDL is frozen there

    create(conn)


def create_fetch_state(conn: sa.Connection) -> None:
    """Migration 4: what `veille fetch` remembers: feed validators, URLs already stored."""
    m = sa.MetaData()
    _existing(m, "articles")
    feeds = sa.Table(
        "feed_state",
        m,
        sa.Column("url", sa.String(2000), primary_key=True),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.Text, nullable=False),
    )
    pages = sa.Table(
        "page_urls", m,
        sa.Column("url", sa.String(2000), primary_key=True),
        sa.Column("article_id", sa.String(500), sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Index("ix_page_urls_article_id", "article_id"),
    )  # fmt: skip
    m.create_all(conn, tables=[feeds, pages])


def content_claim_keys(conn: sa.Connection) -> None:
    """Migration 5: claim keys from content (names, not entity ids), duplicates merged.

    A key hashed from autoincrement ids differed between two databases holding
    the same claim. Claims the new key makes equal within an article (one fact
    stored twice at two places) keep the first row.
    """
    from veille.store.ingestion import claim_key  # the one definition of a key

    c = sa.table(
        "claims", sa.column("id"), sa.column("article_id"), sa.column("subject_id"),
        sa.column("object_id"), sa.column("metric"), sa.column("value"), sa.column("unit"),
        sa.column("status"), sa.column("year"), sa.column("claim_key"),
    )  # fmt: skip
    e = sa.table("entities", sa.column("id"), sa.column("name"))
    names = dict(conn.execute(sa.select(e.c.id, e.c.name)).all())
    rows = conn.execute(sa.select(c).order_by(c.c.article_id, c.c.id)).mappings().all()
    keys: dict[int, str] = {}
    seen: set[tuple[str, str]] = set()
    duplicates: list[int] = []
    for row in rows:
        obj = names[row["object_id"]] if row["object_id"] is not None else None
        key = claim_key(
            row["article_id"], names[row["subject_id"]], row["metric"], row["value"],
            row["unit"], row["status"], row["year"], obj,
        )  # fmt: skip
        if (row["article_id"], key) in seen:
            duplicates.append(row["id"])
        else:
            seen.add((row["article_id"], key))
            keys[row["id"]] = key
    if duplicates:
        conn.execute(sa.delete(c).where(c.c.id.in_(duplicates)))
    # Through a temporary value first: a new key may equal another row's old one.
    for claim_id in keys:
        conn.execute(sa.update(c).where(c.c.id == claim_id).values(claim_key=f"~{claim_id}"))
    for claim_id, key in keys.items():
        conn.execute(sa.update(c).where(c.c.id == claim_id).values(claim_key=key))


MIGRATIONS: tuple[tuple[str, Migration], ...] = (
    ("0001_create_tables", create_tables),
    ("0002_stories", add_stories),
    ("0003_search", create_search_index),
    ("0004_fetch_state", create_fetch_state),
    ("0005_content_claim_keys", content_claim_keys),
)


def applied_migrations(engine: sa.Engine) -> set[str]:
    """Names of the migrations this database has already run."""
    with engine.begin() as conn:
        schema.metadata.create_all(conn, tables=[schema.schema_migrations])
        return set(conn.scalars(sa.select(schema.schema_migrations.c.name)))


def migrate(engine: sa.Engine) -> list[str]:
    """Apply the migrations not yet recorded; return the names applied now."""
    done = applied_migrations(engine)
    applied = []
    for name, migration in MIGRATIONS:
        if name in done:
            continue
        with engine.begin() as conn:  # the migration and its record commit together
            migration(conn)
            conn.execute(
                sa.insert(schema.schema_migrations).values(name=name, applied_at=datetime.now(UTC))
            )
        applied.append(name)
    return applied
