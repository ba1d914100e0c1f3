"""The one error a bad reference table raises."""

from __future__ import annotations

from collections.abc import Sequence


class GazetteerError(ValueError):
    """A gazetteer or places table is invalid; `problems` lists every issue found.

    All problems are collected before raising, so that whoever edits the TOML
    file can see the whole list at once (`problems`); the message is the
    first one, naming the file, on one line.
    """

    def __init__(self, problems: Sequence[str], source: str = "reference table") -> None:
        self.problems = tuple(problems)
        self.source = source
        more = len(self.problems) - 1
        also = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        # One line for a person: the file, the first entry and its problem.
        super().__init__(f"{source}: {self.problems[0] if self.problems else 'invalid'}{also}")
