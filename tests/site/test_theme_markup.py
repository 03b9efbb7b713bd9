"""The theme's markup, as repaired by popatlas.harden, on every built page."""
from __future__ import annotations

from pathlib import Path

from popatlas.harden import ALWAYS, PageRules, harden_page

RULES = PageRules("en", "en", False, "Search", frozenset(), False)


def test_theme_markup_is_repaired_on_every_page(site_dir: Path) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 400
    problems = []
    for path in pages:
        html = path.read_text(encoding="utf-8")
        rel = path.relative_to(site_dir).as_posix()
        for before, why in ((' tabindex="">', "an empty tabindex"), ('id="__drawer" autocomplete', "autocomplete"),
                            ('id="__search" autocomplete', "autocomplete"), ('rel="alternate" href=', "alternate link")):
            if before in html:
                problems.append(f"{rel}: {why}")
        if 'role="dialog" aria-label="' not in html:
            problems.append(f"{rel}: the search dialog has no name")
        if 'id="__toc"' in html and 'for="__toc"' not in html:
            problems.append(f"{rel}: a table-of-contents toggle with no label")
    assert problems == []


def test_harden_reports_theme_markup_it_no_longer_finds() -> None:
    done = harden_page("<html><body><p>no theme here</p></body></html>", RULES)
    assert [e for e in done.errors if "the theme no longer writes" in e] == [
        f"the theme no longer writes the {what}: update popatlas/harden.py" for what in ALWAYS]
    dialog = '<body><div class="md-search" data-md-component="search" role="dialog">'
    done = harden_page(dialog, PageRules("en", "en", False, 'Say "hi" <b>', frozenset(), False))
    assert 'aria-label="Say &quot;hi&quot; &lt;b&gt;"' in done.html
