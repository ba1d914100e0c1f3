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
from typing import Any

from rapidfuzz import fuzz, process

from veille.records import Entity
from veille.resolve.errors import GazetteerError
from veille.resolve.folding import key
from veille.resolve.matcher import AliasMatcher, is_short
from veille.resolve.places import Place, PlaceMention, build_places
from veille.resolve.tables import check_keys, string_list

_ENTITY_KEYS = frozenset(
    {
        "name",
        "kind",
        "country",
        "parent",
        "aliases",
        "lookup_aliases",
        "parent_aliases",
        "case_sensitive",
    }
)


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
    errors: list[str] = []
    rows: list[dict[str, Any]] = []
    owner: dict[str, str] = {}
    canonical: set[str] = set()
    for index, row in enumerate(table.get("entity", [])):
        where = f"entity #{index + 1}"
        if not isinstance(row, Mapping):
            errors.append(f"{where}: not a table")
            continue
        errors.extend(check_keys(row, _ENTITY_KEYS, where))
        name = row.get("name")
        if not isinstance(name, str) or not name.strip():
            errors.append(f"{where}: missing name")
            continue
        where = f"entity {name!r}"
        kind = row.get("kind")
        if not isinstance(kind, str) or not kind.strip():
            errors.append(f"{where}: missing kind")
        for field in ("country", "parent"):
            if row.get(field) is not None and not isinstance(row.get(field), str):
                errors.append(f"{where}: {field} must be a string")
        aliases = string_list(row, "aliases", where, errors)
        lookup = string_list(row, "lookup_aliases", where, errors)
        parent_aliases = string_list(row, "parent_aliases", where, errors)
        case_sensitive = string_list(row, "case_sensitive", where, errors)
        for form in case_sensitive:
            if form not in (name, *aliases):
                errors.append(f"{where}: case_sensitive {form!r} is not one of its aliases")
        if key(name) in canonical:
            errors.append(f"{where}: duplicate canonical name")
            continue
        canonical.add(key(name))
        for form in dict.fromkeys((name, *aliases, *lookup)):
            other = owner.setdefault(key(form), name)
            if other != name:
                errors.append(f"{where}: alias {form!r} already names {other!r}")
        rows.append(
            {
                "name": name,
                "kind": kind if isinstance(kind, str) else "",
                "country": row.get("country") if isinstance(row.get("country"), str) else None,
                "parent": row.get("parent") if isinstance(row.get("parent"), str) else None,
                "aliases": aliases,
                "lookup": lookup,
                "parent_aliases": parent_aliases,
                "case_sensitive": frozenset(case_sensitive),
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
    )
    searched = tuple(dict.fromkeys((r["name"], *r["aliases"])))
    return EntityRow(entity, searched, tuple(r["lookup"]), r["case_sensitive"])


class Gazetteer:
    """Finds and resolves the organisations and places of one domain.

    Build it with `Gazetteer.load()` (read once per process) or, in tests, with
    `Gazetteer.from_tables()` on in-memory tables.
    """

    def __init__(self, rows: tuple[EntityRow, ...], places: tuple[Place, ...]) -> None:
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
        self._choices: dict[str, str] = {}
        for row in rows:
            for form in (*row.searched, *row.lookup):
                self._choices.setdefault(key(form), row.entity.name)

    @classmethod
    def load(cls, domain: str = "automotive") -> Gazetteer:
        """The gazetteer of `domain`, read from its package data once per process."""
        return _load(domain)

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
    entities = tomllib.loads(folder.joinpath("gazetteer.toml").read_text(encoding="utf-8"))
    places_file = folder.joinpath("places.toml")
    places = tomllib.loads(places_file.read_text(encoding="utf-8")) if places_file.is_file() else {}
    return Gazetteer.from_tables(entities, places)
