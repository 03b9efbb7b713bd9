"""Safety of every built page: a CSP with the hashes of its inline scripts,
no-referrer on external links, and an audit for anything loaded from another host.

Pure functions over HTML text, so they can be tested without a build.
"""
from __future__ import annotations

import base64
import hashlib
import re

CSP_PLACEHOLDER = "__POPATLAS_CSP__"
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)([^>]*)>(.*?)</script>", re.S | re.I)
_ANCHOR = re.compile(r"<a\s([^>]*?)href=\"(https?://[^\"]*)\"([^>]*)>", re.I)
# Elements that make the browser fetch something: none may point at another host.
_FETCHING = re.compile(
    r"<(script|img|iframe|source|video|audio|embed|object|track|input)\b[^>]*?\s(?:src|data|srcset|poster)=\"\s*((?:https?:)?//[^\"]*)\""
    r"|<link\b(?=[^>]*\srel=\"(?:stylesheet|preload|prefetch|icon|shortcut icon|apple-touch-icon|manifest|modulepreload|preconnect|dns-prefetch)\")[^>]*\shref=\"\s*((?:https?:)?//[^\"]*)\""
    r"|url\(\s*['\"]?((?:https?:)?//[^)'\"]*)",
    re.I,
)


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(html: str) -> str:
    """The page's policy: only its own files, plus its own inline scripts by hash."""
    hashes = sorted({_hash(body) for attrs, body in _INLINE_SCRIPT.findall(html)
                     if "application/json" not in attrs.lower() and body.strip()})
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' " + " ".join(hashes) if hashes else "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",  # Material sets style attributes at run time
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ])


def with_csp(html: str) -> str:
    return html.replace(CSP_PLACEHOLDER, content_security_policy(html), 1)


_REL = re.compile(r'\srel="([^"]*)"')


def external_links_noreferrer(html: str) -> str:
    """Every link to another site gets rel="noopener noreferrer" (merged with any rel it has)."""
    def fix(match: re.Match[str]) -> str:
        before, url, after = match.groups()
        attrs = " " + before + after
        existing = _REL.search(attrs)
        values = set(existing.group(1).split()) if existing else set()
        values |= {"noopener", "noreferrer"}
        attrs = _REL.sub("", attrs).strip()
        return f'<a {attrs + " " if attrs else ""}href="{url}" rel="{" ".join(sorted(values))}">'
    return _ANCHOR.sub(fix, html)


def external_assets(html: str) -> list[str]:
    """Addresses of anything the page would fetch from another host."""
    found = []
    for match in _FETCHING.finditer(html):
        url = next(g for g in match.groups()[1:] if g) if any(match.groups()[1:]) else ""
        if url:
            found.append(url)
    return found
