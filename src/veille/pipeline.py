"""The one `process` function that every engine runs: raw document in, claims out.

The CLI, the web upload, the feed watcher and a Ray actor differ only in how
they feed it, so an article yields the same claims whichever way it came in.

One article has a budget (`ArticleBudget`): content past its size is refused
before any work, and cleaning and extraction that run past its time are
stopped. Either is a `Rejected` with its reason, so a hostile page can neither
hang a batch nor hold a server.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from types import FrameType

from veille.clean import clean_document
from veille.extract import extract_claims
from veille.records import Processed, RawDoc, Rejected
from veille.sources.urls import web_url

__all__ = ["ArticleBudget", "Processed", "process", "process_all", "process_within"]


@dataclass(frozen=True, slots=True)
class ArticleBudget:
    """What one article may cost. A news article is a few thousand characters
    and well under a second; these bounds are far above that and far below a hang."""

    max_chars: int = 2_000_000
    seconds: float = 30.0


DEFAULT_BUDGET = ArticleBudget()


class OverBudget(Exception):
    """Cleaning and extraction of one article ran past its time budget."""


def process(raw: RawDoc) -> Processed:
    """Clean one raw document and extract its claims."""
    article = clean_document(raw)
    if article.url is not None and web_url(article.url) is None:
        # a canonical link or a feed's url that is not http(s) is never a link
        article = replace(article, url=None)
    return Processed(raw=raw, article=article, claims=tuple(extract_claims(article)))


def over_size(raw: RawDoc, budget: ArticleBudget = DEFAULT_BUDGET) -> str | None:
    """Why a document is too large to process, or None."""
    if len(raw.content) > budget.max_chars:
        return (
            f"article too large to process ({len(raw.content):,} characters "
            f"> {budget.max_chars:,} limit)"
        )
    return None


def process_within(raw: RawDoc, budget: ArticleBudget = DEFAULT_BUDGET) -> Processed | Rejected:
    """`process` under the budget: a `Rejected` with the reason when over it, or when it fails."""
    too_large = over_size(raw, budget)
    if too_large:
        return Rejected(raw.uri, too_large)
    try:
        with _time_limit(budget.seconds):
            return process(raw)
    except OverBudget:
        return Rejected(raw.uri, f"took over {budget.seconds:g} s to process (time budget)")
    except ValueError as err:  # CleanError and friends: a reason for the user
        return Rejected(raw.uri, str(err))
    except Exception as err:  # a bug must not stop the batch; report it with its type
        return Rejected(raw.uri, f"internal error ({type(err).__name__}: {err})")


def process_all(
    items: Iterable[RawDoc | Rejected], budget: ArticleBudget = DEFAULT_BUDGET
) -> Iterator[Processed | Rejected]:
    """Process a stream; a document that fails becomes a `Rejected`, never an exception."""
    for item in items:
        yield item if isinstance(item, Rejected) else process_within(item, budget)


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise `OverBudget` in this thread after `seconds` (SIGALRM: main thread only).

    A signal interrupts Python code between bytecodes, which is where cleaning
    and extraction spend their time; off the main thread (a server's worker
    threads) no limit is set, and the caller must bound the work another way
    (the web app runs it in a child process it can kill).
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return

    def _expired(_signum: int, _frame: FrameType | None) -> None:
        raise OverBudget

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
