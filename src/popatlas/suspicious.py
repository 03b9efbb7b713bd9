"""Warnings a reviewer must see in a contributed entry, though the entry may be right.

Three kinds, checked in this order on every text value, at most one warning per field:
invisible characters, look-alike letters in names and domains, and personal data or exact
places (street addresses, postcodes, map coordinates, a named person's e-mail address).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any, Callable, Iterator
from urllib.parse import urlsplit

from confusable_homoglyphs import categories, confusables

from .identity import is_slug
from .problems import Problem
from .yamlload import Loaded, PathKey, field_path

Finding = tuple[str, str]  # (message, hint)

# --- invisible characters ------------------------------------------------------------------------

ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
DIRECTION_MARKS = frozenset("\u200e\u200f\u061c")  # LRM, RLM, ALM
ZWJ = "\u200d"
JOINERS = frozenset({"\u200c", ZWJ})  # ZWNJ, ZWJ
EMOJI_PRESENTATION = "\ufe0f"  # VS16
# Not format characters, but they show as nothing or as blank space.
BLANK_LOOKING = frozenset("\u034f\u115f\u1160\u3164\uffa0\u2028\u2029")
C1_CONTROLS = range(0x80, 0xA0)
TAG_CHARACTERS = range(0xE0000, 0xE0080)
# Scripts whose ordinary spelling puts ZWNJ or ZWJ between letters (Persian, Urdu, Indic scripts).
JOINING_SCRIPTS = frozenset({"ARABIC", "SYRIAC", "DEVANAGARI", "BENGALI", "GURMUKHI", "GUJARATI", "ORIYA",
                             "TAMIL", "TELUGU", "KANNADA", "MALAYALAM", "SINHALA"})
INVISIBLE_HINT = "delete it: invisible characters can disguise a name or address"
DIRECTION_HINT = "delete it: direction marks are only needed inside right-to-left text such as Arabic"

# --- look-alike letters --------------------------------------------------------------------------

NAME_FIELDS = frozenset({"name", "title", "publisher"})
NAME_LIST_FIELDS = frozenset({"also_known_as", "authors"})
URL_FIELDS = frozenset({("website",), ("url",)})
NEUTRAL_SCRIPTS = frozenset({"COMMON", "INHERITED"})  # digits, punctuation, combining marks
# Scripts that are written together inside one word (Japanese, Korean, Chinese with phonetics).
WRITTEN_TOGETHER = (frozenset({"HAN", "HIRAGANA", "KATAKANA"}), frozenset({"HAN", "HANGUL"}),
                    frozenset({"HAN", "BOPOMOFO"}))
# Any mix of these inside one word is suspicious: most of their letters have twins in the others.
LOOKALIKE_SCRIPTS = frozenset({"LATIN", "GREEK", "CYRILLIC"})
LOOKALIKE_HINT = "retype the word in one alphabet: look-alike letters can make a fake name pass for a real one"
DOMAIN_HINT = ("check that this is the organization's real domain: look-alike letters can imitate "
               "another site")

# --- personal data and exact places --------------------------------------------------------------

_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"  # a capitalised name word: Main, O'Connell, St.
_CONNECTOR = r"(?:de|del|du|des|la|le|les|las|los|el|da|das|do|dos|ya|wa)"
# A house number: not part of a longer number, phone or date, and not a year.
_NUM = r"(?<![\w.,+/-])(?!(?:19|20)\d\d\b)\d{1,5}(?!\d)(?:\s?(?:bis|ter)\b|[A-Za-z]{1,2}\b)?"
_PLATE = r"(?:\s*(?:#|No\.?|N[º°]|n[º°])\s*\d+(?:\s*-\s*\d+)?)?"  # Colombian "Calle 5 #12-30"
# A count of hours, days or times is not a house number ("en la calle 24 horas").
_NOT_A_COUNT = (r"(?!\s*(?:%|(?i:h|hrs?|hours?|horas?|heures?|d[ií]as?|days?|jours?|a[ñn]os?|years?|ans|"
                r"veces|times|fois|km|meters?|metros?|minutes?|minutos?)\b))")
# English words that follow "street" or "road" without making an address ("300 Nairobi street children").
_NOT_AN_ADDRESS_AFTER = (r"(?!\s+(?i:children|kids|youth|girls|boys|families|vendors|workers|people|sellers|"
                         r"life|living|outreach|safety|level|based|connected|involved|harassment|situations?)\b)")
_TAIL = rf"(?:\s+(?:{_CONNECTOR}\s+)*(?:[dl]['’])?{_CAP}){{0,3}}"  # "de la Paix" after "12 rue"
STREET_ADDRESS = re.compile("|".join([
    # 12 Main Street, 14 Argwings Kodhek Road
    rf"{_NUM}\s+(?:{_CAP}\s+){{1,3}}(?i:(?:street|road|avenue|lane|boulevard)\b|(?:st|rd|ave|blvd)\b\.?)"
    rf"{_NOT_AN_ADDRESS_AFTER}",
    # 12 rue de la Paix, 5, chemin des Vignes
    rf"{_NUM},?\s+(?i:(?:rue|avenue|boulevard|bd|chemin|allée|impasse|quai)\b|av\.){_TAIL}",
    # 9 شارع
    rf"{_NUM}\s+شارع\b",
    # Calle 5 #12-30, Avenida Arequipa 2450, Rua das Flores, 45, Barabara ya Moi 12, شارع 9
    rf"(?<!\w)(?i:calle|avenida|avda\.?|av\.|rua|barabara)(?:\s+(?:{_CONNECTOR}\s+)*{_CAP}){{0,3}},?\s+"
    rf"(?:(?:No\.?|N[º°]|n[º°]|#)\s*)?{_NUM}{_PLATE}{_NOT_A_COUNT}",
    # Street 271 (Phnom Penh), Carrera 7 (Bogotá): the street word right before its number
    rf"(?<!\w)(?:شارع|(?i:carrera|cra\.?|street|road|avenue|lane))\s+(?:(?:No\.?|#)\s*)?{_NUM}{_PLATE}"
    rf"{_NOT_A_COUNT}",
]))
US_STATES = ("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM "
             "NY NC ND OH OK OR PA PR RI SC SD TN TX UT VT VA VI WA WV WI WY GU AS MP").split()
POSTCODE = re.compile("|".join([
    # UK: SW1A 1AA, M1 1AE (the letters a postcode never uses are left out)
    r"(?<![\w-])[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}(?![\w-])",
    # US ZIP only after a state code or the word ZIP: a bare five-digit number is too common
    rf"(?<![\w-])(?:(?:{'|'.join(US_STATES)}),?|(?i:zip(?:\s*code)?)\s*:?)\s+\d{{5}}(?:-\d{{4}})?(?![\w-])",
]))
# Two decimals with three or more places; a full stop may end the sentence after them.
COORDINATE_PAIR = re.compile(r"(?<![\d.])(-?\d{1,3}\.\d{3,})\s*,\s*(-?\d{1,3}\.\d{3,})(?!\d|\.\d)")
_DEGREES = r"\d{1,3}(?:[.,]\d+)?\s?°"
_MINUTES = r"\s?\d{1,2}(?:[.,]\d+)?\s?['′’](?:\s?\d{1,2}(?:[.,]\d+)?\s?(?:[\"″”]|''))?"
_POSITION = rf"{_DEGREES}(?:{_MINUTES}(?:\s?[NSEWO]\b)?|\s?[NSEWO]\b)"  # 1°17′S, 36.82° E
DEGREES = re.compile(rf"{_POSITION}(?:\s?,?\s?{_POSITION})?")
_DIGIT_OR_AT = re.compile(r"[\d@]")
_NUMBERS_ONLY = re.compile(r"[\d+\-.:T]+")  # dates, phone numbers, fingerprints: never a place
EMAIL = re.compile(r"(?<![\w.+-])([\w.+-]+)@((?:[\w-]+\.)+[^\W\d_]{2,})(?![\w-])")
# Local parts that name a role, not a person (info@, contacto@, msaada@ ...).
ROLE_WORDS = frozenset("""
    info information contact contacts contactus help helpdesk helpline hotline office admin administration
    support hello enquiries enquiry inquiries inquiry referrals referral intake media press news mail
    team general reception secretariat programs programmes program programme services service volunteer
    volunteers donate donations giving fundraising partnerships partners communications comms webmaster
    web noreply reply ask report reports reporting tips crisis emergency safeguarding legal counseling
    counselling outreach training education research data privacy feedback complaints jobs careers hr
    finance accounts membership events shelter casework cases coordinator director board staff desk
    contacto ayuda informacion oficina prensa comunicaciones denuncias atencion voluntariado
    accueil aide bonjour
    contato ajuda
    msaada habari ofisi
