"""Feeds and pages from the web, fetched politely: the `veille fetch` source.

config = load_sources(Path("sources.toml"))
with PoliteClient(config.settings) as client:
    feed = read_feed(client, "https://example.org/auto/rss.xml")
    page = fetch_page(client, feed.links[0].url)   # a RawDoc for `pipeline.process`
"""

from veille.sources.web.canonical import WebUrlError, article_id, canonical_url, check_web_url
from veille.sources.web.feeds import FeedLink, FeedRead, parse_feed, read_feed
from veille.sources.web.http import FetchError, FetchStopped, PoliteClient, Response
from veille.sources.web.pages import fetch_page, page_document
from veille.sources.web.settings import (
    SOURCE_OPTIONS,
    WEB_SETTINGS,
    FetchSettings,
    Source,
    SourcesConfig,
    SourcesError,
    load_sources,
    parse_sources,
)

__all__ = [
    "SOURCE_OPTIONS",
    "WEB_SETTINGS",
    "FeedLink",
    "FeedRead",
    "FetchError",
    "FetchSettings",
    "FetchStopped",
    "PoliteClient",
    "Response",
    "Source",
    "SourcesConfig",
    "SourcesError",
    "WebUrlError",
    "article_id",
    "canonical_url",
    "check_web_url",
    "fetch_page",
    "load_sources",
    "page_document",
    "parse_feed",
    "parse_sources",
    "read_feed",
]
