"""The directory filter in a real browser: served, from file://, and without JavaScript."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from popatlas import LANGUAGES, i18n
from popatlas.directory import load_directory

from ..conftest import ROOT

TOTAL = len(load_directory(ROOT / "directory").entries)


def filtered(page: Page) -> None:
    """Wait until the filter has run once (its data has arrived); no string is evaluated, which
    the pages' CSP would refuse."""
    expect(page.locator("#pa-directory")).to_have_attribute("data-filter-ms", re.compile(r"."))


def ready(page: Page) -> None:
    """Focus the text box, as a visitor does, and wait for the filter data that this loads."""
    page.focus("#pa-f-text")
    filtered(page)


def visible_names(page: Page) -> list[str]:
    return page.locator(".pa-results > li:not([hidden]) a[href]").all_inner_texts()


def _exercise(page: Page) -> None:
    expect(page.locator(".pa-filters")).to_be_visible()
    expect(page.locator(".pa-no-js")).to_be_hidden()
    assert len(visible_names(page)) == TOTAL
    expect(page.locator(".pa-card-link")).to_be_hidden()
    ready(page)
    page.select_option("#pa-f-country", "KE")
    assert visible_names(page) == ["HAART"] or all("HAART" in n for n in visible_names(page))
    card = page.locator(".pa-card-link a")  # the filter finds the country's help card too
    expect(card).to_have_text("Emergency numbers and help in Kenya")
    expect(page.locator(".pa-more")).to_be_hidden()  # one result: nothing more to show
    assert card.get_attribute("href") in ("countries/ke/", "countries/ke.html")
    page.select_option("#pa-f-country", "")
    expect(page.locator(".pa-card-link")).to_be_hidden()
    page.select_option("#pa-f-kind", "r")
    page.fill("#pa-f-text", "self care")
    names = visible_names(page)
    assert names and all("elf" in n for n in names), names
    page.fill("#pa-f-text", "zzzz-no-such-entry")
    expect(page.locator(".pa-empty")).to_be_visible()
    page.click(".pa-filters button[type=reset]")
    expect(page.locator('.pa-results > li:not([hidden])')).to_have_count(TOTAL)  # no string eval: the CSP forbids it
    page.select_option("#pa-f-principle", "13")
    assert 0 < len(visible_names(page)) < TOTAL
    page.select_option("#pa-f-principle", "")
    page.select_option("#pa-f-contact", "text")  # only the US hotline takes text messages
    assert visible_names(page) == ["National Human Trafficking Hotline"]
    page.select_option("#pa-f-contact", "")
    page.select_option("#pa-f-trust", "free")  # the two hotlines whose source says they are free
    assert sorted(visible_names(page)) == ["Modern Slavery & Exploitation Helpline", "National Human Trafficking Hotline"]


def test_filter_served(browser: Browser, served_site: str) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(served_site + "directory/")
    _exercise(page)
    assert errors == []


@pytest.mark.parametrize("lang", ["es", "ar"])
def test_filter_other_languages_count_text(browser: Browser, served_site: str, lang: str) -> None:
    page = browser.new_page()
    page.goto(f"{served_site}{lang}/directory/")
    ready(page)
    page.select_option("#pa-f-kind", "o")
    count = page.locator(".pa-count").inner_text()
    assert "{shown}" not in count and any(ch.isdigit() for ch in count)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_result_count_takes_the_cldr_plural_form(browser: Browser, served_site: str, lang: str) -> None:
    """The script picks the form with Intl.PluralRules; it must agree with Babel's on the page."""
    page = browser.new_page()
    page.goto(f"{served_site}{'' if lang == 'en' else lang + '/'}directory/")
    ready(page)
    page.select_option("#pa-f-country", "KE")
    expected = i18n.plural(lang, "results_count", TOTAL, shown=len(visible_names(page)), total=TOTAL)
    assert " ".join(page.locator(".pa-count").inner_text().split()) == " ".join(expected.split())
    # And for each category the language has, the JavaScript chooses what Babel chooses.
    forms = page.locator(".pa-count").get_attribute("data-templates")
    for n in (0, 1, 2, 3, 11, 100, 1000000):
        chosen = page.evaluate("([t, n]) => window.popatlasPlural(t, n)", [forms, n])
        assert chosen == i18n.ui(lang)["results_count"].get(i18n._locale(lang).plural_form(n), i18n.ui(lang)["results_count"]["other"]), (lang, n)
    page.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_language_filter_offers_every_site_language_and_says_what_it_leaves_out(browser: Browser, served_site: str, lang: str) -> None:
    page = browser.new_page()
    page.goto(f"{served_site}{'' if lang == 'en' else lang + '/'}directory/")
    values = page.locator("#pa-f-language option").evaluate_all("os => os.map(o => o.value)")
    assert set(LANGUAGES) <= set(values)
    note = page.locator("#pa-f-language-note")
    expect(note).to_be_visible()
    assert page.locator("#pa-f-language").get_attribute("aria-describedby") == "pa-f-language-note"
    recorded = sum(1 for e in load_directory(ROOT / "directory").entries
                   if e.languages or any(p.languages for p in e.phones))
    assert str(recorded) in note.inner_text() and str(TOTAL) in note.inner_text()
    ready(page)
    page.select_option("#pa-f-language", "es")
    spanish = [e for e in load_directory(ROOT / "directory").entries
               if "es" in e.languages or any("es" in p.languages for p in e.phones)]
    assert len(visible_names(page)) == len(spanish) > 0
    page.close()


def test_filter_from_file_url(browser: Browser, site_dir: Path) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site_dir / "directory" / "index.html").as_uri())
    _exercise(page)
    # Material's search cannot load its index from file:// in the served build; the
    # offline build embeds it. Here only the directory filter is under test.
    assert [e for e in errors if "search_index" not in e] == []


