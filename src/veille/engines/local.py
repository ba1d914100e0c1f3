"""The one-machine engine: `veille.pipeline.process` over a pool of worker processes.

Cleaning and extraction are CPU-bound Python, so threads would share one
core; a `ProcessPoolExecutor` gives each worker its own interpreter. Each
worker loads the gazetteer, the lexicon and the language models once, when
it starts, and then runs the very `process_all` the single-process path runs,
on chunks of documents (one round trip per chunk, not per document).

The input is a stream and stays one: at most `workers × in_flight` chunks
are out at any time, so memory does not grow with the corpus. Results come
back in input order, so the output is the same whatever the number of workers.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice

from veille.pipeline import process, process_all
from veille.records import Processed, RawDoc, Rejected

Item = RawDoc | Rejected
Result = Processed | Rejected

# French and English, with a figure, a plan and an organisation: every model loads.
_WARM_UP = tuple(
    RawDoc(f"warm-up-{n}", "warm-up", text, "text/plain")
    for n, text in enumerate(
        (
            "Renault Maroc emploiera 1 000 personnes en 2026.",
            "Renault Morocco will employ 1,000 people in 2026.",
        )
    )
)


@dataclass(frozen=True, slots=True)
class LocalOptions:
    """How to run: `workers=1` processes in this process, with no pool at all."""

    workers: int = 1
    chunk_size: int = 16  # documents per task: fewer round trips, still fine-grained
    in_flight: int = 4  # chunks waiting per worker: keeps workers busy, bounds memory

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ValueError(f"workers must be at least 1, not {self.workers}")
        if self.chunk_size < 1 or self.in_flight < 1:
            raise ValueError("chunk_size and in_flight must be at least 1")


def warm_up() -> None:
    """Load every model and table `process` uses, so the first document pays nothing."""
    for raw in _WARM_UP:
        process(raw)


def process_local(
    items: Iterable[Item], options: LocalOptions = LocalOptions()
) -> Iterator[Result]:
    """Process a stream of documents on this machine, results in input order.

    Same contract as `veille.pipeline.process_all`: a document that fails
    becomes a `Rejected`, never an exception.
    """
    if options.workers == 1:
        yield from process_all(items)
        return
    with ProcessPoolExecutor(max_workers=options.workers, initializer=warm_up) as pool:
        pending: deque[Future[list[Result]]] = deque()
        limit = options.workers * options.in_flight
        for chunk in _chunks(items, options.chunk_size):
            pending.append(pool.submit(_process_chunk, chunk))
            if len(pending) >= limit:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _process_chunk(chunk: list[Item]) -> list[Result]:
    """What a worker runs: the single-process path, on one chunk."""
    return list(process_all(chunk))


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
