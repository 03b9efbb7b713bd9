"""`popatlas harden` on its own, over the real built site: a second run finds every page hardened
already and changes no byte (the search indexes stay split); an unhardened page fails it."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from popatlas import safety

from ..conftest import ROOT


def _harden(site: Path, pages: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "popatlas.cli", "harden", str(site), "--pages", str(pages)],
                          cwd=ROOT, capture_output=True, text=True)


def _snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_harden_twice_changes_nothing(site_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    pages = site_dir.parent / f"{site_dir.name}-source" / "pages.json"
    result = _harden(copy, pages)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 page(s) hardened" in result.stdout, result.stdout
    assert _snapshot(copy) == _snapshot(site_dir)


def test_harden_fails_on_a_page_with_a_script_from_another_host(site_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    page = copy / "es" / "about" / "index.html"
    html = page.read_text(encoding="utf-8")
    start = html.index(safety.CSP_META_START) + len(safety.CSP_META_START)
    html = html[:start] + safety.CSP_PLACEHOLDER + html[html.index('"', start):]  # as the theme wrote it
    page.write_text(html.replace("</body>", '<script src="https://cdn.example/x.js"></script></body>'), encoding="utf-8")
    result = _harden(copy, site_dir.parent / f"{site_dir.name}-source" / "pages.json")
    assert result.returncode == 1
    assert 'docs/es/about.md (es/about/index.html): <script src="https://cdn.example/x.js"> loads from another host' \
        in result.stdout.replace(str(ROOT) + "/", ""), result.stdout
