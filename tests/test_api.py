"""The REST API and the pages' JSON twins, on SQLite and on a real PostgreSQL.

The database is the bundled examples (with a syndicated copy and a source
that contradicts the others), ingested once per backend, and the app is
called in-process through FastAPI's TestClient.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
from fastapi.testclient import TestClient

from veille.pipeline import Processed, process_all
from veille.records import Rejected
from veille.sources import read_paths
from veille.store import ClaimFilter, Database, ingest, query_claims
from veille.store.search import search_articles, search_entities
from veille.web import WebSettings, create_app
from veille.web.render import figure as written

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
RENAULT = "Renault Group"
FRENCH = "fr_renault_tanger_capacite.txt"
COPY = "fr_renault_tanger_capacite_reprise.txt"
ENGLISH = "en_renault_tangier_conflict.html"


@dataclass(frozen=True, slots=True)
class Served:
    client: TestClient
    db: Database


@pytest.fixture(scope="module")
def examples() -> list[Processed]:
    items = list(process_all(read_paths([EXAMPLES])))
    assert not [item for item in items if isinstance(item, Rejected)]
    return [item for item in items if isinstance(item, Processed)]


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def served(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    examples: list[Processed],
) -> Iterator[Served]:
    """The examples in a fresh database of each backend, ingested once for the module."""
    server = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'veille.db'}"
    else:
        server = request.getfixturevalue("postgres_server")
        name = f"veille_api_{uuid.uuid4().hex[:10]}"
        server.psql(f"CREATE DATABASE {name}")
        url = server.url(name)
    db = Database.connect(url)
    assert ingest(db, examples).new == len(examples)
    with TestClient(create_app(url)) as client:
        yield Served(client, db)
    db.close()
    if server is not None:
        server.psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def get(served: Served, path: str, status: int = 200) -> dict:  # type: ignore[type-arg]
    response = served.client.get(path)
    assert response.status_code == status, response.text
    return response.json()  # type: ignore[no-any-return]


def test_entities_list_counts_each_organisation_claims(served: Served) -> None:
    listed = get(served, "/api/entities?limit=500")
    assert listed["total"] == served.db.count("entities") == len(listed["items"])
    counts = [item["claims"] for item in listed["items"]]
    assert counts == sorted(counts, reverse=True)
    for item in listed["items"][:5]:
        stored = query_claims(served.db, ClaimFilter(subject=item["name"]))
        assert item["claims"] == len(stored) > 0


def test_entity_by_alias_has_aliases_key_figures_and_corroboration(served: Served) -> None:
    detail = get(served, f"/api/entities/{quote('la marque au losange')}")
    assert detail["name"] == RENAULT
    assert "Renault" in detail["aliases"]
    claims = {claim["id"]: claim for claim in detail["claims"]}
    for figure in detail["key_figures"]:
        claim = claims[figure["claim_id"]]
        assert claim["status"] == "actual" and claim["metric"] == figure["metric"]
        assert claim["value"] == figure["value"]
    # The 340 000 capacity is in the French article, its syndicated copy and the English
    # article: three sources, two independent stories.
    [capacity] = [
        fact
        for fact in detail["facts"]
        if fact["metric"] == "production_capacity" and fact["value"] == 340_000
    ]
    assert {source["doc"] for source in capacity["sources"]} == {FRENCH, COPY, ENGLISH}
    assert capacity["corroboration"] == 2
    by_metric = {figure["metric"]: figure for figure in detail["key_figures"]}
    assert by_metric["production_capacity"]["corroboration"] == 2


def test_unknown_entity_is_404_with_suggestions(served: Served) -> None:
    body = get(served, "/api/entities/Renolt%20Grup", status=404)
    assert RENAULT in body["suggestions"]
    assert "Renolt Grup" in body["detail"]
    page = served.client.get("/entities/Renolt%20Grup")
    assert page.status_code == 404 and f'href="/entities/{quote(RENAULT, safe="")}"' in page.text


def test_the_api_and_the_cli_name_an_unknown_organisation_in_the_same_words(
    served: Served,
) -> None:
    from typer.testing import CliRunner

    from veille.cli.app import app

    body = get(served, "/api/entities/Renolt%20Grup", status=404)
    url = served.db.engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(app, ["entity", "Renolt Grup", "--db", url])
    assert result.exit_code == 1
    assert result.stderr.strip() == body["detail"]
    assert body["detail"].startswith(
        f"no organisation named 'Renolt Grup'; did you mean: {RENAULT}"
    )


def test_claims_filter_by_any_alias_and_page_through(served: Served) -> None:
    everything = get(served, "/api/claims?subject=Renault%20Maroc&limit=500")
    expected = query_claims(served.db, ClaimFilter(subject=RENAULT))
    assert everything["total"] == len(expected) == len(everything["items"]) > 12
    in_order = [item["id"] for item in everything["items"]]
    assert sorted(in_order) == sorted(claim.id for claim in expected)
    # Pages follow one total order, so they neither overlap nor skip (PostgreSQL
    # returns ties in any order unless told otherwise).
    pages = [get(served, f"/api/claims?subject=renault&limit=4&offset={o}") for o in (0, 4, 8)]
    assert all(page["total"] == len(expected) for page in pages)
    assert [item["id"] for page in pages for item in page["items"]] == in_order[:12]
    beyond = get(served, f"/api/claims?subject=renault&offset={len(expected)}")
    assert beyond["items"] == [] and beyond["total"] == len(expected)


def test_claims_filters_combine(served: Served) -> None:
    targets = get(served, "/api/claims?metric=production_capacity&status=target&limit=500")
    assert targets["items"] and all(
        item["metric"] == "production_capacity" and item["status"] == "target"
        for item in targets["items"]
    )
    dated = get(served, "/api/claims?year=2024&limit=500")
    assert dated["items"] and {item["year"] for item in dated["items"]} == {2024}
    one_doc = get(served, f"/api/claims?doc={quote(ENGLISH)}&limit=500")
    assert {item["doc"] for item in one_doc["items"]} == {ENGLISH}
    assert one_doc["total"] == len(query_claims(served.db, ClaimFilter(doc=ENGLISH)))
    assert get(served, "/api/claims?subject=Nobody%20Inc")["total"] == 0


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("metric=jobs", "metric"),
        ("status=maybe", "status"),
        ("year=soon", "year"),
        ("year=123456", "year"),
        ("limit=0", "limit"),
        ("limit=100000", "limit"),
        ("offset=-1", "offset"),
        ("subject=a%00b", "subject"),
    ],
)
def test_bad_claim_filters_are_422_naming_the_parameter(
    served: Served, query: str, parameter: str
) -> None:
    body = get(served, f"/api/claims?{query}", status=422)
    assert [error["loc"] for error in body["detail"]] == [["query", parameter]]


def test_bad_values_elsewhere_are_4xx(served: Served) -> None:
    get(served, "/api/promises?as_of=2025-13-01", status=422)
    get(served, "/api/stories?min_size=0", status=422)
    get(served, "/api/search?q=", status=422)
    get(served, "/api/articles/no-such-article.txt", status=404)
    get(served, "/api/entities/a%00b", status=404)


def test_article_detail_spans_point_at_sentences_and_figures(served: Served) -> None:
    listed = get(served, "/api/articles?limit=500")
    assert listed["total"] == len(listed["items"]) == served.db.count("articles")
    detail = get(served, f"/api/articles/{quote(FRENCH)}")
    assert detail["text"] == "\n\n".join(detail["paragraphs"])
    assert len(detail["claims"]) == len(query_claims(served.db, ClaimFilter(doc=FRENCH))) > 0
    for claim in detail["claims"]:
        paragraph = detail["paragraphs"][claim["paragraph"]]
        assert paragraph[claim["start"] : claim["end"]] == claim["sentence"]
        assert claim["start"] <= claim["figure_start"] < claim["figure_end"] <= claim["end"]
        figure = paragraph[claim["figure_start"] : claim["figure_end"]]
        if claim["unit"] in {"vehicles", "vehicles/year", "people"}:
            assert "".join(filter(str.isdigit, figure)) == str(int(claim["value"]))


class _ElementText(HTMLParser):
    """The text inside each element that has an id, nested elements included."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str | None] = []
        self.text: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs).get("id")
        self.open.append(found)
        if found:
            self.text.setdefault(found, "")

    def handle_endtag(self, tag: str) -> None:
        self.open.pop()

    def handle_data(self, data: str) -> None:
        for element in self.open:
            if element:
                self.text[element] += data


