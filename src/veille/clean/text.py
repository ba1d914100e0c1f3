"""Scraped text to article paragraphs: split, drop boilerplate lines, dedupe.

Scraped pages keep their menus, share bars and teasers as short lines, often
separated by a single newline, so the unit of cleaning is the line. Each line
that goes is counted under a rule name, so a new site's noise shows up in the
statistics instead of silently in the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import islice

from veille.clean import boilerplate
from veille.clean.dates import dateline_date, lead_dateline_date

MAX_TEASER_LINES = 10
MAX_LABEL_WORDS = 5
LEAD_LINES = 3
BLANK = re.compile(r"^[\s\u200b\u2060\ufeff]*$")
INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u200b\u200c\u200d\u2060\ufeff]")
SENTENCE_END = (".", "!", "?", "…", "»", '"', "”", ":", ";", ")")
WORD = re.compile(r"[^\W_]+")
REAL_WORD = re.compile(r"[^\W\d_]{2,}")  # what `has_text` counts: no digits, two letters or more


@dataclass(frozen=True, slots=True)
class Cleaned:
    """What the line pass kept and learnt about one document."""

    paragraphs: tuple[str, ...]
    title: str | None
    published: date | None
    drops: Counter[str]


def normalise(text: str) -> str:
    """One paragraph's text: NFC, invisible characters gone, each whitespace run one space.

    No-break spaces become plain spaces, so `500 000` stays one readable number;
    typographic apostrophes and quotes are left as written.
    """
    text = INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return " ".join(text.split())


def has_text(paragraphs: Iterable[str]) -> bool:
    """At least one paragraph with a few real words: less is not an article."""
    return any(_count(REAL_WORD, p, 3) >= 3 for p in paragraphs)


def _words(line: str) -> int:
    return len(WORD.findall(line))


def _count(words: re.Pattern[str], text: str, enough: int) -> int:
    """How many words `text` holds, counted up to `enough` only (a body paragraph has hundreds)."""
    return sum(1 for _ in islice(words.finditer(text), enough))


def is_prose(line: str) -> bool:
    """A body sentence rather than a heading, label or link."""
    words = _words(line)
    return words >= 25 or (words >= 6 and line.endswith((".", "!", "?", "…", "»", '"', "”")))


def split_lines(text: str) -> list[str]:
    """Non-blank lines, with hard-wrapped prose joined back into one line."""
    lines: list[str] = []
    joinable = False
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if BLANK.match(raw):
            joinable = False
            continue
        line = normalise(raw)
        if not line:
            joinable = False
            continue
        if joinable and lines and line[0].islower():
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
        joinable = len(lines[-1]) >= 50 and not lines[-1].endswith(SENTENCE_END)
    return lines


def whitespace_only_lines(text: str) -> int:
    """Lines made of spaces or no-break spaces: noise worth counting, not content."""
    return sum(1 for raw in text.splitlines() if raw and BLANK.match(raw))


def _classify(lines: list[str]) -> tuple[list[str | None], date | None]:
    """A drop reason per line (None keeps it), and the first dateline's date."""
    reasons: list[str | None] = []
    published: date | None = None
    teaser_left = 0
    in_comments = False
    seen_prose = False
    for line in lines:
        reason: str | None = None
        kind = boilerplate.read_also(line)
        if in_comments:
            reason = "comments"
        elif kind:
            reason, teaser_left = "read-also", (MAX_TEASER_LINES if kind == "heading" else 0)
        elif boilerplate.comments_heading(line):
            reason, in_comments = "comments", seen_prose
        elif teaser_left and not is_prose(line):
            reason = boilerplate.match_rule(line) or "read-also"
            teaser_left -= 1
        else:
            teaser_left = 0
            marker = boilerplate.updated_marker(line)
            if marker and marker.start() == 0:
                reason = "updated-date"
            else:
                reason = boilerplate.match_rule(line)
            when = dateline_date(line) if reason in (None, "byline", "section-label") else None
            if when is not None:
                reason = "dateline"
                published = published or when
        if reason is None and not seen_prose and is_prose(line):
            seen_prose = True
        reasons.append(reason)
    if published is None:
        kept = [line for line, reason in zip(lines, reasons, strict=True) if reason is None]
        published = next(filter(None, map(lead_dateline_date, kept[:LEAD_LINES])), None)
    return reasons, published


def _header(lines: list[str], reasons: list[str | None]) -> str | None:
    """Pick the title among the kept lines before the first prose line; drop the labels.

    The headline is the longest of those lines; the short ones around it are
    section names, kickers and menu leftovers.
    """
    header: list[int] = []
    for i, (line, reason) in enumerate(zip(lines, reasons, strict=True)):
        if reason is not None:
            continue
        if is_prose(line):
            break
        header.append(i)
    if not header:
        return None
    title_at = max(header, key=lambda i: len(lines[i]))
    for i in header:
        if i != title_at and _words(lines[i]) <= MAX_LABEL_WORDS:
            reasons[i] = "section-label"
    return lines[title_at]


def dedupe_key(paragraph: str) -> str:
    """Two paragraphs are the same when they differ only in whitespace or quote style."""
    return " ".join(paragraph.replace("’", "'").replace("“", '"').replace("”", '"').split())


def clean_lines(lines: Iterable[str]) -> Cleaned:
    """Run the line rules over a document's lines."""
    lines = [line for line in lines if line]
    reasons, published = _classify(lines)
    title = _header(lines, reasons)
    drops: Counter[str] = Counter()
    kept: list[str] = []
    seen: set[str] = set()
    for line, reason in zip(lines, reasons, strict=True):
        key = dedupe_key(line)
        if reason is not None:
            drops[f"boilerplate:{reason}"] += 1
        elif key in seen:
            drops["duplicate-paragraph"] += 1
        else:
            seen.add(key)
            kept.append(line)
    return Cleaned(tuple(kept), title, published, drops)
