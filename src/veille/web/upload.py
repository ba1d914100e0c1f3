"""Upload: pasted text or files through the same `process` as every engine, stored on request.

Everything is checked and processed before anything is stored, so a request
with one bad file stores nothing. Storing goes through `veille.store.ingest`,
which writes each article with its entities and claims in one transaction:
never a partial article.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Literal

import sqlalchemy as sa

from veille.records import Claim, RawDoc
from veille.sources import BinaryContent, decode_bytes
from veille.store import Database, IngestReport, ingest, schema
from veille.web.links import article_link
from veille.web.models import UploadedClaim, UploadedDocument, UploadOut

if TYPE_CHECKING:  # the pipeline loads spaCy: imported when an upload first needs it
    from veille.pipeline import Processed

Outcome = Literal["new", "updated", "unchanged"]

MEDIA_TYPES: dict[str, Literal["text/plain", "text/html"]] = {
    ".txt": "text/plain",
    ".html": "text/html",
    ".htm": "text/html",
}


class UploadError(Exception):
    """A request the upload refuses, with the HTTP status that says why."""

    def __init__(self, status_code: int, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message


@dataclass(frozen=True, slots=True)
class Pasted:
    """Text typed or pasted into the form, with the metadata the form offers."""

    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB".replace(".0 MB", " MB")


def too_large(size: int, limit: int) -> UploadError:
    return UploadError(413, f"upload too large ({megabytes(size)} > {megabytes(limit)} limit)")


def pasted_doc(pasted: Pasted) -> RawDoc:
    """A raw document for pasted text; its id is a hash, so pasting it twice is one article."""
    digest = hashlib.sha256(pasted.text.encode("utf-8")).hexdigest()[:12]
    fields = {"title": pasted.title, "url": pasted.url, "published": pasted.published}
    metadata = {key: value.strip() for key, value in fields.items() if value and value.strip()}
    return RawDoc(
        id=f"pasted-{digest}.txt",
        uri="upload:pasted",
        content=pasted.text,
        media_type="text/plain",
        metadata=metadata,
    )


def file_doc(filename: str, data: bytes, limit: int) -> RawDoc:
    """A raw document for an uploaded file; refuses what `veille ingest` would skip."""
    name = PurePath(filename.replace("\\", "/")).name or "upload.txt"
    suffix = PurePath(name).suffix.lower()
    if suffix not in MEDIA_TYPES:
        kind, accepted = suffix or "(none)", ", ".join(MEDIA_TYPES)
        raise UploadError(415, f"{name}: unsupported file type {kind}; use {accepted}")
    if len(data) > limit:
        raise too_large(len(data), limit)
    media_type = MEDIA_TYPES[suffix]
    try:
        decoded = decode_bytes(data, html=media_type == "text/html")
    except BinaryContent as err:
        raise UploadError(415, f"{name}: {err}") from None
    if not decoded.text.strip():
        raise UploadError(422, f"{name}: empty file")
    return RawDoc(
        id=name,
        uri=f"upload:{name}",
        content=decoded.text,
        media_type=media_type,
        warnings=decoded.warnings,
    )


def run_upload(db: Database, docs: Sequence[RawDoc], store: bool) -> UploadOut:
    """Process every document, then store them all if asked; raise before storing anything."""
    from veille.pipeline import process  # loads the language models on first use

    if not docs:
        raise UploadError(422, "nothing to read: paste some text or choose a file")
    processed: list[Processed] = []
    for raw in docs:
        try:
            processed.append(process(raw))
        except ValueError as err:  # CleanError: no main text, and the like
            raise UploadError(422, f"{raw.id}: {err}") from None
    return UploadOut(stored=store, documents=[_document(db, item, store) for item in processed])


def _document(db: Database, item: Processed, store: bool) -> UploadedDocument:
    article = item.article
    outcome: Outcome | None = None
    warnings = list(item.raw.warnings)
    if store:
        report = ingest(db, [item])
        warnings += [warning.split(": ", 1)[-1] for warning in report.warnings]
        warnings += [failure.reason for failure in report.failed]
        outcome = _outcome(report)
    return UploadedDocument(
        name=item.raw.id,
        article_id=article.id,
        title=article.title,
        language=article.language,
        published=article.published,
        paragraphs=len(article.paragraphs),
        claims=[_claim(claim) for claim in item.claims],
        stored=outcome,
        link=article_link(article.id) if outcome and _exists(db, article.id) else None,
        warnings=warnings,
    )


def _outcome(report: IngestReport) -> Outcome | None:
    if report.new:
        return "new"
    if report.updated:
        return "updated"
    return "unchanged" if report.unchanged else None


def _exists(db: Database, article_id: str) -> bool:
    a = schema.articles
    with db.read() as conn:
        return conn.scalar(sa.select(a.c.id).where(a.c.id == article_id)) is not None


def _claim(claim: Claim) -> UploadedClaim:
    return UploadedClaim(
        subject=claim.subject,
        metric=claim.metric,
        value=claim.value,
        unit=claim.unit,
        status=claim.status,
        year=claim.year,
        qualifier=claim.qualifier,
        location=claim.location,
        object=claim.object,
        sentence=claim.evidence.sentence,
    )
