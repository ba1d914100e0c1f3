"""The shapes the API answers with, declared once so the OpenAPI spec is exact.

Every HTML page renders one of these models and its JSON twin returns the same
model, so what a test reads from the JSON is what a person sees on the page.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from veille.records import METRICS

if TYPE_CHECKING:
    Metric = str
else:  # the enum of the spec comes from the one list of metrics
    Metric = Literal[METRICS]

Status = Literal["actual", "target"]
PromiseStatus = Literal["met", "missed", "pending", "unknown"]


class ErrorOut(BaseModel):
    """A request the server will not answer, with why and, for a name, close matches."""

    detail: str
    suggestions: list[str] = Field(default_factory=list)


class ClaimOut(BaseModel):
    """One stored claim, its evidence span and the article it came from."""

    id: int
    doc: str = Field(description="id of the article the claim was read from")
    subject: str = Field(description="canonical name of the organisation")
    subject_mention: str = Field(description="how the article named it")
    metric: Metric
    value: float | None
    unit: str | None
    status: Status
    year: int | None
    qualifier: str
    location: str | None
    object: str | None = Field(description="the partner, for a partnership")
    sentence: str
    paragraph: int = Field(description="index of the paragraph in the article text")
    start: int = Field(description="offset of the sentence in its paragraph")
    end: int
    url: str | None
    title: str | None
    published: date | None
    link: str = Field(description="the article page, scrolled to this claim")
    corroboration: int | None = Field(
        None, description="independent stories stating the same fact (syndicated copies count once)"
    )


class ClaimPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ClaimOut]


class ClaimsView(ClaimPage):
    """The claims page: a page of claims, and names close to an organisation it does not know."""

    suggestions: list[str] = Field(
        default_factory=list, description="close names, when `subject` names no organisation"
    )


class EntitySummary(BaseModel):
    name: str
    kind: str
    country: str | None
    claims: int = Field(description="claims with this organisation as subject")
    link: str


class EntityList(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[EntitySummary]


class Source(BaseModel):
    """One article stating a fact."""

    claim_id: int
    doc: str
    title: str | None
    url: str | None
    published: date | None
    sentence: str
    link: str


class Fact(BaseModel):
    """Claims of several articles that state the same figure, listed with all their sources."""

    metric: Metric
    status: Status
    value: float | None
    unit: str | None
    year: int | None
    qualifier: str
    object: str | None
    corroboration: int | None
    sources: list[Source]


class EvidenceOut(BaseModel):
    """One claim's figure and where it was read: story, article, sentence."""

    claim_id: int
    value: float | None
    unit: str | None
    qualifier: str
    year: int | None
    story_id: int | None
    doc: str
    title: str | None
    url: str | None
    published: date | None
    sentence: str
    link: str


class KeyFigure(BaseModel):
    """The latest actual figure of one metric, and the figures other sources give for it."""

    metric: Metric
    value: float
    unit: str | None
    year: int | None
    qualifier: str
    claim_id: int
    link: str
    corroboration: int | None
    disagreement: list[EvidenceOut] = Field(
        default_factory=list,
        description="when independent stories give different figures for this metric and"
        " year: each story's figure, lowest first (as in /api/conflicts); empty when they agree",
    )


class ChartPoint(BaseModel):
    claim_id: int
    year: int = Field(description="the claim's year, else its article's publication year")
    value: float
    status: Status
    link: str


class UndatedFigure(BaseModel):
    """A figure with no year whose article has no date either: it has no place on a time axis."""

    claim_id: int
    value: float
    status: Status
    qualifier: str
    doc: str
    title: str | None
    link: str


class Chart(BaseModel):
    """The figures of one metric in one unit over time, and those that could not be placed."""

    metric: Metric
    unit: str | None
    points: list[ChartPoint]
    undated: list[UndatedFigure] = Field(
        default_factory=list,
        description="figures of this metric and unit left off the chart: no year, no article date",
    )


