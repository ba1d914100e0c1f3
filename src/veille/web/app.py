"""The web app: HTML pages and the REST API over one veille database.

`create_app` opens the database (creating or migrating it) and returns a
FastAPI app; `veille serve` runs it with uvicorn. Every asset is served from
this package: no CDN, so the app works on a machine with no internet. What
makes it safe to serve a team (headers, write guards, the token) is in
`web.security`; uploads run in `web.worker`'s child process.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import exc

import veille
from veille.pipeline import DEFAULT_BUDGET, ArticleBudget
from veille.sources.files import megabytes
from veille.store import Database
from veille.store.database import one_line
from veille.web import api, claims_page, login, pages, upload_page
from veille.web.models import ErrorOut
from veille.web.render import make_templates
from veille.web.security import (
    HeadAsGet,
    RequestGuard,
    SecurityHeaders,
    bad_parameters,
    refuse_writes,
)
from veille.web.worker import ArticleWorker

STATIC = Path(__file__).parent / "static"
FORM_OVERHEAD = 64_000  # multipart boundaries and the form's small fields


@dataclass(frozen=True, slots=True)
class WebSettings:
    """What an operator may tune; `veille serve` exposes each as an option."""

    max_upload_bytes: int = 5_000_000
    page_size: int = 50
    # Every write (upload) needs it when set; reading never does.
    token: str | None = None
    # One uploaded article's cleaning and extraction: over it, refused with the reason.
    article_budget: ArticleBudget = DEFAULT_BUDGET


DESCRIPTION = """Claims about organisations read from industry news, with their evidence.

Every figure links back to the sentence it was read from (`link`). HTML pages
have a JSON twin: add `.json` to the page's path (`/entities/Renault%20Group.json`).
"""


def create_app(db_url: str, settings: WebSettings | None = None) -> FastAPI:
    """The app over the database at `db_url` (raises `StoreError` if it cannot be opened)."""
    db = Database.connect(db_url)
    settings = settings or WebSettings()
    worker = ArticleWorker.shared(settings.article_budget)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        db.close()

    app = FastAPI(
        title="veille",
        version=veille.__version__,
        description=DESCRIPTION,
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI would load from a CDN; /api/docs is our own page
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.db = db
    app.state.settings = settings
    app.state.worker = worker
    app.state.templates = make_templates()
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(claims_page.router)
    app.include_router(upload_page.router)
    app.include_router(login.router)
    # Middleware runs last-added first: headers on every answer, then the
    # write guard before anything reads a body, then the size limit.
    app.add_middleware(RequestGuard, check=_refuse_large_uploads)
    app.add_middleware(RequestGuard, check=refuse_writes)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    app.add_exception_handler(RequestValidationError, bad_parameters)
    app.add_exception_handler(exc.DataError, _bad_value)
    app.add_exception_handler(exc.OperationalError, _database_unavailable)
    return app


def _refuse_large_uploads(request: Request) -> Response | None:
    """413 before reading the body when its declared size is over the limit."""
    limit = request.app.state.settings.max_upload_bytes + FORM_OVERHEAD
    declared = request.headers.get("content-length", "")
    if request.method == "POST" and declared.isdigit() and int(declared) > limit:
        allowed = request.app.state.settings.max_upload_bytes
        detail = f"upload too large ({megabytes(int(declared))} > {megabytes(allowed)} limit)"
        if request.url.path.endswith(".json"):
            return JSONResponse({"detail": detail, "suggestions": []}, status_code=413)
        context = {"page": ErrorOut(detail=detail), "status": 413}
        templates = request.app.state.templates
        response: Response = templates.TemplateResponse(
            request, "error.html", context, status_code=413
        )
        return response
    return None


async def _bad_value(_request: Request, err: Exception) -> Response:
    # A value the database cannot hold (an out-of-range number): the request's fault.
    detail = f"invalid value: {one_line(err)}"
    return JSONResponse({"detail": detail, "suggestions": []}, status_code=400)


async def _database_unavailable(_request: Request, err: Exception) -> Response:
    detail = f"database unavailable: {one_line(err)}"
    return JSONResponse({"detail": detail, "suggestions": []}, status_code=503)
