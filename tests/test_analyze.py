"""Stories, corroboration, conflicts and promises over really ingested articles.

The articles are bundled examples (an original, its syndicated copy, an
English report with another figure) plus short articles written here for the
promise cases. They go through the whole pipeline once per module; each test
then ingests them into a fresh database, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from conftest import PostgresServer
from veille.analyze import (
    Promise,
    check_promises,
    corroboration_counts,
    find_conflicts,
    list_stories,
)
from veille.cli.app import app
from veille.dedup.shingles import signature, signature_bytes, signature_from_bytes, similarity
from veille.pipeline import Processed, process_all
from veille.records import Rejected
from veille.sources import read_paths
from veille.store import ClaimFilter, Database, StoredClaim, ingest, query_claims, schema
from veille.store.stories import JOIN_THRESHOLD

EXAMPLES = Path(__file__).parent.parent / "examples"
ORIGINAL = "fr_renault_tanger_capacite.txt"
COPY = "fr_renault_tanger_capacite_reprise.txt"
ENGLISH = "en_renault_tangier_conflict.html"
SEED = "000_86e094afeaac893d.txt"
# Articles written for these tests: (title, publication line, body).
WRITTEN = {
    "yazaki_plan.txt": (
        "Kénitra : Yazaki pose la première pierre de sa troisième usine",
        "Publié le 12 avril 2023",
        "Le câblier japonais Yazaki prévoit de créer 2 000 emplois à Kénitra d'ici 2024, "
        "a indiqué sa direction lors de la cérémonie. Le futur site fabriquera des "
        "faisceaux électriques pour les constructeurs européens.",
    ),
    "yazaki_plan_bis.txt": (
        "Emploi : les câbliers recrutent à Kénitra",
        "Publié le 2 mai 2023",
        "Le groupe Yazaki compte employer 2 000 personnes dans la zone franche de Kénitra "
        "d'ici 2024. Les candidats seront formés pendant trois mois avant de rejoindre les lignes.",
    ),
    "yazaki_bilan.txt": (
        "Yazaki dresse le bilan de son site de Kénitra",
        "Publié le 10 février 2025",
        "Un an après son ouverture, l'usine tourne à plein régime. Yazaki employait "
        "2 500 personnes à Kénitra en 2024, selon le bilan présenté aux partenaires sociaux.",
    ),
    "leoni_plan.txt": (
        "Agadir : Leoni mise sur le câblage automobile",
        "Publié le 5 mai 2022",
        "L'équipementier allemand Leoni vise 3 000 emplois dans la région d'Agadir "
        "d'ici 2023, grâce à l'extension de son usine de faisceaux.",
    ),
    "leoni_bilan.txt": (
        "Leoni revoit ses ambitions dans le Souss",
        "Publié le 20 mars 2024",
        "Le ralentissement des commandes européennes a pesé sur l'activité. En 2023, "
        "Leoni employait 2 400 personnes à Agadir, a précisé un porte-parole.",
    ),
    "aptiv_plan.txt": (
        "Aptiv annonce un nouveau centre technique à Tanger",
        "Publié le 14 juin 2022",
        "Le groupe Aptiv prévoit d'investir 500 millions de dirhams à Tanger d'ici 2024 "
        "pour y installer un centre d'ingénierie consacré aux architectures électriques.",
    ),
    "renault_histoire.txt": (
        "Renault, un siècle d'histoire marocaine",
        "Publié le 15 janvier 2025",
        "Dans un document remis à la presse, Renault Group se dit présent au Maroc depuis "
        "1929, date de l'ouverture de sa première agence commerciale à Casablanca.",
    ),
}
runner = CliRunner()


@pytest.fixture(scope="module")
def processed(tmp_path_factory: pytest.TempPathFactory) -> list[Processed]:
    """The articles cleaned and extracted once: the French model loads once per process."""
    folder = tmp_path_factory.mktemp("news")
    for name in (ORIGINAL, COPY, ENGLISH, SEED):
        shutil.copy(EXAMPLES / name, folder / name)
    for name, paragraphs in WRITTEN.items():
        (folder / name).write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    items = list(process_all(read_paths([folder])))
    assert not [item for item in items if isinstance(item, Rejected)]
    return [item for item in items if isinstance(item, Processed)]


@pytest.fixture
def db(database_url: str, processed: list[Processed]) -> Iterator[Database]:
    """A fresh database holding every article, for tests that change it."""
    with Database.connect(database_url) as database:
        assert ingest(database, processed).new == len(processed)
        yield database


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def stored(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    processed: list[Processed],
) -> Iterator[Database]:
    """One database per backend for the whole module, for tests that only read it.

    `database_url` made per test would ingest again for each: this is
    `database_url` at module scope (a SQLite file, a PostgreSQL database).
    """
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('shared') / 'veille.db'}"
    else:
        server: PostgresServer = request.getfixturevalue("postgres_server")
        name = f"veille_{uuid.uuid4().hex[:12]}"
        server.psql(f"CREATE DATABASE {name}")
        url = server.url(name)
    with Database.connect(url) as database:
        assert ingest(database, processed).new == len(processed)
        yield database
    if request.param == "postgresql":
        server.psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def by_id(processed: list[Processed], article_id: str) -> Processed:
    return next(item for item in processed if item.article.id == article_id)


def groups(db: Database) -> set[frozenset[str]]:
    """The stories as sets of article ids, whatever their ids."""
    return {frozenset(story.article_ids) for story in list_stories(db)}


def claims(db: Database, subject: str, metric: str, **where: object) -> list[StoredClaim]:
    found = query_claims(db, ClaimFilter(subject=subject, metric=metric))
    return [c for c in found if all(getattr(c, key) == value for key, value in where.items())]


# Stories


def test_signature_survives_storage_and_tells_copies_from_other_articles(
    processed: list[Processed],
) -> None:
    original, copy, english = (
        by_id(processed, name).article.text for name in (ORIGINAL, COPY, ENGLISH)
    )
    stored = signature_from_bytes(signature_bytes(signature(original)))
    assert len(signature_bytes(signature(original))) == 512
    assert similarity(stored, signature(copy)) >= JOIN_THRESHOLD
    assert similarity(stored, signature(english)) < 0.1
    assert similarity(signature("Deux mots"), signature("deux MOTS")) == 1.0


def test_syndicated_copy_joins_the_original_story(stored: Database) -> None:
    republished = list_stories(stored, min_size=2)
    assert [story.article_ids for story in republished] == [(ORIGINAL, COPY)]
    story = republished[0]
    assert story.members[1].matched_article_id == ORIGINAL
    assert story.members[1].similarity >= JOIN_THRESHOLD
    everything = list_stories(stored)
    assert len(everything) == len(WRITTEN) + 3  # the English report is a story of its own
    members = [article for story in everything for article in story.article_ids]
    assert sorted(members) == sorted({*WRITTEN, ORIGINAL, COPY, ENGLISH, SEED})


def test_a_story_is_described_by_its_title_not_its_file_names(stored: Database) -> None:
    [story] = list_stories(stored, min_size=2)
    title = "Tanger : l'usine Renault a tourné à 90 % de ses capacités en 2024"
    assert story.title == title == story.to_json()["title"]
    untitled = next(s for s in list_stories(stored) if s.article_ids == (SEED,))
    assert untitled.title.startswith("Au cours de cette visite, Luca de Meo")
    url = stored.engine.url.render_as_string(hide_password=False)
    shown = runner.invoke(app, ["stories", "--min-size", "2", "--db", url])
    assert shown.exit_code == 0, shown.output
    assert title in " ".join(part.strip("│ ") for part in shown.stdout.splitlines())


def test_reingesting_changes_no_story(db: Database, processed: list[Processed]) -> None:
    before = list_stories(db)
    # The same text under a new id is not stored again, so it joins nothing either.
    twin = by_id(processed, ORIGINAL)
    renamed = dataclasses.replace(twin, article=dataclasses.replace(twin.article, id="twin.txt"))
    report = ingest(db, [*processed, renamed])
    assert report.unchanged == len(processed) + 1
    assert list_stories(db) == before
    assert db.count("stories") == len(before)


def test_a_copy_read_in_a_later_run_joins_the_stored_story(
    database_url: str, processed: list[Processed]
) -> None:
    with Database.connect(database_url) as db:
        ingest(db, [by_id(processed, ORIGINAL), by_id(processed, ENGLISH)])
        ingest(db, [by_id(processed, COPY)])  # a new run reads the index from the table
        assert groups(db) == {frozenset({ORIGINAL, COPY}), frozenset({ENGLISH})}


def test_an_updated_article_leaves_a_story_it_no_longer_matches(
    db: Database, processed: list[Processed]
) -> None:
    copy = by_id(processed, COPY)
    correction = ("Correction : cet article a été retiré à la demande de son éditeur.",)
    rewritten = dataclasses.replace(
        copy, article=dataclasses.replace(copy.article, paragraphs=correction)
    )
    assert ingest(db, [rewritten]).updated == 1
    assert frozenset({ORIGINAL}) in groups(db) and frozenset({COPY}) in groups(db)
    # Its original text back: it rejoins the original, and no empty story is left.
    assert ingest(db, [copy]).updated == 1
    assert frozenset({ORIGINAL, COPY}) in groups(db)
    assert db.count("stories") == len(list_stories(db))


def test_migration_gives_stories_to_an_older_database(db: Database) -> None:
    before = groups(db)
    url = db.engine.url.render_as_string(hide_password=False)
    with db.engine.begin() as conn:  # back to a database made before migration 0002
        schema.metadata.drop_all(conn, tables=[schema.story_members, schema.stories])
        migrations = schema.schema_migrations
        conn.execute(sa.delete(migrations).where(migrations.c.name == "0002_stories"))
    db.close()
    with Database.connect(url) as reopened:
        assert groups(reopened) == before


# Corroboration


def test_corroboration_counts_stories_not_copies(stored: Database) -> None:
    counts = corroboration_counts(stored)
    assert len(counts) == stored.count("claims")
    capacity = claims(stored, "Renault Group", "production_capacity", status="actual", value=340000)
    assert {c.doc for c in capacity} == {ORIGINAL, COPY, ENGLISH}
    assert {counts[c.id] for c in capacity} == {2}  # three articles, two stories
    output = claims(stored, "Renault Group", "production_volume", year=2024)
    assert {(c.value, counts[c.id]) for c in output} == {(306000, 1), (337000, 1)}
    since = claims(stored, "Renault Group", "present_since", value=1928)
    assert {c.doc for c in since} == {ORIGINAL, COPY, SEED}
    assert {counts[c.id] for c in since} == {2}
    targets = claims(stored, "Yazaki", "employment", status="target")
    assert len(targets) == 2 and {counts[c.id] for c in targets} == {2}


def test_corroboration_of_chosen_claims_matches_the_full_count(stored: Database) -> None:
    everything = corroboration_counts(stored)
    chosen = [c.id for c in claims(stored, "Renault Group", "production_capacity")]
    assert corroboration_counts(stored, [*chosen, 999_999]) == {i: everything[i] for i in chosen}
    assert corroboration_counts(stored, []) == {}


# Conflicts


def test_conflict_has_each_story_side_with_its_evidence(stored: Database) -> None:
    conflicts = find_conflicts(stored, subject="renault maroc")  # any alias
    output = [c for c in conflicts if c.metric == "production_volume"]
    assert len(output) == 1
    conflict = output[0]
    assert (conflict.subject, conflict.status, conflict.year) == ("Renault Group", "actual", 2024)
    low, high = conflict.sides
    assert (low.value, low.article_id, high.value, high.article_id) == (
        306000,
        ORIGINAL,  # the earliest copy stands for its story
        337000,
        ENGLISH,
    )
    assert "306 000" in low.sentence and "337,000" in high.sentence
    assert low.story_id != high.story_id
    assert high.title and "Tangier" in high.title
    assert low.claim_id in {c.id for c in claims(stored, "Renault Group", "production_volume")}
    assert round(conflict.spread, 3) == round(337000 / 306000 - 1, 3)


def test_years_conflict_on_any_difference_and_agreeing_figures_do_not(stored: Database) -> None:
    conflicts = find_conflicts(stored, subject="Renault Group")
    since = [c for c in conflicts if c.metric == "present_since"]
    assert len(since) == 1
    assert [(side.value, side.article_id) for side in since[0].sides] == [
        (1928, ORIGINAL),  # dated articles first, the earliest standing for its story
        (1928, SEED),
        (1929, "renault_histoire.txt"),
    ]
    assert not [c for c in conflicts if c.metric in {"production_capacity", "employment"}]
    assert find_conflicts(stored, subject="Yazaki") == []
    assert find_conflicts(stored, subject="No Such Company") == []


# Promises


def statuses(promises: list[Promise]) -> dict[str, str]:
    return {promise.subject: promise.status for promise in promises}


def test_promise_statuses_as_of_a_date(stored: Database) -> None:
    promises = check_promises(stored, as_of=date(2026, 1, 1))
    found = statuses(promises)
    assert {k: found[k] for k in ("Yazaki", "Leoni", "Aptiv")} == {
        "Yazaki": "met",
        "Leoni": "missed",
        "Aptiv": "unknown",
    }
    yazaki = next(p for p in promises if p.subject == "Yazaki")
    assert (yazaki.target_value, yazaki.deadline, yazaki.stories) == (2000, 2024, 2)
    assert yazaki.target.article_id == "yazaki_plan.txt"  # the earliest announcement
    assert yazaki.actual is not None and yazaki.actual.article_id == "yazaki_bilan.txt"
    assert (yazaki.actual.value, yazaki.actual.year) == (2500, 2024)
    leoni = next(p for p in promises if p.subject == "Leoni")
    assert leoni.actual is not None and leoni.actual.value == 2400
    renault = {(p.metric, p.deadline): p.status for p in promises if p.subject == "Renault Group"}
    assert renault[("production_capacity", 2027)] == "pending"
    # The 2025 target is judged by the capacity a 2025 article reports with no year of its own.
    assert renault[("production_capacity", 2025)] == "missed"
    capacity = next(p for p in promises if (p.subject, p.deadline) == ("Renault Group", 2025))
    assert capacity.actual is not None and capacity.actual.article_id == ENGLISH
    assert (capacity.actual.value, capacity.actual.year) == (340_000, None)


def test_promises_ignore_what_was_published_after_as_of(stored: Database) -> None:
    mid_2024 = statuses(check_promises(stored, as_of=date(2024, 6, 1)))
    # The Yazaki results came out in 2025; the Renault plans in 2025.
    assert {k: mid_2024[k] for k in ("Yazaki", "Leoni", "Aptiv")} == {
        "Yazaki": "pending",
        "Leoni": "missed",
        "Aptiv": "pending",
    }
    assert "Yazaki" not in statuses(
        check_promises(stored, as_of=date(2023, 1, 1))
    )  # announced in April 2023
    only = check_promises(stored, as_of=date(2026, 1, 1), subject="Yazaki Morocco")
    assert [(p.subject, p.status) for p in only] == [("Yazaki", "met")]


# Command line


def test_analysis_commands_have_help_with_an_example() -> None:
    for command in ("stories", "conflicts", "promises"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Example: veille " + command in " ".join(result.stdout.split())


def test_cli_prints_stories_conflicts_and_promises(stored: Database) -> None:
    url = stored.engine.url.render_as_string(hide_password=False)
    stories = runner.invoke(app, ["stories", "--min-size", "2", "--format", "jsonl", "--db", url])
    assert stories.exit_code == 0, stories.output
    rows = [json.loads(line) for line in stories.stdout.splitlines()]
    assert [[m["article_id"] for m in row["members"]] for row in rows] == [[ORIGINAL, COPY]]
    conflicts = runner.invoke(
        app, ["conflicts", "--subject", "Renault", "--format", "jsonl", "--db", url]
    )
    assert conflicts.exit_code == 0, conflicts.output
    volume = [json.loads(line) for line in conflicts.stdout.splitlines()]
    sides = next(row["sides"] for row in volume if row["metric"] == "production_volume")
    assert [(side["value"], side["article_id"]) for side in sides] == [
        (306000, ORIGINAL),
        (337000, ENGLISH),
    ]
    promises = runner.invoke(app, ["promises", "--as-of", "2024-06-01", "--db", url])
    assert promises.exit_code == 0, promises.output
    yazaki = next(line for line in promises.stdout.splitlines() if "Yazaki" in line)
    assert "pending" in yazaki and "2024" in yazaki


def test_cli_user_errors_are_one_line(stored: Database) -> None:
    url = stored.engine.url.render_as_string(hide_password=False)
    bad_date = runner.invoke(app, ["promises", "--as-of", "2024-13-01", "--db", url])
    assert bad_date.exit_code == 1
    assert bad_date.stderr.strip() == "--as-of must be a date as YYYY-MM-DD, not '2024-13-01'"
    unknown = runner.invoke(app, ["conflicts", "--subject", "Renolt", "--db", url])
    assert unknown.exit_code == 1
    assert unknown.stderr.startswith("no organisation named 'Renolt'; did you mean: Renault Group")
    assert len(unknown.stderr.strip().splitlines()) == 1
