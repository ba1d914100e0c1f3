"""Re-read history with today's code: every stored article cleaned and extracted again.

Each article's raw form is stored (zlib) beside its cleaned text, so a better
cleaner or extractor can be run over everything already collected. Claims
are compared by their identity (`claim_key`): a key only the new run gives is
*added*, one only the database holds is *removed*, one both hold with other
details (qualifier, location, sentence, span, or a value edited in place) is
*changed*. Claims that did not change keep their row and id, so anything
pointing at them stays valid. Each article is one transaction, and a second
run over the same code changes nothing.
"""

from __future__ import annotations

import re
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import exc

import veille
from veille.records import Processed, RawDoc, Rejected
from veille.store import schema
from veille.store.database import Database, one_line
from veille.store.ingestion import EntityLookup, claim_rows, default_lookup
from veille.store.stories import StoryIndex, assign_story

# `veille.pipeline.process_all`, passed in: the store loads no model and imports no stage above it.
ProcessAll = Callable[[Iterable[RawDoc | Rejected]], Iterator[Processed | Rejected]]
ARTICLE_FIELDS = ("text", "title", "published", "language", "url")
# Claim columns compared for "changed"; id, article_id and claim_key are identity.
CLAIM_FIELDS = (
    "subject_id", "subject_mention", "metric", "value", "unit", "status", "year", "qualifier",
    "location", "object_id", "object_name", "sentence", "paragraph", "char_start", "char_end",
)  # fmt: skip
# JSON Lines records carry their title and date beside the text, and only the
# text is in raw_content: for them, those two are taken as stored.
_JSONL_URI = re.compile(r"\.jsonl line \d+$")


@dataclass(frozen=True, slots=True)
class ArticleChange:
    """What reprocessing changed in one article."""

    article_id: str
    added: int = 0
    removed: int = 0
    changed: int = 0
    fields: tuple[str, ...] = ()  # article fields that changed (text, title...)


@dataclass(frozen=True, slots=True)
class ReprocessReport:
    """A whole reprocess run: one entry per article that changed, failures with reasons."""

    articles: int
    changes: tuple[ArticleChange, ...]
    failed: tuple[Rejected, ...] = ()
    stopped: bool = False

    @property
    def claims_added(self) -> int:
        return sum(change.added for change in self.changes)

    @property
    def claims_removed(self) -> int:
        return sum(change.removed for change in self.changes)

    @property
    def claims_changed(self) -> int:
        return sum(change.changed for change in self.changes)

    @property
    def unchanged(self) -> int:
        return self.articles - len(self.changes) - len(self.failed)


def reprocess(
    db: Database,
    process_all: ProcessAll,
    *,
    progress: Callable[[str, int], None] | None = None,
    lookup_entity: EntityLookup | None = None,
    stop: threading.Event | None = None,
) -> ReprocessReport:
    """Clean and extract every stored article again and store the differences.

    `process_all` is the pipeline (`veille.pipeline.process_all`);
    `progress(article_id, total)` is called after each article; `stop`, when
    set, ends the run between two articles, and only then is it `stopped`
    (an article deleted during the run is not a reason).
    """
    lookup = lookup_entity or default_lookup()
    ids = _article_ids(db)
    stories = StoryIndex()
    changes: list[ArticleChange] = []
    failed: list[Rejected] = []
    done = 0
    stopped = False
    for article_id, raw in _raw_documents(db, ids):
        if stop is not None and stop.is_set():
            stopped = True
            break
        item = next(process_all([raw]))
        if isinstance(item, Rejected):
            failed.append(Rejected(article_id, item.reason))
        else:
            outcome = _store(db, item, lookup, stories)
            if isinstance(outcome, Rejected):
                failed.append(outcome)
            elif outcome is not None:
                changes.append(outcome)
        done += 1
        if progress is not None:
            progress(article_id, len(ids))
    return ReprocessReport(done, tuple(changes), tuple(failed), stopped=stopped)


