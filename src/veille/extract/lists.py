"""Figures listed in the order of the organisations before them: `respectivement`.

`Ford et DFSK suivent avec 13 % et 11 % respectivement` gives Ford 13 % and
DFSK 11 % (SCHEMA.md rule 1), where the nearest name would give both to
DFSK. The split holds only when the sentence says `respectively` and the
organisations and the figures of one metric are as many.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from veille.extract.context import FIGURELESS_KINDS, SentenceContext
from veille.extract.figures import Judged
from veille.languages import language_cues
from veille.resolve import Mention


def respectively(
    context: SentenceContext, judged: Sequence[Judged | None], language: str
) -> dict[int, Mention | None]:
    """Index of a judged figure → the organisation it belongs to, by list order; None
    when the list names more or fewer organisations than it has figures (`Fords, Nissan,
    Toyota et Kia … respectivement 2.833, 2.807, 2.768 et 2.430`, with a name unknown):
    each figure is one listed organisation's, which one is not known."""
    words = language_cues(language).respectively
    if not any(re.search(rf"\b{re.escape(w)}\b", context.text, re.IGNORECASE) for w in words):
        return {}
    assigned: dict[int, Mention | None] = {}
    metrics = {j.metric for j in judged if j is not None}
    for metric in metrics:
        indexes = [i for i, j in enumerate(judged) if j is not None and j.metric == metric]
        first = judged[indexes[0]]
        assert first is not None
        names = _listed(context, first.quantity.start)
        if len(names) >= 2 and len(names) == len(indexes):
            assigned.update(zip(indexes, names, strict=True))
        elif len(indexes) >= 2 and len(names) >= 2:
            assigned.update(dict.fromkeys(indexes))
    return assigned


def shared_by(context: SentenceContext, start: int, end: int) -> list[Mention]:
    """The organisations a figure at [start, end) belongs to each (`BMW and Mercedes-Benz
    with 2% each`): the last names coordinated before it, when `each` follows it."""
    if not language_cues(context.language).each.match(context.text[end:]):
        return []
    before = [
        m for m in context.mentions if m.end <= start and m.entity.kind not in FIGURELESS_KINDS
    ]
    if not before:
        return []
    group = [before[-1]]
    for mention in reversed(before[:-1]):
        gap = context.text[mention.end : group[0].start].strip().lower()
        if gap not in (",", "et", "and", ", et", ", and", "&"):
            break
        group.insert(0, mention)
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
