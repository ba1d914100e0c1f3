"""Benchmark veille's pipeline against a naive spaCy pipeline, on real background news.

    python -m bench.run                  # the full run (about 15 minutes on 2 cores)
    python -m bench.run --quick          # skip the 10×N memory run
    python -m bench.run --articles 1000 --no-append

Each measurement runs in a fresh process (`bench.measure`), so its peak
memory and its model loading are its own, with the maths libraries held to
one thread. Results are printed and appended to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bench.corpus import DATA, REPO, MissingData, check_data

RESULTS = Path(__file__).with_name("RESULTS.md")
ONE_THREAD = {
    name: "1"
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")
}


@dataclass(frozen=True, slots=True)
class Plan:
    """What to measure."""

    articles: int
    baseline_sample: int
    memory_factor: int  # 0: skip the large memory run
    data: Path
    rounds: int = 3  # baseline and veille measured in turn this many times


def measure(plan: Plan, engine: str, *, articles: int, workers: int = 1) -> dict[str, Any]:
    """One measurement in a child process; its JSON line back as a dict."""
    command = [sys.executable, "-m", "bench.measure", engine, "--articles", str(articles)]
    command += ["--workers", str(workers), "--data", str(plan.data)]
    command += ["--sample", str(plan.baseline_sample)]
    return child(command, f"{engine}, {articles} articles, {workers} worker(s)")


def child(command: list[str], label: str) -> dict[str, Any]:
    """Run one measuring module with the maths held to one thread; its last JSON line."""
    print(f"… {label}", file=sys.stderr, flush=True)
    done = subprocess.run(
        command, cwd=REPO, env={**os.environ, **ONE_THREAD}, capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"bench: measurement failed:\n{done.stderr.strip()}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def rates(run: dict[str, Any]) -> dict[str, float]:
    """Per second of wall time, steady and end to end, and per CPU second (steady, one core)."""
    total = run["startup_s"] + run["steady_s"]
    return {
        "articles_s": run["articles"] / run["steady_s"],
        "end_to_end_s": run["articles"] / total,
        "mb_s": run["megabytes"] / run["steady_s"],
        "articles_cpu_s": run["articles"] / run["steady_cpu_s"] if run["steady_cpu_s"] else 0.0,
    }


def commit() -> str:
    """The checked-out commit (read only)."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
        )
    except OSError:
        return "unknown"
    return done.stdout.strip() or "unknown"


