"""Find the figures of a sentence: numbers in French and English forms, with scale and unit.

A figure is only a candidate here; whether it is a claim, and of which metric,
is decided later from the words around it. This module knows numbers, not
meanings: `1,1 milliard d'euros` is 1.1e9 EUR, `trois mille personnes` is 3000
people, `quatre véhicules sur dix` is 40 %.

It also knows what is a number but not a figure: dates and times, list
markers (`1 - Dacia Logan`), rankings (`classée 3e`), phone numbers, and
values no unit can take (`implausible`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from text_to_num import text2num

from veille.extract.lexicon import Lexicon, fold, lexicon

# Group separators French and English writers use: space, no-break space,
# narrow no-break space, dot, comma, apostrophe (Swiss style) and its curly twin.
_SEP = "[ \u00a0\u202f.,'’]"
# A digit string is read whole: it ends where neither a digit nor a separator
# and a digit follows. Letters glued to it (`1.2bn`, `500e`, `3008GT`) are read,
# or rejected, by `_digits_quantity`.
_NUMBER = re.compile(
    rf"(?<![\w.,])(?:\d{{1,3}}(?:{_SEP}\d{{3}})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![.,]?\d)",
)
_PHONE = re.compile(r"\+\d{1,3}(?:[\s\u00a0.-]?\(?\d{1,4}\)?){3,}|\b0\d(?:[\s\u00a0.-]\d{2}){4}\b")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# A share named just before a bare number: its "%" may be left out (`une part de 28,62`).
_SHARE_BEFORE = re.compile(
    r"\b(?:parts?(?:\s+de\s+marché)?|(?:market\s+)?share)\s+(?:de\s+|d['’]|of\s+)"
    r"(?:près\s+de\s+|environ\s+|about\s+|nearly\s+|around\s+)?$",
    re.IGNORECASE,
)
_GLUED_WORD = re.compile(r"[a-zà-ÿ]{4,}")
# "500.000e", "1,000,000th", "classée 3 e", "1er": French suffixes may stand one space off.
_ORDINAL_SUFFIX = re.compile(r"^(?:\s?(?:ème|eme|ère|ere|er|e)|th|st|nd|rd)\b", re.IGNORECASE)
# Below this an ordinal is a rank ("le 3e constructeur"), from it a milestone ("le 500.000e").
_MILESTONE = 1000
# How far back the cues of a number ("premiers ", "US$ ") are looked for: longer than
# any of them, so that the patterns anchored at the number need not scan the sentence.
_CUE_WINDOW = 20
# "le premier million de véhicules": the first N of a running total (N a milestone, not
# "the first four months").
_FIRST_BEFORE = re.compile(r"\b(?:premiers?|premières?|first)\s+$", re.IGNORECASE)
# A minus glued to the number, after a space, a bracket or the start: "-5 %", "(−3 %)".
# "3,000-5,000" is a range, not a negative: its dash follows a digit.
_MINUS_BEFORE = re.compile(r"(?:^|[\s(:;])[-−]$")
_PERCENT = re.compile(r"^\s?(?:%|pour\s?cent\b|per\s?cent\b|percent\b)", re.IGNORECASE)
_IN_TEN = re.compile(
    r"\b(?P<n>un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|one|two|three|four|five|six|"
    r"seven|eight|nine|[1-9])\b(?P<mid>(?:\s+[\w’'-]+){0,4}?)\s+(?:sur|in|out\s+of)\s+"
    r"(?:dix|ten|10)\b",
    re.IGNORECASE,
)
# List markers: a short number opening a line or following a colon, then a dash, a
# bracket or a dot and a capitalised word ("1 - Dacia Logan", "4- Dokker", "2. Renault",
# "le top 10 en 2017 : 1 - Dacia Logan").
_LIST_MARKER = re.compile(
    r"(?:^|:)[ \t]*(?P<n>\d{1,3})(?:\s?[-–)]|\.(?=\s))\s*(?=[A-ZÀ-Ý])", re.MULTILINE
)
# Numbers that are two figures run together by "ou"/"to": "3 ou 4 cylindres"
# shares the unit of its second number.
_SHARED_UNIT = re.compile(r"^\s*(?:ou|or|à|to|-|–)\s*$", re.IGNORECASE)
# Words that make a following "m" metres: "une longueur de 3,9 m", "3,9 m de long".
_DIMENSION_BEFORE = re.compile(
    r"\b(?:longueur|largeur|hauteur|empattement|profondeur|length|width|height|wheelbase)\b"
    r"[^.;]{0,30}$",  # the dimension word names the next figure, not one a clause away
    re.IGNORECASE,
)
_DIMENSION_AFTER = re.compile(r"^\s?(?:de\s+)?(?:longs?|larges?|hauts?|wide|tall|high)\b")

_FR_MONTHS = r"janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre"
_EN_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
# Dates and times, read on folded text (French) or as written (English month
# names are capitalised, which keeps "may" the verb out). Only the day and
# month are spans: a four-digit year stays, to be read as a year.
_DATES = (
    # 16/01/2024, 16/5/13, 16.01.2024, 16-01-2024
    re.compile(
        r"(?<![\d.,])(?P<span>\d{1,2}(?P<s>[/.-])\d{1,2}(?P=s)(?:\d{2}(?!\d))?)(?:\d{4})?(?!\d)"
    ),
    # 2024-10-28, 2025-04
    re.compile(r"(?<![\d.,])(?:19|20)\d\d(?P<span>-(?:1[0-2]|0?[1-9])(?:-\d{1,2})?)(?![\d])"),
    # le 22 mars, 1er mai
    re.compile(rf"\b(?P<span>(?:1er|\d{{1,2}})\s+(?:{_FR_MONTHS}))\b", re.IGNORECASE),
    # 10h30, 10 h 30, 14:05, 14:05:30
    re.compile(r"(?<![\d.,])(?P<span>\d{1,2}\s?h\s?\d{2}|\d{1,2}:\d{2}(?::\d{2})?)(?!\d)"),
)
_EN_DATES = (
    # 10 July 2017, 3rd of May
    re.compile(rf"\b(?P<span>\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_EN_MONTHS}))\b"),
    # July 10, 2017; Jan 14
    re.compile(rf"\b(?P<span>(?:{_EN_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?)(?![.,]?\d)"),
)
# The longest run of number words text2num is asked to read at once: long runs
# are split greedily, and a cap keeps that quadratic search cheap.
_MAX_WORDS = 12
_LANGUAGES = ("fr", "en")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in a sentence, with what the words next to it say it counts."""

    start: int
    end: int
    value: float
    unit: str | None  # "vehicles", "people", "EUR", "MAD", "USD", "%", "year", "other" or None
    unit_word: str | None  # the noun that gave the unit ("emplois"); "véhicules" in "N sur dix"
    is_year: bool = False
    cumulative: bool = False  # "le millionième véhicule": a running total
    approximate: bool = False  # "une cinquantaine"


