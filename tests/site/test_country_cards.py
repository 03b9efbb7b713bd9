"""A help card for every country and territory, in every language, built for real: the emergency
numbers it shows are the library's, as call links; the hotlines and organizations serving the
country; an honest "none listed yet" with a prefilled form where there are none; and Get help
links to every card."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from phonenumbers import shortnumberinfo

from popatlas import emergency, i18n
from popatlas.directory import load_directory

from ..conftest import ROOT

LANG_PREFIX = {"en": "", "es": "es/", "fr": "fr/", "ar": "ar/"}
TEL = re.compile(r'<a class="pa-call" href="tel:([0-9]+)">')


def _regions() -> tuple[str, ...]:
    """Every region the library knows, and every country an entry serves."""
    return emergency.regions(c for e in load_directory(ROOT / "directory").entries for c in e.countries)


def card(site: Path, lang: str, region: str) -> str:
    return (site / LANG_PREFIX[lang] / "directory" / "countries" / region.lower() / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", list(LANG_PREFIX))
def test_every_region_has_a_card_with_the_library_numbers_as_call_links(site_dir: Path, lang: str) -> None:
    wrong = []
    for region in _regions():
        page = card(site_dir, lang, region)
        shown = tuple(TEL.findall(page))
        if shown != emergency.for_region(region).numbers:
            wrong.append((region, shown))
        wrong += [(region, n) for n in shown if not shortnumberinfo.is_emergency_number(n, region)]
        if f"libphonenumber {emergency.VERSION}" not in page:
            wrong.append((region, "no source"))
        if f"<h1>{i18n.country_name(region, lang)}</h1>" not in html.unescape(page):
            wrong.append((region, "title"))
    assert wrong == []


@pytest.mark.parametrize("lang", list(LANG_PREFIX))
def test_get_help_links_to_every_card(site_dir: Path, lang: str) -> None:
    page = (site_dir / LANG_PREFIX[lang] / "get-help" / "index.html").read_text(encoding="utf-8")
    linked = set(re.findall(r'href="\.\./directory/countries/([a-z]{2})/"', page))
    assert linked == {r.lower() for r in _regions()}


@pytest.mark.parametrize("lang", list(LANG_PREFIX))
def test_kenya_lists_what_serves_it_and_chad_says_none_yet(site_dir: Path, lang: str) -> None:
    t = i18n.ui(lang)
    kenya, chad = card(site_dir, lang, "KE"), html.unescape(card(site_dir, lang, "TD"))
    assert {"999", "112", "114"} <= set(TEL.findall(kenya))
    assert "../../organizations/haart/" in kenya
    name = i18n.country_name("TD", lang)
    assert t["country_no_hotline"].format(country=name) in chad
    assert t["country_no_organization"].format(country=name) in chad
    assert "issues/new?template=suggest-listing.yml" in chad and "country=Chad" in chad
    us = card(site_dir, lang, "US")
    assert "../../resources/us-national-human-trafficking-hotline/" in us and 'href="tel:+18883737888"' in us


@pytest.mark.parametrize("lang", list(LANG_PREFIX))
def test_search_finds_every_card_by_its_name_in_the_language(site_dir: Path, lang: str) -> None:
    import json
    index = json.loads((site_dir / LANG_PREFIX[lang] / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {d["location"]: d["title"] for d in index["docs"]}
    missing = [r for r in _regions() if titles.get(f"directory/countries/{r.lower()}/") != i18n.country_name(r, lang)]
    assert missing == []
