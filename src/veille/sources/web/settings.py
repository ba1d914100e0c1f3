"""`sources.toml`: what to watch and how politely, declared and validated in one place.

The fetch settings are one declared table (name, type, default, help), as
datasette's SETTINGS: the pydantic models that validate the file are built
from it, it fills the defaults and it writes the table in `docs/watching.md`,
so the three never disagree. A problem is one line naming the file, the
table or source, and the field.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, create_model

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


# The two tables as models, built from the declarations above so that the
# file's checks, its defaults and the docs' table cannot disagree.
_STRICT = ConfigDict(extra="forbid", strict=True)
_SettingsTable = create_model(  # type: ignore[call-overload]
    "SettingsTable",
    __config__=_STRICT,
    **{s.name: (s.kind, Field(s.default, ge=s.minimum)) for s in WEB_SETTINGS},
)


class _SourceTable(BaseModel):
    """One `[[source]]` (each option is described in `SOURCE_OPTIONS`)."""

    model_config = _STRICT

    name: Annotated[str, StringConstraints(pattern=r"\S")]
    feeds: list[str] | str = []
    pages: list[str] | str = []
    max_articles: int | None = Field(None, ge=1)
    delay: float | None = Field(None, ge=0)
    enabled: bool = True


def _problem(error: Mapping[str, Any], where: str, unknown: str, valid: Iterable[str]) -> str:
    """One pydantic error as one line: `sources.toml: [settings] delay: must be at least 0`."""
    field = ".".join(str(part) for part in error["loc"][:1])
    kind, got = error["type"], error.get("input")
    if kind == "extra_forbidden":
        return f"{where}: unknown {unknown} {field!r}; valid: {', '.join(valid)}"
    if kind == "missing" or (field == "name" and kind == "string_pattern_mismatch"):
        return f"{where}: needs a {field}"
    if kind.startswith("greater_than"):
        return f"{where} {field}: must be at least {error['ctx']['ge']:g}"
    wanted = {"float_type": "float", "int_type": "int", "bool_type": "true or false"}
    return (
        f"{where} {field}: expected {wanted.get(kind, 'a string or a list of URLs')}, got {got!r}"
    )


def _settings(raw: Any, where: str) -> FetchSettings:
    if not isinstance(raw, dict):
        raise SourcesError(f"{where}: [settings] must be a table")
    try:
        table = _SettingsTable.model_validate(raw)
    except ValidationError as err:
        names = [setting.name for setting in WEB_SETTINGS]
        problem = _problem(err.errors()[0], f"{where}: [settings]", "setting", names)
        raise SourcesError(problem) from None
    return FetchSettings(**table.model_dump())


def _source(raw: Any, where: str) -> Source:
    if not isinstance(raw, dict):
        raise SourcesError(f"{where}: must be a table")
    if isinstance(raw.get("name"), str) and raw["name"].strip():
        where = f"{where} ({raw['name'].strip()})"
    try:
        table = _SourceTable.model_validate(raw)
    except ValidationError as err:
        raise SourcesError(_problem(err.errors()[0], where, "option", SOURCE_OPTIONS)) from None
    feeds, pages = _urls(table.feeds, "feeds", where), _urls(table.pages, "pages", where)
    if not feeds and not pages:
        raise SourcesError(f"{where}: needs feeds or pages")
    return Source(table.name.strip(), feeds, pages, table.max_articles, table.delay, table.enabled)


def _urls(value: list[str] | str, key: str, where: str) -> tuple[str, ...]:
    urls = [value] if isinstance(value, str) else value
    try:
        return tuple(check_web_url(url.strip()) for url in urls)
    except WebUrlError as err:
        raise SourcesError(f"{where} {key}: {err}") from None
