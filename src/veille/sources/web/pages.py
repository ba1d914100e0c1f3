"""Article pages: fetched bytes to a `RawDoc` the clean stage reads like a file.

Decoding follows the browser's order: the charset the server declares, then
the page's own `<meta charset>` (an older French site in windows-1252 says so
only there), then a guess. Main text, title and date are left to the clean
stage (trafilatura, JSON-LD `datePublished`, htmldate); the page hands it its
canonical URL, which also becomes the article id.
"""

from __future__ import annotations

import codecs
from datetime import UTC, datetime

from veille.records import RawDoc
from veille.sources.decoding import BinaryContent, Decoded, decode_bytes
from veille.sources.web.canonical import article_id, canonical_url
from veille.sources.web.http import FetchError, PoliteClient, Response

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})


def fetch_page(client: PoliteClient, url: str) -> RawDoc:
    """Fetch one article page; raises `FetchError` when it cannot be used."""
    return page_document(client.get(url), requested=url)


def page_document(response: Response, requested: str) -> RawDoc:
    """The raw document of a fetched page, identified by its final canonical URL."""
    media_type = response.media_type or "text/html"
    if media_type not in HTML_TYPES | TEXT_TYPES:
        raise FetchError(requested, f"not a web page ({media_type})")
    html = media_type in HTML_TYPES
    try:
        decoded = _decode(response.content, response.charset, html=html)
    except BinaryContent as err:
        raise FetchError(requested, str(err)) from None
    if not decoded.text.strip():
        raise FetchError(requested, "empty page")
    canonical = canonical_url(response.url)
    return RawDoc(
        id=article_id(canonical),
        uri=canonical,
        content=decoded.text,
        media_type="text/html" if html else "text/plain",
        fetched_at=datetime.now(UTC),
        metadata={"url": canonical},
        warnings=decoded.warnings,
    )


def _decode(data: bytes, declared: str | None, *, html: bool) -> Decoded:
    """Text of a body: the server's charset when it names a codec Python knows, else sniffed."""
    if declared:
        try:
            codec = codecs.lookup(declared).name
        except LookupError:
            codec = None
        if codec in ("iso8859-1", "ascii"):
            codec = "cp1252"  # as browsers read these labels (WHATWG)
        if codec is not None:
            text = data.decode(codec, errors="replace")
            warnings = ("invalid bytes replaced",) if "\ufffd" in text else ()
            return Decoded(text, warnings)
    return decode_bytes(data, html=html)
