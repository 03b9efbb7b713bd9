"""The JavaScript fold in the built site against the Python fold, on the shared cases, and the
Arabic journey the rule exists for: a query typed with or without hamza finds the same entry.

The cases are tests/fixtures/fold_cases.yml (also run by tests/unit/test_textfold.py). The page's
fold is window.popatlasFold(text, table), with the table the build wrote into directory/filter-data.js
(window.POPATLAS_DIRECTORY.fold), so this checks the rule as a reader's browser runs it.
"""
from __future__ import annotations

import re

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from popatlas.textfold import FOLD_TABLE, fold

from ..conftest import ROOT

CASES: list[dict[str, str]] = yaml.safe_load(
    (ROOT / "tests" / "fixtures" / "fold_cases.yml").read_text(encoding="utf-8"))["cases"]

# Every input through the page's own fold and table, in one call: the folded strings, in order.
RUN_PAGE_FOLD = """cases => cases.map(text => window.popatlasFold(text, window.POPATLAS_DIRECTORY.fold))"""

# The mistake the cases must catch: a fold that drops only the Latin combining accents
# (U+0300-U+036F) instead of every combining mark. Defined here, not in the site.
RUN_LATIN_ONLY_FOLD = """cases => {
  const table = window.POPATLAS_DIRECTORY.fold;
  const latinOnly = text => Array.from(text.toLowerCase().normalize("NFKD").replace(/[\\u0300-\\u036f]/g, ""))
    .map(c => Object.prototype.hasOwnProperty.call(table, c) ? table[c] : c).join("");
  return cases.map(latinOnly);
}"""

AUSTRALIAN_ENTRY = "Project Respect"


def directory_home(browser: Browser, url: str, **kwargs: object) -> Page:
    page = browser.new_page(**kwargs)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.focus("#pa-f-text")  # the filter data is loaded once the form is first used
    expect(page.locator("#pa-directory")).to_have_attribute("data-filter-ms", re.compile(r"."))
    assert page.evaluate("() => typeof window.popatlasFold === 'function' && !!window.POPATLAS_DIRECTORY")
    assert errors == []
    return page


@pytest.fixture(scope="module")
def page_folds(browser: Browser, served_site: str) -> dict[str, str]:
    page = directory_home(browser, served_site + "directory/")
    inputs = [c["input"] for c in CASES]
    results = page.evaluate(RUN_PAGE_FOLD, inputs)
    page.close()
    assert len(results) == len(inputs)
    return dict(zip(inputs, results))


def test_the_page_carries_the_python_table(browser: Browser, served_site: str) -> None:
    page = directory_home(browser, served_site + "directory/")
    assert page.evaluate("() => window.POPATLAS_DIRECTORY.fold") == FOLD_TABLE
    page.close()


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['lang']}:{c['input'] or '<empty>'}")
def test_javascript_fold_agrees_with_python(page_folds: dict[str, str], case: dict[str, str]) -> None:
    js = page_folds[case["input"]]
    py = fold(case["input"])
    assert js == py, f"JS {js!r} != Python {py!r} ({case['why']})"
    assert js == case["expected"], case["why"]


def test_the_cases_catch_a_fold_that_drops_only_latin_accents(browser: Browser, served_site: str) -> None:
    # Proof that the comparison above bites: a JavaScript fold that strips only U+0300-U+036F
    # passes every Latin case but must fail the Arabic ones (hamza, madda, harakat, dagger alef).
    page = directory_home(browser, served_site + "directory/")
    inputs = [c["input"] for c in CASES]
    wrong = dict(zip(inputs, page.evaluate(RUN_LATIN_ONLY_FOLD, inputs)))
    page.close()
    caught = {c["input"] for c in CASES if wrong[c["input"]] != c["expected"]}
    assert caught, "no case tells a Latin-only fold from the real one"
    assert {"أمل", "أستراليا", "مُنَظَّمَة"} <= caught
    # Apart from the mathematical capitals (the order of NFKD and lower-casing), only Arabic cases differ.
    assert all(c["lang"] == "ar" or "\U0001D400" in c["input"] for c in CASES if c["input"] in caught)


@pytest.mark.parametrize("query", ["استراليا", "أستراليا"], ids=["without-hamza", "with-hamza"])
def test_arabic_reader_finds_australia_with_or_without_hamza(browser: Browser, served_site: str, query: str) -> None:
    page = directory_home(browser, served_site + "ar/directory/", viewport={"width": 390, "height": 844},
                          has_touch=True)
    results = page.locator(".pa-results > li")
    total = results.count()
    box = page.locator("#pa-f-text")
    expect(box).to_be_visible()
    box.click()
    box.press_sequentially(query)
    expect(box).to_have_value(query)
    expect(page.locator(".pa-empty")).to_be_hidden()
    expect(page.locator(".pa-results > li a:first-of-type", has_text=AUSTRALIAN_ENTRY)).to_be_visible()
    shown = results.count()
    assert 0 < shown < total, (shown, total)  # the list really was filtered
    names = results.locator("a[href]").all_inner_texts()
    assert AUSTRALIAN_ENTRY in names, names
    page.close()
