"""Log in with the server's token, so that a browser may write (upload).

Only when `veille serve` has a token. The cookie holds a digest of the token,
not the token; it is HttpOnly and SameSite=Strict, so another site can neither
read it nor make a browser send it. Scripts and other clients send the token
itself: `Authorization: Bearer <token>`.
"""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from veille.web.security import SESSION_COOKIE, session_value

router = APIRouter(include_in_schema=False)
SESSION_SECONDS = 7 * 24 * 3600


def _page(request: Request, problem: str | None = None, status: int = 200) -> Response:
    templates = request.app.state.templates
    token = request.app.state.settings.token
    context = {"needed": bool(token), "problem": problem}
    response: Response = templates.TemplateResponse(
        request, "login.html", context, status_code=status
    )
    return response


@router.get("/login")
def login_form(request: Request) -> Response:
    return _page(request)


@router.post("/login")
async def login(request: Request) -> Response:
    token = request.app.state.settings.token
    if not token:
        return RedirectResponse("/upload", status_code=303)
    form = await request.form(max_files=0, max_fields=5)
    given = form.get("token")
    if not isinstance(given, str) or not hmac.compare_digest(given.encode(), token.encode()):
        return _page(request, "That is not this server's token.", status=401)
    response = RedirectResponse("/upload", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        session_value(token),
        max_age=SESSION_SECONDS,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return response


@router.post("/logout")
def logout() -> Response:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, httponly=True, samesite="strict")
    return response
