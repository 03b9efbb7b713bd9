"""One search index per language.

mkdocs-static-i18n merges every language into one index, so a Spanish reader
would get English results. After the build we split it: the default language
keeps search/, every other language gets <lang>/search/ with its own stemmer,
and its pages point the search at their language folder (see rebased_config).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any


Documents = dict[str, list[dict[str, Any]]]  # language -> its search documents


def _page(location: str) -> str:
    return location.split("#", 1)[0]


def split_index(site_dir: Path, languages: list[str], default: str, offline: bool,
                previous: Documents | None = None) -> Documents:
    """Write one index per language; returns each language's documents.

    With `previous` (the documents of the last run over this folder: a `mkdocs serve --dirty`
    rebuild, whose merged index holds only the pages it rebuilt), a rebuilt page's documents
    replace its old ones and every other page keeps its documents."""
    source = site_dir / "search" / "search_index.json"
    if not source.exists():
        return {}
    merged: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    if merged.get("config", {}).get("popatlas_split"):
        return _read(site_dir, languages, default)  # split already (harden ran twice)
    # The merged index can list a page once per language build: the last one is the newest.
    merged["docs"] = list({d["location"]: d for d in merged["docs"]}.values())
    others = tuple(f"{lang}/" for lang in languages if lang != default)
    result: Documents = {}
    for lang in languages:
        if lang == default:
            docs = [d for d in merged["docs"] if not d["location"].startswith(others)]
            folder = site_dir / "search"
        else:
            prefix = f"{lang}/"
            docs = [dict(d, location=d["location"][len(prefix):]) for d in merged["docs"]
                    if d["location"].startswith(prefix)]
            folder = site_dir / lang / "search"
        if previous is not None and lang in previous:
            rebuilt = {_page(d["location"]) for d in docs}
            docs = [d for d in previous[lang] if _page(d["location"]) not in rebuilt] + docs
        index = {"config": dict(merged["config"], lang=[lang], popatlas_split=True), "docs": docs}
        folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        (folder / "search_index.json").write_text(text, encoding="utf-8")
        if offline:  # pages opened from disk load the index as a script (Material's offline mode)
            (folder / "search_index.js").write_text(f"var __index = {text}", encoding="utf-8")
        result[lang] = docs
    return result


def _read(site_dir: Path, languages: list[str], default: str) -> Documents:
    docs = {}
    for lang in languages:
        index = site_dir / ("search" if lang == default else f"{lang}/search") / "search_index.json"
        docs[lang] = json.loads(index.read_text(encoding="utf-8"))["docs"] if index.is_file() else []
    return docs


def rebased_config(config_json: str, lang: str) -> str:
    """Material's page config (the JSON in <script id="__config">) with its search pointed at
    the language folder; the trailing slash makes its URLs resolve inside it."""
    config = json.loads(config_json)
    config["base"] = config["base"].rstrip("/") + f"/{lang}/"
    return json.dumps(config, ensure_ascii=False).replace("</", "<\\/")
