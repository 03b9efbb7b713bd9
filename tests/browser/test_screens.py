"""A 390 px screenshot of every page type in English and Arabic, written to the folder named by
POPATLAS_SCREENS, or else to screens/ in pytest's temporary folder (never into the repository).

The pictures are for a person to look at before a change is called done. The test itself
checks what a picture cannot be trusted to show: no sideways scrolling, and the quick-exit
control never lying over the page's last line of text.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser


@pytest.fixture(scope="session")
def screens(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ["POPATLAS_SCREENS"]) if os.environ.get("POPATLAS_SCREENS") else tmp_path_factory.mktemp("screens")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
PAGE_TYPES = {
    "home": "",
    "get-help": "get-help/",
    "principle": "principles/01-client-centered-practice/",
    "guide": "guides/client-centered-intake/",
    "case-study": "case-studies/no-room-for-bias/",
    "glossary": "glossary/",
    "directory": "directory/",
    "organization": "directory/organizations/haart/",
    "resource": "directory/resources/us-national-human-trafficking-hotline/",
    "country": "directory/countries/ke/",
    "world-map": "directory/countries/",
    "service": "directory/services/hotline/",
    "resources-list": "directory/resources/",
    "open-data": "open-data/",
    "self-assessment": "self-assessment/",
    "not-found": "404.html",  # what a web server shows for a missing page
}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_screenshots_of_every_page_type(browser: Browser, served_site: str, lang: str, screens: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    problems = []
    for kind, path in PAGE_TYPES.items():
        prefix = "" if lang == "en" or kind == "not-found" else "ar/"
        page.goto(f"{served_site}{prefix}{path}")
        page.screenshot(path=str(screens / f"{kind}-{lang}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 1:
            problems.append(f"{kind}: {overflow}px of sideways scrolling")
        # Scrolled to the very end, the last line of the page's own text is not under the exit.
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        covered = page.evaluate("""() => {
          const exit = document.querySelector('.pa-exit__link').getBoundingClientRect();
          const blocks = [...document.querySelectorAll('.md-content p, .md-content li')].filter(e => e.offsetParent);
          const last = blocks[blocks.length - 1];
          if (!last) return false;
          const r = last.getBoundingClientRect();
          return r.bottom > exit.top && r.top < exit.bottom && r.left < exit.right && r.right > exit.left;
        }""")
        if covered:
            problems.append(f"{kind}: the exit covers the last line")
    context.close()
    assert problems == []
