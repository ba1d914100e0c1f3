"""Migrations: frozen DDL that gives `schema`, and claim keys that mean the same everywhere."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from test_store import batch, claim, db, lookup, processed  # noqa: F401  (db is a fixture)
from veille.store import Database, ingest, schema
from veille.store.ingestion import claim_key
from veille.store.migrations import MIGRATIONS, migrate


def shape(engine: sa.Engine) -> dict[str, Any]:
    """Tables, columns (type, nullability), indexes and unique constraints, as stored."""
    inspector = sa.inspect(engine)
    found: dict[str, Any] = {}
    for table in inspector.get_table_names():
        if table not in schema.metadata.tables:  # the search index: its migration's own SQL
            continue
        found[table] = {
            "columns": {
                col["name"]: (str(col["type"]), col["nullable"])
                for col in inspector.get_columns(table)
            },
            "indexes": sorted(
                (ix["name"], tuple(ix["column_names"]))
                for ix in inspector.get_indexes(table)
                if not str(ix["name"]).startswith("ix_articles_search")
            ),
            "unique": sorted(
                tuple(u["column_names"]) for u in inspector.get_unique_constraints(table)
            ),
        }
    return found


def test_the_migrations_give_the_declared_schema(tmp_path: Any) -> None:
    with Database.connect(f"sqlite:///{tmp_path / 'migrated.db'}") as migrated:
        made = shape(migrated.engine)
    declared = sa.create_engine(f"sqlite:///{tmp_path / 'declared.db'}")
    schema.metadata.create_all(declared)
    assert made == shape(declared)


def test_editing_a_table_in_schema_does_not_change_migration_0001(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    edited = sa.Table(
        "claims", sa.MetaData(), *(sa.Column(col.name, col.type) for col in schema.claims.columns),
        sa.Column("added_later", sa.Text),
    )  # fmt: skip
    monkeypatch.setattr(schema, "claims", edited)
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'veille.db'}")
    with engine.begin() as conn:
        dict(MIGRATIONS)["0001_create_tables"](conn)
    columns = {col["name"] for col in sa.inspect(engine).get_columns("claims")}
    assert "added_later" not in columns and "claim_key" in columns


def keys(database: Database) -> set[str]:
    with database.engine.connect() as conn:
        return set(conn.scalars(sa.select(schema.claims.c.claim_key)))


def test_a_claim_has_one_key_in_every_database(tmp_path: Any) -> None:
    # Entities created in another order get other ids; the keys must not change.
    with Database.connect(f"sqlite:///{tmp_path / 'one.db'}") as one:
        ingest(one, batch(), lookup_entity=lookup)
        first = keys(one)
    with Database.connect(f"sqlite:///{tmp_path / 'two.db'}") as two:
        ingest(two, list(reversed(batch())), lookup_entity=lookup)
        second = keys(two)
    assert first == second and len(first) == 3
    expected = claim_key("b.txt", "SOMACA", "production_volume", 94801, "vehicles",
                         "actual", 2023, None)  # fmt: skip
    assert expected in first


def test_migration_0005_gives_old_databases_content_keys(db: Database) -> None:  # noqa: F811
    text = "Renault Maroc emploie 11 000 personnes. Renault Maroc emploie 11 000 personnes."
    twice = [
        claim("c.txt", "Renault Maroc", "employment", 11000, "people", year=2023),
        claim("c.txt", "Renault Maroc", "employment", 11000, "people", year=2023, start=40),
    ]
    ingest(db, [*batch(), processed("c.txt", text, twice)], lookup_entity=lookup)
    today = keys(db)
    c, m = schema.claims, schema.schema_migrations
    with db.engine.begin() as conn:  # as an older veille stored them: keys from row ids
        for claim_id in conn.scalars(sa.select(c.c.id)).all():
            conn.execute(sa.update(c).where(c.c.id == claim_id).values(claim_key=f"old-{claim_id}"))
        first = conn.execute(sa.select(c).where(c.c.article_id == "c.txt")).mappings().one()
        copy = {k: v for k, v in first.items() if k != "id"} | {"claim_key": "old-copy"}
        conn.execute(sa.insert(c).values(copy))  # the same fact stored at two places
        conn.execute(sa.delete(m).where(m.c.name == "0005_content_claim_keys"))
    assert migrate(db.engine) == ["0005_content_claim_keys"]
    assert keys(db) == today
    assert db.count("claims") == 4  # the copy merged into its first row
