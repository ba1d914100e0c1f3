"""`veille fetch` against a real HTTP server on 127.0.0.1, never the network.

`LocalSite` serves feeds and article pages written for these tests (the
Moroccan car industry, in our own words) and records every request it gets,
so a test can assert what was asked, how, and what never was. The fixture
`fetched` runs `veille fetch` twice over one site: every politeness rule and
failure case is checked on that pair of runs.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from veille.cli.app import app
from veille.engines.watch import FetchReport, fetch_once
from veille.sources.web import (
    FetchError,
    FetchSettings,
    PoliteClient,
    SourcesError,
    canonical_url,
    load_sources,
    parse_sources,
)
from veille.store import Database, schema
from veille.store.fetch_state import (
    feed_state,
    known_urls,
    remember_urls,
    save_feed_state,
)

ROOT = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------- the articles


@dataclass(frozen=True)
class Page:
    title: str
    published: str
    paragraphs: tuple[str, ...]
    lang: str = "fr"


def page(title: str, published: str, body: str, lang: str = "fr") -> Page:
    """A page whose paragraphs are the blank-line separated blocks of `body`."""
    blocks = body.strip().split("\n\n")
    return Page(title, published, tuple(" ".join(block.split()) for block in blocks), lang)


ARTICLES: dict[str, Page] = {
    "/articles/renault-melloussa-cadence": page(
        "Tanger : l'usine Renault de Melloussa accélère la cadence",
        "2024-02-12",
        """
        L'usine Renault de Melloussa a assemblé 345 000 véhicules en 2023, selon la direction
        du site.

        Le constructeur prévoit de porter la capacité de production du site à 400 000
        véhicules par an d'ici 2026.

        La montée en cadence s'appuie sur une troisième équipe de nuit et sur un réseau de
        fournisseurs installés dans la zone franche voisine.
        """,
    ),
    "/articles/stellantis-kenitra-recrute": page(
        "Kénitra : Stellantis recrute pour sa nouvelle ligne",
        "2024-03-05",
        """
        Stellantis emploie désormais 3 500 personnes dans son usine de Kénitra.

        Le groupe automobile compte créer 1 000 emplois supplémentaires d'ici 2025 sur le
        site de l'Atlantic Free Zone.

        Les nouvelles recrues suivent une formation de plusieurs semaines dans l'institut de
        formation aux métiers de l'automobile de la ville.
        """,
    ),
    "/articles/yazaki-meknes-troisieme-usine": page(
        "Meknès : Yazaki inaugure une troisième usine de câblage",
        "2024-04-20",
        """
        Le japonais Yazaki a investi 250 millions de dirhams dans sa nouvelle usine de Meknès.

        L'équipementier y emploiera 2 000 personnes d'ici 2025.

        Le site fabriquera des faisceaux électriques destinés aux constructeurs européens,
        acheminés par camion jusqu'au port de Tanger Med.
        """,
    ),
    "/articles/lear-kenitra-extension": page(
        "Lear expands its harness plant in Kenitra",
        "2024-05-14",
        """
        Lear Corporation invested 45 million dollars in the extension of its Kenitra plant.

        The supplier plans to employ 1,500 people at the site by 2026.

        The new hall will cut and crimp wires for several carmakers that assemble vehicles
        in Europe and North Africa.
        """,
        lang="en",
    ),
    "/articles/somaca-record": page(
        "SOMACA sets a new output record in Casablanca",
        "2024-07-08",
        """
        SOMACA produced 90,000 vehicles at its Casablanca plant in 2023.

        The Renault subsidiary aims for a production capacity of 160,000 vehicles per year
        by 2027.

        The plant, the oldest car factory in the country, now works in two shifts on a
        single assembly line.
        """,
        lang="en",
    ),
    "/articles/neo-motors-ain-aouda": page(
        "Aïn Aouda : Neo Motors agrandit son usine",
        "2024-09-10",
        """
        Neo Motors a produit 2 400 véhicules en 2023 dans son usine d'Aïn Aouda.

        Le constructeur marocain vise une capacité de 20 000 véhicules par an d'ici 2026.

        La marque mise sur un réseau de concessionnaires élargi et sur des commandes de
        flottes d'entreprises.
        """,
    ),
}
# Served in windows-1252, declared only in the page's <meta> tag.
LEGACY = "/articles/sumitomo-kenitra-ancien-site"
ARTICLES[LEGACY] = page(
    "Kénitra : un équipementier élargit son site",
    "2024-06-02",
    """
    L'équipementier Sumitomo Electric a créé 800 emplois dans son usine de Kénitra en 2023.

    La société prévoit d'investir 120 millions de dirhams d'ici 2026 pour doubler la surface
    de l'atelier.

    Les ouvrières et ouvriers qualifiés y préparent des câbles pour des véhicules électriques
    à venir.
    """,
)
FLAKY = "/articles/lear-kenitra-extension"  # answers 500 once, then 200
SHARED = "/articles/yazaki-meknes-troisieme-usine"  # in both feeds, once with utm_*
MISSING = "/articles/page-retiree"
LOOP = "/boucle/a"
SLOW = "/articles/serveur-lent"
HUGE = "/articles/page-geante"
PRIVATE = "/prive/plan-strategique"


def article_html(page: Page, charset: str = "utf-8") -> str:
    """A news page with furniture around the article, dated in JSON-LD."""
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": page.title}
    ld["datePublished"] = f"{page.published}T08:30:00+01:00"
    paragraphs = "\n".join(f"<p>{text}</p>" for text in page.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{page.lang}"><head><meta charset="{charset}">
<title>{page.title} - Atlas Auto (site de test)</title>
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
</head><body>
<header><nav><a href="/">Accueil</a> <a href="/automobile/">Automobile</a>
<a href="/industrie/">Industrie</a></nav></header>
<main><article>
<h1>{page.title}</h1>
{paragraphs}
</article></main>
<footer><p>Atlas Auto, site de test. Tous droits réservés.</p></footer>
</body></html>"""


