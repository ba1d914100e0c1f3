"""The watcher: feeds and pages to stored claims, once (`fetch_once`) or on a schedule.

An engine only feeds `pipeline.process` and `store.ingest`; what it adds is
the bookkeeping of a crawl: which URLs are new, which feeds changed, when to
stop. A stop request (SIGINT/SIGTERM in the CLI) is honoured between two
articles, and ingest commits each article in its own transaction, so a
stopped run leaves whole articles only and the next run does the rest.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import exc

from veille.records import RawDoc, Rejected
from veille.sources.web import (
    FeedRead,
    FetchError,
    FetchStopped,
    PoliteClient,
    Source,
    SourcesConfig,
    canonical_url,
    fetch_page,
    read_feed,
)
from veille.store import Database, ingest
from veille.store.database import one_line
from veille.store.fetch_state import (
    article_state,
    feed_state,
    known_urls,
    remember_urls,
    save_feed_state,
    stored_article_id,
)

if TYPE_CHECKING:
    from veille.records import Processed
    from veille.store.ingestion import EntityLookup

Progress = Callable[[str | None, int], None]  # (page just handled or None, pages planned)
_INTERVAL = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd])")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True, slots=True)
class SourceReport:
    """What one run did for one source.

    `unchanged` counts links to articles already stored (from an earlier run,
    another feed, or with another tracking query); `not_modified` the feeds
    that answered 304; `pending` the pages left for the next run
    (`max_articles`, or a stop).
    """

    name: str
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: tuple[Rejected, ...] = ()
    not_modified: int = 0
    pending: int = 0


@dataclass(frozen=True, slots=True)
class FetchReport:
    """One run over every enabled source."""

    sources: tuple[SourceReport, ...]
    claims_added: int = 0
    stopped: bool = False
    warnings: tuple[str, ...] = ()

    @property
    def new(self) -> int:
        return sum(source.new for source in self.sources)

    @property
    def reached_anything(self) -> bool:
        """Whether any feed or page answered: false when the network (or every site) is down."""
        return any(s.new or s.updated or s.unchanged or s.not_modified for s in self.sources)


@dataclass(frozen=True, slots=True)
class _Task:
    url: str
    canonical: str
    feed: str | None


@dataclass(slots=True)
class _SourceRun:
    """One source's plan and counters while a run goes on."""

    source: Source
    tasks: list[_Task] = field(default_factory=list)
    reads: list[FeedRead] = field(default_factory=list)
    outcomes: dict[str, int] = field(default_factory=dict)
    failed: list[Rejected] = field(default_factory=list)
    blocked_feeds: set[str] = field(default_factory=set)  # feeds whose validators must wait
    done: int = 0
    deferred: int = 0  # pages beyond max_articles

    def count(self, outcome: str) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1

    def fail(self, url: str, reason: str, feed: str | None, *, retry: bool) -> None:
        self.failed.append(Rejected(url, reason))
        if retry and feed is not None:
            self.blocked_feeds.add(feed)

    def report(self) -> SourceReport:
        return SourceReport(
            name=self.source.name,
            new=self.outcomes.get("new", 0),
            updated=self.outcomes.get("updated", 0),
            unchanged=self.outcomes.get("unchanged", 0),
            failed=tuple(self.failed),
            not_modified=sum(1 for read in self.reads if read.not_modified),
            pending=self.deferred + len(self.tasks) - self.done,
        )


def fetch_once(
    db: Database,
    config: SourcesConfig,
    *,
    stop: threading.Event | None = None,
    progress: Progress | None = None,
    lookup_entity: EntityLookup | None = None,
) -> FetchReport:
    """Read every enabled source once; store new articles; return what happened per source."""
    stop = stop or threading.Event()
    run = _FetchRun(db, config, stop, progress)
    with PoliteClient(config.settings, host_delays=config.host_delays(), stop=stop) as client:
        run.client = client
        # 1. Read the feeds (conditional GET) and list the pages not stored yet.
        run.plan()
        # 2. Fetch, clean, extract and store those pages, one transaction per article.
        report = ingest(db, run.documents(), progress=run.stored, lookup_entity=lookup_entity)
    run.ingest_failures(report.failed)
    # 3. Keep each feed's validators, unless some of its pages must be tried again.
    run.save_feeds()
    return FetchReport(
        sources=tuple(source.report() for source in run.sources),
        claims_added=report.claims_added,
        stopped=run.stopped,
        warnings=tuple(run.warnings) + report.warnings,
    )


