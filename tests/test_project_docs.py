"""What the README and the Makefile promise a newcomer about running the checks."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_apt_get_in_the_makefile_waits_for_the_dpkg_lock() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    calls = re.findall(r"apt-get[^;&|\n]*", makefile)
    assert calls
    for call in calls:
        assert "DPkg::Lock::Timeout=" in call, call


def test_the_readme_says_make_test_needs_root_and_the_network() -> None:
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "installs Debian's `chromium` and `postgresql`" in readme
    assert "needs root and the network" in readme


def test_the_readme_stage_diagram_points_down() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "extract ─▶ resolve" not in readme
    assert "sources ─▶ clean ─▶ extract ─▶ store" in readme
