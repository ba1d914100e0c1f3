"""Small helpers shared by the TOML table validators."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def check_keys(row: Mapping[str, Any], allowed: frozenset[str], where: str) -> list[str]:
    """Problems for keys the schema does not know (usually a typo in the file)."""
    return [f"{where}: unknown key {k!r}" for k in sorted(set(row) - allowed)]


def string_list(row: Mapping[str, Any], field: str, where: str, errors: list[str]) -> list[str]:
    """`row[field]` as a list of non-empty strings; problems go to `errors`."""
    value = row.get(field, [])
    if not isinstance(value, list):
        errors.append(f"{where}: {field} must be a list of strings")
        return []
    good: list[str] = []
    for item in value:
        if isinstance(item, str) and item.strip():
            good.append(item)
        else:
            errors.append(f"{where}: {field} holds a non-string or empty entry {item!r}")
    return good
