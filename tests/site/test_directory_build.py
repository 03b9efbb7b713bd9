"""The built site: every entry published in every language, and nothing lost on the way out."""
from __future__ import annotations

import csv
import io
import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from popatlas import LANGUAGES
from popatlas.directory import load_directory

from ..conftest import ROOT, SHARED

DIRECTORY = load_directory(ROOT / "directory")


def lang_dir(site: Path, lang: str) -> Path:
    return site if lang == "en" else site / lang


def test_seed_directory_is_valid() -> None:
    assert DIRECTORY.problems == []
    assert len(DIRECTORY.organizations) >= 10 and len(DIRECTORY.resources) >= 20


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_entry_has_a_page_in_every_language(site_dir: Path, lang: str) -> None:
    base = lang_dir(site_dir, lang) / "directory"
    missing = [e.id for e in DIRECTORY.organizations if not (base / "organizations" / e.id / "index.html").is_file()]
    missing += [e.id for e in DIRECTORY.resources if not (base / "resources" / e.id / "index.html").is_file()]
    assert missing == []
    page = (base / "organizations" / "haart" / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in page


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.nav_links: list[str] = []
        self._in_nav = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "nav" and "md-nav--primary" in (a.get("class") or ""):
            self._in_nav += 1
        elif tag == "nav" and self._in_nav:
            self._in_nav += 1
        if tag == "a" and self._in_nav and a.get("href"):
            self.nav_links.append(a["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._in_nav:
            self._in_nav -= 1


def test_no_entry_page_is_in_the_nav(site_dir: Path) -> None:
    parser = _Links()
    parser.feed((site_dir / "index.html").read_text(encoding="utf-8"))
    assert any("principles/" in link for link in parser.nav_links), "the primary nav was not found"
    offending = [l for l in parser.nav_links if re.search(r"directory/(organizations|resources|countries|services)/", l)]
    assert offending == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_filter_data_matches_the_list(site_dir: Path, lang: str) -> None:
    base = lang_dir(site_dir, lang) / "directory"
    script = (base / "filter-data.js").read_text(encoding="utf-8")
    rows = json.loads(script.removeprefix("window.POPATLAS_DIRECTORY=").rstrip().rstrip(";"))["rows"]
    assert len(rows) == len(DIRECTORY.entries)
    home = (base / "index.html").read_text(encoding="utf-8")
    results = home.split('class="pa-list pa-results" data-search-exclude', 1)[1].split("</ul>", 1)[0]
    assert results.count("<li>") == len(rows)
    for entry in DIRECTORY.entries:
        assert f"/{entry.id}/" in results, entry.id
    # The data beside the page is loaded when the form is first used (not with the page), and
    # is checked to be this page's.
    key = json.loads(script.removeprefix("window.POPATLAS_DIRECTORY=").rstrip().rstrip(";"))["key"]
    assert f'data-key="{key}"' in home and '<script src="filter-data.js"' not in home


def test_country_names_are_localised(site_dir: Path) -> None:
    es = (site_dir / "es" / "directory" / "countries" / "pe" / "index.html").read_text(encoding="utf-8")
    ar = (site_dir / "ar" / "directory" / "countries" / "ke" / "index.html").read_text(encoding="utf-8")
    assert "Perú" in es and "كينيا" in ar
    assert 'dir="rtl"' in ar


def test_entry_page_shows_sources_verification_and_principles(site_dir: Path) -> None:
    page = (site_dir / "directory" / "organizations" / "haart" / "index.html").read_text(encoding="utf-8")
    assert "Not yet verified" in page
    assert 'class="pa-h-sources"' in page
    resource = (site_dir / "directory" / "resources" / "iom-caring-for-trafficked-persons" / "index.html").read_text(
        encoding="utf-8")  # cites principles 1 and 2; organizations cite none yet
    cited = resource.split('<ul class="pa-principles"', 1)[1].split("</ul>", 1)[0]
    assert "principles/01-client-centered-practice/" in cited and "principles/02-trauma-informed-care/" in cited
    fr = (site_dir / "fr" / "directory" / "organizations" / "haart" / "index.html").read_text(encoding="utf-8")
    assert "Pas encore vérifiée" in fr


def test_language_switcher_keeps_the_entry(site_dir: Path) -> None:
    page = (site_dir / "es" / "directory" / "organizations" / "chab-dai" / "index.html").read_text(encoding="utf-8")
    alternates = re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', page)
    by_lang = {lang: href for href, lang in alternates}
    assert set(by_lang) == set(LANGUAGES)
    assert by_lang.pop("es") == "./"  # the page itself
    for lang, href in by_lang.items():
        assert href.rstrip("/").endswith("directory/organizations/chab-dai"), (lang, href)


def test_open_data_counts_in_equal_counts_out(site_dir: Path) -> None:
    data = json.loads((site_dir / "open-data" / "directory.json").read_text(encoding="utf-8"))
    assert {o["id"] for o in data["organizations"]} == {o.id for o in DIRECTORY.organizations}
    assert {r["id"] for r in data["resources"]} == {r.id for r in DIRECTORY.resources}
    orgs = list(csv.DictReader(io.StringIO((site_dir / "open-data" / "organizations.csv").read_text(encoding="utf-8"))))
    res = list(csv.DictReader(io.StringIO((site_dir / "open-data" / "resources.csv").read_text(encoding="utf-8"))))
    assert [r["id"] for r in orgs] == [o.id for o in DIRECTORY.organizations]
    assert [r["id"] for r in res] == [r.id for r in DIRECTORY.resources]
    hsds = json.loads((site_dir / "open-data" / "hsds" / "organizations.json").read_text(encoding="utf-8"))
    assert sorted(o["name"] for o in hsds) == sorted(o.name for o in DIRECTORY.organizations)
    for lang in LANGUAGES:
        page = (lang_dir(site_dir, lang) / "open-data" / "index.html").read_text(encoding="utf-8")
        assert "directory.json" in page and "CC BY 4.0" in page


def test_hsds_export_validates_against_the_official_schema(site_dir: Path) -> None:
    # The official compiled schema, kept in the repository so this runs in every checkout and CI.
    schema = json.loads(gzip.decompress((ROOT / "tests" / "fixtures" / "hsds-3.0" / "organization.json.gz").read_bytes()))
    shared = SHARED / "hsds-3.0" / "schema" / "compiled" / "organization.json"
    if shared.is_file():  # and, beside a checkout that has it, the very same file as the reference copy
        assert json.loads(shared.read_text(encoding="utf-8")) == schema
    cls = jsonschema.validators.validator_for(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    hsds = json.loads((site_dir / "open-data" / "hsds" / "organizations.json").read_text(encoding="utf-8"))
    assert len(hsds) == len(DIRECTORY.organizations)
    problems = [f"{o['name']}: {list(e.absolute_path)} {e.message}" for o in hsds for e in validator.iter_errors(o)]
    assert problems == []
    for org in hsds:
        for location in org["locations"]:
            assert "addresses" not in location and "latitude" not in location and "longitude" not in location
        assert org["services"], org["name"]


def test_no_street_address_fields_exist_in_any_schema() -> None:
    text = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "schemas").glob("*.json"))
    props = set(re.findall(r'"(\w+)":\s*\{', text))
    assert not props & {"street", "address", "address_1", "postcode", "postal_code", "latitude", "longitude",
                        "coordinates", "map"}


def test_one_search_document_per_entry(site_dir: Path) -> None:
    # Headings on entry pages carry no id, so the search index holds one lean document per entry.
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [d["location"] for d in index["docs"] if d["location"].startswith("directory/organizations/haart/")]
    assert locations == ["directory/organizations/haart/"]
    doc = next(d for d in index["docs"] if d["location"] == "directory/organizations/haart/")
    assert "Nairobi" in doc["text"] and "Counseling" in doc["text"]  # facts are searchable
    assert "Principles of Practice: A Global Learning" not in doc["text"]  # boilerplate is not
