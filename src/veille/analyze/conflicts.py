"""Conflicts: independent stories that give different figures for one fact.

One fact is one subject, metric, status and year (units by family). Its
figures are grouped into values within `CONFLICT_TOLERANCE` of the smallest
of the group (rounding, "about", a late correction); two groups reported by
different stories are a conflict, unless a bound reconciles them ("more than
300 000" and "337 000" can both be true). Years (`founded`, `present_since`)
conflict on any difference.

A figure without a year is left out: "employs 7 500 people" in 2019 and
"employs 9 000 people" in 2025 are both true, and nothing says when.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from veille.analyze.facts import (
    YEAR_METRICS,
    ClaimEvidence,
    Fact,
    conditions,
    load_facts,
    source_order,
    subject_condition,
)
from veille.store import schema
from veille.store.database import Database

CONFLICT_TOLERANCE = 0.05
LOWER_BOUNDS = frozenset({"more_than"})  # "plus de X": any larger figure agrees
UPPER_BOUNDS = frozenset({"less_than", "up_to"})  # "jusqu'à X": any smaller figure agrees

# A side of a conflict: one story's figure, with the claim and sentence it rests on.
ConflictSide = ClaimEvidence


@dataclass(frozen=True, slots=True)
class Conflict:
    """One fact on which independent stories disagree; sides from lowest to highest value."""

    subject: str
    metric: str
    status: str
    year: int | None
    sides: tuple[ConflictSide, ...]

    @property
    def spread(self) -> float:
        """How far apart the extreme sides are, as a fraction of the lowest (0.1 is 10 %)."""
        values = [side.value for side in self.sides if side.value is not None]
        low, high = min(values), max(values)
        return (high - low) / abs(low) if low else float("inf")

    def to_json(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "metric": self.metric,
            "status": self.status,
            "year": self.year,
            "spread": round(self.spread, 4),
            "sides": [side.to_json() for side in self.sides],
        }


def find_conflicts(db: Database, subject: str | None = None) -> list[Conflict]:
    """Facts with disagreeing figures across stories, by subject, metric, status and year.

    `subject` is any name or alias of an organisation; an unknown one finds nothing.
    """
    c = schema.claims
    wanted = conditions(
        subject_condition(db, subject), c.c.value.is_not(None), c.c.metric != "partnership"
    )
    groups: dict[tuple[Hashable, ...], list[Fact]] = defaultdict(list)
    for fact in load_facts(db, *wanted):
        if fact.year is not None or fact.metric in YEAR_METRICS:
            key = (fact.subject_id, fact.metric, fact.status, fact.year, fact.unit_family)
            groups[key].append(fact)
    found = [conflict for group in groups.values() if (conflict := _conflict(group))]
    return sorted(found, key=lambda c: (c.subject, c.metric, c.status, c.year or 0))


def _conflict(group: list[Fact]) -> Conflict | None:
    sides = _sides(group)
    disputed = any(
        first_cluster != second_cluster
        and first.source != second.source
        and not _reconciled(first, second)
        for (first_cluster, first), (second_cluster, second) in combinations(sides, 2)
    )
    if not disputed:
        return None
    head = group[0]
    evidence = tuple(fact.evidence() for _, fact in sides)
    return Conflict(head.subject, head.metric, head.status, head.year, evidence)


def _sides(group: list[Fact]) -> list[tuple[int, Fact]]:
    """One (value cluster, claim) per story and value, the earliest copy standing for it.

    Sorted by value, so a side is (lowest first) in a cluster with the sides
    within the tolerance of that cluster's smallest value.
    """
    tolerance = 0.0 if group[0].metric in YEAR_METRICS else CONFLICT_TOLERANCE
    ordered = sorted(group, key=lambda fact: (fact.value or 0.0, source_order(fact)))
    cluster, anchor = 0, ordered[0].value or 0.0
    chosen: dict[tuple[int, str], Fact] = {}
    for fact in ordered:
        value = fact.value or 0.0
        if abs(value - anchor) > tolerance * abs(anchor):
            cluster, anchor = cluster + 1, value
        current = chosen.get((cluster, fact.source))
        if current is None or source_order(fact) < source_order(current):
            chosen[(cluster, fact.source)] = fact
    return sorted(
        ((key[0], fact) for key, fact in chosen.items()),
        key=lambda pair: (pair[1].value or 0.0, source_order(pair[1])),
    )


def _reconciled(low: Fact, high: Fact) -> bool:
    """Whether a bound makes both figures true: "more than" the low one, "up to" the high one."""
    return low.qualifier in LOWER_BOUNDS or high.qualifier in UPPER_BOUNDS
