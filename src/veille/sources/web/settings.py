"""`sources.toml`: what to watch and how politely, declared and validated in one place.

The fetch settings are one declared table (name, type, default, help), as
datasette's SETTINGS: it validates the file, fills the defaults and writes the
table in `docs/watching.md`, so the three never disagree.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import veille
from veille.sources.web.canonical import WebUrlError, check_web_url

ROBOTS_AGENT = "veille"  # the token robots.txt rules name


class SourcesError(ValueError):
    """A sources file that cannot be used; the message is one line for a person."""


@dataclass(frozen=True, slots=True)
class WebSetting:
    """One global fetch setting: its name in `[settings]`, type, default and meaning."""

    name: str
    kind: type
    default: object
    help: str
    minimum: float | None = None


WEB_SETTINGS: tuple[WebSetting, ...] = (
    WebSetting(
        "contact",
        str,
        "",
        "a URL (or mailto:) where site owners can reach you; sent in the User-Agent",
    ),
    WebSetting(
        "user_agent",
        str,
        "",
        "the whole User-Agent header; empty means `veille/VERSION (+CONTACT)`",
    ),
    WebSetting("delay", float, 2.0, "seconds between two requests to the same host", 0),
    WebSetting(
        "timeout", float, 20.0, "seconds to wait for a connection or for the next bytes", 0.001
    ),
    WebSetting("max_bytes", int, 5_000_000, "largest body read; a bigger one is dropped", 1),
    WebSetting("retries", int, 3, "extra attempts after a 5xx answer or a connection error", 0),
    WebSetting("backoff", float, 1.0, "seconds before the first retry; doubled at each retry", 0),
    WebSetting("max_redirects", int, 5, "redirects followed before giving up", 0),
)
SOURCE_OPTIONS: dict[str, str] = {
    "name": "how the summary names the source (required, unique)",
    "feeds": "RSS or Atom feed URLs; every entry's link is fetched once",
    "pages": "single article URLs, fetched once",
    "max_articles": "at most this many new pages per run (the rest wait for the next run)",
    "delay": "seconds between requests to this source's hosts, if more than the global delay",
    "enabled": "false skips the source without deleting it",
}


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """The `[settings]` table, defaults filled in (see `WEB_SETTINGS`)."""

    contact: str = ""
    user_agent: str = ""
    delay: float = 2.0
    timeout: float = 20.0
    max_bytes: int = 5_000_000
    retries: int = 3
    backoff: float = 1.0
    max_redirects: int = 5

    @property
    def user_agent_header(self) -> str:
        """What servers see: veille, its version, and who to contact."""
        if self.user_agent:
            return self.user_agent
        contact = f" (+{self.contact})" if self.contact else ""
        return f"{ROBOTS_AGENT}/{veille.__version__}{contact}"


@dataclass(frozen=True, slots=True)
class Source:
    """One publication to watch: its feeds and/or single pages, and its own options."""

    name: str
    feeds: tuple[str, ...] = ()
    pages: tuple[str, ...] = ()
    max_articles: int | None = None
    delay: float | None = None
    enabled: bool = True


@dataclass(frozen=True, slots=True)
class SourcesConfig:
    """A whole sources file."""

    settings: FetchSettings
    sources: tuple[Source, ...]

    def host_delays(self) -> dict[str, float]:
        """Per-host delays that sources ask for (the longest wins for a shared host)."""
        from urllib.parse import urlsplit

        delays: dict[str, float] = {}
        for source in self.sources:
            if source.delay is None:
                continue
            for url in (*source.feeds, *source.pages):
                host = urlsplit(url).netloc.lower()
                delays[host] = max(delays.get(host, 0.0), source.delay)
        return delays


def load_sources(path: Path) -> SourcesConfig:
    """Read and check a sources file; raises `SourcesError` with a one-line reason."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourcesError(f"{path}: no such sources file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise SourcesError(f"{path}: cannot read it ({err})") from None
    return parse_sources(text, str(path))


def parse_sources(text: str, where: str = "sources.toml") -> SourcesConfig:
    """Parse a sources file's text (`where` names it in messages)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise SourcesError(f"{where}: not valid TOML ({err})") from None
    unknown = set(data) - {"settings", "source"}
    if unknown:
        raise SourcesError(
            f"{where}: unknown table {sorted(unknown)[0]!r}; use [settings] and [[source]]"
        )
    settings = _settings(data.get("settings", {}), where)
    raw_sources = data.get("source", [])
    if not isinstance(raw_sources, list) or not raw_sources:
        raise SourcesError(f"{where}: no [[source]] entries")
    sources = tuple(_source(raw, f"{where}: source {n}") for n, raw in enumerate(raw_sources, 1))
    names = [source.name for source in sources]
    if duplicate := next((name for name in names if names.count(name) > 1), None):
        raise SourcesError(f"{where}: two sources are named {duplicate!r}")
    return SourcesConfig(settings, sources)


def _settings(raw: Any, where: str) -> FetchSettings:
    if not isinstance(raw, dict):
        raise SourcesError(f"{where}: [settings] must be a table")
    declared = {setting.name: setting for setting in WEB_SETTINGS}
    for key in raw:
        if key not in declared:
            valid = ", ".join(declared)
            raise SourcesError(f"{where}: unknown setting {key!r}; valid: {valid}")
    values = {
        name: _typed(raw.get(name, s.default), s, f"{where}: [settings]")
        for name, s in declared.items()
    }
    return FetchSettings(**values)  # type: ignore[arg-type]


def _typed(value: object, setting: WebSetting, where: str) -> object:
    """`value` checked against the setting's type and minimum (an int is a fine float)."""
    name = setting.name
    if setting.kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, setting.kind) or isinstance(value, bool):
        raise SourcesError(f"{where} {name}: expected {setting.kind.__name__}, got {value!r}")
    if setting.minimum is not None and isinstance(value, int | float) and value < setting.minimum:
        raise SourcesError(f"{where} {name}: must be at least {setting.minimum:g}")
    return value


def _source(raw: Any, where: str) -> Source:
    if not isinstance(raw, dict):
        raise SourcesError(f"{where}: must be a table")
    for key in raw:
        if key not in SOURCE_OPTIONS:
            raise SourcesError(
                f"{where}: unknown option {key!r}; valid: {', '.join(SOURCE_OPTIONS)}"
            )
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise SourcesError(f"{where}: needs a name")
    where = f"{where} ({name})"
    feeds, pages = _urls(raw, "feeds", where), _urls(raw, "pages", where)
    if not feeds and not pages:
        raise SourcesError(f"{where}: needs feeds or pages")
    max_articles = raw.get("max_articles")
    if max_articles is not None:
        _typed(max_articles, WebSetting("max_articles", int, None, "", 1), where)
    delay = raw.get("delay")
    if delay is not None:
        delay = _typed(delay, WebSetting("delay", float, None, "", 0), where)
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise SourcesError(f"{where} enabled: expected true or false, got {enabled!r}")
    return Source(name.strip(), feeds, pages, max_articles, delay, enabled)  # type: ignore[arg-type]


def _urls(raw: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(url, str) for url in value):
        raise SourcesError(f"{where} {key}: expected a list of URLs")
    try:
        return tuple(check_web_url(url.strip()) for url in value)
    except WebUrlError as err:
        raise SourcesError(f"{where} {key}: {err}") from None
