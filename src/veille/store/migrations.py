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


MIGRATIONS: tuple[tuple[str, Migration], ...] = (("0001_create_tables", create_tables),)


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
