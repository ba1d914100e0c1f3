"""Partnerships: agreements signed or announced between two named organisations.

One claim per pair that involves the article's focal organisation (SCHEMA.md
rule 8): `X signe des conventions avec A, B et C` gives X–A, X–B, X–C, never
A–B. When the sentence names only the signer (`la signature de trois
conventions avec des fournisseurs`), the partners are the organisations the
next sentences are about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from veille.extract.context import SentenceContext
from veille.extract.lexicon import Hit
from veille.extract.locations import is_where
from veille.extract.subjects import Focus
from veille.records import Entity, Status
from veille.resolve import Gazetteer

_COUNT_WORDS = (
    "deux", "trois", "quatre", "cinq", "six", "plusieurs", "two", "three", "four", "five",
    "several",
)  # fmt: skip
# Words that introduce the other side of an agreement.
_PARTNER_CUES = ("avec", "with", "auprès", "aupres")
# Words just before a country that make it a party: "avec le Maroc", "entre le Royaume
# du Maroc et …", not "with Renault to build cars in Egypt".
_STATE_BEFORE = re.compile(r"\b(?:avec|with|entre|between)\s+(?:[^\s,;]+\s+){0,3}$")
# A parent company is named as what the signer belongs to, not as a partner:
# "Alkan Auto, a subsidiary of the Egyptian International Motors Group (EIM Group)".
_PARENT_BEFORE = re.compile(
    r"\b(?:subsidiary|unit|division|arm|filiale|division)\s+(?:of|de|du|d['’])[^,;]{0,60}$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Pairing:
    """A partnership read from one sentence: the signer and its partners."""

    subject: Entity
    partners: tuple[Entity, ...]
    status: Status
    awaits_partners: bool  # partners announced but named only in later sentences


# Names after "sans"/"without" are what made an agreement possible, not its parties:
# "l'accord n'aurait pas été possible sans la présence de Renault et PSA".
_ABSENT_BEFORE = re.compile(r"\b(?:sans|without)\b[^,;.]{0,45}$", re.IGNORECASE)


def find_partnership(
    context: SentenceContext, focus: Focus, gazetteer: Gazetteer
) -> Pairing | None:
    """The partnership a sentence states, if it states one."""
    if not _agreements(context) or context.has("not_yet"):
        return None
    if not (context.has("signing") or context.target_verbs):
        return None
    parties = _parties(context, gazetteer)
    if not parties:
        return None
    status: Status = "target" if context.has("to_be_signed") else "actual"
    main = focus.current()
    signers = _signers(context, parties)
    named = main is not None and any(p.name == main.name for p in parties)
    if main is not None and (named or _refers_back(context)):
        subject = main
    elif signers:
        subject = signers[0]
    elif main is not None:
        subject = main
    else:
        subject = parties[0]
    partners = tuple(p for p in parties if p.name != subject.name)
    awaits = not partners and _announces_several(context)
    if not partners and not awaits:
        return None
    return Pairing(subject, partners, status, awaits)


def _parties(context: SentenceContext, gazetteer: Gazetteer) -> list[Entity]:
    """Organisations named in the sentence, each once; a country after `avec` is its state."""
    parties: list[Entity] = []
    for mention in context.mentions:
        before = context.text[max(0, mention.start - 90) : mention.start]
        if _PARENT_BEFORE.search(before) or _ABSENT_BEFORE.search(before):
            continue
        entity = mention.entity
        if entity.parent and any(m.entity.name == entity.parent for m in context.mentions):
            entity = next(m.entity for m in context.mentions if m.entity.name == entity.parent)
        if not any(p.name == entity.name for p in parties):
            parties.append(entity)
    for place in context.places:
        if place.kind != "country" or not is_where(place, context.text):
            continue  # "le loueur espagnol", "the Chinese automaker" name no state
        if any(m.start <= place.start < m.end for m in context.mentions):
            continue  # "Speedy Maroc" is a company
        if place.surface.endswith(("'s", "’s")) or context.text[place.end : place.end + 2] in (
            "'s",
            "’s",
        ):
            continue  # "Morocco's Office for…" names the office, not the state
        before = context.text[max(0, place.start - 30) : place.start].lower()
        if not (_STATE_BEFORE.search(before) or _signs_with(context, place.end)):
            continue  # whole words: "entre" inside "centre" names no party
        state = gazetteer.entity(f"Government of {place.name}")
        if state is not None and not any(p.name == state.name for p in parties):
            parties.append(state)
    return parties


def _agreements(context: SentenceContext) -> list[Hit]:
    """The agreement words of a sentence, but a name: a capital inside the sentence makes
    `l'Alliance`, `the Alliance` an organisation someone heads, not an agreement signed."""
    return [
        hit
        for hit in context.hits_of("agreement")
        if hit.start == 0 or not context.text[hit.start].isupper()
    ]


def _signs_with(context: SentenceContext, end: int) -> bool:
    """A country coordinated with a company that then signs: `Morocco and French automaker
    PSA on Friday signed an accord`, `le Maroc et Renault ont signé …`."""
    if not _AND_AFTER.match(context.text, end):
        return False
    partner = next((m for m in context.mentions if end < m.start <= end + 50), None)
    return partner is not None and any(
        hit.start > partner.end for hit in context.hits_of("signing")
    )


_AND_AFTER = re.compile(r"\s+(?:and|et)\s", re.IGNORECASE)


def _refers_back(context: SentenceContext) -> bool:
    """`le groupe a retenu … Iris Tyres et Sarel`: `le groupe` signs, before any name."""
    first = min((m.start for m in context.mentions), default=len(context.text))
    return any(hit.start < first for hit in context.hits_of("coreference"))


def _signers(context: SentenceContext, parties: list[Entity]) -> list[Entity]:
    """Parties named before the first `avec`/`with`: the side that signs."""
    lowered = context.text.lower()
    cut = min((i for cue in _PARTNER_CUES if (i := lowered.find(cue + " ")) >= 0), default=-1)
    if cut < 0:
        return parties[:1]
    names = {m.entity.name for m in context.mentions if m.start < cut}
    return [p for p in parties if p.name in names or (p.parent and p.parent in names)]


def _announces_several(context: SentenceContext) -> bool:
    agreement = _agreements(context)[0]
    before = context.text[max(0, agreement.start - 15) : agreement.start].lower()
    return any(re.search(rf"\b{word}\b", before) for word in _COUNT_WORDS)
