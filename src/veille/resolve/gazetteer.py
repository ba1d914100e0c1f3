"""The domain gazetteer: organisations, their canonical names, and their aliases.

Claims must name organisations the way the gold files do (SCHEMA.md rule 2), so
every surface form an article uses (`Groupe Renault`, `Renault Maroc`, `SEBN`,
`Faurecia`) has to resolve to one canonical name. The names themselves are data,
in `domains/<domain>/gazetteer.toml`; this module reads, checks and searches them.

An entity row in the TOML file has:

- `name`, `kind`, optional `country` (headquarters) and `parent` (a canonical name);
- `aliases`: forms searched for in text and accepted by `Gazetteer.entity`;
- `lookup_aliases`: forms accepted by `Gazetteer.entity` but never searched for in
  text, because in running text they usually mean something else (`Maroc` is the
  country far more often than the state as a party to an agreement);
- `parent_aliases`: the parent's forms that scoring accepts for a brand or
  subsidiary that keeps its own identity (`Renault` for `Dacia`); they belong to
  the parent, so they are listed on the entity but resolve to the parent;
- `case_sensitive`: forms that are also common words (`Hands`, `Speedy`). Forms
  of four characters or fewer (`CAM`, `Neo`, `Seat`) are case-sensitive anyway.

`Entity.aliases` lists the canonical name first, then `aliases`, `lookup_aliases`
and `parent_aliases`: the gold files' `subject_aliases` list for that name.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from rapidfuzz import fuzz, process

from veille.records import Entity
from veille.resolve.entries import EntityEntry, read_rows
from veille.resolve.errors import GazetteerError
from veille.resolve.folding import key
from veille.resolve.matcher import AliasMatcher, is_short
from veille.resolve.places import Place, PlaceMention, build_places


@dataclass(frozen=True, slots=True)
class Mention:
    """An organisation named in a text: `text[start:end] == surface`."""

    start: int
    end: int
    surface: str
    entity: Entity


@dataclass(frozen=True, slots=True)
class EntityRow:
    """One validated entity row, with the split `Entity` does not keep."""

    entity: Entity
    searched: tuple[str, ...]
    lookup: tuple[str, ...]
    case_sensitive: frozenset[str]


def build_entities(table: Mapping[str, Any]) -> tuple[EntityRow, ...]:
    """Entity rows from a parsed `gazetteer.toml`, or GazetteerError with every problem.

    Checked: required fields and unknown keys; canonical names unique; no form
    (name, alias or lookup alias) naming two entities, compared case- and
    accent-insensitively; parents exist and form no cycle; each parent alias
    resolves to one of the entity's ancestors.
    """
    entries, errors = read_rows(table.get("entity", []), EntityEntry, "entity")
    rows: list[dict[str, Any]] = []
    owner: dict[str, str] = {}
    canonical: set[str] = set()
    for entry in entries:
        name = entry.name
        where = f"entity {name!r}"
        for form in entry.case_sensitive:
            if form not in (name, *entry.aliases):
                errors.append(f"{where}: case_sensitive {form!r} is not one of its aliases")
        if key(name) in canonical:
            errors.append(f"{where}: duplicate canonical name")
            continue
        canonical.add(key(name))
        for form in dict.fromkeys((name, *entry.aliases, *entry.lookup_aliases)):
            other = owner.setdefault(key(form), name)
            if other != name:
                errors.append(f"{where}: alias {form!r} already names {other!r}")
        rows.append(
            {
                "name": name,
                "kind": entry.kind,
                "country": entry.country,
                "parent": entry.parent,
                "site": entry.site,
                "aliases": entry.aliases,
                "lookup": entry.lookup_aliases,
                "parent_aliases": entry.parent_aliases,
                "case_sensitive": frozenset(entry.case_sensitive),
            }
        )
    by_name = {r["name"]: r for r in rows}
    for r in rows:
        errors.extend(_check_parents(r, by_name, owner))
    if errors:
        raise GazetteerError(errors)
    return tuple(_to_row(r) for r in rows)


def _check_parents(
    row: Mapping[str, Any], by_name: Mapping[str, Mapping[str, Any]], owner: Mapping[str, str]
) -> list[str]:
    """Problems with one row's parent chain and parent aliases."""
    where = f"entity {row['name']!r}"
    ancestors: list[str] = []
    parent = row["parent"]
    while parent is not None:
        if parent not in by_name:
            return [f"{where}: parent {parent!r} is not a canonical name"]
        if parent == row["name"] or parent in ancestors:
            return [f"{where}: parent chain loops through {parent!r}"]
        ancestors.append(parent)
        parent = by_name[parent]["parent"]
    problems = []
    for form in row["parent_aliases"]:
        if owner.get(key(form)) not in ancestors:
            problems.append(f"{where}: parent alias {form!r} does not name one of its parents")
    return problems


def _to_row(r: Mapping[str, Any]) -> EntityRow:
    everything = tuple(
        dict.fromkeys((r["name"], *r["aliases"], *r["lookup"], *r["parent_aliases"]))
    )
    entity = Entity(
        name=r["name"],
        kind=r["kind"],
        aliases=everything,
        country=r["country"],
        parent=r["parent"],
        site=r["site"],
    )
    searched = tuple(dict.fromkeys((r["name"], *r["aliases"])))
    return EntityRow(entity, searched, tuple(r["lookup"]), r["case_sensitive"])