def parse_number(text: str, *, scaled: bool) -> float | None:
    """Read a digit string in French or English notation.

    A separator followed by exactly three digits groups thousands (`382 661`,
    `1.600`, `56,400`, `340'000`) unless a scale word follows (`12.8 billion`);
    otherwise it is the decimal mark (`1,1`, `65.2`). A string too long to be a
    number gives None, never an exception or an infinity.
    """
    try:
        value = _parse_digits(text, scaled=scaled)
    except (ValueError, OverflowError):
        return None
    return value if value is not None and math.isfinite(value) else None


def _parse_digits(text: str, *, scaled: bool) -> float | None:
    compact = re.sub(r"[ \u00a0\u202f'’]", "", text)
    parts = re.split(r"[.,]", compact)
    if len(parts) == 1:
        return float(compact)
    seps = re.findall(r"[.,]", compact)
    if len(parts) == 2:
        whole, frac = parts
        if len(frac) == 3 and not scaled:
            return float(whole + frac)
        return float(f"{whole}.{frac}")
    # Several separators: the last one is decimal only if it differs from the others.
    if len(set(seps)) == 2 and seps[-1] != seps[0]:
        return float("".join(parts[:-1]) + "." + parts[-1])
    if all(len(p) == 3 for p in parts[1:]):
        return float("".join(parts))
    return None


