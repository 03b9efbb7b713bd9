"""The journey of a person who needs help in their country, on a 390 px phone, with JavaScript on
and off, in English and Arabic, on the site and in the offline copy: home -> Get help -> their
country, two taps, and the emergency numbers are there as call links with what the directory
lists; for a country with no entries (Chad), the numbers and an honest "none listed yet"."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from popatlas import emergency, i18n

LANG_PREFIX = {"en": "", "ar": "ar/"}


def _fits(page: Page) -> None:
    """Nothing pushes the page sideways on a phone (with or without JavaScript)."""
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0, page.url


def _journey(page: Page, lang: str) -> None:
    t = i18n.ui(lang)
    taps = 0
    page.locator(".pa-announce a").first.tap()  # "Get help now", first on every page
    taps += 1
    page.wait_for_url(re.compile(r"get-help(/|\.html)$"))
    _fits(page)
    page.get_by_role("link", name=i18n.country_name("KE", lang), exact=True).first.tap()
    taps += 1
    page.wait_for_url(re.compile(r"countries/ke(/|\.html)$"))
    assert taps < 3
    expect(page.locator("h1")).to_have_text(i18n.country_name("KE", lang))
    _fits(page)
    for number in ("999", "112", "114"):
        expect(page.locator(f"a.pa-call[href='tel:{number}']")).to_be_visible()
    expect(page.get_by_role("link", name="HAART", exact=True)).to_be_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('article')).direction") == ("rtl" if lang == "ar" else "ltr")

    page.go_back()
    page.wait_for_url(re.compile(r"get-help(/|\.html)$"))
    page.get_by_role("link", name=i18n.country_name("TD", lang), exact=True).first.tap()
    page.wait_for_url(re.compile(r"countries/td(/|\.html)$"))
    expect(page.locator("h1")).to_have_text(i18n.country_name("TD", lang))
    assert page.locator("a.pa-call").evaluate_all("els => els.map(a => a.getAttribute('href'))") == \
        [f"tel:{n}" for n in emergency.for_region("TD").numbers]
    expect(page.get_by_text(t["country_no_hotline"].format(country=i18n.country_name("TD", lang)))).to_be_visible()
    expect(page.get_by_role("link", name=t["country_tell_us"])).to_have_count(2)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", list(LANG_PREFIX))
def test_from_home_to_the_numbers_of_kenya_and_chad(browser: Browser, served_site: str, lang: str,
                                                    javascript: bool) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  java_script_enabled=javascript)
    page = context.new_page()
    page.goto(served_site + LANG_PREFIX[lang])
    _journey(page, lang)
    context.close()


@pytest.mark.parametrize("lang", list(LANG_PREFIX))
def test_the_same_from_the_offline_copy(browser: Browser, offline_dir: Path, lang: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto((offline_dir / LANG_PREFIX[lang] / "index.html").as_uri())
    _journey(page, lang)
    assert page.url.startswith("file:")
    context.close()


@pytest.mark.parametrize("lang, typed, found", [("en", "KENYA", "KE"), ("ar", "Kenya", "KE"), ("ar", "تشاد", "TD"),
                                                ("en", "cote d'ivoire", "CI")])
def test_typing_a_country_narrows_the_list_and_keeps_nothing(browser: Browser, served_site: str, lang: str,
                                                             typed: str, found: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(served_site + LANG_PREFIX[lang] + "get-help/")
    page.locator(".pa-countries__q").tap()
    page.keyboard.type(typed, delay=30)  # real keys, capitals included: the quick exit must not fire
    shown = page.locator(".pa-countries__groups li:visible a")
    expect(shown).to_have_count(1)
    expect(shown).to_have_text(i18n.country_name(found, lang))
    assert page.url.endswith("get-help/")
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0 and context.cookies() == []
    page.locator(".pa-countries__q").fill("zzzz")
    expect(page.locator(".pa-countries__empty")).to_be_visible()
    page.locator(".pa-countries__q").fill("")
    expect(page.locator(".pa-countries__groups li:visible")).to_have_count(len(emergency.regions()))
    context.close()


def test_without_javascript_there_is_no_box_that_does_nothing(browser: Browser, served_site: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "get-help/")
    expect(page.locator(".pa-countries__q")).to_be_hidden()
    expect(page.locator(".pa-countries__groups li:visible")).to_have_count(len(emergency.regions()))
    context.close()


def _map_journey(page: Page, lang: str) -> None:
    """Get help -> the map -> tap Kenya (a small shape on a phone) -> Kenya's card; then, back on
    the map, the keyboard: Tab reaches a country and Enter opens its card."""
    t = i18n.ui(lang)
    page.get_by_role("link", name=t["map_link"]).tap()
    page.wait_for_url(re.compile(r"countries/(index\.html)?$"))
    _fits(page)
    kenya = page.locator(".pa-map a[href^='ke']")
    expect(kenya.locator("title")).to_have_text(i18n.country_name("KE", lang) + " (1)")
    kenya.locator("path").tap()
    page.wait_for_url(re.compile(r"countries/ke(/|\.html)$"))
    expect(page.locator("a.pa-call[href='tel:999']")).to_be_visible()
    page.go_back()
    page.locator(".pa-map__skip").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert page.evaluate("document.activeElement.closest('.pa-map') !== null"), focused
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"countries/" + re.escape(focused)))
    expect(page.locator("a.pa-call").first).to_be_visible()


@pytest.mark.parametrize("lang", list(LANG_PREFIX))
def test_the_world_map_opens_a_country_by_tap_and_by_keyboard(browser: Browser, served_site: str, offline_dir: Path,
                                                             lang: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    for start in (served_site + LANG_PREFIX[lang] + "get-help/",
                  (offline_dir / LANG_PREFIX[lang] / "get-help.html").as_uri()):
        page.goto(start)
        _map_journey(page, lang)
    assert [u for u in requests if not u.startswith((served_site, "file:"))] == []
    context.close()
