"""The fast paths give the claims of the plain ones: the process pool, and the model triage.

Equivalence tests on the dev gold articles, not timings: speed is measured
by `python -m bench.run`, never asserted here.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from pathlib import Path

import pytest

from veille.engines.local import LocalOptions, process_local
from veille.extract import extract_claims
from veille.records import Article, Processed, RawDoc, Rejected
from veille.sources import read_paths

DEV = Path(__file__).resolve().parents[1] / "eval" / "dev" / "texts"


def dev_stream() -> Iterator[RawDoc | Rejected]:
    """The dev articles, with a rejection from the source and one from cleaning among them."""
    for position, item in enumerate(read_paths([DEV])):
        if position == 5:
            yield Rejected("feed.jsonl line 7", "not valid JSON (Expecting value, column 1)")
        if position == 11:
            yield RawDoc("blank", "blank.txt", "   \n\n  ", "text/plain")
        yield item


def outcome(item: Processed | Rejected) -> tuple[object, ...]:
    """Everything a consumer reads from one result, claims and their evidence spans included."""
    if isinstance(item, Rejected):
        return ("rejected", item.uri, item.reason)
    return (
        item.raw.id,
        item.article.content_hash,
        item.article.language,
        item.article.published,
        tuple((c.to_json(), c.evidence, c.subject_mention) for c in item.claims),
    )


@pytest.mark.slow
def test_two_workers_yield_the_same_results_as_one_process_in_the_same_order() -> None:
    alone = [outcome(item) for item in process_local(dev_stream())]
    pooled = []
    workers_seen = 0
    # Children alive before the pool (the web app's shared upload worker, started by an
    # earlier test of the session) are not the pool's.
    before = {child.pid for child in multiprocessing.active_children()}
    for item in process_local(dev_stream(), LocalOptions(workers=2, chunk_size=3)):
        ours = [c for c in multiprocessing.active_children() if c.pid not in before]
        workers_seen = max(workers_seen, len(ours))
        pooled.append(outcome(item))
    assert workers_seen == 2
    assert pooled == alone
    assert sum(len(o[4]) for o in alone if o[0] != "rejected") > 150  # claims were compared
    assert [o[2] for o in alone if o[0] == "rejected"] == [
        "not valid JSON (Expecting value, column 1)",
        "no main text found",
    ]


def test_a_pool_needs_at_least_one_worker() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        LocalOptions(workers=0)


def dev_articles() -> list[Article]:
    processed = process_local(read_paths([DEV]))
    return [item.article for item in processed if isinstance(item, Processed)]


@pytest.mark.slow
def test_the_model_triage_changes_no_claim_of_the_dev_articles() -> None:
    articles = dev_articles()
    assert len(articles) == 30
    for article in articles:
        assert extract_claims(article) == extract_claims(article, exhaustive=True), article.id


def on_a_feed(title: str, *paragraphs: str) -> Article:
    return Article("feed-1", None, title, None, "fr", paragraphs)


def summary(article: Article) -> list[tuple[object, ...]]:
    return [(c.subject, c.metric, c.value, c.status) for c in extract_claims(article)]


def test_an_article_naming_no_known_organisation_nor_home_place_is_off_topic() -> None:
    body = "La société Zorglub Industries emploiera 2 000 personnes {} d'ici 2026."
    expected = [("Zorglub Industries", "employment", 2000, "target")]
    assert summary(on_a_feed("Un nouvel employeur", body.format("à Lyon"))) == []
    # Read, NER and all, when the article names a known carmaker or a place at home.
    assert summary(on_a_feed("Renault recrute", body.format("à Lyon"))) == expected
    assert summary(on_a_feed("Un nouvel employeur", body.format("à Kénitra"))) == expected
