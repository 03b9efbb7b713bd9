"""Emergency numbers for every country and territory, derived from libphonenumber's
short-number metadata (the `phonenumbers` package, the dialer library behind Android) when
the site is built. No number is typed by hand: a sourced annotation file
(directory/emergency-numbers.yml) may only say which service answers a number the library
already lists, and put it first."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Iterable

import phonenumbers
from phonenumbers import PhoneMetadata, shortnumberinfo

from .model import EmergencyNote

LIBRARY = "libphonenumber"
VERSION = phonenumbers.__version__


@dataclass(frozen=True)
class EmergencyNumbers:
    region: str
    numbers: tuple[str, ...]           # in the order the card shows them
    services: dict[str, tuple[str, ...]]  # number -> services, where an annotation names them
    sources: tuple[EmergencyNote, ...]  # the annotations used, each with its source
    left_out: int                      # numbers the library lists that the card does not show


def regions(also: Iterable[str] = (), only: Iterable[str] = ()) -> tuple[str, ...]:
    """Every region libphonenumber knows (ISO 3166-1 codes and a few territories such as AC, TA,
    XK), or only those in `only` when it names any, and any other country code in `also` (those
    the directory's entries serve): every country page an entry links to exists, with or
    without emergency numbers."""
    chosen = set(only) or set(phonenumbers.SUPPORTED_REGIONS)
    return tuple(sorted(chosen | set(also)))


@cache
def library_numbers(region: str) -> tuple[str, ...]:
    """Every number the library calls an emergency number in `region`: the numbers its
    pattern matches at its possible lengths, each confirmed by `is_emergency_number`."""
    metadata = PhoneMetadata.short_metadata_for_region(region)
    desc = metadata.emergency if metadata else None
    if desc is None or not desc.national_number_pattern:
        return ()
    pattern = re.compile(desc.national_number_pattern)
    lengths = desc.possible_length or metadata.general_desc.possible_length or (2, 3)
    found = [s for length in sorted(set(lengths)) if 0 < length <= 6
             for s in (str(i).zfill(length) for i in range(10 ** length)) if pattern.fullmatch(s)]
    return tuple(n for n in found if shortnumberinfo.is_emergency_number(n, region))


def example_number(region: str) -> str:
    metadata = PhoneMetadata.short_metadata_for_region(region)
    desc = metadata.emergency if metadata else None
    return (desc.example_number or "") if desc else ""


def _in_blocks(numbers: tuple[str, ...]) -> set[str]:
    """Numbers of four digits or more that fill a whole block of ten (1300–1309…): a range of
    service lines, not a number anyone is told to call. Three-digit blocks are kept: Czechia's
    150–159 are its fire, ambulance and police numbers."""
    by_stem: dict[str, list[str]] = {}
    for n in numbers:
        by_stem.setdefault(n[:-1], []).append(n)
    return {n for stem, group in by_stem.items() if len(stem) >= 3 and len(group) >= 10 for n in group}


def _standard(region: str) -> tuple[str, ...]:
    """112 and 911, which GSM phones treat as emergency calls wherever they are (3GPP TS 22.101);
    911 first in the North American numbering plan, where it is the number everyone is taught."""
    return ("911", "112") if phonenumbers.country_code_for_region(region) == 1 else ("112", "911")


def for_region(region: str, notes: tuple[EmergencyNote, ...] = ()) -> EmergencyNumbers:
    """Every emergency number the library lists for the region, in this order: annotated ones
    (in the file's order); 112 and 911, which work from any mobile phone; the library's example
    number for the region; then the rest, shortest first. Only whole ranges of service lines
    are left out (and counted): a cut that hid an ambulance number would be worse than a long list."""
    numbers = library_numbers(region)
    mine = [n for n in notes if n.region == region and n.number in numbers]
    standard = [n for n in _standard(region) if n in numbers]
    example = example_number(region)
    blocks = _in_blocks(numbers)
    first = [n.number for n in mine] + standard + ([example] if example in numbers else [])
    rest = sorted((n for n in numbers if n not in blocks), key=lambda n: (len(n), n))
    shown = tuple(dict.fromkeys(first + rest))
    return EmergencyNumbers(region, shown, {n.number: n.services for n in mine}, tuple(mine),
                            left_out=len(numbers) - len(shown))


def source_text() -> str:
    return f"{LIBRARY} {VERSION}"


__all__ = ["EmergencyNumbers", "regions", "library_numbers", "for_region", "source_text", "VERSION"]