def implausible(quantity: Quantity, lex: Lexicon | None = None) -> str | None:
    """Why a figure cannot be what it says (None when it can).

    A value past the lexicon's `[bounds]` for its unit is a misreading: glued
    digits, a serial number, a scale read twice.
    """
    if not math.isfinite(quantity.value):
        return "non-finite value"
    if quantity.value < 0:
        return "negative value"
    if quantity.is_year or quantity.unit == "other":
        return None
    bound = (lex or lexicon()).bound(quantity.unit)
    if bound is not None and quantity.value > bound:
        return f"{quantity.unit or 'unitless'} above bound {bound:g}"
    return None


def find_quantities(
    sentence: str, lex: Lexicon | None = None, *, language: str | None = None
) -> list[Quantity]:
    """Every figure of a sentence, in order, digits and number words alike.

    `language` ("fr" or "en") says how to read number words; without it both are tried.
    """
    lex = lex or lexicon()
    folded = fold(sentence)
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    if _DIGIT.search(sentence):  # most sentences have none: skip the digit grammar
        # Phone numbers, dates, times and list markers hold digits that are never figures.
        taken += [(m.start(), m.end()) for m in _PHONE.finditer(sentence)]
        taken += _date_spans(sentence, folded)
        taken += [(m.start("n"), m.end("n")) for m in _LIST_MARKER.finditer(sentence)]
    for match in _IN_TEN.finditer(sentence):
        n = float(match["n"]) if match["n"].isdigit() else lex.number_words.get(match["n"].lower())
        if n is None:
            continue
        # the counted noun, if the lexicon knows it: "quatre véhicules neufs sur dix"
        noun = next((w for w in match["mid"].split() if lex.unit_of(w)), None)
        found.append(Quantity(match.start(), match.end(), n * 10.0, "%", noun))
        taken.append((match.start(), match.end()))
    for match in _NUMBER.finditer(sentence):
        if any(s <= match.start() < e for s, e in taken):
            continue
        quantity = _digits_quantity(sentence, match, lex)
        if quantity is not None:
            found.append(quantity)
            taken.append((quantity.start, quantity.end))
    for quantity in _word_quantities(sentence, folded, lex, language):
        if not any(s <= quantity.start < e or quantity.start <= s < quantity.end for s, e in taken):
            found.append(quantity)
    found.sort(key=lambda q: q.start)
    checked = [_checked(q, lex) for q in _share_units(sentence, found)]
    return [q for q in checked if q is not None]


def _checked(quantity: Quantity, lex: Lexicon) -> Quantity | None:
    """Drop a non-finite figure; make one past its unit's bound an "other" that no metric counts.

    A negative value is kept as it is, so that callers see it and refuse it.
    """
    reason = implausible(quantity, lex)
    if reason == "non-finite value":
        return None
    if reason is not None and reason != "negative value":
        return replace(quantity, unit="other")
    return quantity


def _share_units(sentence: str, found: list[Quantity]) -> list[Quantity]:
    """`3 ou 4 cylindres`: the first number counts what the second does, when that is "other".

    Only "other" is shared: it can only remove claims, while sharing a metric's
    unit would be the range reader's business.
    """
    shared = list(found)
    for i in range(len(shared) - 2, -1, -1):
        first, second = shared[i], shared[i + 1]
        joined = _SHARED_UNIT.match(sentence[first.end : second.start])
        if joined and first.unit is None and second.unit == "other" and not first.is_year:
            shared[i] = replace(first, unit="other", unit_word=second.unit_word)
    return shared


def _date_spans(sentence: str, folded: str) -> list[tuple[int, int]]:
    """The day-and-month parts of dates and the whole of times: digits that are not figures."""
    spans = [(m.start("span"), m.end("span")) for p in _DATES for m in p.finditer(folded)]
    spans += [(m.start("span"), m.end("span")) for p in _EN_DATES for m in p.finditer(sentence)]
    return spans


