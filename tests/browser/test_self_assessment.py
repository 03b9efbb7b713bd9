"""The self-assessment in a real browser, in every language: scores, the action
plan, export and import, and that nothing is stored or sent unless asked."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from popatlas.content import Content

from ..conftest import ROOT

LANG_PREFIX = {"en": "", "es": "es/", "fr": "fr/", "ar": "ar/"}
ANSWERS = {"p01-a1": "yes", "p01-a2": "no", "p01-a3": "partly", "p01-a4": "na", "p02-a1": "no", "p13-a1": "yes"}


def open_page(browser: Browser, served_site: str, lang: str) -> tuple[Page, list[str]]:
    page = browser.new_page(accept_downloads=True)
    requests: list[str] = []
    page.goto(f"{served_site}{LANG_PREFIX[lang]}self-assessment/")
    page.wait_for_load_state("networkidle")  # the page and search have loaded their own files
    page.on("request", lambda r: requests.append(r.url))  # anything after that is the page talking
    return page, requests


def answer(page: Page, answers: dict[str, str]) -> None:
    for action, value in answers.items():
        page.check(f"input[name='{action}'][value='{value}']")


def test_indicators_come_from_principle_front_matter() -> None:
    content = Content(ROOT / "docs")
    for lang in LANG_PREFIX:
        actions = [a["id"] for p in content.principles(lang).values() for a in p.meta["actions"]]
        assert len(actions) == len(set(actions)) >= 14 * 4


@pytest.mark.parametrize("lang", list(LANG_PREFIX))
def test_scores_plan_and_privacy(browser: Browser, served_site: str, lang: str) -> None:
    page, requests = open_page(browser, served_site, lang)
    expect(page.locator(".pa-sa-results")).to_be_visible()
    content = Content(ROOT / "docs")
    expected_total = sum(len(p.meta["actions"]) for p in content.principles(lang).values())
    assert page.locator(".pa-sa-action").count() == expected_total
    answer(page, ANSWERS)
    page.fill("#sa-note-1", "Talk about intake at the team meeting")
    # PoP 1: yes + partly + no (n/a left out) = 1.5 / 3 = 50 %; PoP 2: 0 %; PoP 13: 100 %
    assert page.get_attribute("[data-bar-principle='1']", "data-score") == "0.5"
    assert page.get_attribute("[data-bar-principle='2']", "data-score") == "0"
    assert page.get_attribute("[data-bar-principle='13']", "data-score") == "1"
    # Core standards: 1.5 of 4 answered = 0.375
    assert page.get_attribute("[data-bar-group='core-standards']", "data-score") == "0.375"
    assert page.get_attribute("[data-bar-group='healthy-organizations']", "data-score") == "1"
    # The action plan lists the biggest gaps first, with the practices not yet in place and the note.
    gaps = page.locator(".pa-sa-gap:not([hidden])")
    assert gaps.count() == 2
    assert gaps.nth(0).get_attribute("data-gap") == "2" and gaps.nth(1).get_attribute("data-gap") == "1"
    assert gaps.nth(1).locator(".pa-sa-gap-actions li").count() == 2
    expect(gaps.nth(1).locator(".pa-sa-gap-note")).to_have_text("Talk about intake at the team meeting")
    assert gaps.nth(0).locator("a").count() >= 2  # the principle, plus guides / case studies / resources
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert requests == []
    if lang == "ar":
        assert page.evaluate("getComputedStyle(document.querySelector('.pa-sa-form')).direction") == "rtl"
        box = page.locator("[data-bar-principle='1'] .pa-sa-bar").bounding_box()
        fill = page.locator("[data-bar-principle='1'] .pa-sa-bar-fill").bounding_box()
        assert box and fill and abs((box["x"] + box["width"]) - (fill["x"] + fill["width"])) < 1  # grows from the right


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_export_import_round_trip_and_csv(browser: Browser, served_site: str, lang: str, tmp_path: Path) -> None:
    page, requests = open_page(browser, served_site, lang)
    answer(page, ANSWERS)
    page.fill("#sa-note-2", "Plan trauma training, \"soon\"")
    before = page.evaluate("PopAtlasSelfAssessment.state()")
    with page.expect_download() as info:
        page.click("[data-sa=export-json]")
    saved = tmp_path / "answers.json"
    info.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["answers"] == ANSWERS and data["notes"] == {"2": "Plan trauma training, \"soon\""}
    with page.expect_download() as info:
        page.click("[data-sa=export-csv]")
    table = tmp_path / "answers.csv"
    info.value.save_as(table)
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    assert {r["practice_id"]: bool(r["answer"]) for r in rows if r["answer"]} == {k: True for k in ANSWERS}
    # A fresh page, then import: the same state comes back.
    page.reload()
    page.wait_for_load_state("networkidle")
    requests.clear()  # the reload itself fetched the page
    assert page.evaluate("Object.keys(PopAtlasSelfAssessment.state().answers).length") == 0
    page.set_input_files("input[data-sa=import]", str(saved))
    expect(page.locator(".pa-sa-status")).not_to_be_empty()
    after = page.evaluate("PopAtlasSelfAssessment.state()")
    assert after["answers"] == before["answers"] and after["notes"] == before["notes"]
    assert page.get_attribute("[data-bar-principle='1']", "data-score") == "0.5"
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert [r for r in requests if not r.startswith("blob:")] == []


def test_save_and_erase(browser: Browser, served_site: str) -> None:
    page, _ = open_page(browser, served_site, "fr")
    answer(page, {"p05-a1": "partly"})
    assert page.evaluate("localStorage.length") == 0
    page.click("[data-sa=save]")
    assert page.evaluate("localStorage.length") == 1
    page.reload()
    expect(page.locator("input[name='p05-a1'][value='partly']")).to_be_checked()
    page.click("[data-sa=erase]")
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    expect(page.locator("input[name='p05-a1'][value='partly']")).not_to_be_checked()
    page.reload()
    expect(page.locator("input[name='p05-a1'][value='partly']")).not_to_be_checked()


def test_works_from_the_offline_copy(browser: Browser, offline_dir: Path) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((offline_dir / "es" / "self-assessment.html").as_uri())
    answer(page, {"p03-a1": "yes"})
    assert page.get_attribute("[data-bar-principle='3']", "data-score") == "1"
    assert errors == []


def test_without_javascript_a_printable_checklist(browser: Browser, served_site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "self-assessment/")
    expect(page.locator(".pa-sa-no-js")).to_be_visible()
    expect(page.locator(".pa-sa-results")).to_be_hidden()
    assert page.locator(".pa-sa-action").count() > 50
    page.emulate_media(media="print")
    expect(page.locator(".pa-sa-form")).to_be_visible()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    context.close()


@pytest.mark.parametrize("note", ["\t=HYPERLINK(\"https://evil.example\")", "-1+1", "+1+1", "@SUM(A1)", "＝1"])
def test_csv_export_neutralises_formulas_with_the_open_data_rule(browser: Browser, served_site: str, tmp_path: Path,
                                                                 note: str) -> None:
    from popatlas.csvsafe import FORMULA_START
    page, _ = open_page(browser, served_site, "en")
    assert json.loads(page.get_attribute("#pa-assessment", "data-csv-formula-start")) == FORMULA_START
    page.fill("#sa-note-2", note)
    with page.expect_download() as info:
        page.click("[data-sa=export-csv]")
    table = tmp_path / "answers.csv"
    info.value.save_as(table)
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    assert {r["note"] for r in rows if r["principle"] == "2"} == {"'" + note}
