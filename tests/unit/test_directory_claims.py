"""The directory says what its sources say and no more: the GLC report is cited by its real title,
the ten member organizations carry only the populations the report gives them, and none claims
to follow the principles without a source that says so (the rule itself is in rules.py and has
its own fixtures)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from ..conftest import ROOT, shared_or_skip

REPORT_TITLE = ("Global Collaboration Against Human Trafficking Report: "
                "Fourteen Essential Principles for Working with Human Trafficking Victims")
CITATION = re.compile(r'^Safe Horizon, "' + re.escape(REPORT_TITLE) + r'" \((?P<part>[^()]+)\)$')
# Words that show a source title means the GLC report, however it was written.
MEANS_THE_REPORT = re.compile(r"Global Learning Collaborative|GLC|Principles of Practice|Fourteen Essential", re.I)

# What the report's "GLC Members" section (and, for El Pozo, the PoP 8 section) says each
# member serves; an entry may say less, never more.
REPORT_POPULATIONS = {
    "project-respect": {"women", "sex-trafficking-survivors", "people-in-sex-trade"},
    "hopenow": {"women", "men", "migrants"},
    "prerana": {"women", "children"},
    "haart": set(),
    "chab-dai": set(),
    "idia-renaissance": {"women", "youth", "children", "sex-trafficking-survivors"},
    "movimiento-el-pozo": {"sex-trafficking-survivors", "people-in-sex-trade", "youth", "families"},
    "curb": {"people-in-justice-system", "families"},
    "safe-horizon-anti-trafficking-program": set(),
    "tumbleweed-runaway-program": {"domestic-survivors", "youth", "families"},
}


def entries() -> list[tuple[Path, dict]]:
    files = sorted((ROOT / "directory" / "organizations").rglob("*.yml"))
    files += sorted((ROOT / "directory" / "resources").glob("*.yml"))
    return [(f, yaml.safe_load(f.read_text(encoding="utf-8"))) for f in files]


def test_every_source_that_means_the_report_cites_its_real_title() -> None:
    cited = 0
    for path, data in entries():
        for source in data["sources"]:
            if MEANS_THE_REPORT.search(source["title"]):
                assert CITATION.match(source["title"]), f"{path.name}: {source['title']!r}"
                cited += 1
    assert cited >= 30  # the ten members and the resources the report lists


def test_the_title_is_the_one_on_the_report() -> None:
    seeds = shared_or_skip("seeds")
    report = next(p for p in seeds.glob("*.txt") if "GLC Members" in p.read_text(encoding="utf-8"))
    head = " ".join(report.read_text(encoding="utf-8").split()[:20])
    assert head.startswith(REPORT_TITLE)


@pytest.mark.parametrize("entry_id", sorted(REPORT_POPULATIONS))
def test_a_member_claims_only_what_the_report_gives(entry_id: str) -> None:
    (path, data), = [(p, d) for p, d in entries() if d["id"] == entry_id]
    assert set(data.get("populations", [])) <= REPORT_POPULATIONS[entry_id], path.name
    assert "principles" not in data, f"{path.name}: the report does not say a member follows the principles"
    assert "languages" not in data, f"{path.name}: the report gives no member's working languages"


def test_the_report_gives_the_resource_details_as_cited() -> None:
    by_id = {d["id"]: d for _, d in entries()}
    assert by_id["otip-survivor-informed-practice"]["title"] == (
        "Survivor-Informed Practice: Definition, Best Practices, and Recommendations from the "
        "Human Trafficking Leadership Academy")
    assert by_id["otip-survivor-informed-assessment-tool"]["title"] == (
        "Survivor-Informed Practice: Self-Guided Assessment Tool, Developed by the Human Trafficking "
        "Leadership Academy")
    assert by_id["olga-phoenix-self-care-wheel"]["year"] == 2019
