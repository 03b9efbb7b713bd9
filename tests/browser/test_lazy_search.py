"""The search index is downloaded only when a visitor opens the search: a reader who never
searches never pays for it (half a megabyte per language here, megabytes with a big directory).
Served and from the offline copy, in every language, by tap and by keyboard."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

QUERIES = {"en": ("", "Survivor"), "es": ("es/", "Trata"), "fr": ("fr/", "Traite"), "ar": ("ar/", "الاتجار")}


def _watch(page: Page) -> list[str]:
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "search_index" in r.url else None)
    return asked


def _results(page: Page) -> int:
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    return page.locator(".md-search-result__item").count()


@pytest.mark.parametrize("lang", list(QUERIES))
def test_served_pages_ask_for_the_index_only_when_search_opens(browser: Browser, served_site: str, lang: str) -> None:
    prefix, query = QUERIES[lang]
    context = browser.new_context(viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True)
    page = context.new_page()
    asked = _watch(page)
    for path in ("", "principles/01-client-centered-practice/", "directory/", "directory/countries/ke/"):
        page.goto(f"{served_site}{prefix}{path}")
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        assert asked == [], f"{prefix}{path} asked for the search index before anyone searched"
    page.locator("label[for='__search']").first.tap()
    page.keyboard.type(query)
    assert _results(page) > 0
    assert asked == [f"{served_site}{prefix}search/search_index.json"], asked  # once, in the page's language
    context.close()


def test_the_keyboard_shortcut_loads_the_index_too(browser: Browser, served_site: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    asked = _watch(page)
    page.goto(f"{served_site}fr/guides/")
    page.wait_for_timeout(300)
    assert asked == []
    page.keyboard.press("/")
    page.keyboard.type("Traite")
    assert _results(page) > 0 and len(asked) == 1
    page.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_offline_copy_loads_the_index_only_when_search_opens(browser: Browser, offline_dir: Path, lang: str) -> None:
    prefix, query = QUERIES[lang]
    page = browser.new_page(viewport={"width": 390, "height": 800})
    asked = _watch(page)
    page.goto((offline_dir / prefix / "principles" / "index.html").as_uri())
    page.wait_for_timeout(500)
    assert asked == [] and page.evaluate("typeof __index") == "undefined"
    page.locator("label[for='__search']").first.click()
    page.keyboard.type(query)
    assert _results(page) > 0
    assert asked == [f"{offline_dir.as_uri()}/{prefix}search/search_index.js"], asked
    page.close()
