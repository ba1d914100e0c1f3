"""Who a figure is about: a named organisation near it, or the organisation in focus.

News prose names a company once and then says `le constructeur`, `il`,
`the firm`. Two foci stand in for coreference: the article's main
organisation (named in its title or lead) and the local subject (the
organisation a sentence of the same paragraph was about just before).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from veille.extract.clauses import subject_head
from veille.extract.context import FIGURELESS_KINDS, SOURCE_KINDS, STATE_KINDS, SentenceContext
from veille.extract.lexicon import Hit
from veille.extract.lists import coordinated_names
from veille.languages import language_cues
from veille.records import UNLISTED_KIND, Entity
from veille.resolve import Mention

# A sentence's subject is named within its first characters (after any short lead-in).
_SUBJECT_REACH = 80
# How far before a mention a "selon"/"avec" cue makes it a source or partner.
_CUE_REACH = 18
# How far after a figure a passive agent ("exportés par X") may stand.
_AGENT_REACH = 45
_AGENT = re.compile(
    r"^ ?\w*\s(?:par|by|depuis|from)\s(?:les?\s|la\s|l['’]\s?|the\s)?"
    r"(?:usines?\s|plants?\s|sites?\s)?(?:de\s|du\s|of\s)?(?:la\s|l['’]\s?|the\s)?$"
)


@dataclass(slots=True)
class Focus:
    """The organisations the current sentence can refer back to."""

    main: Entity | None = None
    local: Entity | None = None

    def current(self) -> Entity | None:
        return self.local or self.main

    def start_paragraph(self) -> None:
        self.local = None

    def update(self, context: SentenceContext) -> None:
        """The sentence's own subject becomes the local focus for the next sentences."""
        subject = sentence_subject(context)
        if subject is not None:
            self.local = subject


def main_entity(
    title: str,
    title_mentions: list[Mention],
    lead_mentions: list[Mention],
    *,
    opener: Mention | None = None,
) -> Entity | None:
    """The article's main organisation: the first in the title, else the one the lead's
    first sentence opens with (`opener`, when it is not known to the gazetteer and so
    cannot be counted), else the lead's most named."""
    for mention in title_mentions:
        if mention.entity.kind not in FIGURELESS_KINDS and not names_product(title, mention):
            return mention.entity
    if (
        opener is not None
        and opener.start <= _SUBJECT_REACH
        and opener.entity.kind == UNLISTED_KIND
    ):
        return opener.entity
    counts = Counter(m.entity.name for m in lead_mentions if m.entity.kind not in FIGURELESS_KINDS)
    if not counts:
        return None
    best = counts.most_common(1)[0][0]
    return next(m.entity for m in lead_mentions if m.entity.name == best)


def eligible(context: SentenceContext, mention: Mention) -> bool:
    """Whether a mention can be the subject of the sentence's figures.

    Not when a cue just before makes it a source or partner (`selon`, `avec`),
    when it names a product (`Peugeot 208`, `Opel Rocks-e`), when it is one
    item of a list of brands, or when it sits in a leading participle clause
    (`Né du rapprochement entre Faurecia et Hella, le groupe …`).
    """
    if any(
        mention.start - _CUE_REACH <= hit.end <= mention.start
        for hit in context.hits_of("not_subject_before")
    ):
        return False
    if names_product(context.text, mention):
        return False
    if _TITLE_AFTER.match(context.text, mention.end):
        return False  # "Peugeot head Carlos Tavares said …": a person's title, not a subject
    if _in_enumeration(context, mention):
        return False
    lead = _LEADING_PARTICIPLE.match(context.text)
    return not (lead and mention.end <= context.text.find(",", lead.end()))


# A person's title right after an organisation's name: the name says whom they work for.
_TITLE_AFTER = re.compile(
    r"['’]?s?\s+(?:head|chief executive|chief|CEO|boss|chairman|president|spokesman|"
    r"spokeswoman|spokesperson)\b"
)
_LEADING_PARTICIPLE = re.compile(
    r"^(?:né|née|issu|issue|fondé|fondée|créé|créée|founded|established|created|born|formed)\b",
    re.IGNORECASE,
)
_MODEL_AFTER = re.compile(r"^[\s-]?(?:\d|[A-Z][a-zé]+(?:-[a-z])?\b(?! [A-Z]))")


