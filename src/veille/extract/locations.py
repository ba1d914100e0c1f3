"""Where a figure applies (SCHEMA.md rule 11): reported, not scored, but shown to analysts.

The place is the one the figure's clause names, else its sentence's, else
the last one the text named (`le site de Kénitra … Il emploie 3 500
personnes`). Three kinds of place mention are not where a figure applies:
a nationality (`le groupe français`, `the European company`), a destination
(`exporte vers l'Europe`, `to cater to markets in Europe`) and, for a
country-wide figure (sales, market share), a city, which stands for its country.
"""

from __future__ import annotations

import re

from veille.resolve import Gazetteer, PlaceMention

# Endings of nationality adjectives in French and English (`marocaine`, `Chinese`,
# `European`, `allemand`); a place named by its own name never ends so.
_DEMONYM = re.compile(
    r"(?:an|ans|ane|anes|ain|aine|ains|aines|ais|aise|aises|ois|oise|oises|ese|ish|ien|ienne"
    r"|iens|iennes|éen|éenne|éens|ch|and|ande|ands|andes|ic|ique|iques|ean|eans)$",
    re.IGNORECASE,
)
# Words just before a place that make it where vehicles go, not where they are made.
_DESTINATION = re.compile(
    r"(?:\bvers|\bdestination\s+(?:de|du|des|d['’])|\bmarkets\s+(?:in|of)|\bmarchés"
    r"(?:\s+\w+)?\s+(?:de|du|des|d['’])|\bexport\w*\s+(?:to|vers|en|au|aux)|\bto\s+markets)"
    r"\s*(?:l['’]|la\s|le\s|les\s|the\s)?"
    # … and the places listed after the first one: "to markets in Europe and North Africa"
    r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s*(?:,|and|et)\s+(?:l['’]|la\s|le\s|the\s)?)*$",
    re.IGNORECASE,
)
_MARKET = re.compile(r"\b(?:market|marché|car market|auto market)\b")
# Metrics a plant reports: with no place in its sentence, the article's plant city.
PLANT_METRICS = frozenset(
    {"production_capacity", "production_volume", "employment", "investment",
     "local_integration_rate"}
)  # fmt: skip
# Metrics a country reports: a city named with them stands for its country.
COUNTRY_WIDE = frozenset({"sales_volume", "market_share"})


def is_where(place: PlaceMention, text: str) -> bool:
    """Whether a place mention says where something is (not a nationality or a destination)."""
    if not place.surface[:1].isupper():
        # "le groupe français": where a firm is from; "le marché marocain": where sales are
        return bool(_MARKET.search(text[max(0, place.start - 12) : place.start].lower()))
    if place.surface != place.name and _DEMONYM.search(place.surface):
        # "the European company", "Moroccan Prime Minister" say who; "the Moroccan
        # market", "le marché marocain" say where
        around = text[max(0, place.start - 12) : place.end + 12].lower()
        return bool(_MARKET.search(around))
    return not _DESTINATION.search(text[max(0, place.start - 40) : place.start])


def figure_location(
    places: list[PlaceMention],
    text: str,
    lo: int,
    hi: int,
    offset: int,
    fallback: str | None,
    metric: str,
    gazetteer: Gazetteer,
    plant_city: str | None = None,
) -> str | None:
    """The place nearest the figure at `offset` in its clause [lo, hi), else in its sentence,
    else the article's plant city for a plant's figure, else `fallback` (the last place
    named); a city for a country-wide metric is reported as its country."""
    named = [p for p in places if is_where(p, text)]
    inside = [p for p in named if lo <= p.start < hi] or named
    if inside:
        name: str | None = min(inside, key=lambda p: abs(p.start - offset)).name
    elif metric in PLANT_METRICS and plant_city is not None:
        name = plant_city
    else:
        name = fallback
    if name is not None and metric in COUNTRY_WIDE:
        return gazetteer.country_of(name) or name
    return name


def plant_city(paragraphs: list[tuple[str, list[PlaceMention]]]) -> str | None:
    """The city an article is about: the one it names most (a plant story names its city
    again and again), or None when it names none."""
    counts: dict[str, int] = {}
    for text, places in paragraphs:
        for place in places:
            if place.kind in ("city", "site") and is_where(place, text):
                counts[place.name] = counts.get(place.name, 0) + 1
    return max(counts, key=lambda name: counts[name]) if counts else None


def last_place(places: list[PlaceMention], text: str, offset: int) -> str | None:
    """The last place named before `offset`, for the figures of later sentences."""
    named = [p for p in places if p.end <= offset and is_where(p, text)]
    return named[-1].name if named else None
