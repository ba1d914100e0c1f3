"""From a cleaned article to its claims: cheap filters first, costly reading last.

1. Split each paragraph into sentences; scan each with the lexicon automaton.
2. Keep only candidate sentences: a figure or a year, and a metric, date or
   agreement cue. On ordinary news this drops most sentences before any model runs.
3. On candidates: read verbs (French model), find organisations and places;
   the model reads only the candidates whose claims could depend on it (`triage`).
4. Turn figures, dates and agreements into claims; one fact gives one claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from veille.extract.context import STATE_KINDS, SentenceContext
from veille.extract.figures import (
    CARRIED_ACROSS_SENTENCES,
    Clause,
    Judged,
    backfill_coordinated,
    carried_family,
    coordinated,
    judge_figure,
    unit_for,
)
from veille.extract.lexicon import Lexicon, fold, lexicon
from veille.extract.lists import respectively, shared_by
from veille.extract.locations import figure_location, last_place, plant_city
from veille.extract.milestones import find_milestones
from veille.extract.names import company_forms
from veille.extract.partnerships import Pairing, find_partnership
from veille.extract.quantities import Quantity, find_quantities
from veille.extract.sentences import split_sentences
from veille.extract.status import figure_qualifier, figure_status
from veille.extract.subjects import (
    Focus,
    as_plant_owner,
    figure_subject,
    main_entity,
    says_the_group,
)
from veille.extract.topic import home_country, names_home
from veille.extract.triage import draft, read
from veille.extract.years import figure_year, is_compared, reporting_period, sentence_frame
from veille.languages import language_cues
from veille.records import Article, Claim, Entity, Evidence, Qualifier, Status
from veille.resolve import Gazetteer, Mention

# A "sentence" this long is page furniture run together (a ticker of headlines, a menu):
# the longest sentences of the evaluation sets' prose are under 450 characters.
_RUN_ON = 800
# Later sentences searched for partners a signing sentence announced but did not name.
_PARTNER_LOOKAHEAD = 3


@dataclass(slots=True)
class _ArticleState:
    """What carries from one sentence to the next while reading an article."""

    published: date | None
    language: str
    focus: Focus
    frame_year: int | None = None
    paragraph_year: int | None = None  # the year a fact of this paragraph was dated by
    title_year: int | None = None
    plant_city: str | None = None  # the city the article names most, for a plant's figures
    period_year: int | None = None  # the reporting period a results story set (`fin juillet 2021`)
    carried: dict[str, str] = field(default_factory=dict)  # unit family → its last metric
    last_place: str | None = None  # the place the text was last about, for figures naming none
    pending: list[tuple[Pairing, int]] = field(default_factory=list)  # (signing, sentences left)


def extract_claims(
    article: Article, gazetteer: Gazetteer | None = None, *, exhaustive: bool = False
) -> list[Claim]:
    """Every claim the article states, each once.

    An article that names neither an organisation of the domain's gazetteer
    nor its home country is off-topic and yields nothing (`topic`): on a real
    feed that is nine articles in ten, spared the sentence-by-sentence reading.
    `exhaustive` runs the model on every candidate sentence (`triage.read`).
    """
    gazetteer = gazetteer or Gazetteer.load()
    title_mentions = _mentions(article.title, gazetteer) if article.title else []
    paragraph_mentions = [_mentions(paragraph, gazetteer) for paragraph in article.paragraphs]
    if not (title_mentions or any(paragraph_mentions) or names_home(article, gazetteer)):
        return []
    lex = lexicon()
    state = _ArticleState(article.published, article.language, Focus())
    lead_mentions = [m for mentions in paragraph_mentions[:3] for m in mentions]
    opener = _lead_opener(article, paragraph_mentions[0] if paragraph_mentions else [])
    state.focus.main = main_entity(
        article.title or "", title_mentions, lead_mentions, opener=opener
    )
    title_years = [q for q in find_quantities(article.title or "", lex) if q.is_year]
    state.title_year = int(title_years[0].value) if title_years else None
    state.frame_year = state.title_year
    state.period_year = _article_period(article, lex)
    paragraph_places = [gazetteer.find_places(paragraph) for paragraph in article.paragraphs]
    state.plant_city = plant_city(list(zip(article.paragraphs, paragraph_places, strict=True)))
    article_drafts = [
        [
            draft(s, paragraph_mentions[index], paragraph_places[index], lex, state.language)
            for s in split_sentences(paragraph, index)
        ]
        for index, paragraph in enumerate(article.paragraphs)
    ]
    claims: list[Claim] = []
    for index, paragraph in enumerate(article.paragraphs):
        state.focus.start_paragraph()
        state.paragraph_year = None
        places = paragraph_places[index]
        drafts = article_drafts[index]
        for position, sentence in enumerate(drafts):
            if sentence is None:
                continue
            state.last_place = (
                last_place(places, paragraph, sentence.context.sentence.start) or state.last_place
            )
            context = read(
                sentence,
                drafts[position + 1 :],
                ahead=article_drafts[index + 1 :],
                language=state.language,
                carried=state.carried,
                partners_pending=bool(state.pending),
                has_focus=state.focus.current() is not None,
                exhaustive=exhaustive,
            )
            claims += _sentence_claims(article, context, state, gazetteer, lex)
            state.focus.update(context)
            state.last_place = (
                last_place(places, paragraph, sentence.context.sentence.end) or state.last_place
            )
    return _one_claim_per_fact(claims)


def _article_period(article: Article, lex: Lexicon) -> int | None:
    """The reporting period a results story is about (`à fin juillet 2021`, `in June 2024`,
    `l'année dernière` with a publication date), when the article names one year's periods
    only: it dates the flows it reports."""
    texts = (article.title or "", *article.paragraphs)
    years = {
        year for text in texts if (year := reporting_period(text, article.language)) is not None
    }
    if article.published is not None:
        for text in texts:
            for hit in lex.scan(text):
                if hit.kind != "relative_year":
                    continue
                offset = lex.relative_years.get(fold(hit.label))
                if offset is not None:
                    years.add(article.published.year + offset)
    return years.pop() if len(years) == 1 else None


def _lead_opener(article: Article, known: list[Mention]) -> Mention | None:
    """The organisation the article's first sentence opens with, known or not
    (`Alkan Auto, a subsidiary of …, has signed`): a news lead names its subject first."""
    if not article.paragraphs:
        return None
    first = split_sentences(article.paragraphs[0])[0] if article.paragraphs[0].strip() else None
    if first is None:
        return None
    spans = [(m.start, m.end) for m in known]
    found = sorted(
        [m for m in known if m.start < first.end]
        + company_forms(first.text, article.language, spans),
        key=lambda m: m.start,
    )
    return found[0] if found else None


def _mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    found = gazetteer.find(text)
    return [
        as_plant_owner(m, text, gazetteer.entity(m.entity.parent) if m.entity.parent else None)
        for m in found
    ]


def _sentence_claims(
    article: Article,
    context: SentenceContext,
    state: _ArticleState,
    gazetteer: Gazetteer,
    lex: Lexicon,
) -> list[Claim]:
    if len(context.text) > _RUN_ON:
        return []  # a ticker or a menu run together into one "sentence", not prose
    if context.has("agreement"):
        state.pending = []
    claims = _pending_partners(article, context, state)
    frame = sentence_frame(context)
    if frame is not None:
        state.frame_year = frame
    period = reporting_period(context.text, state.language)
    if period is not None:
        state.frame_year = period
    claims += _figure_claims(article, context, state, gazetteer, lex)
    for milestone in find_milestones(context, state.focus):
        claims.append(
            _claim(
                article,
                context,
                subject=milestone.entity,
                mention=milestone.surface,
                metric=milestone.metric,
                value=float(milestone.year),
                unit="year",
                status="actual",
                year=None,
                qualifier="exact",
                location=figure_location(
                    list(context.places),
                    context.text,
                    0,
                    len(context.text),
                    milestone.year_start,
                    None,
                    milestone.metric,
                    gazetteer,
                ),
            )
        )
    pairing = find_partnership(context, state.focus, gazetteer)
    if pairing is not None:
        claims += _partnership_claims(article, context, pairing)
        if pairing.awaits_partners:
            state.pending.append((pairing, _PARTNER_LOOKAHEAD))
    return claims


def _figure_claims(
    article: Article,
    context: SentenceContext,
    state: _ArticleState,
    gazetteer: Gazetteer,
    lex: Lexicon,
) -> list[Claim]:
    claims: list[Claim] = []
    figures = context.figures()
    carried, state.carried = dict(state.carried), {}
    previous_metric: str | None = None
    owners = _year_owners(context, figures)
    judged_all: list[Judged | None] = []
    for index in range(len(figures)):
        judged = judge_figure(
            context, figures, index, carried=carried, previous_metric=previous_metric
        )
        judged_all.append(judged)
        if judged is not None:
            previous_metric = judged.metric
            family = carried_family(judged.quantity)
            carried[family] = judged.metric
            if family in CARRIED_ACROSS_SENTENCES:
                state.carried[family] = judged.metric
    backfill_coordinated(context, figures, judged_all)
    listed = respectively(context, figures, judged_all, state.language)
    status_of: dict[int, Status] = {}  # the status each claimed figure was given, by index
    subject_of: dict[int, tuple[Entity | None, str]] = {}  # each judged figure's subject
    for index, judged in enumerate(judged_all):
        if judged is None:
            continue
        quantity, clause, metric = judged.quantity, judged.clause, judged.metric
        subject: Entity | None
        compared = _compared_to(context, figures, index, subject_of)
        if index in listed:
            named = listed[index]
            subject, surface = (named.entity, named.surface) if named else (None, "")
        elif compared is not None:
            subject, surface = compared
        elif (
            _restates_previous(context, figures, index)
            or _unnamed_part(context, figures, index, clause.hi)
        ) and not _bracket_after_nothing(context, figures, index, subject_of):
            subject, surface = subject_of.get(index - 1, (None, ""))
        else:
            subject, surface = figure_subject(
                context, quantity.start, quantity.end, clause.hi, state.focus
            )
            parent = subject.parent if subject is not None and not surface else None
            if parent is not None and says_the_group(context, clause.lo, quantity.start):
                subject = gazetteer.entity(parent) or subject  # a plant's group
        subject_of[index] = subject, surface
        if subject is None:
            continue
        if index - 1 in status_of and (
            coordinated(context, figures, index, ranges=False)
            or _part_of_previous(context, figures, index)
        ):
            # "23,3 % et 29,7 %": coordinated figures share a verb; "11 000 emplois, dont
            # 3 000 à Bouznika": a part is said the way its whole is
            status = status_of[index - 1]
        elif compared is not None or _changed_later(context, figures, index):
            # "vise 3 000 salariés, contre un millier au démarrage"; "une capacité de
            # 50 000 unités, qui sera portée à 90 000": where things stand
            status = "actual"
        else:
            status = figure_status(context, quantity.start, quantity.end, clause.lo, clause.hi)
            if (
                metric == "investment"
                and status == "actual"
                and (
                    _announced(context, clause.lo, quantity.start)
                    or _costed(context, clause.lo, quantity.start)
                )
            ):
                # "a annoncé un investissement de …", "the project carries an investment
                # of …": money still to spend
                status = "target"
        status_of[index] = status
        # the figures that share a year: a respectivement list, or a run of coordinated
        # figures ("au lieu de 25,2 % et 32,1 % en 2020")
        run = _mates(index, listed) | _coordinated_run(context, figures, index)
        year = figure_year(
            context,
            start=quantity.start,
            lo=clause.lo,
            hi=max(j.clause.hi for m in run if (j := judged_all[m]) is not None),
            status=status,
            metric=metric,
            cumulative=quantity.cumulative
            or (quantity.unit != "%" and _is_cumulative(context, clause)),
            frame_year=(
                state.frame_year if context.past_tense else state.paragraph_year or state.title_year
            )
            or state.period_year,
            opening_year=sentence_frame(context, quantity.start),
            foreign_years={o for o, owner in owners.items() if owner not in run},
            own_years={o for o, owner in owners.items() if owner in run},
            published=state.published,
            lex=lex,
        )
        if (
            year is not None
            and status == "actual"
            and not any(is_compared(context, figures[i].start) for i in run)
        ):  # a point of comparison's year frames nothing after it
            state.frame_year = state.paragraph_year = year
        each = shared_by(context, quantity.start, quantity.end)
        holders = [(m.entity, m.surface) for m in each] or [(subject, surface)]
        claims += [
            _claim(
                article,
                context,
                subject=holder,
                mention=holder_surface,
                metric=metric,
                value=quantity.value,
                unit=unit_for(metric, quantity, context, clause),
                status=status,
                year=year,
                qualifier=figure_qualifier(context, quantity.start, quantity.approximate),
                location=figure_location(
                    list(context.places),
                    context.text,
                    clause.lo,
                    clause.hi,
                    quantity.start,
                    state.last_place,
                    metric,
                    gazetteer,
                    state.plant_city,
                    home_country(),
                    holder.site,
                ),
            )
            for holder, holder_surface in holders
        ]
    return claims


def _compared_to(
    context: SentenceContext,
    figures: list[Quantity],
    index: int,
    subject_of: dict[int, tuple[Entity | None, str]],
) -> tuple[Entity | None, str] | None:
    """The subject of a figure that is a point of comparison (`5 027 sold in 2022 (compared
    to 4 196 in 2021)`): the subject of the figure it is compared to, or nobody when that
    one is no claim; the organisation it names for itself (`14 emplois, contre 60 pour sa
    concurrente Z`). None when the figure is not compared."""
    if index == 0 or not is_compared(context, figures[index].start):
        return None
    previous = index - 1
    lo, hi = figures[previous].end, figures[index].end
    own = re.match(r"[^,;()]*?\b(?:pour|chez|for|at)\b", context.text[hi : hi + 40])
    if own:
        named = [m for m in context.mentions if hi <= m.start <= hi + own.end() + 30]
        return (named[0].entity, named[0].surface) if named else None
    if any(lo <= m.start < hi for m in context.mentions):
        return None
    return subject_of.get(previous, (None, ""))


def _changed_later(context: SentenceContext, figures: list[Quantity], index: int) -> bool:
    """Whether the next figure is the level a relative clause takes this one to (`50 000
    unités, qui sera portée à 90 000`, `3,000 a year, which will be raised to 5,000`)."""
    parse = context.parse
    if parse is None or index + 1 >= len(figures):
        return False
    cues = language_cues(parse.language)
    lo, hi = figures[index].end, figures[index + 1].start
    between = [t for t in parse.tokens if lo <= t.start < hi]
    return (
        len(between) <= 8
        and bool(between)
        and between[-1].lower in cues.range_end
        and any(t.lower in _RELATIVE for t in between)
        and any(t.lemma in cues.change_verbs for t in between)
        and not any(t.text in (";", ".") for t in between)
    )


# Relative pronouns: the clause they open describes the figure before them.
_RELATIVE = frozenset({"qui", "lequel", "laquelle", "which", "that"})


def _part_of_previous(context: SentenceContext, figures: list[Quantity], index: int) -> bool:
    gap = context.text[figures[index - 1].end : figures[index].start]
    return bool(language_cues(context.language).part_of.search(gap))


def _unnamed_part(context: SentenceContext, figures: list[Quantity], index: int, hi: int) -> bool:
    """A part of the figure before it that names no one (`500 000 unités, dont 340 000 à
    Tanger`): the whole's subject; `dont 3 000 chez Yazaki` names its own."""
    if index == 0 or not _part_of_previous(context, figures, index):
        return False
    lo = figures[index - 1].end
    return not any(lo <= m.start < hi for m in context.mentions)


