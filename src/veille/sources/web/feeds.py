"""RSS and Atom feeds: the links to articles a site has published lately.

The feed is fetched by the polite client (with the validators kept from last
time, so an unchanged feed costs a 304) and parsed by feedparser from those
bytes: feedparser never opens a connection of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

import feedparser

from veille.sources.web.canonical import WebUrlError, canonical_url
from veille.sources.web.http import FetchError, PoliteClient


@dataclass(frozen=True, slots=True)
class FeedLink:
    """One entry of a feed: the article's URL as linked and in canonical form."""

    url: str
    canonical: str
    title: str | None
    feed: str


@dataclass(frozen=True, slots=True)
class FeedRead:
    """What one feed fetch gave: its links, or that it has not changed since last time."""

    url: str
    links: tuple[FeedLink, ...]
    not_modified: bool
    etag: str | None
    last_modified: str | None
    skipped: tuple[str, ...] = ()  # entries without a usable link, with the reason


def read_feed(
    client: PoliteClient, url: str, *, etag: str | None = None, last_modified: str | None = None
) -> FeedRead:
    """Fetch and parse one feed; raises `FetchError` when it cannot be read."""
    response = client.get(url, etag=etag, last_modified=last_modified)
    if response.not_modified:
        # Keep the old validators when a 304 omits them.
        return FeedRead(
            url, (), True, response.etag or etag, response.last_modified or last_modified
        )
    links, skipped = parse_feed(response.content, response.url, response.media_type)
    return FeedRead(url, links, False, response.etag, response.last_modified, skipped)


def parse_feed(
    data: bytes, url: str, media_type: str = ""
) -> tuple[tuple[FeedLink, ...], tuple[str, ...]]:
    """The entries' links of a feed's bytes, in feed order, each once."""
    headers = {"content-location": url, "content-type": media_type or "application/xml"}
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({str(problem).splitlines()[0]})" if problem else ""
        raise FetchError(url, f"not an RSS or Atom feed{detail}")
    links: dict[str, FeedLink] = {}
    skipped: list[str] = []
    for number, entry in enumerate(parsed.entries, 1):
        href = entry.get("link") or _alternate(entry)
        if not href:
            skipped.append(f"{url} entry {number}: no link")
            continue
        absolute = urljoin(url, href.strip())
        try:
            canonical = canonical_url(absolute)
        except WebUrlError as err:
            skipped.append(f"{url} entry {number}: {err}")
            continue
        title = entry.get("title") or None
        links.setdefault(canonical, FeedLink(absolute, canonical, title, url))
    return tuple(links.values()), tuple(skipped)


def _alternate(entry: feedparser.FeedParserDict) -> str | None:
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    return None
