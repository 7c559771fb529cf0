"""Finding links in HTML, fast and forgiving.

A regular expression over the raw text instead of a full parser: the crawler only needs
href/src values and the <base>, and a regex is several times faster than `html.parser` on
large pages while shrugging at malformed markup (unclosed tags, stray quotes).
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit, urlunsplit

_LINK = re.compile(
    r"""<(?:a|link|img|script|iframe|source|area)\b[^>]*?\s(?:href|src)\s*=\s*"""
    r"""(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""",
    re.IGNORECASE,
)
_BASE = re.compile(
    r"""<base\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE
)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
IGNORED_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "about:", "#")


def extract_links(page_url: str, text: str) -> list[str]:
    """Absolute http(s) links of a page, fragments dropped, <base> honoured, in page order."""
    if "<!--" in text:
        text = _COMMENT.sub("", text)
    base = page_url
    found = _BASE.search(text)
    if found:
        base = urljoin(page_url, _value(found))
    origin = _origin(base)
    links: list[str] = []
    seen: set[str] = set()
    for match in _LINK.finditer(text):
        raw = _value(match).strip()
        if not raw or raw.lower().startswith(IGNORED_SCHEMES):
            continue
        # Fast path for the common site-absolute link ("/p/1.html"): no urljoin, no re-split.
        if raw[0] == "/" and raw[:2] != "//" and origin is not None and _PLAIN_PATH(raw):
            url: str | None = origin + raw.split("#", 1)[0]
        else:
            url = normalise(urljoin(base, raw))
        if url is not None and url not in seen:
            seen.add(url)
            links.append(url)
    return links


# Paths that urljoin/normalise would return unchanged: no dot segments, no odd characters.
_PLAIN_PATH = re.compile(
    r"/(?!\.)[A-Za-z0-9_\-~/%+,;=:@!$'()*]*(?<!/\.)(?:[.][A-Za-z0-9]+)?(?:\?[^#\s]*)?(?:#.*)?$"
).match


def _origin(base: str) -> str | None:
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return f"{parts.scheme}://{parts.netloc.lower()}"


def _value(match: re.Match[str]) -> str:
    value = match.group(1) or match.group(2) or match.group(3) or ""
    return html.unescape(value) if "&" in value else value


def normalise(url: str) -> str | None:
    """The URL without its fragment, host lower-cased; None for a non-http(s) URL."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    netloc = parts.netloc.lower()
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
