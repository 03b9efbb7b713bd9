"""Hostile contributed content, built into a real site and tried in Chromium: nothing runs,
nothing navigates, and the quick exit stays visible and on top while every link is hovered
and focused. Input the validator refuses is proven refused, and what the sanitiser makes of
it is put into a real page and tried the same way."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page

from popatlas import sanitize
from popatlas.bench import site_config
from popatlas.directory import load_directory

from ..conftest import ROOT, SMALL_SITE
from ..unit.test_hostile_input import ATTACKS

LANG_PREFIX = {"en": "", "es": "es/", "fr": "fr/", "ar": "ar/"}
# Descriptions that could hide the exit, run code or send mail elsewhere: the validator refuses them.
REFUSED_DESCRIPTIONS = [
    "<script>alert('s')</script> This entry tries to run a script when shown.",
    "[click](javascript:alert('j')) and [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) links.",
    "<a href=\"javascript:alert('a')\" onclick=\"alert('c')\">x</a><iframe src=\"javascript:alert('f')\"></iframe> frames.",
    "<style>body{display:none}</style><form action=https://example.org><input></form> styles and forms.",
    *ATTACKS.values(),
]
# Valid entries that still look like attacks: they must be shown as text.
TRICKY_DESCRIPTIONS = [
    "<img src=x onerror=alert('i')> An image with an error handler (Markdown shows it as text).",
    "\"><svg onload=alert('v')> Breaking out of an attribute, long enough.",
    "{{ 7*7 }} {% for x in range(3) %}{{ x }}{% endfor %} ${7*7} #{7*7} template syntax here.",
    "Code such as `<script>alert(1)</script>` and `<style>.pa-exit{display:none}</style>` shown as code.",
    "Links are fine: [our site](https://www.example.org/) and [mail](mailto:info@example.org), *emphasis* too.",
    "Braces {: onclick=\"alert(1)\" style=\"position:fixed;inset:0\" } and \\[brackets\\](https://evil.example/).",
]
LABEL = '[Kind](https://evil.example/){: onclick="alert(1)" style="position:fixed;inset:0;z-index:99999" }'
CHECK_EXIT = """() => {
  const link = document.querySelector('.pa-exit__link');
  const r = link.getBoundingClientRect();
  const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return {visible: r.width > 0 && r.height > 0 && getComputedStyle(link).visibility === 'visible'
                   && getComputedStyle(link.parentElement).display !== 'none',
          onTop: !!top && (top === link || link.contains(top))};
}"""


def _entry(slug: str, text: str) -> dict:
    return {"id": slug, "name": f"Hostile {{{{7*7}}}} test {slug}", "description": {"en": text, "es": text},
            "original_language": "en", "locations": [{"city": "{{ config }}", "region": "${7*7}", "country": "KE"}],
            "countries_served": ["KE"], "services": ["counseling"],
            "sources": [{"title": "javascript:alert(1) as text [x](https://evil.example/)",
                         "url": "https://example.org/?q=\"><script>"}],
            "added": "2026-01-01", "status": "active"}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    tmp = tmp_path_factory.mktemp("hostile")
    directory = tmp / "entries" / "directory"
    shutil.copytree(ROOT / "directory", directory)
    taxonomy = yaml.safe_load((directory / "taxonomy.yml").read_text(encoding="utf-8"))
    for kind in taxonomy["resource_kinds"]:
        kind["label"] = {lang: LABEL for lang in kind["label"]}  # shown on every principle and guide page
    (directory / "taxonomy.yml").write_text(yaml.safe_dump(taxonomy, allow_unicode=True), encoding="utf-8")
    ids = []
    for i, text in enumerate(TRICKY_DESCRIPTIONS):
        ids.append(f"hostile-{i}")
        (directory / "organizations" / "ke" / f"hostile-{i}.yml").write_text(
            yaml.safe_dump(_entry(f"hostile-{i}", text), allow_unicode=True), encoding="utf-8")
    assert [p for p in load_directory(directory).problems if p.severity == "error"] == []
    site = tmp / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site),
                             "-f", str(site_config(tmp, directory, ROOT / "docs", SMALL_SITE))],
                            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    return site, ids


def test_descriptions_that_cannot_be_made_harmless_are_refused(tmp_path: Path) -> None:
    directory = tmp_path / "directory"
    (directory / "organizations" / "ke").mkdir(parents=True)
    shutil.copy(ROOT / "directory" / "taxonomy.yml", directory)
    for i, text in enumerate(REFUSED_DESCRIPTIONS):
        (directory / "organizations" / "ke" / f"bad-{i}.yml").write_text(
            yaml.safe_dump(_entry(f"bad-{i}", text), allow_unicode=True), encoding="utf-8")
    d = load_directory(directory)
    refused = {Path(p.path).stem for p in d.problems if p.severity == "error" and p.field.startswith("description")}
    assert refused == {f"bad-{i}" for i in range(len(REFUSED_DESCRIPTIONS))}, d.problems
    assert d.organizations == []


def _try_every_link(page: Page) -> list[str]:
    """Hover and focus every link in the content; what went wrong, if anything."""
    start = page.url
    wrong = []
    links = page.locator(".md-content a")
    for i in range(links.count()):
        link = links.nth(i)
        if not link.is_visible():
            continue
        link.focus()  # scrolls it into view, as a keyboard user would
        box = link.bounding_box()
        if box:
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        state = page.evaluate(CHECK_EXIT)
        if not (state["visible"] and state["onTop"]):
            wrong.append(f"{page.url}: link {i} ({link.inner_text()[:30]!r}): quick exit {state}")
        if page.url != start:
            wrong.append(f"navigated to {page.url}")
            break
    return wrong


def _page(browser: Browser) -> tuple[Page, list[str]]:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    events: list[str] = []
    page.on("dialog", lambda d: (events.append("dialog " + d.message), d.dismiss()))
    page.on("pageerror", lambda e: events.append("error " + str(e)))
    page.on("framenavigated", lambda f: f == page.main_frame and not f.url.startswith("file:")
            and events.append("navigated " + f.url))
    return page, events


def test_hostile_entries_and_labels_are_inert(browser: Browser, hostile_site: tuple[Path, list[str]]) -> None:
    site, ids = hostile_site
    page, events = _page(browser)
    wrong: list[str] = []
    for lang, prefix in LANG_PREFIX.items():
        pages = [f"directory/organizations/{slug}/index.html" for slug in ids]
        if lang in ("en", "ar"):  # the label's pages: left-to-right and right-to-left
            pages += ["principles/01-client-centered-practice/index.html", "guides/survivor-advisory-board/index.html"]
        for rel in pages:
            page.goto((site / prefix / rel).as_uri())
            bad = page.evaluate("""() => [...document.querySelectorAll('.md-content *')].filter(el =>
                el.hasAttribute('style') || [...el.attributes].some(a => a.name.startsWith('on'))
                || ['SCRIPT', 'STYLE', 'META', 'IFRAME', 'svg'].includes(el.tagName)).map(el => el.outerHTML.slice(0, 80))""")
            assert bad == [], (rel, bad)
            text = page.locator(".md-content").inner_text()
            assert "49" not in page.locator("h1").inner_text()  # {{7*7}} shown, never evaluated
            if rel.startswith(("principles", "guides")):
                assert "evil.example" in text  # the label is shown as text, not dropped
                # ... and as text only: it adds no link, so the page's own links need no hovering here.
                assert page.locator(".md-content a[href*='evil.example']").count() == 0
                page.get_by_text("evil.example", exact=False).first.scroll_into_view_if_needed()
                state = page.evaluate(CHECK_EXIT)
                if not (state["visible"] and state["onTop"]):
                    wrong.append(f"{page.url}: beside the label: quick exit {state}")
            else:
                wrong += _try_every_link(page)
    assert wrong == [] and [e for e in events if "search_index" not in e] == []


def test_sanitised_attacks_in_a_real_page_cannot_hide_the_exit(browser: Browser, site_dir: Path) -> None:
    page, events = _page(browser)
    page.goto((site_dir / "ar" / "directory" / "organizations" / "haart" / "index.html").as_uri())
    wrong = []
    for name, attack in ATTACKS.items():
        page.evaluate("html => { document.querySelector('.pa-description').innerHTML = html; }",
                      str(sanitize.markdown_html(attack)))
        wrong += [f"{name}: {w}" for w in _try_every_link(page)]
    assert wrong == [] and [e for e in events if "search_index" not in e] == []
