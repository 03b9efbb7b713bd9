"""What to expect from a service: each fact a source states, in the page's language; "not stated"
for the rest, never a guess; the filter's tags; and the HSDS fields they fill, valid against the
official schema."""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import jsonschema
import pytest

from popatlas import exports, trustfacts
from popatlas.content import Content
from popatlas.directory import Directory, load_directory
from popatlas.model import Trust, organization_from
from popatlas.render import Site

ROOT = Path(__file__).resolve().parents[2]
ORG = {
    "id": "example-survivor-network", "name": "Example Survivor Network", "original_language": "en",
    "description": {"en": "A fictional network used to test the checks: counseling and legal help."},
    "locations": [{"city": "Nairobi", "country": "KE"}], "countries_served": ["KE"],
    "services": ["counseling", "legal-assistance"],
    "phones": [{"number": "+254722178177", "kind": "hotline", "toll_free": True, "free_from_mobiles": True}],
    "channels": [{"kind": "email", "email": "help@example.org"}],
    "trust": {"age_min": 18, "age_max": 60, "genders": ["women", "trans-and-nonbinary"], "id_required": False,
              "immigration_status_required": False, "cost": "free", "anonymous": True,
              "reports_to_police": "with-consent", "accessibility": ["interpreters"]},
    "sources": [{"title": "Example Survivor Network website", "covers": ["name", "services", "phones", "channels", "trust"]}],
    "added": "2026-11-23", "status": "active",
}


@pytest.fixture(scope="module")
def directory() -> Directory:
    return load_directory(ROOT / "directory")


def body(directory: Directory, data: dict, lang: str) -> str:
    org = organization_from(data, "directory/organizations/ke/example-survivor-network.yml")
    return Site(directory, Content(ROOT / "docs"), lang, True).entry_page(org).source().split("---\n", 2)[2]


def test_stated_facts_in_words_and_the_rest_named_as_not_stated(directory: Directory) -> None:
    en = body(directory, ORG, "en")
    assert "<dt>Ages</dt><dd>18 to 60</dd>" in en  # the English label
    assert "<dt>Who it serves</dt><dd>women and trans and non-binary people</dd>" in en
    assert "<dt>ID needed</dt><dd>no</dd>" in en and "<dt>Cost</dt><dd>free</dd>" in en
    assert "<dt>Tells the police</dt><dd>only if you agree</dd>" in en
    unstated = re.search(r'<p class="pa-meta pa-trust-unstated">Not stated by any source yet: ([^<]+)\.</p>', en)
    assert unstated and unstated[1].split(", ") == ["Children accepted", "Families accepted", "Pregnant people accepted",
                                                    "LGBTQ+ affirming", "Confidential", "Tells immigration authorities"]
    ar = body(directory, ORG, "ar")
    assert "<dd>من سن 18 إلى سن 60</dd>" in ar and "فقط إذا وافقت" in ar and "ما لم يذكره أي مصدر بعد:" in ar


def test_an_entry_with_no_stated_fact_says_so_in_one_sentence(directory: Directory) -> None:
    silent = {k: v for k, v in ORG.items() if k != "trust"}
    en = body(directory, silent, "en")
    assert '<p class="pa-trust-unstated">No source we have says yet who this service is for' in en
    assert "<dt>Cost</dt>" not in en and "Not stated by any source yet" not in en


def test_a_false_is_a_fact_and_a_missing_value_is_not() -> None:
    assert trustfacts.filter_tags(Trust(id_required=False, cost="free")) == ["free", "no-id"]
    assert trustfacts.filter_tags(Trust(id_required=True)) == [] and trustfacts.filter_tags(Trust()) == []
    stated, unstated = trustfacts.facts(Trust(children=False), "en")
    assert stated == [("Children accepted", "no")] and len(unstated) == len(trustfacts.ORDER) - 1


def test_hsds_gets_ages_eligibility_and_cost_and_stays_valid(directory: Directory) -> None:
    org = organization_from(ORG, "directory/organizations/ke/example-survivor-network.yml")
    record = exports.hsds_organization(org, directory)
    service = record["services"][0]
    assert (service["minimum_age"], service["maximum_age"]) == (18, 60)
    assert "ID needed: no" in service["eligibility_description"]
    assert service["cost_options"][0]["amount"] == 0 and record["email"] == "help@example.org"
    schema = json.loads(gzip.decompress((ROOT / "tests" / "fixtures" / "hsds-3.0" / "organization.json.gz").read_bytes()))
    cls = jsonschema.validators.validator_for(schema)
    problems = [f"{list(e.absolute_path)} {e.message}" for e in cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(record)]
    assert problems == []
    assert len({p["id"] for p in record["phones"]}) == len(record["phones"])


def test_when_every_fact_is_stated_no_empty_not_stated_line_is_left(directory: Directory) -> None:
    full = dict(ORG, trust={"age_min": 18.0, "age_max": 24, "genders": ["women", "men", "trans-and-nonbinary"],
                            "children": False, "families": True, "pregnant": True, "lgbtq_affirming": True,
                            "id_required": False, "immigration_status_required": False, "cost": "sliding-scale",
                            "anonymous": True, "confidential": True, "reports_to_police": "never",
                            "reports_to_immigration": "never", "accessibility": ["wheelchair", "easy-read"]})
    for lang in ("en", "ar"):
        page = body(directory, full, lang)
        assert "pa-trust-unstated" not in page
    assert "<dt>Ages</dt><dd>18 to 24</dd>" in body(directory, full, "en")  # 18.0 in the file, 18 on the page
