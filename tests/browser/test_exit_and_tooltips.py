"""The quick exit's Shift shortcut while people type, glossary tooltips built as text,
search without the search terms in the address, and pages that keep working when the
browser refuses storage. All in a real browser against the real built site."""
from __future__ import annotations

import shutil
from typing import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import CHROMIUM_ARGS, NEUTRAL_SITE

LANG_PREFIX = {"en": "", "ar": "ar/"}
PROGRESS = {"en": "Shift pressed {n} of 3 times", "ar": "ضُغط مفتاح Shift {n} من 3 مرات"}
TEXT = "Kenya Nairobi Uganda NGO"
NEUTRAL_PAGE = "<!doctype html><title>Weather</title><p>Weather forecast</p>"
HOSTILE = "<img src=x onerror=alert(1)><style>.pa-exit{display:none}</style>"
PRINCIPLE = "principles/02-trauma-informed-care/"


def open_page(browser: Browser, url: str, **context_options: object) -> tuple[Page, list[str]]:
    """A page whose quick exit lands on a local stub; the list records every exit."""
    page = browser.new_page(**context_options)
    exits: list[str] = []

    def neutral(route):  # tests never reach another host
        exits.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE)

    page.route(NEUTRAL_SITE + "**", neutral)
    page.goto(url)
    return page, exits


def type_like_a_person(page: Page, text: str) -> None:
    """Capitals are typed with Shift held, as on a real keyboard (keyboard.type sends no Shift)."""
    for ch in text:
        if ch.isupper():
            page.keyboard.press(f"Shift+{ch}")
        else:
            page.keyboard.type(ch)


def assert_still_here(page: Page, url: str, exits: list[str]) -> None:
    page.wait_for_timeout(300)  # an exit would have started by now
    assert exits == [], "the quick exit fired"
    assert page.url == url
    assert page.locator(".pa-exit-cover").count() == 0


def status(page: Page):
    return page.locator("[data-pa-exit-status]")


# --- quick exit: typing never exits ---------------------------------------------------------

@pytest.mark.parametrize("lang", list(LANG_PREFIX))
def test_typing_capitals_in_the_directory_filter_does_not_exit(browser: Browser, served_site: str, lang: str) -> None:
    url = f"{served_site}{LANG_PREFIX[lang]}directory/"
    page, exits = open_page(browser, url)
    field = page.locator("input[name=q]")
    field.click()
    type_like_a_person(page, TEXT)
    expect(field).to_have_value(TEXT)
    field.fill("")
    page.keyboard.type(TEXT)
    page.keyboard.press("Shift+A")
    page.keyboard.press("Shift+Home")  # select what was typed
    page.keyboard.press("Shift+ArrowRight")
    expect(field).to_have_value(TEXT + "A")
    assert_still_here(page, url, exits)
    expect(status(page)).to_have_text("")
    page.close()


@pytest.mark.parametrize("lang", list(LANG_PREFIX))
def test_typing_a_self_assessment_note_does_not_exit(browser: Browser, served_site: str, lang: str) -> None:
    url = f"{served_site}{LANG_PREFIX[lang]}self-assessment/"
    page, exits = open_page(browser, url)
    note = page.locator("#sa-note-1")
    note.click()
    type_like_a_person(page, "Ask The NGO In Kampala, Uganda. OK")
    page.keyboard.press("Shift+Enter")
    type_like_a_person(page, "IOM")
    expect(note).to_have_value("Ask The NGO In Kampala, Uganda. OK\nIOM")
    assert_still_here(page, url, exits)
    page.close()


def test_a_key_between_shift_presses_starts_the_count_again(browser: Browser, served_site: str) -> None:
    url = served_site + "directory/"
    page, exits = open_page(browser, url)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    expect(status(page)).to_have_text(PROGRESS["en"].format(n=2))
    page.keyboard.press("a")
    assert status(page).text_content() == ""  # at once: not when the 5 s window ends
    page.keyboard.press("Shift")
    expect(status(page)).to_have_text(PROGRESS["en"].format(n=1))
    assert_still_here(page, url, exits)
    # Shift used as a modifier (a capital, a selection) never counts and also starts again.
    page.keyboard.press("Shift")
    page.keyboard.press("Shift+A")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift+ArrowDown")
    page.keyboard.press("Shift")
    expect(status(page)).to_have_text(PROGRESS["en"].format(n=1))
    assert_still_here(page, url, exits)
    # The count continues from 1: two more presses exit.
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL_SITE)
    assert exits


