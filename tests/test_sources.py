"""`veille.sources`: files, folders and JSON Lines to `RawDoc` or `Rejected`.

The fixtures are written here, in tmp_path; every text is invented.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from veille.records import RawDoc, Rejected
from veille.sources import BinaryContent, decode_bytes, read_paths

FRENCH = (
    "Le fabricant Cèdre Câbles a inauguré à Kénitra une usine où travailleront 600 "
    "personnes d'ici 2027 ; la direction prévoit déjà une deuxième tranche à Tanger.\n"
)
ENGLISH = "The seat maker Dune Seating will open a plant in Tangier with 400 jobs by 2026.\n"


def read_all(*paths: Path | str, max_bytes: int = 20_000_000) -> list[RawDoc | Rejected]:
    return list(read_paths(paths, max_bytes=max_bytes))


def only_doc(items: list[RawDoc | Rejected]) -> RawDoc:
    [doc] = items
    assert isinstance(doc, RawDoc), doc
    return doc


def only_rejected(items: list[RawDoc | Rejected]) -> Rejected:
    [rejected] = items
    assert isinstance(rejected, Rejected), rejected
    return rejected


# ---------------------------------------------------------------- files and folders


def test_text_and_html_files_become_raw_docs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "b.HTM").write_text(f"<p>{ENGLISH}</p>", encoding="utf-8")
    text, html = read_all(tmp_path / "a.txt", tmp_path / "b.HTM")
    assert isinstance(text, RawDoc) and isinstance(html, RawDoc)
    assert (text.id, text.uri, text.media_type) == ("a.txt", "a.txt", "text/plain")
    assert text.content == FRENCH and text.warnings == ()
    assert (html.id, html.media_type) == ("b.HTM", "text/html")


def test_folder_walk_is_recursive_sorted_and_skips_hidden_and_unsupported(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "a.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "sub" / "deeper" / "c.html").write_text("<p>x y z</p>", encoding="utf-8")
    (tmp_path / ".secret.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / ".hidden" / "d.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    ids = [item.id for item in read_all(tmp_path) if isinstance(item, RawDoc)]
    assert ids == ["a.txt", "b.txt", "c.html"]
    assert all(isinstance(item, RawDoc) for item in read_all(tmp_path))


def test_unsupported_file_named_explicitly_is_rejected(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    assert only_rejected(read_all(pdf)) == Rejected(str(pdf), "unsupported file type .pdf")


def test_missing_path_is_rejected(tmp_path: Path) -> None:
    assert only_rejected(read_all(tmp_path / "nope.txt")).reason == "no such file or folder"


def test_empty_and_whitespace_files_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\u00a0\n\t\n", encoding="utf-8")
    reasons = [item.reason for item in read_all(tmp_path) if isinstance(item, Rejected)]
    assert reasons == ["empty file", "empty file"]


def test_binary_files_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "nul.txt").write_bytes(b"PK\x03\x04\x00\x00binary payload")
    (tmp_path / "noise.html").write_bytes(bytes(range(1, 32)) * 50)
    nul, noise = read_all(tmp_path / "nul.txt", tmp_path / "noise.html")
    assert isinstance(nul, Rejected) and nul.reason == "binary file (contains NUL bytes)"
    assert isinstance(noise, Rejected) and noise.reason.startswith("binary file")


def test_file_over_the_size_limit_is_rejected_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2_530_000)
    rejected = only_rejected(read_all(big, max_bytes=2_000_000))
    assert rejected.reason == "file too large (2.5 MB > 2 MB limit)"
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # sparse: 25.3 MB on paper, nothing on disk
        handle.truncate(25_300_000)
    assert only_rejected(read_all(huge)).reason == "file too large (25.3 MB > 20 MB limit)"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_file_is_rejected_and_the_others_still_read(tmp_path: Path) -> None:
    locked = tmp_path / "a-locked.txt"
    locked.write_text(FRENCH, encoding="utf-8")
    locked.chmod(0)
    (tmp_path / "b-open.txt").write_text(ENGLISH, encoding="utf-8")
    try:
        first, second = read_all(tmp_path)
    finally:
        locked.chmod(0o644)
    assert first == Rejected(str(locked), "cannot read file (permission denied)")
    assert isinstance(second, RawDoc) and second.id == "b-open.txt"


# ---------------------------------------------------------------- encodings


def test_utf8_with_bom_decodes_without_warning(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + FRENCH.encode("utf-8"))
    doc = only_doc(read_all(path))
    assert doc.content == FRENCH and doc.warnings == ()


def test_cp1252_text_is_recognised_and_flagged(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    text = FRENCH + "Un « accord » à 5 € – signé.\n"
    path.write_bytes(text.encode("cp1252"))
    doc = only_doc(read_all(path))
    assert doc.content == text
    assert doc.warnings == ("decoded as cp1252",)


def test_latin1_short_text_is_not_mistaken_for_cyrillic() -> None:
    decoded = decode_bytes("Créée à Salé".encode("latin-1"))
    assert decoded.text == "Créée à Salé"
    assert decoded.warnings == ("decoded as cp1252",)


def test_utf8_with_a_few_broken_bytes_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(FRENCH.encode("utf-8") + b"fin \xff\xfe du texte\n")
    doc = only_doc(read_all(path))
    assert doc.content.startswith(FRENCH)
    assert "fin \ufffd\ufffd du texte" in doc.content
    assert doc.warnings == ("invalid UTF-8 bytes replaced",)


def test_html_meta_charset_wins_when_bytes_are_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    head = b'<html><head><meta charset="windows-1252"></head><body><p>'
    path.write_bytes(head + "Créée en 1959 à Casablanca".encode("cp1252") + b"</p></body></html>")
    doc = only_doc(read_all(path))
    assert "Créée en 1959 à Casablanca" in doc.content
    assert doc.warnings == ("decoded as cp1252 (declared in <meta charset>)",)


def test_html_declared_latin1_but_valid_utf8_stays_utf8() -> None:
    data = '<meta charset="iso-8859-1"><p>Kénitra</p>'.encode()
    assert decode_bytes(data, html=True).text == '<meta charset="iso-8859-1"><p>Kénitra</p>'


def test_utf16_with_bom_decodes() -> None:
    decoded = decode_bytes(ENGLISH.encode("utf-16"))
    assert decoded.text == ENGLISH and decoded.warnings == ("decoded as utf-16",)


def test_decode_bytes_raises_binary_content_on_nul_bytes() -> None:
    with pytest.raises(BinaryContent, match="NUL"):
        decode_bytes(b"abc\x00def")


# ---------------------------------------------------------------- JSON Lines


def test_jsonl_records_with_metadata_and_default_ids(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    rows = [
        {
            "id": "n-1",
            "text": FRENCH,
            "url": "https://ex.ma/1",
            "title": "Titre",
            "published": "2025-03-02",
        },
        {"html": f"<p>{ENGLISH}</p>", "title": 42},
        {"id": 7, "text": ENGLISH},
    ]
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n\n", encoding="utf-8")
    first, second, third = read_all(path)
    assert isinstance(first, RawDoc) and isinstance(second, RawDoc) and isinstance(third, RawDoc)
    assert (first.id, first.media_type, first.content) == ("n-1", "text/plain", FRENCH)
    assert dict(first.metadata) == {
        "url": "https://ex.ma/1",
        "title": "Titre",
        "published": "2025-03-02",
    }
    assert first.uri == "feed.jsonl line 1"
    assert (second.id, second.media_type, dict(second.metadata)) == (
        "feed.jsonl#2",
        "text/html",
        {},
    )
    assert third.id == "7"


def test_jsonl_bad_lines_are_rejected_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "good-1", "text": FRENCH}),
        '{"id": "cut", "text": "unterminated',
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "no-text", "title": "only a title"}),
        json.dumps({"id": "blank-text", "text": "   "}),
        json.dumps({"id": "good-2", "text": ENGLISH}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = read_all(path)
    assert [item.id for item in items if isinstance(item, RawDoc)] == ["good-1", "good-2"]
    rejected = {item.uri: item.reason for item in items if isinstance(item, Rejected)}
    assert set(rejected) == {f"{path} line {n}" for n in (2, 3, 4, 5)}
    assert rejected[f"{path} line 2"].startswith("not valid JSON (Unterminated string")
    assert rejected[f"{path} line 3"] == "expected a JSON object, got list"
    assert rejected[f"{path} line 4"] == "no 'text' or 'html' field with content"


def test_jsonl_line_over_the_limit_is_rejected_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    long_line = json.dumps({"id": "long", "text": "x" * 5000})
    path.write_text(long_line + "\n" + json.dumps({"id": "short", "text": ENGLISH}) + "\n")
    first, second = read_all(path, max_bytes=1000)
    assert first == Rejected(f"{path} line 1", "line too large (over 1000 bytes)")
    assert isinstance(second, RawDoc) and second.id == "short"


def test_empty_jsonl_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert only_rejected(read_all(path)) == Rejected(str(path), "empty file")


def test_jsonl_in_cp1252_still_reads_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    line = json.dumps(
        {"id": "old", "text": "Créée à Kénitra, l'usine emploie 300 personnes."}, ensure_ascii=False
    )
    path.write_bytes(line.encode("cp1252") + b"\n")
    doc = only_doc(read_all(path))
    assert doc.content == "Créée à Kénitra, l'usine emploie 300 personnes."
    assert doc.warnings == ("decoded as cp1252",)
