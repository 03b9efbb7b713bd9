"""Semantic rules: what a schema cannot say (real countries, real phones, dates, files)."""
from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import zoneinfo
from functools import cache, lru_cache
from importlib import resources
from pathlib import PurePosixPath
from typing import Any, Iterator

import langcodes
import phonenumbers
from phonenumbers import shortnumberinfo
import pycountry

from . import sanitize
from .identity import is_slug
from .model import Taxonomy
from .problems import Problem
from .yamlload import Loaded, PathKey, field_path

# Ids whose page would take the place of a generated one (directory/resources/index is the list page).
RESERVED_IDS = frozenset({"index"})

# Facts a reader may act on or trust an organization for: each needs a source whose `covers` names it.
SOURCED_FIELDS = {
    "organization": ("founded", "website", "email", "phones", "channels", "populations", "languages", "principles"),
    "resource": ("authors", "year", "phones", "channels", "languages", "principles"),
}


@lru_cache(maxsize=None)
def country_exists(code: str) -> bool:
    return pycountry.countries.get(alpha_2=code) is not None


@lru_cache(maxsize=None)
def language_exists(tag: str) -> bool:
    try:
        return langcodes.tag_is_valid(tag) and langcodes.Language.get(tag).language is not None
    except (ValueError, LookupError):
        return False


@lru_cache(maxsize=None)
def phone_problem(number: str) -> str:
    """Empty when the number is a valid international number, else what is wrong."""
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException as exc:
        if exc.error_type == phonenumbers.NumberParseException.INVALID_COUNTRY_CODE:
            return f"'{number}' does not start with a known country calling code"
        return f"'{number}' cannot be read as a phone number"
    if not phonenumbers.is_valid_number(parsed):
        return f"'{number}' is not a valid phone number for its country code +{parsed.country_code}"
    return ""


class Checker:
    """Runs the rules over one loaded file, appending problems."""

    def __init__(self, loaded: Loaded, rel: PurePosixPath, today: dt.date) -> None:
        self.loaded = loaded
        self.rel = rel
        self.today = today
        self.problems: list[Problem] = []

    def add(self, path: PathKey, message: str, hint: str = "", key: bool = False) -> None:
        # A problem with the file as a whole points at its first line.
        line, col = self.loaded.where(path, key=key) if path else (1, 1)
        self.problems.append(Problem(self.loaded.path, line, col, field_path(path), message, hint))

    def each(self, path: PathKey) -> Iterator[tuple[PathKey, Any]]:
        """(path, value) for every item of a list field that exists."""
        value = self.get(path)
        if isinstance(value, list):
            for i, item in enumerate(value):
                yield path + (i,), item

    def get(self, path: PathKey) -> Any:
        value: Any = self.loaded.data
        for part in path:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return None
        return value


def check_entry(c: Checker, kind: str, taxonomy: Taxonomy | None) -> None:
    data = c.loaded.data
    _check_file_name(c)
    countries: list[tuple[PathKey, str]] = []
    if kind == "organization":
        countries += [((*p, "country"), loc.get("country")) for p, loc in c.each(("locations",))
                      if isinstance(loc, dict)]
        countries += list(c.each(("countries_served",)))
        _check_country_folder(c, [v for _, v in countries if isinstance(v, str)])
        if taxonomy:
            _check_terms(c, ("services",), taxonomy.services, "services")
            _check_terms(c, ("populations",), taxonomy.populations, "populations")
    else:
        countries += list(c.each(("countries",)))
        if taxonomy and isinstance(data.get("kind"), str) and data["kind"] not in taxonomy.resource_kinds:
            c.add(("kind",), f"'{data['kind']}' is not a resource kind in directory/taxonomy.yml",
                  "use one of: " + ", ".join(sorted(taxonomy.resource_kinds)))
    for path, code in countries:
        if isinstance(code, str) and len(code) == 2 and code.isupper() and not country_exists(code):
            c.add(path, f"'{code}' is not an ISO 3166-1 country code", "look it up: Kenya is KE, Peru is PE")
    _check_placeholders(c, (), data)
    _check_covered(c, kind)
    _check_languages(c)
    _check_phones(c)
    _check_channels(c)
    if isinstance(data.get("email"), str):
        _check_email(c, ("email",), data["email"])
    _check_urls(c)
    _check_markdown(c)
    _check_dates(c)