def test_article_page_marks_every_claim_in_place(served: Served) -> None:
    detail = get(served, f"/articles/{quote(ENGLISH)}.json")
    assert detail == get(served, f"/api/articles/{quote(ENGLISH)}")
    page = served.client.get(f"/articles/{quote(ENGLISH)}")
    parser = _ElementText()
    parser.feed(page.text)
    assert detail["claims"]
    for claim in detail["claims"]:
        paragraph = detail["paragraphs"][claim["paragraph"]]
        assert page.text.count(f'id="claim-{claim["id"]}"') == 1
        if claim["figure_start"] is not None:
            expected = paragraph[claim["figure_start"] : claim["figure_end"]]
            assert parser.text[f"claim-{claim['id']}"] == expected


def test_json_twins_match_the_api(served: Served) -> None:
    entity = f"/entities/{quote(RENAULT)}"
    assert get(served, f"{entity}.json") == get(served, f"/api{entity}")
    home = get(served, "/.json")
    assert home["counts"] == {
        "articles": served.db.count("articles"),
        "entities": served.db.count("entities"),
        "claims": served.db.count("claims"),
    }
    assert len(home["latest_claims"]) > 0
    assert get(served, "/conflicts.json") == get(served, "/api/conflicts")
    as_of = "?as_of=2026-01-01"
    assert get(served, f"/promises.json{as_of}") == get(served, f"/api/promises{as_of}")


