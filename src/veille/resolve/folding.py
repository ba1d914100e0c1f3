"""Length-stable text folding for alias matching.

Articles write the same name many ways: `Kénitra` / `Kenitra`, `Renault-Nissan` /
`Renault Nissan`, `l’État` / `l'Etat`. Matching runs on a folded copy of the text,
and every folded string has exactly the length of its source, so that an offset
found in the folded copy is also an offset in the original article. That is why
folding works one character at a time and refuses any mapping that would turn
one character into two (`ß` → `ss`, `œ` → `oe`): such characters are kept as they
are, lower-cased when that keeps the length.
"""

from __future__ import annotations

import unicodedata
from functools import cache

# Punctuation that varies between sources but not in meaning. Hyphens fold to a
# space so that `Tanger-Med` matches the alias `Tanger Med`.
_PUNCTUATION: dict[str, str] = {
    "\u2019": "'",  # right single quotation mark
    "\u2018": "'",  # left single quotation mark
    "\u02bc": "'",  # modifier letter apostrophe
    "\u00b4": "'",  # acute accent used as an apostrophe
    "`": "'",
    "-": " ",
    "\u2010": " ",  # hyphen
    "\u2011": " ",  # non-breaking hyphen
    "\u2012": " ",  # figure dash
    "\u2013": " ",  # en dash
    "\u2014": " ",  # em dash
    "\u00a0": " ",  # no-break space
    "\u202f": " ",  # narrow no-break space
    "\u2009": " ",  # thin space
    "\t": " ",
    "\n": " ",
    "\r": " ",
}


@cache
def _strip_char(ch: str) -> str:
    """One character without its accents, punctuation normalised, case kept."""
    if ch in _PUNCTUATION:
        return _PUNCTUATION[ch]
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    return base if len(base) == 1 else ch


@cache
def _fold_char(ch: str) -> str:
    """One character without accents and case; never changes the length."""
    stripped = _strip_char(ch)
    lowered = stripped.lower()
    if len(lowered) == 1:
        return lowered
    return stripped


def fold(text: str) -> str:
    """Case- and accent-folded `text`, of the same length as `text`."""
    return "".join(map(_fold_char, text))


def strip_accents(text: str) -> str:
    """Accent-folded `text` with its case kept, of the same length as `text`.

    Used for case-sensitive aliases, where `Neo` must match `Neo` but not `neo`.
    """
    return "".join(map(_strip_char, text))


def key(text: str) -> str:
    """A lookup key: folded, trimmed, inner whitespace runs collapsed.

    Keys are for dictionary lookups and collision checks, where offsets do not
    matter; they are not length-stable.
    """
    return " ".join(fold(text).split())
