"""JSON Lines files: one article a line.

A bad line is rejected on its own, with its line number, and reading goes on:
a feed dump with one truncated record must still deliver all the others.
Lines are streamed, so a big file never sits in memory whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from veille.records import RawDoc, Rejected
from veille.sources.decoding import BinaryContent, decode_bytes

METADATA_FIELDS = ("url", "title", "published")
CHUNK = 1 << 20


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
    return RawDoc(
        id=doc_id,
        uri=where,
        content=content,
        media_type="text/html" if media_type == "text/html" else "text/plain",
        metadata=metadata,
    )


def read_jsonl(path: Path, *, max_bytes: int) -> Iterator[RawDoc | Rejected]:
    """Each line of a JSON Lines file as a document or a rejection."""
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
                    yield Rejected(where, f"line too large (over {max_bytes} bytes)")
                    continue
                if not line.strip():
                    continue
                seen_any = True
                yield _parse_line(line, path, number, where)
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
    record = parse_record(raw, path, number, where)
    if isinstance(record, RawDoc) and decoded.warnings:
        return replace(record, warnings=decoded.warnings)
    return record
