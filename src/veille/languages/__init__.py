"""General-language knowledge, one file per language, apart from any domain.

A domain (`domains/automotive/`) knows metric triggers, units and
organisations; a language file knows how that language says that a figure is
planned or reached, which figure a year or a comparison belongs to, and how a
list is split (`respectivement`). Each cue is scoped to its language: an
English sentence is never read with French cues.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, ValidationError


class LanguageError(ValueError):
    """A language file that is missing or malformed: one line naming the file and the entry."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Status(_Strict):
    target_verbs: list[str] = []
    target_nouns: list[str] = []
    target_participles: list[str] = []
    regular_endings: list[str] = []
    infinitive_only: list[str] = []
    nominal_forms: list[str] = []
    target_chains: list[str] = []
    target_adverbs: list[str] = []
    purpose: list[str] = []
    not_purpose_after: list[str] = []
    actual_adverbs: list[str] = []
    actual_chains: list[str] = []
    present_verbs: list[str] = []
    announce_verbs: list[str] = []
    cost_verbs: list[str] = []
    action_nouns: list[str] = []
    future_endings: list[str] = []
    conditional_endings: list[str] = []
    irregular_future: list[str] = []
    irregular_conditional: list[str] = []


class _Comparison(_Strict):
    markers: list[str]


class _Ranges(_Strict):
    start: list[str]
    end: list[str]
    change_verbs: list[str] = []


class _Lists(_Strict):
    respectively: list[str]
    each: list[str] = []
    part_of: list[str] = []


class _Periods(_Strict):
    words: list[str]
    compared: list[str]
    since: list[str]
    back_then: list[str]


class _Figures(_Strict):
    after_number: list[str]
    denial_verbs: list[str]
    hypothetical_openers: list[str]
    growth: list[str]
    market_nouns: list[str]
    possessives: list[str] = []
    national: list[str] = []


class _Names(_Strict):
    heads: list[str]


class _Deadlines(_Strict):
    words: list[str]


class _Clause(_Strict):
    """Word classes of a clause grammar read without a tagger (English)."""

    openers: list[str] = []
    auxiliaries: list[str] = []
    finite_lemmas: list[str] = []
    present_finite: list[str] = []
    irregular_past: list[str] = []
    not_verbs: list[str] = []
    modals: list[str] = []
    noun_phrase_ends: list[str] = []
    adverbs: list[str] = []
    determiners: list[str] = []
    phrasal_levels: list[str] = []


class _LanguageFile(_Strict):
    deadlines: _Deadlines
    names: _Names
    figures: _Figures
    periods: _Periods
    status: _Status
    comparison: _Comparison
    ranges: _Ranges
    lists: _Lists
    clause: _Clause = _Clause()