def _check_placeholders(c: Checker, path: PathKey, value: Any) -> None:
    """Template placeholders left in (popatlas new writes TODO where facts are needed)."""
    if isinstance(value, dict):
        for key, item in value.items():
            _check_placeholders(c, path + (key,), item)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_placeholders(c, path + (i,), item)
    elif isinstance(value, str) and value.startswith("TODO"):
        c.add(path, "still holds the template's TODO placeholder", "replace it with the real value")


def _fields(name: str) -> frozenset[str]:
    schema = json.loads(resources.files("popatlas").joinpath(f"schemas/{name}.schema.json").read_text(encoding="utf-8"))
    return frozenset(schema["properties"])


ENTRY_FIELDS = {"organization": _fields("organization"), "resource": _fields("resource")}


def _trust_keys() -> frozenset[str]:
    schema = json.loads(resources.files("popatlas").joinpath("schemas/defs.schema.json").read_text(encoding="utf-8"))
    return frozenset(schema["$defs"]["trust"]["properties"])


TRUST_KEYS = _trust_keys()


def _check_covered(c: Checker, kind: str) -> None:
    """A sourced fact with no source that covers it (e.g. `principles` that no source says it follows)."""
    covered = _check_covers_names(c, kind)
    for field in SOURCED_FIELDS.get(kind, ()):
        if c.loaded.data.get(field, []) not in ([], None) and field not in covered:
            c.add((field,), "no source covers this fact",
                  f"add {field} to the covers list of the source that states it, or remove {field}", key=True)
    trust = c.get(("trust",))
    if isinstance(trust, dict):
        for key in () if "trust" in covered else trust:
            if key in TRUST_KEYS and f"trust.{key}" not in covered:
                c.add(("trust", key), "no source covers this fact",
                      f"add trust.{key} (or trust) to the covers list of the source that states it, or remove it",
                      key=True)
        _check_trust(c, kind, trust)


def _check_covers_names(c: Checker, kind: str) -> set[str]:
    """Every name the sources' covers lists give; a name that is no field is reported."""
    covered: set[str] = set()
    known = ENTRY_FIELDS.get(kind, frozenset()) | {f"trust.{k}" for k in TRUST_KEYS}
    for p, source in c.each(("sources",)):
        if isinstance(source, dict) and isinstance(source.get("covers"), list):
            covered.update(f for f in source["covers"] if isinstance(f, str))
            for q, name in c.each(p + ("covers",)):
                if isinstance(name, str) and name not in known and re.fullmatch(r"[a-z_]+(\.[a-z_]+)?", name):
                    close = difflib.get_close_matches(name, sorted(known), n=1)
                    c.add(q, f"'{name}' is not a field of {'an' if kind == 'organization' else 'a'} {kind}",
                          f"did you mean '{close[0]}'?" if close else "name one of the entry's fields")
    return covered


def _check_trust(c: Checker, kind: str, trust: dict[str, Any]) -> None:
    if kind == "resource" and c.get(("kind",)) != "hotline":
        c.add(("trust",), "what to expect is for organizations and hotlines, and this resource is not a hotline",
              "remove trust, or set kind: hotline if it is one", key=True)
    ages = [trust.get("age_min"), trust.get("age_max")]
    # 30.0 is an integer to the schema: compare any number, never a yes/no.
    if all(isinstance(a, (int, float)) and not isinstance(a, bool) for a in ages) and ages[0] > ages[1]:
        c.add(("trust", "age_max"), f"the oldest age served ({ages[1]}) is below the youngest ({ages[0]})",
              "swap age_min and age_max")


def _check_file_name(c: Checker) -> None:
    stem = c.rel.stem
    entry_id = c.get(("id",))
    if not is_slug(stem):
        c.add((), f"file name '{c.rel.name}' is not a slug", "use lowercase a-z, digits and hyphens, e.g. my-org.yml")
    elif isinstance(entry_id, str) and entry_id in RESERVED_IDS:
        c.add(("id",), f"id '{entry_id}' is reserved for a page the site makes itself",
              "choose another id (and file name), e.g. one made from the name")
    elif isinstance(entry_id, str) and entry_id != stem:
        c.add(("id",), f"id '{entry_id}' does not match the file name '{c.rel.name}'",
              f"rename the file to {entry_id}.yml or set id: {stem}")


