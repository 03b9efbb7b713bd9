"""`popatlas new`, the stale report and freshness on entry pages."""
from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from popatlas import freshness
from popatlas.cli import main
from popatlas.content import Content
from popatlas.directory import load_directory
from popatlas.new import create
from popatlas.render import Site

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def directory(tmp_path: Path) -> Path:
    target = tmp_path / "directory"
    shutil.copytree(ROOT / "directory", target)
    return target


def problems(directory: Path) -> list[str]:
    return [p.text() for p in load_directory(directory, today=TODAY).problems]


def test_new_organization_from_flags_is_placed_right_and_validates_once_filled(directory: Path) -> None:
    path = create(directory, "organization", {"name": "Example Support Network", "country": "ke"}, today=TODAY)
    assert path == directory / "organizations" / "ke" / "example-support-network.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/organization.schema.json")
    assert "street" in text.lower()  # the safety rules are in the file itself
    found = problems(directory)
    assert len(found) == 3 and all("example-support-network.yml" in p for p in found)
    assert any("description.en: still holds the template's TODO placeholder" in p for p in found)
    assert any("services: must not be empty" in p for p in found)
    # Fill the required fields as a contributor would, by editing the text.
    text = (text.replace("TODO: two or three sentences on what it does and for whom.",
                         "Offers counseling and legal help to survivors in Nairobi.")
                .replace("services: []", "services: [counseling, legal-assistance]")
                .replace('"TODO: the document or web page the facts come from"', '"Organization leaflet, 2026"'))
    path.write_text(text, encoding="utf-8")
    assert problems(directory) == []


def test_new_with_every_required_flag_validates_at_once(directory: Path) -> None:
    create(directory, "organization", {"name": "Red de Apoyo", "country": "PE", "city": "Lima",
                                       "services": ["counseling"], "description": "Acompaña a sobrevivientes en Lima.",
                                       "source_title": "Folleto de la organización"}, today=TODAY)
    create(directory, "resource", {"title": "A Practical Guide", "publisher": "Example Publisher", "kind": "guide",
                                   "description": "Practical steps for intake interviews.",
                                   "source_title": "The guide's cover page", "source_url": "https://example.org/guide"},
           today=TODAY)
    assert problems(directory) == []
    data = yaml.safe_load((directory / "organizations" / "pe" / "red-de-apoyo.yml").read_text(encoding="utf-8"))
    assert data["locations"] == [{"country": "PE", "city": "Lima"}]


def test_new_interactive_asks_for_what_is_missing(directory: Path) -> None:
    answers = iter(["Hope Line", "KE", "Mombasa", "hotline, counseling", "", "Leaflet", "", ""])
    path = create(directory, "organization", {}, today=TODAY, interactive=True, ask=lambda prompt: next(answers))
    assert path.name == "hope-line.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["services"] == ["hotline", "counseling"] and data["locations"][0]["city"] == "Mombasa"


def test_new_refuses_to_overwrite(directory: Path) -> None:
    with pytest.raises(FileExistsError):
        create(directory, "organization", {"name": "HAART", "country": "KE"}, today=TODAY)


def test_new_cli_without_input(directory: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(directory.parent)
    assert main(["new", "resource", "--title", "Toolkit X", "--no-input"]) == 0
    assert (directory / "resources" / "toolkit-x.yml").exists()
    assert main(["new", "organization", "--no-input"]) == 2


def test_months_before() -> None:
    assert freshness.months_before(dt.date(2026, 11, 23), 12) == dt.date(2025, 11, 23)
    assert freshness.months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)


def test_stale_report(directory: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    haart = directory / "organizations" / "ke" / "haart.yml"
    haart.write_text(haart.read_text(encoding="utf-8").replace('added: "2026-11-23"', 'added: "2024-01-10"')
                     + 'last_verified: "2024-02-01"\n', encoding="utf-8")
    curb = directory / "organizations" / "tt" / "curb.yml"
    curb.write_text(curb.read_text(encoding="utf-8") + 'last_verified: "2026-11-23"\n', encoding="utf-8")
    monkeypatch.chdir(directory.parent)
    assert main(["report", "stale", "--months", "12", "--today", "2026-11-23"]) == 0
    out = capsys.readouterr().out
    assert "directory/organizations/ke/haart.yml: last verified 2024-02-01" in out
    assert "curb.yml" not in out  # verified today
    assert "directory/resources/us-national-human-trafficking-hotline.yml: never verified" in out
    lines = out.splitlines()
    assert {"uk-modern-slavery-helpline", "us-national-human-trafficking-hotline"} == {l.split("/")[-1].split(".")[0] for l in lines[:2]}  # hotlines first
    total = len(load_directory(directory).entries)
    assert lines[-1] == f"{total - 1} of {total} entries not verified within 12 months"
    assert main(["report", "stale", "--check", "--today", "2026-11-23"]) == 1


def test_entry_page_freshness_and_report_link() -> None:
    d = load_directory(ROOT / "directory")
    site = Site(d, Content(ROOT / "docs"), "en", True, repository_url="https://github.com/example/popatlas", today=TODAY)
    org = next(o for o in d.organizations if o.id == "haart")
    assert "Not yet verified" in site.entry_page(org).source()
    fresh = site.entry_page(replace(org, last_verified="2026-10-01")).source()
    assert "Last verified on October 1, 2026" in fresh and "re-verification" not in fresh
    old = site.entry_page(replace(org, last_verified="2025-01-15")).source()
    assert "Needs re-verification: last checked on January 15, 2025, more than 12 months ago" in old
    assert ('href="https://github.com/example/popatlas/issues/new?template=report-listing.yml&amp;'
            'entry=directory%2Forganizations%2Fke%2Fhaart.yml&amp;title=Listing%3A+HAART"') in fresh
    es = Site(d, Content(ROOT / "docs"), "es", True, today=TODAY).entry_page(replace(org, last_verified="2025-01-15")).source()
    assert "Necesita una nueva verificación" in es


def test_parallel_and_serial_validation_agree(directory: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from popatlas import directory as module
    broken = directory / "organizations" / "ke" / "haart.yml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("status: active", "status: open"), encoding="utf-8")
    (directory / "resources" / "copy.yml").write_text(
        (directory / "resources" / "chab-dai-charter.yml").read_text(encoding="utf-8"), encoding="utf-8")
    serial = module._load(directory, module._walk(directory), TODAY)
    monkeypatch.setattr(module, "PARALLEL_FROM", 1)
    parallel = module._load(directory, module._walk(directory), TODAY)
    assert serial.problems == parallel.problems and len(serial.problems) >= 2
    assert [e.id for e in serial.entries] == [e.id for e in parallel.entries]