def _article_ids(db: Database) -> list[str]:
    a = schema.articles
    with db.read() as conn:
        return list(conn.scalars(sa.select(a.c.id).order_by(a.c.ingested_at, a.c.id)))


def _raw_documents(db: Database, ids: list[str]) -> Iterator[tuple[str, RawDoc]]:
    """Each stored article as the raw document it was made from, read one at a time."""
    a = schema.articles
    for article_id in ids:
        with db.read() as conn:
            row = conn.execute(sa.select(a).where(a.c.id == article_id)).mappings().first()
        if row is not None:  # deleted since the run started
            yield article_id, raw_document(row)


def raw_document(row: sa.RowMapping) -> RawDoc:
    """The `RawDoc` an `articles` row was made from (its raw form, URL and source)."""
    metadata = {"url": row["url"]} if row["url"] else {}
    if _JSONL_URI.search(row["source_uri"]):
        if row["title"]:
            metadata["title"] = row["title"]
        if row["published"]:
            metadata["published"] = row["published"].isoformat()
    return RawDoc(
        id=row["id"],
        uri=row["source_uri"],
        content=zlib.decompress(row["raw_content"]).decode("utf-8"),
        media_type="text/html" if row["media_type"] == "text/html" else "text/plain",
        metadata=metadata,
    )


def _store(
    db: Database, item: Processed, lookup: EntityLookup, stories: StoryIndex
) -> ArticleChange | Rejected | None:
    try:
        with db.engine.begin() as conn:
            change = apply_reprocessed(conn, item, lookup, stories)
    except (exc.IntegrityError, exc.DataError) as err:
        stories.discard_staged()
        return Rejected(item.article.id, f"database refused it: {one_line(err)}")
    stories.commit_staged()
    return change


def apply_reprocessed(
    conn: sa.Connection, item: Processed, lookup: EntityLookup, stories: StoryIndex
) -> ArticleChange | None:
    """Bring one stored article in line with `item`, inside the caller's transaction.

    Returns what changed, or None when the article was already up to date.
    """
    article = item.article
    a, c = schema.articles, schema.claims
    stored = conn.execute(sa.select(a).where(a.c.id == article.id)).mappings().one()
    # 1. The article's own fields.
    fresh = {
        "text": article.text,
        "title": article.title,
        "published": article.published,
        "language": article.language,
        "url": article.url,
    }
    fields = tuple(name for name in ARTICLE_FIELDS if stored[name] != fresh[name])
    # 2. Its claims, old and new, by identity.
    old = {
        row["claim_key"]: row
        for row in conn.execute(sa.select(c).where(c.c.article_id == article.id)).mappings()
    }
    new = {row["claim_key"]: row for row in claim_rows(conn, item.claims, lookup)}
    added = [new[key] for key in new.keys() - old.keys()]
    removed = [old[key]["id"] for key in old.keys() - new.keys()]
    changed = [
        (old[key]["id"], new[key])
        for key in new.keys() & old.keys()
        if any(old[key][name] != new[key][name] for name in CLAIM_FIELDS)
    ]
    if not (fields or added or removed or changed):
        if stored["extractor_version"] != veille.__version__:
            conn.execute(
                sa.update(a)
                .where(a.c.id == article.id)
                .values(extractor_version=veille.__version__)
            )
        return None
    # 3. Write the differences; unchanged claims keep their rows.
    if removed:
        conn.execute(sa.delete(c).where(c.c.id.in_(removed)))
    for claim_id, row in changed:
        conn.execute(
            sa.update(c).where(c.c.id == claim_id).values(**{k: row[k] for k in CLAIM_FIELDS})
        )
    if added:
        conn.execute(sa.insert(c), added)
    values = {
        **fresh,
        "content_hash": article.content_hash,
        "extractor_version": veille.__version__,
    }
    conn.execute(sa.update(a).where(a.c.id == article.id).values(**values))
    if "text" in fields:  # a new text may belong to another story
        stories.stage(assign_story(conn, stories, article.id, article.text))
    return ArticleChange(article.id, len(added), len(removed), len(changed), fields)
