"""A translated page is contributed text too: a real strict build fails, naming the page, on
anything in it that could run, restyle, redirect or cover the quick exit."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from popatlas.bench import site_config

from ..conftest import ROOT, SMALL_SITE, shared_build

# Raw HTML the standard parser could misread (<script>, <iframe>, comments that end early…) is
# refused in the page's source by popatlas generate; this is the rest, caught after rendering.
SCRIPT_ATTACK = "<script>alert(1)</script>"
ATTACK = """
<style>.pa-exit{display:none}</style>

<meta http-equiv="refresh" content="1;url=https://evil.example/">

[Call the hotline](https://evil.example/){: style="position:fixed;inset:0;z-index:99999" }

[More](//evil.example/)

<a class="pa-exit__link" href="https://evil.example/">Quick exit</a>

<img src="https://example.org/pixel.png" alt="">
"""
# The front matter is checked before anything is rendered (popatlas generate, with its line and
# column); the content after rendering (popatlas harden, naming the source page). Each stage
# reports every problem it finds at once.
FRONT_MATTER_EXPECTED = "docs/es/about.md:2:8: error: title: contains < or >: HTML is not allowed here (write plain text)"
EXPECTED = [
    "es/about.md (es/about/index.html): <style> is not allowed in page content",
    "es/about.md (es/about/index.html): <meta> is not allowed in page content",
    "es/about.md (es/about/index.html): <a style=...> is not allowed in page content",
    'es/about.md (es/about/index.html): <a href="//evil.example/">: only full https:// addresses are allowed',
    "es/about.md (es/about/index.html): <a class=\"pa-exit__link\">: the site's own layout classes are not allowed in page content",
    'es/about.md (es/about/index.html): <img src="https://example.org/pixel.png"> loads from another host',
]


def _hostile(tmp: Path, title: bool, body: bool, script: bool = False) -> subprocess.CompletedProcess:
    docs = tmp / "docs"
    shutil.copytree(ROOT / "docs", docs)
    page = docs / "es" / "about.md"
    text = page.read_text(encoding="utf-8")
    head, rest = text.split("\n---\n", 1)
    if title:
        head = "\n".join('title: "Acerca de <img src=x onerror=alert(1)>"' if line.startswith("title:") else line
                         for line in head.splitlines())
    page.write_text(head + "\n---\n" + rest + (ATTACK if body else "") + (f"\n{SCRIPT_ATTACK}\n" if script else ""),
                    encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp / "site"),
                           "-f", str(site_config(tmp, ROOT / "directory", docs, SMALL_SITE))],
                          cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def _build(folder: Path) -> None:
    result = _hostile(folder, title=False, body=True)
    (folder / "result.json").write_text(json.dumps([result.returncode, result.stderr]), encoding="utf-8")


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess:
    """One build for every test here, whichever worker runs them."""
    folder = shared_build(tmp_path_factory, "hostile-pages", _build)
    code, stderr = json.loads((folder / "result.json").read_text(encoding="utf-8"))
    return subprocess.CompletedProcess([], code, "", stderr)


def test_markup_in_front_matter_and_a_script_stop_the_build_before_rendering(tmp_path: Path) -> None:
    result = _hostile(tmp_path, title=True, body=True, script=True)
    assert result.returncode != 0
    assert FRONT_MATTER_EXPECTED in result.stderr, result.stderr[-3000:]
    # Both problems at once, each with its line and column.
    assert re.search(r"docs/es/about\.md:\d+:1: error: '<script' is not allowed in a page", result.stderr), result.stderr



def test_the_build_fails(hostile_build: subprocess.CompletedProcess) -> None:
    assert hostile_build.returncode != 0


@pytest.mark.parametrize("expected", EXPECTED)
def test_each_attack_is_named_with_its_page(hostile_build: subprocess.CompletedProcess, expected: str) -> None:
    assert expected in hostile_build.stderr, hostile_build.stderr[-3000:]