def test_held_shift_and_keyboard_layout_switches_do_not_count(browser: Browser, served_site: str) -> None:
    url = served_site + "ar/directory/"
    page, exits = open_page(browser, url)
    page.locator("input[name=q]").click()
    for _ in range(3):  # Alt+Shift and Ctrl+Shift switch the keyboard language on Windows
        page.keyboard.press("Alt+Shift")
        page.keyboard.press("Control+Shift")
    assert_still_here(page, url, exits)
    expect(status(page)).to_have_text("")
    # Held down, Shift repeats: still one press, not three.
    page.keyboard.down("Shift")
    for _ in range(5):
        page.keyboard.down("Shift")  # auto-repeat: event.repeat is true
    page.keyboard.up("Shift")
    assert_still_here(page, url, exits)
    expect(status(page)).not_to_have_text("")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL_SITE)


@pytest.mark.parametrize("lang", list(LANG_PREFIX))
def test_shift_three_times_still_exits_from_a_text_field(browser: Browser, served_site: str, lang: str) -> None:
    page, exits = open_page(browser, f"{served_site}{LANG_PREFIX[lang]}directory/")
    page.locator("input[name=q]").click()
    type_like_a_person(page, "NGO ")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    expect(status(page)).to_have_text(PROGRESS[lang].format(n=2))
    page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL_SITE)
    assert "Weather forecast" in page.content()
    assert exits == [NEUTRAL_SITE]


def test_the_count_and_its_message_end_with_the_five_second_window(browser: Browser, served_site: str) -> None:
    page = browser.new_page()
    page.clock.install()
    page.goto(served_site)
    page.keyboard.press("Shift")
    page.clock.run_for(3000)
    page.keyboard.press("Shift")  # the window is measured from the first press
    expect(status(page)).to_have_text(PROGRESS["en"].format(n=2))
    page.clock.run_for(2100)
    expect(status(page)).to_have_text("")
    page.keyboard.press("Shift")
    expect(status(page)).to_have_text(PROGRESS["en"].format(n=1))
    assert page.url == served_site
    page.close()


@pytest.fixture(scope="module")
def bfcache_browser(browser: Browser) -> Iterator[Browser]:
    """Chromium as visitors have it: with the back/forward cache (Playwright turns it off)."""
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    b = browser.browser_type.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True,
                                    ignore_default_args=["--disable-back-forward-cache"])
    yield b
    b.close()


def test_the_count_starts_again_on_a_page_restored_by_back(bfcache_browser: Browser, served_site: str) -> None:
    url = served_site + "directory/"
    page, exits = open_page(bfcache_browser, url)
    page.evaluate("addEventListener('pageshow', e => { window.paRestored = e.persisted; })")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    expect(status(page)).to_have_text(PROGRESS["en"].format(n=2))
    page.goto(served_site + "principles/")
    page.go_back(wait_until="commit")  # a restored page fires no load event
    page.wait_for_function("window.paRestored === true")  # really from the cache, not reloaded
    # Read at once, well inside the 5 s window (a retrying expect would wait for the window to end).
    assert status(page).text_content() == ""
    page.keyboard.press("Shift")
    assert_still_here(page, url, exits)
    expect(status(page)).to_have_text(PROGRESS["en"].format(n=1))
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL_SITE)


# --- glossary tooltips -------------------------------------------------------------------------

TIP = "#pa-tooltip"


def luminance(rgb: str) -> float:
    parts = [float(v) / 255 for v in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in parts]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("lang", list(LANG_PREFIX))
