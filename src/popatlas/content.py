"""The hand-written pages as data: front matter of principles, guides, case
studies and the glossary, read per language with English as the fallback."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from . import DEFAULT_LANGUAGE

FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)---\s*\n", re.S)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    return yaml.safe_load(match.group(1)) or {}, text[match.end():]


@lru_cache(maxsize=4096)
def _read(path: Path, mtime_ns: int) -> tuple[dict[str, Any], str]:
    return split_front_matter(path.read_text(encoding="utf-8"))


def read_page(path: Path) -> tuple[dict[str, Any], str]:
    """(front matter, body) of a page, cached on its modification time."""
    return _read(path, path.stat().st_mtime_ns)


@dataclass(frozen=True)
class PageRef:
    path: str  # relative to the language folder, e.g. "principles/01-client-centered-practice.md"
    meta: dict[str, Any] = field(hash=False, compare=False)
    body: str = field(default="", hash=False, compare=False)

    @property
    def title(self) -> str:
        return str(self.meta.get("title", ""))


class Content:
    """Looks pages up in docs/<lang>/, falling back to docs/en/."""

    def __init__(self, docs_dir: Path) -> None:
        self.docs_dir = docs_dir

    def page(self, lang: str, rel: str) -> PageRef | None:
        for candidate in (lang, DEFAULT_LANGUAGE):
            path = self.docs_dir / candidate / rel
            if path.is_file():
                meta, body = read_page(path)
                return PageRef(rel, meta, body)
        return None

    def pages(self, lang: str, folder: str) -> list[PageRef]:
        """Every page of a folder except its index, in file-name order."""
        names = sorted({p.name for p in (self.docs_dir / DEFAULT_LANGUAGE / folder).glob("*.md")}
                       | {p.name for p in (self.docs_dir / lang / folder).glob("*.md")})
        refs = [self.page(lang, f"{folder}/{name}") for name in names if name not in ("index.md", "all.md")]
        return [r for r in refs if r is not None]

    def principles(self, lang: str) -> dict[int, PageRef]:
        return {int(p.meta["pop"]): p for p in self.pages(lang, "principles") if "pop" in p.meta}

    def case_studies(self, lang: str) -> list[PageRef]:
        return self.pages(lang, "case-studies")

    def guides(self, lang: str) -> list[PageRef]:
        return self.pages(lang, "guides")

    def glossary(self, lang: str) -> list[dict[str, Any]]:
        page = self.page(lang, "glossary.md")
        return list(page.meta.get("terms", [])) if page else []

    def groups(self, lang: str) -> list[dict[str, Any]]:
        page = self.page(lang, "principles/index.md")
        return list(page.meta.get("groups", [])) if page else []