def rss(links: list[str], base: str) -> str:
    items = "\n".join(
        f"<item><title>Article {n}</title><link>{base}{link}</link><guid>{base}{link}</guid></item>"
        for n, link in enumerate(links, 1)
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Atlas Auto</title><link>{base}/</link>
<description>Industrie automobile au Maroc</description>
{items}
</channel></rss>"""


def atom(links: list[str], base: str) -> str:
    entries = "\n".join(
        f"""<entry><title>Entry {n}</title><id>urn:atlas:{n}</id>
<link rel="alternate" href="{base}{link}"/><updated>2024-09-01T10:00:00Z</updated></entry>"""
        for n, link in enumerate(links, 1)
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Morocco Auto Wire</title>
<id>urn:atlas:feed</id><updated>2024-09-01T10:00:00Z</updated>
{entries}
</feed>"""


# ---------------------------------------------------------------- the server


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    send_length: bool = True


@dataclass(frozen=True)
class Hit:
    """One request the site received."""

    path: str  # with its query string
    status: int
    headers: dict[str, str]
    at: float


class LocalSite:
    """A threaded HTTP server on 127.0.0.1 whose routes are plain functions."""

    def __init__(self) -> None:
        self.routes: dict[str, Callable[[dict[str, str]], Reply]] = {}
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                route = site.routes.get(urlsplit(self.path).path)
                headers = {key.lower(): value for key, value in self.headers.items()}
                reply = route(headers) if route else Reply(404, b"not here")
                with site._lock:
                    site.hits.append(Hit(self.path, reply.status, headers, time.monotonic()))
                time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", reply.content_type)
                    if reply.send_length:
                        self.send_header("Content-Length", str(len(reply.body)))
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(reply.body)
                except OSError:
                    pass  # the client gave up (timeout, body too large): that is the test

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.handle_error = lambda request, address: None  # type: ignore[method-assign]
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> LocalSite:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def requests_for(self, path: str) -> list[Hit]:
        with self._lock:
            return [hit for hit in self.hits if urlsplit(hit.path).path == path]

    def serve(self, path: str, reply: Reply | Callable[[dict[str, str]], Reply]) -> None:
        self.routes[path] = reply if callable(reply) else (lambda _headers: reply)


def html_reply(page: Page) -> Reply:
    return Reply(body=article_html(page).encode("utf-8"))


def build_site(site: LocalSite) -> None:
    """The feeds and pages of the fetch tests, each failure case on its own path."""
    base = site.base
    site.serve(
        "/robots.txt", Reply(body=b"User-agent: *\nDisallow: /prive/\n", content_type="text/plain")
    )
    for path, page in ARTICLES.items():
        if path not in (FLAKY, LEGACY):
            site.serve(path, html_reply(page))
    flaky_calls = iter(range(1000))
    site.serve(
        FLAKY,
        lambda _h: Reply(500, b"busy") if next(flaky_calls) == 0 else html_reply(ARTICLES[FLAKY]),
    )
    legacy = article_html(ARTICLES[LEGACY], charset="windows-1252").encode("cp1252")
    site.serve(LEGACY, Reply(body=legacy, content_type="text/html"))
    site.serve("/boucle/a", Reply(302, headers={"Location": "/boucle/b"}))
    site.serve("/boucle/b", Reply(302, headers={"Location": f"{base}/boucle/a"}))
    site.serve(SLOW, Reply(body=article_html(ARTICLES[FLAKY]).encode(), delay=1.5))
    big = ("<p>" + "Ligne de remplissage sans intérêt. " * 40 + "</p>\n") * 300
    site.serve(HUGE, Reply(body=f"<html><body>{big}</body></html>".encode(), send_length=False))
    site.serve(PRIVATE, html_reply(ARTICLES[SHARED]))
    rss_links = [
        "/articles/renault-melloussa-cadence",
        "/articles/stellantis-kenitra-recrute",
        SHARED,
        FLAKY,
        LEGACY,
        MISSING,
        LOOP,
        SLOW,
        HUGE,
        PRIVATE,
    ]
    rss_body = rss(rss_links, base).encode()
    site.serve("/feeds/rss.xml", Reply(body=rss_body, content_type="application/rss+xml"))
    atom_links = [f"{SHARED}?utm_source=newsletter&utm_medium=email", "/articles/somaca-record"]
    atom_body = atom(atom_links, base).encode()
    site.serve("/feeds/atom.xml", Reply(body=atom_body, content_type="application/atom+xml"))
    etag_body = rss(["/articles/neo-motors-ain-aouda"], base).encode()
    modified = format_datetime(datetime(2024, 9, 10, 8, 0, tzinfo=UTC), usegmt=True)

    def etag_feed(headers: dict[str, str]) -> Reply:
        if headers.get("if-none-match") == '"neo-v1"':
            return Reply(304, headers={"ETag": '"neo-v1"'})
        return Reply(
            body=etag_body,
            content_type="application/rss+xml",
            headers={"ETag": '"neo-v1"', "Last-Modified": modified},
        )

    site.serve("/feeds/etag.xml", etag_feed)


def sources_toml(base: str, *, delay: float = 0.02, extra: str = "") -> str:
    return f"""
[settings]
contact = "https://example.org/veille-tests"
delay = {delay}
timeout = 0.5
max_bytes = 100_000
retries = 2
backoff = 0.05
max_redirects = 5

[[source]]
name = "Atlas Auto RSS"
feeds = ["{base}/feeds/rss.xml"]

[[source]]
name = "Morocco Auto Wire"
feeds = ["{base}/feeds/atom.xml"]

[[source]]
name = "Flux avec ETag"
feeds = ["{base}/feeds/etag.xml"]

[[source]]
name = "Pages"
pages = ["{base}/articles/renault-melloussa-cadence?fbclid=IwAR0abc#commentaires"]
{extra}"""


@dataclass
class TwoRuns:
    site: LocalSite
    db_url: str
    first_output: str
    first_hits: list[Hit]
    second: FetchReport
    articles_after_first: int
    claims_after_first: int


@pytest.fixture(scope="module")
def fetched(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TwoRuns]:
    """Two `fetch` runs over the local site: the first by the CLI, the second from Python."""
    folder = tmp_path_factory.mktemp("fetch")
    db_url = f"sqlite:///{folder / 'veille.db'}"
    with LocalSite() as site:
        build_site(site)
        sources = folder / "sources.toml"
        sources.write_text(sources_toml(site.base), encoding="utf-8")
        result = CliRunner().invoke(app, ["fetch", "--sources", str(sources), "--db", db_url])
        assert result.exit_code == 0, result.output
        first_hits = list(site.hits)
        with Database.connect(db_url) as db:
            articles, claims = db.count("articles"), db.count("claims")
            second = fetch_once(db, load_sources(sources))
        yield TwoRuns(site, db_url, result.stdout, first_hits, second, articles, claims)


def url_of(site: LocalSite, path: str) -> str:
    return f"{site.base}{path}"


def stored_articles(db_url: str) -> dict[str, sa.RowMapping]:
    with Database.connect(db_url) as db, db.engine.connect() as conn:
        rows = conn.execute(sa.select(schema.articles)).mappings()
        return {row["id"]: row for row in rows}


# ---------------------------------------------------------------- the tests


def test_every_good_article_is_stored_once_under_its_canonical_url(fetched: TwoRuns) -> None:
    stored = stored_articles(fetched.db_url)
    expected = {canonical_url(url_of(fetched.site, path)) for path in ARTICLES}
    assert set(stored) == expected
    for article_id, row in stored.items():
        assert row["url"] == article_id
        assert row["source_uri"] == article_id
    # The page's JSON-LD date, read by the clean stage.
    melloussa = stored[canonical_url(url_of(fetched.site, "/articles/renault-melloussa-cadence"))]
    assert melloussa["published"].isoformat() == "2024-02-12"
    assert "345 000 véhicules" in melloussa["text"]
    assert "Accueil" not in melloussa["text"]  # the nav went


def test_summary_per_source_names_every_failure_with_its_reason(fetched: TwoRuns) -> None:
    out = fetched.first_output
    lines = out.splitlines()
    assert "Atlas Auto RSS: new 5, unchanged 0, failed 5" in lines
    assert "Morocco Auto Wire: new 1, unchanged 1, failed 0" in lines  # the utm_ copy
    assert "Flux avec ETag: new 1, unchanged 0, failed 0" in lines
    assert "Pages: new 0, unchanged 1, failed 0" in lines  # same article with fbclid
    reasons = {
        MISSING: "HTTP 404 Not Found",
        LOOP: "redirect loop: ",
        SLOW: "timed out (no answer within 0.5 s)",
        HUGE: "too large (more than 100000 bytes)",
        PRIVATE: "disallowed by robots.txt",
    }
    for path, reason in reasons.items():
        line = next(line for line in lines if line.startswith(f"  {url_of(fetched.site, path)}: "))
        assert reason in line, line


def test_a_server_error_is_retried_then_the_page_stored(fetched: TwoRuns) -> None:
    hits = [hit for hit in fetched.first_hits if hit.path == FLAKY]
    assert [hit.status for hit in hits] == [500, 200]
    stored = stored_articles(fetched.db_url)
    assert canonical_url(url_of(fetched.site, FLAKY)) in stored


def test_client_errors_and_timeouts_are_not_retried(fetched: TwoRuns) -> None:
    first = fetched.first_hits
    assert [hit.status for hit in first if hit.path == MISSING] == [404]
    assert len([hit for hit in first if hit.path == SLOW]) == 1


def test_redirect_loop_is_reported_as_a_loop(fetched: TwoRuns) -> None:
    line = next(line for line in fetched.first_output.splitlines() if "redirect loop" in line)
    assert "/boucle/a -> " in line and "/boucle/b -> " in line


def test_robots_txt_is_read_once_and_disallowed_pages_never_requested(fetched: TwoRuns) -> None:
    assert fetched.site.requests_for(PRIVATE) == []
    robots = [hit for hit in fetched.first_hits if hit.path == "/robots.txt"]
    assert len(robots) == 1


def test_requests_name_veille_and_its_contact(fetched: TwoRuns) -> None:
    agents = {hit.headers.get("user-agent") for hit in fetched.site.hits}
    assert agents == {"veille/0.1.0 (+https://example.org/veille-tests)"}


def test_one_request_at_a_time_per_host_with_the_delay(fetched: TwoRuns) -> None:
    starts = sorted(hit.at for hit in fetched.first_hits)
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert min(gaps) >= 0.02 * 0.9  # the server saw the requests at least `delay` apart


def test_windows_1252_page_declared_in_meta_keeps_its_accents(fetched: TwoRuns) -> None:
    stored = stored_articles(fetched.db_url)
    text = stored[canonical_url(url_of(fetched.site, LEGACY))]["text"]
    assert "L'équipementier Sumitomo Electric a créé 800 emplois" in text
    assert "Kénitra" in text and "\ufffd" not in text


def test_every_stored_article_has_its_claims(fetched: TwoRuns) -> None:
    with Database.connect(fetched.db_url) as db, db.engine.connect() as conn:
        c = schema.claims
        per_article = dict(
            conn.execute(sa.select(c.c.article_id, sa.func.count()).group_by(c.c.article_id)).all()
        )
    assert set(per_article) == set(stored_articles(fetched.db_url))
    assert all(count >= 2 for count in per_article.values())


def test_second_fetch_adds_nothing_and_the_unchanged_feed_costs_a_304(fetched: TwoRuns) -> None:
    second = fetched.second
    assert second.new == 0 and second.claims_added == 0
    with Database.connect(fetched.db_url) as db:
        assert db.count("articles") == fetched.articles_after_first
        assert db.count("claims") == fetched.claims_after_first
    etag_hits = fetched.site.requests_for("/feeds/etag.xml")
    assert [hit.status for hit in etag_hits] == [200, 304]
    assert etag_hits[1].headers["if-none-match"] == '"neo-v1"'
    by_name = {source.name: source for source in second.sources}
    assert by_name["Flux avec ETag"].not_modified == 1
    # Stored pages are never asked for again; the failures are, and fail the same way.
    assert len(fetched.site.requests_for("/articles/stellantis-kenitra-recrute")) == 1
    assert len(fetched.site.requests_for(SHARED)) == 1
    assert by_name["Atlas Auto RSS"].unchanged == 5
    assert len(by_name["Atlas Auto RSS"].failed) == 5


def test_feed_validators_wait_while_a_page_may_pass_later(fetched: TwoRuns) -> None:
    with Database.connect(fetched.db_url) as db:
        etag = feed_state(db, url_of(fetched.site, "/feeds/etag.xml"))
        rss_state = feed_state(db, url_of(fetched.site, "/feeds/rss.xml"))
    assert etag is not None and etag.etag == '"neo-v1"' and etag.status == "304"
    assert etag.last_modified == "Tue, 10 Sep 2024 08:00:00 GMT"
    # The slow page timed out (it may answer next time): the RSS feed is read in full again.
    assert rss_state is not None and rss_state.status == "200"
    assert [hit.status for hit in fetched.site.requests_for("/feeds/rss.xml")] == [200, 200]


# ---------------------------------------------------------------- smaller pieces


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("https://Example.org/auto/a?utm_source=nl&utm_medium=mail", "https://example.org/auto/a"),
        ("https://example.org:443/auto/a?fbclid=IwAR0#comments", "https://example.org/auto/a"),
        ("http://example.org/auto/a?xtor=RSS-3&id=12", "http://example.org/auto/a?id=12"),
        ("https://example.org/auto/a?page=2&id=12", "https://example.org/auto/a?id=12&page=2"),
        ("https://example.org", "https://example.org/"),
    ],
)
def test_canonical_url_strips_tracking_and_noise(given: str, canonical: str) -> None:
    assert canonical_url(given) == canonical