def test_search_finds_entities_by_alias_and_articles_by_words(served: Served) -> None:
    found = get(served, "/api/search?q=marque%20au%20losange")
    assert RENAULT in [hit["name"] for hit in found["entities"]]
    docs = [hit["id"] for hit in found["articles"]]
    assert FRENCH in docs and COPY in docs
    assert all("losange" in hit["snippet"].lower() for hit in found["articles"])
    assert get(served, "/api/search?q=renau")["entities"][0]["name"] == RENAULT
    if (
        served.db.engine.dialect.name == "sqlite"
    ):  # FTS5 folds accents; PostgreSQL's simple does not
        unaccented = get(served, "/api/search?q=kenitra")["articles"]
        assert "fr_stellantis_kenitra.html" in [hit["id"] for hit in unaccented]
    # Search syntax typed by a user is just words.
    assert get(served, "/api/search?q=%22NEAR(%20AND%20*")["articles"] is not None
    home = served.client.get("/?q=losange")
    assert home.status_code == 200 and "<mark>losange</mark>" in home.text


def test_search_results_show_the_latest_claims_about_the_query(served: Served) -> None:
    everything = get(served, "/api/claims?limit=500")["items"]
    newest_first = sorted(everything, key=lambda claim: -claim["id"])
    # 1. An organisation found by the search: its latest claims, none of another's.
    lear = get(served, "/.json?q=Lear")
    assert [hit["name"] for hit in lear["search"]["entities"]] == ["Lear Corporation"]
    expected = [c["id"] for c in newest_first if c["subject"] == "Lear Corporation"][:12]
    assert expected and [claim["id"] for claim in lear["latest_claims"]] == expected
    # 2. Words of a claim's own sentence, when no organisation is named so.
    harness = get(served, "/.json?q=harness")
    assert harness["search"]["entities"] == []
    said = [c["id"] for c in newest_first if re.search(r"\bharness\b", c["sentence"], re.I)]
    assert said and [claim["id"] for claim in harness["latest_claims"]] == said[:12]
    # 3. Nothing matches: no claims, not the latest of the whole store.
    assert get(served, "/.json?q=zeppelin")["latest_claims"] == []
    page = served.client.get("/?q=zeppelin").text
    assert "Latest claims about “zeppelin”" in page and "No claims." in page
    assert [claim["id"] for claim in get(served, "/.json")["latest_claims"]] == [
        claim["id"] for claim in newest_first[:12]
    ]


