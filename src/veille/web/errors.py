"""One error answer for every route: JSON for the API and the twins, else a page."""

from __future__ import annotations

from fastapi import Request, Response
from fastapi.responses import JSONResponse

from veille.web.models import ErrorOut


def error(
    request: Request,
    status: int,
    detail: str,
    as_json: bool,
    suggestions: list[str] | None = None,
) -> Response:
    """An error as JSON for a twin, else as a page that says what to do."""
    body = ErrorOut(detail=detail, suggestions=suggestions or [])
    if as_json:
        return JSONResponse(body.model_dump(), status_code=status)
    templates = request.app.state.templates
    context = {"page": body, "status": status}
    response: Response = templates.TemplateResponse(
        request, "error.html", context, status_code=status
    )
    return response
