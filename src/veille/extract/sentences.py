"""Split a paragraph into sentences, keeping each sentence's offsets.

Rules rather than a model: news prose ends sentences with `.`, `!` or `?`
before a capital, a quote or a digit, and the exceptions that matter are
abbreviations (`M.`, `Jun.`, `Dr.`) and numbers (`12.8`, `1.600`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BOUNDARY = re.compile(r"(?<=[.!?…»\"”])\s+(?=[«\"“A-ZÀ-ÖØ-Ý0-9¿¡])|(?<=[.!?])\s*\n+\s*")
# Scraped text loses the space after a full stop: `au Maroc.Le patron`, `».Et`. Two
# lower-case letters (or a closing quote) before, a capitalised word after: not an
# initial (`J.Smith`), a decimal (`1.600`) or a domain (`le360.ma`). The stop glued to a
# capital is rare: found first, its left side checked after.
_GLUED = re.compile(r"[.!?](?=[A-ZÀ-ÖØ-Ý][a-zà-öø-ÿ])")
_GLUED_LEFT = re.compile(r"(?:[a-zà-öø-ÿ]{2}|[»”])$")
_ABBREVIATION = re.compile(
    r"(?:\b(?:M|Mme|Mr|Mrs|Ms|Dr|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|"
    r"janv|févr|avr|juil|sept|oct|nov|déc|Inc|Corp|Co|Ltd|No|n°|vs|etc|cf|p|env|art)\.)$"
    r"|(?:\b[A-Z]\.)$"
    r"|(?:\b(?:i\.e|e\.g|c\.-à-d|p\.ex)\.)$",  # "… i.e. 5,714 in total": one sentence
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of one paragraph, with its offsets in that paragraph."""

    paragraph: int
    start: int
    end: int
    text: str


def split_sentences(text: str, paragraph: int = 0) -> list[Sentence]:
    """The sentences of a paragraph, in order; their offsets index into `text`."""
    sentences: list[Sentence] = []
    start = 0
    for cut, resume in _boundaries(text):
        if _ABBREVIATION.search(text[start:cut]):
            continue
        _append(sentences, text, start, cut, paragraph)
        start = resume
    _append(sentences, text, start, len(text), paragraph)
    return sentences


def _boundaries(text: str) -> list[tuple[int, int]]:
    """(where a sentence ends, where the next begins), in order."""
    found = [(m.start(), m.end()) for m in _BOUNDARY.finditer(text)]
    glued = [
        (m.end(), m.end())
        for m in _GLUED.finditer(text)
        if _GLUED_LEFT.search(text, max(0, m.start() - 2), m.start())
    ]
    return sorted(found + glued) if glued else found


def _append(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(paragraph, start, end, text[start:end]))