def _announced(context: SentenceContext, lo: int, start: int) -> bool:
    """Whether a verb of announcing or pledging governs the clause before a figure (`a
    annoncé un investissement de 10 M€`, `pledged investments of up to $6.5bn`): an
    announced amount is a plan, however the verb is conjugated."""
    parse = context.parse
    if parse is None:
        return False
    verbs = language_cues(parse.language).announce_verbs
    return any(lo <= t.start < start and t.lemma in verbs for t in parse.tokens)


def _bracket_after_nothing(
    context: SentenceContext,
    figures: list[Quantity],
    index: int,
    subject_of: dict[int, tuple[Entity | None, str]],
) -> bool:
    """A bracket after a figure that states nothing (`a 15% decline in sales (only 51 cars
    sold)`): the bracket's figure has a subject of its own, found as any figure's is."""
    gap = context.text[figures[index - 1].end : figures[index].start]
    return index - 1 not in subject_of and "(" in gap


def _costed(context: SentenceContext, lo: int, start: int) -> bool:
    """Whether a verb describing a project's cost, in the present, governs the clause before
    a figure (`représente un investissement de`, `carries an investment of`)."""
    parse = context.parse
    if parse is None:
        return False
    verbs = language_cues(parse.language).cost_verbs
    for token in parse.tokens:
        if not (lo <= token.start < start and token.lemma in verbs):
            continue
        if token.pos:  # tagged (French): the present indicative
            return token.tense == "Pres" and token.verb_form == "Fin"
        return token.lower.endswith("s")  # untagged (English): "represents", not "required"
    return False


