"""Hand-written pages in a real browser: glossary explanations on hover and focus, print."""
from __future__ import annotations

from playwright.sync_api import Browser, expect


def test_glossary_term_explained_on_hover_and_focus(browser: Browser, served_site: str) -> None:
    page = browser.new_page()
    page.goto(served_site + "principles/02-trauma-informed-care/")
    term = page.locator(".md-typeset abbr").first
    expect(term).to_have_attribute("tabindex", "0")
    definition = term.get_attribute("title")
    assert definition and len(definition) > 10
    tooltip = page.locator("#pa-tooltip[role=tooltip]")
    term.hover()
    expect(tooltip).to_be_visible()
    assert tooltip.inner_text() == definition
    page.mouse.move(1, 400)
    expect(tooltip).to_be_hidden()
    term.focus()
    expect(tooltip).to_be_visible()
    assert tooltip.inner_text() == definition


def test_get_help_link_on_every_language_home(browser: Browser, served_site: str) -> None:
    page = browser.new_page()
    for lang in ("", "es/", "fr/", "ar/"):
        page.goto(served_site + lang)
        link = page.locator(".pa-announce a").first
        link.click()
        page.wait_for_url(f"{served_site}{lang}get-help/")
        assert page.locator("a[href^='tel:']").count() >= 1


def test_all_principles_page_prints_cleanly(browser: Browser, served_site: str) -> None:
    page = browser.new_page()
    page.goto(served_site + "principles/all/")
    page.emulate_media(media="print")
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    for n in range(1, 15):
        expect(page.locator(f"#principle-{n}")).to_have_count(1)
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF" and len(pdf) > 20_000
