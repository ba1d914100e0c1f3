"""Places an article may name, mapped to the English name SCHEMA.md reports.

The table lives in `domains/<domain>/places.toml`; this module only reads and
checks it. A place has a `name` (the English output form: `Tangier`, `Morocco`),
a `kind` (`city`, `country`, `region`, `site`...), an optional `country`, and
`aliases`: every spelling an article may use, country adjectives included
(`marocaine` → `Morocco`). Sites that belong to a city for reporting purposes
(`Melloussa`, `Tanger Automotive City`) are aliases of that city.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from veille.resolve.entries import PlaceEntry, read_rows
from veille.resolve.errors import GazetteerError
from veille.resolve.folding import key
from veille.resolve.matcher import is_short


@dataclass(frozen=True, slots=True)
class Place:
    """A place with its English name and every spelling it goes by."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    case_sensitive: frozenset[str] = frozenset()

    def spellings(self) -> Iterable[tuple[str, bool]]:
        """`(spelling, case_sensitive)` for the name and every alias."""
        for spelling in (self.name, *self.aliases):
            yield spelling, spelling in self.case_sensitive or is_short(spelling)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in a text: `text[start:end] == surface`, reported as `name`."""

    start: int
    end: int
    surface: str
    name: str
    kind: str


def build_places(table: Mapping[str, Any]) -> tuple[Place, ...]:
    """Places from a parsed `places.toml`, or GazetteerError listing every problem.

    Checked: required fields, unknown keys, unique names, and that no spelling
    names two places (case- and accent-insensitively).
    """
    entries, errors = read_rows(table.get("place", []), PlaceEntry, "place")
    places: list[Place] = []
    owner: dict[str, str] = {}
    for entry in entries:
        name = entry.name
        where = f"place {name!r}"
        for spelling in entry.case_sensitive:
            if spelling not in (name, *entry.aliases):
                errors.append(f"{where}: case_sensitive {spelling!r} is not one of its spellings")
        for spelling in dict.fromkeys((name, *entry.aliases)):
            other = owner.setdefault(key(spelling), name)
            if other != name:
                errors.append(f"{where}: spelling {spelling!r} already names place {other!r}")
        places.append(
            Place(
                name=name,
                kind=entry.kind,
                aliases=tuple(dict.fromkeys(a for a in entry.aliases if a != name)),
                country=entry.country,
                case_sensitive=frozenset(entry.case_sensitive),
            )
        )
    if errors:
        raise GazetteerError(errors)
    return tuple(places)
