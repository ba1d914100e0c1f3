"""Upload: pasted text or files through the same `process` as every engine, stored on request.

Everything is checked and processed before anything is stored, so a request
with one bad file stores nothing. Storing goes through `veille.store.ingest`,
which writes each article with its entities and claims in one transaction:
never a partial article.

An upload never replaces an article silently: when its id is already stored
with another text (a file named like an article `veille ingest` stored), the
request is refused (409) unless it asks to replace (`replace=on`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal

import sqlalchemy as sa

from veille.pipeline import Processed
from veille.records import Claim, RawDoc, Rejected
from veille.sources import BinaryContent, decode_bytes
from veille.sources.files import MEDIA_TYPES, megabytes  # what `veille ingest` reads, sized alike
from veille.sources.urls import web_url
from veille.store import Database, IngestReport, ingest, schema
from veille.web.links import article_link
from veille.web.models import UploadedClaim, UploadedDocument, UploadOut
from veille.web.security import shorten

Outcome = Literal["new", "updated", "unchanged"]


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


def too_large(size: int, limit: int) -> UploadError:
    return UploadError(413, f"upload too large ({megabytes(size)} > {megabytes(limit)} limit)")


def pasted_doc(pasted: Pasted) -> RawDoc:
    """A raw document for pasted text; its id is a hash, so pasting it twice is one article."""
    digest = hashlib.sha256(pasted.text.encode("utf-8")).hexdigest()[:12]
    fields = {"title": pasted.title, "url": pasted.url, "published": pasted.published}
    metadata = {key: value.strip() for key, value in fields.items() if value and value.strip()}
    warnings: tuple[str, ...] = ()
    if "url" in metadata and web_url(metadata["url"]) is None:
        del metadata["url"]  # it would be rendered as a link: only http(s) is
        warnings = ("url dropped (not an http or https URL)",)
    return RawDoc(
        id=f"pasted-{digest}.txt",
        uri="upload:pasted",
        content=pasted.text,
        media_type="text/plain",
        metadata=metadata,
        warnings=warnings,
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


def accepted(docs: Sequence[RawDoc], results: Sequence[Processed | Rejected]) -> list[Processed]:
    """The processed documents, or the `UploadError` of the first one that was refused."""
    for raw, result in zip(docs, results, strict=False):
        if isinstance(result, Rejected):  # no main text, over the budget, and the like
            raise UploadError(422, f"{raw.id}: {result.reason}")
    if len(results) < len(docs):
        raise UploadError(422, f"{docs[len(results)].id}: not processed")
    return [result for result in results if isinstance(result, Processed)]


def run_upload(
    db: Database, processed: Sequence[Processed], store: bool, replace: bool = False
) -> UploadOut:
    """Store the processed documents if asked; refuse before storing anything.

    An article already stored under the same id with another text is replaced
    only when `replace` is set: an upload never overwrites one silently.
    """
    if store and not replace:
        for item in processed:
            taken = _stored_elsewhere(db, item)
            if taken:
                raise UploadError(409, taken)
    return UploadOut(stored=store, documents=[_document(db, item, store) for item in processed])


def _stored_elsewhere(db: Database, item: Processed) -> str | None:
    """Why storing `item` would overwrite another article, or None."""
    a = schema.articles
    query = sa.select(a.c.content_hash, a.c.source_uri).where(a.c.id == item.article.id)
    with db.read() as conn:
        row = conn.execute(query).one_or_none()
    if row is None or row.content_hash == item.article.content_hash:
        return None
    return (
        f"{shorten(item.article.id)}: an article with this id is already stored "
        f"(from {shorten(row.source_uri)}); tick “replace” to replace it, "
        "or rename the file"
    )


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