def _restates_previous(context: SentenceContext, figures: list[Quantity], index: int) -> bool:
    """Whether figure `index` restates the figure before it, about the same subject: in a
    bracket opened right after it (`650 000 véhicules par an (1 million en 2020)`) or in a
    relative clause on it (`5,714 in total, which represents 4% of the market`)."""
    if index == 0:
        return False
    lo, hi = figures[index - 1].end, figures[index].start
    if any(lo <= m.start < hi for m in context.mentions):
        return False
    gap = context.text[lo:hi]
    return bool(_BRACKET_OPENED.fullmatch(gap) or _RESTATING.search(gap))


# "… par an (1 million": a bracket opened right after a figure.
_BRACKET_OPENED = re.compile(r"[^\d(),;]{0,25}\(\s*(?:[^\W\d]+\s+){0,2}")
# ", which represents", ", ce qui représente": a clause about the figure before it.
_RESTATING = re.compile(r",\s*(?:which|ce qui)\s+(?:\w+\s+){1,3}$", re.IGNORECASE)


def _coordinated_run(context: SentenceContext, figures: list[Quantity], index: int) -> set[int]:
    """Figure `index` and the figures coordinated with it on either side (`25,2 % et 32,1 %`)."""
    lo = hi = index
    while lo > 0 and coordinated(context, figures, lo, ranges=False):
        lo -= 1
    while hi + 1 < len(figures) and coordinated(context, figures, hi + 1, ranges=False):
        hi += 1
    return set(range(lo, hi + 1))


