"""Open data: the whole directory as JSON, CSV and HSDS 3.0 (Open Referral).

Locations carry city / region / country only, as everywhere in the project.
"""
from __future__ import annotations

import csv
import io
import json
import uuid
from dataclasses import asdict
from typing import Any, Callable

from . import contact, csvsafe, i18n, trustfacts
from .directory import Directory
from .model import Organization, Resource

# Stable identifiers: HSDS wants UUIDs; derive them from our slugs so they never change.
_NS = uuid.uuid5(uuid.NAMESPACE_URL, "https://popatlas.example/directory/")
LICENCE = "CC-BY-4.0"


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(_NS, "/".join(parts)))


def _entry_dict(entry: Organization | Resource) -> dict[str, Any]:
    data = asdict(entry)
    data.pop("path", None)
    for line, item in [*zip(entry.phones, data["phones"]), *zip(entry.channels, data["channels"])]:
        item["hours"] = line.hours.to_data() if line.hours else None
    for item in data["channels"]:  # a chat has a url, an e-mail channel an address: not both, empty
        for key in ("url", "email"):
            if not item[key]:
                del item[key]
    data["type"] = data.pop("kind_of_entry")
    return data


def directory_json(d: Directory) -> str:
    payload = {
        "licence": LICENCE,
        "organizations": [_entry_dict(o) for o in d.organizations],
        "resources": [_entry_dict(r) for r in d.resources],
    }
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([csvsafe.cell(c) for c in header])
    for row in rows:
        writer.writerow([csvsafe.cell(c) for c in row])
    return buffer.getvalue()


def _join(values: Any) -> str:
    return ";".join(str(v) for v in values)


def organizations_csv(d: Directory) -> str:
    header = ["id", "name", "also_known_as", "description_en", "original_language", "founded", "website", "email",
              "phones", "channels", "cities", "countries", "countries_served", "services", "populations", "languages",
              "principles", "sources", "added", "last_verified", "status"]
    rows = [[o.id, o.name, _join(o.also_known_as), o.description_for("en")[0], o.original_language,
             o.founded or "", o.website, o.email, _join(p.number for p in o.phones),
             " ".join(c.email or c.url for c in o.channels),  # a web address may hold ";", never a space
             _join(l.city for l in o.locations if l.city), _join(l.country for l in o.locations),
             _join(o.countries_served), _join(o.services), _join(o.populations), _join(o.languages),
             _join(o.principles), _join(s.url or s.title for s in o.sources), o.added, o.last_verified, o.status]
            for o in d.organizations]
    return _csv(header, rows)


def resources_csv(d: Directory) -> str:
    header = ["id", "title", "publisher", "authors", "url", "kind", "year", "languages", "principles", "topics",
              "countries", "phones", "channels", "description_en", "original_language", "sources", "added", "last_verified",
              "status"]
    rows = [[r.id, r.title, r.publisher, _join(r.authors), r.url, r.kind, r.year or "", _join(r.languages),
             _join(r.principles), _join(r.topics), _join(r.countries), _join(p.number for p in r.phones),
             " ".join(c.email or c.url for c in r.channels),
             r.description_for("en")[0], r.original_language, _join(s.url or s.title for s in r.sources),
             r.added, r.last_verified, r.status] for r in d.resources]
    return _csv(header, rows)


_HSDS_STATUS = {"active": "active", "inactive": "inactive", "closed": "defunct"}
_HSDS_PHONE = {"voice": "voice", "hotline": "voice", "text": "text", "whatsapp": "text", "signal": "text", "fax": "fax"}


