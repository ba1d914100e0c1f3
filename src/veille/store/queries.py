"""Read the store: claims by filter, an organisation's card, name lookups."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from rapidfuzz import fuzz

from veille.records import METRICS, UNLISTED_KIND, Entity, schema_json
from veille.store import schema
from veille.store.database import Database, fold_name

STATUSES = ("actual", "target")
SUGGEST_CUTOFF = 70


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """Which claims `query_claims` returns; every field left None matches all.

    `subject` is any name or alias of an organisation, compared case- and
    accent-insensitively. An unknown `metric` or `status` raises `ValueError`
    listing the valid ones, so a typo never silently returns nothing.
    """

    subject: str | None = None
    metric: str | None = None
    status: str | None = None
    year: int | None = None
    doc: str | None = None
    limit: int | None = None
    offset: int = 0

    def __post_init__(self) -> None:
        if self.metric is not None and self.metric not in METRICS:
            raise ValueError(f"unknown metric {self.metric!r}; valid: {', '.join(METRICS)}")
        if self.status is not None and self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}; valid: {', '.join(STATUSES)}")
        if self.limit is not None and self.limit < 0:
            raise ValueError("limit must be 0 or more")


@dataclass(frozen=True, slots=True)
class StoredClaim:
    """A claim as stored, with its organisation's canonical names and its source."""

    id: int
    doc: str
    subject: str
    subject_mention: str
    metric: str
    value: float | None
    unit: str | None
    status: str
    year: int | None
    qualifier: str
    location: str | None
    object: str | None
    sentence: str
    paragraph: int
    start: int
    end: int
    url: str | None
    title: str | None
    published: date | None

    def to_json(self) -> dict[str, Any]:
        """SCHEMA.md's claim shape, plus the source fields (extra fields are allowed)."""
        return {
            **schema_json(self, self.sentence),
            "url": self.url,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
        }


@dataclass(frozen=True, slots=True)
class MetricClaims:
    """One metric of an organisation: its actuals and its targets, each in time order."""

    metric: str
    actuals: tuple[StoredClaim, ...]
    targets: tuple[StoredClaim, ...]


@dataclass(frozen=True, slots=True)
class EntityCard:
    """Everything the store knows about one organisation."""

    name: str
    kind: str
    aliases: tuple[str, ...]
    country: str | None
    parent: str | None
    metrics: tuple[MetricClaims, ...]


def claims_select() -> sa.Select[Any]:
    c, a = schema.claims, schema.articles
    subject, obj = schema.entities.alias("subject"), schema.entities.alias("object")
    return (
        sa.select(
            c.c.id,
            c.c.article_id.label("doc"),
            subject.c.name.label("subject"),
            c.c.subject_mention,
            c.c.metric,
            c.c.value,
            c.c.unit,
            c.c.status,
            c.c.year,
            c.c.qualifier,
            c.c.location,
            sa.func.coalesce(obj.c.name, c.c.object_name).label("object"),
            c.c.sentence,
            c.c.paragraph,
            c.c.char_start.label("start"),
            c.c.char_end.label("end"),
            a.c.url,
            a.c.title,
            a.c.published,
        )
        .join(subject, subject.c.id == c.c.subject_id)
        .outerjoin(obj, obj.c.id == c.c.object_id)
        .join(a, a.c.id == c.c.article_id)
    )


def entity_id_by_name(conn: sa.Connection, name: str) -> int | None:
    """The id of the entity that `name` (canonical or any alias, folded) designates."""
    al = schema.aliases
    return conn.scalar(sa.select(al.c.entity_id).where(al.c.folded == fold_name(name)))


def _filtered(
    conn: sa.Connection, query: sa.Select[Any], where: ClaimFilter
) -> sa.Select[Any] | None:
    """`query` restricted to the claims `where` selects; None when its subject is unknown."""
    c = schema.claims
    if where.subject is not None:
        subject_id = entity_id_by_name(conn, where.subject)
        if subject_id is None:
            return None
        query = query.where(c.c.subject_id == subject_id)
    for column, wanted in (
        (c.c.metric, where.metric),
        (c.c.status, where.status),
        (c.c.year, where.year),
        (c.c.article_id, where.doc),
    ):
        if wanted is not None:
            query = query.where(column == wanted)
    return query


