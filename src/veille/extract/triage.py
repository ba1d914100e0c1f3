"""Which candidate sentences need the French model: decided before it runs.

The model is by far the costliest step, and on a real feed most candidate
sentences cannot become a claim whatever it says: `deux personnes ont été
blessées dès 2019` has a figure, a metric word and a `since` cue (`dès`
folds to `des`), but no rule can make a claim of it. The model gives two
readings, each paid for only where a rule could use it:

- **names** (NER), asked only when the gazetteer found no organisation in the
  sentence. They can be the subject of a figure, a founding year or a
  partnership, a partner an earlier sentence announced, or the local focus
  that a later sentence of the same paragraph refers back to (the focus
  resets at each paragraph);
- **tense** (future and conditional verbs, past tense), read only by figure
  claims (status, year frame) and partnerships (a future verb stands for
  `signing`), and only when someone can be their subject: an organisation in
  the sentence, the organisation in focus, or a country a deal is made with.

Every rule that reads the model is listed with what else it needs, so
skipping the model where none of them can fire changes no claim; the tests
check that on the gold sets and the equivalence with the model always on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from veille.extract.context import SentenceContext
from veille.extract.figures import judge_figure
from veille.extract.grammar import Tense, find_names, find_names_batch, read_tense, read_tense_batch
from veille.extract.lexicon import Lexicon
from veille.extract.names import UNLISTED, company_forms, outside_places
from veille.extract.quantities import find_quantities
from veille.extract.sentences import Sentence
from veille.records import Entity
from veille.resolve import Mention, PlaceMention

_Located = TypeVar("_Located", Mention, PlaceMention)
_CANDIDATE_KINDS = frozenset({"metric", "founded", "since", "agreement"})


@dataclass(frozen=True, slots=True)
class Draft:
    """A candidate sentence read by the cheap steps only.

    `readable` says the model would read it (it has a figure or an agreement
    word); `context` is what the rules see when the model is not asked.
    """

    context: SentenceContext
    readable: bool


def draft(
    sentence: Sentence,
    mentions: list[Mention],
    places: list[PlaceMention],
    lex: Lexicon,
    language: str = "fr",
) -> Draft | None:
    """The sentence's cheap reading, or None when no rule could fire on it (the cheap filter).

    Organisations are the gazetteer's, and those a company form names (`la société
    Xantor`, `Brivane Industries`): both cost a scan, no model.
    """
    hits = tuple(lex.scan(sentence.text, language))
    known = [_shift(m, sentence) for m in mentions if _inside(m, sentence)]
    local_places_all = [_shift(p, sentence) for p in places if _inside(p, sentence)]
    unlisted = outside_places(
        company_forms(sentence.text, language, [(m.start, m.end) for m in known]),
        local_places_all,
    )
    local_mentions = tuple(sorted([*known, *unlisted], key=lambda m: m.start))
    cheap = SentenceContext(sentence, hits, (), local_mentions, (), (), False, language=language)
    if not any(h.kind in _CANDIDATE_KINDS for h in hits) and not local_mentions:
        return None
    quantities = tuple(find_quantities(sentence.text, lex))
    if not quantities and not cheap.has("agreement"):
        return Draft(cheap, readable=False) if local_mentions else None
    local_places = tuple(local_places_all)
    context = SentenceContext(
        sentence, hits, quantities, local_mentions, local_places, (), False, language=language
    )
    return Draft(context, readable=True)


def read(
    sentence: Draft,
    later: Sequence[Draft | None],
    *,
    ahead: Sequence[Sequence[Draft | None]] = (),
    language: str,
    carried: Mapping[str, str],
    partners_pending: bool,
    has_focus: bool,
    exhaustive: bool = False,
) -> SentenceContext:
    """The sentence's full context: the model's readings added where they could matter.

    `later` is the rest of the sentence's paragraph, which the rules look at;
    `ahead`, the article's following paragraphs, which they never do: the model
    reads the sentences of both that are likely to ask in the same batch.
    `exhaustive` reads every readable sentence, as the extractor did before
    this triage: slower, the same claims, and the reference the tests hold it to.
    """
    context = sentence.context
    if not sentence.readable:
        return context
    following = [d.context for d in later if d is not None and d.readable]
    if (exhaustive and not context.mentions) or needs_names(
        context,
        carried=carried,
        partners_pending=partners_pending,
        later=following,
    ):
        spans = _names_in(context, [later, *ahead], language)
        names = _unknown_organisations(context.text, spans, context.places)
        context = replace(context, mentions=names)
    if exhaustive or needs_tense(context, carried=carried, has_focus=has_focus):
        tense = _tense_in(context, [later, *ahead], language, has_focus=has_focus)
        context = replace(
            context,
            target_verbs=tense.target_verbs,
            past_tense=tense.past_tense,
            parse=tense.parse,
        )
    return context


# NER's names of the sentences `_names_in` read ahead, by text (the NER reads
# nothing else): they are asked for later in the same article.
_NAMES_AHEAD: dict[str, tuple[tuple[int, int], ...]] = {}
# Read ahead and never asked (a guess that missed) stays until this many are kept.
_AHEAD_KEPT = 256


def _names_in(
    context: SentenceContext, paragraphs: Sequence[Sequence[Draft | None]], language: str
) -> tuple[tuple[int, int], ...]:
    """NER's names in the sentence; with them, those of the following sentences likely to ask.

    The model costs less a sentence over several at once, and `needs_names` is
    certain for a later readable sentence without organisations when a readable
    sentence after it in its paragraph may claim (its own `later` test, which
    no state changes). `paragraphs` are the rest of the sentence's paragraph,
    then the article's following ones.
    """
    spans = _NAMES_AHEAD.pop(context.text, None)
    if spans is not None:
        return spans
    ahead = _unread(
        (text for later in paragraphs for text in names_ahead(later)), _NAMES_AHEAD, context.text
    )
    if not ahead:
        return find_names(context.text, language)
    found = find_names_batch([context.text, *ahead], language)
    _remember(_NAMES_AHEAD, zip(ahead, found[1:], strict=True))
    return found[0]


_Key = TypeVar("_Key")
_Value = TypeVar("_Value")


def _unread(keys: Iterable[_Key], cache: Mapping[_Key, object], asked: _Key) -> list[_Key]:
    """The keys read ahead that are not already read, nor the one asked, each once."""
    return [key for key in dict.fromkeys(keys) if key not in cache and key != asked]


def _remember(cache: dict[_Key, _Value], found: Iterable[tuple[_Key, _Value]]) -> None:
    if len(cache) >= _AHEAD_KEPT:
        cache.clear()
    cache.update(found)


def names_ahead(later: Sequence[Draft | None]) -> list[str]:
    """Texts of the later sentences whose names `needs_names` is likely to ask for.

    Sure for a readable sentence without organisations followed by one that may
    claim; likely for one that may claim itself (unless nothing carried over
    makes it a claim). A guess that misses costs a sentence's share of a batch.
    """
    ahead: list[str] = []
    claim_after = False
    for following in reversed(later):
        if following is None or not following.readable:
            continue
        context = following.context
        claims = may_claim(context, {})
        if (claim_after or claims) and not context.mentions:
            ahead.append(context.text)
        claim_after = claim_after or claims
    return ahead[::-1]


_Figures = tuple[tuple[int, int], ...]
# The tense of sentences `_tense_in` read ahead, by (text, figures): all the parse reads.
_TENSE_AHEAD: dict[tuple[str, _Figures], Tense] = {}


def _tense_in(
    context: SentenceContext,
    paragraphs: Sequence[Sequence[Draft | None]],
    language: str,
    *,
    has_focus: bool = False,
) -> Tense:
    """The sentence's tense; with it, that of the following sentences likely to ask
    (as `_names_in`). An article with an organisation in focus now likely has one then."""
    key = (context.text, _figures_of(context))
    tense = _TENSE_AHEAD.pop(key, None)
    if tense is not None:
        return tense
    ahead = (
        _unread(
            (k for later in paragraphs for k in tense_ahead(later, has_focus=has_focus)),
            _TENSE_AHEAD,
            key,
        )
        if language == "fr"
        else []
    )
    if not ahead:
        return read_tense(context.text, language, key[1])
    found = read_tense_batch([key, *ahead], language)
    _remember(_TENSE_AHEAD, zip(ahead, found[1:], strict=True))
    return found[0]


def tense_ahead(
    later: Sequence[Draft | None], *, has_focus: bool = False
) -> list[tuple[str, _Figures]]:
    """The later sentences whose tense `needs_tense` is likely to ask for: those where a
    figure may claim or an agreement may be a partnership, with an organisation of their
    own or, `has_focus`, the one in focus."""
    ahead = []
    for following in later:
        if following is None or not following.readable:
            continue
        if not (following.context.mentions or has_focus):
            continue
        context = following.context
        if _figures_may_claim(context, {}) or _partnership_may_claim(context):
            ahead.append((context.text, _figures_of(context)))
    return ahead


def _figures_of(context: SentenceContext) -> _Figures:
    return tuple((q.start, q.end) for q in context.figures())


def may_claim(context: SentenceContext, carried: Mapping[str, str]) -> bool:
    """Whether any rule could make a claim of this sentence, whatever the model answers.

    `carried` maps a unit family to the metric a figure may inherit from the
    sentence before (the extractor's `carried`).
    """
    return (
        _figures_may_claim(context, carried)
        or _partnership_may_claim(context)
        or _milestone_may_claim(context)
    )


def _figures_may_claim(context: SentenceContext, carried: Mapping[str, str]) -> bool:
    """Whether a figure states a metric; the first claim of a sentence inherits no other."""
    figures = context.figures()
    return any(
        judge_figure(context, figures, index, carried=carried, previous_metric=None)
        for index in range(len(figures))
    )


def _partnership_may_claim(context: SentenceContext) -> bool:
    return context.has("agreement") and not context.has("not_yet")


def _milestone_may_claim(context: SentenceContext) -> bool:
    if not context.years():
        return False
    return context.has("founded") or (context.has("since") and context.has("present"))


def needs_names(
    context: SentenceContext,
    *,
    carried: Mapping[str, str],
    partners_pending: bool,
    later: Iterable[SentenceContext],
) -> bool:
    """Whether NER's names in this sentence could change the article's claims.

    `later` are the contexts of the paragraph's following sentences that would
    be read too.
    """
    if context.mentions:
        return False  # NER is only asked for names when the gazetteer found none
    if may_claim(context, carried) or partners_pending:
        return True
    # Past this sentence, nothing inherits a percentage unless it made a claim.
    return any(may_claim(following, {}) for following in later)


def needs_tense(context: SentenceContext, *, carried: Mapping[str, str], has_focus: bool) -> bool:
    """Whether the verbs' tense could change a claim of this sentence."""
    figures = _figures_may_claim(context, carried)
    partnership = _partnership_may_claim(context)
    if not (figures or partnership):
        return False
    return bool(context.mentions) or has_focus or (partnership and bool(context.places))


_ARTICLE_BEFORE = re.compile(r"(?:\bl['’]|\ble |\bla |\bles |\bthe )$", re.IGNORECASE)


# Words before a name that make it a place: "dans l'unité de Mateur".
_PLACE_BEFORE = re.compile(
    r"\b(?:unité|usine|site|ville|région|province|commune|plant|factory|city|town|region)"
    r"\s+(?:de|d['’]|du|of|in|at)\s*$",
    re.IGNORECASE,
)
# A programme's name, and a bracketed acronym after it: "Plan d'accélération industrielle (PAI)".
_PROGRAMME_WORDS = r"(?:Plan|Programme|Program|Pacte|Stratégie|Strategy|Fonds|Fund|Initiative)\b"
_PROGRAMME = re.compile(_PROGRAMME_WORDS)
_PROGRAMME_BEFORE = re.compile(rf"\b{_PROGRAMME_WORDS}[^()]{{0,50}}\(\s*$")


def _unknown_organisations(
    text: str, spans: tuple[tuple[int, int], ...], places: tuple[PlaceMention, ...]
) -> tuple[Mention, ...]:
    """Names the NER found and the gazetteer lacks become organisations of their own."""
    found = []
    for start, end in spans:
        name = text[start:end].strip(" .,")
        if len(name) < 3 or not name[0].isupper():
            continue
        if " " not in name and _ARTICLE_BEFORE.search(text[max(0, start - 4) : start]):
            continue  # "l'Office", "le Groupe": a common noun standing for a name
        if any(p.start < end and start < p.end for p in places):
            continue
        if text[end:].lstrip().startswith(":"):
            continue  # "Marché automobile : …": a rubric or headline label
        if _PLACE_BEFORE.search(text[max(0, start - 25) : start]):
            continue  # "l'unité de Mateur", "la ville de Settat": a place
        if _PROGRAMME.match(name) or _PROGRAMME_BEFORE.search(text[max(0, start - 60) : start]):
            continue  # "le Plan d'accélération industrielle (PAI)": a programme and its acronym
        found.append(Mention(start, start + len(name), name, Entity(name, UNLISTED)))
    return tuple(found)


def _inside(mention: Mention | PlaceMention, sentence: Sentence) -> bool:
    return sentence.start <= mention.start and mention.end <= sentence.end


def _shift(mention: _Located, sentence: Sentence) -> _Located:
    """The same mention with offsets into the sentence instead of the paragraph."""
    return replace(mention, start=mention.start - sentence.start, end=mention.end - sentence.start)
