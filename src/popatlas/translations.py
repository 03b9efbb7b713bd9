"""Which translations exist and which are out of date.

A translated page records in its front matter `source_hash`, the fingerprint of
the English file it translates; a translated directory description records it
under `translations:` in the entry. When the English changes, the fingerprint
no longer matches and the translation is reported (and flagged on the site).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import DEFAULT_LANGUAGE, LANGUAGES
from .content import read_page
from .directory import Directory
from .identity import fingerprint
from .problems import Problem

_HASH_LINE = re.compile(r"^source_hash:.*$", re.M)


def source_fingerprint(docs_dir: Path, rel: str) -> str:
    return fingerprint((docs_dir / DEFAULT_LANGUAGE / rel).read_text(encoding="utf-8"))


@dataclass
class LanguageReport:
    lang: str
    pages: int = 0
    missing: list[str] = field(default_factory=list)
    outdated: list[str] = field(default_factory=list)
    entries: int = 0
    entries_missing: list[str] = field(default_factory=list)
    entries_outdated: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.missing or self.outdated or self.entries_missing or self.entries_outdated)


def page_status(docs_dir: Path, lang: str, rel: str) -> str:
    """'current', 'outdated' or 'missing' for one page in one language."""
    path = docs_dir / lang / rel
    if not path.is_file():
        return "missing"
    meta, _ = read_page(path)
    return "current" if str(meta.get("source_hash", "")) == source_fingerprint(docs_dir, rel) else "outdated"


def english_pages(docs_dir: Path) -> list[str]:
    root = docs_dir / DEFAULT_LANGUAGE
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.md"))


def report(docs_dir: Path, directory: Directory | None, languages: list[str] | None = None) -> list[LanguageReport]:
    out = []
    for lang in languages or [l for l in LANGUAGES if l != DEFAULT_LANGUAGE]:
        r = LanguageReport(lang)
        for rel in english_pages(docs_dir):
            r.pages += 1
            status = page_status(docs_dir, lang, rel)
            if status == "missing":
                r.missing.append(rel)
            elif status == "outdated":
                r.outdated.append(rel)
        for entry in directory.entries if directory else []:
            if entry.original_language == lang:
                continue
            r.entries += 1
            if lang not in entry.description:
                r.entries_missing.append(entry.path)
            elif entry.translations.get(lang) != entry.source_hash():
                r.entries_outdated.append(entry.path)
        out.append(r)
    return out


def stamp_page(docs_dir: Path, path: Path) -> str:
    """Record that a translated page matches its current English source."""
    try:
        parts = path.resolve().relative_to(docs_dir.resolve()).parts
    except ValueError:
        raise ValueError(f"{path}: not a page under {docs_dir}/<es|fr|ar>/") from None
    lang, rel = parts[0], Path(*parts[1:]).as_posix()
    if not path.is_file():
        raise ValueError(f"{path}: no such page")
    if lang == DEFAULT_LANGUAGE or lang not in LANGUAGES:
        raise ValueError(f"{path}: not a translated page (expected docs/<es|fr|ar>/...)")
    value = source_fingerprint(docs_dir, rel)
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        text = f"---\nsource_hash: {value}\n---\n\n" + text
    elif _HASH_LINE.search(text.split("\n---", 1)[0]):
        head, rest = text.split("\n---", 1)
        text = _HASH_LINE.sub(f"source_hash: {value}", head, count=1) + "\n---" + rest
    else:
        text = text.replace("---\n", f"---\nsource_hash: {value}\n", 1)
    path.write_text(text, encoding="utf-8")
    return value


class StampRefused(ValueError):
    """The entry has problems: it must validate before a translation can be stamped."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def _round_trip() -> Any:
    from ruamel.yaml import YAML
    yaml = YAML(typ="rt")  # keeps comments, quotes, flow style and key order
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def stamp_entry(path: Path, lang: str) -> str:
    """Record in a directory entry that its `lang` description matches the current original."""
    from .directory import load_directory, real_path
    root = next((p for p in real_path(path.absolute()).parents if (p / "taxonomy.yml").is_file()), None)
    if root is None:
        raise ValueError(f"{path}: not inside a directory folder (no taxonomy.yml found above it)")
    directory = load_directory(root)
    errors = [p for p in directory.problems_for(path) if p.severity == "error"]
    if errors:
        raise StampRefused(errors)
    wanted = real_path(path.absolute())
    entry = next(e for e in directory.entries if directory.real_paths.get(e.path) == wanted)
    if lang not in entry.description:
        raise ValueError(f"{path}: has no description.{lang} to stamp")
    value = entry.source_hash()
    yaml = _round_trip()
    data = yaml.load(path.read_text(encoding="utf-8"))
    if data.get("translations") is None:
        data["translations"] = {}
    data["translations"][lang] = value
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(data, out)
    return value


def notice(docs_dir: Path, lang: str, rel: str, directory_urls: bool, t: dict[str, str]) -> str:
    """The notice above a page shown in English fallback, or translated from an older English text."""
    from .render import render_notice
    from .urls import to_default_language
    if lang == DEFAULT_LANGUAGE or not (docs_dir / DEFAULT_LANGUAGE / rel).is_file():
        return ""
    status = page_status(docs_dir, lang, rel)
    if status == "current":
        return ""
    message = t["translation_missing"] if status == "missing" else t["translation_outdated"]
    link_text = t["read_english"] if status == "outdated" else ""
    return render_notice(message, link_text, to_default_language(rel, directory_urls)) + "\n\n"