def run(plan: Plan) -> list[str]:
    """Every measurement of the plan; the report's lines.

    A shared machine's speed drifts by a third within minutes, and a ratio of
    two runs taken minutes apart drifts with it. The baseline and veille are
    therefore measured in turn, `plan.rounds` times, each ratio from a pair run
    back to back; the report shows the pair with the median ratio and lists all.
    """
    pairs = []
    for _ in range(max(1, plan.rounds)):
        baseline = measure(plan, "baseline", articles=plan.articles)
        one = measure(plan, "veille", articles=plan.articles, workers=1)
        pairs.append((speedup(baseline, one), baseline, one))
    pairs.sort(key=lambda pair: pair[0])
    _, baseline, one = pairs[len(pairs) // 2]
    same_maths = measure(plan, "baseline-openblas", articles=plan.articles)
    two = measure(plan, "veille", articles=plan.articles, workers=2)
    large = None
    if plan.memory_factor:
        large = measure(plan, "veille", articles=plan.articles * plan.memory_factor)
    turns = interleaved(plan)
    lines = report(plan, baseline, same_maths, one, two, large)
    rounds = ", ".join(f"{ratio:.1f}×" for ratio, _, _ in pairs)
    lines.insert(-1, f"- speed-up in each round, lowest first (the median is shown): {rounds}")
    lines.insert(
        -1,
        f"- speed-up with both pipelines in one process, taking {turns['chunks']} turns each "
        f"(`bench.interleaved`): **{turns['speedup']:.1f}×** "
        f"({turns['veille_per_cpu_s']:.1f} against {turns['baseline_per_cpu_s']:.1f} "
        "articles per CPU-second)",
    )
    return lines


def interleaved(plan: Plan) -> dict[str, Any]:
    """`bench.interleaved` in a child process; its JSON line back as a dict."""
    command = [sys.executable, "-m", "bench.interleaved", "--articles", str(plan.articles)]
    command += ["--sample", str(plan.baseline_sample), "--data", str(plan.data)]
    return child(command, "baseline and veille in turns, one process")


def speedup(baseline: dict[str, Any], veille: dict[str, Any]) -> float:
    """veille's articles per CPU-second over the baseline's (steady state, one core)."""
    return rates(veille)["articles_cpu_s"] / rates(baseline)["articles_cpu_s"]


def report(
    plan: Plan,
    baseline: dict[str, Any],
    same_maths: dict[str, Any],
    one: dict[str, Any],
    two: dict[str, Any],
    large: dict[str, Any] | None,
) -> list[str]:
    b, m, o, t = rates(baseline), rates(same_maths), rates(one), rates(two)
    speedup = o["articles_cpu_s"] / b["articles_cpu_s"]
    lines = [
        f"## {date.today().isoformat()} · commit {commit()} · {platform.node()} "
        f"({os.cpu_count()} CPUs, Python {platform.python_version()})",
        "",
        f"Input: {one['articles'] + one['rejected']} articles ({plan.articles} background news, "
        "2 FR : 1 EN, from "
        f"`../shared/bench/`, plus the 30 `eval/dev` articles), {one['megabytes']:.1f} MB of "
        "text. clean + extract, no database. Baseline: `fr_core_news_md`, every component, "
        f"on every sentence of the first {baseline['articles']} articles of the same stream "
        "(`nlp.pipe`), per-article cost extrapolated.",
        "",
        "| run | articles/s | MB/s | articles per CPU-s | start-up | end to end | peak RSS "
        "| claims |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        _row("baseline (spaCy on every sentence)", baseline, b),
        _row("baseline, numpy/OpenBLAS matrices as veille's model", same_maths, m),
        _row("veille, 1 worker", one, o),
        _row("veille, 2 workers", two, t),
    ]
    if large is not None:
        lines.append(_row(f"veille, 1 worker, {large['articles']} articles", large, rates(large)))
    lines += [
        "",
        "articles/s and MB/s: steady state, after the models are loaded; end to end: "
        "articles/s start-up included; articles per CPU-s: steady, one core.",
        "",
        f"- speed-up over the baseline, one core: **{speedup:.1f}×** per CPU-second "
        f"({o['articles_s'] / b['articles_s']:.1f}× in wall time); over the baseline on the "
        f"same matrix library: {o['articles_cpu_s'] / m['articles_cpu_s']:.1f}×",
        f"- 2 workers vs 1: **{t['articles_s'] / o['articles_s']:.2f}×** in steady state, "
        f"{t['end_to_end_s'] / o['end_to_end_s']:.2f}× end to end; same claims: "
        f"{'yes' if one['digest'] == two['digest'] else 'NO'}",
        f"- rejected (no main text after cleaning): {one['rejected']}",
    ]
    if large is not None:
        lines.append(
            f"- memory: peak RSS {one['peak_rss_mb']:.0f} MB at {one['articles']} articles, "
            f"{large['peak_rss_mb']:.0f} MB at {large['articles']}"
        )
    return [*lines, ""]


def _row(name: str, run: dict[str, Any], rate: dict[str, float]) -> str:
    claims = run["claims"] if run["engine"] == "veille" else "—"
    per_cpu = f"{rate['articles_cpu_s']:.1f}" if rate["articles_cpu_s"] else "—"
    return (
        f"| {name} | {rate['articles_s']:.1f} | {rate['mb_s']:.3f} | {per_cpu} | "
        f"{run['startup_s']:.1f} s | {rate['end_to_end_s']:.1f} | {run['peak_rss_mb']:.0f} MB "
        f"| {claims} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="veille's throughput and memory benchmark")
    parser.add_argument("--articles", type=int, default=5000, help="background articles (N)")
    parser.add_argument("--baseline-sample", type=int, default=500, help="articles for spaCy")
    parser.add_argument("--memory-factor", type=int, default=10, help="the large run is this×N")
    parser.add_argument("--quick", action="store_true", help="skip the large memory run")
    parser.add_argument(
        "--rounds", type=int, default=3, help="baseline/veille pairs measured in turn"
    )
    parser.add_argument("--data", type=Path, default=DATA, help="folder of news_*.jsonl.gz")
    parser.add_argument("--no-append", action="store_true", help="do not write RESULTS.md")
    args = parser.parse_args()
    try:
        check_data(args.data)
    except MissingData as err:
        sys.exit(f"bench: {err}")
    plan = Plan(
        args.articles,
        min(args.baseline_sample, args.articles),
        0 if args.quick else args.memory_factor,
        args.data.resolve(),
        args.rounds,
    )
    lines = run(plan)
    print("\n".join(lines))
    if not args.no_append:
        with RESULTS.open("a", encoding="utf-8") as results:
            results.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
