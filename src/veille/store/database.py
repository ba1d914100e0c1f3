"""`Database`: a veille store behind one SQLAlchemy engine, SQLite or PostgreSQL.

Both engines get the same transaction semantics, so the store has one code path:

- PostgreSQL (`postgresql://…`, read with psycopg 3) runs at READ COMMITTED;
  concurrent writers are made safe by conflict-tolerant inserts and by
  retrying an article whose transaction lost a race (see `ingestion`).
- SQLite serialises writers. pysqlite's own transaction handling only begins
  a transaction before INSERT/UPDATE/DELETE, so reads and DDL would escape it
  and a read-then-write transaction could fail at once with "database is
  locked". So SQLAlchemy emits the BEGIN itself: `BEGIN IMMEDIATE` (the write
  lock is queued for, up to `SQLITE_BUSY_SECONDS`), or a plain deferred
  `BEGIN` for the read-only connections of `Database.read`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Any, Self

import sqlalchemy as sa
from sqlalchemy import event, exc

from veille.resolve.folding import fold_name as fold_name  # the store's alias key
from veille.store import schema
from veille.store.migrations import applied_migrations, migrate

DEFAULT_URL = "sqlite:///veille.db"
SQLITE_BUSY_SECONDS = 60.0  # how long a SQLite writer waits for another one to commit
CONNECT_TIMEOUT_SECONDS = 10  # an unreachable PostgreSQL host fails after this
READ_ONLY = "veille_read_only"  # execution option: a SQLite read takes no write lock
# Serialises `migrate` across processes on PostgreSQL (an arbitrary, fixed key).
MIGRATION_LOCK_KEY = 0x7665696C6C65
POSTGRES_DRIVER = "postgresql+psycopg"  # psycopg 3, the driver veille installs


class StoreError(Exception):
    """A database that cannot be used; the message is one line for a person."""


def database_url(url: str) -> str:
    """A full URL from what a user typed.

    A plain path is a SQLite file; `postgresql://` and `postgres://` mean
    the installed psycopg 3 driver (SQLAlchemy would otherwise look for
    psycopg2). A URL naming its driver is left alone.
    """
    if "://" not in url:
        return f"sqlite:///{url}"
    scheme, rest = url.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return f"{POSTGRES_DRIVER}://{rest}"
    return url


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # SQLAlchemy emits BEGIN itself (`_sqlite_begin`), so pysqlite must not.
    dbapi_connection.isolation_level = None
    # SQLite ignores FOREIGN KEY clauses unless each connection asks for them.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(conn: sa.Connection) -> None:
    # A deferred transaction that reads and then writes cannot wait for the
    # write lock (SQLite would deadlock), so it fails at once under a second
    # writer; an IMMEDIATE one queues for the lock from the start.
    read_only = conn.get_execution_options().get(READ_ONLY, False)
    conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def create_engine(url: str) -> sa.Engine:
    """An engine for `url` (as `database_url` completes it), tuned per backend."""
    full = sa.make_url(database_url(url))
    if full.get_backend_name() == "sqlite":
        engine = sa.create_engine(full, connect_args={"timeout": SQLITE_BUSY_SECONDS})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    connect_args: dict[str, Any] = {}
    if full.get_backend_name() == "postgresql" and "connect_timeout" not in full.query:
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_SECONDS
    return sa.create_engine(full, connect_args=connect_args)


class Database:
    """A veille database: create with `Database.connect(url)`, pass to the store functions."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    @classmethod
    def connect(cls, url: str = DEFAULT_URL) -> Self:
        """Open (and create or migrate if needed) the database at `url`.

        Raises `StoreError` with a one-line reason when the URL is malformed, its
        driver is missing, the server or file cannot be reached, or the server
        refuses the login.
        """
        try:
            engine = create_engine(url)
        except (exc.ArgumentError, exc.NoSuchModuleError, ImportError) as err:
            message = f"cannot use database URL {_hide_password(url)}: {one_line(err)}"
            raise StoreError(message) from None
        database = cls(engine)
        try:
            migrate_safely(engine)
        except exc.SQLAlchemyError as err:
            engine.dispose()
            message = f"cannot open database {database.display_url}: {one_line(err)}"
            raise StoreError(message) from None
        return database

    @property
    def display_url(self) -> str:
        """The URL with any password hidden, for messages."""
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        """A connection for reading only: on SQLite it never holds the write lock."""
        with self.engine.connect().execution_options(**{READ_ONLY: True}) as conn:
            yield conn

    def count(self, table: str) -> int:
        """Number of rows in one of the store's tables."""
        with self.read() as conn:
            query = sa.select(sa.func.count()).select_from(schema.metadata.tables[table])
            return int(conn.scalar(query) or 0)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def migrate_safely(engine: sa.Engine) -> None:
    """`migrate`, safe when several processes open a fresh database at once.

    Each would otherwise find the migrations missing and apply them too. On
    PostgreSQL a side transaction holds an advisory lock while `migrate` runs,
    so they take turns. On SQLite each migration's transaction holds the write
    lock, but `migrate` decides what to run before taking it: a process that
    lost that race fails, sees that another one made progress meanwhile, and
    runs `migrate` again; a failure with no progress elsewhere is a real error.
    """
    with _migration_lock(engine):
        while True:
            before = applied_migrations(engine)
            try:
                migrate(engine)
                return
            except exc.SQLAlchemyError:
                if applied_migrations(engine) == before:
                    raise


@contextmanager
def _migration_lock(engine: sa.Engine) -> Iterator[None]:
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.begin() as lock:
        lock.execute(sa.select(sa.func.pg_advisory_xact_lock(MIGRATION_LOCK_KEY)))
        yield


def _hide_password(url: str) -> str:
    try:
        return sa.make_url(database_url(url)).render_as_string(hide_password=True)
    except exc.ArgumentError:
        return repr(url)  # not even parseable, so there is no password to find in it


def one_line(err: BaseException) -> str:
    """The first line of a driver error, without SQLAlchemy's background link."""
    if isinstance(err, exc.DBAPIError) and err.orig is not None:
        err = err.orig
    text = str(err).strip().splitlines()
    return text[0] if text else type(err).__name__


def insert_ignoring(conn: sa.Connection, table: sa.Table, key: str) -> sa.Insert:
    """`INSERT … ON CONFLICT (key) DO NOTHING` in the connection's SQL dialect.

    Two writers inserting the same unique value at once is then no error: the
    second waits for the first to commit and inserts nothing, and a `SELECT`
    after it finds the winner's row. A backend without the clause gets a
    plain insert, correct as long as one process writes at a time.
    """
    # Each dialect is imported when a connection uses it: SQLite users never load PostgreSQL's.
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table).on_conflict_do_nothing(index_elements=[key])
    if conn.dialect.name == "sqlite":
        from sqlalchemy.dialects import sqlite

        return sqlite.insert(table).on_conflict_do_nothing(index_elements=[key])
    return sa.insert(table)