def _check_country_folder(c: Checker, codes: list[str]) -> None:
    parts = c.rel.parts
    if len(parts) != 3:
        c.add((), "an organization file belongs in organizations/<country code>/",
              "move it, e.g. organizations/ke/my-org.yml")
        return
    folder = parts[1]
    if folder != folder.lower() or len(folder) != 2:
        c.add((), f"folder '{folder}' must be a lowercase two-letter country code", "e.g. organizations/ke/")
    elif codes and folder.upper() not in codes:
        c.add(("locations",), f"the file is in folder '{folder}/' but {folder.upper()} is not among the "
              "entry's locations or countries served",
              f"move the file to organizations/{codes[0].lower()}/ or add {folder.upper()} to countries_served")


def _check_terms(c: Checker, path: PathKey, terms: dict[str, Any], section: str) -> None:
    for item_path, value in c.each(path):
        if isinstance(value, str) and value not in terms:

            close = difflib.get_close_matches(value, list(terms), n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"see {section} in directory/taxonomy.yml"
            c.add(item_path, f"'{value}' is not a {section} id in directory/taxonomy.yml", hint)


def _check_languages(c: Checker) -> None:
    paths: list[tuple[PathKey, Any, bool]] = [(("original_language",), c.get(("original_language",)), False)]
    paths += [(p, v, False) for p, v in c.each(("languages",))]
    for list_field in ("phones", "channels"):
        for p, _ in c.each((list_field,)):
            paths += [(q, v, False) for q, v in c.each(p + ("languages",))]
    for field in ("description", "translations"):
        value = c.get((field,))
        if isinstance(value, dict):
            paths += [((field, k), k, True) for k in value]
    for path, tag, is_key in paths:
        if isinstance(tag, str) and not language_exists(tag):
            c.add(path, f"'{tag}' is not a known language tag", "use a BCP 47 tag such as en, es, fr, ar, sw",
                  key=is_key)
    desc, orig = c.get(("description",)), c.get(("original_language",))
    if isinstance(desc, dict) and isinstance(orig, str) and desc and orig not in desc:
        valid = [k for k in desc if isinstance(k, str) and language_exists(k)]
        c.add(("original_language",), f"the description has no '{orig}' text, the original language",
              f"add description.{orig}" + (f" or set original_language to one of: {', '.join(valid)}" if valid else ""))


def short_number_problem(number: str, country: str) -> str:
    """Empty when `number` is a valid short number in `country` (libphonenumber's metadata)."""
    try:
        parsed = phonenumbers.parse(number, country)
    except phonenumbers.NumberParseException:
        return f"'{number}' cannot be read as a short number in {country}"
    if not shortnumberinfo.is_valid_short_number_for_region(parsed, country):
        return f"'{number}' is not a known short number in {country}"
    return ""


def _check_phones(c: Checker) -> None:
    for p, phone in c.each(("phones",)):
        if not isinstance(phone, dict):
            continue
        number, country = phone.get("number"), phone.get("country")
        if isinstance(number, str) and number.startswith("+") and number[1:].isdigit():
            problem = phone_problem(number)
            if problem:
                c.add(p + ("number",), problem, "check the digits; write it as +<country code><number>")
            elif isinstance(country, str):
                c.add(p + ("country",), "a number with a country code needs no country",
                      "remove country, or write the short number without the plus sign")
        elif isinstance(number, str) and number.isdigit():
            if phone.get("kind") in ("whatsapp", "signal", "fax"):
                # A link for these needs the full number; a short one would become a phone call.
                c.add(p + ("number",), f"a {phone.get('kind')} number needs its country code",
                      "write it as +<country code><number>")
            elif not isinstance(country, str):
                c.add(p + ("number",), f"'{number}' has no country code, so it works only inside one country",
                      "add country: with that country's code (e.g. country: US), or write it as +<country code><number>")
            elif re.fullmatch(r"[A-Z]{2}", country) and not country_exists(country):
                c.add(p + ("country",), f"'{country}' is not an ISO 3166-1 country code", "use a code such as US or KE")
            elif re.fullmatch(r"[A-Z]{2}", country):
                problem = short_number_problem(number, country)
                if problem:
                    c.add(p + ("number",), problem,
                          "check the number, or write it as +<country code><number> if it is not a short number")
        if "free_from_mobiles" in phone and phone.get("kind") not in ("voice", "hotline"):
            c.add(p + ("free_from_mobiles",), f"free_from_mobiles is about calls, and this is a {phone.get('kind')} line",
                  "remove free_from_mobiles", key=True)
        elif "free_from_mobiles" in phone and phone.get("toll_free") is not True:
            c.add(p + ("free_from_mobiles",), "free_from_mobiles says from which phones a free call is free",
                  "add toll_free: true if the source says calls are free, or remove free_from_mobiles", key=True)
        _check_hours(c, p + ("hours",), phone.get("hours"))


# A Telegram account's address: its username, nothing after it (no share, invite or preview links).
TELEGRAM = re.compile(r"https://t\.me/[A-Za-z][A-Za-z0-9_]{4,31}/?")


def _check_email(c: Checker, path: PathKey, address: str) -> None:
    """An address mail can reach: one plain address, on a public domain (as DNS spells it)."""
    local, at, domain = address.rpartition("@")
    if not at or not local:
        return  # the schema's pattern reports it
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        ascii_domain = ""
    if (not ascii_domain or "@" in ascii_domain or sanitize.link_problem("https://" + domain + "/")
            or not re.search(r"\.(?:[a-z]{2,63}|xn--[a-z0-9-]+)$", ascii_domain)):
        c.add(path, f"'{address}' is not an address mail can reach: '{domain}' is not a public domain name",
              "write one role address such as help@example.org")


def _check_channels(c: Checker) -> None:
    for p, channel in c.each(("channels",)):
        if not isinstance(channel, dict):
            continue
        kind = channel.get("kind")
        if kind == "email" and "url" in channel:
            c.add(p + ("url",), "an email channel has an e-mail address, not a url", "write the address as email:",
                  key=True)
        elif kind in ("chat", "telegram") and "email" in channel:
            c.add(p + ("email",), f"a {kind} channel has a url, not an e-mail address",
                  "write its https:// address as url:" + (" (https://t.me/...)" if kind == "telegram" else ""), key=True)
        url = channel.get("url")
        if kind == "telegram" and isinstance(url, str) and url.startswith("https://") and not TELEGRAM.fullmatch(url):
            c.add(p + ("url",), f"'{url}' is not the address of a Telegram account",
                  "write it as https://t.me/<username>: 5 to 32 letters, digits or _, starting with a letter")
        if isinstance(channel.get("email"), str):
            _check_email(c, p + ("email",), channel["email"])
        _check_hours(c, p + ("hours",), channel.get("hours"))


def _check_hours(c: Checker, path: PathKey, hours: Any) -> None:
    if not isinstance(hours, dict):
        return
    zone = hours.get("time_zone")
    if isinstance(zone, str) and zone not in _time_zones():
        close = difflib.get_close_matches(zone, sorted(_time_zones()), n=1)
        known = zone in zoneinfo.available_timezones()
        c.add(path + ("time_zone",), f"'{zone}' is an old or offset-only name that readers misread (Etc/GMT+5 is UTC-5)"
              if known else f"'{zone}' is not an IANA time zone",
              f"use the city's zone, such as '{close[0]}'" if known and close else
              f"did you mean '{close[0]}'?" if close else "use a name such as Africa/Nairobi or America/New_York")
    # A day may come twice (open in the morning and the afternoon), never with overlapping times.
    seen: dict[str, list[tuple[str, str, int]]] = {}
    clock = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]|24:00")
    for w, item in c.each(path + ("weekly",)):
        if not isinstance(item, dict):
            continue
        opens, closes = item.get("opens"), item.get("closes")
        if not (isinstance(opens, str) and isinstance(closes, str) and clock.fullmatch(opens) and clock.fullmatch(closes)):
            continue
        closes = closes if closes > opens else "24:00"  # past midnight: the rest of that day
        for d, day in c.each(w + ("days",)):
            if not isinstance(day, str):
                continue
            clash = next((g for o, e, g in seen.get(day, []) if opens < e and o < closes), None)
            if clash is not None:
                c.add(d, f"'{day}' {opens}-{item.get('closes')} overlaps the hours of group {clash + 1}",
                      "give each stretch of time once: a day may come twice only with hours that do not overlap")
            seen.setdefault(day, []).append((opens, closes, int(w[-1])))
    for w, item in c.each(path + ("weekly",)):
        if isinstance(item, dict) and isinstance(item.get("opens"), str) and item.get("opens") == item.get("closes"):
            c.add(w + ("closes",), "the line closes when it opens",
                  "for a line open all day write opens: \"00:00\" and closes: \"24:00\"")


