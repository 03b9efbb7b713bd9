"""Relative links between pages of one language tree, for both URL styles.

Generated HTML is not rewritten by MkDocs, so we compute links ourselves:
`use_directory_urls` is on when served and off in the offline copy.
"""
from __future__ import annotations

import posixpath


def dest(md_path: str, directory_urls: bool) -> str:
    """'principles/01-x.md' -> 'principles/01-x/' or 'principles/01-x.html'."""
    stem = md_path.removesuffix(".md")
    parent, name = posixpath.split(stem)
    if name == "index":
        return (parent + "/" if parent else "") if directory_urls else posixpath.join(parent, "index.html")
    return f"{stem}/" if directory_urls else f"{stem}.html"


def relative(target_md: str, from_md: str, directory_urls: bool, fragment: str = "") -> str:
    target = dest(target_md, directory_urls)
    here = dest(from_md, directory_urls)
    base = here if here.endswith("/") or here == "" else posixpath.dirname(here) + "/"
    rel = posixpath.relpath(target or ".", base.rstrip("/") or ".")
    if directory_urls and (target.endswith("/") or target == ""):
        rel = rel.rstrip("/") + "/" if rel != "." else "./"
    elif not directory_urls and target.endswith("index.html") is False and rel == ".":
        rel = posixpath.basename(target)
    return rel + (f"#{fragment}" if fragment else "")


def asset(target_path: str, from_md: str, directory_urls: bool) -> str:
    """Link to a non-page file such as 'directory/filter-data.js'."""
    here = dest(from_md, directory_urls)
    base = here if here.endswith("/") or here == "" else posixpath.dirname(here) + "/"
    return posixpath.relpath(target_path, base.rstrip("/") or ".")


def root_asset(target_path: str, from_md: str, lang_folder: str, directory_urls: bool) -> str:
    """Link to a file that sits once at the site root (open-data/…, assets/…) from a page
    of a language tree; `lang_folder` is "" for the default language, else e.g. "es"."""
    return asset(target_path, posixpath.join(lang_folder, from_md), directory_urls)


def to_default_language(md_path: str, directory_urls: bool) -> str:
    """From a page in a language folder (es/...) to the same page in the default language."""
    target = dest(md_path, directory_urls) or "./"
    here = "xx/" + dest(md_path, directory_urls)
    base = here if here.endswith("/") else posixpath.dirname(here) + "/"
    rel = posixpath.relpath(target, base.rstrip("/"))
    return rel + "/" if target.endswith("/") and not rel.endswith("/") else rel
