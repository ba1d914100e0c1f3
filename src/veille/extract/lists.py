"""Figures listed in the order of the organisations before them: `respectivement`.

`Ford et DFSK suivent avec 13 % et 11 % respectivement` gives Ford 13 % and
DFSK 11 % (SCHEMA.md rule 1), where the nearest name would give both to
DFSK. The split holds only when the sentence says `respectively` and the
organisations and the figures of one metric are as many.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from veille.extract.context import FIGURELESS_KINDS, SentenceContext
from veille.extract.figures import Judged, coordinated
from veille.extract.quantities import Quantity
from veille.languages import language_cues
from veille.resolve import Mention


def respectively(
    context: SentenceContext,
    figures: Sequence[Quantity],
    judged: Sequence[Judged | None],
    language: str,
) -> dict[int, Mention | None]:
    """Index of a judged figure → the organisation it belongs to, by list order.

    The figures are the coordinated run next to `respectivement` (`respectivement
    1.200, 950 et 610`, `2,100 and 1,400 units sold respectively`); the names
    are the coordinated names before that run (`Ford and DFSK follow with …`).
    One unknown name leading the list (`Zorglub, Nissan et Kia`) keeps its place
    and gets no figure. When the lists still differ in length, each figure is
    one listed organisation's but which one is not known: None.
    """
    assigned: dict[int, Mention | None] = {}
    for word in _respectively_pattern(language).finditer(context.text):
        run = _run_beside(context, figures, judged, word.start(), word.end())
        if len(run) < 2:
            continue
        names = coordinated_names(context, figures[run[0]].start)
        if len(names) < 2:
            names = _listed(context, figures[run[0]].start)
            if len(names) != len(run):
                continue
        if len(names) == len(run):
            assigned.update(zip(run, names, strict=True))
            continue
        items = _enumeration(context, names)
        if len(items) == len(run):
            assigned.update(zip(run, items, strict=True))
        else:
            assigned.update(dict.fromkeys(run))
    return assigned


# A joiner right before an item of a list, and a capitalised name no gazetteer knows.
_JOINER_BEFORE = re.compile(r"(?:,\s*(?:(?:et|and)\s+)?|\s+(?:et|and|&)\s+)$")
_UNKNOWN_NAME = re.compile(r"(?<![\w'’-])[A-ZÀ-Ý][\w&'’-]*(?:\s[A-ZÀ-Ý][\w&'’-]*){0,2}$")


def _enumeration(context: SentenceContext, names: list[Mention]) -> list[Mention | None]:
    """`names` with the list items before them that no gazetteer knows, in order.

    In `les marques Zorglub, Nissan et Kia … respectivement 900, 800 et 700` the
    three figures still go one to an item: `Zorglub` (unknown) gets none, the
    others get theirs. One unknown item at most, before the names.
    """
    items: list[Mention | None] = list(names)
    joiner = _JOINER_BEFORE.search(context.text, 0, names[0].start)
    if joiner is None:
        return items
    unknown = _UNKNOWN_NAME.search(context.text, 0, joiner.start())
    if unknown is not None and not any(
        m.start < unknown.end() and unknown.start() < m.end for m in context.mentions
    ):
        items.insert(0, None)
    return items


@cache
def _respectively_pattern(language: str) -> re.Pattern[str]:
    """`respectivement` / `respectively` as whole words, compiled once per language."""
    words = language_cues(language).respectively
    return re.compile(r"\b(?:{})\b".format("|".join(map(re.escape, words))), re.IGNORECASE)


def _run_beside(
    context: SentenceContext,
    figures: Sequence[Quantity],
    judged: Sequence[Judged | None],
    start: int,
    end: int,
) -> list[int]:
    """The judged figures coordinated with one another right before `start` (a few words
    between) or, failing that, right after `end`."""
    before = [i for i, f in enumerate(figures) if f.end <= start and judged[i] is not None]
    if before and re.fullmatch(r"[^\d,;()]{0,30}", context.text[figures[before[-1]].end : start]):
        run = [before[-1]]
        while (
            run[0] > 0
            and judged[run[0] - 1] is not None
            and coordinated(context, list(figures), run[0], ranges=False)
        ):
            run.insert(0, run[0] - 1)
        return run
    after = [i for i, f in enumerate(figures) if f.start >= end and judged[i] is not None]
    if after and re.fullmatch(r"[^\d,;()]{0,12}", context.text[end : figures[after[0]].start]):
        run = [after[0]]
        while (
            run[-1] + 1 < len(figures)
            and judged[run[-1] + 1] is not None
            and coordinated(context, list(figures), run[-1] + 1, ranges=False)
        ):
            run.append(run[-1] + 1)
        return run
    return []


_JOINERS = (",", "et", "and", ", et", ", and", "&")


def coordinated_names(context: SentenceContext, before: int) -> list[Mention]:
    """The last organisations named before offset `before` that are joined by commas and
    `et`/`and` (`Ford and DFSK`, `Nissan, Toyota et Kia`)."""
    named = [
        m for m in context.mentions if m.end <= before and m.entity.kind not in FIGURELESS_KINDS
    ]
    if not named:
        return []
    group = [named[-1]]
    for mention in reversed(named[:-1]):
        if context.text[mention.end : group[0].start].strip().lower() not in _JOINERS:
            break
        group.insert(0, mention)
    return group


def shared_by(context: SentenceContext, start: int, end: int) -> list[Mention]:
    """The organisations a figure at [start, end) belongs to each (`BMW and Mercedes-Benz
    with 2% each`): the last names coordinated before it, when `each` follows it."""
    if not language_cues(context.language).each.match(context.text[end:]):
        return []
    group = coordinated_names(context, start)
    return group if len(group) >= 2 else []


def _listed(context: SentenceContext, before: int) -> list[Mention]:
    """The organisations named before offset `before`, each once, in order."""
    names: list[Mention] = []
    for mention in context.mentions:
        if mention.end > before or mention.entity.kind in FIGURELESS_KINDS:
            continue
        if any(m.entity.name == mention.entity.name for m in names):
            continue
        names.append(mention)
    return names
