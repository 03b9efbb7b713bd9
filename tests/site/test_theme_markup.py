"""The theme's markup, as repaired by popatlas.thememarkup, on every built page."""
from __future__ import annotations

from pathlib import Path

from popatlas import thememarkup


def test_theme_markup_is_repaired_on_every_page(site_dir: Path) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 400
    problems = []
    for path in pages:
        html = path.read_text(encoding="utf-8")
        rel = path.relative_to(site_dir).as_posix()
        for before, _after, why in thememarkup.REPAIRS:
            if before in html:
                problems.append(f"{rel}: {why}")
        if 'role="dialog" aria-label="' not in html:
            problems.append(f"{rel}: the search dialog has no name")
        if 'id="__toc"' in html and 'for="__toc"' not in html:
            problems.append(f"{rel}: a table-of-contents toggle with no label")
    assert problems == []


def test_repair_reports_theme_markup_it_no_longer_finds() -> None:
    _html, missing = thememarkup.repair("<html><body><p>no theme here</p></body></html>", "Search")
    assert set(missing) == thememarkup.ALWAYS
    html, missing = thememarkup.repair(thememarkup.SEARCH_DIALOG + "<body>", 'Say "hi" <b>')
    assert 'aria-label="Say &#34;hi&#34; &lt;b&gt;"' in html
