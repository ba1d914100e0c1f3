"""Ingest processed articles: one transaction per article, safe to run again.

Each article commits together with its entities and claims, so a crash loses
nothing already committed and never leaves half an article. Re-running on the
same input changes nothing (content hashes); an article whose text changed
has its claims replaced. Each article also joins its story (`store.stories`)
in the same transaction: the story of an earlier near-copy, or a new one.

Several processes may ingest into one PostgreSQL database at once: entities
and aliases are inserted conflict-tolerantly, and an article whose
transaction loses a race to another writer is tried again (`lost_a_race`),
so every article, entity, alias and claim is stored once whoever wins.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import Literal

import sqlalchemy as sa
from sqlalchemy import exc

import veille
from veille.records import UNLISTED_KIND, Claim, Entity, Processed, Rejected, json_number
from veille.store import schema
from veille.store.database import Database, fold_name, insert_ignoring, one_line
from veille.store.queries import entity_id_by_name
from veille.store.stories import StoryIndex, assign_story

EntityLookup = Callable[[str], Entity | None]
Progress = Callable[["Processed | Rejected"], None]
Outcome = Literal["new", "updated", "unchanged"]
# An article whose transaction lost a race to another writer is tried again
# this many times in all; each try sees what the winner committed.
ATTEMPTS = 5
# PostgreSQL's codes for a lost race: unique_violation, serialization_failure,
# deadlock_detected.
RACE_SQLSTATES = frozenset({"23505", "40001", "40P01"})


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingest did.

    `new` counts articles stored for the first time, `updated` those already
    stored under the same id whose text changed (their claims were replaced),
    `unchanged` those stored before with the same text. `failed` holds every
    document that could not be stored, with its reason.
    """

    read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: tuple[Rejected, ...] = ()
    claims_added: int = 0
    warnings: tuple[str, ...] = ()


@dataclass(slots=True)
class Tally:
    """The mutable counters behind an `IngestReport` (shared with `engines.load.load_run`)."""

    read: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    failed: list[Rejected] = field(default_factory=list)
    claims_added: int = 0
    warnings: list[str] = field(default_factory=list)

    def count(self, outcome: Outcome, claims: int) -> None:
        """One article stored with this outcome, adding `claims` claims."""
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1
        self.claims_added += claims

    def report(self) -> IngestReport:
        return IngestReport(
            read=self.read,
            new=self.outcomes.get("new", 0),
            updated=self.outcomes.get("updated", 0),
            unchanged=self.outcomes.get("unchanged", 0),
            failed=tuple(self.failed),
            claims_added=self.claims_added,
            warnings=tuple(self.warnings),
        )


def ingest(
    db: Database,
    items: Iterable[Processed | Rejected],
    progress: Progress | None = None,
    lookup_entity: EntityLookup | None = None,
) -> IngestReport:
    """Store a stream of processed articles; rejected documents are reported, not raised.

    `lookup_entity` maps a name to its gazetteer entity (default: the domain's
    `Gazetteer`). A database refusal of one article (a constraint) fails that
    article only; a lost connection or an exception from `items` stops the run,
    keeping every article committed before it.
    """
    lookup = lookup_entity or default_lookup()
    tally = Tally()
    stories = StoryIndex()  # read from the database once, then kept in step
    for item in items:
        tally.read += 1
        if isinstance(item, Rejected):
            tally.failed.append(item)
        else:
            _ingest_one(db, item, lookup, tally, stories)
        if progress is not None:
            progress(item)
    return tally.report()


def _ingest_one(
    db: Database, item: Processed, lookup: EntityLookup, tally: Tally, stories: StoryIndex
) -> None:
    tally.warnings += [f"{item.raw.uri}: {warning}" for warning in item.raw.warnings]
    for attempt in range(1, ATTEMPTS + 1):
        warnings: list[str] = []
        try:
            with db.engine.begin() as conn:
                outcome, added = store_article(conn, item, lookup, warnings, stories)
            break
        except (exc.IntegrityError, exc.DataError, exc.OperationalError) as err:
            stories.discard_staged()
            if attempt < ATTEMPTS and lost_a_race(err):
                time.sleep(random.uniform(0, 0.05 * attempt))  # let the winner commit
                continue
            if isinstance(err, exc.OperationalError):
                raise  # the database itself failed (connection lost): stop the run
            tally.failed.append(Rejected(item.raw.uri, f"database refused it: {one_line(err)}"))
            return
    stories.commit_staged()
    tally.warnings += warnings
    tally.count(outcome, added)


