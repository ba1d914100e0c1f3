"""The tables of a veille database as the code reads them, for SQLite and PostgreSQL.

The migrations (`migrations.py`) create them, each with its own frozen copy
of the DDL it shipped with: a change here needs a new migration.

Only portable types are used (no SQLite-only SQL), so the same declarations
create the same schema on both engines.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

schema_migrations = sa.Table(
    "schema_migrations",
    metadata,
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.String(500), primary_key=True),  # the doc id of SCHEMA.md
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("language", sa.String(16), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    # The raw form is kept (zlib) so that a better extractor can re-read history.
    sa.Column("raw_content", sa.LargeBinary, nullable=False),
    sa.Column("media_type", sa.String(64), nullable=False),
    sa.Column("source_uri", sa.Text, nullable=False),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("extractor_version", sa.String(64), nullable=False),
)

entities = sa.Table(
    "entities",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(300), nullable=False, unique=True),
    sa.Column("kind", sa.String(64), nullable=False),
    sa.Column("country", sa.String(100)),
    sa.Column("parent", sa.String(300)),  # the parent's canonical name, if any
)

aliases = sa.Table(
    "aliases",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id"), nullable=False),
    sa.Column("alias", sa.String(300), nullable=False),
    # One folded form names one entity: that is what makes lookups unambiguous.
    sa.Column("folded", sa.String(300), nullable=False, unique=True),
    sa.Index("ix_aliases_entity_id", "entity_id"),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.String(500), sa.ForeignKey("articles.id"), nullable=False),
    sa.Column("subject_id", sa.Integer, sa.ForeignKey("entities.id"), nullable=False),
    sa.Column("subject_mention", sa.Text, nullable=False),
    sa.Column("metric", sa.String(64), nullable=False),
    sa.Column("value", sa.Float),
    sa.Column("unit", sa.String(32)),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("year", sa.Integer),
    sa.Column("qualifier", sa.String(16), nullable=False),
    sa.Column("location", sa.String(200)),
    sa.Column("object_id", sa.Integer, sa.ForeignKey("entities.id")),
    sa.Column("object_name", sa.String(300)),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("paragraph", sa.Integer, nullable=False),
    sa.Column("char_start", sa.Integer, nullable=False),
    sa.Column("char_end", sa.Integer, nullable=False),
    # A hash of (article, subject and object by canonical name, metric, value,
    # unit, status, year): the same in every database (ids would not be). A
    # plain composite key would let duplicates through, because NULL (a
    # partnership's value, an unknown year) never equals NULL in a UNIQUE index.
    sa.Column("claim_key", sa.String(64), nullable=False),
    sa.UniqueConstraint("article_id", "claim_key", name="uq_claims_article_key"),
    sa.CheckConstraint("status IN ('actual', 'target')", name="ck_claims_status"),
    sa.Index("ix_claims_subject_id", "subject_id"),
    sa.Index("ix_claims_object_id", "object_id"),
    sa.Index("ix_claims_metric", "metric"),
)

# Stories (migration 0002): copies of one text — a syndicated dispatch, a page
# scraped twice under two addresses — are one story, so that analysis counts
# independent sources, not copies.
stories = sa.Table(
    "stories",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

story_members = sa.Table(
    "story_members",
    metadata,
    sa.Column("article_id", sa.String(500), sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id"), nullable=False),
    # The article's MinHash signature (veille.dedup.shingles), and how it was
    # made: only signatures of one kind can be compared.
    sa.Column("signature", sa.LargeBinary, nullable=False),
    sa.Column("sketch", sa.String(64), nullable=False),
    # Why it joined: the member it matched and their estimated Jaccard
    # similarity; NULL and 1.0 for the article that started the story.
    sa.Column("matched_article_id", sa.String(500)),
    sa.Column("similarity", sa.Float, nullable=False),
    sa.Index("ix_story_members_story_id", "story_id"),
)

# What `veille fetch` remembers between runs (store.fetch_state, migration 0004).
feed_state = sa.Table(
    "feed_state",
    metadata,
    sa.Column("url", sa.String(2000), primary_key=True),  # the feed URL as sources.toml gives it
    # The validators of the last complete read: sent back so an unchanged feed answers 304.
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("status", sa.Text, nullable=False),  # "200", "304" or why the read failed
)

page_urls = sa.Table(
    "page_urls",
    metadata,
    # Every canonical URL an article was reached by (as linked, after redirects):
    # a URL seen before is not fetched again, whichever feed links it.
    sa.Column("url", sa.String(2000), primary_key=True),
    sa.Column("article_id", sa.String(500), sa.ForeignKey("articles.id"), nullable=False),
    sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_page_urls_article_id", "article_id"),
)
