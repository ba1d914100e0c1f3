"""The veille store: articles, organisations and their claims in SQL.

A library first; the CLI and the web app are thin layers over it::

    db = Database.connect("veille.db")
    report = ingest(db, process_all(read_paths(["news/"])))
    query_claims(db, ClaimFilter(subject="Renault Maroc", metric="employment"))
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Each name is imported on first use, from the module that defines it: a
# read-only command needs the queries, not ingestion, search or reprocessing.
if TYPE_CHECKING:
    from veille.store.database import DEFAULT_URL, Database, StoreError, fold_name
    from veille.store.ingestion import IngestReport, ingest
    from veille.store.queries import (
        ClaimFilter,
        EntityCard,
        EntityRow,
        MetricClaims,
        StoredClaim,
        entity_card,
        find_entity,
        list_entities,
        query_claims,
        suggest_entities,
        unknown_entity_message,
    )
    from veille.store.reprocess import ArticleChange, ReprocessReport, reprocess
    from veille.store.search import ArticleMatch, EntityMatch, SearchResults, search

_HOMES = {
    "DEFAULT_URL": "veille.store.database",
    "Database": "veille.store.database",
    "StoreError": "veille.store.database",
    "fold_name": "veille.store.database",
    "IngestReport": "veille.store.ingestion",
    "ingest": "veille.store.ingestion",
    "ClaimFilter": "veille.store.queries",
    "EntityCard": "veille.store.queries",
    "EntityRow": "veille.store.queries",
    "MetricClaims": "veille.store.queries",
    "StoredClaim": "veille.store.queries",
    "entity_card": "veille.store.queries",
    "find_entity": "veille.store.queries",
    "list_entities": "veille.store.queries",
    "query_claims": "veille.store.queries",
    "suggest_entities": "veille.store.queries",
    "unknown_entity_message": "veille.store.queries",
    "ArticleChange": "veille.store.reprocess",
    "ReprocessReport": "veille.store.reprocess",
    "reprocess": "veille.store.reprocess",
    "ArticleMatch": "veille.store.search",
    "EntityMatch": "veille.store.search",
    "SearchResults": "veille.store.search",
    "search": "veille.store.search",
}

__all__ = [
    "DEFAULT_URL",
    "ArticleChange",
    "ArticleMatch",
    "ClaimFilter",
    "Database",
    "EntityCard",
    "EntityMatch",
    "EntityRow",
    "IngestReport",
    "MetricClaims",
    "ReprocessReport",
    "SearchResults",
    "StoreError",
    "StoredClaim",
    "entity_card",
    "find_entity",
    "fold_name",
    "ingest",
    "list_entities",
    "query_claims",
    "reprocess",
    "search",
    "suggest_entities",
    "unknown_entity_message",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'veille.store' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