def test_full_list_without_javascript(browser: Browser, served_site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "directory/")
    assert page.locator(".pa-results > li").count() == TOTAL
    expect(page.locator(".pa-filters")).to_be_hidden()
    expect(page.locator(".pa-no-js")).to_be_visible()
    context.close()


@pytest.mark.parametrize("prefix", ["", "ar/"])
def test_typing_then_tapping_a_result_opens_it(browser: Browser, offline_dir: Path, prefix: str) -> None:
    # Leaving the text box fires "change": the list must not be rebuilt under the finger.
    page = browser.new_page(viewport={"width": 390, "height": 844}, has_touch=True)
    page.goto((offline_dir / prefix / "directory" / "index.html").as_uri())
    page.locator("#pa-f-text").click()
    for key in ("Shift+H", "Shift+A", "Shift+A", "Shift+R", "Shift+T"):
        page.keyboard.press(key)
    result = page.locator(".pa-results > li a:first-of-type", has_text="HAART").first
    with page.expect_navigation():
        result.click()
    assert page.url.endswith("/directory/organizations/haart.html")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_results_do_not_move_when_the_scripts_arrive(browser: Browser, served_site: str, lang: str) -> None:
    """On a slow phone the scripts run seconds after the first paint; the filter must already have
    its place then, or the list jumps under a finger about to tap (a layout shift of 0.47 before)."""
    tops = []
    for block_scripts in (True, False):
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        page = context.new_page()
        if block_scripts:  # the page as first drawn: only the inline scripts in <head> have run
            page.route("**/*.js", lambda route: route.abort())
        page.goto(f"{served_site}{'' if lang == 'en' else lang + '/'}directory/")
        page.wait_for_load_state("load")
        expect(page.locator(".pa-filters")).to_be_visible()
        tops.append(page.locator(".pa-results > li").first.bounding_box()["y"])
        context.close()
    assert abs(tops[0] - tops[1]) <= 1, tops


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_filter_data_comes_only_when_the_form_is_used_and_what_was_typed_meanwhile_counts(
        browser: Browser, served_site: str, lang: str) -> None:
    """Most visitors never filter: the page does not ask for the filter data until the form is
    touched. On a slow line the data arrives after the visitor has typed; the list then shows
    what they typed, and says it is loading in between."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    held: list = []
    page.route("**/filter-data.js", lambda route: held.append(route))  # answered below, once typed
    page.goto(f"{served_site}{'' if lang == 'en' else lang + '/'}directory/")
    page.wait_for_timeout(500)
    assert not [u for u in asked if "filter-data" in u], "the filter data was requested before the form was used"
    page.locator("#pa-f-text").tap()
    page.keyboard.type("HAART")
    expect(page.locator(".pa-count")).to_have_text(i18n.ui(lang)["filter_loading"])
    assert len(visible_names(page)) == TOTAL  # nothing hidden while it loads
    assert len(held) == 1, asked
    held[0].continue_()
    filtered(page)
    names = visible_names(page)
    assert names and all("HAART" in n for n in names), names
    expected = i18n.plural(lang, "results_count", TOTAL, shown=len(names), total=TOTAL)
    assert " ".join(page.locator(".pa-count").inner_text().split()) == " ".join(expected.split())
    context.close()


def test_a_filter_that_cannot_load_says_so_and_keeps_the_list(browser: Browser, served_site: str) -> None:
    page = browser.new_page()
    page.route("**/filter-data.js", lambda route: route.abort())
    page.goto(served_site + "directory/")
    page.fill("#pa-f-text", "HAART")
    expect(page.locator(".pa-count")).to_have_text(i18n.ui("en")["filter_load_failed"])
    assert len(visible_names(page)) == TOTAL
    page.close()


def test_data_from_another_build_is_refused(browser: Browser, served_site: str, site_dir: Path) -> None:
    """A page open for days and data fetched today (or the other way round) must not filter the
    wrong items: the script checks the data's key against the page's."""
    real = (site_dir / "directory" / "filter-data.js").read_text(encoding="utf-8")
    key = re.search(r'"key":"([0-9a-f]+)"', real)
    assert key, "the filter data carries no key"
    stale = real.replace(key.group(0), '"key":"0000000000000000"')
    page = browser.new_page()
    page.route("**/filter-data.js", lambda route: route.fulfill(body=stale, content_type="text/javascript"))
    page.goto(served_site + "directory/")
    page.fill("#pa-f-text", "HAART")
    expect(page.locator(".pa-count")).to_have_text(i18n.ui("en")["filter_load_failed"])
    assert len(visible_names(page)) == TOTAL
    page.close()


def test_choices_the_browser_puts_back_are_applied(browser: Browser, served_site: str) -> None:
    """Choose Kenya, open HAART, come back: the page is loaded again (Playwright's Chromium keeps
    no back/forward cache) and the browser puts Kenya back in the form; the list must agree."""
    page = browser.new_page()
    page.goto(served_site + "directory/")
    ready(page)
    page.select_option("#pa-f-country", "KE")
    with page.expect_navigation():
        page.locator(".pa-results a", has_text="HAART").first.click()
    page.go_back()
    assert page.locator("#pa-f-country").input_value() == "KE", "Chromium no longer restores the form"
    filtered(page)
    names = visible_names(page)
    assert names and all("HAART" in n for n in names), names
    page.close()


def test_the_benchmark_times_keystrokes_on_the_real_page(browser: Browser, site_dir: Path) -> None:
    """`make bench` drives this page the same way; it must still get past the lazy data."""
    from popatlas.bench import filter_timing
    timing = filter_timing(site_dir, browser)
    assert timing is not None and 0 < timing["median"] <= timing["max"]
