"""Text folding, one definition for the whole project.

Two views of one character table. `fold` and `strip_accents` are
length-stable, for matching inside an article (below). `fold_loose` and
`fold_name` may change the length (`œ` → `oe`), for keys compared whole:
stored alias keys, shingles, search. Both drop accents and case and
straighten apostrophes the same way.

`fold_keeping_dashes` is the lexicon's view of the same table: its phrases
and number patterns read dashes and line breaks (`vingt-et-un`, `mi-2025`).

Length-stable folding for alias matching:

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
from collections.abc import Callable
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


class _TranslationTable(dict[int, str]):
    """`str.translate`'s table, filled on first sight of each character: one C-level
    pass per text instead of a Python call per character."""

    def __init__(self, fold_char: Callable[[str], str]) -> None:
        super().__init__()
        self._fold_char = fold_char

    def __missing__(self, code: int) -> str:
        folded = self[code] = self._fold_char(chr(code))
        return folded


# Dashes and line breaks, which `fold` turns into spaces and the lexicon keeps.
_KEPT_BY_LEXICON = frozenset("-\u2010\u2011\u2012\u2013\u2014\t\n\r")


def _fold_char_keeping_dashes(ch: str) -> str:
    return ch if ch in _KEPT_BY_LEXICON else _fold_char(ch)


_FOLD = _TranslationTable(_fold_char)
_STRIP = _TranslationTable(_strip_char)
_FOLD_KEEPING_DASHES = _TranslationTable(_fold_char_keeping_dashes)


def fold(text: str) -> str:
    """Case- and accent-folded `text`, of the same length as `text`."""
    return text.translate(_FOLD)


def fold_keeping_dashes(text: str) -> str:
    """`fold` with dashes, tabs and line breaks left as they are, for the lexicon's patterns."""
    return text.translate(_FOLD_KEEPING_DASHES)


def strip_accents(text: str) -> str:
    """Accent-folded `text` with its case kept, of the same length as `text`.

    Used for case-sensitive aliases, where `Neo` must match `Neo` but not `neo`.
    """
    return text.translate(_STRIP)


# Expanded where length does not matter: `Œuvre` and `oeuvre` are one key.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "Œ": "oe", "Æ": "ae"})
_APOSTROPHES = str.maketrans({ch: "'" for ch in "\u2019\u2018\u02bc\u00b4`"})


def fold_loose(text: str) -> str:
    """`text` without case or accents, ligatures spelled out; its length may change."""
    lowered = text.casefold().translate(_LIGATURES).translate(_APOSTROPHES)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold_name(name: str) -> str:
    """Lookup key of a name: no case, accents, spaces or punctuation.

    The scorer compares names the same way, so "Groupe Renault", "groupe
    renault" and "Groupe-Rénault" all find one entity. Stored in
    `aliases.folded`: changing it needs a migration.
    """
    return "".join(char for char in fold_loose(name) if char.isalnum())


def key(text: str) -> str:
    """A lookup key: folded, trimmed, inner whitespace runs collapsed.

    Keys are for dictionary lookups and collision checks, where offsets do not
    matter; they are not length-stable.
    """
    return " ".join(fold(text).split())
