"""Shared fixtures: the project root, and the real site built once per session."""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Callable

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() == "true"
# Builds that try one thing (hostile input, `mkdocs serve`) make help cards only for Kenya and the
# countries the entries serve, not all 245 regions: each takes half the time of the whole site.
SMALL_SITE = ("KE",)


def shared_or_skip(sub: str) -> Path:
    """A folder of shared reference material; skip without it, but never in CI unless the run
    names it as optional (POPATLAS_OPTIONAL_SHARED=seeds: the repository's own workflow, which has
    no ../shared/ beside its checkout)."""
    path = SHARED / sub
    optional = os.environ.get("POPATLAS_OPTIONAL_SHARED", "").split(",")
    if not path.exists():
        if IN_CI and sub not in optional:
            pytest.fail(f"{path} is required in CI (CI=true) but is missing")
        pytest.skip(f"reference folder ../shared/{sub} is not present beside this clone")
    return path


def build_site(dest: Path, *, config: Path | None = None, env: dict[str, str] | None = None,
               engine: str = "mkdocs") -> subprocess.CompletedProcess:
    """A strict build into `dest`; its generated source tree goes beside it (never into build/)."""
    source = dest.parent / f"{dest.name}-source" / "docs"
    source.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", engine, "build", "--strict", "-d", str(dest)]
    if config:
        cmd += ["-f", str(config)]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "POPATLAS_SOURCE": str(source), **(env or {})})


def shared_build(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder made once per test session, even when pytest-xdist runs several workers: the
    first worker to ask makes it (under a file lock), the others wait for it and reuse it."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the session's folder, shared by every worker
    folder, done = base / f"shared-{name}", base / f"shared-{name}.done"
    with open(base / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            make(folder)  # fails the asking test, with the build's output, if it goes wrong
            done.touch()
    return folder


def _build_site(folder: Path) -> None:
    result = build_site(folder / "site")
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with `mkdocs build --strict`."""
    return shared_build(tmp_path_factory, "site", _build_site) / "site"


def _build_offline(work: Path) -> None:
    archive = work / "popatlas-offline.zip"
    # The real target, writing into a temporary folder: never into the repository's build/ or dist/.
    result = subprocess.run(["make", "--no-print-directory", "offline", f"OFFLINE_DIR={work / 'tree'}",
                             f"OFFLINE_ZIP={archive}"], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(work / "unzipped")


@pytest.fixture(scope="session")
def offline_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`make offline`, run for real, and its zip unpacked: the folder a user opens."""
    return shared_build(tmp_path_factory, "offline", _build_offline) / "unzipped" / "popatlas"


_TIERS = {"unit": "unit", "site": "site", "browser": "browser"}


# The longest tests start first, so that two workers finish together rather than one waiting
# for the other's last long test.
LONGEST_FIRST = ("test_serve_reload_browser", "test_hostile", "test_engines", "test_crawl", "test_html_valid",
                 "test_accessibility", "test_hostile_pages")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each test carries the marker of its tier (its folder), so `-m unit` selects what it says;
    the longest files go first."""
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(Path(str(item.fspath)).stem, len(rank)))
    for item in items:
        tier = _TIERS.get(Path(str(item.fspath)).parent.name)
        if tier:
            item.add_marker(getattr(pytest.mark, tier))
