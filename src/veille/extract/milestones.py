"""Dates that are claims: `fondée en 2017` (founded) and `présent au Maroc depuis 1928`.

The organisation is the one the date phrase describes: after a leading
participle (`Fondé en 1995, BYD …`) the first organisation that follows;
otherwise the one named just before (`Neo Motors, fondée en 2017`), or the
organisation in focus (`Le groupe nippon, fondé en 1941`).
"""

from __future__ import annotations

from dataclasses import dataclass

from veille.extract.context import STATE_KINDS, SentenceContext
from veille.extract.subjects import Focus, eligible
from veille.records import Entity

# The year must follow its cue closely: "fondé en 1941", "Founded in Detroit in 1917".
_YEAR_REACH = 28
# "présent au Maroc depuis 1928": the presence word stands before "depuis".
_PRESENCE_REACH = 60
# A leading participle clause: the cue within the sentence's first characters.
_LEADING = 3
_BEFORE_REACH = 40


@dataclass(frozen=True, slots=True)
class Milestone:
    """A founding or presence year found in a sentence."""

    metric: str
    year: int
    cue_start: int
    year_start: int
    entity: Entity
    surface: str


def find_milestones(context: SentenceContext, focus: Focus) -> list[Milestone]:
    """Founding and presence years stated in the sentence, with whom they describe."""
    found = []
    for cue in context.hits_of("founded"):
        year = _year_after(context, cue.end, _YEAR_REACH)
        if year is None or context.hits_of("year_deadline", cue.end, year[0]):
            continue  # "1 000 emplois seront créés avant la fin de 2019": a deadline, no founding
        subject = _described(context, cue.start, year[0], focus)
        if subject:
            found.append(Milestone("founded", year[1], cue.start, year[0], *subject))
    for since in context.hits_of("since"):
        year = _year_after(context, since.end, 3)
        if year is None:
            continue
        presence = context.hits_of("present", max(0, since.start - _PRESENCE_REACH), since.start)
        if not presence:
            continue
        subject = _described(context, presence[0].start, year[0], focus)
        if subject:
            found.append(Milestone("present_since", year[1], presence[0].start, year[0], *subject))
    return found


def _year_after(context: SentenceContext, offset: int, reach: int) -> tuple[int, int] | None:
    for quantity in context.years():
        if offset <= quantity.start <= offset + reach:
            return quantity.start, int(quantity.value)
    return None


def _described(
    context: SentenceContext, cue_start: int, year_start: int, focus: Focus
) -> tuple[Entity, str] | None:
    mentions = [
        m for m in context.mentions if m.entity.kind not in STATE_KINDS and eligible(context, m)
    ]
    if cue_start <= _LEADING:
        comma = context.text.find(",", year_start)
        after = [m for m in mentions if comma >= 0 and m.start > comma]
        if after:
            return after[0].entity, after[0].surface
        entity = focus.current()
        return (entity, "") if entity else None
    before = [m for m in mentions if cue_start - _BEFORE_REACH <= m.end <= cue_start]
    if before:
        return before[-1].entity, before[-1].surface
    entity = focus.current()
    return (entity, "") if entity else None
