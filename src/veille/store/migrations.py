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


def create_tables(conn: sa.Connection) -> None:
    """Migration 1: articles, entities, aliases and claims as declared in `schema`."""
    tables = [schema.articles, schema.entities, schema.aliases, schema.claims]
    schema.metadata.create_all(conn, tables=tables)


def add_stories(conn: sa.Connection) -> None:
    """Migration 2: stories of near-duplicate articles, backfilled from stored texts."""
    from veille.store.stories import backfill_stories  # stories imports the analysis package

    schema.metadata.create_all(conn, tables=[schema.stories, schema.story_members])
    backfill_stories(conn)


def create_search_index(conn: sa.Connection) -> None:
    """Migration 3: full-text search (FTS5 on SQLite, GIN indexes on PostgreSQL)."""
    from veille.store.search import create_search_index as create  # search imports the store

    create(conn)


def create_fetch_state(conn: sa.Connection) -> None:
    """Migration 4: what `veille fetch` remembers: feed validators, URLs already stored."""
    schema.metadata.create_all(conn, tables=[schema.feed_state, schema.page_urls])


MIGRATIONS: tuple[tuple[str, Migration], ...] = (
    ("0001_create_tables", create_tables),
    ("0002_stories", add_stories),
    ("0003_search", create_search_index),
    ("0004_fetch_state", create_fetch_state),
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