def _hsds_trust(o: Organization, sid: str, service_id: str) -> dict[str, Any]:
    """The facts HSDS has fields for: ages, who is eligible and what is asked, whether it is free."""
    trust, fields = o.trust, {}
    if trust.age_min is not None:
        fields["minimum_age"] = trust.age_min
    if trust.age_max is not None:
        fields["maximum_age"] = trust.age_max
    stated, _ = trustfacts.facts(trust, "en")
    asked = [f"{label}: {value}" for label, value in stated if label not in ("Ages", "Cost")]
    if asked:
        fields["eligibility_description"] = "; ".join(asked) + "."
    if trust.cost is not None:
        fields["cost_options"] = [{"id": _uuid("cost", o.id, sid), "service_id": service_id,
                                   "option": i18n.ui("en")["cost_" + trust.cost.replace("-", "_")],
                                   **({"amount": 0} if trust.cost == "free" else {})}]
    return fields


def hsds_organization(o: Organization, d: Directory) -> dict[str, Any]:
    """One organization in HSDS 3.0 shape, with its services, locations, phones, languages, areas."""
    assert d.taxonomy is not None
    org_id = _uuid("organization", o.id)
    text = o.description_for("en")[0]
    languages = [{"id": _uuid("language", o.id, tag), "name": i18n.language_name(tag, "en"), "code": tag}
                 for tag in o.languages]
    areas = [{"id": _uuid("area", o.id, c), "name": i18n.country_name(c, "en"), "extent": c, "extent_type": "text"}
             for c in o.countries_served]
    services = []
    for sid in o.services:
        term = d.taxonomy.services[sid]
        service_id = _uuid("service", o.id, sid)
        services.append({
            "id": service_id, "organization_id": org_id, "name": term.label["en"],
            "description": term.definition["en"], "status": _HSDS_STATUS[o.status],
            "languages": [dict(l, id=_uuid("language", o.id, sid, l["code"]), service_id=service_id) for l in languages],
            "service_areas": [dict(a, id=_uuid("area", o.id, sid, a["extent"]), service_id=service_id) for a in areas],
            **_hsds_trust(o, sid, service_id),
        })
    locations = []
    for i, loc in enumerate(o.locations):
        place = ", ".join(x for x in (loc.city, loc.region, i18n.country_name(loc.country, "en")) if x)
        # No addresses: HSDS addresses require a street and postcode, which we never publish.
        locations.append({"id": _uuid("location", o.id, str(i)), "organization_id": org_id, "location_type": "physical",
                          "name": place, "description": f"City-level location ({loc.country}); no street address is published."})
    phones = [{"id": _uuid("phone", o.id, p.number, p.kind), "organization_id": org_id, "number": p.number,
               "type": _HSDS_PHONE[p.kind], "description": contact.hours_text(p.hours, "en") if p.hours else p.kind,
               "languages": [{"id": _uuid("language", o.id, p.number, p.kind, tag), "name": i18n.language_name(tag, "en"),
                              "code": tag} for tag in p.languages]} for p in o.phones]
    record: dict[str, Any] = {
        "id": org_id, "name": o.name, "description": text, "services": services, "locations": locations,
        "phones": phones,
    }
    if o.also_known_as:
        record["alternate_name"] = o.also_known_as[0]
    if o.website:
        record["website"] = o.website
    # HSDS has one e-mail address per organization and no field for a web chat or Telegram.
    email = o.email or next((c.email for c in o.channels if c.kind == "email"), "")
    if email:
        record["email"] = email
    if o.founded:
        record["year_incorporated"] = o.founded
    return record


def hsds_organizations(d: Directory) -> str:
    return json.dumps([hsds_organization(o, d) for o in d.organizations], ensure_ascii=False, indent=1) + "\n"


def all_files(d: Directory) -> dict[str, str]:
    """Every open-data file, by its path under the site root."""
    return {rel: make(d) for rel, make in FILES.items()}


# Every open-data file: its path under the site root, and what makes it.
FILES: dict[str, Callable[[Directory], str]] = {
    "open-data/directory.json": directory_json,
    "open-data/organizations.csv": organizations_csv,
    "open-data/resources.csv": resources_csv,
    "open-data/hsds/organizations.json": hsds_organizations,
}
