"""Organisations no gazetteer lists yet, found by the way news names a company.

A real feed names new companies every week. Two forms say that a capitalised
name is a company whatever it is: a company noun before it (`la société
Xantor`, `l'équipementier japonais Kestrel`, `the supplier Velmora`) and a
company word after it (`Brivane Industries`, `Talvik Automobiles`, `Corvane
SA`). Such names become entities of kind `UNLISTED`, which the store keeps
apart so that an analyst can confirm them (`veille entities --new`).
"""

from __future__ import annotations

import re

from veille.languages import language_cues
from veille.records import UNLISTED_KIND, Entity
from veille.resolve import Mention, PlaceMention

UNLISTED = UNLISTED_KIND

_NAME = r"[A-Z][\w&'’.-]*(?:\s+(?:[A-Z][\w&'’.-]*|&)){0,3}"
# Words after a name that make it a company's: kept in the name, except legal forms.
_COMPANY_WORDS = (
    "Industries", "Industrie", "Automobiles", "Automobile", "Automotive", "Auto", "Motors", "Motor",
    "Technologies", "Technology", "Group", "Groupe", "Holding", "Holdings", "Electric",
    "Manufacturing",
)  # fmt: skip
_LEGAL_FORMS = ("SA", "SAS", "SARL", "AG", "GmbH", "Ltd", "Limited", "Inc", "Corp", "Co", "PLC",
                "LLC", "S.A.", "S.A.S.", "Corporation")  # fmt: skip
_SUFFIXED = re.compile(
    rf"\b(?P<name>[A-Z][\w&'’-]+(?:\s+[A-Z][\w&'’-]+){{0,2}}?)\s+"
    rf"(?P<word>{'|'.join(re.escape(w) for w in _COMPANY_WORDS + _LEGAL_FORMS)})(?![\w])"
)
_ADJECTIVE = r"(?:[a-zàâçéèêëîïôûùüÿœ-]+\s+)?"
_DETERMINERS = ("The ", "Le ", "La ", "Les ", "L'", "L’")


def company_forms(text: str, language: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Unlisted organisations named by a company form, outside the spans already `taken`."""
    found: list[Mention] = []

    def add(start: int, end: int, name: str) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        if text[end:].lstrip().startswith(":"):
            return  # "Objectif : …": a rubric, not a name
        taken.append((start, end))
        found.append(Mention(start, end, text[start:end], Entity(name, UNLISTED)))

    heads = language_cues(language).name_heads
    for head in heads.finditer(text):
        match = re.compile(rf"\s+{_ADJECTIVE}(?P<name>{_NAME})").match(text, head.end())
        if match:
            name = _canonical(match["name"])
            if name:
                add(match.start("name"), match.start("name") + len(match["name"]), name)
    for match in _SUFFIXED.finditer(text):
        start = match.start("name")
        for determiner in _DETERMINERS:
            if text.startswith(determiner, start):
                start += len(determiner)
        word = match["word"]
        end = match.end("word") if word not in _LEGAL_FORMS else match.end("name")
        name = _canonical(text[start:end])
        if name:
            add(start, end, name)
    return found


def _canonical(surface: str) -> str | None:
    """The name without legal form or trailing particle; None when nothing is left."""
    words = surface.replace("’", "'").split()
    while words and (words[-1] in _LEGAL_FORMS or words[-1] in ("&", "de", "des", "du")):
        words.pop()
    name = " ".join(words).strip(" .,")
    return name if len(name) >= 3 and name[0].isupper() else None


def outside_places(mentions: list[Mention], places: list[PlaceMention]) -> list[Mention]:
    """Company forms that are not places the gazetteer knows (`le groupe Tanger Med`)."""
    return [m for m in mentions if not any(p.start < m.end and m.start < p.end for p in places)]
