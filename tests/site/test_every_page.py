"""What can be read from the files, on every built page in every language, served and offline:
the Content-Security-Policy first in <head> and strict, no referrer, a quick exit that goes to
the neutral site, the page's language and direction, rel="noopener noreferrer" on every link to
another site, and nothing fetched from another host. The browser crawl repeats these on a sample
and adds what only a browser sees (tests/browser/test_crawl.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from popatlas.harden import _is_other_host
from popatlas.htmltokens import START, tokenize

NEUTRAL_SITE = "https://www.bbc.co.uk/weather"
FETCHING = {"src", "srcset", "poster", "data"}


def page_problems(html: str, lang: str) -> list[str]:
    tokens = [t for t in tokenize(html) if t.kind == START]
    problems = []
    head = next((i for i, t in enumerate(tokens) if t.tag == "head"), None)
    first = tokens[head + 1] if head is not None and head + 1 < len(tokens) else None
    csp = first.attr("content") or "" if first is not None else ""
    if first is None or (first.attr("http-equiv") or "").lower() != "content-security-policy":
        problems.append("the CSP <meta> is not the first element of <head>")
    elif not all(d in csp for d in ("default-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'")) \
            or "unsafe-inline" in csp.split("script-src", 1)[-1].split(";", 1)[0]:
        problems.append(f"the CSP is too weak: {csp[:120]}")
    if not any(t.tag == "meta" and t.attr("name") == "referrer" and t.attr("content") == "no-referrer" for t in tokens):
        problems.append("no referrer meta")
    exits = [t for t in tokens if t.tag == "a" and t.has("data-pa-exit")]
    if len(exits) != 1 or exits[0].attr("href") != NEUTRAL_SITE or "noreferrer" not in (exits[0].attr("rel") or ""):
        problems.append(f"quick exit link wrong: {[t.source for t in exits]}")
    root = next((t for t in tokens if t.tag == "html"), None)
    body = next((t for t in tokens if t.tag == "body"), None)
    direction = (body.attr("dir") if body is not None else None) or (root.attr("dir") if root is not None else None) or "ltr"
    if root is None or root.attr("lang") != lang or direction != ("rtl" if lang == "ar" else "ltr"):
        problems.append(f"<html lang> {root.attr('lang') if root else None}, direction {direction} for a {lang} page")
    for t in tokens:
        if t.tag == "a" and _is_other_host(t.attr("href") or ""):
            rel = set((t.attr("rel") or "").split())
            if not {"noopener", "noreferrer"} <= rel:
                problems.append(f"a link to another site without noopener noreferrer: {t.source[:100]}")
        for name in FETCHING & {k for k, _ in t.attrs}:
            if _is_other_host(t.attr(name) or ""):
                problems.append(f"fetches from another host: {t.source[:100]}")
        if t.tag == "link" and _is_other_host(t.attr("href") or "") and (t.attr("rel") or "") != "alternate":
            problems.append(f"a <link> to another host: {t.source[:100]}")
    return problems


def _language(rel: str) -> str:
    first = rel.split("/", 1)[0]
    return first if first in ("es", "fr", "ar") else "en"


@pytest.mark.parametrize("layout", ["served", "offline"])
def test_every_page_carries_the_safety_invariants(layout: str, request: pytest.FixtureRequest) -> None:
    root: Path = request.getfixturevalue("site_dir" if layout == "served" else "offline_dir")
    pages = sorted(root.rglob("*.html"))
    assert len(pages) > 400
    found = {}
    for path in pages:
        rel = path.relative_to(root).as_posix()
        problems = page_problems(path.read_text(encoding="utf-8"), _language(rel))
        if problems:
            found[rel] = problems
    assert found == {}, f"{len(found)} of {len(pages)} pages: {list(found.items())[:5]}"


def test_the_checks_bite() -> None:
    bad = ('<html lang="ar"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="x">'
           '</head><body><a href="https://evil.example/">x</a><img src="//cdn.example/x.png"></body></html>')
    problems = page_problems(bad, "ar")
    assert len(problems) == 6, problems
