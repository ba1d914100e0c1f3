"""WARC and WARC.gz archives (Common Crawl, CC-NEWS) to raw documents.

A crawl archive holds far more than articles: requests, metadata, images,
JSON, redirects and error pages. Only HTTP `response` records with status 200
and an HTML body are documents; every other record is skipped and counted by
reason in an optional `Counter`, since listing each image of a crawl one line
at a time would bury the rejections that matter.

A record that should have been a document but cannot be read (a binary body, a
response without a target URI) becomes a `Rejected`. A damaged file (cut short,
bad gzip, not a WARC at all) yields the documents read before the damage, then
one `Rejected` for the file: a batch of archives never stops on one bad file.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from fastwarc.warc import ArchiveIterator, WarcRecordType

from veille.records import RawDoc, Rejected
from veille.sources.decoding import BinaryContent, Decoded, decode_bytes

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
MAX_ID_SLUG = 80
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_DAMAGED = "damaged WARC file"


def is_warc(path: Path) -> bool:
    """Whether a path names a WARC archive, compressed or not."""
    return path.name.lower().endswith(WARC_SUFFIXES)


def document_id(target_uri: str | None, record_id: str | None) -> str:
    """A stable, file-name-safe id: a readable slug of the URL plus a short hash of it.

    The URL, not the record id, names the article, so a page crawled again
    keeps its id and its newer text replaces the older one in the store. The
    hash keeps two URLs apart when their slugs collide or are cut short.
    """
    key = target_uri or record_id or ""
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
    if not target_uri:
        return f"warc-{digest}"
    without_scheme = target_uri.split("://", 1)[-1]
    slug = _UNSAFE.sub("-", without_scheme).strip("-._")[:MAX_ID_SLUG].rstrip("-._")
    return f"{slug or 'warc'}-{digest}"


def decode_body(body: bytes, http_charset: str | None) -> Decoded:
    """Decode an HTML body, honouring the charset the HTTP header declares.

    Valid UTF-8 wins over a declared single-byte charset: servers that label
    UTF-8 pages `iso-8859-1` are common, and real cp1252 French text is almost
    never valid UTF-8. Raises `BinaryContent` when the body is not text.
    """
    decoded = decode_bytes(body, html=True)
    charset = _codec(http_charset)
    if not decoded.warnings or charset is None or charset in ("utf-8", "utf-16"):
        return decoded
    text = body.decode(charset, errors="replace")
    return Decoded(text, (f"decoded as {charset} (declared in the HTTP Content-Type)",))


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # As browsers do (WHATWG): a page labelled latin-1 or ascii is windows-1252.
    return "cp1252" if codec in ("iso8859-1", "latin-1", "ascii") else codec


def read_warc(path: Path, skipped: Counter[str] | None = None) -> Iterator[RawDoc | Rejected]:
    """The HTML pages of a WARC archive, in file order; other records are counted in `skipped`."""
    counts: Counter[str] = Counter() if skipped is None else skipped
    uri = str(path)
    try:
        handle = path.open("rb")
    except OSError as err:
        reason = "permission denied" if isinstance(err, PermissionError) else err.strerror
        yield Rejected(uri, f"cannot read file ({reason})")
        return
    found_any = False
    with handle:
        try:
            # HTTP headers are parsed per record once its whole block is in memory,
            # so that a record cut short is told apart from a short one.
            for record in ArchiveIterator(handle, parse_http=False, stream_detect=True):
                found_any = True
                oversized = _oversized(record)
                if oversized:
                    yield Rejected(uri, oversized)
                    continue
                damage = _truncation(record)
                if damage:
                    yield Rejected(uri, f"{_DAMAGED}: {damage}")
                    return
                item = _document(record, uri, counts)
                if item is not None:
                    yield item
        except OSError as err:  # fastwarc reports bad headers and bad gzip as OSError
            reason = str(err) or type(err).__name__
            yield Rejected(uri, f"{_DAMAGED}: {reason.rstrip('.')}")
            return
    if not found_any:
        empty = path.stat().st_size == 0
        yield Rejected(uri, "empty file" if empty else f"{_DAMAGED}: no WARC record found")


# A news page is far smaller; a record above this is never read into memory.
MAX_RECORD_BYTES = 20_000_000


def _oversized(record: Any) -> str | None:
    """Why a record is skipped unread: a declared length beyond the limit."""
    declared = record.headers.get("Content-Length", "")
    if declared.strip().isdigit() and int(declared) > MAX_RECORD_BYTES:
        size = int(declared) / 1e6
        return (
            f"record at byte {record.stream_pos} is too large "
            f"({size:.1f} MB > {MAX_RECORD_BYTES / 1e6:.0f} MB limit)"
        )
    return None


def _truncation(record: Any) -> str | None:
    """Why a record is incomplete, or None: its block must be as long as it declares."""
    declared = record.headers.get("Content-Length")
    if declared is None or not declared.strip().isdigit():
        return f"record at byte {record.stream_pos} has no valid Content-Length (cut short?)"
    record.freeze()  # reads the block into memory: its true length is now known
    if record.content_length < int(declared):
        return (
            f"record at byte {record.stream_pos} is cut short "
            f"({record.content_length} of {int(declared)} bytes)"
        )
    return None


def _document(record: Any, uri: str, counts: Counter[str]) -> RawDoc | Rejected | None:
    """A page from one complete record, a `Rejected`, or None for a record that is no page."""
    if record.record_type != WarcRecordType.response:
        counts[f"warc:{record.record_type}"] += 1
        return None
    record.parse_http(auto_decode="all")
    headers = record.http_headers
    where = f"{uri} record {record.record_id or record.stream_pos}"
    if headers is None:
        counts["warc:not-http"] += 1
        return None
    if headers.status_code != 200:
        counts[f"warc:status-{headers.status_code}"] += 1
        return None
    if (record.http_content_type or "").lower() not in HTML_TYPES:
        counts["warc:not-html"] += 1
        return None
    target = record.headers.get("WARC-Target-URI")
    if not target:
        return Rejected(where, "response record without WARC-Target-URI")
    try:
        decoded = decode_body(record.reader.read(), record.http_charset)
    except BinaryContent as err:
        return Rejected(where, str(err))
    if not decoded.text.strip():
        return Rejected(where, "empty HTML body")
    fetched: datetime | None = record.record_date
    return RawDoc(
        id=document_id(target, record.record_id),
        uri=target,
        content=decoded.text,
        media_type="text/html",
        fetched_at=fetched,
        metadata={"url": target, "warc_file": uri},
        warnings=decoded.warnings,
    )