def _mates(index: int, listed: dict[int, Mention | None]) -> set[int]:
    """The figures that share a year with figure `index`: itself, or its whole
    `respectivement` list (`340 000 et 56 400 véhicules en 2023`)."""
    return set(listed) if index in listed else {index}


def _year_owners(context: SentenceContext, figures: list[Quantity]) -> dict[int, int]:
    """A year right after a figure dates that figure (`80 000 par an en 2018 à 100 000 en 2019`)."""
    owners: dict[int, int] = {}
    for year in context.years():
        before = [i for i, f in enumerate(figures) if f.end <= year.start]
        if before and year.start - figures[before[-1]].end <= 25:
            owners[year.start] = before[-1]
    return owners


_CUMULATIVE_CUES = (
    "depuis son inauguration", "depuis son ouverture", "depuis sa mise en service",
    "depuis le démarrage", "depuis le lancement", "depuis l'ouverture", "depuis son lancement",
    "since its opening", "since it opened", "since its launch", "since the start",
    "au total depuis", "in total since", "en cumulé", "cumulative total",
    # a threshold passed is a running total: "dépassait la barre des 20 000 véhicules"
    "la barre des", "le cap des", "la barre symbolique", "le cap symbolique", "le million de",
    "the mark of", "the milestone of", "-vehicle mark", "the million mark",
)  # fmt: skip


