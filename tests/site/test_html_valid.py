"""The Nu HTML Checker (vnu) finds no error on any page, served or offline, in any language."""
from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from ..conftest import IN_CI, ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _vnu(folder: Path, files: list[Path] | None = None) -> list[dict]:
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        if IN_CI:
            pytest.fail("the Nu HTML Checker needs Java and node_modules/vnu-jar (make test installs it)")
        pytest.skip("Java or vnu.jar missing: run `make test`, which installs vnu.jar")
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json",
                             *[str(f) for f in (files or [folder])]],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    # A file the checker could not read ("non-document-error") is a failure too, not a pass.
    return [m for m in messages if m.get("type") in ("error", "non-document-error") or m.get("subType") == "fatal"]


def _summary(errors: list[dict], folder: Path) -> str:
    counts = Counter(m["message"] for m in errors)
    first = {m["message"]: m for m in reversed(errors)}
    return "\n".join(f"{n} × {msg}\n    first: {first[msg]['url'].split(str(folder))[-1]}:{first[msg].get('lastLine')}: "
                     f"{first[msg].get('extract', '').strip()[:120]}" for msg, n in counts.most_common())


def served_pages(folder: Path) -> list[Path]:
    """Every page, but of the help cards (one template, a country's names and numbers from the
    libraries) only those that list an entry and the first one in each language."""
    pages, first_card = [], set()
    for page in sorted(folder.rglob("*.html")):
        rel = page.relative_to(folder).as_posix()
        lang, _, rest = rel.partition("/") if rel.split("/", 1)[0] in ("es", "fr", "ar") else ("en", "", rel)
        if rest.startswith("directory/countries/") and rest != "directory/countries/index.html":
            text = page.read_text(encoding="utf-8")
            if lang in first_card and "../../organizations/" not in text and "../../resources/" not in text:
                continue
            first_card.add(lang)
        pages.append(page)
    return pages


def test_served_site_is_valid_html(site_dir: Path) -> None:
    pages = served_pages(site_dir)
    assert len(pages) > 300
    errors = _vnu(site_dir, pages)
    assert not errors, _summary(errors, site_dir)


def one_of_each_kind(folder: Path) -> list[Path]:
    """Every top-level page, and each folder's index and first other page, in each language."""
    first: dict[tuple, Path] = {}
    for page in sorted(folder.rglob("*.html")):
        rel = page.relative_to(folder)
        parts = rel.parts[1:] if rel.parts[0] in ("es", "fr", "ar") else rel.parts
        lang = rel.parts[0] if len(parts) < len(rel.parts) else "en"
        name = parts[-1] if len(parts) == 1 else page.name == "index.html" or rel.parent.name == "index"
        first.setdefault((lang, parts[:-1], name), page)
    return sorted(first.values())


def test_offline_copy_is_valid_html(offline_dir: Path) -> None:
    # The offline copy is the same templates with other link forms: one page of each kind (every
    # page of the served site is checked above).
    sample = one_of_each_kind(offline_dir)
    assert len(sample) >= 4 * 10
    errors = _vnu(offline_dir, sample)
    assert not errors, _summary(errors, offline_dir)
