"""The site builds the same with MkDocs 1.6 and with ProperDocs, its community continuation:
the same pages, and the same text on a sample of every page type in every language."""
from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import pytest

from ..conftest import build_site, shared_build
from .reader import read

# One page of each type, in each language folder.
SAMPLE = ["index.html", "principles/01-client-centered-practice/index.html", "guides/client-centered-intake/index.html",
          "case-studies/no-room-for-bias/index.html", "directory/index.html", "directory/organizations/haart/index.html",
          "directory/countries/ke/index.html", "directory/resources/index.html", "glossary/index.html"]


def _build(folder: Path) -> None:
    assert importlib.util.find_spec("properdocs") is not None, "properdocs is pinned in requirements.in"
    result = build_site(folder / "site", engine="properdocs")
    assert result.returncode == 0, f"properdocs build failed:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="session")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_build(tmp_path_factory, "properdocs", _build) / "site"


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and not p.name.endswith(".gz")}


def test_properdocs_writes_the_same_files(site_dir: Path, properdocs_site: Path) -> None:
    assert _files(properdocs_site) == _files(site_dir)


@pytest.mark.parametrize("lang", ["", "es/", "fr/", "ar/"], ids=["en", "es", "fr", "ar"])
def test_properdocs_pages_read_the_same(site_dir: Path, properdocs_site: Path, lang: str) -> None:
    for rel in (lang + page for page in SAMPLE):
        ours, theirs = read(site_dir, rel), read(properdocs_site, rel)
        assert (theirs.title, theirs.h1, theirs.text) == (ours.title, ours.h1, ours.text), rel


def test_properdocs_open_data_is_identical(site_dir: Path, properdocs_site: Path) -> None:
    for rel in ("open-data/directory.json", "open-data/organizations.csv", "open-data/hsds/organizations.json",
                "directory/filter-data.js", "ar/directory/filter-data.js"):
        digest = lambda site: hashlib.sha256((site / rel).read_bytes()).hexdigest()  # noqa: E731
        assert digest(properdocs_site) == digest(site_dir), rel