def names_product(text: str, mention: Mention) -> bool:
    """A brand followed by a model name or number is a product, not an organisation."""
    if mention.entity.kind not in ("brand", "manufacturer"):
        return False
    after = text[mention.end : mention.end + 20]
    if _MODEL_AFTER.match(after) is None:
        return False
    return not after.lstrip().startswith(("Group", "Groupe", "Motors", "Maroc", "Morocco"))


def _in_enumeration(context: SentenceContext, mention: Mention) -> bool:
    """One of three or more organisations listed with commas (`Peugeot, Citroën, Opel …`)."""
    listed = [mention]
    for other in context.mentions:
        if other.start > listed[-1].end:
            gap = context.text[listed[-1].end : other.start].strip(" ")
            if gap in (",", "et", "and", ", et", ", and") and other.start - listed[-1].end < 8:
                listed.append(other)
    before = [m for m in context.mentions if m.end <= mention.start]
    if before:
        gap = context.text[before[-1].end : mention.start].strip(" ")
        if gap in (",", "et", "and", ", et", ", and"):
            return True
    return len(listed) >= 3


def sentence_subject(context: SentenceContext) -> Entity | None:
    """The first organisation named as a subject in the sentence, if any."""
    for mention in context.mentions:
        if mention.start > _SUBJECT_REACH:
            break  # "… destinées aux usines de Renault": a complement, not the subject
        if mention.entity.kind in STATE_KINDS or mention.entity.kind in SOURCE_KINDS:
            continue
        if eligible(context, mention):
            return mention.entity
    return None


def _in_subject_position(context: SentenceContext, hit: Hit) -> bool:
    """A noun phrase opening the sentence or a clause (`Le marché a…`, `…, the country built`)."""
    before = context.text[: hit.start].rstrip()
    return not before or before[-1] in ",:;" or before.lower().endswith((" que", " that"))


def figure_subject(
    context: SentenceContext, start: int, end: int, window_end: int, focus: Focus
) -> tuple[Entity | None, str]:
    """The organisation a figure at [start, end) is about, with the words that named it.

    1. a passive agent just after it (`exportés par les usines Renault`);
    2. else the nearest eligible organisation before the figure in the sentence;
    3. else the organisation in focus, unless the sentence is about a market,
       a sector or a country (`le marché`, `the country`), which makes the
       figure nobody's.
    """
    if _market_subject(context, start) or _national(context, start):
        return None, ""
    ranked = _RANK_ITEM.match(context.text)
    if ranked:
        # "5 - Fiesta est en 5e position avec 7.408 ventes": a ranking's item is what its
        # figures count; unless it is an organisation, they are nobody's
        item = [m for m in context.mentions if m.start == ranked.end()]
        if not item or names_product(context.text, item[0]):
            return None, ""
        return item[0].entity, item[0].surface
    candidates = [
        m
        for m in context.mentions
        if m.entity.kind not in FIGURELESS_KINDS and eligible(context, m)
    ]
    after = [m for m in candidates if end <= m.start <= min(window_end, end + _AGENT_REACH)]
    for mention in after:
        between = " " + context.text[end : mention.start].lower().strip() + " "
        if "," not in between and _AGENT.search(between):
            return mention.entity, mention.surface
    before = [m for m in candidates if m.end <= start]
    nearest_any = [m for m in context.mentions if m.end <= start and eligible(context, m)]
    if nearest_any and nearest_any[-1].entity.kind == "port":
        port = nearest_any[-1]
        # "the port of Tanger Med, which handled 600,000 vehicles" is throughput; but in
        # "relié au port de Tanger Med, le site a exporté 297 000" the site is the subject.
        if not context.hits_of("coreference", port.end, start):
            return None, ""
    non_org = [h for h in context.hits_of("non_org", 0, start) if _in_subject_position(context, h)]
    if len({m.entity.name for m in context.mentions if m.end <= start}) > 1 and context.has(
        "joint"
    ):
        return None, ""  # "Together, X and Y employ 5 500": a joint figure is nobody's
    if before:
        nearest = before[-1]
        if _slashed(context, nearest):
            return None, ""  # "Hyundai/Kia (16,8 %)": one figure for two brands
        if not any(hit.start > nearest.end for hit in non_org):
            return _group_of_pair(context, nearest, start) or (nearest.entity, nearest.surface)
        return None, ""
    if non_org:
        return None, ""
    if any(m.entity.kind in SOURCE_KINDS for m in context.mentions):
        return None, ""  # "selon l'AIVAM, 12 000 voitures…": a market total its source states
    if _names_product_before(context, start):
        return None, ""  # "1 - Dacia Logan … 12 934 ventes": a count by model
    entity = focus.current()
    return entity, ""


