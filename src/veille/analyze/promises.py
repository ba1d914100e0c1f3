"""Promises: each dated target, checked against what was later reported.

A target (`status = target`) with a deadline year is met when an actual of the
same organisation and metric, for the deadline year or later, reaches 99 % of
the target value (the 1 % tolerance used everywhere for "the same figure").
An actual with no year of its own counts for the year its article was
published: "the plant now makes 400 000 cars a year" in a 2025 article is
2025's capacity.
Until the deadline year is over, a target not yet met is pending; after it,
actuals all below make it missed, and no actual at all leaves it unknown.

The check runs "as of" a date: claims from articles published after it are
ignored, so `as_of=date(2024, 6, 1)` shows what an analyst could know then.
Targets without a deadline are not promises that can be checked and are left
out (the entity card lists them). Copies of one target in several stories
give one promise, the earliest article standing for it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from veille.analyze.facts import (
    YEAR_METRICS,
    ClaimEvidence,
    Fact,
    close_values,
    conditions,
    load_facts,
    source_order,
    subject_condition,
)
from veille.records import json_number
from veille.store import schema
from veille.store.database import Database

PromiseStatus = Literal["met", "missed", "pending", "unknown"]
REACHED = 0.99  # an actual at 99 % of the target counts as reaching it
SAME_TARGET = 0.01  # two stories promising within 1 % promise the same thing


@dataclass(frozen=True, slots=True)
class Promise:
    """A dated target and its outcome, with the claims it rests on.

    `actual` is the claim that decides: for `met`, the first report reaching
    the target; for `missed` (and `pending`, when there is one), the best
    figure reported for the deadline year or later; None otherwise. `stories`
    counts the independent stories that announced the target.
    """

    subject: str
    metric: str
    target_value: float
    unit: str | None
    deadline: int
    status: PromiseStatus
    target: ClaimEvidence
    actual: ClaimEvidence | None
    stories: int

    def to_json(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "metric": self.metric,
            "target_value": json_number(self.target_value),
            "unit": self.unit,
            "deadline": self.deadline,
            "status": self.status,
            "stories": self.stories,
            "target": self.target.to_json(),
            "actual": self.actual.to_json() if self.actual else None,
        }


def check_promises(
    db: Database, as_of: date | None = None, subject: str | None = None
) -> list[Promise]:
    """Every dated target with its status as of `as_of` (default: today), by deadline.

    `subject` is any name or alias of an organisation; an unknown one finds nothing.
    """
    as_of = as_of or date.today()
    c = schema.claims
    # 1. Figures known on `as_of`: dated targets, and actuals dated or published.
    wanted = conditions(
        subject_condition(db, subject),
        c.c.value.is_not(None),
        c.c.metric.not_in(["partnership", *YEAR_METRICS]),
    )
    known = [f for f in load_facts(db, *wanted) if f.published is None or f.published <= as_of]
    # 2. Targets and actuals of each subject and metric.
    targets: dict[tuple[Hashable, ...], list[Fact]] = defaultdict(list)
    actuals: dict[tuple[Hashable, ...], list[Fact]] = defaultdict(list)
    for fact in known:
        key = (fact.subject_id, fact.metric, fact.unit_family)
        if fact.status == "target" and fact.year is not None:
            targets[key].append(fact)
        elif fact.status == "actual" and actual_year(fact) is not None:
            actuals[key].append(fact)
    # 3. One promise per distinct target, judged against the actuals.
    promises = [
        _judge(announced, actuals[key], as_of)
        for key, group in targets.items()
        for announced in _distinct_targets(group)
    ]
    return sorted(promises, key=lambda p: (p.deadline, p.subject, p.metric, p.target_value))


def _distinct_targets(group: list[Fact]) -> list[list[Fact]]:
    """Targets with one deadline and (within 1 %) one value, earliest article first."""
    distinct: list[list[Fact]] = []
    for fact in sorted(group, key=source_order):
        for same in distinct:
            head = same[0]
            if head.year == fact.year and close_values(
                head.value or 0.0, fact.value or 0.0, SAME_TARGET
            ):
                same.append(fact)
                break
        else:
            distinct.append([fact])
    return distinct


def actual_year(fact: Fact) -> int | None:
    """The year an actual reports on: its own, else its article's publication year."""
    if fact.year is not None:
        return fact.year
    return fact.published.year if fact.published else None


def _judge(announced: list[Fact], actuals: list[Fact], as_of: date) -> Promise:
    target = announced[0]
    deadline, goal = target.year or 0, target.value or 0.0
    after = [fact for fact in actuals if (actual_year(fact) or 0) >= deadline]
    reached = [fact for fact in after if (fact.value or 0.0) >= goal * REACHED]
    best = max(after, key=lambda f: (f.value or 0.0, -(actual_year(f) or 0)), default=None)
    status: PromiseStatus
    decisive: Fact | None
    if reached:
        first = min(reached, key=lambda f: (actual_year(f) or 0, source_order(f)))
        status, decisive = "met", first
    elif deadline >= as_of.year:  # "by 2025" runs to the end of 2025
        status, decisive = "pending", best
    elif after:
        status, decisive = "missed", best
    else:
        status, decisive = "unknown", None
    return Promise(
        subject=target.subject,
        metric=target.metric,
        target_value=goal,
        unit=target.unit,
        deadline=deadline,
        status=status,
        target=target.evidence(),
        actual=decisive.evidence() if decisive else None,
        stories=len({fact.source for fact in announced}),
    )
