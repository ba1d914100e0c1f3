"""One raw document to one `Article`: the cleaning stage's entry point."""

from __future__ import annotations

from collections import Counter

from veille.clean.dates import parse_loose
from veille.clean.errors import CleanError
from veille.clean.html import extract_html
from veille.clean.language import detect_language
from veille.clean.text import clean_lines, has_text, split_lines, whitespace_only_lines
from veille.records import Article, RawDoc


def clean_with_stats(raw: RawDoc) -> tuple[Article, Counter[str]]:
    """Clean a document and count every dropped line by the rule that dropped it."""
    meta = raw.metadata
    title = meta.get("title")
    url = meta.get("url")
    published = parse_loose(meta["published"]) if meta.get("published") else None
    drops: Counter[str] = Counter()
    if raw.media_type == "text/html":
        parts = extract_html(raw.content)
        text = parts.text
        if not text.strip():
            text = parts.page_text
            drops["html:extractor-found-nothing"] += 1
        cleaned = clean_lines(split_lines(text))
        title = title or parts.title or cleaned.title
        url = url or parts.url
        if published is None and parts.published is None and cleaned.published is None:
            published = clean_lines(split_lines(parts.page_text)).published
        published = published or parts.published or cleaned.published
    else:
        drops["boilerplate:whitespace-only"] += whitespace_only_lines(raw.content)
        cleaned = clean_lines(split_lines(raw.content))
        title = title or cleaned.title
        published = published or cleaned.published
    drops.update(cleaned.drops)
    if not has_text(cleaned.paragraphs):
        raise CleanError("no main text found")
    article = Article(
        id=raw.id,
        url=url,
        title=title,
        published=published,
        language=detect_language("\n\n".join(cleaned.paragraphs)),
        paragraphs=cleaned.paragraphs,
    )
    return article, +drops


def clean_document(raw: RawDoc) -> Article:
    """The cleaned article; raises `CleanError` when no main text remains."""
    return clean_with_stats(raw)[0]
