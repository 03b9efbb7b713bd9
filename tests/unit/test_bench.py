"""The benchmark's fictional entries are valid entries: a rule that they break would make
`make bench` fail after minutes instead of measuring."""
from __future__ import annotations

from pathlib import Path

from popatlas import bench
from popatlas.directory import load_directory

ROOT = Path(__file__).resolve().parents[2]


def test_fictional_entries_pass_every_rule(tmp_path: Path) -> None:
    real = len(load_directory(ROOT / "directory").entries)
    bench.generate(tmp_path / "directory", 40)
    d = load_directory(tmp_path / "directory")
    assert [p.text() for p in d.problems if p.severity == "error"] == []
    assert len(d.entries) == real + 40
