"""The pages in a real headless Chromium, against the app served by uvicorn on 127.0.0.1.

Debian's Chromium is driven through Playwright's Python API (Playwright's own
browser download is not available here). A screenshot of each page is
written under `test-artifacts/` for a person to look at.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import httpx
import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright

from veille.pipeline import process_all
from veille.sources import read_paths
from veille.store import Database, ingest
from veille.web import create_app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RENAULT = "Renault Group"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The examples ingested into a SQLite file, served by uvicorn in a background thread."""
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'veille.db'}"
    with Database.connect(url) as db:
        report = ingest(db, process_all(read_paths([ROOT / "examples"])))
        assert report.new > 0
    port = _free_port()
    config = uvicorn.Config(create_app(url), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: `make test` installs Debian's chromium")
        pytest.skip("Chromium is missing (apt-get install -y chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def _shoot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _plain_figure(claims: list[dict[str, object]]) -> dict[str, object]:
    """A claim whose figure is written as plain digits (`340 000`, `7,500`), to compare text."""
    for claim in claims:
        value = claim["value"]
        if (
            claim["metric"] in {"production_capacity", "production_volume", "employment"}
            and isinstance(value, float)
            and 1000 <= value < 1_000_000
        ):
            return claim
    raise AssertionError("no claim with a plain figure on the Renault Group page")


def test_entity_chart_points_and_claim_link_to_highlighted_figure(
    base_url: str, page: Page
) -> None:
    entity_path = f"/entities/{quote(RENAULT)}"
    detail = httpx.get(f"{base_url}{entity_path}.json").json()
    claims = {claim["id"]: claim for claim in detail["claims"]}
    page.goto(base_url + entity_path)
    _shoot(page, "entity")

    # 1. The charts hold one point per plotted claim, each drawn as its status says.
    drawn = page.eval_on_selector_all(
        "svg.chart .point",
        "els => els.map(e => [Number(e.dataset.claim), e.tagName, e.classList.contains('target')])",
    )
    expected = [point["claim_id"] for chart in detail["charts"] for point in chart["points"]]
    assert expected and sorted(claim_id for claim_id, _, _ in drawn) == sorted(expected)
    for claim_id, tag, is_target in drawn:
        assert is_target == (claims[claim_id]["status"] == "target")
        assert tag == ("path" if is_target else "circle")
    dated = {
        claim["id"]
        for claim in detail["claims"]
        if claim["value"] is not None
        and claim["year"] is not None
        and claim["metric"] not in {"founded", "present_since", "partnership"}
    }
    assert dated and dated <= set(expected)  # every dated figure is on a chart

    # One-year charts write their values; drawn by Chromium, no two labels overprint.
    labelled = page.eval_on_selector_all(
        "svg.chart",
        "svgs => svgs.map(svg => [...svg.querySelectorAll('text.value-label')].map(t => {"
        " const r = t.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }))",
    )
    assert any(labelled)
    for boxes in labelled:
        for (l1, t1, r1, b1), (l2, t2, r2, b2) in combinations(boxes, 2):
            assert r1 <= l2 or r2 <= l1 or b1 <= t2 or b2 <= t1, (boxes, "labels overlap")

    # 2. Clicking a claim's source lands on the article, on that figure.
    chosen = _plain_figure(detail["claims"])
    page.click(f'ul.sources li[data-claim="{chosen["id"]}"] a.claim-link')
    page.wait_for_url(re.compile(r"/articles/"))
    address = urlsplit(page.url)
    assert unquote(address.path) == f"/articles/{chosen['doc']}"
    assert address.fragment == f"claim-{chosen['id']}"
    target = page.locator(":target")
    assert target.count() == 1
    assert target.get_attribute("id") == f"claim-{chosen['id']}"
    assert target.evaluate("e => e.tagName") == "MARK"
    text = target.inner_text()
    assert re.sub(r"\D", "", text) == str(int(chosen["value"]))
    assert text in chosen["sentence"]
    in_view = (
        "e => { const r = e.getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= innerHeight; }"
    )
    assert target.is_visible() and target.evaluate(in_view)
    _shoot(page, "article")


def test_screenshots_of_every_page(base_url: str, page: Page) -> None:
    pages = {
        "home": "/?q=Tanger",
        "conflicts": "/conflicts",
        "promises": "/promises?as_of=2026-06-30",
        "upload": "/upload",
    }
    for name, path in pages.items():
        response = page.goto(base_url + path)
        assert response is not None and response.status == 200
        assert page.locator("main h1").count() == 1
        _shoot(page, name)
    # The search on the home page found the organisation and articles the query names.
    page.goto(base_url + "/?q=Tanger")
    assert page.locator("ul.hits a").count() > 0


def _listed_claims(page: Page) -> list[int]:
    return page.eval_on_selector_all(
        "table.claims tbody tr[data-claim]", "rows => rows.map(r => Number(r.dataset.claim))"
    )


def test_claims_page_filters_through_its_form(base_url: str, page: Page) -> None:
    page.goto(base_url + "/")
    page.click(".counts a[href='/claims']")  # the home page's claim count leads here
    page.wait_for_url(f"{base_url}/claims")
    everything = httpx.get(f"{base_url}/api/claims?limit=1").json()["total"]
    assert int(page.locator(".summary .total").inner_text()) == everything

    # 1. An alias, a metric, a status and a year, chosen in the form.
    page.fill("input[name=subject]", "la marque au losange")
    page.select_option("select[name=metric]", "production_volume")
    page.select_option("select[name=status]", "actual")
    page.fill("input[name=year]", "2024")
    page.click("form.claim-filters button[type=submit]")
    page.wait_for_url(re.compile(r"metric=production_volume"))
    query = "subject=Renault&metric=production_volume&status=actual&year=2024&limit=500"
    expected = httpx.get(f"{base_url}/api/claims?{query}").json()
    assert expected["total"] > 1
    assert _listed_claims(page) == [item["id"] for item in expected["items"]]
    assert int(page.locator(".summary .total").inner_text()) == expected["total"]
    assert page.input_value("select[name=metric]") == "production_volume"  # still chosen
    _shoot(page, "claims")

    # 2. One source among them, picked by its title.
    english = next(item for item in expected["items"] if item["doc"].endswith(".html"))
    page.select_option("select[name=doc]", label=english["title"])
    page.click("form.claim-filters button[type=submit]")
    page.wait_for_url(re.compile(r"doc="))
    assert _listed_claims(page) == [english["id"]]
    csv_link = page.locator(".summary a[download]").get_attribute("href") or ""
    assert "doc=" in csv_link and "metric=production_volume" in csv_link


def test_upload_form_reads_pasted_text_without_javascript_needed(base_url: str, page: Page) -> None:
    page.goto(base_url + "/upload")
    text = (
        "Yazaki va créer 1 200 emplois à Kénitra d'ici 2027.\n\n"
        "Le câblier japonais emploie déjà plus de 9 000 personnes au Maroc."
    )
    page.fill("#text", text)
    page.click("form.upload button[type=submit]")
    page.wait_for_selector("section.upload-result")
    rows = page.locator("section.upload-result tbody tr")
    figures = " ".join(rows.all_inner_texts())
    assert "employment" in figures and "1\u202f200" in figures
    assert page.locator("section.upload-result h2").inner_text() == "Read, not stored"
    _shoot(page, "upload-result")