# Canonical zones are Area/City; "UTC" too. Old aliases (US/Eastern) and Etc/GMT±N (whose sign is
# the reverse of what readers expect) are refused: a reader would call at the wrong hour.
_AREAS = ("Africa/", "America/", "Antarctica/", "Arctic/", "Asia/", "Atlantic/", "Australia/", "Europe/",
          "Indian/", "Pacific/")


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(z for z in zoneinfo.available_timezones() if z == "UTC" or z.startswith(_AREAS))


def _urls(c: Checker) -> Iterator[tuple[PathKey, str]]:
    for key in ("website", "url"):
        value = c.get((key,))
        if isinstance(value, str):
            yield (key,), value
    for list_field in ("sources", "channels"):
        for p, item in c.each((list_field,)):
            if isinstance(item, dict) and isinstance(item.get("url"), str):
                yield p + ("url",), item["url"]


def _check_urls(c: Checker) -> None:
    for path, url in _urls(c):
        if not url.startswith("https://"):
            continue  # reported by the schema pattern
        problem = sanitize.link_problem(url)
        if problem:
            c.add(path, problem, "use the site's domain name, e.g. https://www.example.org/")


def _check_markdown(c: Checker) -> None:
    """Descriptions: everything the sanitiser would remove is reported, never dropped in silence."""
    texts = c.get(("description",))
    for lang, text in texts.items() if isinstance(texts, dict) else ():
        if isinstance(text, str):
            for message, hint in sanitize.markdown_problems(text)[:1]:
                c.add(("description", lang), message, hint)


