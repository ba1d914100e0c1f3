"""What keeps the app safe to run for a team: headers, write guards, bounded errors.

- Every response carries a Content-Security-Policy that allows only the app's
  own scripts and styles and no framing, and `nosniff`.
- Every state-changing request (any method but GET, HEAD, OPTIONS) must come
  from the app's own pages: a browser's `Origin` (or `Sec-Fetch-Site`) naming
  another site is refused, so a form on another site cannot write here.
- With a token set (`veille serve --token`, `VEILLE_TOKEN`), every write needs
  it: `Authorization: Bearer <token>`, or the session cookie `/login` sets
  (HttpOnly, SameSite=Strict). Reading needs nothing, as before.
- `HEAD` answers like `GET`, without the body.
- What an error echoes of the request is cut short (`shorten`), so a 100 KB
  parameter never comes back whole; a page answers bad parameters with a page.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from veille.web.errors import error

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SESSION_COOKIE = "veille_session"
ECHO_LIMIT = 80  # characters of a request value an error may repeat
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def shorten(text: str, limit: int = ECHO_LIMIT) -> str:
    """`text` cut to `limit` characters, saying how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


def session_value(token: str) -> str:
    """What the session cookie holds: a digest of the token, never the token itself."""
    return hashlib.sha256(f"veille-session:{token}".encode()).hexdigest()


def has_token(request: Request, token: str) -> bool:
    """Whether the request carries the write token, as a header or the session cookie."""
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode()):
        return True
    cookie = request.cookies.get(SESSION_COOKIE, "")
    return hmac.compare_digest(cookie.encode(), session_value(token).encode())


def cross_site(request: Request) -> str | None:
    """The other site a browser says the request comes from, or None."""
    origin = request.headers.get("origin")
    if origin is not None:
        own = request.headers.get("host", "")
        found = urlsplit(origin)
        if origin == "null" or found.netloc.lower() != own.lower():
            return origin
        return None
    if request.headers.get("sec-fetch-site") == "cross-site":
        return request.headers.get("referer") or "another site"
    return None


def wants_json(request: Request) -> bool:
    """Whether the path is the API or a page's JSON twin, rather than a page."""
    path = request.url.path
    return path.startswith("/api/") or path.endswith(".json")


def error_response(request: Request, status: int, detail: str) -> Response:
    """The error as JSON for the API and the twins, else as the error page."""
    return error(request, status, detail, wants_json(request))


def refuse_writes(request: Request) -> Response | None:
    """The refusal of a cross-site write, or of a write without the token when one is set."""
    if request.method in SAFE_METHODS:
        return None
    other = cross_site(request)
    if other is not None:
        return error_response(request, 403, f"cross-site request refused (from {shorten(other)})")
    token = request.app.state.settings.token
    login = request.url.path == "/login"  # where the token is given, checked there
    if token and not login and not has_token(request, token):
        detail = "this server needs its token to change anything: log in at /login"
        response = error_response(request, 401, detail)
        response.headers["WWW-Authenticate"] = 'Bearer realm="veille"'
        return response
    return None


class RequestGuard:
    """ASGI middleware: answer at once when `check` refuses the request, else pass it on.

    Plain ASGI rather than `@app.middleware("http")`: Starlette's
    BaseHTTPMiddleware hides a client's disconnect from the endpoint, and the
    upload must see it to stop its work.
    """

    def __init__(self, app: ASGIApp, check: Callable[[Request], Response | None]) -> None:
        self.app = app
        self.check = check

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            refusal = self.check(Request(scope))
            if refusal is not None:
                await refusal(scope, receive, send)
                return
        await self.app(scope, receive, send)


class SecurityHeaders:
    """ASGI middleware: the security headers (`HEADERS`) on every answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, with_headers)


async def bad_parameters(request: Request, err: Exception) -> Response:
    """422 naming each bad parameter, echoing at most `ECHO_LIMIT` characters of it."""
    assert isinstance(err, RequestValidationError)
    errors = [_bounded(error) for error in err.errors()]
    if wants_json(request):
        return JSONResponse({"detail": errors}, status_code=422)
    where = "; ".join(
        f"{'.'.join(str(part) for part in error.get('loc', ())[1:])}: {error.get('msg', '')}"
        for error in errors
    )
    return error_response(request, 422, f"bad parameter ({where})")


def _bounded(error: Any) -> dict[str, Any]:
    bounded = {key: value for key, value in error.items() if key not in ("ctx", "url")}
    value = bounded.get("input")
    if isinstance(value, str):
        bounded["input"] = shorten(value)
    elif value is not None and not isinstance(value, (int, float, bool)):
        bounded["input"] = shorten(str(value))
    if isinstance(bounded.get("msg"), str):
        bounded["msg"] = shorten(bounded["msg"], 200)
    return bounded


class HeadAsGet:
    """ASGI middleware: a HEAD request runs as GET, and only the headers are sent."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
