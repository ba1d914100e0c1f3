"""The quality gate: the gold sets are scored in the suite, against floors pinned in a file.

The seeds go through the exact workflow SCHEMA.md documents — the `veille`
command, then the scorer as a separate program — so the contract is tested
as a user runs it. Every set is also scored in process by `veille eval`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veille.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "eval"
SCORER = ROOT / "src" / "veille" / "evaluation" / "score.py"
FLOORS = tomllib.loads((EVAL / "floors.toml").read_text(encoding="utf-8"))
VEILLE = Path(sys.executable).with_name("veille")


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, check=False, timeout=600
    )


def test_seeds_score_perfectly_through_the_documented_workflow(tmp_path: Path) -> None:
    seeds = EVAL / "seeds"
    extracted = run(VEILLE, "extract", seeds / "texts", "--format", "jsonl")
    assert extracted.returncode == 0, extracted.stderr
    claims = tmp_path / "pred.jsonl"
    claims.write_text(extracted.stdout, encoding="utf-8")
    scored = run(
        sys.executable, SCORER, "claims",
        "--gold", seeds / "claims.gold.jsonl", "--docs", seeds / "docs.gold.jsonl",
        "--pred", claims, "--min-f1", "1.0",
    )  # fmt: skip
    assert scored.returncode == 0, scored.stdout
    assert "F1=1.000" in scored.stdout

    cleaned = run(VEILLE, "clean", seeds / "texts", "--format", "jsonl")
    assert cleaned.returncode == 0, cleaned.stderr
    docs = tmp_path / "docs.jsonl"
    docs.write_text(cleaned.stdout, encoding="utf-8")
    checked = run(
        sys.executable, SCORER, "docs",
        "--gold", seeds / "docs.gold.jsonl", "--pred", docs, "--min-pass", "1.0",
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_gold_set_stays_above_its_floors(name: str) -> None:
    result = CliRunner().invoke(app, ["eval", str(EVAL / name), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    claims, docs = report["claims"], report["docs"]
    floors = FLOORS[name]
    measured = {
        "claims_f1": claims["f1"],
        "claims_precision": claims["precision"],
        "claims_recall": claims["recall"],
        "docs_pass_rate": docs["pass_rate"],
    }
    below = {
        key: f"{measured[key]:.4f} < {floor}"
        for key, floor in floors.items()
        if measured[key] < floor - 1e-9
    }
    assert not below, f"{name} fell below its floors: {below}"


def test_floors_file_names_only_known_measures() -> None:
    known = {"claims_f1", "claims_precision", "claims_recall", "docs_pass_rate"}
    for name, floors in FLOORS.items():
        assert (EVAL / name / "texts").is_dir(), name
        assert set(floors) <= known, name
