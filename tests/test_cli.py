"""The `veille` commands through Typer's in-process runner.

Commands that touch the database run on a SQLite file and on PostgreSQL
(`database_url`), with the URL written the way a user types it.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import PostgresServer
from test_store import batch, lookup
from veille.cli.app import app
from veille.records import METRICS
from veille.store import Database, ingest

runner = CliRunner()
COMMANDS = ["extract", "clean", "ingest", "claims", "entity", "entities", "eval"]
CLAIM_KEYS = {
    "doc", "subject", "metric", "value", "unit", "status",
    "year", "qualifier", "location", "object", "evidence",
}  # fmt: skip
ARTICLE = (
    "Kenitra, le 3 mars 2025 — Atlas Harnais, un équipementier marocain, va créer "
    "1 200 emplois dans sa nouvelle usine de Kenitra d'ici 2026.\n\n"
    "Le site produira des faisceaux de câbles pour les constructeurs installés au Maroc."
)


@pytest.fixture
def typed_url(database_url: str) -> str:
    """The test database's URL as a user writes it: `postgresql://`, no driver."""
    return database_url.replace("postgresql+psycopg://", "postgresql://", 1)


@pytest.fixture
def db_url(typed_url: str) -> str:
    """A database holding two hand-built articles about Renault Group and SOMACA."""
    with Database.connect(typed_url) as db:
        ingest(db, batch(), lookup_entity=lookup)
    return typed_url


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example: veille " + command in " ".join(result.stdout.split())


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("veille ")


def test_entity_by_alias(db_url: str) -> None:
    result = runner.invoke(app, ["entity", "renault MAROC", "--db", db_url])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Renault Group"
    assert "Groupe Renault" in result.stdout
    assert "employment" in lines and "investment" in lines
    assert "11 000 people" in result.stdout and "a.txt, 2024-01-16" in result.stdout


def test_entity_typo_suggests(db_url: str) -> None:
    result = runner.invoke(app, ["entity", "Renolt", "--db", db_url])
    assert result.exit_code == 1
    assert result.stderr.startswith("no organisation named 'Renolt'; did you mean: Renault Group")
    assert len(result.stderr.strip().splitlines()) == 1


def test_claims_filters_and_formats(db_url: str) -> None:
    args = ["claims", "--subject", "Groupe Renault", "--status", "actual", "--db", db_url]
    result = runner.invoke(app, [*args, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["subject"], r["metric"], r["value"]) for r in rows] == [
        ("Renault Group", "employment", 11000)
    ]
    as_csv = runner.invoke(app, [*args, "--format", "csv"])
    assert as_csv.stdout.splitlines()[0].startswith("doc,subject,metric,value")
    table = runner.invoke(app, ["claims", "--db", db_url])
    assert table.exit_code == 0 and "SOMACA" in table.stdout


def test_the_database_can_come_from_the_environment(db_url: str) -> None:
    result = runner.invoke(app, ["claims", "--format", "jsonl"], env={"VEILLE_DB": db_url})
    assert result.exit_code == 0, result.output
    assert {json.loads(line)["subject"] for line in result.stdout.splitlines()} == {
        "Renault Group",
        "SOMACA",
    }


def test_unknown_metric_is_one_line_with_the_valid_ones(db_url: str) -> None:
    result = runner.invoke(app, ["claims", "--metric", "jobs", "--db", db_url])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert all(metric in result.stderr for metric in METRICS)


def test_unusable_database_is_one_line(tmp_path: Path) -> None:
    for url in ("nosuchdriver://x", f"sqlite:///{tmp_path}/missing/folder/v.db"):
        result = runner.invoke(app, ["claims", "--db", url])
        assert result.exit_code == 1
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.output


def free_port() -> int:
    with socket.socket() as sock:  # nothing listens on it once the socket is closed
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.postgres
def test_unreachable_or_missing_postgres_database_is_one_line(
    postgres_server: PostgresServer,
) -> None:
    server = f"{postgres_server.user}@{postgres_server.host}:{postgres_server.port}"
    cases = {
        f"postgresql://ana:secret@127.0.0.1:{free_port()}/veille": "Connection refused",
        f"postgresql://{server}/no_such_database": 'database "no_such_database" does not exist',
    }
    for url, reason in cases.items():
        result = runner.invoke(app, ["claims", "--db", url])
        assert result.exit_code == 1
        [line] = result.stderr.strip().splitlines()
        assert line.startswith("cannot open database postgresql") and reason in line, line
        assert "secret" not in result.output and "Traceback" not in result.output


