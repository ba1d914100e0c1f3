"""The store on a real SQLite file and a real PostgreSQL database (`database_url`).

Idempotence, transactions, queries and names behave the same on both engines;
URL handling and connection errors are checked here too.
"""

from __future__ import annotations

import socket
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from veille.records import Article, Claim, Entity, Evidence, Processed, RawDoc, Rejected
from veille.store import (
    ClaimFilter,
    Database,
    StoreError,
    entity_card,
    find_entity,
    ingest,
    query_claims,
    suggest_entities,
)
from veille.store.database import database_url as complete_url  # the fixture takes the name
from veille.store.migrations import MIGRATIONS

RENAULT = Entity(
    "Renault Group",
    "manufacturer",
    ("Renault", "Groupe Renault", "Renault Maroc", "Renault Group Maroc"),
    "France",
)
SOMACA = Entity("SOMACA", "manufacturer", ("Société marocaine de constructions automobiles",))
# A brand's entry also lists its parent's names, as the domain gazetteer's do.
DACIA = Entity(
    "Dacia", "brand", ("Dacia Maroc", "Renault Group", "Renault"), parent="Renault Group"
)
# Later entries win a shared name: "Renault" designates Renault Group, not Dacia.
GAZETTEER = {name: e for e in (DACIA, RENAULT, SOMACA) for name in (e.name, *e.aliases)}


def lookup(name: str) -> Entity | None:
    """A two-entry gazetteer standing in for the domain file in store tests."""
    return GAZETTEER.get(name)


def claim(
    doc: str,
    subject: str,
    metric: str,
    value: float | None,
    unit: str | None,
    *,
    status: str = "actual",
    year: int | None = None,
    start: int = 0,
    obj: str | None = None,
    sentence: str = "A sentence.",
) -> Claim:
    evidence = Evidence(doc, 0, start, start + len(sentence), sentence)
    return Claim(
        doc=doc,
        subject=subject,
        metric=metric,
        value=value,
        unit=unit,
        status=status,  # type: ignore[arg-type]  # tests also feed invalid statuses
        year=year,
        qualifier="exact",
        location=None,
        object=obj,
        evidence=evidence,
        subject_mention=subject,
    )


def processed(
    doc: str,
    text: str,
    claims: list[Claim],
    published: date | None = date(2024, 1, 16),
) -> Processed:
    raw = RawDoc(doc, f"file:///news/{doc}", text, "text/plain")
    article = Article(doc, f"https://example.ma/{doc}", doc.title(), published, "fr", (text,))
    return Processed(raw=raw, article=article, claims=tuple(claims))


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    with Database.connect(database_url) as database:
        yield database


def batch() -> list[Processed]:
    return [
        processed(
            "a.txt",
            "Renault Maroc emploie 11 000 personnes.",
            [
                claim("a.txt", "Renault Maroc", "employment", 11000, "people", year=2023),
                claim("a.txt", "Renault Group", "investment", 1e9, "EUR", status="target"),
            ],
        ),
        processed(
            "b.txt",
            "La SOMACA a produit 94 801 unités.",
            [claim("b.txt", "SOMACA", "production_volume", 94801, "vehicles", year=2023)],
        ),
    ]


def test_connect_creates_schema_once(database_url: str) -> None:
    Database.connect(database_url).close()
    with Database.connect(database_url) as db:
        assert db.count("schema_migrations") == len(MIGRATIONS)
        tables = set(sa.inspect(db.engine).get_table_names())
    assert {"articles", "entities", "aliases", "claims", "schema_migrations"} <= tables


def test_a_plain_path_is_a_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    with Database.connect(str(path)) as db:
        assert db.engine.dialect.name == "sqlite"
    assert path.stat().st_size > 0


@pytest.mark.parametrize(
    ("typed", "full"),
    [
        ("postgresql://ana@db.example/veille", "postgresql+psycopg://ana@db.example/veille"),
        (
            "postgres://ana:pw@db.example:5433/veille",
            "postgresql+psycopg://ana:pw@db.example:5433/veille",
        ),
        ("postgresql+psycopg://ana@db/veille", "postgresql+psycopg://ana@db/veille"),
        ("sqlite:///veille.db", "sqlite:///veille.db"),
        ("data/veille.db", "sqlite:///data/veille.db"),
    ],
)
def test_urls_are_completed(typed: str, full: str) -> None:
    assert complete_url(typed) == full


