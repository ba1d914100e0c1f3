"""Articles for the pages and the API: the list, one article with its claims in place."""

from __future__ import annotations

import re
from dataclasses import asdict
from pathlib import PurePosixPath, PureWindowsPath

import sqlalchemy as sa
from markupsafe import Markup

from veille.sources.urls import web_url
from veille.store import ClaimFilter, Database, StoredClaim, find_entity, query_claims, schema
from veille.web.data import corroborations, finite
from veille.web.highlight import Located, Mark, locate, render
from veille.web.links import article_link
from veille.web.models import ArticleClaim, ArticleDetail, ArticleList, ArticleSummary

PARAGRAPH_BREAK = "\n\n"  # how `Article.text` joins paragraphs
_ABSOLUTE_PATH = re.compile(r"^(file://|/|[A-Za-z]:[\\/]|\\\\)")


def source_name(uri: str) -> str:
    """Where an article came from, without the server's folders.

    Sources store names relative to what was ingested (`news/a.txt`); an
    absolute path stored by an older version is shown as its file name.
    """
    if _ABSOLUTE_PATH.match(uri):
        return PureWindowsPath(uri).name if "\\" in uri else PurePosixPath(uri).name
    return uri


def article_list(db: Database, limit: int, offset: int) -> ArticleList:
    """Articles, the most recently published first, each with its number of claims."""
    a, c = schema.articles, schema.claims
    n_claims = sa.func.count(c.c.id).label("claims")
    columns = (a.c.id, a.c.title, a.c.url, a.c.published, a.c.language)
    query = (
        sa.select(*columns, n_claims)
        .outerjoin(c, c.c.article_id == a.c.id)
        .group_by(*columns)
        .order_by(sa.nulls_last(a.c.published.desc()), a.c.id)
        .limit(limit)
        .offset(offset)
    )
    with db.read() as conn:
        rows = conn.execute(query).mappings().all()
    items = [
        ArticleSummary(**{**row, "url": web_url(row["url"])}, link=article_link(row["id"]))
        for row in rows
    ]
    return ArticleList(total=db.count("articles"), limit=limit, offset=offset, items=items)


def article_detail(db: Database, article_id: str) -> ArticleDetail | None:
    """The article's cleaned text and its claims, each located in its paragraph."""
    a = schema.articles
    with db.read() as conn:
        row = conn.execute(sa.select(a).where(a.c.id == article_id)).mappings().one_or_none()
    if row is None:
        return None
    paragraphs = row["text"].split(PARAGRAPH_BREAK)
    stored = query_claims(db, ClaimFilter(doc=article_id))
    counts = corroborations(db, (claim.id for claim in stored))
    partners = _partner_names(db, stored)
    claims = []
    for claim in sorted(stored, key=lambda c: (c.paragraph, c.start, c.id)):
        paragraph = paragraphs[claim.paragraph] if 0 <= claim.paragraph < len(paragraphs) else ""
        found = locate(
            paragraph,
            claim.sentence,
            claim.start,
            claim.end,
            value=claim.value,
            partner_names=partners.get(claim.object or "", ()),
        )
        claims.append(_article_claim(claim, found, counts))
    fields = ("id", "title", "published", "language", "media_type")
    return ArticleDetail(
        **{name: row[name] for name in fields},
        url=web_url(row["url"]),
        source_uri=source_name(row["source_uri"]),
        ingested_at=row["ingested_at"],
        extractor_version=row["extractor_version"],
        text=row["text"],
        paragraphs=paragraphs,
        claims=claims,
    )


def _partner_names(db: Database, claims: list[StoredClaim]) -> dict[str, tuple[str, ...]]:
    """Every name of each partner, to find the one the sentence uses."""
    names: dict[str, tuple[str, ...]] = {}
    for partner in {claim.object for claim in claims if claim.object}:
        entity = find_entity(db, partner)
        names[partner] = (partner, *(entity.aliases if entity else ()))
    return names


def _article_claim(
    claim: StoredClaim, found: Located | None, counts: dict[int, int]
) -> ArticleClaim:
    fields = asdict(claim)
    fields.update(value=finite(claim.value), url=web_url(claim.url))
    if found is not None:  # the sentence as found, should its stored span be stale
        fields.update(start=found.sentence_start, end=found.sentence_end)
    return ArticleClaim(
        **fields,
        link=article_link(claim.doc, claim.id),
        corroboration=counts.get(claim.id),
        figure_start=found.figure_start if found else None,
        figure_end=found.figure_end if found else None,
    )


def highlighted_paragraphs(article: ArticleDetail) -> list[Markup]:
    """Each paragraph as HTML: evidence sentences underlined, figures marked with their id."""
    marks: list[list[Mark]] = [[] for _ in article.paragraphs]
    sentences: dict[tuple[int, int, int], list[int]] = {}
    for order, claim in enumerate(article.claims):
        if claim.figure_start is None or claim.figure_end is None:
            continue
        sentences.setdefault((claim.paragraph, claim.start, claim.end), []).append(claim.id)
        label = f"{claim.metric.replace('_', ' ')} ({claim.status})"
        figure = (("id", f"claim-{claim.id}"), ("class", f"claim {claim.status}"), ("title", label))
        marks[claim.paragraph].append(
            Mark(claim.figure_start, claim.figure_end, "mark", figure, order + 1)
        )
    for (paragraph, start, end), ids in sentences.items():
        sentence = (("class", "evidence"), ("data-claims", " ".join(map(str, ids))))
        marks[paragraph].append(Mark(start, end, "span", sentence, 0))
    return [render(text, marks[i]) for i, text in enumerate(article.paragraphs)]