def _parse_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None  # the schema's date format reports it


def _check_dates(c: Checker) -> None:
    dated: list[tuple[PathKey, Any]] = [(("added",), c.get(("added",))), (("last_verified",), c.get(("last_verified",)))]
    dated += [(p + ("date",), s.get("date")) for p, s in c.each(("sources",)) if isinstance(s, dict)]
    for path, value in dated:
        day = _parse_date(value)
        if day and day > c.today:
            c.add(path, f"{value} is in the future", f"use today's date ({c.today.isoformat()}) or earlier")
    added, verified = _parse_date(c.get(("added",))), _parse_date(c.get(("last_verified",)))
    if added and verified and verified < added:
        c.add(("last_verified",), f"last_verified {verified} is before added {added}",
              "an entry cannot be verified before it was added: fix one of the dates")
    for key in ("founded", "year"):
        year = c.get((key,))
        if isinstance(year, int) and not isinstance(year, bool) and year > c.today.year:
            c.add((key,), f"{year} is in the future", f"use {c.today.year} or earlier")


def check_emergency_notes(c: Checker) -> None:
    """A note may only describe a number the library lists for that region, once."""
    from . import emergency  # phonenumbers' short-number data is loaded only when there are notes
    seen: set[tuple[str, str]] = set()
    for p, note in c.each(("notes",)):
        region, number = (note.get("region"), note.get("number")) if isinstance(note, dict) else (None, None)
        if not isinstance(region, str) or not isinstance(number, str):
            continue  # the schema has said what is missing
        if region not in emergency.regions():
            c.add(p + ("region",), f"'{region}' is not a region libphonenumber knows",
                  "use the country's ISO 3166-1 code in capitals, such as KE")
        elif number not in emergency.library_numbers(region):
            listed = ", ".join(emergency.library_numbers(region)[:8]) or "none"
            c.add(p + ("number",), f"{number} is not an emergency number for {region} in "
                  f"{emergency.source_text()} (it lists: {listed})",
                  "a note can only describe a number the library lists; report a missing number to libphonenumber")
        elif (region, number) in seen:
            c.add(p + ("number",), f"{region} {number} has a note already", "keep one note per number")
        seen.add((region, number))


def check_taxonomy(c: Checker) -> None:
    for section in ("services", "populations", "resource_kinds"):
        seen: dict[str, int] = {}
        for p, term in c.each((section,)):
            if isinstance(term, dict) and isinstance(term.get("id"), str):
                if term["id"] in seen:
                    c.add(p + ("id",), f"id '{term['id']}' is defined twice in {section}",
                          f"remove one (the other is item {seen[term['id']]})")
                seen.setdefault(term["id"], p[-1])