PAGE = '[[source]]\nname = "a"\npages = ["https://example.org/"]\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[source]]\nname = "a"\nfeeds = ["ftp://example.org/feed"]', "only http and https"),
        ('[[source]]\nname = "a"\nfeeds = ["file:///etc/passwd"]', "only http and https"),
        ('[[source]]\nname = "a"', "needs feeds or pages"),
        ("[settings]\ndelai = 2\n" + PAGE, "unknown setting 'delai'"),
        ('[settings]\ntimeout = "long"\n' + PAGE, "expected float"),
        ("[settings]\nretries = -1\n" + PAGE, "at least 0"),
        (PAGE + PAGE.replace('.org/"', '.org/b"'), "two sources are named 'a'"),
        ("[settings", "not valid TOML"),
        ("[sources]\n" + PAGE, "unknown table 'sources'"),
    ],
)
def test_bad_sources_files_are_one_clear_error(text: str, message: str) -> None:
    with pytest.raises(SourcesError, match=re.escape(message)):
        parse_sources(text)


def test_the_settings_table_declares_every_setting_with_its_default() -> None:
    from dataclasses import fields

    from veille.sources.web import WEB_SETTINGS

    declared = {setting.name: setting.default for setting in WEB_SETTINGS}
    assert declared == {f.name: f.default for f in fields(FetchSettings)}
    assert parse_sources(PAGE).settings == FetchSettings()


