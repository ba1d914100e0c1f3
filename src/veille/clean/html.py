"""HTML pages to text lines and metadata.

trafilatura finds the main text (favouring precision, so comments, related
blocks and banners go); its lines then go through the same line rules as
scraped text, which catches what it lets through. A truncated or broken page
falls back on the page's plain text, so it yields what text it has.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import htmldate
import lxml.html
import trafilatura
from lxml import etree

from veille.clean.dates import parse_loose

XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "sailthru.date",
)
DROP_TAGS = (
    "head",
    "title",
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "template",
)
# fmt: off
BLOCK_TAGS = frozenset(
    [
        "p", "div", "section", "article", "main", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5",
        "h6", "blockquote", "br", "tr", "td", "th", "figcaption", "header", "footer", "dd", "dt",
        "pre",
    ]
)
# fmt: on


@dataclass(frozen=True, slots=True)
class HtmlParts:
    """What a page gives before the line rules run."""

    text: str
    title: str | None
    published: date | None
    url: str | None
    page_text: str


def parse_tree(html: str) -> Any | None:
    """An lxml tree, or None for a page lxml cannot read at all."""
    try:
        return lxml.html.fromstring(XML_DECLARATION.sub("", html, count=1))
    except (etree.ParserError, ValueError):
        return None


def _json_ld_dates(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        value = node.get("datePublished")
        if isinstance(value, str):
            yield value
        for child in node.values():
            yield from _json_ld_dates(child)
    elif isinstance(node, list):
        for child in node:
            yield from _json_ld_dates(child)


def declared_date(tree: Any) -> date | None:
    """The publication date the page declares: JSON-LD `datePublished`, then meta tags."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "null")
        except (json.JSONDecodeError, RecursionError):
            continue
        for value in _json_ld_dates(data):
            if when := parse_loose(value):
                return when
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in PUBLISHED_META and (when := parse_loose(meta.get("content", ""))):
            return when
    return None


def _collect(element: Any, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else None
    block = tag in BLOCK_TAGS
    if block:
        parts.append("\n")
    if tag and element.text:
        parts.append(element.text)
    for child in element:
        _collect(child, parts)
    if block:
        parts.append("\n")
    if element.tail:
        parts.append(element.tail)


def page_text(tree: Any) -> str:
    """The page's visible text, one block a line, page furniture (nav, footer...) removed."""
    for bad in tree.xpath("|".join(f"//{tag}" for tag in DROP_TAGS)):
        if bad.getparent() is not None:
            bad.drop_tree()
    parts: list[str] = []
    _collect(tree, parts)
    return "".join(parts)


def _htmldate(html: str) -> date | None:
    try:
        found = htmldate.find_date(html, original_date=True, extensive_search=False)
    except Exception:  # a third-party parser on hostile input: a date is never worth a crash
        return None
    return parse_loose(found) if found else None


def extract_html(html: str) -> HtmlParts:
    """Main text (one paragraph a line), title, first publication date and URL of a page."""
    tree = parse_tree(html)
    if tree is None:
        return HtmlParts("", None, None, None, "")
    try:
        doc = trafilatura.bare_extraction(
            html,
            favor_precision=True,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
            deduplicate=False,
        )
    except Exception:  # trafilatura on a broken page: fall back on the page text below
        doc = None
    text = getattr(doc, "text", None) or ""
    title = getattr(doc, "title", None) or None
    url = getattr(doc, "url", None) or None
    published = declared_date(tree) or _htmldate(html)
    return HtmlParts(text, title, published, url, page_text(tree))
