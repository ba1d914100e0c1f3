"""Files and folders to raw documents.

Every failure becomes a `Rejected` with a reason a person can act on, so one
bad file in a folder of thousands never stops the run nor hides the others.

A document's `uri` is its name relative to what was ingested (`news/a.txt` for
`veille ingest /srv/news`), never the server's absolute path: it is stored and
shown on the article page. Rejections keep the full path, for the operator.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

from veille.records import RawDoc, Rejected
from veille.sources.decoding import BinaryContent, decode_bytes
from veille.sources.jsonl import read_jsonl
from veille.sources.warc import is_warc, read_warc

DEFAULT_MAX_BYTES = 20_000_000
MEDIA_TYPES: dict[str, Literal["text/plain", "text/html"]] = {
    ".txt": "text/plain",
    ".html": "text/html",
    ".htm": "text/html",
}
SUPPORTED = (*MEDIA_TYPES, ".jsonl")


def megabytes(size: int) -> str:
    """`25.3 MB`, `20 MB`: sizes as a person reads them."""
    return f"{size / 1_000_000:.1f} MB".replace(".0 MB", " MB")


def _os_reason(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "cannot read file (permission denied)"
    if isinstance(err, FileNotFoundError):
        return "no such file or folder"
    if isinstance(err, IsADirectoryError):
        return "is a folder, not a file"
    if err.errno == errno.ELOOP:
        return "symbolic link loop"
    return f"cannot read file ({err.strerror or err.__class__.__name__})"


def display_name(path: Path, given: Path) -> str:
    """`path` as named from what was given: `news/2024/a.txt` under `/srv/news`, `a.txt` alone."""
    base = given.parent if given.name else given
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.name


def read_file(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, name: str | None = None
) -> Iterator[RawDoc | Rejected]:
    """One supported file: a single document, or one per JSON Lines record.

    `name` is the file as documents name it (default: its file name).
    """
    uri = str(path)
    name = name or path.name
    suffix = path.suffix.lower()
    if is_warc(path):  # streamed record by record, so no size limit
        yield from read_warc(path)
        return
    if suffix not in SUPPORTED:
        kind = suffix or "(no extension)"
        yield Rejected(uri, f"unsupported file type {kind}")
        return
    if suffix == ".jsonl":
        yield from read_jsonl(path, max_bytes=max_bytes, name=name)
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Rejected(
                uri, f"file too large ({megabytes(size)} > {megabytes(max_bytes)} limit)"
            )
            return
        data = path.read_bytes()
    except OSError as err:
        yield Rejected(uri, _os_reason(err))
        return
    media_type = MEDIA_TYPES[suffix]
    try:
        decoded = decode_bytes(data, html=media_type == "text/html")
    except BinaryContent as err:
        yield Rejected(uri, str(err))
        return
    if not decoded.text.strip():
        yield Rejected(uri, "empty file")
        return
    yield RawDoc(
        id=path.name,
        uri=name,
        content=decoded.text,
        media_type=media_type,
        warnings=decoded.warnings,
    )


def _hidden(name: str) -> bool:
    return name.startswith(".")


def walk(folder: Path) -> Iterator[Path | Rejected]:
    """Supported files under a folder, sorted, hidden files and folders skipped."""
    found: list[Path] = []
    problems: list[Rejected] = []

    def on_error(err: OSError) -> None:
        where = err.filename if err.filename else folder
        reason = "permission denied" if isinstance(err, PermissionError) else err.strerror
        problems.append(Rejected(str(where), f"cannot list folder ({reason})"))

    for root, dirs, names in os.walk(folder, onerror=on_error):
        dirs[:] = [name for name in dirs if not _hidden(name)]
        found += [
            Path(root) / name
            for name in names
            if not _hidden(name) and (Path(name).suffix.lower() in SUPPORTED or is_warc(Path(name)))
        ]
    yield from problems
    yield from sorted(found)


def read_paths(
    paths: Iterable[Path | str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDoc | Rejected]:
    """Every document under the given files and folders, in a stable order."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for item in walk(path):
                if isinstance(item, Rejected):
                    yield item
                else:
                    name = display_name(item, path)
                    yield from read_file(item, max_bytes=max_bytes, name=name)
        elif path.exists() or path.is_symlink():
            yield from read_file(path, max_bytes=max_bytes, name=path.name)
        else:
            yield Rejected(str(path), "no such file or folder")