def _digits_quantity(sentence: str, match: re.Match[str], lex: Lexicon) -> Quantity | None:
    """A digit string with its scale, ordinal, sign and unit, or None when it counts nothing.

    Ranks, grades and codes (`3e`, `9+`, `4x4`) are numbers that count nothing;
    a year is a figure of its own kind, kept for the year reader.
    """
    raw = match.group()
    after = sentence[match.end() :]
    before = sentence[: match.start()]
    if after.startswith("+") and not after[1:2].isdigit():
        return None  # "9+", "Euro 6+": a grade, not a count
    scale, scale_len = _scale_after(after, lex)
    ordinal = None if scale_len else _ORDINAL_SUFFIX.match(after)
    if _YEAR.match(raw) and _GLUED_WORD.match(after) and not lex.unit_pattern.match(fold(after)):
        # "in 2022thanks to": a year whose following space was lost
        return Quantity(match.start(), match.end(), float(raw), "year", None, is_year=True)
    if (
        after[:1].isalpha()
        and not scale_len
        and not ordinal
        and not lex.unit_pattern.match(fold(after[:60]))
    ):
        return None  # glued letters that are no scale or unit: a model or a code ("4x4")
    value = parse_number(raw, scaled=scale is not None)
    if value is None:
        return None
    start, end = match.start(), match.end() + scale_len
    if scale_len and _is_metres(before, after, scale_len):
        return Quantity(start, end, value, "other", after[:scale_len].strip())
    cumulative = bool(scale_len and lex.ordinal_scale(after[:scale_len]))
    if ordinal:
        if value < _MILESTONE:
            return None  # "classée 3e", "le 1er": a rank, not a count
        cumulative = True
        end += ordinal.end()
    if scale is not None:
        value *= scale
    if not math.isfinite(value):
        return None
    if value >= _MILESTONE and _FIRST_BEFORE.search(before[-_CUE_WINDOW:]):
        cumulative = True
    negative = bool(_MINUS_BEFORE.search(before[-2:]))  # a sign and what precedes it
    if negative:
        value, start = -value, start - 1
    currency_before = _currency_before(before, lex)
    unit, unit_word, unit_len = _unit_after(sentence[end:], lex)
    # A year is a bare four-digit number with no unit, scale, sign or ordinal.
    bare = not (scale_len or cumulative or currency_before or negative) and unit_word is None
    if _YEAR.match(raw) and bare and unit != "%":
        return Quantity(start, match.end(), value, "year", None, is_year=True)
    percent = _PERCENT.match(sentence[end:])
    if percent:
        return Quantity(start, end + percent.end(), value, "%", None)
    if unit is None and not scale_len and _SHARE_BEFORE.search(before[-40:]):
        return Quantity(start, end, value, "%", None)  # "une part de 28,62": the % was dropped
    if currency_before and unit is None:
        unit = currency_before
    elif scale_len and unit is None:
        unit = lex.scale_currency(after[:scale_len])  # "320 MDH" carries its currency
    return Quantity(
        start - (1 if currency_before and before.endswith(("$", "€", "£", "¥")) else 0),
        end + unit_len,
        value,
        unit,
        unit_word,
        cumulative=cumulative,
    )


def _is_metres(before: str, after: str, scale_len: int) -> bool:
    """`longueur de 3,9 m`: an "m" that measures a length, not a million."""
    if fold(after[:scale_len]).strip() != "m":
        return False
    return bool(
        _DIMENSION_BEFORE.search(before[-_CUE_WINDOW * 3 :])
        or _DIMENSION_AFTER.match(after[scale_len:])
    )


def _scale_after(after: str, lex: Lexicon) -> tuple[float | None, int]:
    match = lex.scale_pattern.match(fold(after[:40]))
    if not match:
        return None, 0
    return lex.scale_value(match.group("scale")), match.end()