def _is_cumulative(context: SentenceContext, clause: Clause) -> bool:
    window = context.text[clause.lo : clause.hi].lower().replace("’", "'")
    return any(cue in window for cue in _CUMULATIVE_CUES)


def _partnership_claims(
    article: Article, context: SentenceContext, pairing: Pairing
) -> list[Claim]:
    return [
        _claim(
            article,
            context,
            subject=pairing.subject,
            mention="",
            metric="partnership",
            value=None,
            unit=None,
            status=pairing.status,
            year=None,
            qualifier="exact",
            location=None,
            obj=partner,
        )
        for partner in pairing.partners
    ]


def _pending_partners(
    article: Article, context: SentenceContext, state: _ArticleState
) -> list[Claim]:
    """Partners named after the signing sentence: `… : le japonais Yazaki …`."""
    claims: list[Claim] = []
    still: list[tuple[Pairing, int]] = []
    first = next((m.entity for m in context.mentions if m.entity.kind not in STATE_KINDS), None)
    for pairing, remaining in state.pending:
        if first is not None and first.name != pairing.subject.name:
            claims += _partnership_claims(
                article, context, Pairing(pairing.subject, (first,), pairing.status, False)
            )
        left = remaining - 1 if first is not None else remaining
        if left > 0:
            still.append((pairing, left))
    state.pending = still
    return claims


