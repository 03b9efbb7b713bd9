"""The fixture discipline shared by every folder of one-file-per-rule fixtures: each fixture has
an expectation in the folder's expected.yml and each expectation a fixture (checked both ways)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any


def stems(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.yml") if p.name != "expected.yml")


def assert_both_ways(folder: Path, expected: dict[str, Any]) -> None:
    found = set(stems(folder))
    assert sorted(found - set(expected)) == [], "fixtures without an entry in expected.yml"
    assert sorted(set(expected) - found) == [], "expected.yml entries without a fixture file"


def assert_spec_shape(stem: str, spec: dict[str, Any], lines: str) -> None:
    """kind, place and a non-empty list of expected output lines; the name says <field>_<reason>."""
    assert set(spec) == {"kind", "place", lines}
    assert spec["kind"] in ("organization", "resource")
    assert re.fullmatch(r"[a-z0-9_]+", stem), "fixture names are <field>_<reason>"
    assert spec[lines], f"every fixture must give at least one line under '{lines}'"
