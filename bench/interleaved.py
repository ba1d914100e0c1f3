"""The speed-up measured in one process, baseline and veille taking turns in small chunks.

A shared machine's speed drifts by a third within minutes, and even within
the minute that separates two runs: the paired rounds of `run.py` gave 33.7×,
36.9× and 40.5× for one commit. Here both pipelines are loaded in one process
and read their streams in alternating chunks of a few seconds each, each
chunk's CPU time added to its pipeline's total, so that a slow minute slows
both alike and the ratio is the code's. What the two share (veille's
cleaning) keeps no cache from one turn to the other.

    python -m bench.interleaved --articles 5000 --sample 500 --chunks 20

Prints one JSON line: each pipeline's articles, CPU seconds and articles per
CPU-second, and the ratio.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.corpus import DATA, Mix, documents
from bench.measure import baseline_sentences
from veille.records import RawDoc


def chunks(items: Sequence[RawDoc], count: int) -> list[Sequence[RawDoc]]:
    """`items` cut into `count` runs of nearly equal length, in order."""
    size, extra = divmod(len(items), count)
    cut, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        cut.append(items[start:end])
        start = end
    return cut


def baseline_reader() -> Callable[[Sequence[RawDoc]], None]:
    """The naive pipeline of `measure.run_baseline`: cleaning, then every component of
    `fr_core_news_md` on every sentence, with spaCy's default (BLIS) maths."""
    import spacy

    from veille.clean.dates import parse_date

    nlp = spacy.load("fr_core_news_md")
    nlp("Le modèle est chargé avant la mesure.")

    def read(batch: Sequence[RawDoc]) -> None:
        for _doc in nlp.pipe(baseline_sentences(batch)):
            pass
        # The two share veille's cleaning, and its date cache must not carry the
        # baseline's dates into veille's turn: cleared, veille also loses its own
        # entries, so the ratio errs against veille.
        parse_date.cache_clear()

    return read


def veille_reader() -> Callable[[Sequence[RawDoc]], None]:
    """veille's clean + extract, one process, its models loaded first."""
    from veille.engines.local import LocalOptions, process_local, warm_up

    warm_up()

    def read(batch: Sequence[RawDoc]) -> None:
        for _item in process_local(iter(batch), LocalOptions(1)):
            pass

    return read


def measure(mix: Mix, sample: int, count: int) -> dict[str, float]:
    """Both pipelines over their streams in `count` alternating chunks."""
    stream = list(documents(mix))
    pipelines = {
        "baseline": (baseline_reader(), chunks(stream[:sample], count)),
        "veille": (veille_reader(), chunks(stream, count)),
    }
    spent = dict.fromkeys(pipelines, 0.0)
    for index in range(count):
        for name, (read, parts) in pipelines.items():
            started = time.process_time()
            read(parts[index])
            spent[name] += time.process_time() - started
    rate = {
        "baseline": sample / spent["baseline"],
        "veille": len(stream) / spent["veille"],
    }
    return {
        "baseline_articles": sample,
        "baseline_cpu_s": spent["baseline"],
        "baseline_per_cpu_s": rate["baseline"],
        "veille_articles": len(stream),
        "veille_cpu_s": spent["veille"],
        "veille_per_cpu_s": rate["veille"],
        "speedup": rate["veille"] / rate["baseline"],
        "chunks": count,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000, help="background articles (N)")
    parser.add_argument("--sample", type=int, default=500, help="articles for the baseline")
    parser.add_argument("--chunks", type=int, default=20, help="turns each pipeline takes")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    print(json.dumps(measure(Mix(args.articles, args.data), args.sample, args.chunks)))


if __name__ == "__main__":
    main()