class Gazetteer:
    """Finds and resolves the organisations and places of one domain.

    Build it with `Gazetteer.load()` (read once per process) or, in tests, with
    `Gazetteer.from_tables()` on in-memory tables.
    """

    def __init__(self, rows: tuple[EntityRow, ...], places: tuple[Place, ...]) -> None:
        named = {place.name for place in places}
        unknown = [
            f"entity {row.entity.name!r}: site {row.entity.site!r} is not a place of places.toml"
            for row in rows
            if row.entity.site is not None and row.entity.site not in named
        ]
        if unknown:
            raise GazetteerError(unknown)
        self._entities: dict[str, Entity] = {row.entity.name: row.entity for row in rows}
        self._index: dict[str, Entity] = {}
        for row in rows:
            for form in (*row.searched, *row.lookup):
                self._index[key(form)] = row.entity
        self._matcher: AliasMatcher[Entity] = AliasMatcher(
            (form, row.entity, form in row.case_sensitive or is_short(form))
            for row in rows
            for form in row.searched
        )
        self._places: AliasMatcher[Place] = AliasMatcher(
            (spelling, place, case_sensitive)
            for place in places
            for spelling, case_sensitive in place.spellings()
        )
        self._countries: dict[str, str | None] = {place.name: place.country for place in places}
        self._choices: dict[str, str] = {}
        for row in rows:
            for form in (*row.searched, *row.lookup):
                self._choices.setdefault(key(form), row.entity.name)

    @classmethod
    def load(cls, domain: str = "automotive") -> Gazetteer:
        """The gazetteer of `domain`, read from its package data once per process."""
        return _load(domain)

    @classmethod
    def from_files(cls, folder: Traversable, label: str) -> Gazetteer:
        """The gazetteer of a domain folder (`gazetteer.toml`, optional `places.toml`).

        A problem raises `GazetteerError` whose message is one line naming
        the file (`label/gazetteer.toml`), the entry and what is wrong.
        """
        entities_file, places_file = (
            folder.joinpath("gazetteer.toml"),
            folder.joinpath("places.toml"),
        )
        where = f"{label}/gazetteer.toml"
        try:  # `where` names the file each step reads, for the error
            rows = build_entities(tomllib.loads(entities_file.read_text(encoding="utf-8")))
            where = f"{label}/places.toml"
            text = places_file.read_text(encoding="utf-8") if places_file.is_file() else ""
            return cls(rows, build_places(tomllib.loads(text)))
        except tomllib.TOMLDecodeError as err:
            raise GazetteerError([f"not valid TOML ({err})"], where) from None
        except GazetteerError as err:
            raise GazetteerError(err.problems, where) from None

    @classmethod
    def from_tables(
        cls, entities: Mapping[str, Any], places: Mapping[str, Any] | None = None
    ) -> Gazetteer:
        """A gazetteer from parsed TOML tables (`{"entity": [...]}`, `{"place": [...]}`)."""
        return cls(build_entities(entities), build_places(places or {}))

    def find(self, text: str) -> list[Mention]:
        """Organisations named in `text`, in text order, longest form winning overlaps."""
        return [
            Mention(hit.start, hit.end, hit.surface, hit.payload)
            for hit in self._matcher.find(text)
        ]

    def find_places(self, text: str) -> list[PlaceMention]:
        """Places named in `text`, in text order, with their English names."""
        return [
            PlaceMention(hit.start, hit.end, hit.surface, hit.payload.name, hit.payload.kind)
            for hit in self._places.find(text)
        ]

    def country_of(self, place: str) -> str | None:
        """The country a place (by its English name) lies in; None for a country or a region."""
        return self._countries.get(place)

    def entity(self, name: str) -> Entity | None:
        """The entity `name` designates (canonical name or alias), case/accent-insensitive.

        A parent alias listed on a brand resolves to the parent: `Renault` is
        Renault Group even though Dacia's alias list carries it for scoring.
        """
        return self._index.get(key(name))

    def suggest(self, name: str, limit: int = 5) -> list[str]:
        """Canonical names whose forms are closest to `name`, best first ("did you mean")."""
        results = process.extract(
            key(name), list(self._choices), scorer=fuzz.WRatio, limit=None, score_cutoff=50
        )
        suggestions: list[str] = []
        for choice, _score, _index in results:
            canonical = self._choices[choice]
            if canonical not in suggestions:
                suggestions.append(canonical)
        return suggestions[:limit]

    def entities(self) -> Iterator[Entity]:
        """Every entity, in file order."""
        return iter(self._entities.values())

    def is_part_of(self, child: str, parent: str) -> bool:
        """True when `child` is `parent` or belongs to it through the parent chain.

        Both names go through `entity()`, so aliases work; unknown names give False.
        """
        node = self.entity(child)
        target = self.entity(parent)
        if node is None or target is None:
            return False
        seen: set[str] = set()
        while node is not None and node.name not in seen:
            if node.name == target.name:
                return True
            seen.add(node.name)
            node = self._entities.get(node.parent) if node.parent else None
        return False


@cache
def _load(domain: str) -> Gazetteer:
    """Read and check a domain's tables; cached so a process parses them once."""
    if not domain.isidentifier():
        raise ValueError(f"not a domain name: {domain!r}")
    folder = resources.files("veille.domains").joinpath(domain)
    return Gazetteer.from_files(folder, f"domains/{domain}")
