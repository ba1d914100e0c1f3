"""Throughput and memory benchmarks of veille's pipeline on real background news.

Run from the repository root: `python -m bench.run` (see bench/README.md).
"""
