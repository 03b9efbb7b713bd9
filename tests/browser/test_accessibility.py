"""WCAG 2.0 / 2.1 / 2.2 A and AA with axe-core on every page type, in every
language, at 320 px and 1280 px; and the keyboard path every visitor needs."""
from __future__ import annotations

import re
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, Page, expect

LANG_PREFIX = {"en": "", "es": "es/", "fr": "fr/", "ar": "ar/"}
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}
PAGE_TYPES = {
    "home": "",
    "principle": "principles/01-client-centered-practice/",
    "guide": "guides/client-centered-intake/",
    "case-study": "case-studies/no-room-for-bias/",
    "glossary": "glossary/",
    "directory-filtered": "directory/",
    "organization": "directory/organizations/haart/",
    "resource": "directory/resources/iom-caring-for-trafficked-persons/",
    "country": "directory/countries/ke/",
    "world-map": "directory/countries/",
    "safety": "safety/",
    "self-assessment": "self-assessment/",
    "search-open": "principles/",
}
# Checking an answer scrolls the page and the header fades from the site name to the page title;
# axe measures colour as painted, so it waits two frames and then for every finite animation.
RUNNING = """() => Promise.all(document.getAnimations()
  .filter(a => a.effect && a.effect.getTiming().iterations !== Infinity).map(a => a.finished.catch(() => null)))"""
SETTLE = f"""() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))).then({RUNNING})"""
AXE_SOURCE = Path(axe_playwright_python.__file__).with_name("axe.min.js")


def prepare(page: Page, kind: str) -> None:
    """Put the page in the state under test (filters in use, answers given, search open)."""
    if kind == "directory-filtered":
        page.select_option("#pa-f-country", "KE")
        page.fill("#pa-f-text", "a")
        expect(page.locator("#pa-directory")).to_have_attribute("data-filter-ms", re.compile(r"."))
    elif kind == "self-assessment":
        page.check("input[name='p01-a1'][value='no']")
    elif kind == "search-open":
        page.keyboard.press("/")
        page.keyboard.type("survivor")
        page.wait_for_selector(".md-search-result__item")


# Every page type in every language on a phone; on a wide screen in one left-to-right and the
# right-to-left language (the layout is the same in the other two).
@pytest.mark.parametrize("lang, width", [("en", 320), ("es", 320), ("fr", 320), ("ar", 320), ("en", 1280), ("ar", 1280)])
def test_no_wcag_violations(browser: Browser, served_site: str, lang: str, width: int) -> None:
    # bypass_csp lets axe run; the page's own CSP is tested by the crawl. axe-core is given to the
    # context once and is there in every page it opens (sending its half megabyte to each page
    # took longer than the checks on a small page).
    context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True)
    context.add_init_script(path=str(AXE_SOURCE))
    page = context.new_page()
    failures = {}
    for kind, path in PAGE_TYPES.items():
        page.goto(f"{served_site}{LANG_PREFIX[lang]}{path}")
        prepare(page, kind)
        page.evaluate(SETTLE)
        violations = page.evaluate("options => axe.run(document, options).then(r => r.violations)", AXE_OPTIONS)
        if violations:
            failures[kind] = [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if width == 320 and overflow > 1:
            failures.setdefault(kind, []).append(("horizontal-overflow", overflow))
    context.close()
    assert failures == {}


def test_the_checker_sees_a_violation_put_in_a_page(browser: Browser, served_site: str) -> None:
    """The way axe is given to the pages above still finds what it should (no silent pass)."""
    context = browser.new_context(bypass_csp=True)
    context.add_init_script(path=str(AXE_SOURCE))
    page = context.new_page()
    page.goto(f"{served_site}ar/directory/")
    page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', '<img src=\"x.png\"><button></button>')")
    found = {v["id"] for v in page.evaluate("options => axe.run(document, options).then(r => r.violations)", AXE_OPTIONS)}
    assert {"image-alt", "button-name"} <= found, found
    context.close()


@pytest.mark.parametrize("lang", list(LANG_PREFIX))
def test_keyboard_skip_link_quick_exit_then_main_content(browser: Browser, served_site: str, lang: str) -> None:
    page = browser.new_page()
    page.goto(f"{served_site}{LANG_PREFIX[lang]}principles/02-trauma-informed-care/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('pa-skip')")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.hasAttribute('data-pa-exit')")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "pa-main"
    page.keyboard.press("Tab")
    inside = page.evaluate("!!document.activeElement.closest('.md-content')")
    assert inside, "after the skip link, the next stop is in the main content"


COVERED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el.closest('.md-header, .pa-exit, .md-sidebar')) return null;
  // A link that wraps onto two lines: its first line's box, not the box around both lines.
  const box = el.getClientRects()[0] || el.getBoundingClientRect();
  if (box.width === 0 && box.height === 0) return null;
  // Hit-test the focused element's centre: is something else (the sticky header) on top?
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + Math.min(box.height / 2, 8));
  const covered = !hit || !(el === hit || el.contains(hit) || hit.contains(el));
  return covered ? {name: el.tagName + ' ' + (el.textContent || '').trim().slice(0, 30),
                    top: box.top, by: hit ? hit.className : null} : null;
}"""


@pytest.mark.parametrize("path, width", [("principles/02-trauma-informed-care/", 1280), ("ar/directory/", 1280),
                                         ("es/self-assessment/", 1280), ("get-help/", 390), ("ar/get-help/", 390)])
def test_focus_is_never_hidden_behind_the_sticky_header(browser: Browser, served_site: str, path: str, width: int) -> None:
    """... nor, on a phone, behind the quick-exit bar at the bottom."""
    page = browser.new_page(viewport={"width": width, "height": 700})
    page.goto(served_site + path)
    hidden = []
    for _ in range(60):
        page.keyboard.press("Tab")
        state = page.evaluate(COVERED)
        if state:  # closing search fades its overlay out: look again once things come to rest
            page.evaluate(RUNNING)
            state = page.evaluate(COVERED)
        if state:
            hidden.append(state)
    assert hidden == []
