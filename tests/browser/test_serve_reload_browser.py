"""`make serve` as a contributor uses it: the page open in the browser reloads itself after an edit,
a broken entry stops the rebuild with the file's own error while the server keeps running, and the
page comes back once the entry is fixed."""
from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

from playwright.sync_api import Browser

from ..site.test_serve_reload import ENTRY, PAGE, REBUILD_TIMEOUT, STARTUP_TIMEOUT, Server, marked, project, server  # noqa: F401


def search_docs(server: Server, lang: str) -> list[dict]:
    prefix = "" if lang == "en" else f"{lang}/"
    with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/{prefix}search/search_index.json", timeout=10) as r:
        return json.loads(r.read())["docs"]


def test_open_page_reloads_after_an_entry_is_edited(browser: Browser, project: Path, server: Server) -> None:  # noqa: F811
    server.wait_for("first build", lambda: server.page() is not None, STARTUP_TIMEOUT)
    documents = {lang: len(search_docs(server, lang)) for lang in ("en", "es", "fr", "ar")}
    page = browser.new_page()
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"http://127.0.0.1:{server.port}{PAGE}")
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)  # the reload script has asked the server for its build number
    entry = project / ENTRY
    entry.write_text(marked(entry.read_text(encoding="utf-8"), "browserreloadmarker"), encoding="utf-8")
    # No goto, no reload from the test: the page must reload itself once the rebuild is done.
    since = len(server.lines)
    page.locator(".pa-description", has_text="browserreloadmarker").wait_for(timeout=REBUILD_TIMEOUT * 1000)
    assert not [m for m in blocked if "serve-reload" in m]
    # One edit, one rebuild: the generated source tree is not watched, so writing it starts no second one.
    page.wait_for_timeout(2000)
    assert server.output(since).count("Building documentation") == 1, server.output(since)

    # An invalid entry: the rebuild stops with the file's own error, and the server keeps running.
    original = entry.read_text(encoding="utf-8")
    since = len(server.lines)
    entry.write_text(original.replace("founded: 2010", "founded: next year"), encoding="utf-8")
    server.wait_for("error for the invalid entry",
                    lambda: "An error happened during the rebuild" in server.output(since), REBUILD_TIMEOUT)
    errors = server.output(since)
    assert f"{ENTRY.as_posix()}:" in errors and "error: founded:" in errors, errors
    assert server.proc.poll() is None, "mkdocs serve exited on an invalid entry"

    # Fixed again: the open page reloads itself with the new text.
    entry.write_text(original.replace("browserreloadmarker", "browserreloadmarkertwo"), encoding="utf-8")
    page.locator(".pa-description", has_text="browserreloadmarkertwo").wait_for(timeout=REBUILD_TIMEOUT * 1000)
    assert server.proc.poll() is None

    # A rebuild skips the directory pages that did not change, but the search still has every
    # page once, with the entry's new text and none of its old one.
    assert {lang: len(search_docs(server, lang)) for lang in documents} == documents
    english = json.dumps(search_docs(server, "en"))
    assert english.count("browserreloadmarkertwo") >= 1 and not re.search(r"browserreloadmarker(?!two)", english)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.keyboard.type("browserreloadmarkertwo")
    page.locator(".md-search-result__item", has_text="HAART").first.wait_for(timeout=10000)
    # A page the rebuild skipped is still served as it was, with its language switch.
    page.goto(f"http://127.0.0.1:{server.port}/directory/organizations/chab-dai/")
    assert page.locator("h1", has_text="Chab Dai").count() == 1
    page.goto(f"http://127.0.0.1:{server.port}/es/directory/organizations/haart/")
    assert page.locator(".pa-description").count() == 1

    # A hand-written page is watched too (in docs/, not in the generated tree MkDocs reads), and
    # its links to directory pages, which that rebuild did not otherwise touch, still work.
    page.goto(f"http://127.0.0.1:{server.port}/guides/client-centered-intake/")
    page.wait_for_timeout(500)
    guide = project / "docs" / "en" / "guides" / "client-centered-intake.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace("## Steps {#steps}", "## Steps, pagereloadmarker {#steps}", 1),
                     encoding="utf-8")
    page.locator("h2", has_text="pagereloadmarker").wait_for(timeout=REBUILD_TIMEOUT * 1000)
    links = page.eval_on_selector_all("#related ~ ul a", "els => els.map(a => a.getAttribute('href'))")
    assert any("directory/resources/iom-caring-for-trafficked-persons/" in h for h in links), links
    assert not [h for h in links if h.endswith(".md")], links
    page.close()
