"""Hostile input and hostile pages (issue 9): nothing crashes, nothing runs, nothing is overwritten.

Each test is one threat of `docs/security.md`'s table. Most build their
articles and claims by hand and store them with `veille.store.ingest`, so no
language model is loaded; the upload tests go through the app's worker process.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import math
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from veille.cli.app import app as cli
from veille.pipeline import ArticleBudget, Processed, process_within
from veille.records import Article, Claim, Evidence, RawDoc, Rejected
from veille.sources import read_paths
from veille.spreadsheet import safe_cell
from veille.store import Database, ingest
from veille.web import WebSettings, create_app
from veille.web.charts import metric_chart, nice_ticks
from veille.web.models import Chart, ChartPoint
from veille.web.worker import ArticleWorker, Interrupted

runner = CliRunner()
SENTENCE = "Renault Group emploie 9 000 personnes à Tanger."
ARTICLE_TEXT = (
    "Renault Group emploie 9 000 personnes à Tanger, a indiqué le constructeur mardi.\n\n"
    "L'usine prévoit de recruter 1 200 personnes supplémentaires d'ici 2026."
)
TOKEN = "s3cret-token"


def stored(
    article_id: str,
    *,
    value: float = 9000,
    url: str | None = "https://news.example/a",
    sentence: str = SENTENCE,
    uri: str = "news/a.txt",
) -> Processed:
    """An article with one employment claim, built by hand (no model needed)."""
    article = Article(
        id=article_id,
        url=url,
        title=f"Title {article_id}",
        published=date(2024, 5, 2),
        language="fr",
        paragraphs=(f"{sentence} Réf. {article_id}.",),
    )
    claim = Claim(
        doc=article_id,
        subject="Renault Group",
        metric="employment",
        value=value,
        unit="people",
        status="actual",
        year=2024,
        qualifier="exact",
        location="Tangier",
        object=None,
        evidence=Evidence(article_id, 0, 0, len(sentence), sentence),
        subject_mention="Renault Group",
    )
    raw = RawDoc(id=article_id, uri=uri, content=sentence, media_type="text/plain")
    return Processed(raw=raw, article=article, claims=(claim,))


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'veille.db'}"


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(db_url)) as test_client:
        yield test_client


def store(db_url: str, *items: Processed) -> None:
    db = Database.connect(db_url)
    try:
        report = ingest(db, list(items))
        assert not report.failed, report.failed
    finally:
        db.close()


# ---------------------------------------------------------------- bad input


def huge_integer_feed(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "feed.jsonl"
    good = json.dumps({"id": "good", "text": ARTICLE_TEXT})
    path.write_text(f'{{"id": "big", "text": "x", "n": {"9" * 4400}}}\n{good}\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_a_4400_digit_integer_rejects_its_line_not_the_batch(
    tmp_path: Path, command: str, db_url: str
) -> None:
    feed = huge_integer_feed(tmp_path / "real")
    (tmp_path / "linked").symlink_to(feed.parent)  # a folder that reaches it by a symlink
    for target in (feed, tmp_path / "linked"):
        extra = ["--db", db_url] if command == "ingest" else []
        result = runner.invoke(cli, [command, str(target), *extra])
        assert result.exit_code == 0, result.output
        assert "4300 digits" in result.output
        if command == "extract":
            assert '"doc": "good"' in result.stdout


def test_a_line_over_the_limit_is_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": "x" * 500}) + "\n", encoding="utf-8")
    items = list(read_paths([path], max_bytes=100))
    assert [(type(item), item.reason) for item in items if isinstance(item, Rejected)] == [
        (Rejected, "line too large (over 100 bytes)")
    ]


def test_a_lone_surrogate_escape_is_replaced_not_the_record_lost(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "s", "text": "Renault \\ud800 produit"}\n', encoding="utf-8")
    [doc] = list(read_paths([path]))
    assert isinstance(doc, RawDoc)
    assert doc.content == "Renault \ufffd produit"
    assert "lone surrogate escapes replaced" in doc.warnings
    doc.content.encode("utf-8")  # storable


def test_a_symlink_loop_in_a_folder_is_one_rejection(tmp_path: Path) -> None:
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    [rejected] = list(read_paths([tmp_path]))
    assert isinstance(rejected, Rejected)
    assert rejected.reason == "symbolic link loop"


def test_an_article_over_its_size_budget_is_skipped_at_once() -> None:
    page = "<html><body>" + "<p>Renault produit à Tanger.</p>" * 100_000 + "</body></html>"
    raw = RawDoc(id="big.html", uri="big.html", content=page, media_type="text/html")
    started = time.monotonic()
    result = process_within(raw)
    assert time.monotonic() - started < 1
    assert isinstance(result, Rejected)
    assert result.reason.startswith("article too large to process")


def test_an_article_over_its_time_budget_is_stopped_and_reported() -> None:
    text = "\n\n".join(f"Paragraphe {n} : Renault produit {n} voitures." for n in range(20_000))
    raw = RawDoc(id="long.txt", uri="long.txt", content=text, media_type="text/plain")
    started = time.monotonic()
    result = process_within(raw, ArticleBudget(seconds=0.2))
    assert time.monotonic() - started < 5
    assert isinstance(result, Rejected)
    assert result.reason == "took over 0.2 s to process (time budget)"


def test_the_upload_worker_is_killed_when_the_client_leaves() -> None:
    worker = ArticleWorker(ArticleBudget(seconds=600))
    text = "\n\n".join(f"Paragraphe {n} : Renault produit {n} voitures." for n in range(40_000))
    raw = RawDoc(id="slow.txt", uri="slow.txt", content=text, media_type="text/plain")
    started = time.monotonic()
    asked = 0

    async def gone() -> bool:
        # the client is there when the upload starts and gone as soon as the child works:
        # no wall-clock race with how fast the child reads 40 000 paragraphs
        nonlocal asked
        asked += 1
        return asked > 1

    async def upload() -> None:
        await worker.process([raw], gone)

    child = None
    try:
        with pytest.raises(Interrupted, match="client left"):
            asyncio.run(upload())
        child = worker.pid
        assert child is None  # the worker forgot its child: it was killed
        assert time.monotonic() - started < 10
    finally:
        worker.close()


def test_a_client_that_leaves_stops_its_upload_on_a_real_server(db_url: str) -> None:
    app = create_app(db_url)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            time.sleep(0.05)
        warm = httpx.post(
            f"http://127.0.0.1:{port}/upload.json", data={"text": ARTICLE_TEXT}, timeout=120
        )
        assert warm.status_code == 200, warm.text
        worker: ArticleWorker = app.state.worker
        child = worker.pid
        text = "\n\n".join(f"Paragraphe {n} : Renault produit {n} voitures." for n in range(30_000))
        body = urlencode({"text": text}).encode()
        head = (
            f"POST /upload.json HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        )
        with socket.create_connection(("127.0.0.1", port)) as client:
            client.sendall(head.encode() + body)
            time.sleep(2)  # the child is at work
            assert worker.pid == child
        left = time.monotonic()
        while worker.pid is not None and time.monotonic() - left < 10:
            time.sleep(0.05)
        assert worker.pid is None, "the child kept working after the client left"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_a_large_text_upload_is_refused_within_seconds(client: TestClient) -> None:
    text = "Renault produit 5 000 voitures a Tanger. " * 115_000  # 4.7 MB, under 5 MB
    started = time.monotonic()
    response = client.post("/upload.json", data={"text": text})
    assert response.status_code == 422, response.text
    assert "article too large to process" in response.json()["detail"]
    assert time.monotonic() - started < 60


# ---------------------------------------------------------------- figures


def test_charts_and_pages_survive_values_that_are_not_finite(
    client: TestClient, db_url: str
) -> None:
    assert nice_ticks(0.0, math.inf) == nice_ticks(0.0, 1.0)
    assert nice_ticks(0.0, 1e308)[-1] < math.inf
    points = [
        ChartPoint(claim_id=1, year=2023, value=math.inf, status="actual", link="/a"),
        ChartPoint(claim_id=2, year=2024, value=9000, status="actual", link="/b"),
    ]
    svg = metric_chart(Chart(metric="employment", unit="people", points=points), "Jobs")
    assert svg.count('class="point') == 1
    store(db_url, stored("inf.txt", value=math.inf), stored("ok.txt", value=1e308))
    page = client.get("/entities/Renault%20Group")
    assert page.status_code == 200, page.text
    claims = client.get("/api/claims?subject=Renault%20Group").json()["items"]
    assert sorted(str(claim["value"]) for claim in claims) == ["1e+308", "None"]


# ---------------------------------------------------------------- the web app


def test_only_http_urls_become_links(client: TestClient, db_url: str, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    record = {"id": "js", "text": ARTICLE_TEXT, "url": "javascript:alert(document.cookie)"}
    feed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [doc] = list(read_paths([feed]))
    assert isinstance(doc, RawDoc) and "url" not in doc.metadata
    assert "url dropped (not an http or https URL)" in doc.warnings
    # stored before the check (or by another writer): still never a link
    store(db_url, stored("old.txt", url="javascript:alert(1)"))
    page = client.get("/articles/old.txt")
    assert page.status_code == 200
    assert "javascript:" not in page.text
    assert client.get("/articles/old.txt.json").json()["url"] is None


def test_a_pasted_javascript_url_is_dropped() -> None:
    from veille.web.upload import Pasted, pasted_doc

    doc = pasted_doc(Pasted("text", url=" JavaScript:alert(1)"))
    assert "url" not in doc.metadata and doc.warnings


@pytest.mark.parametrize(
    "headers",
    [{"Origin": "http://evil.example"}, {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"}],
)
def test_cross_site_writes_are_refused(client: TestClient, headers: dict[str, str]) -> None:
    response = client.post(
        "/upload.json", data={"text": ARTICLE_TEXT, "store": "on"}, headers=headers
    )
    assert response.status_code == 403
    assert "cross-site request refused" in response.json()["detail"]
    assert client.get("/api/articles").json()["total"] == 0
    page = client.post("/upload", data={"text": ARTICLE_TEXT}, headers=headers)
    assert page.status_code == 403 and page.headers["content-type"].startswith("text/html")


def test_an_upload_never_replaces_an_article_silently(client: TestClient, db_url: str) -> None:
    store(db_url, stored("report.txt", sentence=SENTENCE, uri="news/report.txt"))
    other = ARTICLE_TEXT.replace("9 000", "12 000").encode()
    files = {"files": ("report.txt", other, "text/plain")}
    refused = client.post("/upload.json", data={"store": "on"}, files=files)
    assert refused.status_code == 409, refused.text
    assert "already stored (from news/report.txt)" in refused.json()["detail"]
    kept = client.get("/api/claims?doc=report.txt").json()["items"]
    assert [claim["value"] for claim in kept] == [9000]
    replaced = client.post("/upload.json", data={"store": "on", "replace": "on"}, files=files)
    assert replaced.status_code == 200, replaced.text
    assert replaced.json()["documents"][0]["stored"] == "updated"


def test_with_a_token_every_write_needs_it_and_reading_does_not(db_url: str) -> None:
    store(db_url, stored("a.txt"))
    with TestClient(create_app(db_url, WebSettings(token=TOKEN))) as client:
        assert client.get("/").status_code == 200
        assert client.get("/api/claims").json()["total"] == 1
        assert "log in" in client.get("/upload").text
        refused = client.post("/upload.json", data={"text": ARTICLE_TEXT})
        assert refused.status_code == 401
        assert refused.headers["www-authenticate"].startswith("Bearer")
        wrong = {"Authorization": "Bearer nope"}
        assert client.post("/upload.json", data={"text": "x"}, headers=wrong).status_code == 401
        bad_login = client.post("/login", data={"token": "nope"})
        assert bad_login.status_code == 401
        login = client.post("/login", data={"token": TOKEN}, follow_redirects=False)
        assert login.status_code == 303
        cookie = login.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie and TOKEN not in cookie
        assert "log in" not in client.get("/upload").text  # the session cookie is sent
        client.cookies.clear()
        bearer = {"Authorization": f"Bearer {TOKEN}"}
        allowed = client.post("/upload.json", data={"text": ARTICLE_TEXT}, headers=bearer)
        assert allowed.status_code == 200, allowed.text


def test_every_answer_has_the_security_headers(client: TestClient) -> None:
    for path in ("/", "/api/claims", "/static/veille.css", "/no/such/page"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
        assert headers["x-content-type-options"] == "nosniff"


def test_csv_exports_never_start_a_cell_with_a_formula(client: TestClient, db_url: str) -> None:
    formula = '=HYPERLINK("http://evil.example","clic") Renault Group emploie 9 000 personnes.'
    store(db_url, stored("f.txt", sentence=formula))
    response = client.get("/api/export/claims.csv")
    [row] = list(csv.DictReader(io.StringIO(response.text)))
    assert row["sentence"] == "'" + formula
    assert float(row["value"]) == 9000
    assert [safe_cell(cell) for cell in ("-1", "+1", "@x", "\tx", -3.5)] == [
        "'-1",
        "'+1",
        "'@x",
        "'\tx",
        -3.5,
    ]


def test_what_an_error_echoes_is_bounded(client: TestClient) -> None:
    long = "a" * 60_000  # httpx caps a URL at 65 536 characters
    api = client.get(f"/api/search?q={long}")
    assert api.status_code == 422 and len(api.content) < 2_000
    assert api.json()["detail"][0]["loc"] == ["query", "q"]
    page = client.get(f"/entities/{long}")
    assert page.status_code == 404 and len(page.content) < 10_000
    twin = client.get(f"/api/entities/{long}")
    assert twin.status_code == 404 and len(twin.content) < 2_000


def test_pages_answer_bad_parameters_with_a_page(client: TestClient) -> None:
    response = client.get("/articles?limit=0")
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert "limit" in response.text
    assert client.get("/articles.json?limit=0").headers["content-type"] == "application/json"


@pytest.mark.parametrize("path", ["/", "/entities", "/api/claims", "/api/openapi.json"])
def test_head_answers_like_get(client: TestClient, path: str) -> None:
    head, get = client.head(path), client.get(path)
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]


def test_the_article_page_shows_no_server_path(
    client: TestClient, db_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    [doc] = list(read_paths([folder.resolve()]))
    assert isinstance(doc, RawDoc) and doc.uri == "news/a.txt"
    old = stored("old.txt", uri=f"{tmp_path}/srv/old.txt")  # stored by an older version
    store(db_url, old, replace(stored("new.txt"), raw=replace(old.raw, id="new.txt", uri=doc.uri)))
    assert client.get("/articles/old.txt.json").json()["source_uri"] == "old.txt"
    assert client.get("/articles/new.txt.json").json()["source_uri"] == "news/a.txt"
    assert str(tmp_path) not in client.get("/articles/old.txt").text
    assert os.sep + "srv" not in client.get("/articles/old.txt").text


# ---------------------------------------------------------------- the CLI


def test_a_symlink_loop_on_the_command_line_is_one_line(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    result = runner.invoke(cli, ["extract", str(loop)])
    assert result.exit_code == 2
    assert result.output.strip() == f"{loop}: symbolic link loop"


def test_cli_csv_escapes_formulas(db_url: str) -> None:
    store(db_url, stored("f.txt", sentence="=1+2 Renault Group emploie 9 000 personnes."))
    result = runner.invoke(cli, ["claims", "--format", "csv", "--db", db_url])
    assert result.exit_code == 0, result.output
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row["evidence"] == "'=1+2 Renault Group emploie 9 000 personnes."


def test_serve_takes_its_token_from_the_environment(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    served: list[object] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **_options: served.append(app))
    result = runner.invoke(cli, ["serve", "--db", db_url], env={"VEILLE_TOKEN": TOKEN})
    assert result.exit_code == 0, result.output
    [app] = served
    assert app.state.settings.token == TOKEN  # type: ignore[attr-defined]
    assert "uploads need the token" in result.output
