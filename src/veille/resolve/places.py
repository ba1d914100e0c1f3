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

from veille.resolve.errors import GazetteerError
from veille.resolve.folding import key
from veille.resolve.matcher import is_short
from veille.resolve.tables import check_keys, string_list

_PLACE_KEYS = frozenset({"name", "kind", "country", "aliases", "case_sensitive"})


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
    errors: list[str] = []
    places: list[Place] = []
    owner: dict[str, str] = {}
    for index, row in enumerate(table.get("place", [])):
        where = f"place #{index + 1}"
        if not isinstance(row, Mapping):
            errors.append(f"{where}: not a table")
            continue
        errors.extend(check_keys(row, _PLACE_KEYS, where))
        name = row.get("name")
        kind = row.get("kind")
        if not isinstance(name, str) or not name.strip():
            errors.append(f"{where}: missing name")
            continue
        where = f"place {name!r}"
        if not isinstance(kind, str) or not kind.strip():
            errors.append(f"{where}: missing kind")
        country = row.get("country")
        if country is not None and not isinstance(country, str):
            errors.append(f"{where}: country must be a string")
            country = None
        aliases = string_list(row, "aliases", where, errors)
        case_sensitive = string_list(row, "case_sensitive", where, errors)
        for spelling in case_sensitive:
            if spelling not in (name, *aliases):
                errors.append(f"{where}: case_sensitive {spelling!r} is not one of its spellings")
        for spelling in dict.fromkeys((name, *aliases)):
            folded = key(spelling)
            other = owner.setdefault(folded, name)
            if other != name:
                errors.append(f"{where}: spelling {spelling!r} already names place {other!r}")
        places.append(
            Place(
                name=name,
                kind=str(kind),
                aliases=tuple(dict.fromkeys(a for a in aliases if a != name)),
                country=country,
                case_sensitive=frozenset(case_sensitive),
            )
        )
    if errors:
        raise GazetteerError(errors)
    return tuple(places)
