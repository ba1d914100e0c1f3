"""Figures that are claims: a quantity with a unit, a metric trigger and an organisation.

Each figure is judged within its clause: from the previous figure (or the
start of the sentence) to the next one (or the end), cut at clause breaks such
as `;` or `, and`. That keeps `emploie 3 500 personnes` and `créera 2 000
emplois` apart when one sentence says both.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from veille.extract.clauses import is_denied, is_growth
from veille.extract.context import SentenceContext
from veille.extract.lexicon import Hit, lexicon
from veille.extract.quantities import Quantity, implausible
from veille.extract.years import is_compared
from veille.languages import language_cues
from veille.records import CURRENCIES

VEHICLE_METRICS = ("production_capacity", "production_volume", "sales_volume", "exports")
# Which metrics a figure of each unit family can state.
METRICS_BY_UNIT: dict[str, tuple[str, ...]] = {
    "vehicles": VEHICLE_METRICS,
    "people": ("employment",),
    "currency": ("investment", "revenue", "exports"),
    "%": ("market_share", "local_integration_rate"),
}
_CLAUSE_BREAK = re.compile(
    r";| : |, (?:and|but|while|whereas) |, (?:et|mais|que) "
    r"| tandis que | alors que | whereas | contre "
)
_BRACKET = re.compile(r"\s?\([^()]{1,40}\)")
# How close to a figure each kind of exclusion cue must be to veto it.
_EXCLUSION_REACH = {
    "growth": 30,
    "per_time": 25,
    "share_of_own": 30,
    "purchase": 45,
    "count": 30,
    "training": 30,
    "indirect": 200,
    "hypothetical": 200,
    "denied": 200,
}


@dataclass(frozen=True, slots=True)
class Clause:
    """The span of text that speaks of one figure."""

    lo: int
    hi: int


def clause_of(context: SentenceContext, index: int, figures: list[Quantity]) -> Clause:
    """From the previous figure to the next one, narrowed to the clause breaks around it."""
    quantity = figures[index]
    lo = figures[index - 1].end if index > 0 else 0
    text = context.text
    after = quantity.end
    bracket = _BRACKET.match(text, quantity.end)
    if (
        bracket
        and index + 1 < len(figures)
        and figures[index + 1].end <= bracket.end()
        and unit_family(figures[index + 1].unit) == unit_family(quantity.unit) is not None
    ):
        # "a €1.2bn ($1.4bn) expansion": the bracket restates the figure, whose clause
        # goes on after it; "100 exemplaires (facturés 2 M£ l'unité)" says something else
        after, index = bracket.end(), index + 1
    hi = figures[index + 1].start if index + 1 < len(figures) else len(text)
    for match in _CLAUSE_BREAK.finditer(text, lo, quantity.start):
        lo = match.end()
    following = _CLAUSE_BREAK.search(text, after, hi)
    if following:
        hi = following.start()
    return Clause(lo, hi)


@dataclass(frozen=True, slots=True)
class Judged:
    """A figure that states a metric: with the unit it may inherit, and its clause."""

    quantity: Quantity
    clause: Clause
    metric: str


def judge_figure(
    context: SentenceContext,
    figures: list[Quantity],
    index: int,
    *,
    carried: Mapping[str, str],
    previous_metric: str | None,
) -> Judged | None:
    """The metric the figure at `index` states, or None when it states none.

    `carried` maps a unit family to the metric its last figure stated, earlier in
    the sentence or in the sentence before: a figure whose clause names no metric
    continues it (`… 40 %, puis 45 %`; `Hyundai (7 518 voitures …)` in a list of
    sales; `dispose d'une capacité de 340 000 véhicules et vise 500 000 unités`).
    `previous_metric` is the metric of the figure just before, which a figure that
    borrows its unit or is coordinated with it also states (`340 000 et 56 400
    véhicules`). Who the figure is about is decided afterwards.
    """
    original = figures[index]
    quantity = original
    if not names_model(context, original):
        earlier = [f for f in figures[:index] if not _signed(context, f)]
        quantity = with_inherited_unit(original, earlier)
    clause = clause_of(context, index, figures)
    if quantity.unit in ("other", "year") or is_excluded(context, quantity, clause):
        return None
    if _converted(context, figures, index):
        return None
    if quantity.unit is None and counts_something_else(context, quantity):
        return None
    inherited = carried.get(carried_family(quantity))
    joined = coordinated(context, figures, index) or (
        index > 0 and is_compared(context, original.start)
    )
    if quantity is not original or joined:
        inherited = previous_metric or inherited
    metric = choose_metric(context, quantity, clause, inherited)
    if metric is None and joined:
        # "les ventes ont reculé de 17,79 % à 4 284 voitures": the level a change reaches
        # shares the change's head, whose metric word stands before the change; so does
        # a point of comparison ("à 20,9 %, contre 20,3 % en 2020")
        shared = Clause(clause_of(context, index - 1, figures).lo, clause.hi)
        metric = choose_metric(context, quantity, shared, inherited)
    if metric is None:
        return None
    if quantity.unit is None and metric not in ("employment", *VEHICLE_METRICS):
        return None
    return Judged(quantity, clause, metric)


_COORDINATORS = frozenset({",", "et", "and", "ou", "or", "voire", "à", "to", "-", "–"})


def coordinated(
    context: SentenceContext, figures: list[Quantity], index: int, *, ranges: bool = True
) -> bool:
    """`340 000 et 56 400 véhicules`, `13% and 11%`: a figure joined to the one before shares
    its head, so it states the same metric. `ranges` counts `de 20 000 à 70 000` too (the
    same metric, but not the same status: the start of a change is where things stand)."""
    if index == 0:
        return False
    gap = context.text[figures[index - 1].end : figures[index].start]
    gap = _CURRENCY_BEFORE.sub("", gap).strip().lower()  # "MAD 320 million and MAD 1.2 billion"
    joiners = _COORDINATORS if ranges else _COORDINATORS - _RANGE_JOINERS
    return gap in joiners or gap.rstrip(",").strip() in joiners


_CURRENCY_BEFORE = re.compile(r"\s*(?:[A-Z]{3}|US\$|[$€£¥])\s*$")
_RANGE_JOINERS = frozenset({"à", "to", "-", "–"})


_WORD_AFTER = re.compile(r"(?:\s+|-)([a-zà-ÿœ][\w'’-]*)")


def counts_something_else(context: SentenceContext, quantity: Quantity) -> bool:
    """`4 amortisseurs par véhicule`, `3 cylindres`: a bare number followed by a lower-case
    noun counts that noun, which no metric of the lexicon measures."""
    match = _WORD_AFTER.match(context.text, quantity.end)
    if match is None:
        return False
    word = match.group(1).lower().replace("’", "'")
    return word not in language_cues(context.language).after_number


def _converted(context: SentenceContext, figures: list[Quantity], index: int) -> bool:
    """`12,8 milliards de dirhams (environ 1,3 milliard de dollars)`: the same amount in a
    second currency, in brackets after the first, is not a second fact (SCHEMA.md rule 4)."""
    if index == 0 or figures[index].unit not in CURRENCIES:
        return False
    if figures[index - 1].unit not in CURRENCIES:
        return False
    gap = context.text[figures[index - 1].end : figures[index].start]
    return "(" in gap and ")" not in gap


# Families whose metric carries into the next sentence: a list of sales or of shares
# runs over several sentences; an amount of money in one is rarely the next one's.
CARRIED_ACROSS_SENTENCES = frozenset({"vehicles", "%"})


def _signed(context: SentenceContext, quantity: Quantity) -> bool:
    """`(+4,6 %)`, `-13.0%`: a signed figure is a change, whose unit no bare figure borrows."""
    return quantity.value < 0 or context.text[: quantity.start].rstrip().endswith("+")


def backfill_coordinated(
    context: SentenceContext, figures: list[Quantity], judged: list[Judged | None]
) -> None:
    """`13% and 11% market share`, `2,055 and 1,505 units sold`: a figure coordinated with
    the next one shares its unit and metric, named only after the last (in place)."""
    for index in range(len(figures) - 2, -1, -1):
        following = judged[index + 1]
        if judged[index] is not None or following is None:
            continue
        if not coordinated(context, figures, index + 1, ranges=False):
            continue
        own = figures[index]
        if own.unit is None:
            unit = following.quantity
            own = replace(own, unit=unit.unit, unit_word=unit.unit_word)
        elif unit_family(own.unit) != unit_family(following.quantity.unit):
            continue
        borrowed = [*figures[:index], own, *figures[index + 1 :]]
        family = carried_family(own)
        judged[index] = judge_figure(
            context, borrowed, index, carried={family: following.metric}, previous_metric=None
        )


def carried_family(quantity: Quantity) -> str:
    """The unit family a metric is carried under; a bare number counts like vehicles."""
    return unit_family(quantity.unit) or "vehicles"


def with_inherited_unit(quantity: Quantity, earlier: list[Quantity]) -> Quantity:
    """`de 80 000 véhicules par an en 2018 à 100 000 en 2019`: the second one counts vehicles."""
    if quantity.unit is not None or not earlier or earlier[-1].unit in (None, "other"):
        return quantity
    return replace(quantity, unit=earlier[-1].unit, unit_word=earlier[-1].unit_word)


def _level_reached(context: SentenceContext, quantity: Quantity) -> bool:
    """A figure right after `à`/`to` (`porter ce taux à 65 %`, `increase it to 58%`)."""
    words = context.text[max(0, quantity.start - 12) : quantity.start].split()
    return bool(words) and words[-1].lower() in language_cues(context.language).range_end


def unit_family(unit: str | None) -> str | None:
    if unit in CURRENCIES:
        return "currency"
    return unit


def is_excluded(context: SentenceContext, quantity: Quantity, clause: Clause) -> str | None:
    """The reason a figure is not a claim (growth rate, indirect jobs, prices…), if any."""
    if language_cues(context.language).hypothetical.match(context.text):
        return "hypothetical"  # "Au cas où …", "Were the licence granted, …"
    impossible = implausible(quantity)
    if impossible is not None:
        return impossible  # "-13 %" is a change, "inf" a misreading: never a figure
    if names_model(context, quantity):
        return "model-name"
    parse = context.parse
    if (
        quantity.unit == "%"
        and parse is not None
        and is_growth(parse, quantity.start, language_cues(parse.language))
    ):
        return "growth"
    if parse is not None and is_denied(parse, quantity.start, language_cues(parse.language)):
        return "denied"
    for hit in context.hits_of("exclude", clause.lo, clause.hi):
        reach = _EXCLUSION_REACH.get(hit.label, 30)
        gap = quantity.start - hit.end if hit.end <= quantity.start else hit.start - quantity.end
        if gap > reach:
            continue
        if hit.start >= quantity.end and re.search(
            r"[,;(]", context.text[quantity.end : hit.start]
        ):
            continue  # "550 nouveaux employés, portant le nombre total à 2 200": another clause
        if hit.label == "growth" and (quantity.unit != "%" or _level_reached(context, quantity)):
            continue  # "increase this percentage to 58%": the level reached, not the change
        if hit.label == "share_of_own" and quantity.unit != "%":
            continue
        if hit.label == "purchase" and unit_family(quantity.unit) != "currency":
            continue
        return hit.label
    if quantity.unit == "%" and context.text[max(0, quantity.start - 2) : quantity.start].strip()[
        -1:
    ] in ("+", "-"):
        return "growth"
    return None


def choose_metric(
    context: SentenceContext,
    quantity: Quantity,
    clause: Clause,
    inherited: str | None,
) -> str | None:
    """The metric of the nearest fitting trigger in the clause, or None when nothing fits."""
    family = unit_family(quantity.unit)
    allowed = METRICS_BY_UNIT.get(family or "", ())
    if family is None:
        allowed = ("employment", *VEHICLE_METRICS)
    triggers = [h for h in context.hits_of("metric", clause.lo, clause.hi) if h.label in allowed]
    if family == "people":
        # "two people familiar with the project" are sources, not a workforce
        return "employment" if quantity.value >= _MIN_WORKFORCE else None
    if not triggers and family == "%" and _cars_in_ten(quantity):
        # "quatre véhicules sur dix vendus dans le Royaume": a share of the cars sold
        hits = context.hits_of("metric", clause.lo, clause.hi)
        made = any(h.label == "production_volume" and h.end <= quantity.start for h in hits)
        if not made and any(h.label in ("sales_volume", "market_share") for h in hits):
            return "market_share"  # not "produces one in ten cars sold": a share of output
    if not triggers:
        return inherited if inherited in allowed else None
    trigger = min(triggers, key=lambda h: _trigger_distance(h, quantity))
    metric = trigger.label
    if metric == "production_volume" and _MODAL.search(
        context.text, max(clause.lo, trigger.start - 30), trigger.start
    ):
        # "peuvent assembler", "can make": what a plant is able to do; not "able to
        # celebrate the production of …", where the modal is another verb's
        return "production_capacity"
    near = re.split(r"[,;(]", context.text[max(trigger.end, quantity.end) : clause.hi][:40])[0]
    if metric == "production_volume" and _TO_CUSTOMERS.search(near):
        return "sales_volume"  # vehicles delivered to customers are sold
    return metric


_MIN_WORKFORCE = 10


def _cars_in_ten(quantity: Quantity) -> bool:
    """`quatre véhicules neufs sur dix`, `4 cars out of 10`: vehicles, not toys or people
    (a share counts a noun only when the quantity grammar read one of ten)."""
    return quantity.unit_word is not None and lexicon().unit_of(quantity.unit_word) == "vehicles"


_MODAL = re.compile(
    r"\b(?:peut|peuvent|pourra|pourront|can|could|able to)\s+(?:\w+\s+)?$", re.IGNORECASE
)
_TO_CUSTOMERS = re.compile(r"\b(?:clients?|customers?)\b", re.IGNORECASE)


def _trigger_distance(hit: Hit, quantity: Quantity) -> float:
    if hit.end <= quantity.start:
        return quantity.start - hit.end
    if hit.start >= quantity.end:
        return (hit.start - quantity.end) * 1.2
    return 0.0


def unit_for(metric: str, quantity: Quantity, context: SentenceContext, clause: Clause) -> str:
    """The SCHEMA.md unit: vehicles counts become `vehicles/year` when given per year."""
    if metric == "employment":
        return "people"
    if metric in ("market_share", "local_integration_rate"):
        return "%"
    if quantity.unit in CURRENCIES:
        return quantity.unit
    if metric == "production_capacity" or _per_year(context, quantity, clause):
        return "vehicles/year"
    return "vehicles"


_PER_YEAR_AFTER = re.compile(
    r"^[^,;()]{0,30}?(?:\bpar an\b|/an\b|\ba year\b|\bper year\b|\bannuel|\byearly\b|"
    r"\bper annum\b|\bannually\b|\bchaque année\b|\beach year\b|\bevery year\b)"
)
_PER_YEAR_BEFORE = re.compile(r"\b(?:annuel\w*|annual|yearly)\b[^,;()]{0,30}$")


def _per_year(context: SentenceContext, quantity: Quantity, clause: Clause) -> bool:
    """Whether a count is given per year: the words right after it (`400 bus par an`) or
    the noun it measures (`une production annuelle de 1 million`), not a yearly change
    elsewhere in its clause (`…, soit une variation annuelle de 21 %`)."""
    after = context.text[quantity.end : clause.hi].lower()
    before = context.text[clause.lo : quantity.start].lower()
    return bool(_PER_YEAR_AFTER.match(after) or _PER_YEAR_BEFORE.search(before))


_MODEL_LIST_AFTER = re.compile(
    r"^\s[A-Z][\w-]+(?:,\s[A-Z][\w-]+)*\s(?:et|and|&)\s[A-Z][\w-]+(?!\s?\d)"
)


def names_model(context: SentenceContext, quantity: Quantity) -> bool:
    """`Peugeot 208`, `474 840 Sandero`: a model's name or a count by model."""
    if quantity.unit is not None:
        return False
    if any(0 <= quantity.start - m.end <= 1 for m in context.mentions):
        return True
    before = context.text[max(0, quantity.start - 12) : quantity.start].lower()
    if re.search(r"\b(?:rang|tier|n°|no\.|numéro|number|top)\s?$", before):
        return True  # a rank, not a quantity
    if re.search(r"(?:^|\s)(?:la|le|the)\s$", before):
        return True  # "la 208 est vendue…": a model named by its number
    after = context.text[quantity.end : quantity.end + 60]
    if _MODEL_LIST_AFTER.match(after):
        return False  # "74 925 Dokker, Lodgy et Sandero": the total of the models listed
    if re.match(r"^\s[A-Z][a-zé]+", after):
        return True
    # "l'usine Ain Sebaâ 3", "Phase 2": a bare number after a name inside the sentence
    named = re.search(r"\w\s+[A-Z][\w'’-]*\s$", context.text[: quantity.start][-30:])
    return named is not None and quantity.unit is None