""".split())
# A person's name run into a birth year: janedoe1980@.
NAME_AND_YEAR = re.compile(r"[^\W\d_]{4,}(?:19|20)\d\d")
PLACE_HINT = "shelter and office addresses are never published: keep only the city or region"
POSTCODE_HINT = "a postcode narrows a place down to a few streets: keep only the city or region"
COORDINATES_HINT = "a map position can lead someone to a shelter: keep only the city or region"
EMAIL_HINT = "use a role address such as info@ or help@; never a named person's"


def check(loaded: Loaded) -> list[Problem]:
    """Warnings for one loaded entry: at most one per field, in document order."""
    problems: list[Problem] = []
    for path, text in _strings(loaded.data, ()):
        found = _first_finding(path, text)
        if found:
            line, col = loaded.where(path)
            problems.append(Problem(loaded.path, line, col, field_path(path), *found, severity="warning"))
    return problems


def _strings(value: Any, path: PathKey) -> Iterator[tuple[PathKey, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, path + (i,))
    elif isinstance(value, str):
        yield path, value


def _first_finding(path: PathKey, text: str) -> Finding | None:
    rules: tuple[Callable[[PathKey, str], Finding | None], ...] = (_invisible, _lookalike, _private)
    for rule in rules:
        found = rule(path, text)
        if found:
            return found
    return None


# --- invisible characters ------------------------------------------------------------------------

def _invisible(path: PathKey, text: str) -> Finding | None:
    if (text.isascii() and text.isprintable()) or not any(_may_be_invisible(ch) for ch in set(text)):
        return None  # the common case, decided on the distinct characters only
    for i, ch in enumerate(text):
        if _is_invisible(text, i):
            hint = DIRECTION_HINT if ch in DIRECTION_MARKS else INVISIBLE_HINT
            return (f"contains the invisible character U+{ord(ch):04X} ({_char_name(ch)}) "
                    f"at character {i + 1}", hint)
    return None


def _may_be_invisible(ch: str) -> bool:
    """Whether `ch` could be reported by _is_invisible, whatever surrounds it."""
    if ch.isascii():
        return not ch.isprintable() and ch not in "\n\t"
    return (ch in DIRECTION_MARKS or ch in JOINERS or ch == ZWJ or ch in ZERO_WIDTH or ch in BLANK_LOOKING
            or unicodedata.category(ch) == "Cf" or ord(ch) in C1_CONTROLS or ord(ch) in TAG_CHARACTERS)


def _char_name(ch: str) -> str:
    fallback = "control character" if unicodedata.category(ch) == "Cc" else "unassigned character"
    return unicodedata.name(ch, fallback)


def _is_invisible(text: str, i: int) -> bool:
    ch = text[i]
    if ch in DIRECTION_MARKS:
        return not _has_rtl_letters(text)
    if ch in JOINERS and _between_joining_letters(text, i):
        return False
    if ch == ZWJ and _between_emoji(text, i):
        return False
    return (ch in ZERO_WIDTH or ch in BLANK_LOOKING or unicodedata.category(ch) == "Cf"
            or ord(ch) in C1_CONTROLS or ord(ch) in TAG_CHARACTERS)


def _has_rtl_letters(text: str) -> bool:
    # Letters only: the Arabic letter mark is itself a right-to-left character.
    return any(unicodedata.bidirectional(ch) in ("R", "AL") and unicodedata.category(ch)[0] == "L"
               for ch in text)


def _between_joining_letters(text: str, i: int) -> bool:
    if i == 0 or i + 1 >= len(text):
        return False
    before, after = categories.alias(text[i - 1]), categories.alias(text[i + 1])
    return before == after and before in JOINING_SCRIPTS


def _between_emoji(text: str, i: int) -> bool:
    """ZWJ inside an emoji sequence such as a rainbow flag (the first part may end in VS16)."""
    if i == 0 or i + 1 >= len(text):
        return False
    before = text[i - 2] if text[i - 1] == EMOJI_PRESENTATION and i >= 2 else text[i - 1]
    return unicodedata.category(before) == "So" and unicodedata.category(text[i + 1]) == "So"


# --- look-alike letters --------------------------------------------------------------------------

def _lookalike(path: PathKey, text: str) -> Finding | None:
    if _is_name_field(path):
        return _mixed_script_word(text)
    host = _host(path, text)
    return _domain(host) if host else None


def _is_name_field(path: PathKey) -> bool:
    return ((len(path) == 1 and path[0] in NAME_FIELDS)
            or (len(path) == 2 and path[0] in NAME_LIST_FIELDS and isinstance(path[1], int)))


def _host(path: PathKey, text: str) -> str | None:
    if path == ("email",) or (len(path) == 3 and path[0] == "channels" and path[2] == "email"):
        return text.rpartition("@")[2] or None
    if path in URL_FIELDS or (len(path) == 3 and path[0] in ("sources", "channels") and path[2] == "url"):
        try:
            return urlsplit(text).hostname
        except ValueError:
            return None  # the schema reports a malformed address
    return None


def _domain(host: str) -> Finding | None:
    if not host.isascii():
        try:
            ascii_form = f"its ASCII form is '{host.encode('idna').decode('ascii')}'"
        except UnicodeError:
            ascii_form = "it has no valid ASCII form"
        return f"the domain '{host}' has letters outside a-z ({ascii_form})", DOMAIN_HINT
    if any(label.startswith("xn--") for label in host.split(".")):
        try:
            reads = f"reads '{host.encode('ascii').decode('idna')}'"
        except UnicodeError:
            reads = "is not valid punycode"
        return f"the domain '{host}' is written in punycode and {reads}", DOMAIN_HINT
    return None


def _mixed_script_word(text: str) -> Finding | None:
    for start, word in _words(text):
        if word.isascii():
            continue  # a-z, digits and punctuation: one script
        scripts = categories.unique_aliases(word) - NEUTRAL_SCRIPTS
        if len(scripts) < 2 or any(scripts <= together for together in WRITTEN_TOGETHER):
            continue
        main = _main_script(word)
        odd = _odd_letter(word, main)
        if odd is None:
            continue
        i, twin = odd
        ch = word[i]
        looks = f", which looks like the {_script_name(main)} '{twin}'" if twin else ""
        return (f"the word '{word}' mixes {_script_name(main)} and {_script_name(categories.alias(ch))} "
                f"letters: character {start + i + 1} is U+{ord(ch):04X} ({unicodedata.name(ch, '?')}){looks}",
                LOOKALIKE_HINT)
    return None


def _words(text: str) -> Iterator[tuple[int, str]]:
    """(start, word) for every run of letters, marks and digits."""
    start: int | None = None
    for i, ch in enumerate(text + " "):
        inside = unicodedata.category(ch)[0] in "LMN"
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            yield start, text[start:i]
            start = None


def _main_script(word: str) -> str:
    """The script of most of the word's letters (the first letter's on a tie)."""
    scripts = [s for s in map(categories.alias, word) if s not in NEUTRAL_SCRIPTS]
    return max(dict.fromkeys(scripts), key=scripts.count)


def _odd_letter(word: str, main: str) -> tuple[int, str] | None:
    """(index, look-alike in the main script or "") of the first letter that betrays a mix."""
    suspect: tuple[int, str] | None = None
    for i, ch in enumerate(word):
        script = categories.alias(ch)
        if script in NEUTRAL_SCRIPTS or script == main:
            continue
        twin = _twin(ch, main)
        if twin:
            return i, twin
        if suspect is None and {script, main} <= LOOKALIKE_SCRIPTS:
            suspect = i, ""
    return suspect


def _twin(ch: str, script: str) -> str:
    """A character of `script` that `ch` can be mistaken for, or ""."""
    twins = [str(glyph["c"]) for glyph in confusables.confusables_data.get(ch, [])
             if all(categories.alias(c) == script for c in glyph["c"])]
    return min(twins, key=lambda twin: not twin.isascii(), default="")  # an ASCII twin if there is one


def _script_name(alias: str) -> str:
    return alias.replace("_", " ").title()


# --- personal data and exact places --------------------------------------------------------------

def _private(path: PathKey, text: str) -> Finding | None:
    if not _DIGIT_OR_AT.search(text) or _NUMBERS_ONLY.fullmatch(text) or is_slug(text):
        return None  # every pattern below needs a digit or an @ among words: most text is decided here
    if m := STREET_ADDRESS.search(text):
        return f"looks like a street address ('{_quote(m[0])}')", PLACE_HINT
    if m := POSTCODE.search(text):
        return f"looks like a postcode ('{_quote(m[0])}')", POSTCODE_HINT
    if coordinates := _coordinates(text):
        return f"looks like map coordinates ('{_quote(coordinates)}')", COORDINATES_HINT
    for m in EMAIL.finditer(text):
        if _is_personal(m[1]):
            return f"looks like a personal e-mail address ('{_quote(m[0])}')", EMAIL_HINT
    return None


def _coordinates(text: str) -> str:
    for m in COORDINATE_PAIR.finditer(text):
        if abs(float(m[1])) <= 90 and abs(float(m[2])) <= 180:
            return m[0]
    m = DEGREES.search(text)
    return m[0] if m else ""


def _is_personal(local: str) -> bool:
    """Whether an address's local part looks like a person's name rather than a role."""
    local = local.lower().split("+", 1)[0]
    tokens = [t.rstrip("0123456789") for t in re.split(r"[._-]+", local)]
    if re.sub(r"[._-]", "", local) in ROLE_WORDS or any(t in ROLE_WORDS for t in tokens):
        return False
    if 2 <= len(tokens) <= 3 and all(t.isalpha() for t in tokens):
        return True  # jane.doe, j.doe, jane_m_doe
    return bool(NAME_AND_YEAR.fullmatch(local)) and not any(
        local.startswith(w) for w in ROLE_WORDS if len(w) >= 4)


def _quote(text: str) -> str:
    text = text.strip().rstrip(",")
    return text if len(text) <= 60 else text[:57] + "..."
