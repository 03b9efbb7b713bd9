"""Shared fixtures: the project root, and the real site built once per session."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() == "true"


def shared_or_skip(sub: str) -> Path:
    """A folder of shared reference material; skip without it, but never in CI."""
    path = SHARED / sub
    if not path.exists():
        if IN_CI:
            pytest.fail(f"{path} is required in CI (CI=true) but is missing")
        pytest.skip(f"reference folder ../shared/{sub} is not present beside this clone")
    return path


def build_site(dest: Path, *, config: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)]
    if config:
        cmd += ["-f", str(config)]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with `mkdocs build --strict`."""
    dest = tmp_path_factory.mktemp("site") / "site"
    result = build_site(dest)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return dest


@pytest.fixture(scope="session")
def offline_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`make offline`, run for real, and its zip unpacked: the folder a user opens."""
    work = tmp_path_factory.mktemp("offline-build")
    archive = work / "popatlas-offline.zip"
    # The real target, writing into a temporary folder: never into the repository's build/ or dist/.
    result = subprocess.run(["make", "--no-print-directory", "offline", f"OFFLINE_DIR={work / 'tree'}",
                             f"OFFLINE_ZIP={archive}"], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    dest = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(dest)
    return dest / "popatlas"


_TIERS = {"unit": "unit", "site": "site", "browser": "browser"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each test carries the marker of its tier (its folder), so `-m unit` selects what it says."""
    for item in items:
        tier = _TIERS.get(Path(str(item.fspath)).parent.name)
        if tier:
            item.add_marker(getattr(pytest.mark, tier))
