"""One measured run, in a process of its own so that its peak memory is its own.

`run.py` starts this module once per measurement (`python -m bench.measure`)
and reads one JSON line back. Single-threaded maths libraries are forced by
the parent's environment, so "one worker" means one core.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.corpus import MissingData, Mix, documents, first
from veille.records import RawDoc


@dataclass(frozen=True, slots=True)
class Measure:
    """What one run did and what it cost."""

    engine: str
    workers: int
    articles: int
    megabytes: float
    claims: int
    rejected: int
    startup_s: float  # loading models: warm-up, or a pool's time to its first result
    steady_s: float  # from the end of start-up to the last result
    steady_cpu_s: float  # CPU seconds of the steady part; a pool's workers: 0 (not known)
    cpu_s: float  # every CPU second of the run, workers included
    peak_rss_mb: float  # the whole process tree, sampled
    digest: str  # of every claim, in order: equal digests mean equal output


class TreeMemory:
    """Peak resident memory of this process and its children, sampled every 50 ms.

    `ru_maxrss` is exact but per process; a pool's workers are separate
    processes, so their memory is summed from /proc while they run.
    """

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        self.peak = max(self.peak, own)

    def _sample(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, _tree_rss(os.getpid()))


def _tree_rss(pid: int) -> int:
    total = 0
    for proc in [pid, *_children(pid)]:
        try:
            status = Path(f"/proc/{proc}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
    return total


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            kids = [int(p) for p in task.read_text().split()]
        except OSError:
            continue
        for kid in kids:
            found += [kid, *_children(kid)]
    return found


def _counted(items: Iterable[RawDoc], sizes: list[int]) -> Iterator[RawDoc]:
    for item in items:
        sizes[0] += len(item.content.encode("utf-8"))
        yield item


def run_veille(mix: Mix, workers: int) -> Measure:
    """clean + extract (`veille.pipeline.process`), no database."""
    from veille.engines.local import LocalOptions, process_local, warm_up
    from veille.records import Processed

    sizes, claims, rejected, articles = [0], 0, 0, 0
    digest = hashlib.sha256()
    start, cpu = time.perf_counter(), _cpu()
    ready: tuple[float, float] | None = None  # (wall, cpu) when start-up ended
    with TreeMemory() as memory:
        if workers == 1:
            warm_up()  # what a pool's workers do in their initializer
            ready = time.perf_counter(), _cpu()
        for item in process_local(_counted(documents(mix), sizes), LocalOptions(workers)):
            ready = ready or (time.perf_counter(), _cpu())
            if isinstance(item, Processed):
                articles += 1
                claims += len(item.claims)
                for claim in item.claims:
                    digest.update(json.dumps(claim.to_json(), sort_keys=True).encode())
            else:
                rejected += 1
    end, end_cpu = time.perf_counter(), _cpu()
    assert ready is not None
    steady_cpu = end_cpu - ready[1] if workers == 1 else 0.0
    return Measure(
        "veille", workers, articles, sizes[0] / 1e6, claims, rejected, ready[0] - start,
        end - ready[0], steady_cpu, end_cpu - cpu, memory.peak / 1e6, digest.hexdigest()[:12],
    )  # fmt: skip


def run_baseline(mix: Mix, sample: int, *, openblas: bool = False) -> Measure:
    """The naive pipeline: the full French model (every component) on every sentence.

    Reading and cleaning are veille's own, so the two runs differ only in what
    follows; sentences are split with veille's splitter and fed to `nlp.pipe`
    in spaCy's default batches, which is the fast way to run a spaCy model.
    `openblas` builds the model on the matrix library veille's own model uses
    (`tokens.french_model`), so that the two compare on the same arithmetic.
    """
    import spacy
    from thinc.api import NumpyOps, set_current_ops

    if openblas:
        set_current_ops(NumpyOps(use_blis=False))

    import veille.clean
    import veille.extract.sentences  # noqa: F401  (imported before the clock starts)

    start, cpu = time.perf_counter(), _cpu()
    nlp = spacy.load("fr_core_news_md")
    nlp("Le modèle est chargé avant la mesure.")
    ready, ready_cpu = time.perf_counter(), _cpu()
    sizes, articles, tokens = [0], 0, 0

    def read() -> Iterator[RawDoc]:
        nonlocal articles
        for raw in _counted(first(mix, sample), sizes):
            articles += 1
            yield raw

    with TreeMemory() as memory:
        for doc in nlp.pipe(baseline_sentences(read())):
            tokens += len(doc)
    end, end_cpu = time.perf_counter(), _cpu()
    return Measure(
        "baseline", 1, articles, sizes[0] / 1e6, 0, 0, ready - start, end - ready,
        end_cpu - ready_cpu, end_cpu - cpu, memory.peak / 1e6, f"{tokens} tokens",
    )  # fmt: skip


def baseline_sentences(raws: Iterable[RawDoc]) -> Iterator[str]:
    """What the baseline reads: each document cleaned as veille cleans it, split into
    sentences with veille's splitter."""
    from veille.clean import clean_document
    from veille.extract.sentences import split_sentences

    for raw in raws:
        article = clean_document(raw)
        for index, paragraph in enumerate(article.paragraphs):
            for sentence in split_sentences(paragraph, index):
                yield sentence.text


def _cpu() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("engine", choices=["veille", "baseline", "baseline-openblas"])
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--sample", type=int, default=0, help="baseline: articles measured")
    parser.add_argument("--data", type=Path, required=True)
    args = parser.parse_args()
    mix = Mix(args.articles, args.data)
    try:
        if args.engine == "veille":
            measure = run_veille(mix, args.workers)
        else:
            measure = run_baseline(mix, args.sample, openblas=args.engine != "baseline")
    except MissingData as err:
        raise SystemExit(f"bench: {err}") from None
    print(json.dumps(asdict(measure)))


if __name__ == "__main__":
    main()
