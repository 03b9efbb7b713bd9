"""The language switcher keeps the reader on the same page, served and offline;
Arabic reads right to left."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page


def switch(page: Page, lang: str) -> None:
    page.hover(".md-header__option .md-select")
    page.click(f".md-select__link[hreflang='{lang}']")
    page.wait_for_load_state("load")


@pytest.mark.parametrize("path, expected", [
    ("directory/organizations/chab-dai/", "{}directory/organizations/chab-dai/"),
    ("principles/05-shared-goals-and-roles/", "{}principles/05-shared-goals-and-roles/"),
    ("self-assessment/", "{}self-assessment/"),
])
def test_switcher_served(browser: Browser, served_site: str, path: str, expected: str) -> None:
    page = browser.new_page()
    page.goto(served_site + path)
    for lang in ("es", "ar", "fr", "en"):
        switch(page, lang)
        prefix = "" if lang == "en" else f"{lang}/"
        assert page.url == served_site + expected.format(prefix)
        assert page.evaluate("document.documentElement.lang") == lang


def test_switcher_offline(browser: Browser, offline_dir: Path) -> None:
    page = browser.new_page()
    page.goto((offline_dir / "directory" / "resources" / "chab-dai-charter.html").as_uri())
    for lang in ("fr", "ar", "es", "en"):
        switch(page, lang)
        prefix = "" if lang == "en" else f"{lang}/"
        assert page.url == (offline_dir / f"{prefix}directory/resources/chab-dai-charter.html").as_uri()


def test_arabic_layout_mirrors(browser: Browser, served_site: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served_site + "ar/directory/organizations/haart/")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir || document.body.dir]") == ["ar", "rtl"]
    content = page.locator(".md-content").bounding_box()
    sidebar = page.locator(".md-sidebar--primary").bounding_box()
    assert content and sidebar and sidebar["x"] > content["x"], "the navigation sits on the right in Arabic"
    exit_box = page.locator("a[data-pa-exit]").bounding_box()
    assert exit_box and exit_box["x"] < 200, "quick exit moves to the left corner (inline end) in Arabic"
    page.set_viewport_size({"width": 320, "height": 700})
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
