"""`veille.sources.warc`: crawl archives to raw documents, only HTML pages that loaded.

The archives are written here, record by record in the WARC/1.0 text format
(for `.warc.gz`, each record is its own gzip member, as Common Crawl does);
every article is invented.
"""

from __future__ import annotations

import gzip
import uuid
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veille.cli.app import app
from veille.pipeline import process
from veille.records import RawDoc, Rejected
from veille.sources import read_paths
from veille.sources.warc import document_id, read_warc

FRENCH_PAGE = """<!DOCTYPE html>
<html lang="fr"><head><title>Kénitra : l'équipementier Atlas Câblage recrute</title>
<meta property="article:published_time" content="2025-04-14T09:00:00+01:00"></head>
<body><nav>Accueil | Industrie | Auto</nav>
<article><h1>Kénitra : l'équipementier Atlas Câblage recrute</h1>
<p>Kénitra, le 14 avril 2025 — Le fabricant de faisceaux Atlas Câblage a ouvert une
deuxième usine dans la zone franche de Kénitra. Yazaki, son principal concurrent sur le
site, emploie déjà 4 500 personnes dans la région.</p>
<p>Selon la direction, le nouveau site emploiera 1 800 salariés d'ici 2027, une fois
les trois lignes de production installées.</p>
</article><footer>Contact : redaction@exemple.ma</footer></body></html>
"""
ENGLISH_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Stellantis lifts Kenitra output</title></head>
<body><article><h1>Stellantis lifts Kenitra output</h1>
<p>Kenitra, 2 June 2025 — Stellantis produced 220,000 vehicles at its Kenitra plant in
2024, the carmaker said on Monday, as demand for its small city cars kept rising.</p>
<p>The group plans to raise the plant's capacity to 535,000 vehicles a year by 2030,
with new electric models assembled on the site.</p>
</article></body></html>
"""
# No <meta charset>: only the HTTP header says how to read the bytes.
LATIN_PAGE = """<html><head><title>Tanger : la SOMACA accélère</title></head><body>
<article><h1>Tanger : la SOMACA accélère</h1>
<p>Casablanca, le 5 mars 2025 — La SOMACA a produit 94 000 véhicules en 2024 dans son
usine de Casablanca, un record depuis sa création.</p>
<p>L'usine, détenue par Renault, prévoit d'accroître sa capacité à 160 000 véhicules par
an d'ici 2026 grâce à une troisième équipe.</p></article></body></html>
"""


def http_response(body: bytes, content_type: str, status: str = "200 OK") -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
    return head.encode("ascii") + b"\r\n" + body


def warc_record(
    kind: str, uri: str | None, block: bytes, *, msgtype: str = "response", record: str = ""
) -> bytes:
    """One WARC/1.0 record: header lines, a blank line, the block, two CRLFs."""
    lines = [
        "WARC/1.0",
        f"WARC-Type: {kind}",
        f"WARC-Record-ID: <urn:uuid:{record or uuid.uuid4()}>",
        "WARC-Date: 2025-06-03T08:15:00Z",
    ]
    if uri:
        lines.append(f"WARC-Target-URI: {uri}")
    if kind in ("request", "response"):
        lines.append(f"Content-Type: application/http; msgtype={msgtype}")
    lines.append(f"Content-Length: {len(block)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + block + b"\r\n\r\n"


def html_response(uri: str, page: str, charset: str = "utf-8") -> bytes:
    body = page.encode(charset)
    return warc_record("response", uri, http_response(body, f"text/html; charset={charset}"))


def crawl_records() -> list[bytes]:
    """A small crawl: three pages that loaded, and everything a crawl also holds."""
    get = b"GET /auto/atlas-cablage HTTP/1.1\r\nHost: news.example.ma\r\n\r\n"
    return [
        warc_record("warcinfo", None, b"software: hand-written test archive\r\n"),
        warc_record(
            "request", "https://news.example.ma/auto/atlas-cablage", get, msgtype="request"
        ),
        html_response("https://news.example.ma/auto/atlas-cablage", FRENCH_PAGE),
        warc_record(
            "response",
            "https://news.example.ma/logo.png",
            http_response(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
        ),
        warc_record(
            "response",
            "https://news.example.ma/api/latest.json",
            http_response(b'{"latest": ["atlas-cablage"]}', "application/json"),
        ),
        warc_record(
            "response",
            "https://news.example.ma/auto/missing",
            http_response(
                b"<html><body><p>Page introuvable</p></body></html>", "text/html", "404 Not Found"
            ),
        ),
        html_response("https://en.example.com/business/stellantis-kenitra?ref=home", ENGLISH_PAGE),
        html_response("http://eco.example.ma/somaca-2024", LATIN_PAGE, charset="windows-1252"),
    ]


def write_warc(path: Path, records: list[bytes]) -> Path:
    if path.name.endswith(".gz"):
        path.write_bytes(b"".join(gzip.compress(record) for record in records))
    else:
        path.write_bytes(b"".join(records))
    return path


def documents(items: list[RawDoc | Rejected]) -> list[RawDoc]:
    return [item for item in items if isinstance(item, RawDoc)]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_only_html_pages_with_status_200_come_out(tmp_path: Path, name: str) -> None:
    path = write_warc(tmp_path / name, crawl_records())
    skipped: Counter[str] = Counter()
    items = list(read_warc(path, skipped))
    assert all(isinstance(item, RawDoc) for item in items), items
    assert [doc.uri for doc in documents(items)] == [
        "https://news.example.ma/auto/atlas-cablage",
        "https://en.example.com/business/stellantis-kenitra?ref=home",
        "http://eco.example.ma/somaca-2024",
    ]
    assert skipped == Counter(
        {"warc:warcinfo": 1, "warc:request": 1, "warc:not-html": 2, "warc:status-404": 1}
    )
    first = documents(items)[0]
    assert first.media_type == "text/html"
    assert first.metadata["url"] == first.uri
    assert first.fetched_at is not None and first.fetched_at.year == 2025
    assert "1 800 salariés" in first.content


def test_ids_are_stable_and_safe_as_file_names(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", crawl_records())
    ids = [doc.id for doc in documents(list(read_warc(path)))]
    again = [doc.id for doc in documents(list(read_warc(path)))]
    assert ids == again and len(set(ids)) == 3
    for doc_id in ids:
        assert all(char.isalnum() or char in "._-" for char in doc_id), doc_id
    assert ids[1].startswith("en.example.com-business-stellantis-kenitra-ref-home-")
    # Two URLs whose slugs are the same stay apart.
    assert document_id("https://a.ma/x?y", None) != document_id("https://a.ma/x-y", None)
    assert document_id(None, "<urn:uuid:1>").startswith("warc-")


def test_the_http_charset_is_honoured(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc", crawl_records())
    latin = documents(list(read_warc(path)))[2]
    assert "accélère" in latin.content and "\ufffd" not in latin.content
    assert latin.warnings == ("decoded as cp1252 (declared in the HTTP Content-Type)",)


def test_claims_are_extracted_from_the_pages(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", crawl_records())
    found = {
        (claim.subject, claim.metric, claim.value, claim.status, claim.year)
        for doc in documents(list(read_warc(path)))
        for claim in process(doc).claims
    }
    assert ("Yazaki", "employment", 4500, "actual", None) in found
    assert ("Stellantis", "production_volume", 220000, "actual", 2024) in found
    assert ("Stellantis", "production_capacity", 535000, "target", 2030) in found
    assert ("SOMACA", "production_volume", 94000, "actual", 2024) in found


def test_a_broken_record_is_rejected_and_reading_goes_on(tmp_path: Path) -> None:
    records = crawl_records()
    binary = warc_record(
        "response",
        "https://news.example.ma/broken",
        http_response(b"\x00\x01\x02" * 50, "text/html"),
        record="0000-broken",
    )
    no_target = warc_record("response", None, http_response(b"<p>orphan</p>", "text/html"))
    path = write_warc(tmp_path / "crawl.warc.gz", [*records[:3], binary, no_target, *records[3:]])
    items = list(read_warc(path))
    rejected = [item for item in items if isinstance(item, Rejected)]
    assert [r.reason for r in rejected] == [
        "binary file (contains NUL bytes)",
        "response record without WARC-Target-URI",
    ]
    assert rejected[0].uri == f"{path} record <urn:uuid:0000-broken>"
    assert len(documents(items)) == 3


@pytest.mark.parametrize("name", ["cut.warc", "cut.warc.gz"])
def test_a_truncated_file_gives_the_pages_before_the_cut_then_one_error(
    tmp_path: Path, name: str
) -> None:
    whole = write_warc(tmp_path / f"whole-{name}", crawl_records()).read_bytes()
    path = tmp_path / name
    path.write_bytes(whole[: len(whole) - 300])  # inside the last page
    items = list(read_warc(path))
    assert len(documents(items)) == 2
    last = items[-1]
    assert isinstance(last, Rejected) and last.uri == str(path)
    assert last.reason.startswith("damaged WARC file: record at byte ")
    assert "cut short" in last.reason


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"these are not the records you are looking for\n" * 20, "damaged WARC file"),
        (gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n")[:15], "damaged WARC file"),
        (b"", "empty file"),
    ],
)
def test_a_file_that_is_no_warc_is_one_clear_rejection(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "odd.warc.gz"
    path.write_bytes(content)
    [item] = list(read_warc(path))
    assert isinstance(item, Rejected) and item.reason.startswith(reason)
    assert "\n" not in item.reason


def test_corrupt_gzip_is_a_rejection_not_a_traceback(tmp_path: Path) -> None:
    data = bytearray(write_warc(tmp_path / "ok.warc.gz", crawl_records()).read_bytes())
    middle = len(data) // 2
    data[middle : middle + 40] = b"\xff" * 40
    path = tmp_path / "corrupt.warc.gz"
    path.write_bytes(bytes(data))
    items = list(read_warc(path))
    assert isinstance(items[-1], Rejected)
    assert items[-1].reason.startswith("damaged WARC file")


def test_folders_and_the_cli_read_warc_files(tmp_path: Path) -> None:
    write_warc(tmp_path / "a.warc.gz", crawl_records())
    write_warc(tmp_path / "b.warc", crawl_records()[:3])
    (tmp_path / "notes.gz").write_bytes(gzip.compress(b"not an archive"))
    uris = [doc.uri for doc in documents(list(read_paths([tmp_path])))]
    assert len(uris) == 4 and uris[-1] == "https://news.example.ma/auto/atlas-cablage"
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "b.warc")])
    assert result.exit_code == 0, result.output
    assert '"metric": "employment"' in result.stdout


def test_an_oversized_record_is_skipped_unread_and_reading_goes_on(tmp_path: Path) -> None:
    big_page = "<html><body><p>" + "Le site de Kénitra tourne. " * 900_000 + "</p></body></html>"
    records = [
        html_response("https://news.example.ma/auto/enorme", big_page),
        html_response("https://news.example.ma/auto/atlas-cablage", FRENCH_PAGE),
    ]
    items = list(read_warc(write_warc(tmp_path / "big.warc", records), None))
    rejected = [item for item in items if isinstance(item, Rejected)]
    assert len(rejected) == 1 and "too large" in rejected[0].reason
    assert [doc.uri for doc in documents(items)] == ["https://news.example.ma/auto/atlas-cablage"]
