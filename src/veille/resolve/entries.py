"""The rows of `gazetteer.toml` and `places.toml`, declared as models and checked on load.

A row is checked on its own here (known keys, types, non-empty names); what
needs the whole table (a name used twice, a parent that does not exist) is
checked by the builders. Each problem is one line naming the row and the
field, so a typo in a domain file is found without reading code.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

Name = Annotated[str, StringConstraints(pattern=r"\S")]  # not empty, not only spaces


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class EntityEntry(_Row):
    """One `[[entity]]` of `gazetteer.toml` (the fields are described there)."""

    name: Name
    kind: Name
    country: str | None = None
    parent: str | None = None
    site: str | None = None
    aliases: list[Name] = []
    lookup_aliases: list[Name] = []
    parent_aliases: list[Name] = []
    case_sensitive: list[Name] = []


class PlaceEntry(_Row):
    """One `[[place]]` of `places.toml` (the fields are described there)."""

    name: Name
    kind: Name
    country: str | None = None
    aliases: list[Name] = []
    case_sensitive: list[Name] = []


Entry = TypeVar("Entry", EntityEntry, PlaceEntry)


def read_rows(rows: Any, model: type[Entry], label: str) -> tuple[list[Entry], list[str]]:
    """The rows that pass `model`, and one line per problem in those that do not.

    A row whose only fault is an unknown key is still used, so that the
    table-wide checks report its other problems in the same run.
    """
    if not isinstance(rows, list):
        return [], [f"[[{label}]] must be an array of tables"]
    good: list[Entry] = []
    problems: list[str] = []
    valid = ", ".join(model.model_fields)
    for index, row in enumerate(rows, 1):
        if not isinstance(row, Mapping):
            problems.append(f"{label} #{index}: not a table")
            continue
        name = row.get("name")
        where = (
            f"{label} {name!r}" if isinstance(name, str) and name.strip() else f"{label} #{index}"
        )
        problems += [
            f"{where}: unknown key {k!r} (valid: {valid})"
            for k in sorted(set(row) - set(model.model_fields))
        ]
        known = {k: v for k, v in row.items() if k in model.model_fields}
        try:
            good.append(model.model_validate(known))
        except ValidationError as err:
            problems += [f"{where}: {_problem(error)}" for error in err.errors()]
    return good, problems


def _problem(error: Mapping[str, Any]) -> str:
    """One pydantic error as a person reads it: `aliases[2]: expected a string, got 3`."""
    field, *rest = error["loc"]
    where = str(field) + "".join(f"[{part}]" for part in rest)
    if error["type"] == "missing":
        return f"missing {where}"
    if error["type"] == "string_pattern_mismatch":
        return f"{where} is empty"
    wanted = {
        "string_type": "a string",
        "list_type": "a list of strings",
    }.get(error["type"], error["msg"].lower())
    return f"{where}: expected {wanted}, got {error['input']!r}"
