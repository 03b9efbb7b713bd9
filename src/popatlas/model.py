"""Typed directory entries: what every stage after validation works with."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .identity import fingerprint


@dataclass(frozen=True)
class OpeningHours:
    """One group of days with the same hours, e.g. mon-fri 09:00-17:00."""
    days: tuple[str, ...]
    opens: str
    closes: str


@dataclass(frozen=True)
class Hours:
    """When a line is answered: at every hour (always), or weekly hours in a time zone."""
    always: bool = False
    time_zone: str = ""
    weekly: tuple[OpeningHours, ...] = ()

    @classmethod
    def from_data(cls, value: Any) -> "Hours | None":
        if value is None:
            return None
        if value == "24/7":
            return cls(always=True)
        return cls(time_zone=value["time_zone"], weekly=tuple(
            OpeningHours(tuple(w["days"]), w["opens"], w["closes"]) for w in value["weekly"]))

    def to_data(self) -> Any:
        """The same shape an entry file uses ("24/7" or time_zone + weekly)."""
        if self.always:
            return "24/7"
        return {"time_zone": self.time_zone,
                "weekly": [{"days": list(w.days), "opens": w.opens, "closes": w.closes} for w in self.weekly]}


@dataclass(frozen=True)
class Phone:
    number: str          # E.164 (+…), or a short number valid only in `country`
    kind: str
    hours: Hours | None = None
    languages: tuple[str, ...] = ()
    toll_free: bool = False
    country: str = ""
    free_from_mobiles: bool | None = None  # None: not stated

    @property
    def is_short(self) -> bool:
        return not self.number.startswith("+")


@dataclass(frozen=True)
class Channel:
    """A way to reach an entry over the internet: a web chat, an e-mail address, a Telegram account."""
    kind: str            # "chat" | "email" | "telegram"
    url: str = ""        # chat and telegram: an https address
    email: str = ""      # email: a role address
    hours: Hours | None = None
    languages: tuple[str, ...] = ()
    free: bool | None = None  # None: not stated


@dataclass(frozen=True)
class Trust:
    """What a person can expect before getting in touch; None means no source states it."""
    age_min: int | None = None
    age_max: int | None = None
    genders: tuple[str, ...] = ()
    children: bool | None = None
    families: bool | None = None
    pregnant: bool | None = None
    lgbtq_affirming: bool | None = None
    id_required: bool | None = None
    immigration_status_required: bool | None = None
    cost: str | None = None
    anonymous: bool | None = None
    confidential: bool | None = None
    reports_to_police: str | None = None
    reports_to_immigration: str | None = None
    accessibility: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, value: Any) -> "Trust":
        value = dict(value or {})
        for key in ("genders", "accessibility"):
            value[key] = tuple(value.get(key, ()))
        for key in ("age_min", "age_max"):  # 18.0 is a valid integer in the file: show it as 18
            if value.get(key) is not None:
                value[key] = int(value[key])
        return cls(**value)


@dataclass(frozen=True)
class Location:
    country: str
    city: str = ""
    region: str = ""


@dataclass(frozen=True)
class Source:
    title: str
    url: str = ""
    date: str = ""
    covers: tuple[str, ...] = ()
    title_language: str = ""  # the language the title is written in


@dataclass(frozen=True)
class Entry:
    """Fields shared by organizations and resources."""
    id: str
    kind_of_entry: str  # "organization" | "resource"
    path: str  # file path relative to the project, for messages and "edit" links
    description: dict[str, str]
    original_language: str
    sources: tuple[Source, ...]
    added: str
    status: str
    last_verified: str = ""
    principles: tuple[int, ...] = ()
    languages: tuple[str, ...] = ()
    phones: tuple[Phone, ...] = ()
    channels: tuple[Channel, ...] = ()
    trust: Trust = field(default_factory=Trust)
    translations: dict[str, str] = field(default_factory=dict)

    @property
    def display_name(self) -> str:
        raise NotImplementedError

    def description_for(self, lang: str) -> tuple[str, str]:
        """(text, language of that text): the translation if there is one, else the original."""
        if lang in self.description:
            return self.description[lang], lang
        return self.description[self.original_language], self.original_language

    def translation_outdated(self, lang: str) -> bool:
        """A translated description whose original changed since it was translated."""
        return (lang != self.original_language and lang in self.description
                and self.translations.get(lang) != self.source_hash())

    def source_hash(self) -> str:
        """Fingerprint of the original description, recorded by translations."""
        return fingerprint(self.description[self.original_language])


@dataclass(frozen=True)
class Organization(Entry):
    name: str = ""
    also_known_as: tuple[str, ...] = ()
    founded: int | None = None
    website: str = ""
    email: str = ""
    locations: tuple[Location, ...] = ()
    countries_served: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    populations: tuple[str, ...] = ()

    @property
    def display_name(self) -> str:
        return self.name

    @cached_property  # asked for once per country page and filter row: computed once
    def countries(self) -> tuple[str, ...]:
        """Every country the organization is in or serves, located ones first."""
        seen = dict.fromkeys([loc.country for loc in self.locations] + list(self.countries_served))
        return tuple(seen)


@dataclass(frozen=True)
class Resource(Entry):
    title: str = ""
    publisher: str = ""
    authors: tuple[str, ...] = ()
    url: str = ""
    kind: str = ""
    year: int | None = None
    topics: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()

    @property
    def display_name(self) -> str:
        return self.title


@dataclass(frozen=True)
class Term:
    id: str
    label: dict[str, str]
    definition: dict[str, str]


@dataclass(frozen=True)
class Taxonomy:
    services: dict[str, Term]
    populations: dict[str, Term]
    resource_kinds: dict[str, Term]


def _common(data: dict[str, Any]) -> dict[str, Any]:
    return dict(
        description=dict(data["description"]),
        original_language=data["original_language"],
        sources=tuple(Source(s["title"], s.get("url", ""), s.get("date", ""), tuple(s.get("covers", ())),
                             s.get("title_language", data["original_language"]))
                      for s in data["sources"]),
        added=data["added"],
        status=data["status"],
        last_verified=data.get("last_verified", ""),
        principles=tuple(sorted(data.get("principles", ()))),
        languages=tuple(data.get("languages", ())),
        phones=tuple(Phone(p["number"], p["kind"], Hours.from_data(p.get("hours")), tuple(p.get("languages", ())),
                           bool(p.get("toll_free", False)), p.get("country", ""), p.get("free_from_mobiles"))
                      for p in data.get("phones", ())),
        channels=tuple(Channel(c["kind"], c.get("url", ""), c.get("email", ""), Hours.from_data(c.get("hours")),
                               tuple(c.get("languages", ())), c.get("free")) for c in data.get("channels", ())),
        trust=Trust.from_data(data.get("trust")),
        translations=dict(data.get("translations", {})),
    )


def organization_from(data: dict[str, Any], path: str) -> Organization:
    return Organization(
        id=data["id"], kind_of_entry="organization", path=path, **_common(data),
        name=data["name"], also_known_as=tuple(data.get("also_known_as", ())), founded=data.get("founded"),
        website=data.get("website", ""), email=data.get("email", ""),
        locations=tuple(Location(l["country"], l.get("city", ""), l.get("region", "")) for l in data["locations"]),
        countries_served=tuple(data["countries_served"]), services=tuple(data["services"]),
        populations=tuple(data.get("populations", ())),
    )


def resource_from(data: dict[str, Any], path: str) -> Resource:
    return Resource(
        id=data["id"], kind_of_entry="resource", path=path, **_common(data),
        title=data["title"], publisher=data["publisher"], authors=tuple(data.get("authors", ())),
        url=data.get("url", ""), kind=data["kind"], year=data.get("year"), topics=tuple(data.get("topics", ())),
        countries=tuple(data.get("countries", ())),
    )


@dataclass(frozen=True)
class EmergencyNote:
    """Which service answers an emergency number the library lists (directory/emergency-numbers.yml)."""
    region: str
    number: str
    services: tuple[str, ...]
    source: Source


def emergency_notes_from(data: dict[str, Any]) -> tuple[EmergencyNote, ...]:
    return tuple(EmergencyNote(n["region"], n["number"], tuple(n["services"]),
                               Source(n["source"]["title"], n["source"]["url"], title_language="en"))
                 for n in data.get("notes") or ())


def taxonomy_from(data: dict[str, Any]) -> Taxonomy:
    def terms(items: list[dict[str, Any]]) -> dict[str, Term]:
        return {t["id"]: Term(t["id"], dict(t["label"]), dict(t["definition"])) for t in items}
    return Taxonomy(terms(data["services"]), terms(data["populations"]), terms(data["resource_kinds"]))