def test_the_example_sources_file_loads() -> None:
    config = load_sources(ROOT / "examples" / "sources.toml")
    assert config.settings.user_agent_header.startswith("veille/0.1.0 (+https://")
    hosts = {urlsplit(url).hostname or "" for s in config.sources for url in (*s.feeds, *s.pages)}
    assert hosts and all(host.endswith("example.org") for host in hosts)
    assert any(not source.enabled for source in config.sources)


def test_unreachable_robots_txt_forbids_the_site_and_missing_one_allows_it() -> None:
    settings = FetchSettings(delay=0, timeout=0.5, retries=1, backoff=0.01)
    with LocalSite() as broken, LocalSite() as open_site:
        broken.serve("/robots.txt", Reply(503, b"down"))
        broken.serve("/a", html_reply(ARTICLES[SHARED]))
        open_site.serve("/a", html_reply(ARTICLES[SHARED]))  # no robots.txt: a 404
        with PoliteClient(settings) as client:
            with pytest.raises(FetchError, match=r"disallowed by robots\.txt"):
                client.get(f"{broken.base}/a")
            assert client.get(f"{open_site.base}/a").status == 200
        assert broken.requests_for("/a") == []
        assert [hit.status for hit in broken.requests_for("/robots.txt")] == [503, 503]


