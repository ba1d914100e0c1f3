"""The sections of `lexicon.toml`, declared as models and checked on load.

A typo in a domain file (a misspelt section, a metric that does not exist, a
number written as text, an empty phrase) would otherwise surface as a
KeyError deep in the extractor or, worse, as claims that silently vanish.
Here it is one line naming the file, the section and the entry.
"""

from __future__ import annotations

import tomllib
from typing import Annotated, Any, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from veille.records import CURRENCIES, METRICS, Qualifier

Phrase = Annotated[str, StringConstraints(pattern=r"\S")]  # not empty, not only spaces
Phrases = list[Phrase]


class LexiconError(ValueError):
    """A lexicon file that cannot be read or does not follow its schema."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class _Numbers(_Section):
    words: dict[str, float]
    multipliers: dict[str, float]
    approximate: dict[str, float]
    ordinals: dict[str, float]


class _Words(_Section):
    words: Phrases


class _Status(_Section):
    target: Phrases
    actual: Phrases


class _Years(_Section):
    frame: Phrases
    deadline: Phrases
    not_frame: Phrases
    relative: dict[str, int]


class _Cues(_Section):
    cues: Phrases


class _PresentSince(_Section):
    cues: Phrases
    since: Phrases


class _Partnership(_Section):
    agreements: Phrases
    signing: Phrases
    to_be_signed: Phrases
    not_yet: Phrases


class _NonOrganisations(_Section):
    heads: Phrases
    joint: Phrases
    not_subject_before: Phrases


class _Coreference(_Section):
    phrases: Phrases


_QUALIFIERS = frozenset(get_args(Qualifier)) - {"exact"}


class LexiconFile(_Section):
    """The whole file; the keys that name things the code knows are checked against it."""

    numbers: _Numbers
    scales: dict[str, float]
    currency_scales: dict[str, tuple[str, float]]
    units: dict[str, Phrases]
    bounds: dict[str, float] = {}
    unit_adjectives: _Words
    triggers: dict[str, Phrases]
    exclusions: dict[str, Phrases]
    status: _Status
    qualifiers: dict[str, Phrases]
    years: _Years
    founded: _Cues
    present_since: _PresentSince
    partnership: _Partnership
    non_organisations: _NonOrganisations
    coreference: _Coreference

    @field_validator("currency_scales", mode="before")
    @classmethod
    def _pairs(cls, table: Any) -> Any:
        """TOML has arrays, not tuples: `["MAD", 1e9]` is read as a (currency, scale) pair."""
        if isinstance(table, dict):
            return {k: tuple(v) if isinstance(v, list) else v for k, v in table.items()}
        return table

    @model_validator(mode="after")
    def _known_names(self) -> LexiconFile:
        units = set(self.units)
        _only(self.triggers, set(METRICS), "triggers", "metric")
        _only(self.qualifiers, _QUALIFIERS, "qualifiers", "qualifier")
        _only(self.bounds, units | {"%", "unitless"}, "bounds", "unit")
        for word, (currency, _scale) in self.currency_scales.items():
            if currency not in CURRENCIES:
                raise ValueError(
                    f"currency_scales.{word}: unknown currency {currency!r}"
                    f" (valid: {', '.join(sorted(CURRENCIES))})"
                )
        return self


def _only(table: dict[str, Any], valid: set[str] | frozenset[str], section: str, what: str) -> None:
    for key in table:
        if key not in valid:
            raise ValueError(
                f"{section}.{key}: unknown {what} {key!r} (valid: {', '.join(sorted(valid))})"
            )


def read_lexicon(text: str, source: str) -> LexiconFile:
    """`text` parsed and validated; a problem raises `LexiconError` naming `source` on one line."""
    try:
        return LexiconFile.model_validate(tomllib.loads(text))
    except tomllib.TOMLDecodeError as err:
        raise LexiconError(f"{source}: not valid TOML: {err}") from None
    except ValidationError as err:
        # An unknown key first: a misspelt section also makes the real one "missing".
        errors = sorted(err.errors(), key=lambda e: e["type"] != "extra_forbidden")
        first = errors[0]
        more = len(errors) - 1
        also = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        where = _where(first["loc"])
        if first["type"] == "extra_forbidden":
            message = "unknown key"
        elif first["type"] == "missing":
            message = "missing"
        elif first["type"] == "string_pattern_mismatch":
            message = "empty phrase"
        else:
            message = first["msg"].removeprefix("Value error, ")
        if not where:
            detail = message
        elif first["type"] in ("missing", "extra_forbidden", "value_error"):
            detail = f"{where}: {message}"
        else:
            detail = f"{where}: {message} (got {first['input']!r})"
        raise LexiconError(f"{source}: {detail}{also}") from None


def _where(location: tuple[int | str, ...]) -> str:
    """`("triggers", "investment", 3)` as `triggers.investment[3]`."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else f"{'.' if text else ''}{part}"
    return text
