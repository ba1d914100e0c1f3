"""Actual or target, and how exact.

A sentence may hold a fact and a plan side by side (`emploie aujourd'hui
3 500 personnes … doit créer 2 000 emplois`), so each figure's status comes
from the grammar of its own clause (`clauses.figure_status`). Where no parse
was made (the model was not needed), or where the clause holds a planning
adverbial or a deadline, the status cue nearest the figure in its clause decides.
"""

from __future__ import annotations

from veille.extract import clauses
from veille.extract.context import SentenceContext
from veille.languages import language_cues
from veille.records import Qualifier, Status

# Qualifier words stand right before the figure ("plus de 18 000").
_QUALIFIER_REACH = 14


def figure_status(context: SentenceContext, start: int, end: int, lo: int, hi: int) -> Status:
    """The status of the figure at [start, end), whose clause is [lo, hi)."""
    parse = context.parse
    if parse is not None:
        cues = language_cues(parse.language)
        verdict = clauses.figure_status(parse, start, cues)
        if verdict == "target" or clauses.starts_change(parse, start, cues):
            return verdict or "actual"  # the start of a change stands, whatever the deadline
        planned = clauses.planned_by_adverb(parse, start, cues)
        if verdict == "actual" and not planned and not _deadline_in(context, lo, hi):
            return "actual"
        if verdict == "actual" and clauses.stated_as_current(parse, start, cues):
            return "actual"  # "… à l'horizon 2017, sachant qu'il en gagne 600 000 aujourd'hui"
    return _nearest_cue_status(context, start, end, lo, hi)


def _deadline_in(context: SentenceContext, lo: int, hi: int) -> bool:
    """A deadline year in the clause, said in the sentence's language (`d'ici 2026`)."""
    deadline = language_cues(context.language).deadline
    return any(lo <= m.start() < hi for m in deadline.finditer(context.text))


def _nearest_cue_status(context: SentenceContext, start: int, end: int, lo: int, hi: int) -> Status:
    """`target` when the nearest status cue in [lo, hi) is a planning word or a future verb.

    A cue before the figure speaks of it; one after it counts only when none
    stands before (`3 000 unités par an, avec des plans pour…` is about a
    later figure, `2 400 personnes d'ici 2024` is not).
    """
    cues: list[tuple[int, int, Status]] = []  # (side: 0 before / 1 after, distance, status)
    for hit in context.hits_of("target", lo, hi):
        cues.append((*_placed(hit.start, hit.end, start, end), "target"))
    for offset in context.target_verbs:
        if lo <= offset < hi:
            cues.append((*_placed(offset, offset + 1, start, end), "target"))
    for hit in context.hits_of("actual", lo, hi):
        cues.append((*_placed(hit.start, hit.end, start, end), "actual"))
    return min(cues)[2] if cues else "actual"


def _placed(cue_start: int, cue_end: int, start: int, end: int) -> tuple[int, int]:
    if cue_end <= start:
        return 0, start - cue_end
    return 1, max(0, cue_start - end)


def figure_qualifier(context: SentenceContext, start: int, approximate: bool) -> Qualifier:
    """`plus de` → more_than, `environ` → about, `jusqu'à` → up_to, `moins de` → less_than."""
    if approximate:
        return "about"
    near = context.hits_of("qualifier", max(0, start - _QUALIFIER_REACH - 12), start)
    near = [h for h in near if start - h.end <= _QUALIFIER_REACH]
    if not near:
        return "exact"
    return _QUALIFIERS.get(near[-1].label, "exact")


_QUALIFIERS: dict[str, Qualifier] = {
    "more_than": "more_than",
    "less_than": "less_than",
    "about": "about",
    "up_to": "up_to",
}