def test_redirect_to_another_scheme_is_refused() -> None:
    settings = FetchSettings(delay=0, timeout=0.5, retries=0)
    with LocalSite() as site:
        site.serve("/go", Reply(301, headers={"Location": "ftp://example.org/file"}))
        with (
            PoliteClient(settings) as client,
            pytest.raises(FetchError, match="only http and https"),
        ):
            client.get(f"{site.base}/go")


def test_the_docs_list_every_setting_and_source_option() -> None:
    from veille.sources.web import SOURCE_OPTIONS, WEB_SETTINGS

    docs = (ROOT / "docs" / "watching.md").read_text(encoding="utf-8")
    for setting in WEB_SETTINGS:
        assert f"| `{setting.name}` |" in docs
    for option in SOURCE_OPTIONS:
        assert f"| `{option}` |" in docs


@pytest.mark.parametrize("command", ["fetch", "watch", "reprocess"])
def test_commands_have_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example: veille " + command in " ".join(result.stdout.split())


def test_a_missing_sources_file_is_one_line_on_stderr(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["fetch", "--sources", str(tmp_path / "nope.toml")])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{tmp_path / 'nope.toml'}: no such sources file"


# ---------------------------------------------------------------- the store, on both backends


def test_fetch_state_on_each_backend(database_url: str) -> None:
    with Database.connect(database_url) as db:
        save_feed_state(db, "https://example.org/rss", "200", etag='"a"', last_modified="Mon")
        save_feed_state(db, "https://example.org/rss", "HTTP 503", keep_validators=True)
        state = feed_state(db, "https://example.org/rss")
        assert state is not None and (state.etag, state.status) == ('"a"', "HTTP 503")
        assert known_urls(db, ["https://example.org/x"]) == {}


