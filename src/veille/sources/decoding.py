"""Bytes to text, without ever raising on odd input.

Scraped files arrive as strict UTF-8 most of the time, but older French sites
still serve cp1252/latin-1, and copy-pasted files sometimes carry a few broken
bytes. Each case decodes differently, and the reader should know which one
happened, so every decision except strict UTF-8 leaves a warning.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

# Encodings charset-normalizer may pick for a news text; a narrow list keeps
# its guess stable on short texts (a long tail of rare codecs can win by noise:
# cp1250 reads French `à` as `ŕ` and scores as well as cp1252, so it is left out).
CANDIDATES: tuple[str, ...] = (
    "utf_8",
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1251",
    "cp1256",
    "utf_16",
)
SNIFF_BYTES = 8192
MAX_CONTROL_RATIO = 0.05
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MIXED_WORD = re.compile(
    r"[A-Za-z][\u0400-\u04ff\u0600-\u06ff]|[\u0400-\u04ff\u0600-\u06ff][A-Za-z]"
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)


class BinaryContent(ValueError):
    """The bytes are not text (NUL bytes, or mostly control characters)."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and what the decoder had to do to get it."""

    text: str
    warnings: tuple[str, ...] = ()


def declared_charset(data: bytes) -> str | None:
    """The codec an HTML page declares in `<meta charset>` (or http-equiv), if Python knows it."""
    found = _META_CHARSET.search(data[:SNIFF_BYTES])
    if not found:
        return None
    try:
        name = codecs.lookup(found.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    # As browsers do (WHATWG): a page labelled latin-1 or ascii is windows-1252.
    return "cp1252" if name in ("iso8859-1", "latin-1", "ascii") else name


def _check_text(text: str) -> str:
    sample = text[:SNIFF_BYTES]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > MAX_CONTROL_RATIO:
        raise BinaryContent("binary file (mostly non-text bytes)")
    return text


def _broken_utf8(data: bytes) -> bool:
    """Mostly valid UTF-8 with a few bad bytes, rather than a single-byte codepage.

    In cp1252 French text almost no accented byte happens to start a valid UTF-8
    sequence, so valid multi-byte characters outnumbering the bad bytes is a
    strong sign the file was meant to be UTF-8.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    good = sum(1 for char in text if ord(char) > 127 and char != "\ufffd")
    return good >= 2 * bad


def decode_bytes(data: bytes, *, html: bool = False) -> Decoded:
    """Decode a document's bytes; raise `BinaryContent` when they are not text."""
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return Decoded(_check_text(data.decode(codec)), ("decoded as utf-16",))
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:SNIFF_BYTES]:
        raise BinaryContent("binary file (contains NUL bytes)")
    try:
        return Decoded(_check_text(data.decode("utf-8-sig")))
    except UnicodeDecodeError:
        pass
    if html and (declared := declared_charset(data)) and declared not in ("utf-8", "utf-16"):
        text = data.decode(declared, errors="replace")
        return Decoded(_check_text(text), (f"decoded as {declared} (declared in <meta charset>)",))
    if _broken_utf8(data):
        text = data.decode("utf-8-sig", errors="replace")
        return Decoded(_check_text(text), ("invalid UTF-8 bytes replaced",))
    best = charset_normalizer.from_bytes(data, cp_isolation=list(CANDIDATES)).best()
    if best is None:
        raise BinaryContent("binary file (no text encoding fits)")
    encoding = "cp1252" if best.encoding in ("latin_1", "iso8859_15") else best.encoding
    if encoding in ("cp1251", "cp1256") and _MIXED_WORD.search(str(best)):
        # Latin letters glued to Cyrillic or Arabic ones inside a word: a short
        # Western text that a non-Latin codepage happened to fit.
        encoding = "cp1252"
    if encoding == "utf_8":
        return Decoded(
            _check_text(data.decode("utf-8", errors="replace")), ("invalid UTF-8 bytes replaced",)
        )
    text = data.decode(encoding, errors="replace")
    return Decoded(_check_text(text), (f"decoded as {encoding}",))
