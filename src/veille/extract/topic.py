"""Whether an article is about the domain at all: the document-level cheap filter.

A real feed is mostly news the domain does not care about, and its sentences
are full of figures and metric words (`22 salariés`, `un accord`). Read one
by one, they keep the French model busy and yield claims about whatever
organisation its NER names. So before any sentence is read, an article must
name an organisation of the domain's gazetteer, or its home country or a
place in it (`Kénitra`, `marocain`): a newcomer the gazetteer does not know
yet is still read when the article says where it sets up. Anything else
yields no claim, at the cost of two dictionary scans.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from functools import cache
from importlib import resources
from typing import Any

from veille.records import Article
from veille.resolve import Gazetteer


def names_home(article: Article, gazetteer: Gazetteer, domain: str = "automotive") -> bool:
    """Whether the title or the text names the domain's home country or a place in it."""
    home = home_places(domain)
    texts = (article.title or "", *article.paragraphs)
    return any(place.name in home for text in texts for place in gazetteer.find_places(text))


@cache
def home_country(domain: str = "automotive") -> str | None:
    """The domain's home country: the one most of the domain's places lie in (the places
    list is mostly the home country's cities and industrial sites, with the headquarters
    and plants abroad that its organisations name)."""
    countries = Counter(row["country"] for row in _place_rows(domain) if row.get("country"))
    return countries.most_common(1)[0][0] if countries else None


@cache
def home_places(domain: str = "automotive") -> frozenset[str]:
    """The domain's home country and the places that lie in it, by name."""
    home = home_country(domain)
    if home is None:
        return frozenset()
    rows = _place_rows(domain)
    return frozenset({home} | {row["name"] for row in rows if row.get("country") == home})


def _place_rows(domain: str) -> list[dict[str, Any]]:
    path = resources.files("veille.domains").joinpath(domain, "places.toml")
    if not path.is_file():
        return []
    rows: list[dict[str, Any]] = tomllib.loads(path.read_text(encoding="utf-8")).get("place", [])
    return rows
