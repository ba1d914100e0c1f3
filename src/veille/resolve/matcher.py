"""Whole-word, longest-match dictionary search over folded text.

One Aho-Corasick automaton holds every folded alias; a single pass over the
folded article finds all of them at once, however many aliases there are. The
hits are then filtered (whole words only, case-sensitive aliases checked against
the original spelling) and overlaps are settled in favour of the longest hit, so
that `Renault Group Maroc` wins over `Renault` inside it.

`extract.lexicon.PhraseScanner` is the other automaton: it keeps nested hits of
other kinds and matches stems (`vendu*`), which names must never do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

from veille.resolve.folding import fold, key, strip_accents

T = TypeVar("T")

# Aliases this short are case-sensitive unless the data says otherwise: they are
# acronyms (`CAM`, `PSA`) or brand names that are also common words (`Seat`,
# `Lear`, `Neo`, `Kia`).
SHORT_ALIAS_LENGTH = 4


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    """One accepted match: `text[start:end]` names `payload`."""

    start: int
    end: int
    surface: str
    payload: T


@dataclass(frozen=True, slots=True)
class _Variant(Generic[T]):
    alias: str
    payload: T
    case_sensitive: bool


def is_short(alias: str) -> bool:
    """True when `alias` is short enough to be case-sensitive by default."""
    return len(alias.strip()) <= SHORT_ALIAS_LENGTH


class AliasMatcher(Generic[T]):
    """Finds aliases in text and returns the payload each one names.

    Several aliases may share a folded form (`SEAT` and `Seat`) as long as they
    name the same payload; the caller's validation guarantees that.
    """

    def __init__(self, entries: Iterable[tuple[str, T, bool]]) -> None:
        """`entries` are `(alias, payload, case_sensitive)` triples."""
        variants: dict[str, list[_Variant[T]]] = {}
        for alias, payload, case_sensitive in entries:
            folded = key(alias)
            if folded:
                variants.setdefault(folded, []).append(_Variant(alias, payload, case_sensitive))
        self._automaton = ahocorasick.Automaton()
        for folded, group in variants.items():
            self._automaton.add_word(folded, (len(folded), tuple(group)))
        self._empty = not variants
        # surface -> `_accept`'s answer, () for a refusal: the folded alias is the
        # surface's fold, so the surface alone picks the group of variants.
        self._accepted: dict[str, tuple[T] | tuple[()]] = {}
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Hit[T]]:
        """Every whole-word alias in `text`, longest first on overlaps, in text order."""
        if self._empty or not text:
            return []
        folded = folded_once(text)
        candidates: list[Hit[T]] = []
        accepted = self._accepted
        size = len(text)
        for last, (length, group) in self._automaton.iter(folded):
            end = last + 1
            start = end - length
            # whole words only; inline, as most hits are inside longer words
            if (start > 0 and text[start - 1].isalnum()) or (end < size and text[end].isalnum()):
                continue
            surface = text[start:end]
            payload = accepted.get(surface)
            if payload is None:
                payload = accepted[surface] = _accept(surface, group) or ()
            if payload:
                candidates.append(Hit(start, end, surface, payload[0]))
        if len(candidates) < 2:
            return candidates  # nothing can overlap, and one hit is in text order
        return _longest_non_overlapping(candidates)


_FOLDED: dict[str, str] = {}
_FOLDED_KEPT = 256  # more than the paragraphs of an article: its texts are folded once


def folded_once(text: str) -> str:
    """`fold(text)`, remembered for the last few hundred texts.

    The organisations' and the places' matchers (and the topic filter) scan
    the same title and paragraphs; each text is folded once.
    """
    folded = _FOLDED.get(text)
    if folded is None:
        if len(_FOLDED) >= _FOLDED_KEPT:
            _FOLDED.clear()
        folded = _FOLDED[text] = fold(text)
    return folded


def _accept(surface: str, group: tuple[_Variant[T], ...]) -> tuple[T] | None:
    """The payload if one variant accepts this spelling, else None.

    A case-sensitive variant accepts its own spelling (accents aside) or the
    all-capitals form a headline uses; `Neo` accepts `Neo` and `NEO`, not `neo`.
    """
    written = " ".join(strip_accents(surface).split())
    for variant in group:
        if not variant.case_sensitive:
            return (variant.payload,)
        expected = " ".join(strip_accents(variant.alias).split())
        if written in (expected, expected.upper()):
            return (variant.payload,)
    return None


def _longest_non_overlapping(candidates: list[Hit[T]]) -> list[Hit[T]]:
    """Keep the longest hits (then the leftmost) that do not overlap a kept one."""
    kept: list[Hit[T]] = []
    taken: set[int] = set()
    for hit in sorted(candidates, key=lambda h: (h.start - h.end, h.start)):
        span = range(hit.start, hit.end)
        if any(i in taken for i in span):
            continue
        taken.update(span)
        kept.append(hit)
    return sorted(kept, key=lambda h: h.start)
