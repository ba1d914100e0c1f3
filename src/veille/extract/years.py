"""The year a figure refers to (for facts) or its deadline (for plans).

Only a year tied to the figure counts: `en 2023`, `d'ici 2025`, `l'an dernier`
(from the publication date), or the frame an earlier sentence set (`En 2023,
…`; the year of an annual-results story). Years of other events —
`depuis 2007`, `opened in 2012`, `signé en 2016` — are not the figure's.
"""

from __future__ import annotations

import re
from datetime import date

from veille.extract.context import SentenceContext
from veille.extract.lexicon import Lexicon, fold
from veille.languages import language_cues

# Words that tie a year to what follows must stand this close before it.
_CUE_REACH = 22
# Flows happen over a period and take the frame year; stocks are "as of now".
FLOW_METRICS = frozenset(
    {"production_volume", "sales_volume", "exports", "market_share", "revenue"}
)


def explicit_years(context: SentenceContext, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """(offset, year, role) for each year in [lo, hi): role is `deadline`, `frame` or `other`."""
    found = []
    for quantity in context.years():
        if not lo <= quantity.start < hi:
            continue
        reach = max(0, quantity.start - _CUE_REACH)
        deadline = context.hits_of("year_deadline", reach, quantity.start)
        frame = context.hits_of("year_frame", reach, quantity.start)
        other = [
            hit
            for hit in (
                *context.hits_of("year_not_frame", reach, quantity.start),
                *context.hits_of("since", reach, quantity.start),
            )
            # "depuis 2005 : « En 2005, nous …": a cue beyond a break is another clause's
            if not _BREAK.search(context.text, hit.end, quantity.start)
        ]
        role = "other"  # also a year of another event: `depuis 2007`, `signé en 2016`
        if _compared(context, quantity.start):
            role = "compared"  # `le même mois en 2010`, `up from 56,400 in 2018`
        elif deadline and all(deadline[-1].end >= h.end for h in (*frame, *other)):
            role = "deadline"  # the nearest cue decides: "from 69% to 75% by 2030"
        elif not other and (frame or _YEAR_AS_SUBJECT.match(context.text, quantity.end)):
            role = "frame"  # "en 2023", or "2017 est une année qui a souri au groupe"
        found.append((quantity.start, int(quantity.value), role))
    return found


_BREAK = re.compile(r"[:;«»“”()]")
# A year that is its sentence's subject frames it: "2017 est une année record".
_YEAR_AS_SUBJECT = re.compile(
    r"\s+(?:est|a été|fut|restera|was|is|has been|will be|proved)\s+(?:une|un|a|an)\s+(?:\w+\s+)?"
    r"(?:année|exercice|year)\b",
    re.IGNORECASE,
)
# Where a clause starts, looking back from a year: not the comma inside "56,400".
_CLAUSE_SPLIT = re.compile(r"[;(]|,(?!\d)")


def _compared(context: SentenceContext, start: int) -> bool:
    """Whether the year stands in a comparison (`contre … en 2006`, `par rapport à 2019`)."""
    clause = re.split(_CLAUSE_SPLIT, context.text[:start])[-1]
    return bool(language_cues(context.language).compared.search(clause))


def is_compared(context: SentenceContext, start: int) -> bool:
    """Whether the figure at `start` is a point of comparison: a marker stands right before
    it (`contre un millier`, `(compared to 4,196 in 2021)`), not only somewhere in its
    clause (`ramped up from 20,000 to 70,000`)."""
    return bool(language_cues(context.language).compared_figure.search(context.text[:start]))


def relative_year(
    context: SentenceContext, lo: int, hi: int, published: date | None, lex: Lexicon
) -> int | None:
    """`l'an dernier` in a 2024 article is 2023; without a publication date, nothing."""
    if published is None:
        return None
    for hit in context.hits_of("relative_year", lo, hi):
        offset = lex.relative_years.get(fold(hit.label))
        if offset is not None:
            return published.year + offset
    return None


def figure_year(
    context: SentenceContext,
    *,
    start: int,
    lo: int,
    hi: int,
    status: str,
    metric: str,
    cumulative: bool,
    frame_year: int | None,
    opening_year: int | None,
    foreign_years: set[int],
    own_years: set[int],
    published: date | None,
    lex: Lexicon,
) -> int | None:
    """The year a figure at `start` refers to, within its clause [lo, hi)."""
    if cumulative:
        return None
    years = [
        (offset, year, "frame" if role == "compared" else role)
        for offset, year, role in explicit_years(context, lo, hi)
        if offset not in foreign_years and (role != "compared" or offset in own_years)
    ]
    if status == "target":
        tied = [(abs(o - start), y) for o, y, role in years if role in ("deadline", "frame")]
        return min(tied)[1] if tied else opening_year
    # For a fact, "by 2020" is when it was reached ("achieved 200,000 by 2020").
    framed = [(abs(o - start), y) for o, y, role in years if role in ("frame", "deadline")]
    if framed:
        return min(framed)[1]
    named = _year_named_back_then(context, start, foreign_years)
    if named is not None:
        return named
    relative = relative_year(context, lo, hi, published, lex)
    if relative is not None:
        return relative
    if opening_year is not None:
        return opening_year  # "En 2014, l'usine a fabriqué … et employé 6 000 salariés"
    if metric in FLOW_METRICS and not context.has("actual", lo, hi):
        return frame_year
    return None


def _year_named_back_then(context: SentenceContext, start: int, foreign: set[int]) -> int | None:
    """The last year named before a figure when `alors`/`at the time` stands between them:
    "Inaugurée en 2014, l'usine démarrait alors avec 25 000 véhicules" is 2014's."""
    before = [q for q in context.years() if q.end <= start and q.start not in foreign]
    if not before:
        return None
    last = before[-1]
    cue = language_cues(context.language).back_then.search(context.text, last.end, start)
    return int(last.value) if cue else None


_LEADING_FRAME = re.compile(
    r"^(?:en|in|pour|for|durant|during|fin|à fin|at the end of|over|sur l'exercice|"
    r"au cours de l'(?:année|exercice))\s+(?:[a-zéû]+\s+)?(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def sentence_frame(context: SentenceContext, before: int | None = None) -> int | None:
    """A year a sentence opens with, which frames what follows: `En 2023, …`.

    With `before` (a figure's offset), a year opening the quote or the clause after a
    colon that holds the figure frames it too: `… depuis 2005 : « En 2005, nous …`.
    """
    match = _LEADING_FRAME.match(context.text)
    if match is None and before is not None:
        opened = [m.end() for m in _CLAUSE_OPENER.finditer(context.text, 0, before)]
        if opened:
            match = _FRAME_AT.match(context.text, opened[-1])
    return int(match["year"]) if match else None


# Where a clause may open inside a sentence: after a colon or an opening quote.
_CLAUSE_OPENER = re.compile(r"(?::\s*«?|«|“)\s*")
_FRAME_AT = re.compile(_LEADING_FRAME.pattern.removeprefix("^"), _LEADING_FRAME.flags)


def reporting_period(text: str, language: str) -> int | None:
    """The year of a reporting period the sentence names (`à fin juillet 2021`, `in June
    2024`), unless it is a point of comparison (`le même mois de 2019`, `up from … in 2023`)."""
    cues = language_cues(language)
    for match in cues.period.finditer(text):
        clause = re.split(_CLAUSE_SPLIT, text[: match.start()])[-1]
        if cues.compared.search(clause) or cues.since.search(clause):
            continue
        return int(match["year"])
    return None
