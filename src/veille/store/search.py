"""Full-text search over article text and organisation names, in the database's own SQL.

SQLite answers from two FTS5 tables, `articles_fts` (title and text) and
`aliases_fts` (every name of every organisation), that triggers keep in step
with `articles` and `aliases`, so ingest needs to know nothing about search.
They hold their own copy of the text, keyed by the article id: an
external-content table would key on SQLite's implicit rowid, which `VACUUM`
may renumber for a table with a text primary key.

PostgreSQL answers with `to_tsvector('simple', …) @@ plainto_tsquery(…)` over
GIN expression indexes: nothing to keep in sync. The `simple` configuration
(no stemming) because articles mix French and English.

Migration `0003_search` creates either and fills it from the rows already
stored, so a database created before search existed is searchable as soon as
it is opened.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from veille.resolve.folding import fold
from veille.store import schema
from veille.store.database import Database, fold_name

MAX_TERMS = 12
SNIPPET_CHARS = 220
_TOKENIZER = "tokenize='unicode61 remove_diacritics 2'"
_PG_ARTICLE = "to_tsvector('simple', coalesce(title, '') || ' ' || text)"

_SQLITE_DDL = (
    "CREATE VIRTUAL TABLE articles_fts "
    f"USING fts5(article_id UNINDEXED, title, text, {_TOKENIZER})",
    f"CREATE VIRTUAL TABLE aliases_fts USING fts5(entity_id UNINDEXED, alias, {_TOKENIZER})",
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (article_id, title, text)
        VALUES (new.id, coalesce(new.title, ''), new.text);
    END""",
    """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        DELETE FROM articles_fts WHERE article_id = old.id;
        INSERT INTO articles_fts (article_id, title, text)
        VALUES (new.id, coalesce(new.title, ''), new.text);
    END""",
    """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        DELETE FROM articles_fts WHERE article_id = old.id;
    END""",
    """CREATE TRIGGER aliases_fts_insert AFTER INSERT ON aliases BEGIN
        INSERT INTO aliases_fts (entity_id, alias) VALUES (new.entity_id, new.alias);
    END""",
    """CREATE TRIGGER aliases_fts_delete AFTER DELETE ON aliases BEGIN
        DELETE FROM aliases_fts WHERE entity_id = old.entity_id AND alias = old.alias;
    END""",
    # Rows stored before this migration ran.
    "INSERT INTO articles_fts (article_id, title, text) "
    "SELECT id, coalesce(title, ''), text FROM articles",
    "INSERT INTO aliases_fts (entity_id, alias) SELECT entity_id, alias FROM aliases",
)
_POSTGRES_DDL = (
    f"CREATE INDEX IF NOT EXISTS ix_articles_fulltext ON articles USING gin ({_PG_ARTICLE})",
    "CREATE INDEX IF NOT EXISTS ix_aliases_fulltext ON aliases "
    "USING gin (to_tsvector('simple', alias))",
)


@dataclass(frozen=True, slots=True)
class EntityMatch:
    """An organisation one of whose names matches the query."""

    name: str
    kind: str
    alias: str  # the name that matched


@dataclass(frozen=True, slots=True)
class ArticleMatch:
    """An article whose title or text matches, with the passage around the first match."""

    id: str
    title: str | None
    url: str | None
    published: date | None
    snippet: str


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: str
    entities: tuple[EntityMatch, ...]
    articles: tuple[ArticleMatch, ...]


def create_search_index(conn: sa.Connection) -> None:
    """Migration 3: the full-text index of this dialect, filled from the stored rows."""
    if conn.dialect.name == "sqlite":
        if not _sqlite_has_fts5(conn):
            return  # `search` falls back to LIKE on such a build
        statements: Sequence[str] = _SQLITE_DDL
    elif conn.dialect.name == "postgresql":
        statements = _POSTGRES_DDL
    else:
        return
    for statement in statements:
        conn.exec_driver_sql(statement)


def _sqlite_has_fts5(conn: sa.Connection) -> bool:
    options = set(conn.exec_driver_sql("PRAGMA compile_options").scalars())
    return "ENABLE_FTS5" in options


def search_terms(query: str) -> list[str]:
    """The words of a query, lower-cased; punctuation and search operators are dropped.

    Users type free text, not FTS syntax: keeping only word characters means a
    stray quote or `NEAR(` can never turn into a syntax error.
    """
    return re.findall(r"\w+", query.casefold())[:MAX_TERMS]


def search(db: Database, query: str, limit: int = 20) -> SearchResults:
    """Organisations whose names match `query`, and articles whose title or text does."""
    return SearchResults(
        query=query,
        entities=tuple(search_entities(db, query, limit)),
        articles=tuple(search_articles(db, query, limit)),
    )


def search_articles(db: Database, query: str, limit: int = 20) -> list[ArticleMatch]:
    """Articles holding every word of `query`, best match first."""
    terms = search_terms(query)
    if not terms or limit <= 0:
        return []
    with db.read() as conn:
        ids = _article_ids(conn, terms, limit)
        a = schema.articles
        columns = (a.c.id, a.c.title, a.c.url, a.c.published, a.c.text)
        rows = {row.id: row for row in conn.execute(sa.select(*columns).where(a.c.id.in_(ids)))}
    return [
        ArticleMatch(
            id=row.id,
            title=row.title,
            url=row.url,
            published=row.published,
            snippet=snippet(row.text, terms),
        )
        for row in (rows[found] for found in ids if found in rows)
    ]


