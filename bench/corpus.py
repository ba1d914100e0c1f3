"""The benchmark's input: real background news mixed with the dev gold articles.

The background articles live outside the repository, in `../shared/bench/`
(their licences forbid copying them into it), and are read from there at run
time, streamed: gzip line by line, never a list of all articles. French and
English are interleaved two to one, as in the corpus, and the 30 `eval/dev`
articles are spread evenly through the stream so that the run also meets the
articles the extractor is made for.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from veille.records import RawDoc, Rejected
from veille.sources import read_paths

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "bench"
DEV = REPO / "eval" / "dev" / "texts"
FILES = {"fr": "news_fr.jsonl.gz", "en": "news_en.jsonl.gz"}
# Two French articles for one English one: the corpus's own proportion (34,818 / 17,018).
PATTERN = ("fr", "fr", "en")


class MissingData(Exception):
    """The background corpus is not where the benchmark looks for it."""


@dataclass(frozen=True, slots=True)
class Mix:
    """How many background articles, and from where."""

    articles: int
    data: Path = DATA
    with_dev: bool = True


def check_data(data: Path) -> None:
    """Fail with one clear line when a corpus file is missing."""
    for name in FILES.values():
        if not (data / name).is_file():
            raise MissingData(
                f"benchmark corpus not found: {data / name} (the background news is read "
                "from ../shared/bench/ next to the repository; see bench/README.md)"
            )


def documents(mix: Mix) -> Iterator[RawDoc]:
    """The mixed stream: `mix.articles` background articles, plus the dev articles."""
    check_data(mix.data)
    dev = _dev_documents() if mix.with_dev else []
    every = max(1, mix.articles // len(dev)) if dev else 0
    streams = {lang: _background(mix.data / name, lang) for lang, name in FILES.items()}
    for index in range(mix.articles):
        if dev and index % every == 0:
            yield dev.pop(0)
        lang = PATTERN[index % len(PATTERN)]
        try:
            yield next(streams[lang])
        except StopIteration:
            needed = f"{mix.articles} articles need"
            raise MissingData(f"too few {lang} articles in {mix.data}: {needed} more") from None
    yield from dev


def _dev_documents() -> list[RawDoc]:
    """The 30 dev articles: small enough to hold, read like any folder."""
    return [item for item in read_paths([DEV]) if not isinstance(item, Rejected)]


def _background(path: Path, lang: str) -> Iterator[RawDoc]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            record = json.loads(line)
            metadata = {
                key: record[field]
                for key, field in (("title", "title"), ("url", "url"), ("published", "date"))
                if record.get(field)
            }
            yield RawDoc(
                id=str(record["id"]),
                uri=f"{path.name}#{number}",
                content=record["text"],
                media_type="text/plain",
                metadata=metadata,
            )


def first(mix: Mix, count: int) -> Iterator[RawDoc]:
    """The stream's first `count` documents: the baseline's sample."""
    return islice(documents(mix), count)
