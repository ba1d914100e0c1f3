"""Claims highlighted in place in an article's text.

The store keeps each claim's sentence as a span of its paragraph. Within that
sentence the figure itself is found again (the same quantity parser the
extractor used, matched on value) or, for a partnership, the partner's name;
when neither is found the whole sentence stands for it. Every figure becomes
a `<mark id="claim-N">`, so a link to `#claim-N` lands on the number itself.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from markupsafe import Markup, escape

from veille.extract.quantities import find_quantities

RELATIVE_TOLERANCE = 0.01  # the scorer's: a figure within 1 % is the same figure


@dataclass(frozen=True, slots=True)
class Located:
    """Where a claim's sentence and its figure sit in their paragraph."""

    sentence_start: int
    sentence_end: int
    figure_start: int
    figure_end: int


def locate(
    paragraph: str,
    sentence: str,
    start: int,
    end: int,
    *,
    value: float | None,
    partner_names: Sequence[str] = (),
) -> Located | None:
    """The claim's sentence in `paragraph` (by its stored span, else by search) and its figure."""
    if paragraph[start:end] != sentence or start >= end:
        found = paragraph.find(sentence) if sentence else -1
        if found < 0:
            return None
        start, end = found, found + len(sentence)
    text = paragraph[start:end]
    figure = _figure(text, value) if value is not None else _name(text, partner_names)
    if figure is None:
        return Located(start, end, start, end)
    return Located(start, end, start + figure[0], start + figure[1])


def _figure(sentence: str, value: float) -> tuple[int, int] | None:
    for quantity in find_quantities(sentence):
        if abs(quantity.value - value) <= RELATIVE_TOLERANCE * max(abs(value), 1e-9):
            return quantity.start, quantity.end
    return None


def _name(sentence: str, names: Sequence[str]) -> tuple[int, int] | None:
    """The longest of `names` the sentence holds as whole words, ignoring case."""
    for name in sorted({n for n in names if n.strip()}, key=len, reverse=True):
        found = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", sentence, re.IGNORECASE)
        if found:
            return found.start(), found.end()
    return None


@dataclass(frozen=True, slots=True)
class Mark:
    """An element to wrap around `text[start:end]`; `order` breaks ties between equal spans."""

    start: int
    end: int
    tag: str
    attributes: tuple[tuple[str, str], ...]
    order: int = 0

    def opening(self) -> Markup:
        attributes = "".join(f' {name}="{escape(value)}"' for name, value in self.attributes)
        return Markup(f"<{self.tag}{attributes}>")

    def closing(self) -> Markup:
        return Markup(f"</{self.tag}>")


def render(text: str, marks: Iterable[Mark]) -> Markup:
    """`text`, escaped, with every mark wrapped around its span.

    Nested and equal spans nest. A mark that crosses an open one is cut at its
    end and goes on as a second element without the `id`, so the HTML stays
    well formed and every id stays unique.
    """
    heap = [(m.start, -m.end, m.order, m) for m in marks if 0 <= m.start < m.end <= len(text)]
    heapq.heapify(heap)
    out: list[str] = []
    stack: list[Mark] = []
    position = 0
    while heap:
        mark = heapq.heappop(heap)[3]
        while stack and stack[-1].end <= mark.start:
            position = _close(text, position, stack.pop(), out)
        if stack and mark.end > stack[-1].end:
            rest = replace(
                mark,
                start=stack[-1].end,
                attributes=tuple(a for a in mark.attributes if a[0] != "id"),
            )
            heapq.heappush(heap, (rest.start, -rest.end, rest.order, rest))
            mark = replace(mark, end=stack[-1].end)
        out += [escape(text[position : mark.start]), mark.opening()]
        position = mark.start
        stack.append(mark)
    while stack:
        position = _close(text, position, stack.pop(), out)
    out.append(escape(text[position:]))
    return Markup("".join(out))


def _close(text: str, position: int, mark: Mark, out: list[str]) -> int:
    out += [escape(text[position : mark.end]), mark.closing()]
    return mark.end