def test_glossary_tooltip_on_hover_focus_and_escape(browser: Browser, served_site: str, lang: str) -> None:
    page = browser.new_page()
    page.goto(f"{served_site}{LANG_PREFIX[lang]}{PRINCIPLE}")
    term = page.locator(".md-typeset abbr").first
    definition = term.get_attribute("title")
    assert definition and len(definition) > 20
    tip = page.locator(TIP)
    term.hover()
    expect(tip).to_be_visible()
    expect(tip).to_have_attribute("role", "tooltip")
    assert tip.inner_text() == definition
    expect(term).to_have_attribute("aria-describedby", "pa-tooltip")
    assert term.get_attribute("title") is None  # no second, native tooltip over ours
    page.mouse.move(1, 400)
    expect(tip).to_be_hidden()
    expect(term).to_have_attribute("title", definition)  # given back for the next time
    term.focus()
    expect(tip).to_be_visible()
    assert tip.inner_text() == definition
    assert page.evaluate("getComputedStyle(document.querySelector('#pa-tooltip')).direction") == (
        "rtl" if lang == "ar" else "ltr")
    colours = page.evaluate("(s => [s.color, s.backgroundColor])(getComputedStyle(document.querySelector('#pa-tooltip')))")
    assert contrast(*colours) >= 4.5, colours
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    assert page.evaluate("document.activeElement.tagName") == "ABBR"  # dismissed, focus stays
    page.evaluate("(a => { a.blur(); a.focus(); })(document.activeElement)")  # left and back at once
    expect(tip).to_be_visible()  # dismissed only until the term is left
    page.keyboard.press("Escape")
    page.evaluate("document.activeElement.blur()")
    expect(tip).to_be_hidden()
    term.focus()
    expect(tip).to_be_visible()
    page.keyboard.press("Tab")  # the next stop: the next term has its own explanation, or none shows
    next_title = page.evaluate("document.activeElement.tagName === 'ABBR' && document.activeElement.getAttribute('data-pa-title')")
    if next_title:
        expect(tip).to_have_text(next_title)
    else:
        expect(tip).to_be_hidden()
    page.close()


def test_glossary_tooltip_on_tap(browser: Browser, served_site: str) -> None:
    context = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(served_site + "ar/" + PRINCIPLE)
    term = page.locator(".md-typeset abbr").nth(2)
    definition = term.get_attribute("title")
    term.scroll_into_view_if_needed()
    term.tap()
    tip = page.locator(TIP)
    expect(tip).to_be_visible()
    assert tip.inner_text() == definition
    page.locator(".md-typeset h1").tap()
    expect(tip).to_be_hidden()
    context.close()


BOXES = """() => {
  const r = e => { const b = e.getBoundingClientRect(); return {left: b.left, right: b.right, top: b.top, bottom: b.bottom}; };
  const term = document.activeElement;
  const first = term.getClientRects()[0] || term.getBoundingClientRect();
  const tip = document.querySelector('#pa-tooltip');
  const exit = document.querySelector('a[data-pa-exit]');
  const e = exit.getBoundingClientRect();
  const hit = document.elementFromPoint(e.left + e.width / 2, e.top + e.height / 2);
  return {term: {left: first.left, right: first.right, top: first.top, bottom: first.bottom},
          tip: r(tip), exit: r(exit), exitOnTop: exit.contains(hit), header: r(document.querySelector('.md-header')),
          width: document.documentElement.clientWidth, height: innerHeight};
}"""


@pytest.mark.parametrize("lang", list(LANG_PREFIX))
@pytest.mark.parametrize("width", [320, 390])
def test_glossary_tooltip_stays_in_view_and_below_the_quick_exit(browser: Browser, served_site: str, lang: str,
                                                                  width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 700})
    page.goto(f"{served_site}{LANG_PREFIX[lang]}{PRINCIPLE}")
    terms = page.locator(".md-typeset abbr")
    checked = 0
    for i in range(0, min(terms.count(), 30), 3):
        terms.nth(i).focus()
        expect(page.locator(TIP)).to_be_visible()
        b = page.evaluate(BOXES)
        tip, term, exit_ = b["tip"], b["term"], b["exit"]
        where = (i, b)
        assert 0 <= tip["left"] and tip["right"] <= b["width"], where
        assert b["header"]["bottom"] <= tip["top"] and tip["bottom"] <= b["height"], where
        assert tip["right"] - tip["left"] <= b["width"] - 16, where
        assert b["exitOnTop"], where
        assert (tip["right"] <= exit_["left"] or exit_["right"] <= tip["left"]
                or tip["bottom"] <= exit_["top"] or exit_["bottom"] <= tip["top"]), where
        # The tooltip starts at the term's start edge (the right one in Arabic), unless the viewport is too narrow.
        if lang == "ar":
            expected = min(term["right"], b["width"] - 8)
            assert abs(tip["right"] - expected) < 2 or tip["left"] <= 8.5, where
        else:
            expected = max(term["left"], 8)
            assert abs(tip["left"] - expected) < 2 or tip["right"] >= b["width"] - 8.5, where
        checked += 1
    assert checked >= 5
    page.close()


