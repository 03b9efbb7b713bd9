"""One search index per language.

mkdocs-static-i18n merges every language into one index, so a Spanish reader
would get English results. After the build we split it: the default language
keeps search/, every other language gets <lang>/search/ with its own stemmer,
and its pages point the search at their language folder (see language_base).
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def split_index(site_dir: Path, languages: list[str], default: str, offline: bool) -> dict[str, int]:
    """Write one index per language; returns the number of documents in each."""
    source = site_dir / "search" / "search_index.json"
    if not source.exists():
        return {}
    merged: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    others = tuple(f"{lang}/" for lang in languages if lang != default)
    counts: dict[str, int] = {}
    for lang in languages:
        if lang == default:
            docs = [d for d in merged["docs"] if not d["location"].startswith(others)]
            folder = site_dir / "search"
        else:
            prefix = f"{lang}/"
            docs = [dict(d, location=d["location"][len(prefix):]) for d in merged["docs"]
                    if d["location"].startswith(prefix)]
            folder = site_dir / lang / "search"
        index = {"config": dict(merged["config"], lang=[lang]), "docs": docs}
        folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        (folder / "search_index.json").write_text(text, encoding="utf-8")
        if offline:  # pages opened from disk load the index as a script (Material's offline mode)
            (folder / "search_index.js").write_text(f"var __index = {text}", encoding="utf-8")
        counts[lang] = len(docs)
    return counts


def language_base(html: str, lang: str, default: str) -> str:
    """Point the page's search (Material's config.base) at its language folder."""
    if lang == default:
        return html

    def rebase(match: re.Match[str]) -> str:
        config = json.loads(match.group(2))
        config["base"] = config["base"].rstrip("/") + f"/{lang}/"  # trailing slash: URLs resolve inside it
        return match.group(1) + json.dumps(config, ensure_ascii=False) + match.group(3)

    return _CONFIG.sub(rebase, html, count=1)