def test_conflicts_show_both_sides_with_links(served: Served) -> None:
    conflicts = get(served, "/api/conflicts?subject=Renault")["items"]
    [volume] = [c for c in conflicts if c["metric"] == "production_volume" and c["year"] == 2024]
    values = {side["value"]: side["doc"] for side in volume["sides"]}
    assert values[306_000] in {FRENCH, COPY} and values[337_000] == ENGLISH
    for side in volume["sides"]:
        assert side["link"] == f"/articles/{quote(side['doc'], safe='')}#claim-{side['claim_id']}"


def test_a_key_figure_says_when_sources_disagree_on_it(served: Served) -> None:
    detail = get(served, f"/api/entities/{quote(RENAULT)}")
    by_metric = {figure["metric"]: figure for figure in detail["key_figures"]}
    volume = by_metric["production_volume"]
    conflicts = get(served, "/api/conflicts?subject=Renault")["items"]
    [conflict] = [
        c
        for c in conflicts
        if (c["metric"], c["status"], c["year"]) == ("production_volume", "actual", volume["year"])
    ]
    # The French story says 306 000 for 2024, the English one 337 000: both are shown.
    assert volume["disagreement"] == conflict["sides"]
    assert [side["value"] for side in volume["disagreement"]] == [306_000, 337_000]
    assert volume["value"] in {306_000, 337_000}
    undisputed = [figure for figure in detail["key_figures"] if not figure["disagreement"]]
    assert by_metric["exports"] in undisputed  # 297 000 in one story and its copy
    page = served.client.get(f"/entities/{quote(RENAULT)}").text
    found = re.search(r'<div class="card disputed" data-metric="production_volume">(.*?)</div>',
                      page, re.S)  # fmt: skip
    assert found is not None
    card = found.group(1)
    assert "Sources disagree" in card
    assert "306\u202f000 vehicles</a> vs " in card and "337\u202f000 vehicles" in card
    assert page.count('class="card disputed"') == len(detail["key_figures"]) - len(undisputed)


UNCHARTED = {"founded", "present_since", "partnership"}


def test_an_undated_figure_is_listed_under_its_chart_not_dropped(served: Served) -> None:
    detail = get(served, f"/api/entities/{quote(RENAULT)}")
    claims = {claim["id"]: claim for claim in detail["claims"]}
    chartable = {
        claim["id"]
        for claim in claims.values()
        if claim["value"] is not None and claim["metric"] not in UNCHARTED
    }
    drawn = {point["claim_id"] for chart in detail["charts"] for point in chart["points"]}
    listed = {undated["claim_id"] for chart in detail["charts"] for undated in chart["undated"]}
    # The scraped article without a date says "plus de 18 000" people with no year.
    assert listed == {i for i in chartable if not claims[i]["year"] and not claims[i]["published"]}
    assert listed and drawn | listed == chartable and not drawn & listed
    page = served.client.get(f"/entities/{quote(RENAULT)}").text
    for chart in detail["charts"]:
        for undated in chart["undated"]:
            claim = claims[undated["claim_id"]]
            assert (claim["metric"], claim["unit"]) == (chart["metric"], chart["unit"])
        box_of = rf'<figure class="chart-box" data-metric="{chart["metric"]}">(.*?)</figure>'
        found = re.search(box_of, page, re.S)
        assert found is not None
        box, count = found.group(1), len(chart["undated"])
        if count:
            assert f"{count} undated figure{'s' if count > 1 else ''} not charted" in box
            marked = {int(i) for i in re.findall(r'<a href="[^"]*" data-claim="(\d+)"', box)}
            assert marked == {undated["claim_id"] for undated in chart["undated"]}
        else:
            assert "undated" not in box
        assert ('<svg class="chart"' in box) == bool(chart["points"])
    # Market share has only an undated figure: a box that says so, and no empty chart.
    [share] = [chart for chart in detail["charts"] if chart["metric"] == "market_share"]
    assert share["points"] == [] and len(share["undated"]) == 1


