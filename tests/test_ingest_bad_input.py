"""Acceptance: `veille ingest` on a folder of good and broken files.

Every good article is stored, every bad file is reported on one line with its
reason, the command exits 0, and a second run adds nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa
from typer.testing import CliRunner

from veille.cli.app import app
from veille.store import Database

runner = CliRunner()

FRENCH = """Atlas Harnais recrute à Kenitra

Kenitra, le 12 février 2025 — L'équipementier Atlas Harnais va créer 1 500 emplois dans \
sa nouvelle usine de faisceaux électriques de la zone franche de Kenitra, qui doit ouvrir \
d'ici 2026.

L'usine fournira les constructeurs implantés au Maroc, dont le site voisin de Stellantis.
"""

ENGLISH = """Borealis Seating opens a plant in Tangier

Tangier, 4 June 2024 — The seat maker Borealis Seating will create 800 jobs at its new \
plant in the Tangier Automotive City by 2025.

The plant will supply carmakers assembling vehicles in northern Morocco.
"""

GOOD_JSONL = [
    {
        "id": "feed-1",
        "url": "https://example.ma/feed-1",
        "title": "Un câblier s'installe à Kenitra",
        "published": "2025-03-02",
        "text": "Le câblier Cedra Cables va créer 600 emplois à Kenitra d'ici 2027, "
        "a annoncé sa direction lundi.",
    },
    {
        "id": "feed-2",
        "url": "https://example.ma/feed-2",
        "title": "A new supplier in Kenitra",
        "published": "2025-04-10",
        "text": "The wheel maker Dunes Wheels will create 400 jobs in Kenitra by 2026, "
        "its managing director said on Thursday.",
    },
]


def build_folder(folder: Path) -> None:
    """Two good articles, a JSON Lines file with one bad line, and five broken files."""
    folder.mkdir()
    (folder / "fr-atlas-harnais.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "en-borealis-seating.txt").write_text(ENGLISH, encoding="utf-8")
    latin1_text = FRENCH.replace("Atlas", "Sahel").replace("—", "-")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "latin1.txt").write_bytes(latin1_text.encode("latin-1"))
    (folder / "broken-utf8.txt").write_bytes(
        ENGLISH.replace("Borealis", "Medina").encode("utf-8") + b"\xff\xfe\xc3(\xa0 end\n"
    )
    (folder / "truncated.html").write_text(
        "<html><head><title>Usine à Kenitra</title></head><body><article><p>Le groupe Noria "
        "Composites va créer 300 emplois à Kenitra d'ici 2026, selon",
        encoding="utf-8",
    )
    broken = '{"id": "feed-broken", "text": "unterminated'
    lines = [json.dumps(GOOD_JSONL[0]), broken, json.dumps(GOOD_JSONL[1])]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def stored_ids(url: str) -> set[str]:
    with Database.connect(url) as db, db.engine.connect() as conn:
        return set(conn.scalars(sa.text("SELECT id FROM articles")))


def failure_lines(stdout: str) -> list[str]:
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("failed: "))
    return [line.strip() for line in lines[start + 1 :] if line.startswith("  ")]


def test_ingest_survives_bad_input(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    build_folder(folder)
    url = f"sqlite:///{tmp_path / 'veille.db'}"

    first = runner.invoke(app, ["ingest", str(folder), "--db", url])
    assert first.exit_code == 0, first.output
    assert "Traceback" not in first.output
    ids = stored_ids(url)
    # every good article is stored, the JSON Lines file's two good lines included
    assert {"fr-atlas-harnais.txt", "en-borealis-seating.txt", "feed-1", "feed-2"} <= ids
    failures = failure_lines(first.stdout)
    # each bad input is reported once, on its own line, with a reason
    for name in ("empty.txt", "binary.txt"):
        [line] = [line for line in failures if name in line]
        assert line.split(f"{name}", 1)[1].lstrip(":# 0123456789").strip(), line
    assert any("feed.jsonl" in line for line in failures)
    assert not {"empty.txt", "binary.txt", "feed-broken"} & ids
    # the readable-but-odd files are stored or reported, never silently lost
    for name in ("latin1.txt", "broken-utf8.txt", "truncated.html"):
        assert name in ids or any(name in line for line in failures), name
    summary = set(first.stdout.splitlines())
    assert f"new: {len(ids)}" in summary
    assert f"failed: {len(failures)}" in summary
    assert "claims added: 0" not in summary

    second = runner.invoke(app, ["ingest", str(folder), "--db", url])
    assert second.exit_code == 0, second.output
    again = set(second.stdout.splitlines())
    assert {"new: 0", "updated: 0", f"unchanged: {len(ids)}", "claims added: 0"} <= again
    assert stored_ids(url) == ids
