"""Name resolution: which organisations and places a text names, by canonical name.

The reference data (`domains/<domain>/gazetteer.toml` and `places.toml`) is the
domain knowledge; this package holds only the generic machinery to search and
check it.
"""

from veille.resolve.errors import GazetteerError
from veille.resolve.gazetteer import EntityRow, Gazetteer, Mention, build_entities
from veille.resolve.places import Place, PlaceMention, build_places

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