# "la production du groupe", "the group's sales": the group's own figure, not one of its
# plants'. Only the possessive: in "le groupe annonçait une capacité de …" the group speaks.
_THE_GROUP = re.compile(
    r"\b(?:(?i:du|de ce|of the|of this)\s+(?i:groupe?)|(?i:the|this)\s+(?i:group)['’]s)\b"
    r"(?!\s*[A-Z0-9])"
)  # not "du groupe Renault" (named) nor "of the Group 3"


def says_the_group(context: SentenceContext, lo: int, start: int) -> bool:
    """Whether the clause [lo, start) before a figure makes it "the group's", unnamed."""
    return _THE_GROUP.search(context.text, lo, start) is not None


def _group_of_pair(
    context: SentenceContext, nearest: Mention, start: int
) -> tuple[Entity, str] | None:
    """A group named with its own brands (`the group's Dacia and Renault brands sold …`):
    one figure for them all, at `start`, is the group's."""
    named = coordinated_names(context, start)
    if len(named) < 2 or nearest not in named:
        return None
    for mention in named:
        others = [m for m in named if m.entity.name != mention.entity.name]
        if others and all(m.entity.parent == mention.entity.name for m in others):
            return mention.entity, mention.surface
    return None


def _slashed(context: SentenceContext, mention: Mention) -> bool:
    """Whether a name is joined to another by a slash (`Hyundai/Kia`)."""
    return any(
        context.text[a.end : b.start].strip() == "/"
        for a, b in zip(context.mentions, context.mentions[1:], strict=False)
        if mention in (a, b)
    )


def _names_product_before(context: SentenceContext, start: int) -> bool:
    """Whether the last name before the figure is a model's (`Dacia Logan`), outside brackets:
    a list of models in brackets only illustrates (`(Citroën Ami, Fiat Topolino) : 70 000`)."""
    earlier = [m for m in context.mentions if m.end <= start]
    if not earlier:
        return False
    before = context.text[: earlier[-1].start]
    return before.count("(") <= before.count(")") and names_product(context.text, earlier[-1])


def _national(context: SentenceContext, start: int) -> bool:
    """`une capacité de production nationale de 650 000`: the noun the figure measures is
    the country's, whoever the sentence is about."""
    return bool(language_cues(context.language).national.search(context.text[:start]))


def _market_subject(context: SentenceContext, start: int) -> bool:
    """Whether the figure's clause is about a market, a segment or a country: its subject
    is headed by such a noun and names no organisation (`le cumul des ventes`, `Light
    commercial vehicles`, `the Moroccan passenger car market`)."""
    parse = context.parse
    if parse is None:
        return False
    found = subject_head(parse, start)
    if found is None:
        return False
    head, (lo, hi) = found
    if any(lo <= m.start < hi for m in context.mentions):
        return False
    if any(p.kind == "country" and head.start <= p.start < head.end for p in context.places):
        return True  # "le Maroc recherche un constructeur pour atteindre 1 million"
    cues = language_cues(parse.language)
    if any(t.lower in cues.possessives for t in parse.tokens if lo <= t.start < head.start):
        return False  # "ses ventes", "its sales": the organisation in focus owns them
    nouns = cues.market_nouns
    return head.lower in nouns or (head.lemma in nouns and head.pos != "PROPN")


# An item of a ranking: "1 - Dacia Logan …", "3. Hyundai …", "#2 Toyota".
_RANK_ITEM = re.compile(r"^\s*#?\d{1,2}\s*[-–.)]\s+(?=[A-Z])")
_PLANT_BEFORE = re.compile(r"(?:usines?|plant|factory|site)\s$", re.IGNORECASE)


def as_plant_owner(mention: Mention, text: str, owner: Entity | None) -> Mention:
    """`l'usine Fiat d'Oran` names a plant; its figures go to the brand's owner."""
    if owner is None or not _PLANT_BEFORE.search(text[max(0, mention.start - 10) : mention.start]):
        return mention
    return Mention(mention.start, mention.end, mention.surface, owner)