def lost_a_race(err: exc.DBAPIError) -> bool:
    """Whether `err` came from a concurrent writer, so that trying again will pass.

    On PostgreSQL, another process may commit the same article, entity or
    alias between our check and our insert (a unique violation), or the two
    transactions may wait for each other (a deadlock). SQLite takes the write
    lock at BEGIN (see `database`), so no race reaches its constraints.
    """
    return getattr(err.orig, "sqlstate", None) in RACE_SQLSTATES


def store_article(
    conn: sa.Connection,
    item: Processed,
    lookup: EntityLookup,
    warnings: list[str],
    stories: StoryIndex | None = None,
) -> tuple[Outcome, int]:
    """Write one article, its claims and its story inside the caller's transaction.

    `stories` is the run's index; its new entry is staged, for the caller to
    commit once the transaction has. Without one, the stored signatures are
    read for this article alone.
    """
    article = item.article
    a = schema.articles
    # 1. Same id, same text: nothing to do. The row stays locked until commit,
    # so a concurrent writer of the same article waits, then finds it unchanged.
    stored = sa.select(a.c.content_hash).where(a.c.id == article.id).with_for_update()
    stored_hash = conn.scalar(stored)
    if stored_hash == article.content_hash:
        return "unchanged", 0
    # 2. Same text under another id: a syndicated copy; the first one stands.
    twin = conn.scalar(sa.select(a.c.id).where(a.c.content_hash == article.content_hash))
    if twin is not None:
        warnings.append(f"{item.raw.uri}: same text as {twin!r}, not stored again")
        return "unchanged", 0
    # 3. Write the article row, replacing the claims of an older version.
    row = _article_row(item)
    if stored_hash is None:
        conn.execute(sa.insert(a).values(**row))
        outcome: Outcome = "new"
    else:
        conn.execute(sa.delete(schema.claims).where(schema.claims.c.article_id == article.id))
        conn.execute(sa.update(a).where(a.c.id == article.id).values(**row))
        outcome = "updated"
    # 4. Its claims, each once.
    rows = claim_rows(conn, item.claims, lookup)
    if rows:
        conn.execute(sa.insert(schema.claims), rows)
    # 5. Its story: that of an earlier near-copy, or a new one.
    index = stories if stories is not None else StoryIndex()
    index.stage(assign_story(conn, index, article.id, article.text))
    return outcome, len(rows)


def _article_row(item: Processed) -> dict[str, object]:
    article, raw = item.article, item.raw
    return {
        "id": article.id,
        "content_hash": article.content_hash,
        # PostgreSQL text cannot hold NUL, which a JSON Lines record may carry.
        "url": _without_nul(article.url),
        "title": _without_nul(article.title),
        "published": article.published,
        "language": article.language,
        "text": article.text,
        "raw_content": zlib.compress(raw.content.encode("utf-8")),
        "media_type": raw.media_type,
        "source_uri": raw.uri,
        "ingested_at": datetime.now(UTC),
        "extractor_version": veille.__version__,
    }


def _without_nul(text: str | None) -> str | None:
    return text.replace("\x00", "") if text else text


def claim_rows(
    conn: sa.Connection, claims: Iterable[Claim], lookup: EntityLookup
) -> list[dict[str, object]]:
    claims = list(claims)
    names = {name for claim in claims for name in (claim.subject, claim.object) if name}
    # Entities are created in one order (canonical name) in every transaction,
    # so two writers creating the same ones wait for each other, never deadlock.
    canonical = {name: (found.name if (found := lookup(name)) else name) for name in names}
    ids = {
        name: entity_id(conn, name, lookup)
        for name in sorted(names, key=lambda name: canonical[name])
    }
    e = schema.entities
    stored = dict(
        conn.execute(sa.select(e.c.id, e.c.name).where(e.c.id.in_(list(ids.values())))).all()
    )
    rows: dict[str, dict[str, object]] = {}
    for claim in claims:
        subject_id = ids[claim.subject]
        object_id = ids[claim.object] if claim.object else None
        key = claim_key(
            claim.doc, stored[subject_id], claim.metric, claim.value, claim.unit,
            claim.status, claim.year, stored[object_id] if object_id is not None else None,
        )  # fmt: skip
        rows.setdefault(key, _claim_row(claim, subject_id, object_id, key))
    return list(rows.values())