def count_claims(db: Database, where: ClaimFilter) -> int:
    """How many claims `where` selects, paging aside."""
    with db.read() as conn:
        count = sa.select(sa.func.count()).select_from(schema.claims)
        query = _filtered(conn, count, where)
        return int(conn.scalar(query) or 0) if query is not None else 0


def query_claims(db: Database, where: ClaimFilter) -> list[StoredClaim]:
    """Claims matching `where`, by subject, metric, year (unknown last) and source order."""
    c = schema.claims
    with db.read() as conn:
        query = _filtered(conn, claims_select(), where)
        if query is None:
            return []
        query = query.order_by(
            "subject",
            c.c.metric,
            sa.nulls_last(c.c.year.asc()),
            c.c.article_id,
            c.c.char_start,
            c.c.id,  # a total order, so that pages never overlap on PostgreSQL
        )
        query = query.limit(where.limit).offset(where.offset or None)
        return [StoredClaim(**row) for row in conn.execute(query).mappings()]


def find_entity(db: Database, name: str) -> Entity | None:
    """The organisation that `name` (canonical or any alias) designates."""
    e, al = schema.entities, schema.aliases
    with db.read() as conn:
        found = entity_id_by_name(conn, name)
        if found is None:
            return None
        row = conn.execute(sa.select(e).where(e.c.id == found)).mappings().one()
        names = conn.scalars(
            sa.select(al.c.alias).where(al.c.entity_id == found).order_by(al.c.alias)
        )
        others = tuple(alias for alias in names if alias != row["name"])
    return Entity(row["name"], row["kind"], others, row["country"], row["parent"])


def entity_card(db: Database, name: str) -> EntityCard | None:
    """The card of the organisation `name` designates: its claims grouped by metric.

    Partnerships where it is the partner (the object) are on its card too.
    Within a metric, claims run in time order: the year the claim gives, else
    the year its article was published, then the publication date.
    """
    entity = find_entity(db, name)
    if entity is None:
        return None
    c = schema.claims
    with db.read() as conn:
        entity_id = entity_id_by_name(conn, entity.name)
        mentions = sa.or_(c.c.subject_id == entity_id, c.c.object_id == entity_id)
        query = claims_select().where(mentions)
        rows = [StoredClaim(**row) for row in conn.execute(query).mappings()]
    groups: dict[str, list[StoredClaim]] = defaultdict(list)
    for claim in sorted(rows, key=_time_order):
        groups[claim.metric].append(claim)
    order = {metric: rank for rank, metric in enumerate(METRICS)}
    metrics = tuple(
        MetricClaims(
            metric,
            actuals=tuple(claim for claim in claims if claim.status == "actual"),
            targets=tuple(claim for claim in claims if claim.status == "target"),
        )
        for metric, claims in sorted(groups.items(), key=lambda kv: order.get(kv[0], len(order)))
    )
    e = entity
    return EntityCard(e.name, e.kind, e.aliases, e.country, e.parent, metrics)


def _time_order(claim: StoredClaim) -> tuple[int, date, str, int]:
    published = claim.published or date.max
    year = claim.year or (claim.published.year if claim.published else 9999)
    return (year, published, claim.doc, claim.start)


def unknown_entity_message(name: str, suggestions: list[str]) -> str:
    """`no organisation named 'Renolt'; did you mean: Renault Group?`, in CLI and API alike."""
    hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
    return f"no organisation named {name!r}{hint}"