Phrase = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LanguageCues:
    """One language's cues; phrases are token tuples, lemmatised where the language allows."""

    language: str
    target_verbs: frozenset[str]
    target_verb_forms: frozenset[str]  # inflected forms of the regular target verbs
    infinitive_only: frozenset[str]  # target verbs that plan only with an infinitive
    target_nouns: frozenset[str]
    target_participles: frozenset[str]
    target_chains: tuple[Phrase, ...]
    target_adverbs: tuple[Phrase, ...]
    purpose: tuple[Phrase, ...]
    not_purpose_after: frozenset[str]  # "proud to", "able to": no plan follows
    actual_adverbs: tuple[Phrase, ...]
    actual_chains: tuple[Phrase, ...]
    present_forms: frozenset[str]  # third-person present forms of `present_verbs`
    present_bases: frozenset[str]  # the verbs themselves (`Sales remain`)
    future_endings: tuple[str, ...]
    conditional_endings: tuple[str, ...]
    irregular_future: frozenset[str]
    irregular_conditional: frozenset[str]
    comparison: tuple[Phrase, ...]
    range_start: frozenset[str]
    range_end: frozenset[str]
    change_verbs: frozenset[str]  # lemmas that take a figure to a new level (`porter à`)
    respectively: frozenset[str]
    each: re.Pattern[str]  # a word after a figure that gives it to each listed name
    part_of: re.Pattern[str]  # a word before a figure that makes it part of the one before
    period: re.Pattern[str]  # a period word and its year: group "year"
    compared: re.Pattern[str]  # any comparison word, as a whole word
    compared_figure: re.Pattern[str]  # a comparison marker and up to three words, at the end
    announce_verbs: frozenset[str]  # lemmas of verbs that announce or pledge an amount
    cost_verbs: frozenset[str]  # lemmas of verbs that say what a project costs
    action_nouns: frozenset[str]  # nouns of an action that a purpose word makes a plan
    clause_openers: frozenset[str]  # words that open a new clause (`and`, `which`)
    auxiliaries: frozenset[str]  # lemmas that may stand before a verb in its verb group
    finite_lemmas: frozenset[str]  # lemmas whose every form but the base is finite
    present_finite: frozenset[str]  # present forms of those (`is`, `has`)
    irregular_past: frozenset[str]
    not_verbs: frozenset[str]  # words after `to` that are no infinitive (`rose to about 80%`)
    modals: frozenset[str]  # words before a base form that make it no finite verb
    noun_phrase_ends: frozenset[str]  # words that end a noun phrase's head (`Sales | of`)
    adverbs: frozenset[str]  # adverbs between a subject and its verb (`Diesel still`)
    determiners: frozenset[str]  # words that open a noun phrase (`the`, `its`)
    phrasal_levels: frozenset[str]  # verbs whose `up` states a level (`make up 48%`)
    since: re.Pattern[str]  # any word that makes a period a start
    back_then: re.Pattern[str]  # "alors", "at the time": the year just named
    growth: frozenset[str]
    market_nouns: frozenset[str]
    possessives: frozenset[str]  # "ses ventes", "its sales": someone's, not the market's
    national: re.Pattern[str]  # a country-wide qualifier of the noun a figure measures
    denial_verbs: frozenset[str]
    after_number: frozenset[str]  # words that may follow a bare number without counting
    hypothetical: re.Pattern[str]  # a sentence opening that makes its figures hypothetical
    deadline: re.Pattern[str]  # a deadline word right before a year: group "year"
    name_heads: re.Pattern[str]  # "la société", "the company": a company's name follows


SUPPORTED = ("fr", "en")


