"""The one `process` function that every engine runs: raw document in, claims out.

The CLI, the web upload, the feed watcher and a Ray actor differ only in how
they feed it, so an article yields the same claims whichever way it came in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from veille.clean import clean_document
from veille.extract import extract_claims
from veille.records import Article, Claim, RawDoc, Rejected


@dataclass(frozen=True, slots=True)
class Processed:
    """An article with the claims read from it."""

    raw: RawDoc
    article: Article
    claims: tuple[Claim, ...]


def process(raw: RawDoc) -> Processed:
    """Clean one raw document and extract its claims."""
    article = clean_document(raw)
    return Processed(raw=raw, article=article, claims=tuple(extract_claims(article)))


def process_all(items: Iterable[RawDoc | Rejected]) -> Iterator[Processed | Rejected]:
    """Process a stream; a document that fails becomes a `Rejected`, never an exception."""
    for item in items:
        if isinstance(item, Rejected):
            yield item
            continue
        try:
            yield process(item)
        except ValueError as err:  # CleanError and friends: a reason for the user
            yield Rejected(item.uri, str(err))
        except Exception as err:  # a bug must not stop the batch; report it with its type
            yield Rejected(item.uri, f"internal error ({type(err).__name__}: {err})")
