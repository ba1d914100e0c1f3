"""URLs of the pages, built in one place so a page and its JSON twin agree.

Ids and names are quoted whole: an article id may hold `#` (`feed.jsonl#3`)
or `/`, which would otherwise cut the URL short.
"""

from __future__ import annotations

from urllib.parse import quote

JSON_SUFFIX = ".json"


def article_link(article_id: str, claim_id: int | None = None) -> str:
    """The article page, scrolled to one of its claims when `claim_id` is given."""
    anchor = f"#claim-{claim_id}" if claim_id is not None else ""
    return f"/articles/{quote(article_id, safe='')}{anchor}"


def entity_link(name: str) -> str:
    return f"/entities/{quote(name, safe='')}"


def split_json_suffix(name: str) -> tuple[str, bool]:
    """`("Renault Group", True)` from `Renault Group.json`: the JSON twin of a page."""
    if name.endswith(JSON_SUFFIX) and len(name) > len(JSON_SUFFIX):
        return name[: -len(JSON_SUFFIX)], True
    return name, False
