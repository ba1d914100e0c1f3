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
# A lower-case place name that opens with one of these is a noun ("au royaume"), not an
# adjective of nationality.
_NOUN_OPENERS = ("au ", "du ", "le ", "la ", "the ")
# Words before a place that make it a landmark, not where: "Ain Aouda, près de Rabat".
_LANDMARK = re.compile(
    r"(?:\bprès\s+d[eu']|\bproche\s+d[eu']|\bnon\s+loin\s+d[eu']|\bkilomètres\s+d[eu']|"
    r"\bkm\s+d[eu']|\bnear|\bclose\s+to|\bkm\s+from|\bmiles\s+from|\boutside)"
    r"\s*(?:la\s|le\s|l['’]|the\s)?(?:capitale|capital|ville|city)?(?:\s+\w+)?\s*$",
    re.IGNORECASE,
)
# Words after a place that make it where a company is listed or based, not where it works.
_LISTED_AFTER = re.compile(r"^-(?:listed|based|headquartered)\b", re.IGNORECASE)
# Metrics a plant reports: with no place in its sentence, the article's plant city.
PLANT_METRICS = frozenset(
    {"production_capacity", "production_volume", "employment", "investment"}
)  # fmt: skip
# Metrics a country reports: a city named with them stands for its country.
COUNTRY_WIDE = frozenset({"sales_volume", "market_share"})
# Metrics reported for a country unless their clause names a city (`local` integration is
# the share of parts made in the country; a group's exports leave the country).
NATIONAL = frozenset({"exports", "local_integration_rate"})


def is_where(place: PlaceMention, text: str) -> bool:
    """Whether a place mention says where something is (not a nationality, a destination,
    a landmark or a stock exchange)."""
    if not place.surface[:1].isupper() and not place.surface.lower().startswith(_NOUN_OPENERS):
        # "le groupe français": where a firm is from; "le marché marocain": where sales are
        return bool(_MARKET.search(text[max(0, place.start - 12) : place.start].lower()))
    if place.surface != place.name and _DEMONYM.search(place.surface):
        # "the European company", "Moroccan Prime Minister" say who; "the Moroccan
        # market", "le marché marocain" say where
        around = text[max(0, place.start - 12) : place.end + 12].lower()
        return bool(_MARKET.search(around))
    if _LANDMARK.search(text[max(0, place.start - 40) : place.start]):
        return False
    if _LISTED_AFTER.match(text[place.end : place.end + 20]):
        return False
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
    home: str | None = None,
    site: str | None = None,
) -> str | None:
    """Where the figure at `offset` in its clause [lo, hi) applies.

    The place nearest the figure in its clause, else in its sentence; a clause
    that lists several cities of one country (`ses usines de Tanger et de
    Casablanca`) reports the country. With no place in the sentence: the
    site of a company that is one plant (SOMACA: Casablanca); for a
    plant's figure, the article's plant city; for a national figure, the
    country of the last place named, else the home country; else the last
    place named. A city for a country-wide metric is reported as its country.
    """
    named = _most_precise([p for p in places if is_where(p, text)], gazetteer)
    in_clause = [p for p in named if lo <= p.start < hi]
    country = _one_country(in_clause, gazetteer)
    inside = in_clause or named
    name: str | None
    if country is not None:
        name = country
    elif inside:
        name = min(inside, key=lambda p: abs(p.start - offset)).name
    elif site is not None:
        name = site
    elif metric in PLANT_METRICS and plant_city is not None:
        name = plant_city
    elif metric in NATIONAL or metric in COUNTRY_WIDE:
        where = fallback or plant_city
        name = (gazetteer.country_of(where) or where) if where else home
    else:
        name = fallback
    if name is not None and metric in COUNTRY_WIDE:
        return gazetteer.country_of(name) or name
    return name


def _most_precise(places: list[PlaceMention], gazetteer: Gazetteer) -> list[PlaceMention]:
    """Without a country named right after its own city or region: `l'usine d'Oran, en
    Algérie` and `Tangier, Morocco` are at the city (but `the Kenitra plant … employment in
    Morocco` is the country's)."""
    appositions = {
        (p.name, q.name)
        for p in places
        for q in places
        if p.kind != "country" and 0 <= q.start - p.end <= 12
    }
    return [
        q
        for q in places
        if q.kind != "country"
        or not any(
            country == q.name and gazetteer.country_of(city) == country
            for city, country in appositions
        )
    ]


def _one_country(places: list[PlaceMention], gazetteer: Gazetteer) -> str | None:
    """The country of two or more different cities named together, if they share one."""
    cities = {p.name for p in places if p.kind in ("city", "site")}
    if len(cities) < 2:
        return None
    countries = {gazetteer.country_of(city) for city in cities}
    return countries.pop() if len(countries) == 1 else None


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
