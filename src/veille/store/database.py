"""`Database`: a veille store behind one SQLAlchemy engine, SQLite or PostgreSQL."""

from __future__ import annotations

import unicodedata
from types import TracebackType
from typing import Any, Self

import sqlalchemy as sa
from sqlalchemy import event, exc

from veille.store import schema
from veille.store.migrations import migrate

DEFAULT_URL = "sqlite:///veille.db"
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "Œ": "oe", "Æ": "ae"})


class StoreError(Exception):
    """A database that cannot be used; the message is one line for a person."""


def fold_name(name: str) -> str:
    """Lookup key of a name: no case, accents, spaces or punctuation.

    The scorer compares names the same way, so "Groupe Renault", "groupe
    renault" and "Groupe-Rénault" all find one entity.
    """
    decomposed = unicodedata.normalize("NFKD", name.casefold().translate(LIGATURES))
    return "".join(char for char in decomposed if char.isalnum())


def database_url(url: str) -> str:
    """A full URL from what a user typed: a plain path is a SQLite file."""
    return url if "://" in url else f"sqlite:///{url}"


def _enable_sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    # SQLite ignores FOREIGN KEY clauses unless each connection asks for them.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class Database:
    """A veille database: create with `Database.connect(url)`, pass to the store functions."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    @classmethod
    def connect(cls, url: str = DEFAULT_URL) -> Self:
        """Open (and create or migrate if needed) the database at `url`.

        Raises `StoreError` with a one-line reason when the URL is malformed, its
        driver is missing or the server or file cannot be reached.
        """
        full = database_url(url)
        try:
            engine = sa.create_engine(full)
        except (exc.ArgumentError, exc.NoSuchModuleError, ImportError) as err:
            message = f"cannot use database URL {_hide_password(full)}: {one_line(err)}"
            raise StoreError(message) from None
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _enable_sqlite_foreign_keys)
        database = cls(engine)
        try:
            migrate(engine)
        except exc.SQLAlchemyError as err:
            engine.dispose()
            message = f"cannot open database {database.display_url}: {one_line(err)}"
            raise StoreError(message) from None
        return database

    @property
    def display_url(self) -> str:
        """The URL with any password hidden, for messages."""
        return self.engine.url.render_as_string(hide_password=True)

    def count(self, table: str) -> int:
        """Number of rows in one of the store's tables."""
        with self.engine.connect() as conn:
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


def _hide_password(url: str) -> str:
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except exc.ArgumentError:
        return repr(url)  # not even parseable, so there is no password to find in it


def one_line(err: BaseException) -> str:
    """The first line of a driver error, without SQLAlchemy's background link."""
    if isinstance(err, exc.DBAPIError) and err.orig is not None:
        err = err.orig
    text = str(err).strip().splitlines()
    return text[0] if text else type(err).__name__
