"""Emergency numbers come from libphonenumber's short-number data, never from a hand-typed list:
every number a card can show is an emergency number for its region in the library, and the
sourced notes file can only describe a number the library lists."""
from __future__ import annotations

import shutil
from pathlib import Path

import phonenumbers
import pytest
from phonenumbers import shortnumberinfo

from popatlas import emergency
from popatlas.directory import load_directory

from ..conftest import ROOT

NOTE = '''  - region: {region}
    number: "{number}"
    services: [{services}]
    source:
      title: A page that says so
      url: https://www.example.org/emergency
'''


def test_every_region_the_library_knows_gets_numbers_the_library_confirms() -> None:
    regions = emergency.regions()
    assert set(regions) == set(phonenumbers.SUPPORTED_REGIONS) and len(regions) >= 240
    shown_somewhere = 0
    for region in regions:
        card = emergency.for_region(region)
        assert len(set(card.numbers)) == len(card.numbers)
        for number in card.numbers:
            assert shortnumberinfo.is_emergency_number(number, region), (region, number)
        shown_somewhere += bool(card.numbers)
        assert card.left_out == len(emergency.library_numbers(region)) - len(card.numbers)
    assert shown_somewhere >= 235  # a handful of territories have no short-number data


def test_kenya_chad_and_the_order_of_numbers() -> None:
    assert set(emergency.for_region("KE").numbers) == {"999", "112", "114"}
    assert emergency.for_region("TD").numbers == ("17", "18")
    assert emergency.for_region("US").numbers[0] == "911"  # the North American plan's own number first
    assert emergency.for_region("GB").numbers == ("112", "999")
    assert emergency.for_region("MX").numbers[0] == "911"  # the only one of the two Mexico lists


def test_only_a_range_of_service_lines_is_left_out_and_112_comes_first() -> None:
    gabon = emergency.for_region("GA")
    assert not any(n.startswith("13") for n in gabon.numbers) and gabon.left_out >= 100
    # Three-digit blocks are real numbers: Czechia's fire (150), ambulance (155), police (158).
    assert {"150", "155", "158"} <= set(emergency.for_region("CZ").numbers)
    assert "103" in emergency.for_region("RU").numbers  # nothing is cut to fit a count
    for region in ("IN", "RU", "LT", "CZ", "ES", "KE", "GB"):
        assert emergency.for_region(region).numbers[0] == "112", region


def test_a_country_an_entry_serves_has_a_card_even_without_phone_data() -> None:
    assert "PN" not in emergency.regions() and "PN" in emergency.regions(["PN", "KE"])
    assert emergency.for_region("PN").numbers == ()


def _tree(tmp_path: Path, notes: str) -> Path:
    directory = tmp_path / "directory"
    directory.mkdir()
    shutil.copy(ROOT / "directory" / "taxonomy.yml", directory)
    (directory / "emergency-numbers.yml").write_text("notes:\n" + notes, encoding="utf-8")
    return directory


MISTAKES = {
    "a number the library does not list": (
        NOTE.format(region="KE", number="998", services="police"),
        "directory/emergency-numbers.yml:3:13: error: notes[0].number: 998 is not an emergency number for KE in "
        f"libphonenumber {phonenumbers.__version__} (it lists: 112, 114, 999) (a note can only describe a number the "
        "library lists; report a missing number to libphonenumber)"),
    "a region the library does not know": (
        NOTE.format(region="ZZ", number="112", services="police"),
        "directory/emergency-numbers.yml:2:13: error: notes[0].region: 'ZZ' is not a region libphonenumber knows "
        "(use the country's ISO 3166-1 code in capitals, such as KE)"),
    "a service that does not exist": (
        NOTE.format(region="KE", number="112", services="cops"),
        "directory/emergency-numbers.yml:4:16: error: notes[0].services[0]: 'cops' is not one of the allowed values "
        "(use one of: general, police, ambulance, fire)"),
    "two notes for one number": (
        NOTE.format(region="KE", number="999", services="police") + NOTE.format(region="KE", number="999", services="fire"),
        "directory/emergency-numbers.yml:9:13: error: notes[1].number: KE 999 has a note already (keep one note per number)"),
}


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_each_mistake_in_the_notes_is_named_with_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         mistake: str) -> None:
    monkeypatch.chdir(tmp_path)
    notes, expected = MISTAKES[mistake]
    loaded = load_directory(_tree(tmp_path, notes))
    assert [p.text() for p in loaded.problems] == [expected]
    assert loaded.emergency_notes == ()


def test_all_mistakes_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    loaded = load_directory(_tree(tmp_path, "".join(notes for notes, _ in MISTAKES.values())))
    assert len(loaded.problems) == len(MISTAKES), [p.text() for p in loaded.problems]


def test_a_sourced_note_puts_its_number_first_with_its_services(tmp_path: Path) -> None:
    loaded = load_directory(_tree(tmp_path, NOTE.format(region="KE", number="999", services="police, ambulance")))
    assert loaded.problems == []
    card = emergency.for_region("KE", loaded.emergency_notes)
    assert card.numbers[0] == "999" and card.services == {"999": ("police", "ambulance")}
    assert card.sources[0].source.url == "https://www.example.org/emergency"


def test_the_real_notes_file_is_valid() -> None:
    directory = load_directory(ROOT / "directory")
    assert [p for p in directory.problems if "emergency-numbers" in p.path] == []


def test_a_line_break_at_the_end_is_not_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """JSON Schema's `$` is the very end of the text; Python's also matches before a last newline."""
    monkeypatch.chdir(tmp_path)
    notes = '  - region: KE\n    number: "999\\n"\n    services: [police]\n    source:\n      title: |\n        A page\n' \
            '      url: https://www.example.org/emergency\n'
    loaded = load_directory(_tree(tmp_path, notes))
    assert [p.text() for p in loaded.problems] == [
        "directory/emergency-numbers.yml:3:13: error: notes[0].number: '999\\u000a' is not valid: "
        "The number as dialled: 2 to 6 digits (example: 999)",
        "directory/emergency-numbers.yml:6:14: error: notes[0].source.title: 'A page\\u000a' is not valid: One line of "
        "plain text, not only spaces: no HTML tags (< or >), no control or text-direction override characters "
        "(example: Emergency numbers, national police service)"]


def test_ecma_anchors_only_rewrite_an_end_of_text_dollar() -> None:
    from popatlas.schemas import ecma_anchors
    assert ecma_anchors(r"^[0-9]+$") == r"^[0-9]+\Z"
    assert ecma_anchors(r"^[^$]+$") == r"^[^$]+\Z"  # a dollar inside a class is a dollar
    assert ecma_anchors(r"^a\$b$") == r"^a\$b\Z"     # so is an escaped one
    assert ecma_anchors(r"^(a$|b$)") == r"^(a\Z|b\Z)"
