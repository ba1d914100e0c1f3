"""The one error a bad reference table raises."""

from __future__ import annotations

from collections.abc import Sequence


class GazetteerError(ValueError):
    """A gazetteer or places table is invalid; `problems` lists every issue found.

    All problems are collected before raising, so that whoever edits the TOML
    file sees the whole list at once rather than one error per run.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("invalid reference table:\n  " + "\n  ".join(self.problems))
