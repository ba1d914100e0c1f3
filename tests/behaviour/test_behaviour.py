"""Behavioural cases: every capability's pass rate stays at or above its floor.

About 15-20 s (3 000+ cases, one process), so not marked slow.

The floors in eval/behaviour_floors.toml are the rates measured when they were
set, rounded down to two decimals; raise them as the extractor improves.
`python -m tests.behaviour.run --show-failures 5` shows what fails.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from .cases import all_cases
from .run import Outcome, rates, run

FLOORS = Path(__file__).resolve().parents[2] / "eval" / "behaviour_floors.toml"
MIN_CASES = 3000


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    return run(all_cases())


def floors() -> dict[str, float]:
    table = tomllib.loads(FLOORS.read_text(encoding="utf-8"))["floors"]
    return {str(name): float(floor) for name, floor in table.items()}


def test_every_capability_stays_above_its_floor(outcomes: list[Outcome]) -> None:
    assert len(outcomes) >= MIN_CASES, f"only {len(outcomes)} behavioural cases"
    errors = [o for o in outcomes if o.error]
    assert not errors, f"{len(errors)} cases crashed the extractor, e.g. {errors[0].error}"
    measured = rates(outcomes)
    below = []
    for capability, floor in floors().items():
        assert capability in measured, f"no case for capability {capability!r}"
        n, passed = measured[capability]
        if passed / n < floor:
            below.append(f"{capability}: {passed}/{n} = {passed / n:.3f} < floor {floor:.2f}")
    assert not below, "below floor (python -m tests.behaviour.run --show-failures 5):\n" + (
        "\n".join(below)
    )
