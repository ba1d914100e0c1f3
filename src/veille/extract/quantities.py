"""Find the figures of a sentence: numbers in French and English forms, with scale and unit.

A figure is only a candidate here; whether it is a claim, and of which metric,
is decided later from the words around it. This module knows numbers, not
meanings: `1,1 milliard d'euros` is 1.1e9 EUR, `trois mille personnes` is 3000
people, `quatre véhicules sur dix` is 40 %.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from veille.extract.lexicon import Lexicon, fold, lexicon

# Group separators French and English writers use: space, no-break space,
# narrow no-break space, dot, comma, apostrophe (Swiss style) and its curly twin.
_SEP = "[ \u00a0\u202f.,'’]"
_NUMBER = re.compile(
    rf"(?<![\w.,])(?:\d{{1,3}}(?:{_SEP}\d{{3}})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\w])",
)
_PHONE = re.compile(r"\+\d{1,3}(?:[\s\u00a0.-]?\(?\d{1,4}\)?){3,}|\b0\d(?:[\s\u00a0.-]\d{2}){4}\b")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_ORDINAL_SUFFIX = re.compile(r"^(?:e|ème|eme|th)\b", re.IGNORECASE)
_PERCENT = re.compile(r"^\s?(?:%|pour\s?cent\b|per\s?cent\b|percent\b)", re.IGNORECASE)
_IN_TEN = re.compile(
    r"\b(?P<n>un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|one|two|three|four|five|six|"
    r"seven|eight|nine)\b(?P<mid>(?:\s+[\w’'-]+){0,4}?)\s+(?:sur|in|out\s+of)\s+(?:dix|ten)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in a sentence, with what the words next to it say it counts."""

    start: int
    end: int
    value: float
    unit: str | None  # "vehicles", "people", "EUR", "MAD", "USD", "%", "year" or None
    unit_word: str | None  # the noun that gave the unit ("emplois", "voitures")
    is_year: bool = False
    cumulative: bool = False  # "le millionième véhicule": a running total
    approximate: bool = False  # "une cinquantaine"


def parse_number(text: str, *, scaled: bool) -> float | None:
    """Read a digit string in French or English notation.

    A separator followed by exactly three digits groups thousands (`382 661`,
    `1.600`, `56,400`, `340'000`) unless a scale word follows (`12.8 billion`);
    otherwise it is the decimal mark (`1,1`, `65.2`).
    """
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


def find_quantities(sentence: str, lex: Lexicon | None = None) -> list[Quantity]:
    """Every figure of a sentence, in order, digits and number words alike."""
    lex = lex or lexicon()
    found: list[Quantity] = []
    # Phone numbers are runs of short digit groups: never figures.
    taken = [(m.start(), m.end()) for m in _PHONE.finditer(sentence)]
    for match in _IN_TEN.finditer(sentence):
        n = lex.number_words.get(match["n"].lower())
        if n is None:
            continue
        found.append(Quantity(match.start(), match.end(), n * 10.0, "%", None))
        taken.append((match.start(), match.end()))
    for match in _NUMBER.finditer(sentence):
        if any(s <= match.start() < e for s, e in taken):
            continue
        quantity = _digits_quantity(sentence, match, lex)
        if quantity is not None:
            found.append(quantity)
            taken.append((quantity.start, quantity.end))
    for quantity in _word_quantities(sentence, lex):
        if not any(s <= quantity.start < e or quantity.start <= s < quantity.end for s, e in taken):
            found.append(quantity)
    return sorted(found, key=lambda q: q.start)


def _digits_quantity(sentence: str, match: re.Match[str], lex: Lexicon) -> Quantity | None:
    raw = match.group()
    after = sentence[match.end() :]
    before = sentence[: match.start()]
    scale, scale_len = _scale_after(after, lex)
    value = parse_number(raw, scaled=scale is not None)
    if value is None:
        return None
    end = match.end() + scale_len
    cumulative = False
    ordinal = _ORDINAL_SUFFIX.match(after[scale_len:] if scale_len else after)
    if scale_len and lex.ordinal_scale(after[:scale_len]):
        cumulative = True
    elif ordinal and not scale_len:
        cumulative = True
        end += ordinal.end()
    if scale is not None:
        value *= scale
    currency_before = _currency_before(before, lex)
    unit, unit_word, unit_len = _unit_after(sentence[end:], lex)
    # A year is a bare four-digit number with no unit, scale or ordinal.
    bare = not (scale_len or cumulative or currency_before) and unit_word is None
    if _YEAR.match(raw) and bare and unit != "%":
        return Quantity(match.start(), match.end(), value, "year", None, is_year=True)
    percent = _PERCENT.match(sentence[end:])
    if percent:
        return Quantity(match.start(), end + percent.end(), value, "%", None)
    if currency_before and unit is None:
        unit = currency_before
    elif scale_len and unit is None:
        unit = lex.scale_currency(after[:scale_len])  # "320 MDH" carries its currency
    return Quantity(
        match.start() - (1 if currency_before and before.endswith(("$", "€")) else 0),
        end + unit_len,
        value,
        unit,
        unit_word,
        cumulative=cumulative,
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
    match = lex.currency_prefix.search(before)
    return lex.unit_of(match.group("cur")) if match else None


def _word_quantities(sentence: str, lex: Lexicon) -> list[Quantity]:
    """Numbers written in words: `trois mille`, `un million de`, `une cinquantaine`."""
    found = []
    for match in lex.word_number_pattern.finditer(fold(sentence)):
        words = match.group().lower().split()
        value = lex.words_value(words)
        if value is None:
            continue
        approximate = words[-1] in lex.approximate_words
        end = match.end()
        unit, unit_word, unit_len = _unit_after(sentence[end:], lex)
        if unit is None and value < 1000 and not approximate:
            continue  # "deux marques", "trois conventions": counts with no unit are noise
        cumulative = words[-1] in lex.ordinal_words
        found.append(
            Quantity(
                match.start(),
                end + unit_len,
                value,
                unit,
                unit_word,
                cumulative=cumulative,
                approximate=approximate,
            )
        )
    return found
