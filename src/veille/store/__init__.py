"""The veille store: articles, organisations and their claims in SQL.

A library first; the CLI and the web app are thin layers over it::

    db = Database.connect("veille.db")
    report = ingest(db, process_all(read_paths(["news/"])))
    query_claims(db, ClaimFilter(subject="Renault Maroc", metric="employment"))
"""

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
