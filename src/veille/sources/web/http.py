"""The polite HTTP client: every request veille makes to the web goes through it.

Politeness and safety are its job, so no caller can forget them:

1. only http and https URLs; robots.txt asked first, for every hop;
2. one request at a time per host, at least `delay` seconds apart (or the
   site's Crawl-delay when longer);
3. a User-Agent that names veille, its version and a contact;
4. conditional GET with the validators the caller kept, so an unchanged feed
   costs a 304;
5. retries with exponential backoff on 5xx answers and connection errors,
   never on 4xx (asking again will not make a missing page appear);
6. a body read as a stream and dropped as soon as it passes `max_bytes`.

Redirects are followed here rather than by httpx, hop by hop, so that each
hop is checked like the first one (scheme, robots.txt, host delay) and a loop
is named as a loop.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from types import TracebackType
from typing import Self
from urllib.parse import urljoin, urlsplit

import httpx

from veille.sources.web.canonical import WebUrlError, check_web_url
from veille.sources.web.robots import RobotsCache, RobotsFile
from veille.sources.web.settings import FetchSettings

REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRIED_ERRORS = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.ReadError,
    httpx.RemoteProtocolError,
)


class FetchError(Exception):
    """A URL that could not be fetched; `reason` is one line for a person.

    `retryable` marks failures that may pass later (5xx, connection, timeout),
    so a caller knows whether asking again next run is worth it.
    """

    def __init__(
        self, url: str, reason: str, *, retryable: bool = False, status: int | None = None
    ) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.retryable = retryable
        self.status = status


class FetchStopped(Exception):
    """The caller asked to stop while the client was waiting its turn."""


@dataclass(frozen=True, slots=True)
class Response:
    """A completed fetch: the final URL (after redirects), its status and body."""

    url: str
    status: int
    content: bytes
    media_type: str
    charset: str | None
    etag: str | None
    last_modified: str | None
    location: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class PoliteClient:
    """A polite, bounded HTTP client; use as a context manager.

    `host_delays` raises the delay for some hosts (`host:port` keys); `stop`,
    when set, interrupts the wait between two requests with `FetchStopped`.
    """

    def __init__(
        self,
        settings: FetchSettings,
        *,
        host_delays: dict[str, float] | None = None,
        stop: threading.Event | None = None,
    ) -> None:
        self.settings = settings
        self._host_delays = host_delays or {}
        self._stop = stop or threading.Event()
        self._http = httpx.Client(
            headers={"User-Agent": settings.user_agent_header},
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=False,
        )
        self._hosts: dict[str, tuple[threading.Lock, list[float]]] = {}
        self._hosts_lock = threading.Lock()
        self.robots = RobotsCache(self._fetch_robots)

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Response:
        """GET `url` politely; raises `FetchError` with the reason it failed."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._follow(url, headers, check_robots=True)

    def _follow(self, url: str, headers: dict[str, str], *, check_robots: bool) -> Response:
        hops = [url]
        current = url
        while True:
            try:
                check_web_url(current)
            except WebUrlError as err:
                raise FetchError(url, f"redirected to a URL veille does not fetch: {err}") from None
            if check_robots and not self.robots.allowed(current):
                raise FetchError(current, "disallowed by robots.txt")
            response = self._with_retries(current, headers)
            if response.status not in REDIRECTS:
                return response
            target = urljoin(current, response.location or "")
            if target in hops:
                raise FetchError(url, "redirect loop: " + " -> ".join([*hops, target]))
            if len(hops) > self.settings.max_redirects:
                limit = self.settings.max_redirects
                raise FetchError(url, f"too many redirects (more than {limit})")
            hops.append(target)
            current = target

    def _with_retries(self, url: str, headers: dict[str, str]) -> Response:
        attempts = self.settings.retries + 1
        last: FetchError | None = None
        for attempt in range(attempts):
            if attempt:
                self._sleep(self.settings.backoff * 2 ** (attempt - 1))
            try:
                response = self._once(url, headers)
            except httpx.ReadTimeout:  # not retried: the host's queue would wait on it again
                timeout = f"{self.settings.timeout:g}"
                raise FetchError(
                    url, f"timed out (no answer within {timeout} s)", retryable=True
                ) from None
            except RETRIED_ERRORS as err:
                last = FetchError(url, f"connection failed ({_describe(err)})", retryable=True)
                continue
            except httpx.HTTPError as err:
                raise FetchError(url, f"request failed ({_describe(err)})") from None
            if response.status >= 500:
                last = FetchError(
                    url, f"HTTP {response.status} {_phrase(response.status)}", retryable=True
                )
                continue
            if 400 <= response.status < 500:
                reason = f"HTTP {response.status} {_phrase(response.status)}"
                raise FetchError(url, reason, status=response.status)
            return response
        assert last is not None
        tries = f" after {attempts} attempts" if attempts > 1 else ""
        raise FetchError(url, last.reason + tries, retryable=True)

    def _once(self, url: str, headers: dict[str, str]) -> Response:
        """One request, in the host's turn."""
        delay = self._delay(url)  # before taking the lock: it may read robots.txt
        lock, last_end = self._host(url)
        with lock:
            self._sleep(last_end[0] + delay - time.monotonic())
            try:
                with self._http.stream("GET", url, headers=headers) as reply:
                    return self._read(url, reply)
            finally:
                last_end[0] = time.monotonic()

    def _read(self, url: str, reply: httpx.Response) -> Response:
        status = reply.status_code
        if status in REDIRECTS:
            location = reply.headers.get("location", "")
            if not location:
                raise FetchError(url, f"HTTP {status} redirect without a Location")
            return Response(url, status, b"", "", None, None, None, location=location)
        body = self._body(url, reply) if 200 <= status < 300 else b""
        return Response(
            url=str(reply.url),
            status=status,
            content=body,
            media_type=reply.headers.get("content-type", "").split(";")[0].strip().lower(),
            charset=reply.charset_encoding,
            etag=reply.headers.get("etag"),
            last_modified=reply.headers.get("last-modified"),
        )

    def _body(self, url: str, reply: httpx.Response) -> bytes:
        limit = self.settings.max_bytes
        declared = reply.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"too large ({int(declared)} bytes, limit {limit})")
        chunks: list[bytes] = []
        size = 0
        for chunk in reply.iter_bytes():
            size += len(chunk)
            if size > limit:  # stop reading: the rest never leaves the socket buffer
                raise FetchError(url, f"too large (more than {limit} bytes)")
            chunks.append(chunk)
        return b"".join(chunks)

    def _host(self, url: str) -> tuple[threading.Lock, list[float]]:
        host = urlsplit(url).netloc.lower()
        with self._hosts_lock:
            if host not in self._hosts:
                self._hosts[host] = (threading.Lock(), [float("-inf")])
            return self._hosts[host]

    def _delay(self, url: str) -> float:
        """Seconds between two requests to this URL's host: the longest anyone asks for."""
        host = urlsplit(url).netloc.lower()
        delay = max(self.settings.delay, self._host_delays.get(host, 0.0))
        if urlsplit(url).path != "/robots.txt":
            delay = max(delay, self.robots.crawl_delay(url) or 0.0)
        return delay

    def _sleep(self, seconds: float) -> None:
        if seconds > 0 and self._stop.wait(seconds):
            raise FetchStopped()
        if self._stop.is_set():
            raise FetchStopped()

    def _fetch_robots(self, robots_url: str) -> RobotsFile:
        try:
            response = self._follow(robots_url, {}, check_robots=False)
        except FetchError as err:
            if err.status is not None and 400 <= err.status < 500:
                return RobotsFile(missing=True)
            return RobotsFile(unreachable=True)
        return RobotsFile(response.content.decode("utf-8", errors="replace"))

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _phrase(status: int) -> str:
    return httpx.codes.get_reason_phrase(status)


def _describe(err: httpx.HTTPError) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__
