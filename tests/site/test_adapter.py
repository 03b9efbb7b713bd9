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


@pytest.mark.parametrize("dirty, last_build_completed, skips", [(True, True, True), (False, True, False),
                                                               (True, False, False)])
def test_a_serve_rebuild_skips_unchanged_pages_only_over_a_complete_dirty_build(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, dirty: bool, last_build_completed: bool, skips: bool) -> None:
    """Without --dirty MkDocs empties the site folder before each rebuild, and after a build that
    failed half-way some pages generate wrote were never rendered: then nothing may be skipped."""
    class Result:
        problems: list = []
        errors: list = []
        written: list = []
        reused = 0

        def unchanged_directory_pages(self) -> set[str]:
            return {"en/directory/organizations/x.md"}

    monkeypatch.setattr(mkdocs_adapter, "generate", lambda *args: Result())
    monkeypatch.setattr(mkdocs_adapter, "_run", {"serving": False, "depth": 0, "hardened": {}, "search": {}})
    (tmp_path / "docs").mkdir()
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(tmp_path / "docs"))
    mkdocs_adapter.on_startup("serve", dirty)
    mkdocs_adapter._run["hardened"][str(Path(config.site_dir))] = 0.0  # a first build happened
    mkdocs_adapter._run["completed"] = last_build_completed
    mkdocs_adapter.on_config(config)
    assert mkdocs_adapter._run["skip"] == ({"en/directory/organizations/x.md"} if skips else set())
