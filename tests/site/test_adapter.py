"""The MkDocs adapter: generate runs once per build, not once more for every language
mkdocs-static-i18n builds inside it."""
from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config

from popatlas import mkdocs_adapter

from ..conftest import ROOT


def test_generate_runs_in_the_outer_build_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[object] = []

    class Result:
        problems: list = []
        errors: list = []
        written: list = []
        reused = 0

    monkeypatch.setattr(mkdocs_adapter, "generate", lambda *args: calls.append(args) or Result())
    monkeypatch.setitem(mkdocs_adapter._run, "depth", 0)
    (tmp_path / "docs").mkdir()
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(tmp_path / "docs"))
    mkdocs_adapter.on_config(config)
    assert len(calls) == 1
    mkdocs_adapter.on_pre_build(config)  # the outer build has started: the languages built inside it
    mkdocs_adapter.on_config(config)
    assert len(calls) == 1
    mkdocs_adapter.on_build_error(RuntimeError())
