"""The typed records that pass between pipeline stages.

Each stage takes one kind of record and yields the next; none of them is a
loose dict. They are frozen so that a stage cannot change what an earlier one
produced, and slotted so that a stream of millions stays small.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

Status = Literal["actual", "target"]
Qualifier = Literal["exact", "more_than", "less_than", "about", "up_to"]

METRICS: tuple[str, ...] = (
    "production_capacity",
    "production_volume",
    "sales_volume",
    "exports",
    "employment",
    "investment",
    "market_share",
    "local_integration_rate",
    "revenue",
    "founded",
    "present_since",
    "partnership",
)


# Units that are money: large amounts read in millions (`m`) and billions (`bn`).
CURRENCIES = frozenset({"EUR", "MAD", "USD"})
UNIT_WORDS = {"vehicles/year": "vehicles a year"}


def format_figure(value: float | None, unit: str | None, group: str = " ") -> str:
    """A figure as a person reads it: `382 661 vehicles`, `1.1 bn EUR`, `40 %`.

    The one formatter of the CLI and the web pages; `group` separates
    thousands (the pages use a narrow no-break space).
    """
    if value is None or not math.isfinite(value):
        return ""
    if unit == "year":
        return str(int(value))
    if unit in CURRENCIES and abs(value) >= 1e9:
        number = f"{value / 1e9:g} bn"
    elif unit in CURRENCIES and abs(value) >= 1e6:
        number = f"{value / 1e6:g} m"
    elif float(value).is_integer():
        number = f"{int(value):,}".replace(",", group)
    else:
        number = f"{value:g}"
    return f"{number} {UNIT_WORDS.get(unit or '', unit or '')}".strip()


# The kind of an organisation that no gazetteer lists (found by NER or a company
# form): stored like any other, and listed apart for an analyst to confirm.
UNLISTED_KIND = "organisation"


def json_number(value: float | None) -> float | int | None:
    """A figure as JSON prints it: a whole number as an integer (`500000`, not `500000.0`)."""
    if value is not None and float(value).is_integer():
        return int(value)
    return value


# SCHEMA.md's claim fields but the evidence, which each holder keeps its own way.
SCHEMA_FIELDS = (
    "doc", "subject", "metric", "value", "unit",
    "status", "year", "qualifier", "location", "object",
)  # fmt: skip


def schema_json(claim: Any, evidence: str) -> dict[str, Any]:
    """SCHEMA.md's shape of a claim, extracted (`Claim`) or stored (`StoredClaim`)."""
    fields = {name: getattr(claim, name) for name in SCHEMA_FIELDS}
    return {**fields, "value": json_number(claim.value), "evidence": evidence}


@dataclass(frozen=True, slots=True)
class RawDoc:
    """One document as a source delivered it, before any cleaning.

    `id` is the document's name as SCHEMA.md's `doc` field shows it (a file's
    basename, or the `id` of a JSON Lines record).
    """

    id: str
    uri: str
    content: str
    media_type: Literal["text/plain", "text/html"]
    fetched_at: datetime | None = None
    metadata: Mapping[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rejected:
    """A document a stage could not use, with a reason a person can act on."""

    uri: str
    reason: str

    def __str__(self) -> str:
        return f"{self.uri}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Article:
    """The cleaned main text of one document, one paragraph per entry."""

    id: str
    url: str | None
    title: str | None
    published: date | None
    language: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def content_hash(self) -> str:
        """Stable hash of the cleaned text: the same text is the same article."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def to_json(self) -> dict[str, Any]:
        """The document shape of SCHEMA.md."""
        return {
            "doc": self.id,
            "language": self.language,
            "published": self.published.isoformat() if self.published else None,
            "title": self.title,
            "url": self.url,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a claim was read: the sentence and its span in the article."""

    article_id: str
    paragraph: int
    start: int
    end: int
    sentence: str


@dataclass(frozen=True, slots=True)
class Claim:
    """One fact that one article states about one organisation (SCHEMA.md)."""

    doc: str
    subject: str
    metric: str
    value: float | None
    unit: str | None
    status: Status
    year: int | None
    qualifier: Qualifier
    location: str | None
    object: str | None
    evidence: Evidence
    subject_mention: str = ""

    def to_json(self) -> dict[str, Any]:
        """The claim shape of SCHEMA.md, with whole numbers printed as integers."""
        return schema_json(self, self.evidence.sentence)


@dataclass(frozen=True, slots=True)
class Entity:
    """An organisation with its canonical name and every name it goes by."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    parent: str | None = None
    site: str | None = None  # the one place a plant company works at (SOMACA: Casablanca)


@dataclass(frozen=True, slots=True)
class Processed:
    """An article with the claims read from it: what `pipeline.process` hands the store."""

    raw: RawDoc
    article: Article
    claims: tuple[Claim, ...]
