"""What the pages and the API show about claims and organisations, read from the store.

Each function returns a response model; the API returns it as JSON and the
page renders it, so both always show the same thing.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, replace

import sqlalchemy as sa

from veille.analyze import Conflict, corroboration_counts, find_conflicts
from veille.analyze.facts import UNIT_FAMILIES
from veille.records import METRICS
from veille.resolve.folding import fold
from veille.sources.urls import web_url
from veille.store import (
    ClaimFilter,
    Database,
    StoredClaim,
    entity_card,
    query_claims,
    schema,
)
from veille.store.queries import count_claims, recent_claims
from veille.store.search import search, search_articles, search_entities, search_terms
from veille.web.findings import evidence_out
from veille.web.links import article_link, entity_link
from veille.web.models import (
    ArticleHit,
    Chart,
    ChartPoint,
    ClaimOut,
    ClaimPage,
    Counts,
    EntityDetail,
    EntityHit,
    EntityList,
    EntitySummary,
    Fact,
    HomeOut,
    KeyFigure,
    SearchOut,
    Source,
    UndatedFigure,
)

LATEST_CLAIMS = 12
# Organisations and articles a query may match whose claims are looked at; past
# these, the newest matching claims are all but certainly among those found.
CANDIDATES = 200
# A year is the value of these metrics, and a partnership has none: nothing to plot.
UNCHARTED = frozenset({"founded", "present_since", "partnership"})


def corroborations(db: Database, claim_ids: Iterable[int]) -> dict[int, int]:
    """Independent stories behind each claim (see `veille.analyze.corroboration_counts`)."""
    ids = list(claim_ids)
    return corroboration_counts(db, ids) if ids else {}


def claim_out(claim: StoredClaim, corroboration: dict[int, int]) -> ClaimOut:
    """A stored claim as the API shows it; a value that is no finite number shows as none,
    and a url that is not http(s) is not shown (both may predate today's checks)."""
    fields = asdict(claim)
    fields.update(value=finite(claim.value), url=web_url(claim.url))
    return ClaimOut(
        **fields,
        link=article_link(claim.doc, claim.id),
        corroboration=corroboration.get(claim.id),
    )


def finite(value: float | None) -> float | None:
    """`value` when it is a finite number, else None (JSON has no infinity)."""
    return value if value is not None and math.isfinite(value) else None


def claims_out(db: Database, claims: Sequence[StoredClaim]) -> list[ClaimOut]:
    counts = corroborations(db, (claim.id for claim in claims))
    return [claim_out(claim, counts) for claim in claims]


def claims_page(db: Database, where: ClaimFilter) -> ClaimPage:
    """One page of the claims `where` selects, and how many there are in all.

    Ordered as `query_claims` orders them, ending with the id: without a total
    order PostgreSQL may return ties in any order, and pages would overlap.
    """
    total = count_claims(db, where)
    claims = query_claims(db, where)
    return ClaimPage(
        total=total,
        limit=where.limit if where.limit is not None else len(claims),
        offset=where.offset,
        items=claims_out(db, claims),
    )


def counts(db: Database) -> Counts:
    return Counts(
        articles=db.count("articles"), entities=db.count("entities"), claims=db.count("claims")
    )


def latest_claims(db: Database, limit: int = LATEST_CLAIMS) -> list[ClaimOut]:
    """The claims stored last, newest first."""
    return claims_out(db, recent_claims(db, limit))


def claims_matching(db: Database, query: str, limit: int = LATEST_CLAIMS) -> list[ClaimOut]:
    """The latest claims a search is about, newest first.

    A claim matches when its organisation matches the query (as the search
    finds organisations: any name, a word's start) or when its own sentence
    holds every word of the query. An article that matches elsewhere is not
    enough: its other claims may be about anything.
    """
    terms = {fold(term) for term in search_terms(query)}
    subjects = [found.name for found in search_entities(db, query, limit=CANDIDATES)]
    articles = [found.id for found in search_articles(db, query, limit=CANDIDATES)]
    about = recent_claims(db, limit, subjects=subjects) if subjects else []
    stated = [
        claim
        for claim in (recent_claims(db, None, articles=articles) if articles else [])
        if terms <= set(re.findall(r"\w+", fold(claim.sentence)))
    ]
    newest = sorted({claim.id: claim for claim in (*about, *stated)}.values(), key=_newest)
    return claims_out(db, newest[:limit])


def _newest(claim: StoredClaim) -> int:
    return -claim.id


def search_out(db: Database, query: str, limit: int = 20) -> SearchOut:
    found = search(db, query, limit)
    return SearchOut(
        query=query,
        entities=[
            EntityHit(name=e.name, kind=e.kind, alias=e.alias, link=entity_link(e.name))
            for e in found.entities
        ],
        articles=[
            ArticleHit(
                id=a.id,
                title=a.title,
                url=web_url(a.url),
                published=a.published,
                snippet=a.snippet,
                link=article_link(a.id),
            )
            for a in found.articles
        ],
    )


def home(db: Database, query: str | None) -> HomeOut:
    """Counts and the latest claims; with a query, its results and the latest claims about it."""
    wanted = query.strip() if query else ""
    return HomeOut(
        counts=counts(db),
        latest_claims=claims_matching(db, wanted) if wanted else latest_claims(db),
        search=search_out(db, wanted) if wanted else None,
    )


def entity_list(db: Database, limit: int, offset: int) -> EntityList:
    """Organisations, those with the most claims first."""
    e, c = schema.entities, schema.claims
    n_claims = sa.func.count(c.c.id).label("claims")
    query = (
        sa.select(e.c.name, e.c.kind, e.c.country, n_claims)
        .outerjoin(c, c.c.subject_id == e.c.id)
        .group_by(e.c.id, e.c.name, e.c.kind, e.c.country)
        .order_by(n_claims.desc(), e.c.name)
        .limit(limit)
        .offset(offset)
    )
    with db.read() as conn:
        rows = conn.execute(query).all()
    items = [
        EntitySummary(
            name=row.name,
            kind=row.kind,
            country=row.country,
            claims=row.claims,
            link=entity_link(row.name),
        )
        for row in rows
    ]
    return EntityList(total=db.count("entities"), limit=limit, offset=offset, items=items)


def entity_detail(db: Database, name: str) -> EntityDetail | None:
    """An organisation's names, key figures, charts, facts and claims; None if unknown."""
    card = entity_card(db, name)
    if card is None:
        return None
    stored = [claim for group in card.metrics for claim in (*group.actuals, *group.targets)]
    claims = claims_out(db, stored)
    by_id = {claim.id: claim for claim in claims}
    disputes = find_conflicts(db, card.name)
    key_figures = []
    for group in card.metrics:
        latest = [claim for claim in group.actuals if finite(claim.value) is not None]
        if latest and group.metric not in UNCHARTED:
            key_figures.append(_key_figure(by_id[latest[-1].id], disputes))
    return EntityDetail(
        name=card.name,
        kind=card.kind,
        country=card.country,
        parent=card.parent,
        aliases=list(card.aliases),
        key_figures=key_figures,
        charts=charts(claims),
        facts=facts(claims),
        claims=claims,
    )


def _key_figure(claim: ClaimOut, disputes: Sequence[Conflict]) -> KeyFigure:
    """The figure, with every story's figure when stories disagree on it (306 000 / 337 000):
    the latest claim alone would pass one side off as the fact."""
    assert claim.value is not None  # only claims with a value are key figures
    disputed = next((c for c in disputes if _same_fact(c, claim)), None)
    return KeyFigure(
        metric=claim.metric,
        value=claim.value,
        unit=claim.unit,
        year=claim.year,
        qualifier=claim.qualifier,
        claim_id=claim.id,
        link=claim.link,
        corroboration=claim.corroboration,
        disagreement=[evidence_out(side) for side in disputed.sides] if disputed else [],
    )


def _same_fact(conflict: Conflict, claim: ClaimOut) -> bool:
    """Whether `conflict` is about the fact `claim` states: metric, status, year, unit family."""
    families = {UNIT_FAMILIES.get(side.unit or "", side.unit) for side in conflict.sides}
    fact = (conflict.metric, conflict.status, conflict.year)
    wanted = UNIT_FAMILIES.get(claim.unit or "", claim.unit)
    return fact == (claim.metric, claim.status, claim.year) and families == {wanted}


def charts(claims: Sequence[ClaimOut]) -> list[Chart]:
    """One chart per metric and unit, each point a claim placed at its year.

    A claim without a year is placed at its article's publication year: "the
    plant employs 7 500 people" is true when it was written. A figure with
    neither is listed under its chart as undated, never dropped without a word
    (a metric with only such figures gets a chart with no points).
    """
    points: dict[tuple[str, str | None], list[ChartPoint]] = defaultdict(list)
    undated: dict[tuple[str, str | None], list[UndatedFigure]] = defaultdict(list)
    for claim in claims:
        if claim.metric in UNCHARTED or claim.value is None:
            continue
        key = (claim.metric, claim.unit)
        year = claim.year or (claim.published.year if claim.published else None)
        if year is None:
            undated[key].append(_undated(claim, claim.value))
            continue
        points[key].append(
            ChartPoint(
                claim_id=claim.id,
                year=year,
                value=claim.value,
                status=claim.status,
                link=claim.link,
            )
        )
    order = {metric: rank for rank, metric in enumerate(METRICS)}
    return [
        Chart(
            metric=metric,
            unit=unit,
            points=sorted(points[(metric, unit)], key=lambda p: (p.year, p.claim_id)),
            undated=undated[(metric, unit)],
        )
        for metric, unit in sorted(
            {*points, *undated}, key=lambda key: (order.get(key[0], 99), key[1] or "")
        )
    ]


def _undated(claim: ClaimOut, value: float) -> UndatedFigure:
    return UndatedFigure(
        claim_id=claim.id,
        value=value,
        status=claim.status,
        qualifier=claim.qualifier,
        doc=claim.doc,
        title=claim.title,
        link=claim.link,
    )


def facts(claims: Sequence[ClaimOut]) -> list[Fact]:
    """Claims grouped by the fact they state, in the order of the first claim of each."""
    grouped: dict[tuple[object, ...], list[ClaimOut]] = {}
    for claim in claims:
        key = (claim.metric, claim.status, claim.value, claim.unit, claim.year, claim.object)
        grouped.setdefault(key, []).append(claim)
    return [_fact(group) for group in grouped.values()]


def _fact(group: list[ClaimOut]) -> Fact:
    first = group[0]
    known = [claim.corroboration for claim in group if claim.corroboration is not None]
    return Fact(
        metric=first.metric,
        status=first.status,
        value=first.value,
        unit=first.unit,
        year=first.year,
        qualifier=first.qualifier,
        object=first.object,
        corroboration=max(known) if known else None,
        sources=[
            Source(
                claim_id=claim.id,
                doc=claim.doc,
                title=claim.title,
                url=claim.url,
                published=claim.published,
                sentence=claim.sentence,
                link=claim.link,
            )
            for claim in group
        ],
    )


def unpaged(where: ClaimFilter) -> ClaimFilter:
    """The same filter without paging: every claim it selects, for an export."""
    return replace(where, limit=None, offset=0)
