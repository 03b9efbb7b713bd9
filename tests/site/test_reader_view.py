"""Every built page, in every language, served and offline, read the way a reader meets it.

No browser: each page is parsed once (tests/site/reader.py). A page fails when it shows
markup as text, has a title or heading that is a code rather than words, links to a page
or anchor that does not exist, carries the wrong lang/dir, leaves a placeholder unfilled,
or counts its entries in the wrong plural form.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from popatlas import LANGUAGES, i18n

from .reader import SiteReader, page_language, reader_problems

_readers: dict[str, SiteReader] = {}


def _reader(layout: str, root: Path) -> SiteReader:
    if layout not in _readers:
        _readers[layout] = SiteReader.of(root, directory_urls=(layout == "served"))
    return _readers[layout]


@pytest.fixture(params=["served", "offline"])
def site(request: pytest.FixtureRequest) -> SiteReader:
    root = request.getfixturevalue("site_dir" if request.param == "served" else "offline_dir")
    return _reader(request.param, root)


def _in(lang: str, site: SiteReader) -> list:
    return [p for rel, p in site.pages.items() if page_language(rel) == lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_reads_right(site: SiteReader, lang: str) -> None:
    pages = _in(lang, site)
    assert len(pages) > 90, f"only {len(pages)} pages in {lang}"
    problems = [problem for page in pages for problem in reader_problems(page)]
    assert problems == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_internal_link_and_anchor_resolves(site: SiteReader, lang: str) -> None:
    problems = [problem for page in _in(lang, site) for problem in site.link_problems(page)]
    assert problems == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_listing_pages_show_their_entries_with_a_real_title(site: SiteReader, lang: str) -> None:
    """Country, service and resources pages: the pages "Get help" sends people to."""
    prefix = "" if lang == "en" else f"{lang}/"
    listings = [p for rel, p in site.pages.items() if rel.startswith(prefix + "directory/")
                and re.match(r"directory/(countries|services|resources)/", rel[len(prefix):])
                and "/organizations/" not in rel and (rel.endswith("resources/index.html") or "/resources/" not in rel)
                and not re.search(r"countries/index\.html$", rel)]  # the world map (tests/site/test_world_map.py)
    assert len(listings) >= 20
    t = i18n.ui(lang)
    for page in listings:
        code = re.search(r"countries/([a-z]{2})[/.]", page.rel)
        if code and not page.list_lengths:  # a country card with no organization listed says so
            name = i18n.country_name(code.group(1).upper(), lang)
            assert t["country_no_organization"].format(country=name) in page.visible, page.rel
            continue
        assert page.list_lengths and page.list_lengths[0] > 0, f"{page.rel}: no entry list"
        n = page.list_lengths[0]
        assert page.counts[0] == i18n.plural(lang, "entry_count", n, n=n), page.rel
        assert page.h1[0] and page.title.startswith(page.h1[0]), page.rel
    kenya = next(p for p in listings if p.rel.endswith("countries/ke/index.html") or p.rel.endswith("countries/ke.html"))
    assert kenya.h1 == [i18n.country_name("KE", lang)]
    assert "HAART" in kenya.visible


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_index_holds_text_not_markup(site_dir: Path, lang: str) -> None:
    index = site_dir / ("" if lang == "en" else lang) / "search" / "search_index.json"
    docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
    shown_as_text = []
    for doc in docs:
        # Title and text are HTML (shown as such in the results): what must not be there is
        # markup escaped so that it shows as text, as the listing pages once did.
        for field in ("title", "text"):
            if re.search(r"&lt;/?[a-z]+|&amp;(?:lt|gt|amp|#\d+);", doc.get(field, "")):
                shown_as_text.append(f"{doc['location']}: {field}: {doc.get(field, '')[:80]!r}")
    assert shown_as_text == []


def test_plural_messages_have_every_cldr_category() -> None:
    for lang in LANGUAGES:
        for key, value in i18n.ui(lang).items():
            if isinstance(value, dict):
                assert set(value) == i18n.plural_categories(lang), f"ui.yml {lang}.{key}"


@pytest.mark.parametrize(("lang", "n", "expected"), [
    ("en", 1, "1 entry"), ("en", 2, "2 entries"), ("en", 0, "0 entries"),
    ("es", 1, "1 entrada"), ("es", 1000000, "1.000.000 de entradas"),
    ("fr", 0, "0 entrée"), ("fr", 1, "1 entrée"), ("fr", 2, "2 entrées"),
    ("ar", 0, "لا توجد مدخلات"), ("ar", 1, "مدخل واحد"), ("ar", 2, "مدخلان"), ("ar", 3, "3 مدخلات"),
    ("ar", 11, "11 مدخلاً"), ("ar", 100, "100 مدخل"),
])
def test_counts_take_the_cldr_plural_form(lang: str, n: int, expected: str) -> None:
    assert i18n.plural(lang, "entry_count", n, n=n) == expected
