"""A sample of every page type in every language, served and from the unzipped offline copy,
in Chromium: no request to another host, no console error, no cookie, nothing stored, the
security meta in place, a quick exit that can be seen and reached.

The same invariants that can be read from the files are checked on every page, in Python
(tests/site/test_every_page.py); the browser adds what only a browser knows (requests,
console errors, storage, layout) on the sample, which is what keeps the suite fast."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from playwright.sync_api import Browser, Page

from .conftest import NEUTRAL_SITE

CHECK_PAGE = """() => {
  const head = document.head.firstElementChild;
  const exit = document.querySelector("a[data-pa-exit]");
  const box = exit ? exit.getBoundingClientRect() : null;
  const hit = box ? document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2) : null;
  const external = [...document.querySelectorAll("a[href^='http']")].filter(a => a.origin !== location.origin);
  return {
    cspFirst: head && head.getAttribute("http-equiv") === "Content-Security-Policy"
      && head.content.includes("default-src 'self'") && head.content.includes("object-src 'none'")
      && head.content.includes("base-uri 'none'") && head.content.includes("form-action 'none'")
      && !/script-src[^;]*unsafe-inline/.test(head.content),
    referrer: !!document.querySelector("meta[name=referrer][content=no-referrer]"),
    exitHref: exit ? exit.href : null,
    exitRel: exit ? exit.rel : "",
    exitSize: box ? [box.width, box.height] : null,
    exitInView: box ? box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth : false,
    exitOnTop: !!(hit && exit.contains(hit)),
    cookie: document.cookie,
    stored: localStorage.length + sessionStorage.length,
    unsafeLinks: external.filter(a => !(a.relList.contains("noopener") && a.relList.contains("noreferrer"))).map(a => a.href),
    lang: document.documentElement.lang,
    dir: document.body.dir || document.documentElement.dir,
  };
}"""


# One page of each type (the first in file order of each folder pattern), in every language.
PAGE_TYPES = ("index.html", "404.html", "principles/index.html", "principles/01-*", "principles/all*",
              "self-assessment*", "guides/index.html", "guides/client-*", "case-studies/index.html",
              "case-studies/no-room*", "directory/index.html", "directory/organizations/*",
              "directory/resources/index.html", "directory/resources/[!i]*", "directory/countries/index.html",
              "directory/countries/[!i]*",
              "directory/services/*", "get-help*", "safety*", "glossary*", "open-data*", "offline*")


def all_pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def pages_of(root: Path) -> list[Path]:
    """The sample: for each language folder and page type, the first page that matches."""
    chosen: list[Path] = []
    for prefix in ("", "es/", "fr/", "ar/"):
        for pattern in PAGE_TYPES:
            found = sorted(p for p in root.glob(prefix + pattern) if p.is_file() or (p / "index.html").is_file())
            if found:
                chosen.append(found[0] if found[0].is_file() else found[0] / "index.html")
    return list(dict.fromkeys(chosen))


def language_of(rel: Path) -> str:
    return rel.parts[0] if rel.parts[0] in ("es", "fr", "ar") else "en"


def crawl(browser: Browser, root: Path, to_url: Callable[[Path], str], own: Callable[[str], bool]) -> dict[str, list[str]]:
    context = browser.new_context()
    problems: dict[str, list[str]] = {}
    off_site: list[str] = []
    errors: list[str] = []
    page: Page = context.new_page()
    page.on("request", lambda r: off_site.append(r.url) if not own(r.url) else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    for path in pages_of(root):
        rel = path.relative_to(root)
        off_site.clear()
        errors.clear()
        page.goto(to_url(path), wait_until="load")
        facts = page.evaluate(CHECK_PAGE)
        lang = language_of(rel)
        found = []
        if off_site:
            found.append(f"requests to other hosts: {off_site}")
        if errors:
            found.append(f"console errors: {errors}")
        if not facts["cspFirst"]:
            found.append("CSP meta is not the first element of <head> or is too weak")
        if not facts["referrer"]:
            found.append("no referrer meta")
        if facts["exitHref"] != NEUTRAL_SITE or "noreferrer" not in facts["exitRel"]:
            found.append(f"quick exit link wrong: {facts['exitHref']} rel={facts['exitRel']}")
        if not facts["exitSize"] or min(facts["exitSize"]) < 24 or not facts["exitInView"] or not facts["exitOnTop"]:
            found.append(f"quick exit not visible and clickable: {facts}")
        if facts["cookie"] or facts["stored"]:
            found.append(f"cookie or storage used: {facts['cookie']!r}, {facts['stored']} items")
        if facts["unsafeLinks"]:
            found.append(f"external links without noopener noreferrer: {facts['unsafeLinks'][:3]}")
        if facts["lang"] != lang or facts["dir"] != ("rtl" if lang == "ar" else "ltr"):
            found.append(f"lang/dir {facts['lang']}/{facts['dir']} for a {lang} page")
        if found:
            problems[rel.as_posix()] = found
    cookies = context.cookies()
    context.close()
    assert cookies == []
    return problems


def test_crawl_served(browser: Browser, served_site: str, site_dir: Path) -> None:
    pages = pages_of(site_dir)
    assert len(pages) >= 4 * (len(PAGE_TYPES) - 1)  # every type in every language (404.html once)
    problems = crawl(browser, site_dir, lambda p: served_site + p.relative_to(site_dir).as_posix(),
                     lambda url: url.startswith(served_site) or url.startswith("data:"))
    assert problems == {}, f"{len(problems)} of {len(pages)} pages have problems: " + repr(list(problems.items())[:5])


def test_crawl_offline_copy(browser: Browser, offline_dir: Path) -> None:
    pages = pages_of(offline_dir)
    assert len(pages) >= 4 * (len(PAGE_TYPES) - 1) - 4
    assert (offline_dir / "index.html").is_file()
    problems = crawl(browser, offline_dir, lambda p: p.as_uri(),
                     lambda url: url.startswith(("file:", "data:", "about:", "blob:")))
    assert problems == {}, f"{len(problems)} of {len(pages)} pages have problems: " + repr(list(problems.items())[:5])
