"""Behavioural cases for the claim extractor, generated from templates (CheckList style).

Every sentence is invented here from templates and fillers; none comes from an
article or an eval/ folder. Each `Case` is one small article (one or two
paragraphs, published 2024-05-02) with the exact set of claims eval/SCHEMA.md
expects from it.

Kinds, after Ribeiro et al. (2020), "Beyond Accuracy: Behavioral Testing of NLP
Models with CheckList":

- MFT (minimum functionality test): a template and its expected claims.
- INV (invariance): a perturbation of an MFT that must not change the claims
  (another national number form, a known company swapped for an unknown one
  named with a company form). The expected claims are the base case's,
  carried over by the perturbation, so an INV case passes only when the
  perturbed text gives the same (right) claims.
- DIR (directional): a perturbation with a known effect on the claims (adding
  `d'ici 2030` / `by 2030` turns the figure into a target for 2030).

A case passes when the predicted claims equal the expected ones one to one on
(subject, metric, value within 1 %, unit family, status, year); qualifier and
location are not compared. Extra claims fail a case, so each text is kept
focused on the figures under test; a "no claim" case (a denial, a
hypothetical, a market total, a non-unit figure) often carries a control
sentence with one real claim, which must still be found.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, TypeVar

Status = Literal["actual", "target"]
T = TypeVar("T")
Kind = Literal["MFT", "INV", "DIR"]

PUBLISHED = date(2024, 5, 2)
LAST_YEAR = PUBLISHED.year - 1

CAPABILITIES: tuple[str, ...] = (
    "number_forms",
    "units_vs_non_units",
    "status_mixed",
    "status_verbs",
    "year_attachment",
    "subjects_known",
    "subjects_unknown",
    "subjects_pronoun",
    "brand_vs_group",
    "plant_owner",
    "lists_respectively",
    "denials",
    "hypotheticals",
    "market_totals",
)


@dataclass(frozen=True, slots=True)
class Expected:
    """One claim a case must yield (SCHEMA.md fields that are scored)."""

    subject: str
    metric: str
    value: float
    unit: str
    status: Status
    year: int | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Case:
    """One generated article and the claims it must yield."""

    id: str
    capability: str
    language: str
    kind: Kind
    template: str
    paragraphs: tuple[str, ...]
    expected: tuple[Expected, ...]
    published: date | None = PUBLISHED


# ---------------------------------------------------------------------------
# Fillers
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Org:
    """An organisation as the text names it and as a claim names it."""

    mention: str
    name: str
    aliases: tuple[str, ...] = ()
    carmaker: bool = False


RENAULT_PARENT = ("Renault Group", "Renault", "Groupe Renault")
STELLANTIS_PARENT = ("Stellantis", "Groupe Stellantis")

CARMAKERS: tuple[Org, ...] = (
    Org("Renault", "Renault Group", carmaker=True),
    Org("Stellantis", "Stellantis", carmaker=True),
    Org("SOMACA", "SOMACA", RENAULT_PARENT, carmaker=True),
    Org("Neo Motors", "Neo Motors", carmaker=True),
)
CARMAKER_ALIASES: tuple[Org, ...] = (
    Org("Groupe Renault", "Renault Group", carmaker=True),
    Org("Renault Maroc", "Renault Group", carmaker=True),
    Org("PSA", "Stellantis", carmaker=True),
    Org("Stellantis Maroc", "Stellantis", carmaker=True),
)
SUPPLIERS: tuple[Org, ...] = (
    Org("Yazaki", "Yazaki"),
    Org("Lear", "Lear Corporation"),
    Org("Aptiv", "Aptiv"),
    Org("Leoni", "Leoni"),
    Org("Forvia", "Forvia"),
    Org("Valeo", "Valeo"),
    Org("Gestamp", "Gestamp"),
    Org("Nexans", "Nexans"),
    Org("Adient", "Adient"),
    Org("Sumitomo Electric", "Sumitomo Electric"),
)
SUPPLIER_ALIASES: tuple[Org, ...] = (
    Org("Faurecia", "Forvia"),
    Org("Delphi", "Aptiv"),
    Org("SEBN", "Sumitomo Electric"),
    Org("Yazaki Maroc", "Yazaki"),
    Org("Lear Corp", "Lear Corporation"),
    Org("Leoni Maroc", "Leoni"),
)
KNOWN: tuple[Org, ...] = CARMAKERS + SUPPLIERS

UNKNOWN_FR: tuple[Org, ...] = (
    Org("la société Xantor", "Xantor", ("Société Xantor",)),
    Org("Velmora Motors", "Velmora Motors", carmaker=True),
    Org("l'équipementier Kestrel Automotive", "Kestrel Automotive"),
    Org("Brivane Industries", "Brivane Industries"),
    Org("le groupe Orvanel", "Orvanel", ("Groupe Orvanel",)),
    Org("Corvane SA", "Corvane", ("Corvane SA",)),
    Org("Talvik Automobiles", "Talvik Automobiles", carmaker=True),
    Org("Mervia Câbles SARL", "Mervia Câbles", ("Mervia Câbles SARL",)),
)
UNKNOWN_EN: tuple[Org, ...] = (
    Org("Velmora Motors", "Velmora Motors", carmaker=True),
    Org("Kestrel Automotive Ltd", "Kestrel Automotive", ("Kestrel Automotive Ltd",)),
    Org("Xantor Inc.", "Xantor", ("Xantor Inc", "Xantor Inc.")),
    Org("Brivane Industries", "Brivane Industries"),
    Org("Orvanel Group", "Orvanel", ("Orvanel Group",)),
    Org("Talvik Automobiles", "Talvik Automobiles", carmaker=True),
    Org("Corvane Components Co.", "Corvane Components", ("Corvane Components Co.",)),
    Org("Mervia Cables Corp", "Mervia Cables", ("Mervia Cables Corp",)),
)

CITIES_FR = ("Tanger", "Kénitra", "Casablanca", "Meknès")
CITIES_EN = ("Tangier", "Kenitra", "Casablanca", "Meknes")
HOME_CITY: dict[str, tuple[str, str]] = {
    "Renault Group": ("Tanger", "Tangier"),
    "Stellantis": ("Kénitra", "Kenitra"),
    "SOMACA": ("Casablanca", "Casablanca"),
    "Neo Motors": ("Casablanca", "Casablanca"),
}


def cap(text: str) -> str:
    """The text with its first letter upper-cased (a mention opening a sentence)."""
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------------------
# Number renderings
# ---------------------------------------------------------------------------

SEPARATORS = {
    "space": " ",
    "nbsp": "\u00a0",
    "nnbsp": "\u202f",
    "dot": ".",
    "comma": ",",
    "plain": "",
    "apostrophe": "'",
}


def grouped(n: int, style: str) -> str:
    """`n` with its thousands grouped in a national style (`18 000`, `18.000`, `18,000`)."""
    return f"{n:,}".replace(",", SEPARATORS[style])


WORDS_FR = {
    400: "quatre cents",
    1200: "mille deux cents",
    2000: "deux mille",
    3500: "trois mille cinq cents",
    17000: "dix-sept mille",
    25000: "vingt-cinq mille",
    70000: "soixante-dix mille",
    80000: "quatre-vingt mille",
    90000: "quatre-vingt-dix mille",
    200000: "deux cent mille",
}
WORDS_EN = {
    400: "four hundred",
    1200: "one thousand two hundred",
    2000: "two thousand",
    3500: "three thousand five hundred",
    17000: "seventeen thousand",
    25000: "twenty-five thousand",
    70000: "seventy thousand",
    80000: "eighty thousand",
    90000: "ninety thousand",
    200000: "two hundred thousand",
}
# Approximate counts: (rendering before the noun, value). `de` is part of the French rendering.
APPROX_FR = (
    ("une cinquantaine de", 50),
    ("une centaine de", 100),
    ("une vingtaine de", 20),
    ("une trentaine de", 30),
    ("un millier de", 1000),
)
APPROX_EN = (("about fifty", 50), ("around a hundred", 100), ("some twenty", 20))
QUALIFIED_FR = ("plus de {n}", "près de {n}", "environ {n}", "quelque {n}", "moins de {n}")
QUALIFIED_EN = ("more than {n}", "nearly {n}", "about {n}", "some {n}", "fewer than {n}")
# Counts in millions: (French, English, value); French takes `de` before the noun.
SCALED = (
    ("1,2 million de", "1.2 million", 1_200_000),
    ("1,5 million de", "1.5 million", 1_500_000),
    ("un million de", "one million", 1_000_000),
    ("2,3 millions de", "2.3 million", 2_300_000),
)


def count_forms(n: int, lang: str) -> list[tuple[str, str, float]]:
    """Renderings of a count: (form name, text, value). The first is the canonical form."""
    if lang == "fr":
        forms = [(style, grouped(n, style), float(n)) for style in ("space", "nbsp", "nnbsp")]
        forms += [(style, grouped(n, style), float(n)) for style in ("dot", "plain", "comma")]
        forms.append(("apostrophe", grouped(n, "apostrophe"), float(n)))
    else:
        forms = [(style, grouped(n, style), float(n)) for style in ("comma", "plain")]
    return forms


CURRENCY_FR = {"EUR": "d'euros", "MAD": "de dirhams", "USD": "de dollars"}
ABBR_FR = {"EUR": ("Md€", "M€"), "MAD": ("MMDH", "MDH"), "USD": ("Md$", "M$")}
SYMBOL_EN = {"EUR": "€", "MAD": "MAD ", "USD": "$"}
WORD_EN = {"EUR": "euros", "MAD": "dirhams", "USD": "dollars"}


def _mantissa(value: float, lang: str) -> tuple[str, bool]:
    """The figure before `milliard`/`million`, and whether it is in billions."""
    billions = value >= 1e9
    m = value / (1e9 if billions else 1e6)
    text = str(int(m)) if float(m).is_integer() else f"{m:g}"
    return (text.replace(".", ",") if lang == "fr" else text), billions


def money_forms(value: float, currency: str, lang: str) -> list[tuple[str, str]]:
    """Renderings of an amount: (form name, text). The first is the canonical form."""
    m, billions = _mantissa(value, lang)
    if lang == "fr":
        plural = "s" if float(m.replace(",", ".")) >= 2 else ""
        word = ("milliard" if billions else "million") + plural
        forms = [
            ("long", f"{m} {word} {CURRENCY_FR[currency]}"),
            ("abbr", f"{m} {ABBR_FR[currency][0 if billions else 1]}"),
        ]
        if currency == "MAD":
            forms.append(("dh", f"{m} {word} de DH"))
        if currency == "EUR":
            forms.append(("symbol", f"{m} {word} €"))
        return forms
    scale = "billion" if billions else "million"
    short = "bn" if billions else "m"
    return [
        ("long", f"{SYMBOL_EN[currency]}{m} {scale}"),
        ("short", f"{SYMBOL_EN[currency]}{m}{short}"),
        ("code", f"{currency} {m} {scale}"),
        ("word", f"{m} {scale} {WORD_EN[currency]}"),
    ]


def percent_forms(value: float, lang: str) -> list[tuple[str, str]]:
    """Renderings of a percentage: (form name, text). The first is the canonical form."""
    text = str(int(value)) if float(value).is_integer() else f"{value:g}"
    if lang == "fr":
        text = text.replace(".", ",")
        return [("space", f"{text} %"), ("tight", f"{text}%"), ("nbsp", f"{text}\u00a0%")]
    return [("tight", f"{text}%"), ("percent", f"{text} percent"), ("per_cent", f"{text} per cent")]


def money(value: float, currency: str, lang: str) -> str:
    return money_forms(value, currency, lang)[0][1]


def count(n: int, lang: str) -> str:
    return grouped(n, "space" if lang == "fr" else "comma")


def percent(value: float, lang: str) -> str:
    return percent_forms(value, lang)[0][1]


AMOUNTS: tuple[tuple[float, str], ...] = (
    (1.2e9, "EUR"),
    (300e6, "EUR"),
    (320e6, "MAD"),
    (2e9, "MAD"),
    (45e6, "USD"),
    (1.5e9, "USD"),
    (14e9, "MAD"),
    (2.5e6, "EUR"),
)

# ---------------------------------------------------------------------------
# Fact templates: one sentence, one figure
# ---------------------------------------------------------------------------

Quantity = Literal["people", "vehicles", "money", "percent"]


@dataclass(frozen=True, slots=True)
class Fact:
    """A one-figure sentence: `{S}` the subject, `{X}` the figure, `{city}` a place."""

    id: str
    lang: str
    text: str
    quantity: Quantity
    metric: str
    unit: str  # for money, replaced by the currency
    status: Status
    year: int | None = None
    carmaker_only: bool = False


FACTS: tuple[Fact, ...] = (
    Fact("emp_fr", "fr", "{S} emploie {X} personnes à {city}.", "people", "employment", "people",
         "actual"),
    Fact("emp2_fr", "fr", "À {city}, {S} compte {X} salariés.", "people", "employment", "people",
         "actual"),
    Fact("jobs_fr", "fr", "{S} va créer {X} emplois à {city}.", "people", "employment", "people",
         "target"),
    Fact("prod_fr", "fr", "{S} a produit {X} véhicules à {city} en 2023.", "vehicles",
         "production_volume", "vehicles", "actual", 2023, True),
    Fact("cap_fr", "fr", "{S} dispose à {city} d'une capacité de production de {X} véhicules "
         "par an.", "vehicles", "production_capacity", "vehicles/year", "actual", None, True),
    Fact("sales_fr", "fr", "{S} a vendu {X} voitures au Maroc en 2023.", "vehicles",
         "sales_volume", "vehicles", "actual", 2023, True),
    Fact("inv_fr", "fr", "{S} a investi {X} dans son usine de {city}.", "money", "investment",
         "", "actual"),
    Fact("invt_fr", "fr", "{S} va investir {X} à {city}.", "money", "investment", "", "target"),
    Fact("rev_fr", "fr", "{S} a réalisé au Maroc un chiffre d'affaires de {X} en 2023.", "money",
         "revenue", "", "actual", 2023),
    Fact("ms_fr", "fr", "{S} détient une part de marché de {X} au Maroc.", "percent",
         "market_share", "%", "actual", None, True),
    Fact("lir_fr", "fr", "Le taux d'intégration locale de {S} à {city} atteint {X}.", "percent",
         "local_integration_rate", "%", "actual", None, True),
    Fact("emp_en", "en", "{S} employs {X} people in {city}.", "people", "employment", "people",
         "actual"),
    Fact("emp2_en", "en", "{S} has {X} employees at its {city} site.", "people", "employment",
         "people", "actual"),
    Fact("jobs_en", "en", "{S} will create {X} jobs in {city}.", "people", "employment", "people",
         "target"),
    Fact("prod_en", "en", "{S} produced {X} vehicles in {city} in 2023.", "vehicles",
         "production_volume", "vehicles", "actual", 2023, True),
    Fact("cap_en", "en", "{S} has an annual production capacity of {X} vehicles in {city}.",
         "vehicles", "production_capacity", "vehicles/year", "actual", None, True),
    Fact("sales_en", "en", "{S} sold {X} cars in Morocco in 2023.", "vehicles", "sales_volume",
         "vehicles", "actual", 2023, True),
    Fact("inv_en", "en", "{S} has invested {X} in its {city} plant.", "money", "investment", "",
         "actual"),
    Fact("invt_en", "en", "{S} will invest {X} in {city}.", "money", "investment", "", "target"),
    Fact("rev_en", "en", "{S} posted revenue of {X} in Morocco in 2023.", "money", "revenue", "",
         "actual", 2023),
    Fact("ms_en", "en", "{S} holds a market share of {X} in Morocco.", "percent", "market_share",
         "%", "actual", None, True),
    Fact("lir_en", "en", "The local integration rate of {S} in {city} stands at {X}.", "percent",
         "local_integration_rate", "%", "actual", None, True),
)  # fmt: skip

PEOPLE_COUNTS = (18000, 1200, 7500, 36000, 2500, 4300)
VEHICLE_COUNTS = (18000, 160000, 340000, 56400, 225000, 4300)
PERCENTS = (64.0, 35.0, 12.5, 80.0, 42.0)


def _fill(fact: Fact, org: Org, figure: str, city_index: int) -> str:
    cities = CITIES_FR if fact.lang == "fr" else CITIES_EN
    text = fact.text.format(S=org.mention, X=figure, city=cities[city_index % len(cities)])
    return cap(text)


def _expect(fact: Fact, org: Org, value: float, currency: str = "") -> Expected:
    unit = currency if fact.quantity == "money" else fact.unit
    return Expected(org.name, fact.metric, value, unit, fact.status, fact.year, org.aliases)


def _sample(rng: random.Random, items: Sequence[T], k: int) -> list[T]:
    return list(items) if len(items) <= k else rng.sample(list(items), k)


class Builder:
    """Collects the cases of one capability, numbering them."""

    def __init__(self, capability: str) -> None:
        self.capability = capability
        self.cases: list[Case] = []

    def add(
        self,
        template: str,
        lang: str,
        paragraphs: Iterable[str],
        expected: Iterable[Expected] = (),
        kind: Kind = "MFT",
        published: date | None = PUBLISHED,
    ) -> Case:
        case = Case(
            id=f"{self.capability}-{len(self.cases):04d}",
            capability=self.capability,
            language=lang,
            kind=kind,
            template=template,
            paragraphs=tuple(paragraphs),
            expected=tuple(expected),
            published=published,
        )
        self.cases.append(case)
        return case


def _orgs_for(fact: Fact, orgs: Sequence[Org]) -> list[Org]:
    return [org for org in orgs if org.carmaker or not fact.carmaker_only]


# ---------------------------------------------------------------------------
# Capabilities
# ---------------------------------------------------------------------------


def number_forms() -> list[Case]:
    """Every national form of a figure gives the same claim (INV against the canonical form)."""
    b = Builder("number_forms")
    rng = random.Random(101)
    for fact in FACTS:
        orgs = _orgs_for(fact, KNOWN)
        variants: list[tuple[str, str, float, str]] = []  # form, text, value, currency
        if fact.quantity in ("people", "vehicles"):
            counts = PEOPLE_COUNTS if fact.quantity == "people" else VEHICLE_COUNTS
            for n in counts:
                for form, text, value in count_forms(n, fact.lang):
                    variants.append((form, text, value, ""))
            words = WORDS_FR if fact.lang == "fr" else WORDS_EN
            for n, text in words.items():
                variants.append(("words", text, float(n), ""))
            if fact.quantity == "people":
                approx = APPROX_FR if fact.lang == "fr" else APPROX_EN
                for text, n in approx:
                    variants.append(("approx", text, float(n), ""))
            qualified = QUALIFIED_FR if fact.lang == "fr" else QUALIFIED_EN
            for pattern in qualified:
                n = rng.choice(counts)
                text = pattern.format(n=count(n, fact.lang))
                variants.append(("qualified", text, float(n), ""))
            if fact.quantity == "vehicles":
                for fr, en, n in SCALED:
                    variants.append(("scaled", fr if fact.lang == "fr" else en, float(n), ""))
        elif fact.quantity == "money":
            for value, currency in AMOUNTS:
                for form, text in money_forms(value, currency, fact.lang):
                    variants.append((form, text, value, currency))
        else:
            for value in PERCENTS:
                for form, text in percent_forms(value, fact.lang):
                    variants.append((form, text, value, ""))
        canonical = {"space", "comma", "long", "tight"}
        for i, (form, text, value, currency) in enumerate(_sample(rng, variants, 22)):
            # French approximations carry their own `de`: drop a doubled one.
            org = orgs[i % len(orgs)]
            sentence = _fill(fact, org, text, i).replace(" de de ", " de ")
            kind: Kind = "MFT" if form in canonical else "INV"
            b.add(f"{fact.id}:{form}", fact.lang, [sentence], [_expect(fact, org, value, currency)],
                  kind)  # fmt: skip
    return b.cases


# Figures that are not claims: (id, lang, sentence with {S} and {city}).
NON_UNITS: tuple[tuple[str, str, str], ...] = (
    ("area_m2", "fr", "{S} a inauguré à {city} un bâtiment de {N} m²."),
    ("area_ha", "fr", "Le site de {S} à {city} s'étend sur {N} hectares."),
    ("cylinders", "fr", "{S} assemblera à {city} un moteur à {K} cylindres."),
    ("gwh", "fr", "{S} construira à {city} une usine de batteries de {K} GWh."),
    ("gw", "fr", "{S} alimente son site de {city} avec une centrale solaire de {K} GW."),
    ("yen", "fr", "{S} a investi {K} milliards de yens dans son usine de {city}."),
    ("yuan", "fr", "{S} a annoncé un investissement de {K} millions de yuans à {city}."),
    ("countries", "fr", "Depuis {city}, {S} exporte sa production vers {K} pays."),
    ("destinations", "fr", "Le port de {city} relie l'usine de {S} à {K} destinations."),
    ("trainees", "fr", "{S} a accueilli {N} stagiaires dans son usine de {city}."),
    ("apprentices", "fr", "{S} a formé {N} apprentis à {city} cette année."),
    ("wheels", "fr", "L'usine {S} de {city} peut produire {N} roues par an."),
    ("engines", "fr", "{S} fabrique {N} moteurs par an à {city}."),
    ("tonnes", "fr", "{S} a expédié {N} tonnes de pièces depuis {city}."),
    ("date_day", "fr", "{S} a inauguré sa nouvelle ligne de {city} le 22 mars."),
    ("date_slash", "fr", "{S} a présenté le 16/01/2024 son projet de {city}."),
    ("phone", "fr", "Contact presse de {S} à {city} : 05 22 34 56 78."),
    ("power", "fr", "La citadine assemblée par {S} à {city} développe {K} ch."),
    ("price", "fr", "{S} vend sa citadine produite à {city} à partir de {N} dirhams."),
    ("suppliers", "fr", "{S} travaille avec {K} fournisseurs installés autour de {city}."),
    ("area_m2", "en", "{S} opened a {N} square-metre building in {city}."),
    ("area_ha", "en", "The {city} site of {S} covers {K} hectares."),
    ("cylinders", "en", "{S} will assemble a {K}-cylinder engine in {city}."),
    ("gwh", "en", "{S} will build a {K} GWh battery plant in {city}."),
    ("gw", "en", "{S} powers its {city} site with a {K} GW solar farm."),
    ("yen", "en", "{S} invested {K} billion yen in its {city} plant."),
    ("yuan", "en", "{S} announced a {K} million yuan investment in {city}."),
    ("countries", "en", "From {city}, {S} exports its output to {K} countries."),
    ("trainees", "en", "{S} welcomed {N} trainees at its {city} plant."),
    ("apprentices", "en", "{S} trained {N} apprentices in {city} this year."),
    ("wheels", "en", "The {S} plant in {city} can make {N} wheels a year."),
    ("engines", "en", "{S} builds {N} engines a year in {city}."),
    ("tonnes", "en", "{S} shipped {N} tonnes of parts from {city}."),
    ("date_day", "en", "{S} opened its new {city} line on March 22."),
    ("date_slash", "en", "{S} presented its {city} project on 16/01/2024."),
    ("phone", "en", "Press contact for {S} in {city}: +212 522 345 678."),
    ("power", "en", "The city car {S} builds in {city} delivers {K} hp."),
    ("price", "en", "{S} sells the city car it builds in {city} from {N} dirhams."),
    ("suppliers", "en", "{S} works with {K} suppliers located around {city}."),
)


def units_vs_non_units() -> list[Case]:
    """Figures in non-claim units give nothing; a control claim beside them still counts."""
    b = Builder("units_vs_non_units")
    rng = random.Random(202)
    small = (35, 40, 65, 110, 150)
    cylinders = (3, 4, 6, 12)  # no `a 8-cylinder` in English
    big = (1500, 2400, 12000, 60000, 250000, 400000)
    for nid, lang, text in NON_UNITS:
        cities = CITIES_FR if lang == "fr" else CITIES_EN
        controls = [f for f in FACTS if f.lang == lang and f.id.startswith(("emp_", "invt_"))]
        for i in range(8):
            org = KNOWN[(i * 3 + len(nid)) % len(KNOWN)]
            city = cities[i % len(cities)]
            n = rng.choice(big)
            k = rng.choice(cylinders if nid == "cylinders" else small)
            sentence = cap(text.format(S=org.mention, city=city, N=count(n, lang), K=k))
            if i % 2 == 0:
                b.add(f"{nid}:alone", lang, [sentence])
                continue
            fact = controls[i % len(controls)]
            if fact.quantity == "money":
                value, currency = rng.choice(AMOUNTS)
                figure, exp = money(value, currency, lang), _expect(fact, org, value, currency)
            else:
                n2 = rng.choice(PEOPLE_COUNTS)
                figure, exp = count(n2, lang), _expect(fact, org, float(n2))
            control = _fill(fact, org, figure, i)
            b.add(f"{nid}:with_control", lang, [f"{control} {sentence}"], [exp])
    return b.cases


# Sentences with an actual and a target figure: (id, lang, text, metric, unit, actual year,
# target year). {A} actual, {B} target, {Y} deadline.
MIXED: tuple[tuple[str, str, str, str, str, int | None, int | None], ...] = (
    ("prod_doit", "fr", "{S} produit aujourd'hui {A} véhicules par an à {city} et doit passer à "
     "{B} d'ici {Y}.", "production_volume", "vehicles/year", None, 0),
    ("emp_prevoit", "fr", "{S} emploie actuellement {A} personnes à {city} et prévoit d'atteindre "
     "{B} salariés d'ici {Y}.", "employment", "people", None, 0),
    ("lir_devrait", "fr", "Le taux d'intégration locale de {S} atteint {P} et devrait passer à "
     "{Q} d'ici {Y}.", "local_integration_rate", "%", None, 0),
    ("cap_vise", "fr", "{S} dispose d'une capacité de {A} véhicules par an à {city} et vise "
     "{B} unités à l'horizon {Y}.", "production_capacity", "vehicles/year", None, 0),
    ("emp_terme", "fr", "{S} compte {A} salariés à {city} et en emploiera {B} à terme.",
     "employment", "people", None, None),
    ("sales_objectif", "fr", "{S} a vendu {A} voitures au Maroc en 2023 et se fixe un objectif "
     "de {B} ventes en {Y}.", "sales_volume", "vehicles", 2023, 0),
    ("prod_plans", "en", "{S} currently builds {A} vehicles a year in {city} and plans to reach "
     "{B} by {Y}.", "production_volume", "vehicles/year", None, 0),
    ("lir_set", "en", "The local integration rate of {S} stands at {P} and is set to reach {Q} "
     "by {Y}.", "local_integration_rate", "%", None, 0),
    ("emp_expected", "en", "{S} employs {A} people in {city} and is expected to have {B} "
     "employees by {Y}.", "employment", "people", None, 0),
    ("cap_aims", "en", "{S} has a capacity of {A} vehicles a year in {city} and aims for {B} "
     "units by {Y}.", "production_capacity", "vehicles/year", None, 0),
    ("sales_target", "en", "{S} sold {A} cars in Morocco in 2023 and targets {B} sales in {Y}.",
     "sales_volume", "vehicles", 2023, 0),
    ("emp_eventually", "en", "{S} has {A} employees in {city} and will eventually employ {B}.",
     "employment", "people", None, None),
)  # fmt: skip


def status_mixed() -> list[Case]:
    """One sentence, an actual and a target: each figure its own status and year."""
    b = Builder("status_mixed")
    rng = random.Random(303)
    pairs_people = ((1200, 3000), (4300, 7500), (18000, 25000), (2500, 6000))
    pairs_vehicles = ((20000, 70000), (160000, 225000), (340000, 500000), (56400, 100000))
    pairs_percent = ((64.0, 80.0), (42.0, 65.0), (35.0, 50.0))
    for mid, lang, text, metric, unit, actual_year, target_year in MIXED:
        cities = CITIES_FR if lang == "fr" else CITIES_EN
        orgs = list(CARMAKERS) if unit != "people" else list(KNOWN)
        for i in range(18):
            org = orgs[i % len(orgs)]
            year = 2025 + (i % 6)
            city = cities[i % len(cities)]
            if unit == "%":
                a, t = pairs_percent[i % len(pairs_percent)]
                filled = text.format(S=org.mention, P=percent(a, lang), Q=percent(t, lang), Y=year,
                                     city=city)  # fmt: skip
            else:
                pool = pairs_people if unit == "people" else pairs_vehicles
                na, nt = rng.choice(pool)
                a, t = float(na), float(nt)
                filled = text.format(S=org.mention, A=count(na, lang), B=count(nt, lang), Y=year,
                                     city=city)  # fmt: skip
            ty = None if target_year is None else year
            b.add(mid, lang, [cap(filled)], [
                Expected(org.name, metric, a, unit, "actual", actual_year, org.aliases),
                Expected(org.name, metric, t, unit, "target", ty, org.aliases),
            ])  # fmt: skip
    return b.cases


# (id, lang, text with {S} {X} {city}, quantity, metric, unit, status, year)
VERBS: tuple[tuple[str, str, str, Quantity, str, str, Status, int | None], ...] = (
    ("va_investir", "fr", "{S} va investir {X} à {city}.", "money", "investment", "", "target",
     None),
    ("investira", "fr", "{S} investira {X} à {city}.", "money", "investment", "", "target", None),
    ("devrait_investir", "fr", "{S} devrait investir {X} à {city}.", "money", "investment", "",
     "target", None),
    ("doit_investir", "fr", "{S} doit investir {X} à {city}.", "money", "investment", "", "target",
     None),
    ("prevoit_investir", "fr", "{S} prévoit d'investir {X} à {city}.", "money", "investment", "",
     "target", None),
    ("compte_investir", "fr", "{S} compte investir {X} à {city}.", "money", "investment", "",
     "target", None),
    ("ambitionne", "fr", "{S} ambitionne d'investir {X} à {city}.", "money", "investment", "",
     "target", None),
    ("vise_invest", "fr", "{S} vise un investissement de {X} à {city}.", "money", "investment", "",
     "target", None),
    ("sapprete", "fr", "{S} s'apprête à investir {X} à {city}.", "money", "investment", "",
     "target", None),
    ("a_investi", "fr", "{S} a investi {X} à {city}.", "money", "investment", "", "actual", None),
    ("avait_investi", "fr", "{S} avait investi {X} dans son usine de {city}.", "money",
     "investment", "", "actual", None),
    ("vient_investir", "fr", "{S} vient d'investir {X} dans son site de {city}.", "money",
     "investment", "", "actual", None),
    ("emploiera", "fr", "{S} emploiera {X} personnes à {city}.", "people", "employment", "people",
     "target", None),
    ("devrait_employer", "fr", "{S} devrait employer {X} personnes à {city}.", "people",
     "employment", "people", "target", None),
    ("prevoit_creer", "fr", "{S} prévoit de créer {X} emplois à {city}.", "people", "employment",
     "people", "target", None),
    ("creera", "fr", "{S} créera {X} emplois à {city}.", "people", "employment", "people",
     "target", None),
    ("doit_recruter", "fr", "{S} doit recruter {X} personnes dans son usine de {city}.", "people",
     "employment", "people", "target", None),
    ("emploierait", "fr", "{S} emploierait à terme {X} personnes à {city}.", "people",
     "employment", "people", "target", None),
    ("emploie", "fr", "{S} emploie {X} personnes à {city}.", "people", "employment", "people",
     "actual", None),
    ("employait", "fr", "{S} employait {X} personnes à {city} en 2022.", "people", "employment",
     "people", "actual", 2022),
    ("effectif", "fr", "L'effectif de {S} à {city} s'élève à {X} personnes.", "people",
     "employment", "people", "actual", None),
    ("fait_travailler", "fr", "{S} fait travailler {X} salariés à {city}.", "people", "employment",
     "people", "actual", None),
    ("produira", "fr", "{S} produira {X} véhicules par an à {city}.", "vehicles",
     "production_volume", "vehicles/year", "target", None),
    ("prevoit_produire", "fr", "{S} prévoit de produire {X} véhicules par an à {city}.",
     "vehicles", "production_volume", "vehicles/year", "target", None),
    ("produit", "fr", "{S} produit {X} véhicules par an à {city}.", "vehicles",
     "production_volume", "vehicles/year", "actual", None),
    ("a_produit_an", "fr", "{S} a produit {X} véhicules à {city} l'an dernier.", "vehicles",
     "production_volume", "vehicles", "actual", LAST_YEAR),
    ("will_invest", "en", "{S} will invest {X} in {city}.", "money", "investment", "", "target",
     None),
    ("plans_invest", "en", "{S} plans to invest {X} in {city}.", "money", "investment", "",
     "target", None),
    ("expected_invest", "en", "{S} is expected to invest {X} in {city}.", "money", "investment",
     "", "target", None),
    ("aims_invest", "en", "{S} aims to invest {X} in {city}.", "money", "investment", "",
     "target", None),
    ("intends_invest", "en", "{S} intends to invest {X} in {city}.", "money", "investment", "",
     "target", None),
    ("set_invest", "en", "{S} is set to invest {X} in {city}.", "money", "investment", "",
     "target", None),
    ("pledged_invest", "en", "{S} has pledged to invest {X} in {city}.", "money", "investment", "",
     "target", None),
    ("has_invested", "en", "{S} has invested {X} in {city}.", "money", "investment", "", "actual",
     None),
    ("invested_year", "en", "{S} invested {X} in its {city} plant in 2021.", "money",
     "investment", "", "actual", 2021),
    ("had_invested", "en", "{S} had invested {X} in its {city} site.", "money", "investment", "",
     "actual", None),
    ("will_employ", "en", "{S} will employ {X} people in {city}.", "people", "employment",
     "people", "target", None),
    ("plans_hire", "en", "{S} plans to hire {X} people in {city}.", "people", "employment",
     "people", "target", None),
    ("expected_create", "en", "{S} is expected to create {X} jobs in {city}.", "people",
     "employment", "people", "target", None),
    ("aims_create", "en", "{S} aims to create {X} jobs in {city}.", "people", "employment",
     "people", "target", None),
    ("employs", "en", "{S} employs {X} people in {city}.", "people", "employment", "people",
     "actual", None),
    ("employed_last", "en", "{S} employed {X} people in {city} last year.", "people",
     "employment", "people", "actual", LAST_YEAR),
    ("workforce", "en", "The workforce of {S} in {city} numbers {X} people.", "people",
     "employment", "people", "actual", None),
    ("will_produce", "en", "{S} will produce {X} vehicles a year in {city}.", "vehicles",
     "production_volume", "vehicles/year", "target", None),
    ("plans_build", "en", "{S} plans to build {X} cars a year in {city}.", "vehicles",
     "production_volume", "vehicles/year", "target", None),
    ("produces", "en", "{S} produces {X} vehicles a year in {city}.", "vehicles",
     "production_volume", "vehicles/year", "actual", None),
    ("built_year", "en", "{S} built {X} cars in {city} in 2022.", "vehicles", "production_volume",
     "vehicles", "actual", 2022),
)  # fmt: skip


def status_verbs() -> list[Case]:
    """Future, conditional and plan verbs give targets; past and present verbs give actuals."""
    b = Builder("status_verbs")
    rng = random.Random(404)
    for vid, lang, text, quantity, metric, unit, status, year in VERBS:
        cities = CITIES_FR if lang == "fr" else CITIES_EN
        orgs = list(CARMAKERS) if quantity == "vehicles" else list(KNOWN)
        for i in range(7):
            org = orgs[(i + len(vid)) % len(orgs)]
            if quantity == "money":
                value, currency = AMOUNTS[(i + len(vid)) % len(AMOUNTS)]
                figure, exp_unit = money(value, currency, lang), currency
            else:
                n = rng.choice(PEOPLE_COUNTS if quantity == "people" else VEHICLE_COUNTS)
                value, figure, exp_unit = float(n), count(n, lang), unit
            sentence = cap(text.format(S=org.mention, X=figure, city=cities[i % len(cities)]))
            exp = Expected(org.name, metric, value, exp_unit, status, year, org.aliases)
            b.add(vid, lang, [sentence], [exp])
    return b.cases


def year_attachment() -> list[Case]:
    """Years date the figure they belong to; deadlines date targets (DIR: add `d'ici 2030`)."""
    b = Builder("year_attachment")
    rng = random.Random(505)
    vehicles = (20000, 56400, 160000, 225000, 340000, 101557)
    people = (1200, 2500, 4300, 7500, 18000)
    cars = list(CARMAKERS)
    for i in range(14):
        org = cars[i % len(cars)]
        y1 = 2019 + i % 5
        y0 = y1 - 1 - i % 3
        # The earlier figure is the smaller one (`up from`).
        c, a = sorted(rng.sample(vehicles, 2))
        n_c, n_a = sorted(rng.sample(people, 2))
        value, currency = AMOUNTS[i % len(AMOUNTS)]
        fr_city, en_city = CITIES_FR[i % 4], CITIES_EN[i % 4]
        S, al = org.name, org.aliases
        rows: list[tuple[str, str, str, list[Expected]]] = [
            ("contre_fr", "fr", f"{org.mention} a produit {count(a, 'fr')} véhicules à {fr_city} "
             f"en {y1}, contre {count(c, 'fr')} en {y0}.",
             [Expected(S, "production_volume", a, "vehicles", "actual", y1, al),
              Expected(S, "production_volume", c, "vehicles", "actual", y0, al)]),
            ("contre_sales_fr", "fr", f"{org.mention} a vendu {count(a, 'fr')} voitures au Maroc "
             f"en {y1} contre {count(c, 'fr')} en {y0}.",
             [Expected(S, "sales_volume", a, "vehicles", "actual", y1, al),
              Expected(S, "sales_volume", c, "vehicles", "actual", y0, al)]),
            ("contre_noyear_fr", "fr", f"{org.mention} emploie {count(n_a, 'fr')} personnes à "
             f"{fr_city}, contre {count(n_c, 'fr')} en {y0}.",
             [Expected(S, "employment", n_a, "people", "actual", None, al),
              Expected(S, "employment", n_c, "people", "actual", y0, al)]),
            ("frame_fr", "fr", f"En {y1}, {org.mention} a produit {count(a, 'fr')} véhicules "
             f"à {fr_city}.", [Expected(S, "production_volume", a, "vehicles", "actual", y1, al)]),
            ("frame_rev_fr", "fr", f"En {y1}, {org.mention} a réalisé un chiffre d'affaires de "
             f"{money(value, currency, 'fr')} au Maroc.",
             [Expected(S, "revenue", value, currency, "actual", y1, al)]),
            ("last_year_fr", "fr", f"{org.mention} a vendu {count(a, 'fr')} voitures au Maroc "
             "l'an dernier.",
             [Expected(S, "sales_volume", a, "vehicles", "actual", LAST_YEAR, al)]),
            ("dici_fr", "fr", f"{org.mention} vise une capacité de production de {count(a, 'fr')} "
             f"véhicules par an d'ici {y1 + 7}.",
             [Expected(S, "production_capacity", a, "vehicles/year", "target", y1 + 7, al)]),
            ("dici_fin_fr", "fr", f"{org.mention} prévoit d'employer {count(n_a, 'fr')} personnes "
             f"à {fr_city} d'ici fin {y1 + 6}.",
             [Expected(S, "employment", n_a, "people", "target", y1 + 6, al)]),
            ("des_fr", "fr", f"{org.mention} produira {count(a, 'fr')} véhicules par an à "
             f"{fr_city} dès {y1 + 6}.",
             [Expected(S, "production_volume", a, "vehicles/year", "target", y1 + 6, al)]),
            ("horizon_fr", "fr", f"{org.mention} veut porter son taux d'intégration locale à "
             f"{percent(80.0, 'fr')} à l'horizon {y1 + 8}.",
             [Expected(S, "local_integration_rate", 80.0, "%", "target", y1 + 8, al)]),
            ("aterme_fr", "fr", f"{org.mention} produira à terme {count(a, 'fr')} véhicules par an "
             f"à {fr_city}.", [Expected(S, "production_volume", a, "vehicles/year", "target", None,
                                        al)]),
            ("upfrom_en", "en", f"{org.mention} sold {count(a, 'en')} vehicles in Morocco in {y1}, "
             f"up from {count(c, 'en')} in {y0}.",
             [Expected(S, "sales_volume", a, "vehicles", "actual", y1, al),
              Expected(S, "sales_volume", c, "vehicles", "actual", y0, al)]),
            ("compared_en", "en", f"{org.mention} produced {count(a, 'en')} cars in {en_city} in "
             f"{y1}, compared with {count(c, 'en')} in {y0}.",
             [Expected(S, "production_volume", a, "vehicles", "actual", y1, al),
              Expected(S, "production_volume", c, "vehicles", "actual", y0, al)]),
            ("upfrom_noyear_en", "en", f"{org.mention} employs {count(n_a, 'en')} people in "
             f"{en_city}, up from {count(n_c, 'en')} in {y0}.",
             [Expected(S, "employment", n_a, "people", "actual", None, al),
              Expected(S, "employment", n_c, "people", "actual", y0, al)]),
            ("frame_en", "en", f"In {y1}, {org.mention} produced {count(a, 'en')} vehicles in "
             f"{en_city}.", [Expected(S, "production_volume", a, "vehicles", "actual", y1, al)]),
            ("last_year_en", "en", f"{org.mention} sold {count(a, 'en')} cars in Morocco last "
             "year.", [Expected(S, "sales_volume", a, "vehicles", "actual", LAST_YEAR, al)]),
            ("by_en", "en", f"{org.mention} aims to reach a production capacity of "
             f"{count(a, 'en')} vehicles a year by {y1 + 7}.",
             [Expected(S, "production_capacity", a, "vehicles/year", "target", y1 + 7, al)]),
            ("by_end_en", "en", f"{org.mention} plans to employ {count(n_a, 'en')} people in "
             f"{en_city} by the end of {y1 + 6}.",
             [Expected(S, "employment", n_a, "people", "target", y1 + 6, al)]),
            ("by_lir_en", "en", f"{org.mention} wants to raise its local integration rate to "
             f"{percent(80.0, 'en')} by {y1 + 8}.",
             [Expected(S, "local_integration_rate", 80.0, "%", "target", y1 + 8, al)]),
            ("eventually_en", "en", f"{org.mention} will eventually produce {count(a, 'en')} "
             f"vehicles a year in {en_city}.",
             [Expected(S, "production_volume", a, "vehicles/year", "target", None, al)]),
        ]  # fmt: skip
        for tid, lang, text, expected in rows:
            b.add(tid, lang, [cap(text)], expected)
        # DIR: a deadline turns an actual into a target for that year, or dates a target.
        deadline = 2030
        dirs: list[tuple[str, str, str, str, list[Expected], list[Expected]]] = [
            ("emp_fr", "fr", f"{org.mention} emploie {count(n_a, 'fr')} personnes à {fr_city}.",
             f"{org.mention} emploiera {count(n_a, 'fr')} personnes à {fr_city} d'ici {deadline}.",
             [Expected(S, "employment", n_a, "people", "actual", None, al)],
             [Expected(S, "employment", n_a, "people", "target", deadline, al)]),
            ("inv_fr", "fr", f"{org.mention} prévoit d'investir {money(value, currency, 'fr')} à "
             f"{fr_city}.", f"{org.mention} prévoit d'investir {money(value, currency, 'fr')} à "
             f"{fr_city} d'ici {deadline}.",
             [Expected(S, "investment", value, currency, "target", None, al)],
             [Expected(S, "investment", value, currency, "target", deadline, al)]),
            ("cap_fr", "fr", f"{org.mention} dispose d'une capacité de production de "
             f"{count(a, 'fr')} véhicules par an à {fr_city}.", f"{org.mention} disposera d'une "
             f"capacité de production de {count(a, 'fr')} véhicules par an à {fr_city} d'ici "
             f"{deadline}.",
             [Expected(S, "production_capacity", a, "vehicles/year", "actual", None, al)],
             [Expected(S, "production_capacity", a, "vehicles/year", "target", deadline, al)]),
            ("emp_en", "en", f"{org.mention} employs {count(n_a, 'en')} people in {en_city}.",
             f"{org.mention} will employ {count(n_a, 'en')} people in {en_city} by {deadline}.",
             [Expected(S, "employment", n_a, "people", "actual", None, al)],
             [Expected(S, "employment", n_a, "people", "target", deadline, al)]),
            ("inv_en", "en", f"{org.mention} plans to invest {money(value, currency, 'en')} in "
             f"{en_city}.", f"{org.mention} plans to invest {money(value, currency, 'en')} in "
             f"{en_city} by {deadline}.",
             [Expected(S, "investment", value, currency, "target", None, al)],
             [Expected(S, "investment", value, currency, "target", deadline, al)]),
        ]  # fmt: skip
        for tid, lang, base, moved, base_exp, moved_exp in dirs:
            b.add(f"dir_base_{tid}", lang, [cap(base)], base_exp)
            b.add(f"dir_{tid}", lang, [cap(moved)], moved_exp, kind="DIR")
    return b.cases


SUBJECT_FACTS = ("emp_fr", "invt_fr", "inv_fr", "prod_fr", "ms_fr", "emp_en", "invt_en", "inv_en",
                 "prod_en", "sales_en")  # fmt: skip


def _subject_cases(b: Builder, orgs_fr: Sequence[Org], orgs_en: Sequence[Org], per_fact: int,
                   seed: int, kind: Kind = "MFT") -> None:  # fmt: skip
    rng = random.Random(seed)
    for fact in FACTS:
        if fact.id not in SUBJECT_FACTS:
            continue
        orgs = _orgs_for(fact, orgs_fr if fact.lang == "fr" else orgs_en)
        for i in range(per_fact):
            org = orgs[i % len(orgs)]
            if fact.quantity == "money":
                value, currency = rng.choice(AMOUNTS)
                figure = money(value, currency, fact.lang)
            elif fact.quantity == "percent":
                value, currency = rng.choice(PERCENTS), ""
                figure = percent(value, fact.lang)
            else:
                n = rng.choice(PEOPLE_COUNTS if fact.quantity == "people" else VEHICLE_COUNTS)
                value, currency, figure = float(n), "", count(n, fact.lang)
            b.add(fact.id, fact.lang, [_fill(fact, org, figure, i)],
                  [_expect(fact, org, value, currency)], kind)  # fmt: skip


def subjects_known() -> list[Case]:
    """Gazetteer organisations, by canonical name or alias, get their canonical name."""
    b = Builder("subjects_known")
    orgs = KNOWN + CARMAKER_ALIASES + SUPPLIER_ALIASES
    _subject_cases(b, orgs, orgs, 26, 606)
    return b.cases


def subjects_unknown() -> list[Case]:
    """Companies missing from the gazetteer, named with a company form (INV of subjects_known)."""
    b = Builder("subjects_unknown")
    _subject_cases(b, UNKNOWN_FR, UNKNOWN_EN, 16, 707, kind="INV")
    rng = random.Random(708)
    extra = (
        ("fr", "{S}, installée dans la zone franche de {city}, emploie {X} personnes.", "people"),
        ("fr", "Implantée à {city}, {S} a investi {X} dans une nouvelle ligne.", "money"),
        ("en", "Based in {city}'s free zone, {S} employs {X} people.", "people"),
        ("en", "{S}, a supplier based in {city}, has invested {X} in a new line.", "money"),
    )
    for j, (lang, text, quantity) in enumerate(extra):
        orgs = UNKNOWN_FR if lang == "fr" else UNKNOWN_EN
        cities = CITIES_FR if lang == "fr" else CITIES_EN
        for i, org in enumerate(orgs):
            if quantity == "money":
                value, currency = rng.choice(AMOUNTS)
                figure = money(value, currency, lang)
                exp = Expected(org.name, "investment", value, currency, "actual", None, org.aliases)
            else:
                n = rng.choice(PEOPLE_COUNTS)
                figure = count(n, lang)
                exp = Expected(org.name, "employment", float(n), "people", "actual", None,
                               org.aliases)  # fmt: skip
            sentence = cap(text.format(S=org.mention, X=figure, city=cities[i % len(cities)]))
            b.add(f"apposition_{j}", lang, [sentence], [exp])
    return b.cases


INTRO_FR = (
    "{S} a présenté mardi à {city} son plan stratégique pour le Maroc.",
    "{S} a reçu une délégation ministérielle sur son site de {city}.",
)
INTRO_EN = (
    "{S} presented its strategic plan for Morocco in {city} on Tuesday.",
    "{S} hosted a ministerial delegation at its {city} site.",
)
# (id, lang, anaphor, fits carmakers only, second sentence with {R} the anaphor and {X})
ANAPHORS: tuple[tuple[str, str, str, bool, str, Quantity, str, Status], ...] = (
    ("constructeur", "fr", "le constructeur", True, "{R} emploie {X} personnes au Maroc.",
     "people", "employment", "actual"),
    ("groupe", "fr", "le groupe", False, "{R} prévoit d'investir {X} dans le Royaume.", "money",
     "investment", "target"),
    ("il", "fr", "il", False, "{R} emploie aujourd'hui {X} salariés dans le pays.", "people",
     "employment", "actual"),
    ("entreprise", "fr", "l'entreprise", False, "{R} va créer {X} emplois supplémentaires.",
     "people", "employment", "target"),
    ("equipementier", "fr", "l'équipementier", False, "{R} emploie {X} personnes au Maroc.",
     "people", "employment", "actual"),
    ("constructeur_prod", "fr", "le constructeur", True, "{R} a produit {X} véhicules en 2023.",
     "vehicles", "production_volume", "actual"),
    ("carmaker", "en", "the carmaker", True, "{R} employs {X} people in the country.", "people",
     "employment", "actual"),
    ("group", "en", "the group", False, "{R} plans to invest {X} in the kingdom.", "money",
     "investment", "target"),
    ("it", "en", "it", False, "{R} currently employs {X} people in Morocco.", "people",
     "employment", "actual"),
    ("company", "en", "the company", False, "{R} will create {X} additional jobs.", "people",
     "employment", "target"),
    ("supplier", "en", "the supplier", False, "{R} employs {X} people in Morocco.", "people",
     "employment", "actual"),
    ("carmaker_prod", "en", "the carmaker", True, "{R} produced {X} vehicles in 2023.", "vehicles",
     "production_volume", "actual"),
)  # fmt: skip


def subjects_pronoun() -> list[Case]:
    """An anaphor (`le constructeur`, `il`, `the carmaker`) takes the company named before."""
    b = Builder("subjects_pronoun")
    rng = random.Random(808)
    for aid, lang, anaphor, cars_only, text, quantity, metric, status in ANAPHORS:
        pool = CARMAKERS if cars_only else (SUPPLIERS if "quipementier" in aid or aid ==
                                            "supplier" else KNOWN)  # fmt: skip
        intros = INTRO_FR if lang == "fr" else INTRO_EN
        cities = CITIES_FR if lang == "fr" else CITIES_EN
        for i in range(18):
            org = pool[i % len(pool)]
            intro = intros[i % 2].format(S=org.mention, city=cities[i % len(cities)])
            if quantity == "money":
                value, currency = rng.choice(AMOUNTS)
                figure, unit = money(value, currency, lang), currency
            else:
                n = rng.choice(PEOPLE_COUNTS if quantity == "people" else VEHICLE_COUNTS)
                value, figure = float(n), count(n, lang)
                unit = "people" if quantity == "people" else "vehicles"
            year = 2023 if metric == "production_volume" else None
            second = cap(text.format(R=anaphor, X=figure))
            paragraphs = [cap(intro), second] if i % 2 else [f"{cap(intro)} {second}"]
            b.add(f"{aid}:{'next_paragraph' if i % 2 else 'same_paragraph'}", lang, paragraphs,
                  [Expected(org.name, metric, value, unit, status, year, org.aliases)])  # fmt: skip
    return b.cases


def brand_vs_group() -> list[Case]:
    """Brands keep their name (parent accepted); a total over a group's brands is the group's."""
    b = Builder("brand_vs_group")
    rng = random.Random(909)
    brands: tuple[tuple[str, str, tuple[str, ...]], ...] = (
        ("Dacia", "Dacia", RENAULT_PARENT),
        ("Peugeot", "Peugeot", STELLANTIS_PARENT),
        ("Citroën", "Citroën", STELLANTIS_PARENT),
        ("Fiat", "Fiat", STELLANTIS_PARENT),
        ("Opel", "Opel", STELLANTIS_PARENT),
        ("Kia", "Kia", ()),
        ("Toyota", "Toyota", ()),
        ("Hyundai", "Hyundai", ()),
    )
    for i in range(12):
        for mention, name, aliases in brands:
            n = rng.choice((12000, 18500, 26400, 31000, 8700))
            share = rng.choice((9.0, 12.5, 17.0, 26.0))
            rows = [
                ("sales_fr", "fr", f"{mention} a vendu {count(n, 'fr')} voitures au Maroc en 2023.",
                 Expected(name, "sales_volume", n, "vehicles", "actual", 2023, aliases)),
                ("share_fr", "fr", f"La marque {mention} détient une part de marché de "
                 f"{percent(share, 'fr')} au Maroc.",
                 Expected(name, "market_share", share, "%", "actual", None, aliases)),
                ("sales_en", "en", f"{mention} sold {count(n, 'en')} cars in Morocco in 2023.",
                 Expected(name, "sales_volume", n, "vehicles", "actual", 2023, aliases)),
                ("share_en", "en", f"The {mention} brand holds a {percent(share, 'en')} share of "
                 "the Moroccan market.",
                 Expected(name, "market_share", share, "%", "actual", None, aliases)),
            ]  # fmt: skip
            tid, lang, text, exp = rows[(i + len(name)) % len(rows)]
            b.add(f"brand_{tid}", lang, [text], [exp])
    groups: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
        ("fr", "Avec ses marques Renault et Dacia, le groupe Renault détient {P} du marché "
         "marocain.", "Renault Group", ()),
        ("fr", "Stellantis, à travers Peugeot, Citroën et Fiat, pèse {P} du marché marocain.",
         "Stellantis", ()),
        ("fr", "La marque Renault détient une part de marché de {P} au Maroc.",
         "Renault Group", ()),
        ("fr", "Dacia, filiale du groupe Renault, détient une part de marché de {P} au Maroc.",
         "Dacia", RENAULT_PARENT),
        ("en", "With its Renault and Dacia brands, Renault Group holds {P} of the Moroccan "
         "market.", "Renault Group", ()),
        ("en", "Through Peugeot, Citroën and Fiat, Stellantis accounts for {P} of the Moroccan "
         "market.", "Stellantis", ()),
        ("en", "The Renault brand holds a market share of {P} in Morocco.", "Renault Group", ()),
        ("en", "Dacia, a Renault Group subsidiary, holds a market share of {P} in Morocco.",
         "Dacia", RENAULT_PARENT),
    )  # fmt: skip
    for j, (lang, text, name, aliases) in enumerate(groups):
        for share in (18.0, 26.5, 35.0, 40.0, 44.0, 31.0, 22.0, 38.0):
            b.add(
                f"group_{j}",
                lang,
                [text.format(P=percent(share, lang))],
                [Expected(name, "market_share", share, "%", "actual", None, aliases)],
            )
    return b.cases


def plant_owner() -> list[Case]:
    """A plant's figures go to its owner (`l'usine Stellantis de Kénitra` → Stellantis)."""
    b = Builder("plant_owner")
    rng = random.Random(1010)
    owners = (
        *CARMAKERS,
        Org("Yazaki", "Yazaki"),
        Org("Lear", "Lear Corporation"),
        Org("Aptiv", "Aptiv"),
        Org("Leoni", "Leoni"),
        Org("Forvia", "Forvia"),
        Org("Velmora Motors", "Velmora Motors", carmaker=True),
    )
    templates: tuple[tuple[str, str, str, Quantity, str, str, int | None], ...] = (
        ("usine_de_fr", "fr", "L'usine {S} de {city} a produit {X} véhicules en 2023.",
         "vehicles", "production_volume", "vehicles", 2023),
        ("usine_emp_fr", "fr", "L'usine {S} de {city} emploie {X} personnes.", "people",
         "employment", "people", None),
        ("site_de_fr", "fr", "Le site de {city} de {S} affiche une capacité de {X} véhicules par "
         "an.", "vehicles", "production_capacity", "vehicles/year", None),
        ("a_city_fr", "fr", "À {city}, l'usine de {S} compte {X} salariés.", "people",
         "employment", "people", None),
        ("plant_in_en", "en", "The {S} plant in {city} employs {X} people.", "people",
         "employment", "people", None),
        ("city_plant_en", "en", "The {city} plant of {S} produced {X} vehicles in 2023.",
         "vehicles", "production_volume", "vehicles", 2023),
        ("factory_en", "en", "The {S} factory in {city} has a capacity of {X} vehicles a year.",
         "vehicles", "production_capacity", "vehicles/year", None),
        ("site_en", "en", "At its {city} site, {S} has {X} employees.", "people", "employment",
         "people", None),
    )  # fmt: skip
    for tid, lang, text, quantity, metric, unit, year in templates:
        pool = [o for o in owners if o.carmaker or quantity != "vehicles"]
        for i in range(19):
            org = pool[i % len(pool)]
            home = HOME_CITY.get(org.name)
            cities = CITIES_FR if lang == "fr" else CITIES_EN
            if home is not None:
                city = home[0] if lang == "fr" else home[1]
            else:
                city = cities[i % len(cities)]
            n = rng.choice(PEOPLE_COUNTS if quantity == "people" else VEHICLE_COUNTS)
            sentence = cap(text.format(S=org.mention, city=city, X=count(n, lang)))
            b.add(
                tid,
                lang,
                [sentence],
                [Expected(org.name, metric, float(n), unit, "actual", year, org.aliases)],
            )
    return b.cases


def lists_respectively() -> list[Case]:
    """`respectivement` / `respectively` gives one claim each; `ensemble` gives none."""
    b = Builder("lists_respectively")
    rng = random.Random(1111)
    pairs = [(x, y) for x in KNOWN for y in KNOWN if x.name != y.name]
    car_pairs = [(x, y) for x, y in pairs if x.carmaker and y.carmaker]
    for i in range(16):
        x, y = rng.choice(pairs)
        cx, cy = rng.choice(car_pairs)
        (v1, c1), (v2, _) = rng.sample(AMOUNTS, 2)
        v2c = c1  # same currency in one list
        n1, n2 = rng.sample(PEOPLE_COUNTS, 2)
        m1, m2 = rng.sample(VEHICLE_COUNTS, 2)
        fr_city, en_city = CITIES_FR[i % 4], CITIES_EN[i % 4]

        def two(a: Org, b_: Org, metric: str, va: float, vb: float, unit: str, status: Status,
                year: int | None = None) -> list[Expected]:  # fmt: skip
            return [Expected(a.name, metric, va, unit, status, year, a.aliases),
                    Expected(b_.name, metric, vb, unit, status, year, b_.aliases)]  # fmt: skip

        rows: list[tuple[str, str, str, list[Expected]]] = [
            ("invest_fr", "fr", f"{x.mention} et {y.mention} vont investir respectivement "
             f"{money(v1, c1, 'fr')} et {money(v2, v2c, 'fr')} au Maroc.",
             two(x, y, "investment", v1, v2, c1, "target")),
            ("emp_fr", "fr", f"{x.mention} et {y.mention} emploient respectivement "
             f"{count(n1, 'fr')} et {count(n2, 'fr')} personnes à {fr_city}.",
             two(x, y, "employment", n1, n2, "people", "actual")),
            ("prod_fr", "fr", f"{cx.mention} et {cy.mention} ont produit respectivement "
             f"{count(m1, 'fr')} et {count(m2, 'fr')} véhicules en 2023.",
             two(cx, cy, "production_volume", m1, m2, "vehicles", "actual", 2023)),
            ("invest_en", "en", f"{x.mention} and {y.mention} will invest {money(v1, c1, 'en')} "
             f"and {money(v2, v2c, 'en')} respectively in Morocco.",
             two(x, y, "investment", v1, v2, c1, "target")),
            ("emp_en", "en", f"{x.mention} and {y.mention} employ {count(n1, 'en')} and "
             f"{count(n2, 'en')} people respectively in {en_city}.",
             two(x, y, "employment", n1, n2, "people", "actual")),
            ("sales_en", "en", f"{cx.mention} and {cy.mention} sold {count(m1, 'en')} and "
             f"{count(m2, 'en')} vehicles respectively in Morocco in 2023.",
             two(cx, cy, "sales_volume", m1, m2, "vehicles", "actual", 2023)),
            ("jointly_fr", "fr", f"{x.mention} et {y.mention} emploient ensemble "
             f"{count(n1 + n2, 'fr')} personnes à {fr_city}.", []),
            ("jointly_en", "en", f"Together, {x.mention} and {y.mention} employ "
             f"{count(n1 + n2, 'en')} people in {en_city}.", []),
        ]  # fmt: skip
        for tid, lang, text, expected in rows:
            b.add(tid, lang, [cap(text)], expected)
    return b.cases


def _control(lang: str, org: Org, rng: random.Random, avoid: int = 0) -> tuple[str, Expected]:
    """A sentence with one real claim, to check a trap does not swallow its neighbours."""
    n = rng.choice([c for c in PEOPLE_COUNTS if c != avoid])
    if lang == "fr":
        text = f"{cap(org.mention)} emploie déjà {count(n, 'fr')} personnes au Maroc."
    else:
        text = f"{cap(org.mention)} already employs {count(n, 'en')} people in Morocco."
    return text, Expected(org.name, "employment", float(n), "people", "actual", None, org.aliases)


def _traps(capability: str, seed: int, templates: Sequence[tuple[str, str, str]],
           per_template: int) -> list[Case]:  # fmt: skip
    """Sentences whose figure is not a claim, alone or beside a control claim."""
    b = Builder(capability)
    rng = random.Random(seed)
    for tid, lang, text in templates:
        cities = CITIES_FR if lang == "fr" else CITIES_EN
        for i in range(per_template):
            vehicles = "véhicules" in text or "vehicles" in text
            pool = CARMAKERS if vehicles else KNOWN
            org = pool[(i * 5 + len(tid)) % len(pool)]
            value, currency = rng.choice(AMOUNTS)
            people = any(w in text for w in ("personnes", "emplois", "people", "jobs"))
            n = rng.choice(PEOPLE_COUNTS if people else VEHICLE_COUNTS)
            sentence = cap(text.format(S=org.mention, M=money(value, currency, lang),
                                       N=count(n, lang), city=cities[i % len(cities)],
                                       Y=2019 + i % 5))  # fmt: skip
            if i % 2 == 0:
                b.add(f"{tid}:alone", lang, [sentence])
            else:
                control, exp = _control(lang, org, rng, avoid=n)
                b.add(f"{tid}:with_control", lang, [sentence, control], [exp])
    return b.cases


DENIALS = (
    ("dement_avoir", "fr", "{S} dément avoir investi {M} au Maroc."),
    ("a_dementi_vouloir", "fr", "{S} a démenti vouloir investir {M} à {city}."),
    ("dement_projet", "fr", "{S} dément tout projet d'investissement de {M} à {city}."),
    ("dementi_infos", "fr", "{S} a démenti les informations faisant état d'un investissement de "
     "{M} à {city}."),
    ("dement_emplois", "fr", "{S} dément vouloir créer {N} emplois à {city}."),
    ("nie", "fr", "{S} nie avoir investi {M} dans une usine à {city}."),
    ("denied", "en", "{S} denied investing {M} in Morocco."),
    ("denied_reports", "en", "{S} has denied reports that it plans to invest {M} in {city}."),
    ("denies_jobs", "en", "{S} denies it will create {N} jobs in {city}."),
    ("dismissed", "en", "{S} dismissed reports of a {M} investment in {city}."),
    ("rejected", "en", "{S} rejected claims that it had invested {M} in {city}."),
)  # fmt: skip

HYPOTHETICALS = (
    ("si_aboutit", "fr", "Si le projet aboutit, {S} pourrait investir {M} à {city}."),
    ("si_accord", "fr", "Si l'accord est signé, {S} pourrait créer {N} emplois à {city}."),
    ("au_cas_ou", "fr", "Au cas où la demande repartirait, {S} pourrait produire {N} véhicules "
     "par an à {city}."),
    ("si_tous", "fr", "Si tous les projets voient le jour, {S} emploierait {N} personnes à "
     "{city}."),
    ("sous_reserve", "fr", "À condition d'obtenir le foncier, {S} pourrait investir {M} à {city}."),
    ("if_ahead", "en", "If the project goes ahead, {S} could invest {M} in {city}."),
    ("if_every", "en", "If every project goes ahead, {S} would employ {N} people in {city}."),
    ("should_deal", "en", "Should the deal be approved, {S} could create {N} jobs in {city}."),
    ("if_demand", "en", "If demand recovers, {S} might produce {N} vehicles a year in {city}."),
    ("were_to", "en", "Were the licence granted, {S} would invest {M} in {city}."),
)  # fmt: skip

MARKET_TOTALS = (
    ("marche", "fr", "Le marché automobile marocain a atteint {N} ventes en {Y}."),
    ("selon_aivam", "fr", "Selon l'AIVAM, les ventes de voitures neuves au Maroc ont atteint {N} "
     "unités en {Y}."),
    ("aivam_marche", "fr", "Selon l'AIVAM, le marché a progressé pour atteindre {N} véhicules "
     "en {Y}."),
    ("filiere_emploie", "fr", "La filière automobile emploie {N} personnes au Maroc."),
    ("secteur_export", "fr", "Les exportations du secteur automobile marocain ont atteint {M} en "
     "{Y}."),
    ("capacite_pays", "fr", "La capacité de production automobile du Maroc atteint {N} véhicules "
     "par an."),
    ("market_reached", "en", "Morocco's car market reached {N} sales in {Y}, according to AIVAM."),
    ("aivam_sales", "en", "According to AIVAM, new car sales in Morocco totalled {N} units in "
     "{Y}."),
    ("sector_employs", "en", "The automotive sector employs {N} people in Morocco."),
    ("sector_exports", "en", "Morocco's automotive exports reached {M} in {Y}."),
    ("country_capacity", "en", "Morocco's automotive production capacity stands at {N} vehicles "
     "a year."),
)  # fmt: skip


def denials() -> list[Case]:
    """A plainly denied figure is not a claim."""
    return _traps("denials", 1212, DENIALS, 16)


def hypotheticals() -> list[Case]:
    """An explicit hypothetical (`si le projet aboutit, il pourrait …`) is not a claim."""
    return _traps("hypotheticals", 1313, HYPOTHETICALS, 16)


def market_totals() -> list[Case]:
    """Market, sector and country totals are not claims, whoever states them."""
    return _traps("market_totals", 1414, MARKET_TOTALS, 16)


GENERATORS: tuple[tuple[str, Callable[[], list[Case]]], ...] = (
    ("number_forms", number_forms),
    ("units_vs_non_units", units_vs_non_units),
    ("status_mixed", status_mixed),
    ("status_verbs", status_verbs),
    ("year_attachment", year_attachment),
    ("subjects_known", subjects_known),
    ("subjects_unknown", subjects_unknown),
    ("subjects_pronoun", subjects_pronoun),
    ("brand_vs_group", brand_vs_group),
    ("plant_owner", plant_owner),
    ("lists_respectively", lists_respectively),
    ("denials", denials),
    ("hypotheticals", hypotheticals),
    ("market_totals", market_totals),
)


def all_cases(capability: str | None = None) -> list[Case]:
    """Every generated case (deterministic), or those of one capability."""
    cases: list[Case] = []
    for name, generate in GENERATORS:
        if capability is None or capability == name:
            cases.extend(generate())
    return cases
