"""The world map, built for real in every language: every country shape with a help card links to
it and is named in the page's language; the countries the directory lists help in are shaded;
the shapes are the projection of npm's world-atlas that tools/world-map.mjs makes."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from popatlas import emergency, i18n
from popatlas.directory import load_directory
from popatlas.worldmap import world_map

from ..conftest import IN_CI, ROOT

LANG_PREFIX = {"en": "", "es": "es/", "fr": "fr/", "ar": "ar/"}
LINK = re.compile(r'<a href="([a-z]{2})/" class="pa-map__country( pa-map__country--listed)?"><title>([^<]+)</title><path d="[^"]+"/></a>')


def map_page(site: Path, lang: str) -> str:
    return (site / LANG_PREFIX[lang] / "directory" / "countries" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", list(LANG_PREFIX))
def test_each_country_links_to_its_card_named_in_the_language(site_dir: Path, lang: str) -> None:
    page = map_page(site_dir, lang)
    links = LINK.findall(page)
    regions = set(emergency.regions([]))
    expected = {s.code for s in world_map().shapes if s.code in regions}
    assert {code.upper() for code, _, _ in links} == expected and len(expected) > 170
    for code, _, title in links:
        assert (site_dir / LANG_PREFIX[lang] / "directory" / "countries" / code / "index.html").is_file()
        assert title.startswith(i18n.country_name(code.upper(), lang).replace("&", "&amp;")), (code, title)
    # A shape with no card (no code, or none in the phone library) is drawn but is not a link.
    assert page.count('class="pa-map__other"') == len(world_map().shapes) - len(expected)


def test_the_countries_with_listings_are_shaded(site_dir: Path) -> None:
    d = load_directory(ROOT / "directory")
    listed = {c for e in d.entries if e.kind_of_entry == "organization" or getattr(e, "kind", "") == "hotline"
              for c in e.countries}
    shaded = {code.upper() for code, mark, _ in LINK.findall(map_page(site_dir, "en")) if mark}
    on_map = {s.code for s in world_map().shapes}
    assert shaded == listed & on_map and {"KE", "US", "KH"} <= shaded


def test_get_help_links_to_the_map_and_the_map_back_to_the_list(site_dir: Path) -> None:
    for lang, prefix in LANG_PREFIX.items():
        t = i18n.ui(lang)
        get_help = (site_dir / prefix / "get-help" / "index.html").read_text(encoding="utf-8")
        assert f'href="../directory/countries/">{t["map_link"]}</a>' in get_help
        assert 'href="../../get-help/#country"' in map_page(site_dir, lang)


def test_the_committed_map_is_what_the_script_makes() -> None:
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "world-atlas").is_dir():
        if IN_CI:
            pytest.fail("node and node_modules/world-atlas are needed (make test installs them)")
        pytest.skip("node or node_modules missing: run `make test`")
    made = subprocess.run([node, "tools/world-map.mjs"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    committed = (ROOT / "src" / "popatlas" / "data" / "world-map.json").read_text(encoding="utf-8")
    assert made == committed, "run `make map` and commit src/popatlas/data/world-map.json"
    assert json.loads(made)["source"].startswith("world-atlas 2.0.2 (npm): Natural Earth 4.1.0")