HOSTILE_INIT = """
document.addEventListener('DOMContentLoaded', () => {
  const p = document.createElement('p');
  p.id = 'pa-hostile';
  for (const tag of ['abbr', 'a', 'span']) {
    const el = document.createElement(tag);
    el.className = 'pa-hostile-' + tag;
    el.textContent = 'hostile ' + tag + ' ';
    el.setAttribute('title', %r);
    if (tag === 'a') el.setAttribute('href', '#nowhere');
    p.appendChild(el);
  }
  document.querySelector('.md-content article').prepend(p);
});
""" % HOSTILE


def test_a_title_with_markup_is_shown_as_text(browser: Browser, served_site: str) -> None:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.add_init_script(HOSTILE_INIT)  # in the page before any script of the site runs
    page.goto(served_site + PRINCIPLE)
    count = "document.querySelectorAll('img, style').length"
    before = page.evaluate(count)
    for tag in ("abbr", "a", "span"):
        page.hover(f".pa-hostile-{tag}")
        page.wait_for_timeout(400)  # longer than any tooltip delay
        assert page.evaluate(count) == before, f"the title of a {tag} became HTML"
        expect(page.locator("a[data-pa-exit]")).to_be_visible()
    page.hover(".pa-hostile-abbr")
    tip = page.locator(TIP)
    expect(tip).to_be_visible()
    assert tip.inner_text() == HOSTILE
    assert tip.evaluate("e => e.children.length") == 0
    on_top = page.evaluate("""() => { const e = document.querySelector('a[data-pa-exit]').getBoundingClientRect();
      return document.querySelector('a[data-pa-exit]').contains(document.elementFromPoint(e.x + e.width / 2, e.y + e.height / 2)); }""")
    assert on_top
    assert dialogs == []
    page.close()


# --- search keeps the search terms out of the address ------------------------------------------

def test_search_results_do_not_put_the_query_in_the_address(browser: Browser, served_site: str) -> None:
    page, exits = open_page(browser, served_site)
    page.keyboard.press("/")
    type_like_a_person(page, "Trauma")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs
    for href in hrefs:
        assert "?h=" not in href and "Trauma" not in href and urlsplit(href).query == "", href
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith(served_site) and page.url != served_site
    assert page.evaluate("location.search") == ""
    assert "Trauma" not in page.url and "trauma" not in urlsplit(page.url).query
    assert exits == []
    page.close()


# --- storage refused by the browser ------------------------------------------------------------

BLOCK_STORAGE = """
for (const name of ['localStorage', 'sessionStorage']) {
  Object.defineProperty(window, name, {configurable: true, get() {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  }});
}
"""


def test_pages_work_when_the_browser_refuses_storage(browser: Browser, served_site: str) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.add_init_script(BLOCK_STORAGE)
    for path in ("", "directory/", PRINCIPLE, "ar/self-assessment/"):
        page.goto(served_site + path)
        assert page.evaluate("(() => { try { localStorage; return 'open'; } catch (e) { return e.name; } })()") == "SecurityError"
    page.wait_for_load_state("networkidle")
    expect(page.locator(".pa-sa-results")).to_be_visible()
    page.check("input[name='p01-a1'][value='yes']")
    page.check("input[name='p01-a2'][value='no']")
    assert page.get_attribute("[data-bar-principle='1']", "data-score") == "0.5"
    page.click("[data-sa=save]")  # nothing can be saved: the page says nothing and carries on
    page.click("[data-sa=erase]")
    expect(page.locator("input[name='p01-a1'][value='yes']")).not_to_be_checked()
    page.check("input[name='p02-a1'][value='yes']")
    assert page.get_attribute("[data-bar-principle='2']", "data-score") == "1"
    assert errors == []
    page.close()