def _claim(
    article: Article,
    context: SentenceContext,
    *,
    subject: Entity,
    mention: str,
    metric: str,
    value: float | None,
    unit: str | None,
    status: Status,
    year: int | None,
    qualifier: Qualifier,
    location: str | None,
    obj: Entity | None = None,
) -> Claim:
    sentence = context.sentence
    return Claim(
        doc=article.id,
        subject=subject.name,
        metric=metric,
        value=value,
        unit=unit,
        status=status,
        year=year,
        qualifier=qualifier,
        location=location,
        object=obj.name if obj else None,
        evidence=Evidence(
            article.id, sentence.paragraph, sentence.start, sentence.end, sentence.text
        ),
        subject_mention=mention,
    )


def _one_claim_per_fact(claims: list[Claim]) -> list[Claim]:
    """A figure repeated in a headline, a lead or a repeated paragraph is one claim.

    A copy without a year yields to one that has it: the body usually dates
    what the headline states bare.
    """
    kept: dict[tuple[object, ...], Claim] = {}
    for claim in claims:
        key: tuple[object, ...]
        if claim.metric == "partnership":
            key = (frozenset((claim.subject, claim.object)), claim.metric, claim.status)
        else:
            key = (claim.subject, claim.metric, claim.value, claim.unit, claim.status, claim.year)
        kept.setdefault(key, claim)
    dated = {
        (c.subject, c.metric, c.value, c.status)
        for c in kept.values()
        if c.year is not None and c.metric != "partnership"
    }
    return [
        c
        for c in kept.values()
        if not (
            c.year is None
            and c.metric != "partnership"
            and (c.subject, c.metric, c.value, c.status) in dated
        )
    ]