def _unit_after(after: str, lex: Lexicon) -> tuple[str | None, str | None, int]:
    """The unit named right after a number: `d'euros`, `de dirhams`, `véhicules`, `jobs`."""
    match = lex.unit_pattern.match(fold(after[:60]))
    if not match:
        return None, None, 0
    word = match.group("unit")
    return lex.unit_of(word), word, match.end()


def _currency_before(before: str, lex: Lexicon) -> str | None:
    match = lex.currency_prefix.search(before[-_CUE_WINDOW:])
    return lex.unit_of(match.group("cur")) if match else None


def _word_quantities(
    sentence: str, folded: str, lex: Lexicon, language: str | None
) -> list[Quantity]:
    """Numbers written in words: `trois mille`, `dix-sept mille`, `une cinquantaine`."""
    languages = (language,) if language is not None and language in _LANGUAGES else _LANGUAGES
    found = []
    for run in lex.word_number_pattern.finditer(folded):
        words = list(re.finditer(r"[^\s-]+", folded[run.start() : run.end()]))
        offset = run.start()
        for first, last, value in _spelled_pieces([w.group() for w in words], lex, languages):
            start, end = offset + words[first].start(), offset + words[last].end()
            quantity = _word_quantity(sentence, start, end, value, folded[start:end].split(), lex)
            if quantity is not None:
                found.append(quantity)
    return found


def _word_quantity(
    sentence: str, start: int, end: int, value: float, words: list[str], lex: Lexicon
) -> Quantity | None:
    last = re.split(r"-", words[-1])[-1]
    approximate = last in lex.approximate_words
    unit, unit_word, unit_len = _unit_after(sentence[end:], lex)
    if unit is None and value < 1000 and not approximate:
        return None  # "deux marques", "trois conventions": counts with no unit are noise
    first = value >= _MILESTONE and bool(
        _FIRST_BEFORE.search(sentence[max(0, start - _CUE_WINDOW) : start])
    )
    cumulative = last in lex.ordinal_words or first
    return Quantity(
        start,
        end + unit_len,
        value,
        unit,
        unit_word,
        cumulative=cumulative,
        approximate=approximate,
    )


def _spelled_pieces(
    words: list[str], lex: Lexicon, languages: tuple[str, ...]
) -> list[tuple[int, int, float]]:
    """Split a run of number words into the numbers it holds, longest first.

    "deux à trois mille" (folded "deux a trois mille") is two numbers, 2 and
    3000; "vingt et un mille" is one. Returns (first word, last word, value).
    """
    pieces = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + _MAX_WORDS), i, -1):
            value = _spelled(words[i:j], lex, languages)
            if value is not None:
                pieces.append((i, j - 1, value))
                i = j
                break
        else:
            i += 1
    return pieces


def _spelled(words: list[str], lex: Lexicon, languages: tuple[str, ...]) -> float | None:
    """The value of number words, or None when they are no number or only an article."""
    last = words[-1]
    if last in lex.approximate_words or last in lex.ordinal_words:
        base = lex.approximate_words.get(last) or lex.ordinal_words[last]
        if len(words) == 1:
            # "des centaines de": a bare plural names no number.
            return None if last.endswith("s") else base
        count = _text_to_number(words[:-1], languages)
        return count * base if count is not None else None
    if len(words) == 1 and last.endswith("s") and last in lex.multipliers:
        return None  # "des millions de voitures": no number
    if len(words) == 1 and last in lex.number_words:
        single = lex.number_words[last]  # "un", "a", "trois": one word needs no parser
        return single if single >= 2 else None
    value = _text_to_number(words, languages)
    return value if value is not None and value >= 2 else None


def _text_to_number(words: list[str], languages: tuple[str, ...]) -> float | None:
    # "a million", "a hundred": text2num reads only "one".
    if words[0] == "a" and len(words) > 1:
        words = ["one", *words[1:]]
    text = " ".join(words)
    for language in languages:
        try:
            return float(text2num(text, language))
        except (ValueError, OverflowError):
            continue
    return None