def test_a_chart_of_one_year_writes_its_values(served: Served) -> None:
    detail = get(served, f"/api/entities/{quote(RENAULT)}")
    page = served.client.get(f"/entities/{quote(RENAULT)}").text
    one_year = 0
    for chart in detail["charts"]:
        if not chart["points"]:
            continue
        [svg] = re.findall(rf'<svg class="chart"[^>]*data-metric="{chart["metric"]}".*?</svg>',
                           page, re.S)  # fmt: skip
        labels = [
            unescape(t) for t in re.findall(r'<text class="value-label"[^>]*>(.*?)</text>', svg)
        ]
        values = sorted({point["value"] for point in chart["points"]}, reverse=True)
        if len({point["year"] for point in chart["points"]}) == 1:
            one_year += 1
            assert labels == [written(value, chart["unit"]) for value in values]
        else:
            assert labels == []
    assert one_year >= 2
    volume = [c for c in detail["charts"] if c["metric"] == "production_volume"]
    assert {p["value"] for p in volume[0]["points"]} == {306_000, 337_000}


def test_promises_are_judged_as_of_a_date(served: Served) -> None:
    before = get(served, "/api/promises?as_of=2025-01-01&subject=Renault")
    after = get(served, "/api/promises?as_of=2026-01-01&subject=Renault")
    assert before["as_of"] == "2025-01-01"
    by_2027 = [p for p in after["items"] if p["deadline"] == 2027]
    assert by_2027 and by_2027[0]["target"]["doc"] == ENGLISH  # published 2025-03-05
    assert by_2027[0]["status"] == "pending"
    assert not [p for p in before["items"] if p["target"]["doc"] == ENGLISH]


def test_a_dated_target_is_judged_by_actuals_its_deadline_year_articles_report(
    served: Served,
) -> None:
    # "500 000 by 2025" (an undated scraped page) against the 340 000 capacity that
    # articles published in 2025 report with no year of their own: missed, not unknown.
    items = get(served, "/api/promises?as_of=2026-06-30&subject=Renault")["items"]
    [promise] = [p for p in items if p["deadline"] == 2025 and p["metric"] == "production_capacity"]
    assert promise["status"] == "missed"
    assert promise["actual"]["value"] == 340_000 and promise["actual"]["year"] is None
    assert promise["actual"]["published"].startswith("2025-")


def test_stories_group_the_syndicated_copy(served: Served) -> None:
    stories = get(served, "/api/stories?min_size=2")["items"]
    grouped = [{member["doc"] for member in story["members"]} for story in stories]
    assert {FRENCH, COPY} in grouped