def test_an_unreachable_server_is_one_line_store_error() -> None:
    with socket.socket() as sock:  # a port that nothing listens on once closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(StoreError) as err:
        Database.connect(f"postgresql://veille:secret@127.0.0.1:{port}/veille")
    message = str(err.value)
    assert "\n" not in message and "secret" not in message
    assert message.startswith(
        f"cannot open database postgresql+psycopg://veille:***@127.0.0.1:{port}"
    )
    assert "refused" in message


@pytest.mark.parametrize("url", ["nosuchdriver://x", "sqlite:////no/such/folder/v.db"])
def test_unusable_url_is_one_line_store_error(url: str) -> None:
    with pytest.raises(StoreError) as err:
        Database.connect(url)
    assert "\n" not in str(err.value)


def test_ingest_twice_adds_nothing(db: Database) -> None:
    first = ingest(db, batch(), lookup_entity=lookup)
    second = ingest(db, batch(), lookup_entity=lookup)
    assert (first.read, first.new, first.unchanged, first.claims_added) == (2, 2, 0, 3)
    assert (second.read, second.new, second.unchanged, second.claims_added) == (2, 0, 2, 0)
    assert (db.count("articles"), db.count("claims")) == (2, 3)


def test_raw_content_is_kept_compressed(db: Database) -> None:
    ingest(db, batch()[:1], lookup_entity=lookup)
    with db.engine.connect() as conn:
        raw = conn.scalar(sa.text("SELECT raw_content FROM articles WHERE id = 'a.txt'"))
    assert zlib.decompress(raw).decode() == "Renault Maroc emploie 11 000 personnes."


def test_changed_text_replaces_the_claims(db: Database) -> None:
    ingest(db, batch(), lookup_entity=lookup)
    revised = processed(
        "a.txt",
        "Renault Maroc emploie 12 000 personnes.",
        [claim("a.txt", "Renault Maroc", "employment", 12000, "people", year=2024)],
    )
    report = ingest(db, [revised], lookup_entity=lookup)
    assert (report.new, report.updated, report.claims_added) == (0, 1, 1)
    stored = query_claims(db, ClaimFilter(doc="a.txt"))
    assert [(c.metric, c.value) for c in stored] == [("employment", 12000)]


def test_a_claim_repeated_in_one_article_is_stored_once(db: Database) -> None:
    twice = claim("a.txt", "Renault Maroc", "employment", 11000, "people")
    report = ingest(db, [processed("a.txt", "text", [twice, twice])], lookup_entity=lookup)
    assert report.claims_added == 1


def test_rejected_documents_are_reported(db: Database) -> None:
    items: list[Processed | Rejected] = [Rejected("empty.txt", "empty file"), *batch()]
    report = ingest(db, items, lookup_entity=lookup)
    assert report.failed == (Rejected("empty.txt", "empty file"),)
    assert report.new == 2


def test_a_refused_article_leaves_nothing_behind(db: Database) -> None:
    good_a, good_b = batch()
    bad = processed(
        "bad.txt",
        "Bad claims.",
        [
            claim("bad.txt", "Brand New Supplier", "employment", 500, "people"),
            claim("bad.txt", "Brand New Supplier", "employment", 600, "people", status="maybe"),
        ],
    )
    report = ingest(db, [good_a, bad, good_b], lookup_entity=lookup)
    assert [r.uri for r in report.failed] == ["file:///news/bad.txt"]
    assert "database refused it" in report.failed[0].reason
    assert report.new == 2
    assert find_entity(db, "Brand New Supplier") is None  # its entity rolled back too
    assert query_claims(db, ClaimFilter(doc="bad.txt")) == []
    assert db.count("articles") == 2


def test_a_crash_keeps_every_article_committed_before_it(db: Database) -> None:
    def crashing() -> Iterator[Processed]:
        yield from batch()
        raise RuntimeError("reader died")

    with pytest.raises(RuntimeError):
        ingest(db, crashing(), lookup_entity=lookup)
    assert (db.count("articles"), db.count("claims")) == (2, 3)
    assert ingest(db, batch(), lookup_entity=lookup).unchanged == 2


def test_query_filters(db: Database) -> None:
    ingest(db, batch(), lookup_entity=lookup)
    by_alias = query_claims(db, ClaimFilter(subject="groupe  RÉNAULT"))
    assert {c.metric for c in by_alias} == {"employment", "investment"}
    assert {c.subject for c in by_alias} == {"Renault Group"}
    targets = query_claims(db, ClaimFilter(status="target"))
    assert [c.metric for c in targets] == ["investment"]
    assert [
        c.doc for c in query_claims(db, ClaimFilter(year=2023, metric="production_volume"))
    ] == ["b.txt"]
    assert query_claims(db, ClaimFilter(subject="Nobody")) == []
    assert len(query_claims(db, ClaimFilter(limit=2))) == 2
    assert len(query_claims(db, ClaimFilter(limit=2, offset=2))) == 1


