"""Repairs to markup that Material's own templates write and the Nu HTML Checker rejects.

Each repair names the exact markup it replaces. The strings come from templates we do not
own (base.html, partials/nav-item.html); `repair` reports which ones it no longer finds, so
a theme update that changes them fails the build instead of leaving invalid pages.
"""
from __future__ import annotations

from markupsafe import escape

# (markup Material writes, what we write instead, why)
REPAIRS: tuple[tuple[str, str, str], ...] = (
    # nav-item.html prints tabindex="{{ tabindex }}" with nothing in it for section labels.
    (' tabindex="">', ">", "an empty tabindex is not a number"),
    # base.html: autocomplete is not allowed on checkboxes. It kept Firefox from restoring the
    # drawer and search toggles on "back"; popatlas.js resets them on pageshow instead.
    ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
     '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">',
     "autocomplete on a checkbox"),
    ('<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
     '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">',
     "autocomplete on a checkbox"),
)
# partials/search.html: the search dialog has no accessible name.
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
# partials/nav-item.html writes this toggle even when the page has no table of contents to
# open, and then no label for it: a form control without a name.
TOC_TOGGLE = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
# Markup every page has (the nav's section labels are on pages with a nav only).
ALWAYS = frozenset({REPAIRS[1][0], REPAIRS[2][0], SEARCH_DIALOG})


def repair(html: str, search_label: str) -> tuple[str, list[str]]:
    """(repaired page, the always-present theme markup that was not found).

    `search_label` names the search dialog in the page's language (plain text, escaped here).
    """
    missing = []
    labelled = SEARCH_DIALOG.replace('role="dialog">', f'role="dialog" aria-label="{escape(search_label)}">')
    for before, after, _why in (*REPAIRS, (SEARCH_DIALOG, labelled, "a dialog needs a name")):
        if before in html:
            html = html.replace(before, after)
        elif before in ALWAYS and "<body" in html:  # pages, not sitemap.xml
            missing.append(before)
    if TOC_TOGGLE in html and 'for="__toc"' not in html:
        html = html.replace(TOC_TOGGLE, "")  # nav-item.html: a toggle for a table of contents the page lacks
    return html, missing


__all__ = ["REPAIRS", "repair"]