def test_stories_are_named_by_article_titles_not_file_names(served: Served) -> None:
    stories = get(served, "/api/stories?min_size=1")["items"]
    assert get(served, "/stories.json?min_size=1")["items"] == stories
    for story in stories:
        titled = [member["title"] for member in story["members"] if member["title"]]
        assert story["title"] == (titled[0] if titled else story["members"][0]["headline"])
        for member in story["members"]:
            assert member["headline"] == member["title"] or not member["title"]
            assert member["headline"] and member["headline"] != member["doc"]
    # An article with no title (a scraped .txt) is named by its opening words.
    [untitled] = [s for s in stories if s["members"][0]["doc"] == "000_86e094afeaac893d.txt"]
    assert untitled["members"][0]["title"] is None
    assert untitled["title"].split()[:3] == untitled["members"][0]["headline"].split()[:3]
    page = served.client.get("/stories?min_size=1").text
    headings = [unescape(h) for h in re.findall(r"<h2>(.*?) <span", page)]
    assert headings == [story["title"] for story in stories]
    linked = [unescape(a) for a in re.findall(r'<li><a href="/articles/[^"]*">(.*?)</a>', page)]
    docs = {member["doc"] for story in stories for member in story["members"]}
    assert linked and not docs & set(linked)


def _listed_claims(html: str) -> list[int]:
    return [int(found) for found in re.findall(r'<tr data-claim="(\d+)">', html)]


def test_claims_page_filters_by_any_alias_metric_status_year_and_source(served: Served) -> None:
    filters = f"metric=production_volume&status=actual&year=2024&doc={quote(ENGLISH)}"
    api = get(served, f"/api/claims?subject=Renault&{filters}")
    assert api["total"] == 1 and api["items"][0]["value"] == 337_000
    twin = get(served, f"/claims.json?subject={quote('la marque au losange')}&{filters}")
    assert twin == {**api, "suggestions": []}
    page = served.client.get(f"/claims?subject={quote('la marque au losange')}&{filters}")
    assert page.status_code == 200
    assert _listed_claims(page.text) == [item["id"] for item in api["items"]]
    # The form sends every field, empty or not: an empty field filters nothing.
    blank = served.client.get("/claims?subject=&metric=employment&status=&year=&doc=")
    employment = get(served, "/api/claims?metric=employment")
    assert blank.status_code == 200
    assert _listed_claims(blank.text) == [item["id"] for item in employment["items"]]
    assert get(served, "/claims.json?metric=jobs", status=422)["detail"][0]["loc"] == [
        "query",
        "metric",
    ]


def test_claims_page_pages_keep_the_filters(served: Served) -> None:
    everything = get(served, "/api/claims?subject=Renault&limit=500")["items"]
    first = served.client.get("/claims?subject=renault&limit=4")
    assert _listed_claims(first.text) == [item["id"] for item in everything[:4]]
    [following] = re.findall(r'<a rel="next" href="([^"]+)"', first.text)
    second = served.client.get("/claims" + unescape(following))
    assert _listed_claims(second.text) == [item["id"] for item in everything[4:8]]
    assert f"of {len(everything)}</span>" in second.text


def test_claims_page_csv_twin_holds_every_claim_of_the_filters(served: Served) -> None:
    filters = "subject=Renault&metric=production_capacity&status=&year="
    page = served.client.get(f"/claims?{filters}&limit=1")
    [csv_link] = re.findall(r'<a href="(/claims\.csv[^"]*)"', page.text)
    twin = served.client.get(unescape(csv_link))
    export = served.client.get("/api/export/claims.csv?subject=Renault&metric=production_capacity")
    assert twin.status_code == 200 and twin.headers["content-type"].startswith("text/csv")
    assert twin.text == export.text
    rows = list(csv.DictReader(io.StringIO(twin.text)))
    listed = get(served, "/api/claims?subject=Renault&metric=production_capacity&limit=500")
    assert [int(row["id"]) for row in rows] == [item["id"] for item in listed["items"]]
    assert len(rows) > 1  # every claim, not the one-claim page


def test_claims_page_suggests_names_for_an_unknown_organisation(served: Served) -> None:
    twin = get(served, "/claims.json?subject=Renolt")
    assert twin["total"] == 0 and RENAULT in twin["suggestions"]
    page = served.client.get("/claims?subject=Renolt")
    assert f'href="/claims?subject={quote_plus(RENAULT)}"' in page.text