def test_unknown_metric_lists_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="employment"):
        ClaimFilter(metric="jobs")


def test_entities_from_gazetteer_and_from_ner(db: Database) -> None:
    ner = claim("a.txt", "Atlas Cables", "partnership", None, None, obj="Renault Maroc")
    ingest(
        db, [processed("a.txt", "Atlas Cables signe avec Renault.", [ner])], lookup_entity=lookup
    )
    renault = find_entity(db, "renault group maroc")
    assert renault is not None
    assert renault.name == "Renault Group" and renault.kind == "manufacturer"
    assert {"Renault", "Renault Maroc", "Groupe Renault"} <= set(renault.aliases)
    unknown = find_entity(db, "ATLAS CABLES")
    assert unknown is not None and unknown.kind == "organisation"
    [stored] = query_claims(db, ClaimFilter(metric="partnership"))
    assert (stored.subject, stored.object) == ("Atlas Cables", "Renault Group")


def test_entity_card_groups_by_metric_in_time_order(db: Database) -> None:
    old = processed(
        "old.txt",
        "old",
        [
            claim("old.txt", "Renault", "employment", 9000, "people", year=2021),
            claim("old.txt", "Renault", "employment", 15000, "people", status="target", year=2025),
        ],
        published=date(2021, 6, 1),
    )
    new = processed(
        "new.txt",
        "new",
        [
            claim("new.txt", "Renault", "employment", 11000, "people"),  # year from published
            claim("new.txt", "Renault", "employment", 10000, "people", year=2022),
            claim("new.txt", "Renault", "investment", 1e9, "EUR", status="target", year=2030),
        ],
        published=date(2024, 1, 16),
    )
    ingest(db, [new, old], lookup_entity=lookup)
    card = entity_card(db, "renault maroc")
    assert card is not None and card.name == "Renault Group"
    assert [group.metric for group in card.metrics] == ["employment", "investment"]
    jobs = card.metrics[0]
    assert [c.value for c in jobs.actuals] == [9000, 10000, 11000]
    assert [(c.value, c.year) for c in jobs.targets] == [(15000, 2025)]
    assert jobs.actuals[0].doc == "old.txt" and jobs.actuals[0].published == date(2021, 6, 1)
    assert entity_card(db, "Nissan") is None


def test_suggestions_cover_names_and_aliases(db: Database) -> None:
    ingest(db, batch(), lookup_entity=lookup)
    assert suggest_entities(db, "Renolt")[0] == "Renault Group"
    assert suggest_entities(db, "Somaka")[0] == "SOMACA"
    assert suggest_entities(db, "zzzz") == []


def test_a_brand_stored_first_does_not_take_its_parents_names(db: Database) -> None:
    brand = processed("dacia.txt", "Dacia", [claim("dacia.txt", "Dacia", "sales", 5, "vehicles")])
    ingest(db, [brand, *batch()], lookup_entity=lookup)
    dacia = find_entity(db, "Dacia Maroc")
    assert dacia is not None and dacia.name == "Dacia" and dacia.parent == "Renault Group"
    assert "Renault" not in dacia.aliases
    assert {c.subject for c in query_claims(db, ClaimFilter(subject="Renault"))} == {
        "Renault Group"
    }


# The stages below the runners, and what each must never import: arrows point down.
SRC = Path(__file__).resolve().parents[1] / "src" / "veille"
LOWER_STAGES = ("records.py", "sources", "clean", "resolve", "dedup", "store", "analyze")
RUNNERS = ("veille.engines", "veille.pipeline", "veille.cli", "veille.web")


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at its top or inside a function."""
    import ast

    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("stage", LOWER_STAGES)
def test_the_store_and_the_stages_below_it_import_no_runner(stage: str) -> None:
    files = [SRC / stage] if stage.endswith(".py") else sorted((SRC / stage).rglob("*.py"))
    for path in files:
        upward = {
            module
            for module in imported_modules(path)
            if any(module == runner or module.startswith(runner + ".") for runner in RUNNERS)
        }
        assert not upward, f"{path.relative_to(SRC)} imports {sorted(upward)}"


def test_the_store_imports_nothing_from_the_analysis_that_reads_it() -> None:
    for path in sorted((SRC / "store").rglob("*.py")):
        upward = {m for m in imported_modules(path) if m.startswith("veille.analyze")}
        assert not upward, f"{path.relative_to(SRC)} imports {sorted(upward)}"
