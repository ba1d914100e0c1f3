"""robots.txt, read once per site and honoured for every request to it.

The rules follow RFC 9309, read by protego (the parser Scrapy maintains):
`*` and `$` wildcards, the longest matching rule wins, `Allow` wins a tie
(the standard library's `urllib.robotparser` does none of these). A
robots.txt that does not exist (any 4xx) allows everything; one the server
cannot deliver (5xx, unreachable) forbids everything for this run, since the
site may be asking crawlers to back off.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

from veille.sources.web.settings import ROBOTS_AGENT


@dataclass(frozen=True, slots=True)
class RobotsFile:
    """What fetching a robots.txt gave: its text, or that there is none (`missing`)."""

    text: str = ""
    missing: bool = False
    unreachable: bool = False


RobotsFetcher = Callable[[str], RobotsFile]


def site_of(url: str) -> str:
    """`scheme://host[:port]`: robots.txt rules hold for exactly one such origin."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class RobotsCache:
    """robots.txt rules per site, fetched on first use with `fetch(robots_url)`."""

    def __init__(self, fetch: RobotsFetcher, agent: str = ROBOTS_AGENT) -> None:
        self._fetch = fetch
        self._agent = agent
        self._parsers: dict[str, Protego] = {}
        self._lock = threading.Lock()

    def _parser(self, url: str) -> Protego:
        site = site_of(url)
        with self._lock:
            parser = self._parsers.get(site)
            if parser is None:
                parser = self._parsers[site] = _parse(self._fetch(f"{site}/robots.txt"))
        return parser

    def allowed(self, url: str) -> bool:
        """May veille fetch `url`?"""
        return bool(self._parser(url).can_fetch(url, self._agent))

    def crawl_delay(self, url: str) -> float | None:
        """The site's `Crawl-delay` for veille, if it sets one."""
        delay = self._parser(url).crawl_delay(self._agent)
        return float(delay) if delay is not None else None


def _parse(found: RobotsFile) -> Protego:
    if found.unreachable:
        return Protego.parse("User-agent: *\nDisallow: /\n")
    if found.missing:
        return Protego.parse("")  # no rules: everything allowed
    return Protego.parse(found.text)
