"""Corroboration: how many independent stories state the same figure.

Ten sites republishing one dispatch are one source, not ten: a claim's
support is the number of distinct stories with a claim that agrees with it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence

import sqlalchemy as sa

from veille.analyze.facts import (
    CHUNK,
    YEAR_METRICS,
    Fact,
    close_values,
    load_facts,
    load_facts_by_id,
)
from veille.store import schema
from veille.store.database import Database

AGREEMENT_TOLERANCE = 0.01  # the scorer's own rule for "the same value"


def agreement_key(fact: Fact) -> tuple[Hashable, ...]:
    """What two claims must share to be able to agree.

    A partnership is about a pair, whichever side the article named first; a
    figure is about one subject. Units are compared by family, so a capacity
    in `vehicles/year` meets one in `vehicles`, but euros never meet dirhams.
    """
    if fact.metric == "partnership":
        partner = fact.object_id if fact.object_id is not None else fact.object
        who: Hashable = frozenset({fact.subject_id, partner})
    else:
        who = fact.subject_id
    return (who, fact.metric, fact.status, fact.year, fact.unit_family)


def agrees(first: Fact, second: Fact) -> bool:
    """Same key (checked by the caller) and the same value: equal years, within 1 % otherwise."""
    if first.value is None or second.value is None:
        return first.value is None and second.value is None
    if first.metric in YEAR_METRICS:
        return first.value == second.value
    return close_values(first.value, second.value, AGREEMENT_TOLERANCE)


def corroboration_counts(db: Database, claim_ids: Sequence[int] | None = None) -> dict[int, int]:
    """Claim id → number of independent stories supporting it (at least 1: its own).

    Without `claim_ids`, every stored claim is counted. Unknown ids are left out.
    """
    wanted = load_facts(db) if claim_ids is None else load_facts_by_id(db, claim_ids)
    if not wanted:
        return {}
    pool = wanted if claim_ids is None else _neighbours(db, wanted)
    groups: dict[tuple[Hashable, ...], list[Fact]] = defaultdict(list)
    for fact in pool:
        groups[agreement_key(fact)].append(fact)
    counts = {}
    for fact in wanted:
        peers = groups[agreement_key(fact)]
        counts[fact.claim_id] = len({peer.source for peer in peers if agrees(fact, peer)})
    return counts


def _neighbours(db: Database, wanted: list[Fact]) -> list[Fact]:
    """The claims that could agree with `wanted`: same metrics, about the same organisations."""
    c = schema.claims
    entities = {fact.subject_id for fact in wanted}
    entities |= {fact.object_id for fact in wanted if fact.object_id is not None}
    metrics = {fact.metric for fact in wanted}
    found: dict[int, Fact] = {fact.claim_id: fact for fact in wanted}
    ids = sorted(entities)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        about = sa.or_(c.c.subject_id.in_(chunk), c.c.object_id.in_(chunk))
        for fact in load_facts(db, about, c.c.metric.in_(sorted(metrics))):
            found.setdefault(fact.claim_id, fact)
    return list(found.values())
