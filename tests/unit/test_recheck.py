"""A second validation in the same process (what `mkdocs serve` does after every save) re-checks
the files that changed and anything that depends on what changed, and nothing else leaks between runs."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from popatlas.directory import load_directory

from ..conftest import ROOT


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "directory", tmp_path / "directory")
    return tmp_path / "directory"


def _touch_later(path: Path, text: str) -> None:
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))  # a later time even on a coarse clock


def test_an_edited_file_is_checked_again_and_the_others_are_still_right(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    first = load_directory(directory)
    assert first.errors == []
    haart = directory / "organizations" / "ke" / "haart.yml"
    _touch_later(haart, haart.read_text(encoding="utf-8").replace("founded: 2010", "founded: next year"))
    second = load_directory(directory)
    assert [(p.path.endswith("haart.yml"), p.field) for p in second.errors] == [(True, "founded")]
    assert len(second.entries) == len(first.entries) - 1  # HAART is refused, every other entry kept
    _touch_later(haart, haart.read_text(encoding="utf-8").replace("founded: next year", "founded: 2010"))
    assert load_directory(directory).errors == [] and len(load_directory(directory).entries) == len(first.entries)


def test_a_duplicate_id_is_still_reported_when_its_files_are_taken_from_memory(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    copy = directory / "organizations" / "ke" / "haart-again.yml"
    shutil.copy(directory / "organizations" / "ke" / "haart.yml", copy)
    runs = []
    for i in range(3):
        loaded = load_directory(directory)
        runs.append([p.message for p in loaded.problems if "already used" in p.message])
        # another file changes between runs, so the directory is loaded again, not taken whole from memory
        other = sorted((directory / "resources").glob("*.yml"))[0]
        _touch_later(other, other.read_text(encoding="utf-8") + f"\n# run {i}\n")
    assert all(len(r) == 1 for r in runs), runs


def test_an_edited_taxonomy_re_checks_every_entry(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    assert load_directory(directory).errors == []
    taxonomy = directory / "taxonomy.yml"
    text = taxonomy.read_text(encoding="utf-8")
    assert "- id: legal-assistance" in text, "pick another service id for this test"
    start = text.index("- id: legal-assistance")
    end = text.index("- id:", start + 5)
    _touch_later(taxonomy, text[:start] + text[end:])
    unknown = [p for p in load_directory(directory).errors if p.field.startswith("services")]
    assert unknown and all("legal-assistance" in p.message for p in unknown)