def test_same_article_through_two_feeds_is_stored_once_on_each_backend(database_url: str) -> None:
    with LocalSite() as site:
        site.serve(SHARED, html_reply(ARTICLES[SHARED]))
        site.serve("/one.xml", Reply(body=rss([SHARED], site.base).encode()))
        site.serve(
            "/two.xml", Reply(body=atom([f"{SHARED}?utm_source=x&fbclid=y"], site.base).encode())
        )
        config = parse_sources(
            f'[settings]\ndelay = 0\n[[source]]\nname = "one"\nfeeds = ["{site.base}/one.xml"]\n'
            f'[[source]]\nname = "two"\nfeeds = ["{site.base}/two.xml"]\n'
        )
        with Database.connect(database_url) as db:
            first = fetch_once(db, config)
            second = fetch_once(db, config)
            assert [(s.new, s.unchanged) for s in first.sources] == [(1, 0), (0, 1)]
            assert [(s.new, s.unchanged) for s in second.sources] == [(0, 1), (0, 1)]
            assert db.count("articles") == 1
            canonical = canonical_url(f"{site.base}{SHARED}")
            assert known_urls(db, [canonical]) == {canonical: canonical}
            remember_urls(db, [canonical], canonical)  # idempotent
            assert db.count("page_urls") == 1
        assert len(site.requests_for(SHARED)) == 1