class _FetchRun:
    """The state of one `fetch_once`: plans per source, and the link from pages to them."""

    def __init__(
        self, db: Database, config: SourcesConfig, stop: threading.Event, progress: Progress | None
    ) -> None:
        self.db = db
        self.stop = stop
        self.progress = progress or (lambda _url, _total: None)
        self.sources = [_SourceRun(source) for source in config.sources if source.enabled]
        self.client: PoliteClient | None = None
        self.stopped = False
        self.warnings: list[str] = []
        self._pending: dict[str, tuple[_SourceRun, _Task, str]] = {}  # page uri -> its task
        self._total = 0

    def plan(self) -> None:
        seen: set[str] = set()  # canonical URLs planned in this run, across sources
        for run in self.sources:
            links: list[_Task] = []
            for url in run.source.feeds:
                if self._stop_requested():
                    return
                links += self._read_feed(run, url)
            links += [_Task(url, canonical_url(url), None) for url in run.source.pages]
            known = known_urls(self.db, (task.canonical for task in links))
            for task in links:
                if task.canonical in known or task.canonical in seen:
                    run.count("unchanged")
                    continue
                seen.add(task.canonical)
                run.tasks.append(task)
            limit = run.source.max_articles
            if limit is not None and len(run.tasks) > limit:
                run.blocked_feeds |= {t.feed for t in run.tasks[limit:] if t.feed is not None}
                run.deferred = len(run.tasks) - limit
                del run.tasks[limit:]
        self._total = sum(len(run.tasks) for run in self.sources)
        self.progress(None, self._total)

    def _read_feed(self, run: _SourceRun, url: str) -> list[_Task]:
        assert self.client is not None
        state = feed_state(self.db, url)
        try:
            read = read_feed(
                self.client,
                url,
                etag=state.etag if state else None,
                last_modified=state.last_modified if state else None,
            )
        except FetchStopped:
            self.stopped = True
            return []
        except FetchError as err:
            run.fail(url, f"feed: {err.reason}", None, retry=False)
            save_feed_state(self.db, url, err.reason, keep_validators=True)
            return []
        run.reads.append(read)
        self.warnings += read.skipped
        return [_Task(link.url, link.canonical, url) for link in read.links]

    def documents(self) -> Iterator[Processed | Rejected]:
        """Each planned page, processed; fetch and cleaning failures are counted, not yielded."""
        from veille.pipeline import process_all  # loads the language models

        for run in self.sources:
            for task in run.tasks:
                if self._stop_requested():
                    return
                item = self._fetch(run, task)
                if item is None:
                    continue
                processed = next(process_all([item]))
                if isinstance(processed, Rejected):
                    run.fail(task.url, processed.reason, task.feed, retry=False)
                    self._handled(run, task)
                    continue
                self._pending[processed.raw.uri] = (
                    run,
                    task,
                    article_state(self.db, processed.article),
                )
                yield processed

    def _fetch(self, run: _SourceRun, task: _Task) -> RawDoc | None:
        assert self.client is not None
        try:
            return fetch_page(self.client, task.url)
        except FetchStopped:
            self.stopped = True
        except FetchError as err:
            run.fail(task.url, err.reason, task.feed, retry=err.retryable)
            self._handled(run, task)
        return None

    def stored(self, item: Processed | Rejected) -> None:
        """After ingest's transaction for one page: map its URLs to the article it became."""
        if isinstance(item, Rejected):
            return
        run, task, outcome = self._pending[item.raw.uri]
        article_id = stored_article_id(self.db, item.article)
        if article_id is not None:  # None: the database refused it; ingest reports why
            remember_urls(self.db, (task.canonical, item.raw.uri), article_id)
            run.count(outcome)
            del self._pending[item.raw.uri]
        self._handled(run, task)

    def ingest_failures(self, failed: tuple[Rejected, ...]) -> None:
        for rejected in failed:
            if rejected.uri in self._pending:
                run, task, _ = self._pending.pop(rejected.uri)
                run.fail(task.url, rejected.reason, task.feed, retry=True)

    def save_feeds(self) -> None:
        for run in self.sources:
            unfinished = {task.feed for task in run.tasks[run.done :]}
            for read in run.reads:
                hold = self.stopped or read.url in run.blocked_feeds or read.url in unfinished
                status = "304" if read.not_modified else "200"
                save_feed_state(
                    self.db,
                    read.url,
                    status,
                    etag=read.etag,
                    last_modified=read.last_modified,
                    keep_validators=hold,
                )

    def _handled(self, run: _SourceRun, task: _Task) -> None:
        run.done += 1
        self.progress(task.url, self._total)

    def _stop_requested(self) -> bool:
        if self.stop.is_set():
            self.stopped = True
        return self.stopped


def parse_interval(text: str) -> float:
    """Seconds in `30s`, `15m`, `1h`, `1h30m`, `1d` (or a plain number of seconds)."""
    cleaned = text.strip().lower()
    try:
        seconds = float(cleaned)
    except ValueError:
        parts = _INTERVAL.findall(cleaned)
        if not parts or _INTERVAL.sub("", cleaned).strip():
            raise ValueError(f"not an interval: {text!r} (try 30m, 1h, 1h30m or 1d)") from None
        seconds = sum(float(number) * _UNIT_SECONDS[unit] for number, unit in parts)
    if not math.isfinite(seconds) or seconds <= 0:
        raise ValueError(f"the interval must be a positive duration, not {text!r}")
    return seconds


def watch(
    db: Database,
    config: SourcesConfig,
    every: float,
    *,
    stop: threading.Event,
    on_report: Callable[[FetchReport], None],
    on_error: Callable[[str], None] | None = None,
    progress: Progress | None = None,
    lookup_entity: EntityLookup | None = None,
) -> int:
    """Run `fetch_once` every `every` seconds until `stop` is set; return the runs made.

    The interval runs from the start of one run to the start of the next, so
    a slow run does not push the schedule back; a run longer than the
    interval is followed at once by the next. A run the database cut short
    (locked, server restarting) is reported to `on_error` and the watch goes
    on: what it committed stays, the next run does the rest.
    """
    runs = 0
    while not stop.is_set():
        started = time.monotonic()
        try:
            report = fetch_once(
                db, config, stop=stop, progress=progress, lookup_entity=lookup_entity
            )
        except exc.OperationalError as err:
            if on_error is None:
                raise
            on_error(f"run failed, database error: {one_line(err)}")
        else:
            on_report(report)
        runs += 1
        stop.wait(max(0.0, started + every - time.monotonic()))
    return runs
