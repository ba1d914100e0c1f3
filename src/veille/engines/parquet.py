"""Parquet: the output layout of `veille run`, read back by `veille load`, and Parquet input.

A run writes three tables as folders of part files::

    OUT/articles/part-<id>.parquet   one row per article (text and raw form)
    OUT/claims/part-<id>.parquet     one row per claim, with its evidence span
    OUT/rejected/part-<id>.parquet   one row per document that could not be used
    OUT/manifest.json                counts and inputs, written last

The articles and claims of one batch share a part name (its write time, then a
random suffix), so a loader reads an article with its claims one part at a
time and memory stays flat. A part is written under a temporary name and
renamed when complete: a worker killed mid-write leaves no part a loader reads.
"""

from __future__ import annotations

import json
import time
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

import veille
from veille.records import Article, Claim, Evidence, Processed, RawDoc, Rejected
from veille.sources.jsonl import parse_record as jsonl_record

TABLES = ("articles", "claims", "rejected")
MANIFEST = "manifest.json"
_TEXT = pa.string()

ARTICLES = pa.schema(
    [
        ("id", _TEXT),
        ("url", _TEXT),
        ("title", _TEXT),
        ("published", pa.date32()),
        ("language", _TEXT),
        ("text", _TEXT),
        ("content_hash", _TEXT),
        ("raw_content", _TEXT),
        ("media_type", _TEXT),
        ("source_uri", _TEXT),
        ("fetched_at", pa.timestamp("us", tz="UTC")),
        ("warnings", pa.list_(_TEXT)),
        ("extractor_version", _TEXT),
    ]
)
CLAIMS = pa.schema(
    [
        ("article_id", _TEXT),
        ("doc", _TEXT),
        ("subject", _TEXT),
        ("subject_mention", _TEXT),
        ("metric", _TEXT),
        ("value", pa.float64()),
        ("unit", _TEXT),
        ("status", _TEXT),
        ("year", pa.int32()),
        ("qualifier", _TEXT),
        ("location", _TEXT),
        ("object", _TEXT),
        ("paragraph", pa.int32()),
        ("char_start", pa.int32()),
        ("char_end", pa.int32()),
        ("sentence", _TEXT),
    ]
)
REJECTED = pa.schema([("uri", _TEXT), ("reason", _TEXT)])
SCHEMAS = {"articles": ARTICLES, "claims": CLAIMS, "rejected": REJECTED}


@dataclass(frozen=True, slots=True)
class PartCounts:
    """What one written part holds, table by table."""

    articles: int = 0
    claims: int = 0
    rejected: int = 0


# ---------------------------------------------------------------- records to rows and back


def article_row(item: Processed) -> dict[str, Any]:
    article, raw = item.article, item.raw
    return {
        "id": article.id,
        "url": article.url,
        "title": article.title,
        "published": article.published,
        "language": article.language,
        "text": article.text,
        "content_hash": article.content_hash,
        "raw_content": raw.content,
        "media_type": raw.media_type,
        "source_uri": raw.uri,
        "fetched_at": raw.fetched_at,
        "warnings": list(raw.warnings),
        "extractor_version": veille.__version__,
    }


def claim_row(claim: Claim) -> dict[str, Any]:
    evidence = claim.evidence
    return {
        "article_id": evidence.article_id,
        "doc": claim.doc,
        "subject": claim.subject,
        "subject_mention": claim.subject_mention,
        "metric": claim.metric,
        "value": claim.value,
        "unit": claim.unit,
        "status": claim.status,
        "year": claim.year,
        "qualifier": claim.qualifier,
        "location": claim.location,
        "object": claim.object,
        "paragraph": evidence.paragraph,
        "char_start": evidence.start,
        "char_end": evidence.end,
        "sentence": evidence.sentence,
    }


def claim_from_row(row: dict[str, Any]) -> Claim:
    evidence = Evidence(
        row["article_id"], row["paragraph"], row["char_start"], row["char_end"], row["sentence"]
    )
    return Claim(
        doc=row["doc"],
        subject=row["subject"],
        metric=row["metric"],
        value=row["value"],
        unit=row["unit"],
        status=row["status"],
        year=row["year"],
        qualifier=row["qualifier"],
        location=row["location"],
        object=row["object"],
        evidence=evidence,
        subject_mention=row["subject_mention"],
    )


def processed_from_rows(row: dict[str, Any], claims: list[dict[str, Any]]) -> Processed | Rejected:
    """An article row and its claim rows as the `Processed` record the store takes.

    The text is checked against its hash: an edited or damaged file must not
    slip a text into the store under another text's identity.
    """
    raw = RawDoc(
        id=row["id"],
        uri=row["source_uri"],
        content=row["raw_content"],
        media_type=row["media_type"],
        fetched_at=row["fetched_at"],
        warnings=tuple(row["warnings"] or ()),
    )
    article = Article(
        id=row["id"],
        url=row["url"],
        title=row["title"],
        published=row["published"],
        language=row["language"],
        paragraphs=tuple(row["text"].split("\n\n")),
    )
    if article.content_hash != row["content_hash"]:
        return Rejected(raw.uri, "content_hash does not match the text (was the file edited?)")
    return Processed(raw=raw, article=article, claims=tuple(map(claim_from_row, claims)))


# ---------------------------------------------------------------- writing a run


def filesystem(out: str | Path) -> tuple[pafs.FileSystem, str]:
    """The filesystem and root path of a local folder or a URI pyarrow knows (s3://, gs://)."""
    text = str(out)
    if "://" not in text:
        text = str(Path(text).resolve())
    return pafs.FileSystem.from_uri(text)