def suggest_entities(db: Database, name: str, limit: int = 5) -> list[str]:
    """Canonical names of the organisations whose names or aliases look like `name`."""
    e, al = schema.entities, schema.aliases
    with db.read() as conn:
        pairs = conn.execute(sa.select(al.c.folded, e.c.name).join(e, e.c.id == al.c.entity_id))
        owner = {folded: canonical for folded, canonical in pairs}
    query = fold_name(name)
    scored = sorted(
        ((_likeness(query, folded), owner[folded]) for folded in owner),
        key=lambda pair: -pair[0],
    )
    suggestions: list[str] = []
    for score, canonical in scored:
        if score >= SUGGEST_CUTOFF and canonical not in suggestions:
            suggestions.append(canonical)
    return suggestions[:limit]


def _likeness(query: str, name: str) -> float:
    """How much `name` looks like `query` (0-100), both folded.

    A plain ratio catches typos ("renolt" / "renault"); a partial match counts
    only against a longer name ("yazak" / "yazakimorocco"), because a short
    alias is inside too many queries ("le" in "cedracables").
    """
    partial = fuzz.partial_ratio(query, name) if len(name) >= len(query) else 0.0
    return max(fuzz.ratio(query, name), partial)


@dataclass(frozen=True, slots=True)
class EntityRow:
    """An organisation in the store with how much it is cited: for `veille entities`."""

    name: str
    kind: str
    claims: int
    articles: int
    first_seen: str | None  # the first article (by id) that named it as a subject
    listed: bool  # False for an organisation no gazetteer lists (found in the text)


def list_entities(db: Database, *, unlisted_only: bool = False) -> list[EntityRow]:
    """Organisations with their claim and article counts, most cited first.

    `unlisted_only` keeps those no gazetteer lists (kind `UNLISTED_KIND`): the
    names the extractor found by NER or a company form, for an analyst to
    confirm and add to the domain's gazetteer.
    """
    e, c = schema.entities, schema.claims
    query = (
        sa.select(
            e.c.name,
            e.c.kind,
            sa.func.count(c.c.id).label("claims"),
            sa.func.count(sa.distinct(c.c.article_id)).label("articles"),
            sa.func.min(c.c.article_id).label("first_seen"),
        )
        .select_from(e.outerjoin(c, c.c.subject_id == e.c.id))
        .group_by(e.c.id, e.c.name, e.c.kind)
        .order_by(sa.desc("claims"), e.c.name)
    )
    if unlisted_only:
        query = query.where(e.c.kind == UNLISTED_KIND)
    with db.read() as conn:
        rows = conn.execute(query).mappings().all()
    return [
        EntityRow(
            name=row["name"],
            kind=row["kind"],
            claims=row["claims"],
            articles=row["articles"],
            first_seen=row["first_seen"],
            listed=row["kind"] != UNLISTED_KIND,
        )
        for row in rows
    ]


def claim_sources(db: Database, limit: int) -> list[tuple[str, str | None]]:
    """(id, title) of up to `limit` articles that have claims, by title: a source to filter on."""
    a, c = schema.articles, schema.claims
    with_claims = sa.exists().where(c.c.article_id == a.c.id)
    query = (
        sa.select(a.c.id, a.c.title)
        .where(with_claims)
        .order_by(sa.nulls_last(a.c.title.asc()), a.c.id)
        .limit(limit)
    )
    with db.read() as conn:
        return [(row.id, row.title) for row in conn.execute(query)]


def recent_claims(
    db: Database,
    limit: int | None,
    *,
    subjects: Sequence[str] | None = None,
    articles: Sequence[str] | None = None,
) -> list[StoredClaim]:
    """The claims stored last, newest first.

    `subjects` (canonical names) keeps the claims about those organisations,
    `articles` (ids) those read in those articles; given both, either will do.
    """
    c, e = schema.claims, schema.entities
    query = claims_select()
    wanted: list[sa.ColumnElement[bool]] = []
    if subjects is not None:
        named = sa.select(e.c.id).where(e.c.name.in_(list(subjects)))
        wanted.append(c.c.subject_id.in_(named))
    if articles is not None:
        wanted.append(c.c.article_id.in_(list(articles)))
    if wanted:
        query = query.where(sa.or_(*wanted))
    query = query.order_by(c.c.id.desc()).limit(limit)
    with db.read() as conn:
        return [StoredClaim(**row) for row in conn.execute(query).mappings()]
