"""robots.txt, read once per site and honoured for every request to it.

The rules follow RFC 9309: a robots.txt that does not exist (any 4xx) allows
everything; one the server cannot deliver (5xx, unreachable) forbids
everything for this run, since the site may be asking crawlers to back off.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

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
        self._parsers: dict[str, RobotFileParser] = {}
        self._lock = threading.Lock()

    def _parser(self, url: str) -> RobotFileParser:
        site = site_of(url)
        with self._lock:
            parser = self._parsers.get(site)
            if parser is None:
                parser = self._parsers[site] = _parse(self._fetch(f"{site}/robots.txt"))
        return parser

    def allowed(self, url: str) -> bool:
        """May veille fetch `url`?"""
        return self._parser(url).can_fetch(self._agent, url)

    def crawl_delay(self, url: str) -> float | None:
        """The site's `Crawl-delay` for veille, if it sets one."""
        delay = self._parser(url).crawl_delay(self._agent)
        return float(delay) if delay is not None else None


def _parse(found: RobotsFile) -> RobotFileParser:
    parser = RobotFileParser()
    if found.unreachable:
        parser.parse(["User-agent: *", "Disallow: /"])
    elif found.missing:
        parser.parse([])  # no rules: everything allowed
    else:
        parser.parse(found.text.splitlines())
    return parser
