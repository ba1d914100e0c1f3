"""The Jinja2 environment of the pages, and the filters that format figures in it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from veille.records import format_figure
from veille.sources.urls import web_url
from veille.store.search import search_terms
from veille.web.links import entity_link

TEMPLATES = Path(__file__).parent / "templates"


def figure(value: float | None, unit: str | None) -> str:
    """A figure as a person reads it, thousands grouped by a narrow no-break space."""
    return format_figure(value, unit, group="\u202f")


def metric_label(metric: str) -> str:
    """`production_capacity` → `production capacity`."""
    return metric.replace("_", " ")


def mark_terms(text: str, query: str) -> Markup:
    """`text` escaped, with the query's words wrapped in `<mark>` (case-insensitive)."""
    terms = [term for term in search_terms(query) if len(term) > 1]
    if not terms:
        return escape(text)
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, terms)) + r")", re.IGNORECASE)
    parts = []
    last = 0
    for found in pattern.finditer(text):
        parts += [escape(text[last : found.start()]), Markup("<mark>"), escape(found.group())]
        parts.append(Markup("</mark>"))
        last = found.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def corroboration(stories: int | None) -> str:
    """`3 independent stories`; nothing when unknown."""
    if not stories:
        return ""
    return "1 story" if stories == 1 else f"{stories} independent stories"


def json_twin(request: Request) -> str:
    """The URL of the page's JSON twin: its path with `.json`, the same query."""
    path = quote(request.scope["path"])  # the decoded path, quoted once
    path = "/.json" if path == "/" else f"{path.rstrip('/')}.json"
    return f"{path}?{request.url.query}" if request.url.query else path


def page_url(request: Request, offset: int, limit: int) -> str:
    """This page's URL at another offset, every filter kept: a pager that forgets them lies."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in ("offset", "limit")]
    return "?" + urlencode([*params, ("limit", str(limit)), ("offset", str(offset))])


def schema_text(schema: dict[str, Any]) -> str:
    """A parameter's JSON schema in a few words: `integer, 1 to 500`, `one of a, b`."""
    words = []
    for option in schema.get("anyOf", [schema]):
        if option.get("type") == "null":
            continue
        if "enum" in option:
            words.append("one of " + ", ".join(map(str, option["enum"])))
            continue
        text = option.get("format") or option.get("type", "")
        if "minimum" in option and "maximum" in option:
            text += f", {option['minimum']} to {option['maximum']}"
        if "maxLength" in option:
            text += f", at most {option['maxLength']} characters"
        words.append(text)
    return " or ".join(words)


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES))
    templates.env.filters.update(
        figure=figure, metric=metric_label, mark_terms=mark_terms, web_url=web_url
    )
    templates.env.globals.update(
        entity_link=entity_link,
        json_twin=json_twin,
        page_url=page_url,
        corroboration=corroboration,
        schema_text=schema_text,
    )
    templates.env.trim_blocks = True
    templates.env.lstrip_blocks = True
    return templates
