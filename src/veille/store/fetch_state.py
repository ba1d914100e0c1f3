"""What `veille fetch` remembers between runs, so each run does only new work.

Two tables (migration `0004_fetch_state`): `feed_state` keeps each feed's
ETag and Last-Modified from its last complete read, so an unchanged feed costs
a 304; `page_urls` maps every canonical URL an article was reached by to the
article's id, so a URL seen before is never fetched again, from any feed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from veille.records import Article
from veille.store import schema
from veille.store.database import Database, insert_ignoring


@dataclass(frozen=True, slots=True)
class FeedState:
    """One feed's memory: the validators to send back, and how its last read went."""

    url: str
    etag: str | None
    last_modified: str | None
    fetched_at: datetime
    status: str


def feed_state(db: Database, url: str) -> FeedState | None:
    """The stored state of the feed at `url`, if it was ever read."""
    f = schema.feed_state
    with db.read() as conn:
        row = conn.execute(sa.select(f).where(f.c.url == url)).mappings().first()
    return FeedState(**row) if row is not None else None


def save_feed_state(
    db: Database,
    url: str,
    status: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    keep_validators: bool = False,
) -> None:
    """Record a feed read; `keep_validators` leaves the stored ETag/Last-Modified as they were.

    A read that failed, or whose pages are not all handled yet, must keep the
    old validators: storing the new ones would make the next read a 304 and
    hide the pages still to fetch.
    """
    f = schema.feed_state
    values: dict[str, object] = {"fetched_at": datetime.now(UTC), "status": status}
    if not keep_validators:
        values |= {"etag": etag, "last_modified": last_modified}
    with db.engine.begin() as conn:
        # Insert-if-missing then update: two watchers reading one feed at once never collide.
        conn.execute(insert_ignoring(conn, f, "url").values(url=url, **values))
        conn.execute(sa.update(f).where(f.c.url == url).values(**values))


def known_urls(db: Database, urls: Iterable[str]) -> dict[str, str]:
    """Which of these canonical URLs already lead to a stored article, and to which."""
    wanted = list(dict.fromkeys(urls))
    p = schema.page_urls
    found: dict[str, str] = {}
    with db.read() as conn:
        for start in range(0, len(wanted), 500):  # keep the IN list within driver limits
            chunk = wanted[start : start + 500]
            query = sa.select(p.c.url, p.c.article_id).where(p.c.url.in_(chunk))
            found.update({url: article for url, article in conn.execute(query)})
    return found


def remember_urls(db: Database, urls: Iterable[str], article_id: str) -> None:
    """Record that these canonical URLs lead to `article_id` (one transaction)."""
    p = schema.page_urls
    now = datetime.now(UTC)
    with db.engine.begin() as conn:
        for url in dict.fromkeys(urls):
            row = {"url": url, "article_id": article_id, "first_seen": now}
            conn.execute(insert_ignoring(conn, p, "url").values(**row))
            conn.execute(
                sa.update(p)
                .where(p.c.url == url, p.c.article_id != article_id)
                .values(article_id=article_id)
            )


def stored_article_id(db: Database, article: Article) -> str | None:
    """The id under which this article's text is stored: its own, or an earlier copy's."""
    a = schema.articles
    with db.read() as conn:
        same = sa.select(a.c.id).where(
            a.c.id == article.id, a.c.content_hash == article.content_hash
        )
        if (found := conn.scalar(same)) is not None:
            return str(found)
        twin = conn.scalar(sa.select(a.c.id).where(a.c.content_hash == article.content_hash))
    return str(twin) if twin is not None else None


def article_state(db: Database, article: Article) -> str:
    """What storing `article` will do: `new`, `updated` (same id, new text) or `unchanged`."""
    a = schema.articles
    with db.read() as conn:
        stored_hash = conn.scalar(sa.select(a.c.content_hash).where(a.c.id == article.id))
        twin = conn.scalar(sa.select(a.c.id).where(a.c.content_hash == article.content_hash))
    if stored_hash == article.content_hash or twin is not None:
        return "unchanged"
    return "new" if stored_hash is None else "updated"
