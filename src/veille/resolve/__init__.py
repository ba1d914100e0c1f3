"""Name resolution: which organisations and places a text names, by canonical name.

The reference data (`domains/<domain>/gazetteer.toml` and `places.toml`) is the
domain knowledge; this package holds only the generic machinery to search and
check it.

The names below are imported on first use: the store needs only `folding`,
and loading the gazetteer's validation models (pydantic) would slow every
read-only command's start.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from veille.resolve.errors import GazetteerError
    from veille.resolve.gazetteer import EntityRow, Gazetteer, Mention, build_entities
    from veille.resolve.places import Place, PlaceMention, build_places

_HOMES = {
    "GazetteerError": "veille.resolve.errors",
    "EntityRow": "veille.resolve.gazetteer",
    "Gazetteer": "veille.resolve.gazetteer",
    "Mention": "veille.resolve.gazetteer",
    "build_entities": "veille.resolve.gazetteer",
    "Place": "veille.resolve.places",
    "PlaceMention": "veille.resolve.places",
    "build_places": "veille.resolve.places",
}

__all__ = [
    "EntityRow",
    "Gazetteer",
    "GazetteerError",
    "Mention",
    "Place",
    "PlaceMention",
    "build_entities",
    "build_places",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'veille.resolve' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
