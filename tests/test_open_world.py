"""Organisations no gazetteer lists: found by their company form, stored apart, listed.

Sentences are written for these tests; the company names are invented.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veille.cli.app import app
from veille.extract import extract_claims
from veille.records import UNLISTED_KIND, Article

runner = CliRunner()


def subjects(text: str, language: str) -> set[str]:
    article = Article("case.txt", None, None, date(2025, 5, 2), language, (text,))
    return {c.subject for c in extract_claims(article)}


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("La société Varnelle emploie 1 800 personnes à Tanger.", "fr", "Varnelle"),
        ("L'équipementier japonais Koretsu va investir 40 millions d'euros à Kénitra.",
         "fr", "Koretsu"),
        ("Ostrava Industries a investi 12 millions d'euros dans son usine de Tanger.",
         "fr", "Ostrava Industries"),
        ("Dunmere SA emploie 650 salariés à Casablanca.", "fr", "Dunmere"),
        ("Kestrel Automotive Ltd employs 2,400 people in Tangier.", "en", "Kestrel Automotive"),
        ("The supplier Halvard will invest $30 million in Kenitra.", "en", "Halvard"),
    ],
)  # fmt: skip
def test_a_company_form_names_an_unlisted_organisation(text: str, language: str, name: str) -> None:
    assert subjects(text, language) == {name}


def test_a_known_name_after_a_company_noun_stays_the_gazetteers() -> None:
    assert subjects("Le groupe Renault emploie 12 000 personnes à Tanger.", "fr") == {
        "Renault Group"
    }


def test_a_rubric_word_is_not_a_company() -> None:
    text = "Objectif : la société produira 50 000 véhicules à Tanger."
    assert "Objectif" not in subjects(text, "fr")


def test_entities_new_lists_only_the_unlisted(tmp_path: Path) -> None:
    news = tmp_path / "news.txt"
    news.write_text(
        "La société Varnelle emploie 1 800 personnes à Tanger.\n\n"
        "Renault emploie 12 000 personnes à Tanger.\n",
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path / 'v.db'}"
    assert runner.invoke(app, ["ingest", str(news), "--db", db]).exit_code == 0
    listed = runner.invoke(app, ["entities", "--new", "--format", "jsonl", "--db", db])
    assert listed.exit_code == 0, listed.output
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [(r["name"], r["kind"], r["listed"], r["claims"]) for r in rows] == [
        ("Varnelle", UNLISTED_KIND, False, 1)
    ]
    everyone = runner.invoke(app, ["entities", "--format", "jsonl", "--db", db])
    assert {json.loads(line)["name"] for line in everyone.stdout.splitlines()} == {
        "Renault Group",
        "Varnelle",
    }
