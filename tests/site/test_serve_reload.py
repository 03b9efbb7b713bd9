"""`make serve` as the tests run it: a copy of the project, `popatlas generate`, then
`mkdocs serve --dirty`, with its output collected. The journey itself (the open page reloads
after an edit, a broken entry is reported and the server survives it) is driven in Chromium:
tests/browser/test_serve_reload_browser.py."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ..conftest import ROOT, SMALL_SITE

# What a build reads from the project folder. The package is imported from the editable install;
# its templates and data are copied only because every `watch:` path must exist beside mkdocs.yml.
COPIED = ("docs", "directory", "schemas", "overrides", "hooks", "src/popatlas/templates", "src/popatlas/data")
ENTRY = Path("directory/organizations/ke/haart.yml")
PAGE = "/directory/organizations/haart/"
WORD = "grassroots"  # in HAART's English description, and nowhere else on its page
STARTUP_TIMEOUT = 180.0
REBUILD_TIMEOUT = 90.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """`mkdocs serve`, live reload on (as `make serve` runs it), with its output collected as it comes."""

    def __init__(self, project: Path) -> None:
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if k not in ("DIRECTORY_URLS", "OFFLINE", "POPATLAS_SOURCE")}
        # As `make serve` runs it: generate once (MkDocs checks its docs_dir exists), then serve,
        # rebuilding only what changed.
        subprocess.run([sys.executable, "-m", "popatlas.cli", "generate"], cwd=project, check=True,
                       capture_output=True, env=env)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project, env={**env, "NO_MKDOCS_2_WARNING": "1"},
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace")
        self.lines: list[str] = []
        # A reader thread: an unread pipe would fill up and stall the server.
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line)

    def output(self, since: int = 0) -> str:
        return "".join(self.lines[since:])

    def page(self) -> str | None:
        """The served page, or None while the server has nothing to answer with."""
        try:
            # Short timeout: after a failed rebuild, mkdocs serve holds requests until a build succeeds.
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{PAGE}", timeout=3) as response:
                return response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError, socket.timeout):
            return None

    def wait_for(self, what: str, check: Callable[[], bool], timeout: float) -> float:
        """Seconds until `check()` holds; fails with the server's output if it never does or the server dies."""
        started = time.monotonic()
        while not check():
            if self.proc.poll() is not None:
                pytest.fail(f"mkdocs serve exited ({self.proc.returncode}) waiting for {what}:\n{self.output()[-4000:]}")
            if time.monotonic() - started > timeout:
                pytest.fail(f"no {what} after {timeout:.0f} s; mkdocs serve said:\n{self.output()[-4000:]}")
            time.sleep(0.5)
        return time.monotonic() - started

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._reader.join(timeout=5)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's build inputs, free to edit."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nextra:\n" in config
    (tmp_path / "mkdocs.yml").write_text(
        config.replace("\nextra:\n", f"\nextra:\n  popatlas_country_cards: {list(SMALL_SITE)}\n", 1), encoding="utf-8")
    for rel in COPIED:
        shutil.copytree(ROOT / rel, tmp_path / rel, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


@pytest.fixture
def server(project: Path) -> Iterator[Server]:
    server = Server(project)
    try:
        yield server
    finally:
        server.stop()


def marked(text: str, marker: str) -> str:
    assert text.count(WORD) == 1, f"{ENTRY} no longer says '{WORD}' once: pick another word for this test"
    return text.replace(WORD, marker)
