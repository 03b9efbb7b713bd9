"""Safety of every built page: a CSP that lets only the theme's own inline scripts
run, no-referrer on external links, an audit for anything loaded from another host,
and an audit of hand-written page content (translated pages arrive by pull request).

Pure functions over HTML text, so they can be tested without a build.
"""
from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable

from .sanitize import link_problem

CSP_PLACEHOLDER = "__POPATLAS_CSP__"
# How overrides/main.html starts the policy's <meta> (filled in by popatlas.harden).
CSP_META_START = '<meta http-equiv="Content-Security-Policy" content="'
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)([^>]*)>(.*?)</script>", re.S | re.I)
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


def theme_inline_scripts(template_dirs: Iterable[Path]) -> frozenset[str]:
    """The bodies of inline scripts written literally in the theme's templates.

    These are the only inline scripts a page may run: a script whose body is
    filled in by the template, or that comes from page content, is never allowed.
    """
    bodies: set[str] = set()
    for folder in template_dirs:
        for template in sorted(Path(folder).rglob("*.html")):
            for attrs, body in _INLINE_SCRIPT.findall(template.read_text(encoding="utf-8")):
                if "application/json" not in attrs.lower() and body.strip() and "{{" not in body and "{%" not in body:
                    bodies.add(body)
    return frozenset(bodies)


def inline_scripts(html: str) -> list[str]:
    """Bodies of the page's inline scripts that a browser would run."""
    return [body for attrs, body in _INLINE_SCRIPT.findall(html)
            if "application/json" not in attrs.lower() and body.strip()]


def policy(scripts: Iterable[str]) -> str:
    """The page's policy: this site only, plus the hashes of the inline scripts it may run."""
    hashes = sorted({_hash(body) for body in scripts})
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


def with_csp(html: str, allowed: frozenset[str]) -> tuple[str, list[str]]:
    """The page with its policy filled in, and the inline scripts the policy refuses."""
    from .harden import PageRules, harden_page
    done = harden_page(html, PageRules("en", "en", False, "Search", allowed, False))
    refused = [body for body in inline_scripts(html) if body not in allowed]
    return done.html, refused


# --- hand-written page content ---------------------------------------------
# Elements that can restyle, redirect, embed or run something: never in page content.
_FORBIDDEN_ELEMENTS = frozenset({"style", "link", "meta", "base", "iframe", "frame", "frameset", "object", "embed",
                                 "applet", "svg", "math", "template", "portal", "dialog", "noscript"})
_FORBIDDEN_ATTRIBUTES = frozenset({"style", "srcdoc", "formaction", "http-equiv", "ping", "popover", "popovertarget",
                                   "autofocus"})
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "poster", "data", "srcset", "xlink:href", "cite", "background"})
# Raw HTML a hand-written page never needs and that the standard parser reads differently from a
# browser (the audit would see text where a browser builds an element), or that ends the page's
# article early: refused in the page's source (popatlas.frontmatter), before anything is rendered.
PARSER_TRAPS = ("<![", "<!-->", "<!--->", "--!>", "\x00", "<script", "</script", "<textarea", "<title", "<xmp",
                "<plaintext", "<noembed", "<noframes", "<iframe", "<noscript", "<article", "</article")

# Layout classes of the theme and of the quick exit: content must not imitate or cover them.
_RESERVED_CLASS = re.compile(r"^(?:md-(?!button$|button--primary$)|pa-exit|pa-skip|pa-announce|pa-visually-hidden)")


def tag_problems(tag: str, attrs: list[tuple[str, str | None]]) -> list[str]:
    """What is wrong with one start tag of hand-written page content (nothing, usually)."""
    problems: list[str] = []
    names = {name for name, _ in attrs}
    if tag in _FORBIDDEN_ELEMENTS:
        problems.append(f"<{tag}> is not allowed in page content")
    if tag == "script" and "src" not in names:
        problems.append("an inline <script> is not allowed in page content")
    for name, value in attrs:
        value = value or ""
        if name.startswith("on") or name in _FORBIDDEN_ATTRIBUTES:
            problems.append(f"<{tag} {name}=...> is not allowed in page content")
        elif name in _URL_ATTRIBUTES and _unsafe_address(value, tag == "script"):
            problems.append(f"<{tag} {name}=\"{value[:60]}\">: {_unsafe_address(value, tag == 'script')}")
        elif name == "class":
            reserved = [c for c in value.split() if _RESERVED_CLASS.match(c)]
            if reserved:
                problems.append(f"<{tag} class=\"{reserved[0]}\">: the site's own layout classes are "
                                "not allowed in page content")
        elif name == "id" and value.startswith("__"):
            problems.append(f"<{tag} id=\"{value}\">: ids starting with __ belong to the theme")
    return problems


class _ContentAudit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.extend(tag_problems(tag, attrs))


def _unsafe_address(value: str, script: bool) -> str:
    """Why an address in page content is refused; empty when it is fine."""
    stripped = value.strip()
    if stripped.startswith("#") or (not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", stripped)
                                    and not stripped.startswith(("//", "\\", "/\\", "\\/"))):
        return ""  # a page or file of this site
    if script:
        return "a script must come from this site"
    if stripped.lower().startswith(("tel:", "sms:")):
        scheme = stripped[:3].lower()
        return "" if re.fullmatch(r"(?:tel|sms):\+?[0-9]{3,15}", stripped, re.I) else f"a {scheme}: link must be digits only"
    return link_problem(stripped, mail=True)


def content_problems(html: str) -> list[str]:
    """What a page's own content (Markdown rendered to HTML) must not contain, one line each."""
    audit = _ContentAudit()
    audit.feed(html)
    audit.close()
    return list(dict.fromkeys(audit.problems))


def external_assets(html: str) -> list[str]:
    """Addresses of anything the page would fetch from another host."""
    found = []
    for match in _FETCHING.finditer(html):
        url = next(g for g in match.groups()[1:] if g) if any(match.groups()[1:]) else ""
        if url:
            found.append(url)
    return found