@cache
def language_cues(language: str) -> LanguageCues:
    """The cues of `language` (`fr`, `en`), parsed and validated once per process."""
    if language not in SUPPORTED:
        language = "en" if language != "fr" else "fr"
    name = f"{language}.toml"
    path = resources.files("veille.languages").joinpath(name)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        data = _LanguageFile.model_validate(raw)
    except tomllib.TOMLDecodeError as err:
        raise LanguageError(f"languages/{name}: {err}") from None
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise LanguageError(f"languages/{name}: {where}: {first['msg']}") from None
    from veille.extract.tokens import phrase_tokens

    def phrases(items: list[str]) -> tuple[Phrase, ...]:
        return tuple(sorted({phrase_tokens(p, language) for p in items}, key=len, reverse=True))

    status = data.status
    return LanguageCues(
        language=language,
        target_verbs=frozenset(status.target_verbs),
        infinitive_only=frozenset(status.infinitive_only),
        target_verb_forms=frozenset(
            form
            for verb in status.target_verbs
            for form in _first_group_forms(verb, status)
            if form not in status.nominal_forms
        ),
        target_nouns=frozenset(status.target_nouns),
        target_participles=frozenset(status.target_participles),
        target_chains=phrases(status.target_chains),
        target_adverbs=phrases(status.target_adverbs),
        purpose=phrases(status.purpose),
        not_purpose_after=frozenset(status.not_purpose_after),
        actual_adverbs=phrases(status.actual_adverbs),
        actual_chains=phrases(status.actual_chains),
        present_forms=frozenset(
            form for verb in status.present_verbs for form in _third_person(verb)
        ),
        present_bases=frozenset(status.present_verbs),
        future_endings=tuple(status.future_endings),
        conditional_endings=tuple(status.conditional_endings),
        irregular_future=frozenset(status.irregular_future),
        irregular_conditional=frozenset(status.irregular_conditional),
        comparison=phrases(data.comparison.markers),
        range_start=frozenset(data.ranges.start),
        range_end=frozenset(data.ranges.end),
        change_verbs=frozenset(data.ranges.change_verbs),
        respectively=frozenset(data.lists.respectively),
        part_of=re.compile(
            r"(?<!\w)(?:{})(?:\s+[^\s\d,;()]+){{0,3}}\s*$".format(
                "|".join(re.escape(w) for w in data.lists.part_of) or "(?!)"
            ),
            re.IGNORECASE,
        ),
        each=re.compile(
            r"^\s*(?:{})(?!\w)".format("|".join(re.escape(w) for w in data.lists.each) or "(?!)"),
            re.IGNORECASE,
        ),
        period=_period_pattern(data.periods.words),
        deadline=re.compile(
            r"(?<!\w)(?:{})\s*(?P<year>(?:19|20)\d\d)\b".format(
                "|".join(re.escape(w).replace("'", "['’]") for w in data.deadlines.words)
            ),
            re.IGNORECASE,
        ),
        name_heads=_words([h.replace("'", "['’]") for h in data.names.heads], escaped=True),
        growth=frozenset(data.figures.growth),
        denial_verbs=frozenset(data.figures.denial_verbs),
        after_number=frozenset(data.figures.after_number),
        hypothetical=re.compile(
            r"^\W*(?:{})(?!\w)".format(
                "|".join(
                    re.escape(w).replace("'", "['’]") for w in data.figures.hypothetical_openers
                )
            ),
            re.IGNORECASE,
        ),
        market_nouns=frozenset(data.figures.market_nouns),
        possessives=frozenset(data.figures.possessives),
        national=re.compile(
            r"(?<!\w)(?:{})\s+(?:de\s+|d['’]|of\s+)(?:[^\W\d]+\s+){{0,2}}$".format(
                "|".join(re.escape(w) for w in data.figures.national) or "(?!)"
            ),
            re.IGNORECASE,
        ),
        since=_words(data.periods.since),
        back_then=_words(data.periods.back_then),
        compared=re.compile(
            r"(?<!\w)(?:{})(?!\w)".format("|".join(re.escape(w) for w in data.periods.compared)),
            re.IGNORECASE,
        ),
        announce_verbs=frozenset(status.announce_verbs),
        cost_verbs=frozenset(status.cost_verbs),
        action_nouns=frozenset(status.action_nouns),
        clause_openers=frozenset(data.clause.openers),
        auxiliaries=frozenset(data.clause.auxiliaries),
        finite_lemmas=frozenset(data.clause.finite_lemmas),
        present_finite=frozenset(data.clause.present_finite),
        irregular_past=frozenset(data.clause.irregular_past),
        not_verbs=frozenset(data.clause.not_verbs),
        modals=frozenset(data.clause.modals),
        noun_phrase_ends=frozenset(data.clause.noun_phrase_ends),
        adverbs=frozenset(data.clause.adverbs),
        determiners=frozenset(data.clause.determiners),
        phrasal_levels=frozenset(data.clause.phrasal_levels),
        compared_figure=re.compile(
            r"(?<!\w)(?:{})(?:\s+[^\s\d,;()]+){{0,3}}\s*$".format(
                "|".join(re.escape(w).replace("'", "['’]") for w in data.comparison.markers)
            ),
            re.IGNORECASE,
        ),
    )


def _words(words: list[str], *, escaped: bool = False) -> re.Pattern[str]:
    alternation = "|".join(w if escaped else re.escape(w) for w in words)
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)


def _period_pattern(words: list[str]) -> re.Pattern[str]:
    """`juillet 2021`, `premier semestre 2024`, `first half of 2024`, `Q1 2023`; not a day's
    date (`le 20 mai 1999` is an event, not a period reported)."""
    names = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(
        rf"(?<!\d\s)(?<!\d\s\s)(?<!\d)\b(?:{names})\b\s+(?:(?:de\s+l['’]année|of|de|d['’])\s+)?(?P<year>(?:19|20)\d\d)\b",
        re.IGNORECASE,
    )


def _first_group_forms(verb: str, status: _Status) -> list[str]:
    """Forms of a regular `-er` verb (`viser` → `vise`, `visent`, `visait`, `visé`...).

    The tagger sometimes takes a planning verb for an adjective or a noun;
    its forms still say what it is.
    """
    if not verb.endswith("er") or " " in verb:
        return []
    stem = verb.removeprefix("s'")[:-2]
    return [stem + ending for ending in status.regular_endings]


def _third_person(verb: str) -> tuple[str, ...]:
    """`remain` → `remains`; `reach` → `reaches`; `supply` → `supplies`."""
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return (verb + "es",)
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return (verb[:-1] + "ies",)
    return (verb + "s",)