def test_home_has_one_search_box_and_links_its_claim_count(served: Served) -> None:
    for path in ("/", "/?q=Tanger"):
        home = served.client.get(path).text
        assert home.count('role="search"') == home.count('name="q"') == 1
    claims = served.db.count("claims")
    assert re.search(rf'<a href="/claims"><strong>{claims}</strong> claims</a>', home)
    # Every other page keeps the search in its header.
    assert served.client.get("/entities").text.count('role="search"') == 1


def test_exports_hold_the_filtered_claims(served: Served) -> None:
    filters = "subject=Renault&metric=employment"
    listed = get(served, f"/api/claims?{filters}&limit=500")["items"]
    response = served.client.get(f"/api/export/claims.csv?{filters}")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [int(row["id"]) for row in rows] == [item["id"] for item in listed]
    assert {row["metric"] for row in rows} == {"employment"}
    lines = served.client.get(f"/api/export/claims.jsonl?{filters}").text.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [item["id"] for item in listed]


def test_openapi_spec_is_served_and_documents_the_api(served: Served) -> None:
    spec = get(served, "/api/openapi.json")
    paths = set(spec["paths"])
    assert {"/api/entities", "/api/claims", "/api/search", "/api/promises"} <= paths
    assert all(path.startswith("/api/") for path in paths)
    docs = served.client.get("/api/docs")
    assert docs.status_code == 200 and "/api/claims" in docs.text
    assert "cdn" not in docs.text.lower() and "https://" not in docs.text


# Upload: each test gets an empty database of its own (SQLite and PostgreSQL).

SMALL_LIMIT = 20_000
ARTICLE = (
    "Kénitra, le 4 février 2025 – Yazaki va créer 1 200 emplois à Kénitra d'ici 2027.\n\n"
    "Le câblier japonais emploie déjà plus de 9 000 personnes au Maroc."
)


@pytest.fixture
def uploads(database_url: str) -> Iterator[Served]:
    db = Database.connect(database_url)
    settings = WebSettings(max_upload_bytes=SMALL_LIMIT)
    with TestClient(create_app(database_url, settings)) as client:
        yield Served(client, db)
    db.close()


def test_upload_previews_then_stores_one_whole_article(uploads: Served) -> None:
    preview = uploads.client.post("/upload.json", data={"text": ARTICLE})
    assert preview.status_code == 200, preview.text
    [document] = preview.json()["documents"]
    assert {(c["metric"], c["value"], c["status"]) for c in document["claims"]} >= {
        ("employment", 1200, "target"),
        ("employment", 9000, "actual"),
    }
    assert document["stored"] is None and uploads.db.count("articles") == 0
    stored = uploads.client.post("/upload.json", data={"text": ARTICLE, "store": "on"})
    [document] = stored.json()["documents"]
    assert document["stored"] == "new" and uploads.db.count("articles") == 1
    article = uploads.client.get(f"/api{document['link']}").json()
    assert len(article["claims"]) == len(document["claims"]) == uploads.db.count("claims")
    again = uploads.client.post("/upload.json", data={"text": ARTICLE, "store": "on"})
    assert again.json()["documents"][0]["stored"] == "unchanged"
    assert uploads.db.count("articles") == 1


def test_upload_files_through_the_html_form(uploads: Served) -> None:
    files = [("files", ("note.txt", ARTICLE.encode("utf-8"), "text/plain"))]
    page = uploads.client.post("/upload", data={"store": "on"}, files=files)
    assert page.status_code == 200 and "Yazaki" in page.text
    assert 'href="/articles/note.txt"' in page.text
    assert uploads.db.count("articles") == 1


