"""Claims as the analyses read them: each with its story and its source.

Corroboration, conflicts and promises all compare claims across stories, so
they share one loader and one notion of "the same figure".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from veille.records import json_number
from veille.store import schema
from veille.store.database import Database
from veille.store.queries import find_entity

# The value of these metrics is a year: two years either match or differ.
YEAR_METRICS = frozenset({"founded", "present_since"})
UNIT_FAMILIES = {"vehicles/year": "vehicles"}  # a yearly rate and a count of one output
CHUNK = 500  # ids per IN (...) list: well under SQLite's limit on bound parameters


@dataclass(frozen=True, slots=True)
class ClaimEvidence:
    """One stored claim's figure and where it was read: story, article, sentence."""

    claim_id: int
    value: float | None
    unit: str | None
    qualifier: str
    year: int | None
    story_id: int | None
    article_id: str
    title: str | None
    url: str | None
    published: date | None
    sentence: str

    def to_json(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id,
            "value": json_number(self.value),
            "unit": self.unit,
            "qualifier": self.qualifier,
            "year": self.year,
            "story_id": self.story_id,
            "article_id": self.article_id,
            "title": self.title,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "sentence": self.sentence,
        }


@dataclass(frozen=True, slots=True)
class Fact:
    """A stored claim joined to its subject's name, its story and its article."""

    claim_id: int
    subject_id: int
    subject: str
    metric: str
    status: str
    year: int | None
    value: float | None
    unit: str | None
    qualifier: str
    object_id: int | None
    object: str | None
    story_id: int | None
    article_id: str
    title: str | None
    url: str | None
    published: date | None
    sentence: str

    @property
    def source(self) -> str:
        """What counts as one independent source: the story (the article if it has none)."""
        if self.story_id is None:
            return f"article:{self.article_id}"
        return f"story:{self.story_id}"

    @property
    def unit_family(self) -> str | None:
        return UNIT_FAMILIES.get(self.unit or "", self.unit)

    def evidence(self) -> ClaimEvidence:
        return ClaimEvidence(
            self.claim_id,
            self.value,
            self.unit,
            self.qualifier,
            self.year,
            self.story_id,
            self.article_id,
            self.title,
            self.url,
            self.published,
            self.sentence,
        )


def source_order(fact: Fact) -> tuple[date, str, int]:
    """Earliest publication first: the representative of several copies is the original."""
    return (fact.published or date.max, fact.article_id, fact.claim_id)


def close_values(first: float, second: float, tolerance: float) -> bool:
    """Whether two figures differ by at most `tolerance` of the larger one."""
    return abs(first - second) <= tolerance * max(abs(first), abs(second))


def _facts_select() -> sa.Select[Any]:
    c, a, m = schema.claims, schema.articles, schema.story_members
    subject, obj = schema.entities.alias("subject"), schema.entities.alias("object")
    return (
        sa.select(
            c.c.id.label("claim_id"),
            c.c.subject_id,
            subject.c.name.label("subject"),
            c.c.metric,
            c.c.status,
            c.c.year,
            c.c.value,
            c.c.unit,
            c.c.qualifier,
            c.c.object_id,
            sa.func.coalesce(obj.c.name, c.c.object_name).label("object"),
            m.c.story_id,
            c.c.article_id,
            a.c.title,
            a.c.url,
            a.c.published,
            c.c.sentence,
        )
        .join(subject, subject.c.id == c.c.subject_id)
        .outerjoin(obj, obj.c.id == c.c.object_id)
        .join(a, a.c.id == c.c.article_id)
        .outerjoin(m, m.c.article_id == c.c.article_id)
        .order_by(c.c.id)
    )


def load_facts(db: Database, *conditions: sa.ColumnElement[bool]) -> list[Fact]:
    """Every claim meeting all `conditions` (on `schema.claims` columns), in id order."""
    query = _facts_select().where(*conditions)
    with db.read() as conn:
        return [Fact(**row) for row in conn.execute(query).mappings()]


def load_facts_by_id(db: Database, claim_ids: Sequence[int]) -> list[Fact]:
    """The claims with these ids, read a chunk at a time."""
    ids = sorted(set(claim_ids))
    found: list[Fact] = []
    for chunk in _chunks(ids):
        found += load_facts(db, schema.claims.c.id.in_(chunk))
    return found


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def subject_condition(db: Database, subject: str | None) -> sa.ColumnElement[bool] | None:
    """The condition selecting the claims about `subject` (any alias), or None for all.

    An unknown name gives a condition that matches nothing, as `query_claims` does.
    """
    if subject is None:
        return None
    entity = find_entity(db, subject)
    if entity is None:
        return sa.false()
    e = schema.entities
    return schema.claims.c.subject_id.in_(sa.select(e.c.id).where(e.c.name == entity.name))


def conditions(*maybe: sa.ColumnElement[bool] | None) -> Iterable[sa.ColumnElement[bool]]:
    """The conditions that are set."""
    return [condition for condition in maybe if condition is not None]
