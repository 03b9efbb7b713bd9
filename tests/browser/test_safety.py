"""Quick exit, per-language search, hostile contributed content and the
external-asset audit, proven in a real browser or a real build."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .conftest import NEUTRAL_SITE

LANG_PREFIX = {"en": "", "es": "es/", "fr": "fr/", "ar": "ar/"}
NEUTRAL_PAGE = "<!doctype html><title>Weather</title><p>Weather forecast</p>"


def stub_neutral_site(page: Page) -> None:
    # The neutral site is replaced by a local page: tests never reach another host.
    page.route(NEUTRAL_SITE + "**", lambda route: route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE))


@pytest.mark.parametrize("lang", list(LANG_PREFIX))
def test_quick_exit_click_replaces_the_page_in_history(browser: Browser, served_site: str, lang: str) -> None:
    page = browser.new_page()
    stub_neutral_site(page)
    first = f"{served_site}{LANG_PREFIX[lang]}"
    second = f"{served_site}{LANG_PREFIX[lang]}principles/"
    page.goto(first)
    page.goto(second)
    page.click("a[data-pa-exit]")
    page.wait_for_url(NEUTRAL_SITE)
    assert "Weather forecast" in page.content()
    page.go_back()
    assert page.url.rstrip("/") != second.rstrip("/"), "Back returned to the page that was exited"


def test_quick_exit_shift_three_times_with_progress_for_screen_readers(browser: Browser, served_site: str) -> None:
    page = browser.new_page()
    stub_neutral_site(page)
    page.goto(served_site + "es/directory/")
    status = page.locator("[data-pa-exit-status]")
    expect(status).to_have_attribute("aria-live", "polite")
    page.keyboard.press("Shift")
    expect(status).to_have_text("Mayúsculas pulsada 1 de 3 veces")
    page.keyboard.press("Shift")
    expect(status).to_have_text("Mayúsculas pulsada 2 de 3 veces")
    page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL_SITE)


def test_shift_presses_further_apart_than_five_seconds_do_not_exit(browser: Browser, served_site: str) -> None:
    page = browser.new_page()
    page.clock.install()
    page.goto(served_site)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.clock.run_for(5100)
    page.keyboard.press("Shift")
    assert page.url == served_site
    expect(page.locator("[data-pa-exit-status]")).to_have_text("Shift pressed 1 of 3 times")


def test_quick_exit_is_the_second_tab_stop_after_the_skip_link(browser: Browser, served_site: str) -> None:
    page = browser.new_page()
    for path in ("", "ar/directory/organizations/haart/", "fr/principles/02-trauma-informed-care/"):
        page.goto(served_site + path)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.classList.contains('pa-skip')")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.hasAttribute('data-pa-exit')")
        label = page.evaluate("document.activeElement.textContent")
        assert " 3 " in label  # the shortcut (press Shift 3 times) is announced with the link


def test_quick_exit_without_javascript_is_a_plain_link(browser: Browser, served_site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    stub_neutral_site(page)
    page.goto(served_site + "fr/")
    link = page.locator("a[data-pa-exit]")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    expect(link).to_contain_text("Quitter cette page")
    link.click()
    page.wait_for_url(NEUTRAL_SITE)
    context.close()


def test_quick_exit_from_the_offline_copy(browser: Browser, offline_dir: Path) -> None:
    page = browser.new_page()
    stub_neutral_site(page)
    page.goto((offline_dir / "ar" / "safety.html").as_uri())
    page.click("a[data-pa-exit]")
    page.wait_for_url(NEUTRAL_SITE)


SEARCHES = {  # query typed on that language's home page -> a page the results must include
    "en": ("browse safely", "safety"),
    "es": ("navegar", "safety"),
    "fr": ("hors ligne", "offline"),
    "ar": ("الخروج", "safety"),
}


def search(page: Page, query: str, expected: str = "") -> list[str]:
    said: list[str] = []
    page.on("console", lambda m: said.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: said.append(f"error: {e}"))
    # "/" opens search once the theme's script is listening; on a busy machine that can be a
    # moment after the load event, and letters typed before would go nowhere.
    for _ in range(20):
        page.keyboard.press("/")
        if page.evaluate("document.activeElement && document.activeElement.matches('input.md-search__input')"):
            break
        page.wait_for_timeout(250)
    page.keyboard.type(query)
    assert page.input_value("input.md-search__input") == query
    # The index is built in a worker after the page loads: on a loaded machine that takes a while.
    try:
        page.wait_for_selector(".md-search-result__item", timeout=30000)
    except PlaywrightTimeoutError:
        pytest.fail(f"no search results for {query!r} on {page.url}; the search box says "
                    f"{page.locator('.md-search-result__meta').inner_text()!r}; the console: {said}")
    if expected:
        # Results come letter by letter: those for the first letters can show before the whole
        # query's replace them. Wait (a while) for the page the whole query should find.
        try:
            page.wait_for_function("(want) => [...document.querySelectorAll('.md-search-result__item > a')]"
                                   ".some(a => a.href.includes(want))", arg=expected, timeout=15000)
        except PlaywrightTimeoutError:
            pass  # the assertion below shows what was found instead
    return page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")


@pytest.mark.parametrize("lang", list(SEARCHES))
def test_search_in_each_language_served(browser: Browser, served_site: str, lang: str) -> None:
    page = browser.new_page()
    page.goto(served_site + LANG_PREFIX[lang])
    query, expected = SEARCHES[lang]
    hits = search(page, query, expected)
    assert any(expected in h for h in hits), hits
    others = [p for l, p in LANG_PREFIX.items() if p and l != lang]
    assert not [h for h in hits if any(f"/{o}" in h.removeprefix(served_site)[:3] or h.removeprefix(served_site).startswith(o) for o in others)], hits
    if lang != "en":
        assert all(h.removeprefix(served_site).startswith(LANG_PREFIX[lang]) for h in hits), hits


@pytest.mark.parametrize("lang", list(SEARCHES))
def test_search_in_each_language_offline(browser: Browser, offline_dir: Path, lang: str) -> None:
    page = browser.new_page()
    page.goto((offline_dir / LANG_PREFIX[lang] / "index.html").as_uri())
    query, expected = SEARCHES[lang]
    hits = search(page, query, expected)
    assert any(expected in h for h in hits), hits


@pytest.mark.parametrize("where", ["served", "offline"])
def test_text_that_arrives_without_a_key_is_searched(browser: Browser, served_site: str, offline_dir: Path,
                                                     where: str) -> None:
    """Pasted, dictated or suggested text (no key-up): the theme alone would not search it."""
    page = browser.new_page()
    page.goto(served_site + "ar/" if where == "served" else (offline_dir / "ar" / "index.html").as_uri())
    page.keyboard.press("/")
    expect(page.locator("input.md-search__input")).to_be_focused()
    # Wait until the index is ready (the box invites typing), then put the text in as a paste does.
    # The theme's Arabic "Type to start searching": shown once the index is ready.
    expect(page.locator(".md-search-result__meta")).to_have_text("اكتب لبدء البحث", timeout=30000)
    page.keyboard.insert_text("الخروج")
    page.wait_for_function("() => [...document.querySelectorAll('.md-search-result__item > a')]"
                           ".some(a => a.href.includes('safety'))", timeout=15000)


@pytest.mark.parametrize("lang", list(LANG_PREFIX))
def test_safety_and_offline_pages_in_every_language(site_dir: Path, lang: str) -> None:
    for page in ("safety", "offline"):
        html = (site_dir / LANG_PREFIX[lang] / page / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html and 'id="what-it' in html
    home = (site_dir / LANG_PREFIX[lang] / "index.html").read_text(encoding="utf-8")
    assert 'class="pa-announce"' in home and "safety/" in home.split('class="pa-announce"', 1)[1][:600]