@pytest.mark.parametrize(
    ("files", "status", "reason"),
    [
        ([("huge.txt", b"Texte. " * (SMALL_LIMIT // 7 + 1))], 413, "too large"),
        ([("huge.txt", b"Texte. " * SMALL_LIMIT)], 413, "too large"),
        ([("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(400))], 415, "binary"),
        ([("report.pdf", b"%PDF-1.7 ...")], 415, "unsupported file type"),
        ([("good.txt", ARTICLE.encode()), ("bad.txt", bytes(range(256)) * 4)], 415, "binary"),
        ([("empty.txt", b"  \n")], 422, "empty"),
    ],
)
def test_bad_uploads_are_refused_whole(
    uploads: Served, files: list[tuple[str, bytes]], status: int, reason: str
) -> None:
    parts = [("files", (name, content, "text/plain")) for name, content in files]
    for path in ("/upload.json", "/upload"):
        response = uploads.client.post(path, data={"store": "on"}, files=parts)
        assert response.status_code == status
        assert reason in (response.json()["detail"] if path.endswith(".json") else response.text)
    assert uploads.db.count("articles") == 0 and uploads.db.count("claims") == 0


def test_upload_with_nothing_to_read_is_422(uploads: Served) -> None:
    response = uploads.client.post("/upload.json", data={"text": "   ", "store": "on"})
    assert response.status_code == 422 and "nothing to read" in response.json()["detail"]


def test_search_works_on_a_database_made_before_the_search_migration(
    database_url: str, examples: list[Processed]
) -> None:
    """Migration 0003 indexes the rows already stored, and later ingests stay indexed."""
    old, later = examples[:6], examples[6:]
    assert "en_supplier_jobs.txt" in {item.article.id for item in old}
    assert FRENCH in {item.article.id for item in later}
    db = Database.connect(database_url)
    with db.engine.begin() as conn:  # back to what a database made before search looked like
        if conn.dialect.name == "sqlite":
            for table in ("articles", "aliases"):
                conn.exec_driver_sql(f"DROP TABLE {table}_fts")
            for trigger in ("articles_fts_insert", "articles_fts_update", "articles_fts_delete",
                            "aliases_fts_insert", "aliases_fts_delete"):  # fmt: skip
                conn.exec_driver_sql(f"DROP TRIGGER {trigger}")
        else:
            conn.exec_driver_sql("DROP INDEX ix_articles_fulltext")
            conn.exec_driver_sql("DROP INDEX ix_aliases_fulltext")
        conn.exec_driver_sql("DELETE FROM schema_migrations WHERE name = '0003_search'")
    # Stored by a veille without search: `Database(engine)` runs no migration.
    assert ingest(Database(db.engine), old).new == len(old)
    db.close()
    with Database.connect(database_url) as db:  # runs 0003 now
        assert [hit.id for hit in search_articles(db, "wire-harness Kenitra")] == [
            "en_supplier_jobs.txt"
        ]
        assert [hit.name for hit in search_entities(db, "lear")] == ["Lear Corporation"]
        assert search_articles(db, "losange") == []
        assert ingest(db, later).new == len(later)
        assert FRENCH in [hit.id for hit in search_articles(db, "losange")]


def test_docs_web_lists_every_page_and_endpoint() -> None:
    """docs/web.md names every route (a page's `.json` twin is one rule there, not a row)."""
    from veille.web import api, claims_page, login, pages, upload_page

    def shape(path: str) -> str:
        return re.sub(r"\{[^}]*\}", "{}", path)

    doc = shape((Path(__file__).resolve().parents[1] / "docs" / "web.md").read_text("utf-8"))
    routers = (api.router, pages.router, claims_page.router, upload_page.router, login.router)
    paths = {route.path for router in routers for route in router.routes}  # type: ignore[attr-defined]

    def named(path: str) -> bool:  # `/claims`, `GET /api/claims?subject…`, `/a`, `/b`
        return re.search(rf"[` ]{re.escape(shape(path))}[`?,\s]", doc) is not None

    twins = {path for path in paths if path.endswith(".json") and path[:-5] in paths}
    missing = [path for path in sorted(paths - twins) if not named(path)]
    assert not missing
    for field in ("disagreement", "undated", "matched_headline", "headline", "`title`"):
        assert field in doc, field
