"""robots.txt rules as RFC 9309 defines them: wildcards, end anchors, longest match."""

from __future__ import annotations

from veille.sources.web.robots import RobotsCache, RobotsFile

RULES = """\
User-agent: *
Disallow: /prive/
Disallow: /*.pdf$
Disallow: /*?session=
Disallow: /archives
Allow: /archives/2025/
Crawl-delay: 2

User-agent: otherbot
Disallow: /
"""


def cache(found: RobotsFile) -> tuple[RobotsCache, list[str]]:
    asked: list[str] = []

    def fetch(url: str) -> RobotsFile:
        asked.append(url)
        return found

    return RobotsCache(fetch), asked


def test_wildcards_end_anchors_and_the_longest_match_decide() -> None:
    robots, asked = cache(RobotsFile(RULES))
    site = "https://news.example.ma"
    assert not robots.allowed(f"{site}/prive/page")
    assert not robots.allowed(f"{site}/rapports/bilan.pdf")  # `*` and `$`
    assert robots.allowed(f"{site}/rapports/bilan.pdf?v=2")  # `$`: the path must end there
    assert not robots.allowed(f"{site}/actualites/article?session=ab")  # `*` then the query
    assert not robots.allowed(f"{site}/archives/2024/x")
    assert robots.allowed(f"{site}/archives/2025/x")  # the longer Allow beats Disallow
    assert robots.allowed(f"{site}/actualites/renault")
    assert robots.crawl_delay(f"{site}/") == 2.0
    assert asked == [f"{site}/robots.txt"]  # read once per site


def test_missing_allows_everything_and_unreachable_forbids_everything() -> None:
    missing, _ = cache(RobotsFile(missing=True))
    assert (
        missing.allowed("https://a.example.ma/x")
        and missing.crawl_delay("https://a.example.ma/") is None
    )
    down, _ = cache(RobotsFile(unreachable=True))
    assert not down.allowed("https://b.example.ma/x")
