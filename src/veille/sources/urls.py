"""Which URLs an article may carry as a link.

A feed, an upload or a page's canonical link can hold any string; rendered as
`href`, a `javascript:` or `data:` URL runs in the reader's browser. Only
absolute `http` and `https` URLs are kept as links, at ingest and again when a
page renders one.
"""

from __future__ import annotations

from urllib.parse import urlsplit

WEB_SCHEMES = frozenset({"http", "https"})
# Control characters and spaces inside a URL let browsers read a scheme that
# `urlsplit` does not see (`java\tscript:`); a real article URL has none.
_FORBIDDEN = frozenset(chr(code) for code in range(0x21)) | {"\x7f"}


def web_url(url: str | None) -> str | None:
    """`url` if it is an absolute http(s) URL with a host, else None."""
    if not url:
        return None
    url = url.strip()
    if any(char in _FORBIDDEN for char in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced `[` in the host
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        return None
    return url
