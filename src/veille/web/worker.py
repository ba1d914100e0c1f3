"""Uploads are processed in a child process, so the server can stop the work.

Cleaning and extraction are CPU-bound Python: run on the event loop they would
stall every other request, and run in a thread they could not be stopped. One
child process (started with `spawn`, never forked from the threaded server)
keeps the language models loaded and processes one request at a time under
`pipeline.process_within`'s budget. The server waits for each article with a
deadline and watches the client: when the client leaves, or an article runs
past its budget and the child's own limit did not stop it (a long C call), the
child is killed, and the next request starts a fresh one.
"""

from __future__ import annotations

import asyncio
import atexit
import multiprocessing
from collections.abc import Awaitable, Callable, Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import ClassVar

from veille.pipeline import ArticleBudget, Processed, process_within
from veille.records import RawDoc, Rejected

POLL_SECONDS = 0.1
# Starting a child loads the language models once: seconds, not minutes.
STARTUP_SECONDS = 120.0
# The child stops an article at its budget; the parent allows this much more
# before it kills the child itself.
GRACE_SECONDS = 5.0

Gone = Callable[[], Awaitable[bool]]


class Interrupted(Exception):
    """The work was stopped: the client left, or an article ran past its budget."""


def _serve(conn: Connection, budget: ArticleBudget) -> None:
    """The child's loop: a list of documents in, one result each out."""
    while True:
        try:
            docs: list[RawDoc] = conn.recv()
        except EOFError:  # the server closed the pipe: it is shutting down
            return
        for raw in docs:
            conn.send(process_within(raw, budget))


class ArticleWorker:
    """The child process that processes uploads, one request at a time.

    `shared` gives one worker per budget for the whole server process, so that
    apps created in one process (tests create many) share one warm child.
    """

    _shared: ClassVar[dict[ArticleBudget, ArticleWorker]] = {}

    @classmethod
    def shared(cls, budget: ArticleBudget) -> ArticleWorker:
        """The process's worker for `budget`, created (and stopped at exit) once."""
        if budget not in cls._shared:
            cls._shared[budget] = worker = cls(budget)
            atexit.register(worker.close)
        return cls._shared[budget]

    def __init__(self, budget: ArticleBudget) -> None:
        self.budget = budget
        self._lock = asyncio.Lock()
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._fresh = True

    @property
    def pid(self) -> int | None:
        """The child's process id, while one is running."""
        return self._process.pid if self._process is not None else None

    async def process(self, docs: Sequence[RawDoc], gone: Gone) -> list[Processed | Rejected]:
        """Each document processed in the child; raise `Interrupted` when stopped."""
        async with self._lock:
            if await gone():
                raise Interrupted("the client left")
            conn = self._start()
            conn.send(list(docs))
            results = []
            for raw in docs:
                results.append(await self._result(conn, raw, gone))
                if self._conn is None:  # killed over its time: the rest is not read
                    break
            return results

    def close(self) -> None:
        """Stop the child, if one is running."""
        if self._process is not None:
            self._process.kill()
            self._process.join(timeout=5)
        if self._conn is not None:
            self._conn.close()
        self._process, self._conn = None, None

    def _start(self) -> Connection:
        if self._process is not None and self._process.is_alive() and self._conn is not None:
            return self._conn
        self.close()
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        process = context.Process(
            target=_serve, args=(child, self.budget), name="veille-upload", daemon=True
        )
        process.start()
        child.close()
        self._process, self._conn, self._fresh = process, parent, True
        return parent

    async def _result(self, conn: Connection, raw: RawDoc, gone: Gone) -> Processed | Rejected:
        loop = asyncio.get_running_loop()
        allowed = self.budget.seconds + GRACE_SECONDS + (STARTUP_SECONDS if self._fresh else 0)
        deadline = loop.time() + allowed
        while not conn.poll():
            if await gone():
                self.close()
                raise Interrupted("the client left")
            if loop.time() > deadline:
                self.close()
                return Rejected(raw.uri, f"took over {self.budget.seconds:g} s (time budget)")
            if self._process is None or not self._process.is_alive():
                self.close()
                raise Interrupted("the worker process stopped")
            await asyncio.sleep(POLL_SECONDS)
        self._fresh = False
        try:
            result: Processed | Rejected = conn.recv()
        except EOFError:
            self.close()
            raise Interrupted("the worker process stopped") from None
        return result
