"""The wheel carries what the package needs (schemas, templates, strings, entry templates): it
validates the directory and generates the site's source tree from outside any checkout."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from ..conftest import ROOT


def test_the_wheel_works_on_its_own(tmp_path: Path) -> None:
    # Built from a copy: setuptools writes build/ and *.egg-info beside the sources it builds.
    source = tmp_path / "source"
    for name in ("pyproject.toml", "README.md"):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, source / name)
    for name in ("src", "schemas", "templates"):
        shutil.copytree(ROOT / name, source / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path / "dist"),
                            str(source)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "dist").glob("popatlas-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("popatlas/schemas/organization.schema.json", "popatlas/schemas/page.schema.json",
                   "popatlas/templates/organization.html.j2", "popatlas/data/ui.yml",
                   "popatlas/entry_templates/organization.yml", "popatlas/mdx.py"):
        assert needed in names, f"{needed} is missing from {wheel.name}"
    unpacked = tmp_path / "installed"
    zipfile.ZipFile(wheel).extractall(unpacked)
    env = {**os.environ, "PYTHONPATH": str(unpacked)}
    where = subprocess.run([sys.executable, "-c", "import popatlas; print(popatlas.__file__)"], cwd=tmp_path,
                           capture_output=True, text=True, env=env)
    assert where.stdout.strip().startswith(str(unpacked)), where
    checked = subprocess.run([sys.executable, "-m", "popatlas.cli", "validate", str(ROOT / "directory")], cwd=tmp_path,
                             capture_output=True, text=True, env=env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    script = ("from pathlib import Path; from popatlas.generate import Settings, generate; "
              f"r = generate(Settings(Path({str(ROOT / 'docs')!r}), Path({str(ROOT / 'directory')!r})), Path('out')); "
              "print(len(r.errors), len(r.rendered))")
    generated = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert generated.stdout.split() == ["0", str(len(list((tmp_path / "out" / "docs").rglob("*.*"))))], generated
