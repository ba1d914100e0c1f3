"""The claims page: every stored claim, filtered and a page at a time, with two twins.

`/claims.json` is the page's model (the API's claims page, plus names close to
an unknown organisation); `/claims.csv` is every claim the same filters select,
written by the API's export (one CSV writer, formula-safe). Filters are plain
query parameters, so a filtered view is a link to share.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BeforeValidator, Field

from veille.records import METRICS
from veille.store import ClaimFilter, find_entity, suggest_entities
from veille.store.queries import STATUSES, claim_sources
from veille.web import api, data
from veille.web.api import MAX_NAME, NO_NUL, Db, Limit, Offset
from veille.web.models import ClaimsView, Metric, Status
from veille.web.pages import render

router = APIRouter(include_in_schema=False)
SOURCE_CHOICES = 500  # past this many articles a drop-down is no help: the field is typed


def _blank_is_none(value: object) -> object:
    """An empty form field filters nothing: a form submits every field, empty or not."""
    return None if value == "" else value


# The bounds sit on the inner type: they check a value, after a blank became None.
Blank = BeforeValidator(_blank_is_none)
Name = Annotated[str, Field(max_length=MAX_NAME, pattern=NO_NUL)]
ArticleId = Annotated[str, Field(max_length=500, pattern=NO_NUL)]
YearNumber = Annotated[int, Field(ge=0, le=9999)]
Subject = Annotated[Name | None, Blank, Query()]
MetricField = Annotated[Metric | None, Blank, Query()]
StatusField = Annotated[Status | None, Blank, Query()]
YearField = Annotated[YearNumber | None, Blank, Query()]
DocField = Annotated[ArticleId | None, Blank, Query()]


def page_filter(
    subject: Subject = None,
    metric: MetricField = None,
    status: StatusField = None,
    year: YearField = None,
    doc: DocField = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> ClaimFilter:
    """The API's claim filters, read from a form whose empty fields mean "any"."""
    return ClaimFilter(subject, metric, status, year, doc, limit=limit, offset=offset)


PageFilter = Annotated[ClaimFilter, Depends(page_filter)]


def claims_view(db: Db, where: ClaimFilter) -> ClaimsView:
    """A page of claims; for an organisation the store does not know, close names."""
    page = data.claims_page(db, where)
    unknown = where.subject is not None and find_entity(db, where.subject) is None
    suggestions = suggest_entities(db, where.subject) if unknown and where.subject else []
    return ClaimsView(**page.model_dump(), suggestions=suggestions)


def filter_query(where: ClaimFilter) -> str:
    """The filters as a query string, paging aside: the link to the CSV of them all."""
    fields = {
        "subject": where.subject,
        "metric": where.metric,
        "status": where.status,
        "year": where.year,
        "doc": where.doc,
    }
    return urlencode({name: value for name, value in fields.items() if value is not None})


@router.get("/claims")
@router.get("/claims.json", name="claims_json")
def claims(request: Request, db: Db, where: PageFilter) -> Response:
    as_json = request.url.path.endswith(".json")
    view = claims_view(db, where)
    if as_json:
        return render(request, "claims.html", view, as_json)
    sources = claim_sources(db, SOURCE_CHOICES + 1)
    return render(
        request,
        "claims.html",
        view,
        as_json,
        where=where,
        metrics=METRICS,
        statuses=STATUSES,
        sources=sources if len(sources) <= SOURCE_CHOICES else None,
        filters=filter_query(where),
    )


@router.get("/claims.csv")
def claims_csv(db: Db, where: PageFilter) -> Response:
    """Every claim the page's filters select, paging aside."""
    return api.export_csv(db, data.unpaged(where))
