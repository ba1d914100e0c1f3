"""Publication dates: find the article's own date line and parse it.

A date counts only on a *dateline*: a short line that is mostly a date (with
perhaps a byline, a section name or a time). Dates inside body sentences are
events, and `Updated` dates are not the first publication, so both are left out.
Month names are dateparser's business, in French and English, day first.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

import dateparser

from veille.clean.boilerplate import updated_marker

SETTINGS = {
    "DATE_ORDER": "DMY",
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DATES_FROM": "past",
}
LANGUAGES = ["fr", "en"]
MAX_DATELINE = 100
MAX_OTHER_WORDS = 4

_WORD = r"[^\W\d_]{3,10}\.?"
DATE_SHAPES = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}\b"
    r"|\b\d{1,2}[./-]\d{1,2}[./-]\d{4}\b"
    rf"|\b\d{{1,2}}(?:er|st|nd|rd|th)?\s+{_WORD},?\s+\d{{4}}\b"
    rf"|\b{_WORD}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b",
    re.UNICODE,
)
TIME = re.compile(
    r"\b\d{1,2}\s*[h:]\s*\d{2}(?:\s*[ap]\.?\s?m\.?)?|\b\d+\s*min(?:ute)?s?(?:\s+read)?\b",
    re.IGNORECASE,
)
# fmt: off
FILLER = frozenset(
    [
        "le", "la", "du", "publié", "publiée", "publie", "mis", "en", "ligne", "on", "at", "à",
        "a", "published", "posted", "gmt", "utc", "cet", "read", "lecture", "min", "par", "by",
    ]
)
# fmt: on


@lru_cache(maxsize=4096)
def parse_date(text: str) -> date | None:
    """A full day-month-year date in French or English, day first when numeric."""
    try:
        parsed = dateparser.parse(text, languages=LANGUAGES, settings=SETTINGS)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date() if parsed else None


def parse_loose(text: str) -> date | None:
    """A date from metadata (ISO timestamps or any full date)."""
    iso = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        try:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    found = DATE_SHAPES.search(text)
    return parse_date(found.group(0)) if found else None


def dateline_date(line: str) -> date | None:
    """The date a line states when the line is a dateline, else None."""
    if len(line) > MAX_DATELINE:
        return None
    updated = updated_marker(line)
    head = line[: updated.start()] if updated else line
    for found in DATE_SHAPES.finditer(head):
        when = parse_date(found.group(0))
        if when is None:
            continue
        rest = TIME.sub(" ", head[: found.start()] + " " + head[found.end() :])
        words = [w for w in re.findall(r"[^\W\d_]+", rest) if w.lower() not in FILLER]
        sentence = line.rstrip().endswith((".", "!", "?")) and not re.search(
            r"[ap]\.m\.$", line.rstrip()
        )
        if len(words) <= (1 if sentence else MAX_OTHER_WORDS):
            return when
        return None
    return None


LEAD_CITY = re.compile(
    r"^[A-ZÀ-Ý][^\W\d_]*(?:[ '’-][^\W\d_]+){0,3}\s*(?:\([^)]{1,20}\))?\s*,\s*(?:(?:le|on)\s+)?",
    re.UNICODE,
)
LEAD_END = re.compile(r"\s*(?:\([^)]{1,20}\))?\s*[—–-]\s")


def lead_dateline_date(paragraph: str) -> date | None:
    """The date of a wire-style lead, `Kenitra, le 12 février 2025 — Le groupe…`."""
    city = LEAD_CITY.match(paragraph)
    if not city:
        return None
    found = DATE_SHAPES.match(paragraph, city.end())
    if not found or not LEAD_END.match(paragraph, found.end()):
        return None
    return parse_date(found.group(0))
