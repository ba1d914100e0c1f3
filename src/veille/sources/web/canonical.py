"""One article, one URL: canonical forms and the ids of fetched pages.

The same article reaches us through two feeds, with a newsletter's
`?utm_source=…`, a social network's `fbclid`, a French site's `xtor` or a
`#comments` anchor. courlan normalises the URL (case, default port, path,
query order, its own list of trackers); we add the parameters it keeps and
always drop the fragment, which a server never sees.
"""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import courlan

WEB_SCHEMES = ("http", "https")
MAX_ID_LENGTH = 500  # articles.id is a String(500)
TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "igshid", "yclid", "mc_cid", "mc_eid", "_ga", "_gl"}
    | {"xtor", "xtref", "at_medium", "at_campaign", "at_platform", "ncid", "cmpid", "smid"}
)
TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_", "hsa_")


class WebUrlError(ValueError):
    """A URL veille will not fetch (not http or https, or no host)."""


def check_web_url(url: str) -> str:
    """`url` unchanged if it is an http(s) URL with a host; else `WebUrlError`."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in WEB_SCHEMES:
        shown = f"{parts.scheme}:" if parts.scheme else "no scheme"
        raise WebUrlError(f"only http and https URLs are fetched ({shown} in {url!r})")
    if not parts.hostname:
        raise WebUrlError(f"no host in {url!r}")
    return url


def _tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """The form under which an article URL is stored and compared."""
    check_web_url(url)
    try:
        normalised = courlan.normalize_url(url.strip())
    except ValueError:  # courlan refuses some odd ports and languages: keep our own pass
        normalised = url.strip()
    parts = urlsplit(normalised)
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k)]
    query = urlencode(sorted(kept))
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def article_id(canonical: str) -> str:
    """The article id of a fetched page: its canonical URL, or a hash if too long to be a key."""
    if len(canonical) <= MAX_ID_LENGTH:
        return canonical
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