def _article_ids(conn: sa.Connection, terms: list[str], limit: int) -> list[str]:
    if conn.dialect.name == "postgresql":
        sql = (
            f"SELECT id FROM articles WHERE {_PG_ARTICLE} @@ plainto_tsquery('simple', :q) "
            f"ORDER BY ts_rank({_PG_ARTICLE}, plainto_tsquery('simple', :q)) DESC, id LIMIT :n"
        )
        params: dict[str, object] = {"q": " ".join(terms), "n": limit}
    elif _has_table(conn, "articles_fts"):
        sql = (
            "SELECT article_id FROM articles_fts WHERE articles_fts MATCH :q ORDER BY rank LIMIT :n"
        )
        params = {"q": " ".join(f'"{term}"' for term in terms), "n": limit}
    else:
        return _article_ids_by_like(conn, terms, limit)
    return list(conn.execute(sa.text(sql), params).scalars())


def _article_ids_by_like(conn: sa.Connection, terms: list[str], limit: int) -> list[str]:
    """Without a full-text index: every word somewhere in the title or text."""
    a = schema.articles
    document = sa.func.lower(sa.func.coalesce(a.c.title, "") + " " + a.c.text)
    query = sa.select(a.c.id).order_by(a.c.id).limit(limit)
    for term in terms:
        query = query.where(document.contains(term, autoescape=True))
    return list(conn.scalars(query))


def search_entities(db: Database, query: str, limit: int = 20) -> list[EntityMatch]:
    """Organisations with a name that starts with the query's words, or contains it folded.

    Word prefixes find `Renault Group` from `renau`; the folded substring
    (case, accents and spaces ignored) finds it from `renaultgroup` too.
    """
    terms = search_terms(query)
    if not terms or limit <= 0:
        return []
    al, e = schema.aliases, schema.entities
    with db.read() as conn:
        hits = _alias_hits(conn, terms, limit * 4)
        folded = fold_name(query)
        if folded:
            substring = sa.select(al.c.entity_id, al.c.alias).where(al.c.folded.contains(folded))
            hits += [(row.entity_id, row.alias) for row in conn.execute(substring.limit(limit * 4))]
        first_alias: dict[int, str] = {}
        for entity_id, alias in hits:
            first_alias.setdefault(int(entity_id), alias)
        wanted = list(first_alias)[:limit]
        rows = conn.execute(sa.select(e.c.id, e.c.name, e.c.kind).where(e.c.id.in_(wanted)))
        entities = {row.id: row for row in rows}
    return [
        EntityMatch(entities[i].name, entities[i].kind, first_alias[i])
        for i in wanted
        if i in entities
    ]


def _alias_hits(conn: sa.Connection, terms: list[str], limit: int) -> list[tuple[int, str]]:
    if conn.dialect.name == "postgresql":
        sql = (
            "SELECT entity_id, alias FROM aliases "
            "WHERE to_tsvector('simple', alias) @@ to_tsquery('simple', :q) "
            "ORDER BY length(alias), alias LIMIT :n"
        )
        params: dict[str, object] = {"q": " & ".join(f"{term}:*" for term in terms), "n": limit}
    elif _has_table(conn, "aliases_fts"):
        sql = (
            "SELECT entity_id, alias FROM aliases_fts "
            "WHERE aliases_fts MATCH :q ORDER BY rank LIMIT :n"
        )
        params = {"q": " ".join(f'"{term}"*' for term in terms), "n": limit}
    else:
        return []
    return [(int(row[0]), str(row[1])) for row in conn.execute(sa.text(sql), params)]


def _has_table(conn: sa.Connection, name: str) -> bool:
    return sa.inspect(conn).has_table(name)


def snippet(text: str, terms: Sequence[str], width: int = SNIPPET_CHARS) -> str:
    """About `width` characters of `text` around the query's first occurrence.

    Matching ignores case and accents, like the index does; the passage is cut
    at word boundaries and marked with `…` where it does not reach the end.
    """
    centre = _first_match(fold(text), [fold(t) for t in terms if t])
    start = max(0, centre - width // 3)
    end = min(len(text), start + width)
    if start > 0:
        start = _next_word(text, start)
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    passage = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + passage + ("…" if end < len(text) else "")


def _first_match(folded: str, terms: list[str]) -> int:
    """Where the whole query appears as a phrase, else its longest word, else the start."""
    if not terms:
        return 0
    phrase = re.search(r"\b" + r"\W+".join(map(re.escape, terms)), folded)
    if phrase:
        return phrase.start()
    for term in sorted(terms, key=len, reverse=True):
        found = re.search(rf"\b{re.escape(term)}", folded)
        if found:
            return found.start()
    return 0


def _next_word(text: str, index: int) -> int:
    space = text.find(" ", index)
    return space + 1 if 0 <= space < index + 30 else index