class EntityDetail(BaseModel):
    name: str
    kind: str
    country: str | None
    parent: str | None
    aliases: list[str]
    key_figures: list[KeyFigure]
    charts: list[Chart]
    facts: list[Fact]
    claims: list[ClaimOut]


class ArticleSummary(BaseModel):
    id: str
    title: str | None
    url: str | None
    published: date | None
    language: str
    claims: int
    link: str


class ArticleList(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ArticleSummary]


class ArticleClaim(ClaimOut):
    """A claim with where its figure (or partner) sits in its paragraph."""

    figure_start: int | None = Field(
        description="offset in its paragraph of the highlighted figure; null if not found"
    )
    figure_end: int | None


class ArticleDetail(BaseModel):
    id: str
    title: str | None
    url: str | None
    published: date | None
    language: str
    source_uri: str
    media_type: str
    ingested_at: datetime
    extractor_version: str
    text: str
    paragraphs: list[str] = Field(description="the text split at blank lines; spans index these")
    claims: list[ArticleClaim]


class EntityHit(BaseModel):
    name: str
    kind: str
    alias: str = Field(description="the name that matched")
    link: str


class ArticleHit(BaseModel):
    id: str
    title: str | None
    url: str | None
    published: date | None
    snippet: str
    link: str


class SearchOut(BaseModel):
    query: str
    entities: list[EntityHit]
    articles: list[ArticleHit]


class Counts(BaseModel):
    articles: int
    entities: int
    claims: int


class HomeOut(BaseModel):
    counts: Counts
    latest_claims: list[ClaimOut] = Field(
        description="the claims stored last; with a query, the last about it (its organisation"
        " or words in the claim's sentence)"
    )
    search: SearchOut | None


class ConflictOut(BaseModel):
    """Independent stories that give different figures for one fact, lowest first."""

    subject: str
    metric: Metric
    status: Status
    year: int | None
    spread: float | None = Field(description="(highest - lowest) / lowest; null if lowest is 0")
    sides: list[EvidenceOut]


class ConflictList(BaseModel):
    items: list[ConflictOut]


class PromiseOut(BaseModel):
    """A dated target and what became of it by `as_of`."""

    subject: str
    metric: Metric
    target_value: float
    unit: str | None
    deadline: int
    status: PromiseStatus
    stories: int = Field(description="independent stories that announced the target")
    target: EvidenceOut
    actual: EvidenceOut | None = Field(description="the actual figure that decides, if any")


class PromiseList(BaseModel):
    as_of: date
    items: list[PromiseOut]


class StoryMemberOut(BaseModel):
    doc: str
    title: str | None
    headline: str = Field(description="its title, else the opening words of its text")
    url: str | None
    published: date | None
    matched: str | None = Field(description="the member it was matched to; null for the first")
    matched_headline: str | None = Field(description="the headline of the member it matched")
    similarity: float
    link: str


class StoryOut(BaseModel):
    """Articles that tell one story in (nearly) the same words, earliest first."""

    id: int
    title: str = Field(
        description="its earliest titled article's title, else its first article's opening"
    )
    size: int
    first_published: date | None
    members: list[StoryMemberOut]


class StoryList(BaseModel):
    items: list[StoryOut]


class UploadedClaim(BaseModel):
    subject: str
    metric: Metric
    value: float | None
    unit: str | None
    status: Status
    year: int | None
    qualifier: str
    location: str | None
    object: str | None
    sentence: str


class UploadedDocument(BaseModel):
    name: str
    article_id: str
    title: str | None
    language: str
    published: date | None
    paragraphs: int
    claims: list[UploadedClaim]
    stored: Literal["new", "updated", "unchanged"] | None = Field(
        None, description="what storing did; null when not stored"
    )
    link: str | None = Field(None, description="the stored article's page")
    warnings: list[str]


class UploadOut(BaseModel):
    stored: bool
    documents: list[UploadedDocument]


class UploadForm(BaseModel):
    """What the upload accepts."""

    max_upload_bytes: int
    accepted: list[str]
    login_needed: bool = Field(
        False, description="the server has a token and this request does not carry it"
    )