def test_max_articles_leaves_the_rest_for_the_next_run_without_a_304(tmp_path: Path) -> None:
    paths = ["/articles/somaca-record", "/articles/neo-motors-ain-aouda"]
    with LocalSite() as site:
        for path in paths:
            site.serve(path, html_reply(ARTICLES[path]))
        body = rss(paths, site.base).encode()

        def feed(headers: dict[str, str]) -> Reply:
            if headers.get("if-none-match") == '"v1"':
                return Reply(304, headers={"ETag": '"v1"'})
            return Reply(body=body, headers={"ETag": '"v1"'})

        site.serve("/feed.xml", feed)
        config = parse_sources(
            f'[settings]\ndelay = 0\n[[source]]\nname = "s"\nfeeds = ["{site.base}/feed.xml"]\n'
            "max_articles = 1\n"
        )
        with Database.connect(f"sqlite:///{tmp_path / 'veille.db'}") as db:
            runs = [fetch_once(db, config).sources[0] for _ in range(3)]
        assert [(r.new, r.unchanged, r.pending, r.not_modified) for r in runs] == [
            (1, 0, 1, 0),  # one page, one left: the ETag is not kept
            (1, 1, 0, 0),  # the feed is read in full again; now everything is handled
            (0, 0, 0, 1),  # so the third read is a 304
        ]
        assert [hit.status for hit in site.requests_for("/feed.xml")] == [200, 200, 304]
