"""The HTML pages, each with a JSON twin: the same path ending in `.json` (datasette's way).

A page is a template over one response model; its twin returns that model,
so a test reading the JSON reads what the page shows. Pages need no
JavaScript: the little there is only enhances (the upload drop zone).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from markupsafe import Markup
from pydantic import BaseModel

from veille.store import suggest_entities
from veille.web import data, findings
from veille.web.api import MAX_NAME, NO_NUL, Day, Db, Limit, Offset
from veille.web.articles import article_detail, article_list, highlighted_paragraphs
from veille.web.charts import metric_chart
from veille.web.errors import error
from veille.web.links import split_json_suffix
from veille.web.models import Chart
from veille.web.render import metric_label
from veille.web.security import shorten

router = APIRouter(include_in_schema=False)
Search = Annotated[str | None, Query(max_length=300, pattern=NO_NUL)]


def render(
    request: Request, template: str, model: BaseModel, as_json: bool, **extra: Any
) -> Response:
    """The page, or its JSON twin: the model the page renders."""
    if as_json:
        return JSONResponse(model.model_dump(mode="json"))
    templates = request.app.state.templates
    response: Response = templates.TemplateResponse(request, template, {"page": model, **extra})
    return response


@router.get("/")
@router.get("/.json", name="home_json")
def home(request: Request, db: Db, q: Search = None) -> Response:
    as_json = request.url.path.endswith(".json")
    return render(request, "home.html", data.home(db, q), as_json, query=q or "")


@router.get("/entities")
@router.get("/entities.json", name="entities_json")
def entities(request: Request, db: Db, limit: Limit = 100, offset: Offset = 0) -> Response:
    as_json = request.url.path.endswith(".json")
    return render(request, "entities.html", data.entity_list(db, limit, offset), as_json)


@router.get("/entities/{name:path}")
def entity(request: Request, db: Db, name: str) -> Response:
    name, as_json = split_json_suffix(name)
    detail = data.entity_detail(db, name) if "\x00" not in name else None
    if detail is None:
        close = suggest_entities(db, name.replace("\x00", "")[:MAX_NAME])
        return error(request, 404, f"No organisation named {shorten(name)!r}.", as_json, close)
    charts = [(chart, _drawn(chart)) for chart in detail.charts]
    return render(request, "entity.html", detail, as_json, charts=charts)


def _drawn(chart: Chart) -> Markup | None:
    """The chart's SVG; None when every figure of it is undated (listed under it instead)."""
    return metric_chart(chart, _chart_title(chart.metric, chart.unit)) if chart.points else None


def _chart_title(metric: str, unit: str | None) -> str:
    return f"{metric_label(metric).capitalize()} ({unit})" if unit else metric_label(metric)


@router.get("/articles")
@router.get("/articles.json", name="articles_json")
def articles(request: Request, db: Db, limit: Limit = 100, offset: Offset = 0) -> Response:
    as_json = request.url.path.endswith(".json")
    return render(request, "articles.html", article_list(db, limit, offset), as_json)


@router.get("/articles/{article_id:path}")
def article(request: Request, db: Db, article_id: str) -> Response:
    article_id, as_json = split_json_suffix(article_id)
    detail = article_detail(db, article_id) if "\x00" not in article_id else None
    if detail is None:
        return error(request, 404, f"No article with id {shorten(article_id)!r}.", as_json)
    unplaced = [claim for claim in detail.claims if claim.figure_start is None]
    return render(
        request,
        "article.html",
        detail,
        as_json,
        paragraphs=highlighted_paragraphs(detail),
        unplaced=unplaced,
    )


@router.get("/conflicts")
@router.get("/conflicts.json", name="conflicts_json")
def conflicts(request: Request, db: Db, subject: Search = None) -> Response:
    as_json = request.url.path.endswith(".json")
    found = findings.conflicts(db, subject or None)
    return render(request, "conflicts.html", found, as_json, subject=subject or "")


@router.get("/promises")
@router.get("/promises.json", name="promises_json")
def promises(request: Request, db: Db, as_of: Day = None, subject: Search = None) -> Response:
    as_json = request.url.path.endswith(".json")
    found = findings.promises(db, as_of, subject or None)
    return render(request, "promises.html", found, as_json, subject=subject or "")


@router.get("/stories")
@router.get("/stories.json", name="stories_json")
def stories(
    request: Request, db: Db, min_size: Annotated[int, Query(ge=1, le=1000)] = 2
) -> Response:
    as_json = request.url.path.endswith(".json")
    return render(request, "stories.html", findings.stories(db, min_size), as_json)


@router.get("/api/docs")
def api_docs(request: Request) -> Response:
    """The API reference from the OpenAPI spec, as a plain page (no Swagger UI from a CDN)."""
    spec = request.app.openapi()
    operations = [
        {"method": method.upper(), "path": path, **operation}
        for path, methods in spec["paths"].items()
        for method, operation in methods.items()
    ]
    templates = request.app.state.templates
    context = {"spec": spec, "operations": operations, "spec_url": request.app.openapi_url}
    response: Response = templates.TemplateResponse(request, "apidocs.html", context)
    return response