def is_empty_folder(out: str | Path) -> bool:
    """Whether `out` is absent or an empty folder: a run never writes over an older one."""
    fs, root = filesystem(out)
    info = fs.get_file_info(root)
    if info.type == pafs.FileType.NotFound:
        return True
    if info.type != pafs.FileType.Directory:
        return False
    return not fs.get_file_info(pafs.FileSelector(root, recursive=False))


def make_folder(out: str | Path) -> None:
    """Create the output folder (raises `OSError` when it cannot be written)."""
    fs, root = filesystem(out)
    fs.create_dir(root, recursive=True)


def _write_table(fs: pafs.FileSystem, root: str, name: str, table: pa.Table, part: str) -> None:
    folder = f"{root}/{name}"
    fs.create_dir(folder, recursive=True)
    final = f"{folder}/{part}.parquet"
    temporary = f"{folder}/.{part}.parquet.tmp"
    pq.write_table(table, temporary, filesystem=fs, compression="zstd")
    fs.move(temporary, final)


def write_part(out: str | Path, items: Iterable[Processed | Rejected]) -> PartCounts:
    """Write one part of each table (a table with no rows gets no file)."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for item in items:
        if isinstance(item, Rejected):
            rows["rejected"].append({"uri": item.uri, "reason": item.reason})
            continue
        rows["articles"].append(article_row(item))
        rows["claims"] += [claim_row(claim) for claim in item.claims]
    fs, root = filesystem(out)
    # Named by write time, so parts sort in the order they were written and a
    # loader meets two copies of one text in that order, as ingest would.
    part = f"part-{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
    for name in TABLES:
        if rows[name]:
            table = pa.Table.from_pylist(rows[name], schema=SCHEMAS[name])
            _write_table(fs, root, name, table, part)
    return PartCounts(len(rows["articles"]), len(rows["claims"]), len(rows["rejected"]))


def write_manifest(out: str | Path, counts: PartCounts, inputs: list[str], engine: str) -> None:
    """Written last: its presence says the run finished."""
    fs, root = filesystem(out)
    fs.create_dir(root, recursive=True)
    manifest = {
        "veille_version": veille.__version__,
        "engine": engine,
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "inputs": inputs,
        "articles": counts.articles,
        "claims": counts.claims,
        "rejected": counts.rejected,
    }
    with fs.open_output_stream(f"{root}/{MANIFEST}") as stream:
        stream.write(json.dumps(manifest, indent=2).encode("utf-8"))


# ---------------------------------------------------------------- reading a run back


def part_files(out: str | Path, table: str) -> list[str]:
    """The complete part files of one table, sorted (temporary files are left out)."""
    fs, root = filesystem(out)
    folder = f"{root}/{table}"
    if fs.get_file_info(folder).type != pafs.FileType.Directory:
        return []
    infos = fs.get_file_info(pafs.FileSelector(folder, recursive=False))
    names = [info.base_name for info in infos if info.base_name.endswith(".parquet")]
    return sorted(name for name in names if not name.startswith("."))


def read_table(out: str | Path, table: str, part: str) -> pa.Table:
    """One part file of one table; raises `pyarrow.ArrowInvalid` if it is not Parquet."""
    fs, root = filesystem(out)
    return pq.read_table(f"{root}/{table}/{part}", filesystem=fs, schema=SCHEMAS[table])


def read_run(out: str | Path) -> Iterator[Processed | Rejected]:
    """Every article of a run with its claims, part by part."""
    claim_parts = set(part_files(out, "claims"))
    for part in part_files(out, "articles"):
        claims: dict[str, list[dict[str, Any]]] = defaultdict(list)
        if part in claim_parts:
            for row in read_table(out, "claims", part).to_pylist():
                claims[row["article_id"]].append(row)
        for row in read_table(out, "articles", part).to_pylist():
            yield processed_from_rows(row, claims.get(row["id"], []))


def read_rejected(out: str | Path) -> Iterator[Rejected]:
    for part in part_files(out, "rejected"):
        for row in read_table(out, "rejected", part).to_pylist():
            yield Rejected(row["uri"], row["reason"])


def read_claims(out: str | Path) -> Iterator[Claim]:
    """Every claim of a run, in no particular order."""
    for part in part_files(out, "claims"):
        yield from map(claim_from_row, read_table(out, "claims", part).to_pylist())


# ---------------------------------------------------------------- Parquet input shards


def read_parquet_docs(path: Path, *, batch_rows: int = 256) -> Iterator[RawDoc | Rejected]:
    """Documents from a Parquet file with a `text` or `html` column, read as JSON Lines are.

    Optional columns are the JSON Lines fields: `id`, `url`, `title`,
    `published` (a string, date or timestamp). Rows are streamed in batches.
    """
    try:
        handle = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as err:
        yield Rejected(str(path), f"not a readable Parquet file ({str(err).splitlines()[0]})")
        return
    names = set(handle.schema_arrow.names)
    if not names & {"text", "html"}:
        yield Rejected(str(path), "Parquet file without a 'text' or 'html' column")
        return
    columns = [
        name for name in ("id", "url", "title", "published", "text", "html") if name in names
    ]
    number = 0
    for batch in handle.iter_batches(batch_size=batch_rows, columns=columns):
        for row in batch.to_pylist():
            number += 1
            if isinstance(row.get("published"), date):  # datetime is a date too
                row["published"] = row["published"].isoformat()
            yield jsonl_record(row, path, number, f"{path} row {number}")