def write_article(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "atlas-harnais-kenitra.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_extract_prints_schema_json_lines(tmp_path: Path) -> None:
    path = write_article(tmp_path / "news")
    (tmp_path / "news" / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["extract", str(tmp_path / "news")])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(set(row) == CLAIM_KEYS for row in rows)
    assert {row["doc"] for row in rows} == {path.name}
    assert any(row["metric"] == "employment" and row["value"] == 1200 for row in rows)
    assert "skipped: " in result.stderr and "empty.txt" in result.stderr


def test_clean_prints_documents(tmp_path: Path) -> None:
    path = write_article(tmp_path)
    result = runner.invoke(app, ["clean", str(path)])
    assert result.exit_code == 0, result.output
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["doc"] == path.name and row["language"] == "fr"
    assert "1 200 emplois" in row["text"]


def test_ingest_then_claims(tmp_path: Path, typed_url: str) -> None:
    write_article(tmp_path / "news")
    first = runner.invoke(app, ["ingest", str(tmp_path / "news"), "--db", typed_url])
    assert first.exit_code == 0, first.output
    assert "new: 1" in first.stdout.splitlines()
    again = runner.invoke(app, ["ingest", str(tmp_path / "news"), "--db", typed_url])
    assert {"new: 0", "unchanged: 1", "claims added: 0"} <= set(again.stdout.splitlines())
    claims = runner.invoke(
        app, ["claims", "--subject", "atlas  HARNAIS", "--format", "jsonl", "--db", typed_url]
    )
    rows = [json.loads(line) for line in claims.stdout.splitlines()]
    assert ("employment", 1200, "target", 2026) in {
        (row["metric"], row["value"], row["status"], row["year"]) for row in rows
    }


def test_ingest_of_nothing_readable_fails(tmp_path: Path, typed_url: str) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["ingest", str(tmp_path / "empty.txt"), "--db", typed_url])
    assert result.exit_code == 1
    assert "nothing could be read" in result.stderr


def make_gold_set(folder: Path) -> Path:
    path = write_article(folder / "texts")
    gold = {
        "doc": path.name,
        "subject": "Atlas Harnais",
        "metric": "employment",
        "value": 1200,
        "unit": "people",
        "status": "target",
        "year": 2026,
        "qualifier": "exact",
        "location": "Kenitra",
        "evidence": "",
    }
    (folder / "claims.gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    doc = {"doc": path.name, "language": "fr", "must_contain": ["1 200 emplois"]}
    (folder / "docs.gold.jsonl").write_text(json.dumps(doc) + "\n", encoding="utf-8")
    return folder


def test_eval_scores_a_gold_set(tmp_path: Path) -> None:
    folder = make_gold_set(tmp_path / "gold")
    result = runner.invoke(app, ["eval", str(folder)])
    assert result.exit_code == 0, result.output
    assert any(line.startswith("claims: P=") for line in result.stdout.splitlines())
    assert any(line.startswith("docs: passed") for line in result.stdout.splitlines())
    as_json = runner.invoke(app, ["eval", str(folder), "--json"])
    report = json.loads(as_json.stdout)
    assert report["claims"]["gold_claims"] == 1 and report["docs"]["checks"] == 2
    too_high = runner.invoke(app, ["eval", str(folder), "--min-f1", "1.01"])
    assert too_high.exit_code == 1


def test_eval_needs_the_layout(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(tmp_path)])
    assert result.exit_code == 1
    assert "not a gold set folder" in result.stderr


def test_serve_without_a_token_says_anyone_may_write_and_where_to_read_why(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    served: list[object] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **_options: served.append(app))
    result = runner.invoke(app, ["serve", "--db", db_url], env={"VEILLE_TOKEN": ""})
    assert result.exit_code == 0, result.output
    assert len(served) == 1
    assert "no token: anyone who reaches it may upload" in result.stderr
    assert "README: Serving a team" in result.stderr
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    [row] = [line for line in readme.splitlines() if line.startswith("| `veille serve")]
    assert "(#serving-a-team)" in row
    assert "\n## Serving a team\n" in readme
