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


# The month names datelines use, French and English, full and abbreviated.
# A date written with one of them is read here; any other shape goes to
# dateparser, which costs milliseconds a call (a tenth of cleaning's time).
# fmt: off
MONTHS = {
    "janvier": 1, "janv": 1, "january": 1, "jan": 1, "février": 2, "fevrier": 2, "févr": 2,
    "fevr": 2, "fév": 2, "fev": 2, "february": 2, "feb": 2, "mars": 3, "march": 3, "mar": 3,
    "avril": 4, "avr": 4, "april": 4, "apr": 4, "mai": 5, "may": 5, "juin": 6, "june": 6,
    "jun": 6, "juillet": 7, "juil": 7, "july": 7, "jul": 7, "août": 8, "aout": 8, "august": 8,
    "aug": 8, "septembre": 9, "sept": 9, "september": 9, "sep": 9, "octobre": 10,
    "october": 10, "oct": 10, "novembre": 11, "november": 11, "nov": 11, "décembre": 12,
    "decembre": 12, "déc": 12, "dec": 12, "december": 12,
}
# fmt: on
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")
_DAY_MONTH = re.compile(r"(\d{1,2})(?:er|st|nd|rd|th)?\s+([^\W\d_]+)\.?,?\s+(\d{4})")
_MONTH_DAY = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")


def _plain_date(text: str) -> date | None:
    """The date of a common shape (ISO, day/month/year, a month named), else None."""
    day = month = year = None
    if found := _ISO.fullmatch(text):
        year, month, day = (int(part) for part in found.groups())
    elif found := _NUMERIC.fullmatch(text):
        day, month, year = (int(part) for part in found.groups())
    elif (found := _DAY_MONTH.fullmatch(text)) and found[2].lower() in MONTHS:
        day, month, year = int(found[1]), MONTHS[found[2].lower()], int(found[3])
    elif (found := _MONTH_DAY.fullmatch(text)) and found[1].lower() in MONTHS:
        day, month, year = int(found[2]), MONTHS[found[1].lower()], int(found[3])
    if day is None or month is None or year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:  # 31/02: dateparser decides
        return None


@lru_cache(maxsize=4096)
def parse_date(text: str) -> date | None:
    """A full day-month-year date in French or English, day first when numeric."""
    if plain := _plain_date(text):
        return plain
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
    shapes = list(DATE_SHAPES.finditer(head))
    for position, found in enumerate(shapes):
        rest = TIME.sub(" ", head[: found.start()] + " " + head[found.end() :])
        words = [w for w in re.findall(r"[^\W\d_]+", rest) if w.lower() not in FILLER]
        sentence = line.rstrip().endswith((".", "!", "?")) and not re.search(
            r"[ap]\.m\.$", line.rstrip()
        )
        dateline = len(words) <= (1 if sentence else MAX_OTHER_WORDS)
        if not dateline and position == len(shapes) - 1:
            return None  # not a dateline whatever this date is: spare parsing it
        when = parse_date(found.group(0))
        if when is None:
            continue  # not a date: the next date-like shape may be the dateline's
        return when if dateline else None
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