def _claim_row(claim: Claim, subject_id: int, object_id: int | None, key: str) -> dict[str, object]:
    evidence = claim.evidence
    return {
        "article_id": claim.doc,
        "subject_id": subject_id,
        "subject_mention": claim.subject_mention or claim.subject,
        "metric": claim.metric,
        "value": claim.value,
        "unit": claim.unit,
        "status": claim.status,
        "year": claim.year,
        "qualifier": claim.qualifier,
        "location": claim.location,
        "object_id": object_id,
        "object_name": claim.object,
        "sentence": evidence.sentence,
        "paragraph": evidence.paragraph,
        "char_start": evidence.start,
        "char_end": evidence.end,
        "claim_key": key,
    }


def claim_key(
    article_id: str,
    subject: str,
    metric: str,
    value: float | None,
    unit: str | None,
    status: str,
    year: int | None,
    obj: str | None,
) -> str:
    """The identity of a claim within its article, from its content alone.

    `subject` and `obj` are canonical names, never row ids, so one claim has
    one key in every database. The same figure said twice in an article is
    one claim (see `schema.claims.claim_key`).
    """
    parts = [article_id, subject, metric, json_number(value), unit, status, year, obj]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


def entity_id(conn: sa.Connection, name: str, lookup: EntityLookup) -> int:
    """The id of the entity `name` designates, creating it (and its aliases) if new.

    A gazetteer entity is stored under its canonical name with all its aliases;
    a name the gazetteer lacks (found by NER) becomes an `organisation`.
    """
    found = entity_id_by_name(conn, name)
    if found is not None:
        return found
    entity = lookup(name) or Entity(name=name, kind=UNLISTED_KIND)
    e = schema.entities
    by_name = sa.select(e.c.id).where(e.c.name == entity.name)
    existing = conn.scalar(by_name)
    if existing is None:  # another writer may create it meanwhile: then its row stands
        insert = insert_ignoring(conn, e, "name").values(
            name=entity.name, kind=entity.kind, country=entity.country, parent=entity.parent
        )
        conn.execute(insert)
        existing = conn.execute(by_name).scalar_one()
    _add_aliases(conn, int(existing), (*_own_names(entity, lookup), name))
    return int(existing)


def _own_names(entity: Entity, lookup: EntityLookup) -> list[str]:
    """The entity's names that the gazetteer does not give to another entity.

    A brand's entry also lists its parent's names (scoring accepts them for
    the brand); stored as the brand's aliases, they would hand the parent's
    claims to the brand whenever an article about the brand came first.
    """
    names = (entity.name, *entity.aliases)
    return [name for name in names if (owner := lookup(name)) is None or owner.name == entity.name]


def _add_aliases(conn: sa.Connection, entity: int, names: Iterable[str]) -> None:
    """Record the names not yet taken; a folded form already owned keeps its owner."""
    folded: dict[str, str] = {}
    for name in names:
        if fold_name(name):
            folded.setdefault(fold_name(name), name)  # the first spelling wins
    al = schema.aliases
    taken = set(conn.scalars(sa.select(al.c.folded).where(al.c.folded.in_(list(folded)))))
    rows = [
        {"entity_id": entity, "alias": name, "folded": key}
        for key, name in folded.items()
        if key not in taken
    ]
    if rows:  # a form another writer has just taken keeps that owner, as above
        conn.execute(insert_ignoring(conn, al, "folded"), rows)


@cache
def default_lookup() -> EntityLookup:
    """The domain gazetteer's `entity`, loaded once per process."""
    from veille.resolve import Gazetteer  # loaded lazily: it reads the domain files

    return Gazetteer.load().entity
