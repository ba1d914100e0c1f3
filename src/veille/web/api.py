"""The REST API under `/api/`: thin routes over `data`, `articles` and `findings`.

Parameters are declared with their bounds (a metric is one of the metrics, a
limit at most 500) so that a bad request is a 422 that says which parameter is
wrong, and the OpenAPI spec says the same thing the validation does.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BeforeValidator

from veille.spreadsheet import safe_cell, write_csv
from veille.store import (
    ClaimFilter,
    Database,
    query_claims,
    suggest_entities,
    unknown_entity_message,
)
from veille.web import data, findings
from veille.web.articles import article_detail, article_list
from veille.web.models import (
    ArticleDetail,
    ArticleList,
    ClaimOut,
    ClaimPage,
    ConflictList,
    EntityDetail,
    EntityList,
    ErrorOut,
    Metric,
    PromiseList,
    SearchOut,
    Status,
    StoryList,
)
from veille.web.security import shorten

NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL: refuse it as a bad request
MAX_LIMIT = 500
MAX_OFFSET = 10**9
MAX_NAME = 300  # longest name worth looking up for suggestions

Subject = Annotated[
    str | None,
    Query(max_length=300, pattern=NO_NUL, description="organisation, by any of its names"),
]
Doc = Annotated[str | None, Query(max_length=500, pattern=NO_NUL, description="article id")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="at most this many items")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="skip this many items")]
Year = Annotated[int | None, Query(ge=0, le=9999)]


def _iso_date(value: object) -> object:
    """Only `YYYY-MM-DD`: pydantic would also read `0` as a timestamp (1970-01-01)."""
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    raise ValueError("expected a date as YYYY-MM-DD")


Day = Annotated[date | None, BeforeValidator(_iso_date)]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut}}

router = APIRouter(prefix="/api", tags=["api"])


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


Db = Annotated[Database, Depends(get_db)]


def not_found(detail: str, suggestions: list[str] | None = None) -> JSONResponse:
    body = ErrorOut(detail=detail, suggestions=suggestions or [])
    return JSONResponse(body.model_dump(), status_code=404)


def unknown_entity(db: Database, name: str) -> JSONResponse:
    """404 naming the organisations whose names look like `name`."""
    close = suggest_entities(db, name[:MAX_NAME])
    return not_found(unknown_entity_message(shorten(name), close), close)


@router.get("/entities", response_model=EntityList, summary="Organisations, most claims first")
def list_entities(db: Db, limit: Limit = 50, offset: Offset = 0) -> EntityList:
    return data.entity_list(db, limit, offset)


@router.get(
    "/entities/{name:path}",
    response_model=EntityDetail,
    responses=NOT_FOUND,
    summary="An organisation: aliases, key figures, charts, facts and claims",
)
def get_entity(db: Db, name: str) -> EntityDetail | JSONResponse:
    """`name` is the canonical name or any alias, whatever its case or accents."""
    detail = data.entity_detail(db, name) if "\x00" not in name else None
    return detail if detail is not None else unknown_entity(db, name.replace("\x00", ""))


def claim_filter(
    subject: Subject = None,
    metric: Metric | None = None,
    status: Status | None = None,
    year: Year = None,
    doc: Doc = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> ClaimFilter:
    """The claim filters every claims endpoint shares."""
    return ClaimFilter(subject, metric, status, year, doc, limit=limit, offset=offset)


Filter = Annotated[ClaimFilter, Depends(claim_filter)]


@router.get("/claims", response_model=ClaimPage, summary="Claims by filter, a page at a time")
def list_claims(db: Db, where: Filter) -> ClaimPage:
    return data.claims_page(db, where)


@router.get("/articles", response_model=ArticleList, summary="Articles, latest first")
def list_articles(db: Db, limit: Limit = 50, offset: Offset = 0) -> ArticleList:
    return article_list(db, limit, offset)


@router.get(
    "/articles/{article_id:path}",
    response_model=ArticleDetail,
    responses=NOT_FOUND,
    summary="An article's text, with its claims and where each sits in the text",
)
def get_article(db: Db, article_id: str) -> ArticleDetail | JSONResponse:
    detail = article_detail(db, article_id) if "\x00" not in article_id else None
    if detail is None:
        return not_found(f"no article with id {shorten(article_id)!r}")
    return detail


@router.get("/search", response_model=SearchOut, summary="Organisations and articles by words")
def search(
    db: Db,
    q: Annotated[str, Query(min_length=1, max_length=300, pattern=NO_NUL)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> SearchOut:
    return data.search_out(db, q, limit)


@router.get("/conflicts", response_model=ConflictList, summary="Figures stories disagree on")
def list_conflicts(db: Db, subject: Subject = None) -> ConflictList:
    return findings.conflicts(db, subject)


@router.get("/promises", response_model=PromiseList, summary="Dated targets and their outcome")
def list_promises(
    db: Db,
    as_of: Annotated[Day, Query(description="judge as of this day (default today)")] = None,
    subject: Subject = None,
) -> PromiseList:
    return findings.promises(db, as_of, subject)


@router.get("/stories", response_model=StoryList, summary="Articles that are copies of one text")
def list_stories(
    db: Db, min_size: Annotated[int, Query(ge=1, le=1000, description="at least this many")] = 1
) -> StoryList:
    return findings.stories(db, min_size)


EXPORT_COLUMNS = [name for name in ClaimOut.model_fields if name != "corroboration"]


def _export_rows(db: Database, where: ClaimFilter) -> list[dict[str, Any]]:
    claims = query_claims(db, data.unpaged(where))
    return [data.claim_out(claim, {}).model_dump(mode="json") for claim in claims]


def export_filter(
    subject: Subject = None,
    metric: Metric | None = None,
    status: Status | None = None,
    year: Year = None,
    doc: Doc = None,
) -> ClaimFilter:
    """The claim filters, without paging: an export has every claim they select."""
    return ClaimFilter(subject, metric, status, year, doc)


ExportFilter = Annotated[ClaimFilter, Depends(export_filter)]


@router.get(
    "/export/claims.csv",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
    summary="Every claim the filters select, as CSV",
)
def export_csv(db: Db, where: ExportFilter) -> StreamingResponse:
    rows = _export_rows(db, where)

    def lines() -> Iterator[str]:
        buffer = io.StringIO()
        write_csv(buffer, EXPORT_COLUMNS, [])  # the header
        for row in rows:
            csv.writer(buffer).writerow(safe_cell(row.get(name)) for name in EXPORT_COLUMNS)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    headers = {"Content-Disposition": 'attachment; filename="claims.csv"'}
    return StreamingResponse(lines(), media_type="text/csv; charset=utf-8", headers=headers)


@router.get(
    "/export/claims.jsonl",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/x-ndjson": {"schema": {"type": "string"}}}}},
    summary="Every claim the filters select, one JSON object a line",
)
def export_jsonl(db: Db, where: ExportFilter) -> StreamingResponse:
    rows = _export_rows(db, where)
    lines = (json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    headers = {"Content-Disposition": 'attachment; filename="claims.jsonl"'}
    return StreamingResponse(lines, media_type="application/x-ndjson", headers=headers)
