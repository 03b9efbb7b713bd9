"""Warnings for a reviewer (popatlas.suspicious): small entries that must warn, real ones that must not.

Each fixture in tests/fixtures/warnings/ is a trimmed copy of a real entry with exactly one suspicious
change; expected.yml says where it is placed and the exact warning lines it must give.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from popatlas import suspicious
from popatlas.directory import load_directory
from popatlas.yamlload import Loaded, PathKey, load_file, load_text

from ..conftest import ROOT
from ..fixture_sets import assert_both_ways, assert_spec_shape, stems

FIXTURES = ROOT / "tests" / "fixtures" / "warnings"
EXPECTED: dict[str, dict] = yaml.safe_load((FIXTURES / "expected.yml").read_text(encoding="utf-8"))
STEMS = stems(FIXTURES)
TODAY = dt.date(2026, 11, 23)
WARNING_LINE = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): warning: (?P<field>[^:\s]+): ")
REAL_ENTRIES = sorted(p.relative_to(ROOT).as_posix()
                      for folder in ("organizations", "resources")
                      for p in (ROOT / "directory" / folder).rglob("*.yml"))


def warnings_for(path: PathKey, text: str) -> list[str]:
    """The warning messages `check` gives for one value placed at `path` in an otherwise empty entry."""
    value: Any = text
    for part in reversed(path):
        value = [value] if isinstance(part, int) else {part: value}
    assert isinstance(value, dict)
    return [p.message for p in suspicious.check(Loaded("entry.yml", data=value))]


# --- the fixtures and their expectations -------------------------------------------------------

def test_every_fixture_has_an_expectation_and_every_expectation_a_fixture() -> None:
    assert_both_ways(FIXTURES, EXPECTED)


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_expectation_is_well_formed(stem: str) -> None:
    spec = EXPECTED[stem]
    assert_spec_shape(stem, spec, "warnings")
    for line in spec["warnings"]:
        m = WARNING_LINE.match(line)
        assert m, line
        assert m["path"] == f"directory/{spec['place']}", line
        names = [name for name in re.split(r"[.\[\]\d]+", m["field"]) if name]
        assert any(stem.startswith(f"{name}_") for name in names), f"{stem} is not named after {m['field']}"


@pytest.mark.parametrize("stem", STEMS)
def test_fixture_gives_exactly_the_expected_warnings(stem: str) -> None:
    spec = EXPECTED[stem]
    loaded = load_text(f"directory/{spec['place']}", (FIXTURES / f"{stem}.yml").read_bytes())
    assert loaded.problems == []
    found = suspicious.check(loaded)
    assert [p.text() for p in found] == spec["warnings"]
    assert {p.severity for p in found} == {"warning"}


@pytest.mark.parametrize("stem", STEMS)
def test_fixture_is_otherwise_a_valid_entry(stem: str, tmp_path: Path) -> None:
    """Only the warning is wrong with it: the validator finds no error."""
    directory = tmp_path / "directory"
    target = directory / EXPECTED[stem]["place"]
    target.parent.mkdir(parents=True)
    shutil.copyfile(ROOT / "directory" / "taxonomy.yml", directory / "taxonomy.yml")
    shutil.copyfile(FIXTURES / f"{stem}.yml", target)
    result = load_directory(directory, today=TODAY)
    assert [p.text() for p in result.problems if p.severity == "error"] == []
    assert len(result.entries) == 1


# --- no false alarms ----------------------------------------------------------------------------

@pytest.mark.parametrize("rel", REAL_ENTRIES)
def test_real_entries_give_no_warnings(rel: str) -> None:
    loaded = load_file(ROOT / rel, rel)
    assert [p.text() for p in suspicious.check(loaded)] == []


def test_real_entries_are_all_checked() -> None:
    kinds = {rel.split("/")[1] for rel in REAL_ENTRIES}
    assert kinds == {"organizations", "resources"} and len(REAL_ENTRIES) >= 20


BENIGN: list[tuple[PathKey, str]] = [
    (("description", "en"), "Founded in 2010 to end human trafficking."),
    (("description", "en"), "Call +18883737888 or text HELP to 233733."),
    (("description", "en"), "Call +1 888 373 7888, or 911 in an emergency."),
    (("description", "en"), "Open 24 hours; open 24/7, 365 days a year."),
    (("description", "en"), "Serves 10000 people a year in 47 counties."),
    (("description", "en"), "Works with 300 street children in Nairobi."),
    (("description", "en"), "Helps 300 Nairobi street children and 40 Mombasa Road Safety volunteers."),
    (("description", "en"), "Route 66 of services: a guide in 12 steps."),
    (("description", "en"), "Published in 2015 by OTIP, US Department of Health and Human Services."),
    (("description", "en"), "Founded in 1995 in St. Louis, it now works in 12 states."),
    (("description", "en"), "See [the report](https://example.org/2020/05/12-main-street-report)."),
    (("description", "en"), "Write to info@haartkenya.org or help@haartkenya.org for referrals."),
    (("description", "en"), "Offers 360° care for 2SLGBTQIA+ survivors."),
    (("description", "en"), "Numbers rose from 1.5 million in 2019 to 2.25 million in 2021."),
    (("description", "en"), "Scores rose to 97.125, 99.375 and 100.250 points."),
    (("description", "es"), "Atiende las 24 horas del día a niñas y niños en situación de calle 7 días "
     "a la semana."),
    (("description", "fr"), "Elle répond aux appels 24 heures sur 24, 7 jours sur 7, au n° 119."),
    (("description", "ar"), "\u200fHAART\u200f منظمة كينية تعمل على مدار 24 ساعة يومياً "
     "مع أطفال الشوارع في 12 مدينة."),
    (("description", "ar"), "\u061cمنظمة كينية"),  # the Arabic letter mark belongs in Arabic text
    (("description", "fa"), "می\u200cخواهم کمک کنم"),  # ZWNJ is part of Persian spelling
    (("description", "hi"), "क्\u200dष"),  # ZWJ shapes a Devanagari conjunct
    (("description", "en"), "Proud to serve LGBTQIA+ survivors \U0001f3f3\ufe0f\u200d\U0001f308"),
    (("phones", 0, "hours"), "24 hours, every day"),
    (("phones", 0, "hours"), "Mon-Fri 09:00-17:00 EAT"),
    (("phones", 0, "hours"), "Mon–Fri 9am–5pm, Sat 10am–2pm"),
    (("locations", 0, "city"), "Lagos, Nigeria"),
    (("locations", 0, "region"), "Trinidad and Tobago"),
    (("locations", 0, "region"), "Nairobi County"),
    (("name",), "HAART Kenya — هارت"),
    (("name",), "NPO法人ライトハウス"),
    (("name",), "Άρσις – Arsis"),
    (("name",), "Łódź Foundation for São Paulo"),
    (("authors", 0), "José Müller-Łukasiewicz"),
    (("title",), "The Road to Freedom: 10 Stories"),
    (("title",), "Road 2030: A Strategy Against Child Trafficking"),
    (("email",), "info@haartkenya.org"),
    (("email",), "help.desk@example.org"),
    (("email",), "kenya.office@example.org"),
    (("email",), "no-reply@example.org"),
    (("email",), "contacto@example.org"),
    (("email",), "info+ke@example.org"),
    (("email",), "hotline24@example.org"),
    (("email",), "safehorizon@example.org"),
    (("email",), "haart.2010@example.org"),
    (("website",), "https://www.safehorizon.org/"),
    (("sources", 0, "url"), "https://www.acf.hhs.gov/otip/resource/htlasipractice"),
]


@pytest.mark.parametrize(("path", "text"), BENIGN)
def test_benign_text_gives_no_warning(path: PathKey, text: str) -> None:
    assert warnings_for(path, text) == []


# --- what each rule catches ---------------------------------------------------------------------

STREET = "looks like a street address ('{}')"
CAUGHT: list[tuple[PathKey, str, str]] = [
    (("name",), "Safe\u2060Horizon", "contains the invisible character U+2060 (WORD JOINER) at character 5"),
    (("name",), "HAART\ufeff",
     "contains the invisible character U+FEFF (ZERO WIDTH NO-BREAK SPACE) at character 6"),
    (("name",), "Safe\u200dHouse", "contains the invisible character U+200D (ZERO WIDTH JOINER) at character 5"),
    (("name",), "HAART\U000e0002",
     "contains the invisible character U+E0002 (unassigned character) at character 6"),
    (("name",), "Safe\u3164House", "contains the invisible character U+3164 (HANGUL FILLER) at character 5"),
    (("description", "ar"), "منظمة\u200bكينية",
     "contains the invisible character U+200B (ZERO WIDTH SPACE) at character 6"),
    (("phones", 0, "hours"), "\u061c24 hours",
     "contains the invisible character U+061C (ARABIC LETTER MARK) at character 1"),
    (("publisher",), "Sаfe Horizon", "the word 'Sаfe' mixes Latin and Cyrillic letters: character 2 is U+0430 "
     "(CYRILLIC SMALL LETTER A), which looks like the Latin 'a'"),
    (("name",), "Рaypal Trust", "the word 'Рaypal' mixes Latin and Cyrillic letters: character 1 is U+0420 "
     "(CYRILLIC CAPITAL LETTER ER), which looks like the Latin 'P'"),
    (("url",), "https://xn--80ak6aa92e.com/",
     "the domain 'xn--80ak6aa92e.com' is written in punycode and reads 'аррӏе.com'"),
    (("description", "en"), "Visit us at 12 Main Street.", STREET.format("12 Main Street")),
    (("description", "en"), "Our office is at 12 Ngong Rd. in Nairobi.", STREET.format("12 Ngong Rd.")),
    (("description", "en"), "Our office is on 5th Avenue.", STREET.format("5th Avenue")),
    (("description", "en"), "Near #12, Street 271, Phnom Penh.", STREET.format("Street 271")),
    (("description", "es"), "Calle 5 #12-30, Bogotá", STREET.format("Calle 5 #12-30")),
    (("description", "es"), "Carrera 7 # 40-62", STREET.format("Carrera 7 # 40-62")),
    (("description", "pt"), "Rua das Flores, 45, São Paulo", STREET.format("Rua das Flores, 45")),
    (("description", "fr"), "au 5, chemin des Vignes", STREET.format("5, chemin des Vignes")),
    (("description", "sw"), "Barabara ya Moi 12, Nairobi", STREET.format("Barabara ya Moi 12")),
    (("description", "ar"), "في 9 شارع الملك فهد", STREET.format("9 شارع")),
    (("locations", 0, "city"), "Manchester M1 1AE", "looks like a postcode ('M1 1AE')"),
    (("description", "en"), "ZIP code 10001", "looks like a postcode ('ZIP code 10001')"),
    (("description", "en"), "Austin, TX 78701-1234", "looks like a postcode ('TX 78701-1234')"),
    (("description", "en"), "at 40.7128,-74.0060", "looks like map coordinates ('40.7128,-74.0060')"),
    (("description", "en"), "at 1.2921° S, 36.8219° E",
     "looks like map coordinates ('1.2921° S, 36.8219° E')"),
    (("description", "en"), "[Write to us](mailto:jane.doe@example.org)",
     "looks like a personal e-mail address ('jane.doe@example.org')"),
    (("email",), "j.doe@example.org", "looks like a personal e-mail address ('j.doe@example.org')"),
    (("email",), "jane_doe@example.org", "looks like a personal e-mail address ('jane_doe@example.org')"),
    (("email",), "jane-doe@example.org", "looks like a personal e-mail address ('jane-doe@example.org')"),
]


@pytest.mark.parametrize(("path", "text", "message"), CAUGHT)
def test_suspicious_text_gives_one_warning(path: PathKey, text: str, message: str) -> None:
    assert warnings_for(path, text) == [message]


def test_a_field_gets_only_its_first_warning() -> None:
    assert warnings_for(("description", "en"), "At 12 Main\u200b Street, SW1A 1AA, jane.doe@x.org") == [
        "contains the invisible character U+200B (ZERO WIDTH SPACE) at character 11"]
    assert warnings_for(("name",), "Sаfe House, 12 Main Street") == [
        "the word 'Sаfe' mixes Latin and Cyrillic letters: character 2 is U+0430 (CYRILLIC SMALL LETTER A), "
        "which looks like the Latin 'a'"]
    assert warnings_for(("description", "en"), "SW1A 1AA, near 12 Main Street") == [
        "looks like a street address ('12 Main Street')"]


def test_look_alike_letters_are_checked_only_in_names_and_domains() -> None:
    assert warnings_for(("description", "en"), "Sаfe Horizon runs a hotline for survivors.") == []
    assert warnings_for(("sources", 0, "title"), "Sаfe Horizon annual report") == []


def test_each_field_is_checked_and_located() -> None:
    loaded = load_text("entry.yml", "name: Sаfe\nemail: jane.doe@x.org\nlocations:\n  - city: \"a\\u200bb\"\n"
                       .encode("utf-8"))
    assert [(p.line, p.col, p.field, p.severity) for p in suspicious.check(loaded)] == [
        (1, 7, "name", "warning"), (2, 8, "email", "warning"), (4, 11, "locations[0].city", "warning")]


@pytest.mark.parametrize("data", [None, [], "text", {}])
def test_nothing_to_check(data: Any) -> None:
    assert suspicious.check(Loaded("entry.yml", data=data)) == []
