"""The domain lexicon, loaded once from `domains/<domain>/lexicon.toml`, and a phrase scanner.

Phrases are matched with one Aho-Corasick automaton over case- and
accent-folded text (`resolve.folding`, dashes kept), so scanning a sentence
costs one pass whatever the size of the lexicon. Folding keeps every character
in place, so a hit's offsets are offsets in the original sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

import ahocorasick

from veille.extract.lexicon_file import LexiconFile, read_lexicon
from veille.resolve.folding import fold_keeping_dashes as fold


@dataclass(frozen=True, slots=True)
class Hit:
    """A lexicon phrase found in a text: `kind` is e.g. "trigger", `label` e.g. "investment"."""

    start: int
    end: int
    kind: str
    label: str
    phrase: str


class PhraseScanner:
    """Finds lexicon phrases in text, longest match first, at word starts only.

    Not `resolve.matcher.AliasMatcher`: a phrase may be a stem (`vendu*`) and
    overlapping hits of different kinds all stay (a trigger inside a status cue).
    """

    def __init__(self, entries: list[tuple[str, str, str]]) -> None:
        self._automaton = ahocorasick.Automaton()
        table: dict[str, list[tuple[str, str, bool]]] = {}
        for phrase, kind, label in entries:
            key = fold(phrase.rstrip("*"))
            table.setdefault(key, []).append((kind, label, phrase.endswith("*")))
        for key, values in table.items():
            self._automaton.add_word(key, (len(key), values))
        self._automaton.make_automaton()

    def scan(self, text: str) -> list[Hit]:
        """Every phrase in `text`; a phrase inside a longer one of the same kind is dropped."""
        folded = fold(text)
        hits: list[Hit] = []
        for end_index, (length, values) in self._automaton.iter(folded):
            start, end = end_index - length + 1, end_index + 1
            if start > 0 and folded[start - 1].isalnum() and folded[start].isalnum():
                continue
            at_word_end = end >= len(folded) or not (
                folded[end].isalnum() and folded[end - 1].isalnum()
            )
            for kind, label, stem in values:
                if stem or at_word_end:
                    hits.append(Hit(start, end, kind, label, text[start:end]))
        return _longest(hits)


_HAS_DIGIT = re.compile(r"\d")


def _longest(hits: list[Hit]) -> list[Hit]:
    """Drop a hit contained in a longer one of the same kind.

    Metric triggers of different metrics both stay: `ventes de` (revenue, for an
    amount) must not hide `ventes` (sales, for a count of vehicles); the figure's
    unit decides between them.
    """
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hit] = []
    for hit in hits:
        if any(
            k.kind == hit.kind
            and (k.kind != "metric" or k.label == hit.label)
            and k.start <= hit.start
            and hit.end <= k.end
            and k != hit
            for k in kept
        ):
            continue
        kept.append(hit)
    return kept


# Lexicon sections whose phrase lists feed the scanner, as (section, key) -> hit kind.
_SCANNED = {
    ("triggers", None): "metric",
    ("exclusions", None): "exclude",
    ("status", "target"): "target",
    ("status", "actual"): "actual",
    ("qualifiers", None): "qualifier",
    ("years", "frame"): "year_frame",
    ("years", "deadline"): "year_deadline",
    ("years", "not_frame"): "year_not_frame",
    ("founded", "cues"): "founded",
    ("present_since", "cues"): "present",
    ("present_since", "since"): "since",
    ("partnership", "agreements"): "agreement",
    ("partnership", "signing"): "signing",
    ("partnership", "to_be_signed"): "to_be_signed",
    ("partnership", "not_yet"): "not_yet",
    ("non_organisations", "heads"): "non_org",
    ("non_organisations", "joint"): "joint",
    ("non_organisations", "not_subject_before"): "not_subject_before",
    ("coreference", "phrases"): "coreference",
}


class Lexicon:
    """Everything the extractor knows about words, read from one TOML file."""

    def __init__(self, data: LexiconFile) -> None:
        numbers = data.numbers
        self.number_words: dict[str, float] = dict(numbers.words)
        self.multipliers: dict[str, float] = dict(numbers.multipliers)
        self.approximate_words: dict[str, float] = dict(numbers.approximate)
        self.ordinal_words: dict[str, float] = dict(numbers.ordinals)
        self._scales: dict[str, float] = {fold(k): v for k, v in data.scales.items()}
        self._currency_scales: dict[str, tuple[str, float]] = {
            fold(k): v for k, v in data.currency_scales.items()
        }
        self._units: dict[str, str] = {}
        for unit, words in data.units.items():
            for word in words:
                self._units.setdefault(fold(word), unit)
        self.relative_years: dict[str, int] = {fold(k): v for k, v in data.years.relative.items()}
        self.scale_pattern = _alternation(
            r"^\s?(?P<scale>{})(?![\w²])", [*self._currency_scales, *self._scales]
        )
        adjectives = "|".join(re.escape(w) for w in data.unit_adjectives.words)
        units = "|".join(re.escape(w) for w in sorted(self._units, key=len, reverse=True))
        self.unit_pattern = re.compile(
            rf"^[\s-]?(?:(?:{adjectives})\s?)*(?P<unit>{units})(?![\w²])", re.IGNORECASE
        )
        # Pounds, yen and yuan are currencies no metric counts: their unit is "other".
        self.currency_prefix = re.compile(r"(?P<cur>US\$|\$|€|£|¥|USD|EUR|MAD|GBP|JPY|CNY)\s?$")
        self.bounds: dict[str, float] = dict(data.bounds)
        number_words = [*self.number_words, *self.multipliers, *self.approximate_words]
        number_words += list(self.ordinal_words)
        # A run of number words, joined by spaces, hyphens or the "et"/"and" of
        # "vingt et un", "three hundred and fifty"; its value is read later.
        self.word_number_pattern = FoldedAlternation(
            r"(?<![\w-])(?:(?:{0})[\s-]+(?:(?:et|and)\s+)?)*(?:{0})(?![\w-])", number_words
        )
        entries: list[tuple[str, str, str]] = []
        sections = data.model_dump()
        for (section, key), kind in _SCANNED.items():
            block = sections[section]
            groups = {key: block[key]} if key else block
            for label, phrases in groups.items():
                entries += [(phrase, kind, label) for phrase in phrases]
        entries += [(phrase, "relative_year", phrase) for phrase in data.years.relative]
        self.scanner = PhraseScanner(entries)
        # Metric triggers by lemma, for English: "builds", "built" and "building" all
        # stand for "build" (the lookup lemmatizer; French relies on stems like "vendu*").
        self._trigger_entries = [e for e in entries if e[1] == "metric"]
        self._lemma_scanner: PhraseScanner | None = None

    def scan(self, text: str, language: str | None = None) -> list[Hit]:
        """Phrases of the lexicon in `text`; in English, metric triggers match by lemma too."""
        hits = self.scanner.scan(text)
        if language == "en" and _HAS_DIGIT.search(text):  # a trigger matters only by a figure
            seen = {(h.start, h.kind, h.label) for h in hits}
            hits += [h for h in self._lemma_hits(text) if (h.start, h.kind, h.label) not in seen]
            hits = _longest(hits)
        return hits

    def _lemmas(self) -> PhraseScanner:
        """The metric triggers, lemmatised, in one automaton built on first use."""
        if self._lemma_scanner is None:
            from veille.extract.tokens import lemmatised

            entries = [
                (lemmatised(phrase)[0], kind, label)
                for phrase, kind, label in self._trigger_entries
                if not phrase.endswith("*")  # a stem already matches every form
            ]
            self._lemma_scanner = PhraseScanner(entries)
        return self._lemma_scanner

    def _lemma_hits(self, text: str) -> list[Hit]:
        from veille.extract.tokens import lemmatised

        lemma_text, spans = lemmatised(text)
        found = []
        for hit in self._lemmas().scan(lemma_text):
            first = next((i for i, (s, _e, ls, _le) in enumerate(spans) if ls == hit.start), None)
            last = next((i for i, (_s, _e, _ls, le) in enumerate(spans) if le == hit.end), None)
            if first is None or last is None:
                continue
            start, end = spans[first][0], spans[last][1]
            found.append(Hit(start, end, hit.kind, hit.label, text[start:end]))
        return found

    def unit_of(self, word: str) -> str | None:
        return self._units.get(fold(word).strip())

    def scale_value(self, word: str) -> float | None:
        key = fold(word)
        if key in self._currency_scales:
            return self._currency_scales[key][1]
        return self._scales.get(key)

    def scale_currency(self, word: str) -> str | None:
        found = self._currency_scales.get(fold(word).strip())
        return found[0] if found else None

    def ordinal_scale(self, word: str) -> bool:
        return fold(word).strip() in self.ordinal_words

    def bound(self, unit: str | None) -> float | None:
        """The largest plausible value of a figure in `unit` (None: no bound)."""
        return self.bounds.get(unit or "unitless")


# The characters other than A-Z that `re.IGNORECASE` equates with an ASCII letter
# (İ, ı, ſ and the Kelvin sign): `tests/test_speed_lexicon.py` recomputes them.
CASE_TWINS = re.compile("[A-Z\u0130\u0131\u017f\u212a]")


class FoldedAlternation:
    """A case-insensitive alternation of lower-case ASCII words, searched in folded text.

    Folded text is almost always lower case, and `re.IGNORECASE` makes the
    alternation three times slower: where the text holds no character the flag
    could equate with another letter of the words (`CASE_TWINS`), the
    case-sensitive pattern finds exactly the same matches.
    """

    def __init__(self, template: str, words: list[str]) -> None:
        self.pattern = _alternation(template, words)
        plain = all(w.isascii() and w == w.lower() for w in words)
        self._plain = re.compile(self.pattern.pattern) if plain else None

    def finditer(self, folded: str) -> Iterator[re.Match[str]]:
        if self._plain is not None and CASE_TWINS.search(folded) is None:
            return self._plain.finditer(folded)
        return self.pattern.finditer(folded)


def _alternation(template: str, words: list[str]) -> re.Pattern[str]:
    ordered = sorted({w for w in words}, key=len, reverse=True)
    return re.compile(template.format("|".join(re.escape(w) for w in ordered)), re.IGNORECASE)


@cache
def lexicon(domain: str = "automotive") -> Lexicon:
    """The lexicon of a domain, parsed once per process."""
    path = resources.files("veille.domains").joinpath(domain, "lexicon.toml")
    return Lexicon(read_lexicon(path.read_text(encoding="utf-8"), f"domains/{domain}/lexicon.toml"))
