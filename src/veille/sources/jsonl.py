"""JSON Lines files: one article a line.

A bad line is rejected on its own, with its line number, and reading goes on:
a feed dump with one truncated record must still deliver all the others.
Lines are streamed, so a big file never sits in memory whole.

What a careless or hostile feed may hold is a reason, never an exception: a
number too long for Python's int parser rejects its line; a lone surrogate
escape (`\\ud800`), which no UTF-8 text can hold, becomes U+FFFD with a
warning; a `url` that is not http(s) is dropped with a warning, since it would
be rendered as a link.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from veille.records import RawDoc, Rejected
from veille.sources.decoding import BinaryContent, decode_bytes
from veille.sources.urls import web_url

METADATA_FIELDS = ("url", "title", "published")
CHUNK = 1 << 20
_SURROGATE = re.compile("[\ud800-\udfff]")  # json pairs escaped surrogates; any left is lone


def _lines(handle: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(number, bytes) per line; bytes is None for a line longer than max_bytes."""
    number = 0
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := handle.readline(CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, line


def parse_record(raw: Any, path: Path, number: int, where: str) -> RawDoc | Rejected:
    """One JSON object as a document: its text or HTML, id and metadata."""
    if not isinstance(raw, dict):
        return Rejected(where, f"expected a JSON object, got {type(raw).__name__}")
    text, html = raw.get("text"), raw.get("html")
    if isinstance(html, str) and html.strip():
        content, media_type = html, "text/html"
    elif isinstance(text, str) and text.strip():
        content, media_type = text, "text/plain"
    else:
        return Rejected(where, "no 'text' or 'html' field with content")
    given_id = raw.get("id")
    doc_id = (
        str(given_id)
        if isinstance(given_id, (str, int)) and not isinstance(given_id, bool) and str(given_id)
        else f"{path.name}#{number}"
    )
    metadata = {
        key: raw[key].strip()
        for key in METADATA_FIELDS
        if isinstance(raw.get(key), str) and raw[key].strip()
    }
    warnings: tuple[str, ...] = ()
    if "url" in metadata and web_url(metadata["url"]) is None:
        del metadata["url"]
        warnings = ("url dropped (not an http or https URL)",)
    return RawDoc(
        id=doc_id,
        uri=where,
        content=content,
        media_type="text/html" if media_type == "text/html" else "text/plain",
        metadata=metadata,
        warnings=warnings,
    )


def read_jsonl(
    path: Path, *, max_bytes: int, name: str | None = None
) -> Iterator[RawDoc | Rejected]:
    """Each line of a JSON Lines file as a document or a rejection.

    A document's `uri` names the file as `name` (as it was given, see
    `files.display_name`); rejections name the path, for the operator to find it.
    """
    try:
        handle = path.open("rb")
    except OSError as err:
        reason = "permission denied" if isinstance(err, PermissionError) else err.strerror
        yield Rejected(str(path), f"cannot read file ({reason})")
        return
    seen_any = False
    with handle:
        try:
            for number, line in _lines(handle, max_bytes):
                where = f"{path} line {number}"
                if line is None:
                    seen_any = True  # the file is not empty: its line was too long
                    yield Rejected(where, f"line too large (over {max_bytes} bytes)")
                    continue
                if not line.strip():
                    continue
                seen_any = True
                item = _parse_line(line, path, number, where)
                if isinstance(item, RawDoc) and name is not None:
                    item = replace(item, uri=f"{name} line {number}")
                yield item
        except OSError as err:
            yield Rejected(str(path), f"cannot read file ({err.strerror})")
            return
    if not seen_any:
        yield Rejected(str(path), "empty file")


def _parse_line(line: bytes, path: Path, number: int, where: str) -> RawDoc | Rejected:
    try:
        decoded = decode_bytes(line.strip())
    except BinaryContent as err:
        return Rejected(where, str(err))
    try:
        raw = json.loads(decoded.text)
    except json.JSONDecodeError as err:
        return Rejected(where, f"not valid JSON ({err.msg}, column {err.colno})")
    except RecursionError:
        return Rejected(where, "not valid JSON (nested too deeply)")
    except ValueError as err:  # an integer past Python's 4 300-digit conversion limit
        return Rejected(where, f"not valid JSON ({str(err).split(';')[0]})")
    raw, surrogates = _replace_lone_surrogates(raw)
    record = parse_record(raw, path, number, where)
    if isinstance(record, RawDoc):
        extra = ("lone surrogate escapes replaced",) if surrogates else ()
        warnings = (*decoded.warnings, *extra, *record.warnings)
        return replace(record, warnings=warnings) if warnings else record
    return record


def _replace_lone_surrogates(raw: Any) -> tuple[Any, bool]:
    """The record's top-level strings with lone surrogates as U+FFFD; whether any was found."""
    if not isinstance(raw, dict):
        return raw, False
    found = False
    fixed: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, str) and _SURROGATE.search(value):
            value, found = _SURROGATE.sub("\ufffd", value), True
        fixed[key] = value
    return fixed, found
