"""`veille watch` as a real process, stopped by SIGTERM in the middle of a run.

The watcher must finish the article in hand, say it stopped, exit 0, and
leave a database where every stored article is whole (text, claims, URL);
the next run fetches exactly what was left.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from test_fetch import ARTICLES, LEGACY, LocalSite, Reply, article_html, html_reply, rss
from veille.engines.watch import fetch_once, parse_interval
from veille.pipeline import process_all
from veille.sources.web import canonical_url, parse_sources
from veille.store import Database, schema
from veille.store.reprocess import reprocess

VEILLE = Path(sys.executable).parent / "veille"


def serve_articles(site: LocalSite) -> list[str]:
    """Every test article on one feed; returns their paths."""
    paths = list(ARTICLES)
    for path, page in ARTICLES.items():
        if path == LEGACY:
            body = article_html(page, charset="windows-1252").encode("cp1252")
            site.serve(path, Reply(body=body, content_type="text/html"))
        else:
            site.serve(path, html_reply(page))
    site.serve("/feeds/all.xml", Reply(body=rss(paths, site.base).encode()))
    return paths


def wait_for(condition: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the watcher")
        time.sleep(0.05)


@pytest.mark.slow
def test_sigterm_stops_cleanly_between_articles(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'veille.db'}"
    with LocalSite() as site:
        paths = serve_articles(site)
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[settings]\ncontact = "https://example.org/t"\ndelay = 0.4\ntimeout = 5\n'
            f'[[source]]\nname = "Atlas Auto"\nfeeds = ["{site.base}/feeds/all.xml"]\n',
            encoding="utf-8",
        )
        command = [str(VEILLE), "watch", "--every", "1h", "--sources", str(sources), "--db", db_url]
        watcher = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        try:
            # 1. Stop it while it works on the second article.
            wait_for(lambda: sum(len(site.requests_for(p)) for p in paths) >= 2, 180)
            watcher.send_signal(signal.SIGTERM)
            out, err = watcher.communicate(timeout=120)
        finally:
            if watcher.poll() is None:
                watcher.kill()
        # 2. A clean exit, saying so.
        assert watcher.returncode == 0, err
        assert "stopped after 1 run" in out.splitlines(), out
        assert "Traceback" not in err
        # 3. Whole articles only: text, claims as today's code gives them, URL remembered.
        with Database.connect(db_url) as db:
            stored = db.count("articles")
            assert 1 <= stored < len(paths)
            with db.engine.connect() as conn:
                a, c = schema.articles, schema.claims
                texts = list(conn.scalars(sa.select(a.c.text)))
                with_claims = conn.scalar(sa.select(sa.func.count(sa.distinct(c.c.article_id))))
            assert all(text.strip() for text in texts)
            assert with_claims == stored
            assert db.count("page_urls") == stored
            check = reprocess(db, process_all)
            assert (check.changes, check.failed) == ((), ())
            # 4. The next run does the rest, and nothing twice.
            config = parse_sources(sources.read_text(encoding="utf-8").replace("0.4", "0.01"))
            rest = fetch_once(db, config)
            assert (rest.sources[0].new, rest.sources[0].unchanged) == (len(paths) - stored, stored)
            assert db.count("articles") == len(paths)
        ids = {canonical_url(f"{site.base}{path}") for path in paths}
        for path in paths:
            assert len(site.requests_for(path)) == 1, path
        with Database.connect(db_url) as db, db.engine.connect() as conn:
            assert set(conn.scalars(sa.select(schema.articles.c.id))) == ids


@pytest.mark.parametrize(
    ("text", "seconds"), [("90", 90), ("30s", 30), ("15m", 900), ("1h30m", 5400), ("1d", 86400)]
)
def test_intervals(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "1h fortnight", "0", "-5m", "inf", "nan"])
def test_bad_intervals_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_interval(text)


def test_watch_with_a_bad_interval_is_one_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from veille.cli.app import app

    result = CliRunner().invoke(app, ["watch", "--every", "soon", "--sources", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("not an interval: 'soon'")
