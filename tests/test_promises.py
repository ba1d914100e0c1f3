"""Promises judged against actuals whose year is only their article's publication year."""

from __future__ import annotations

from datetime import date

from test_store import claim, db, lookup, processed  # noqa: F401  (db is a fixture)
from veille.analyze import check_promises
from veille.store import Database, ingest

PLAN = "Renault Maroc portera la capacité de Tanger à 400 000 véhicules d'ici 2025."
NOW = "L'usine de Tanger dispose d'une capacité de 400 000 véhicules par an."


def test_an_undated_actual_counts_for_the_year_its_article_was_published(
    db: Database,  # noqa: F811
) -> None:
    target = claim("plan.txt", "Renault Maroc", "production_capacity", 400_000,
                   "vehicles/year", status="target", year=2025, sentence=PLAN)  # fmt: skip
    actual = claim("now.txt", "Renault Maroc", "production_capacity", 400_000,
                   "vehicles/year", sentence=NOW)  # fmt: skip
    items = [
        processed("plan.txt", PLAN, [target], published=date(2022, 5, 3)),
        processed("now.txt", NOW, [actual], published=date(2025, 6, 10)),
    ]
    ingest(db, items, lookup_entity=lookup)
    [promise] = check_promises(db, as_of=date(2026, 3, 1))
    assert (promise.status, promise.deadline) == ("met", 2025)
    assert promise.actual is not None and promise.actual.article_id == "now.txt"
    # Before the 2025 article, nothing reported yet and the deadline year not over.
    [earlier] = check_promises(db, as_of=date(2025, 1, 1))
    assert (earlier.status, earlier.actual) == ("pending", None)


def test_an_undated_actual_from_before_the_deadline_does_not_decide(
    db: Database,  # noqa: F811
) -> None:
    target = claim("plan.txt", "Renault Maroc", "production_capacity", 400_000,
                   "vehicles/year", status="target", year=2025, sentence=PLAN)  # fmt: skip
    actual = claim("old.txt", "Renault Maroc", "production_capacity", 340_000,
                   "vehicles/year", sentence=NOW)  # fmt: skip
    items = [
        processed("plan.txt", PLAN, [target], published=date(2022, 5, 3)),
        processed("old.txt", NOW, [actual], published=date(2023, 6, 10)),
    ]
    ingest(db, items, lookup_entity=lookup)
    [promise] = check_promises(db, as_of=date(2026, 3, 1))
    assert (promise.status, promise.actual) == ("unknown", None)
