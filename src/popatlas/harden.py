"""Stage 3 of the build: a pure function over the built files.

For every page: the Content-Security-Policy from the inline scripts the theme itself writes,
`rel="noopener noreferrer"` on links to other sites, repairs to the theme's own markup that
the Nu HTML Checker rejects, glossary marks once per section, left-to-right runs isolated in
right-to-left pages, and an audit of hand-written content. For the site: one search index
per language. It fails (returns errors) if a page still carries a placeholder, loads anything
from another host, runs an inline script the theme did not write, or has hand-written content
that could restyle, redirect or run something.

Every edit goes through popatlas.htmltokens: markup is parsed, never matched with a pattern.
"""
from __future__ import annotations

import concurrent.futures
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit

from . import bidi, glossary_marks, safety, search
from .htmltokens import END, OTHER, START, TEXT, Token, element_span, join, tokenize

# The theme markup that every page has; a theme update that drops it fails the build.
ALWAYS = ("__drawer autocomplete", "__search autocomplete", "search dialog")
# Elements and attributes that make the browser fetch something.
_FETCH_ATTRS = {"src", "data", "srcset", "poster", "background", "imagesrcset"}
_FETCH_LINK_RELS = {"stylesheet", "preload", "prefetch", "icon", "shortcut", "apple-touch-icon", "manifest",
                    "modulepreload", "preconnect", "dns-prefetch"}


@dataclass(frozen=True)
class PageRules:
    lang: str
    default_language: str
    rtl: bool
    search_label: str
    allowed_scripts: frozenset[str]
    contributed: bool  # its content was written by hand (translations arrive by pull request)
    source: str = ""   # the hand-written file it was made from, named in errors


@dataclass
class Hardened:
    html: str
    errors: list[str] = field(default_factory=list)


def _is_other_host(url: str) -> bool:
    """Would a browser fetch this address from another host? (It drops tabs and line breaks,
    trims spaces and control characters, and reads a backslash as a slash.)"""
    url = "".join(ch for ch in url if ch not in "\t\n\r").strip("".join(map(chr, range(33)))).replace("\\", "/")
    return url.startswith("//") or urlsplit(url).scheme.lower() in ("http", "https")


def _remote_urls_in_css(text: str) -> list[str]:
    """url(...) values in a style sheet or style attribute that point at another host."""
    found, lower, at = [], text.lower(), 0
    if "@import" in lower:
        found.append("@import")  # a style sheet pulling in another: never needed here
    while (at := lower.find("url(", at)) >= 0:
        end = text.find(")", at)
        value = text[at + 4: end if end >= 0 else len(text)].strip().strip("'\"")
        if _is_other_host(value):
            found.append(value)
        if end < 0:
            break  # no closing bracket: nothing further can be a url(...)
        at = end
    return found


def _script_body(tokens: list[Token], i: int) -> str:
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return nxt.source if nxt is not None and nxt.kind == TEXT else ""


def _runs(token: Token) -> bool:
    """An inline script a browser would run (JSON data blocks do not)."""
    kind = (token.attr("type") or "").strip().lower()
    return token.tag == "script" and not token.has("src") and kind not in ("application/json", "application/ld+json")


def _edit_tag(token: Token, rules: PageRules, found: set[str], toc_labelled: bool) -> None:
    tag = token.tag
    if token.attr("tabindex") == "":
        token.remove("tabindex")  # nav-item.html writes tabindex="" for section labels
    if tag == "input":
        ident = token.attr("id")
        if ident in ("__drawer", "__search") and token.has("autocomplete"):
            # Not allowed on a checkbox; popatlas.js resets the toggles on pageshow instead.
            token.remove("autocomplete")
            found.add(f"{ident} autocomplete")
        elif ident == "__toc" and not toc_labelled:
            token.dropped = True  # a toggle for a table of contents the page does not have
        elif (token.attr("type") or "").lower() == "checkbox" and token.has("disabled") and not token.has("id"):
            # Checklist boxes in guides are print marks, not form fields: the item's text carries the meaning.
            if token.attr("aria-hidden") != "true":
                token.set("aria-hidden", "true")
                token.set("tabindex", "-1")
    elif tag == "div" and token.attr("data-md-component") == "search" and token.attr("role") == "dialog":
        if not token.has("aria-label"):
            token.set("aria-label", rules.search_label)
        found.add("search dialog")
    elif tag == "a" and _is_other_host(token.attr("href") or ""):
        wanted = " ".join(sorted(set((token.attr("rel") or "").split()) | {"noopener", "noreferrer"}))
        if token.attr("rel") != wanted:
            token.set("rel", wanted)


def _audit_fetches(token: Token, errors: list[str]) -> None:
    for name, value in token.attrs:
        if value is None:
            continue
        candidates = [p.split()[0] for p in value.split(",") if p.split()] if name.endswith("srcset") else [value]
        if name in _FETCH_ATTRS and any(_is_other_host(c) for c in candidates):
            errors.append(f"<{token.tag} {name}=\"{value[:80]}\"> loads from another host: serve it from this site")
        elif name == "style":
            errors.extend(f"a style loads '{url[:80]}' from another host" for url in _remote_urls_in_css(value))
    if token.tag == "link" and _FETCH_LINK_RELS & set((token.attr("rel") or "").lower().split()):
        if _is_other_host(token.attr("href") or ""):
            errors.append(f"<link href=\"{(token.attr('href') or '')[:80]}\"> loads from another host")


def harden_page(html: str, rules: PageRules) -> Hardened:
    """One built page, hardened; the errors say what would make it unsafe to publish."""
    try:
        return _harden_page(html, rules)
    except Exception as exc:  # noqa: BLE001 - a page the parser cannot read is an error, never a traceback
        return Hardened(html, [f"the page could not be read as HTML ({exc.__class__.__name__}: {exc})"])


def _audit_content(html: str) -> list[str]:
    """Hand-written content, read again as it will be published."""
    errors: list[str] = []
    for token in tokenize(html):
        if token.kind == START:
            errors.extend(safety.tag_problems(token.tag, token.attrs))
            _audit_fetches(token, errors)
    return errors


def _harden_page(html: str, rules: PageRules) -> Hardened:
    tokens = tokenize(html)
    errors: list[str] = []
    found: set[str] = set()
    toc_labelled = any(t.kind == START and t.tag == "label" and t.attr("for") == "__toc" for t in tokens)
    article: tuple[int, int] | None = None
    csp_meta: Token | None = None
    scripts: list[str] = []

    for i, token in enumerate(tokens):
        if token.kind == OTHER and token.source.startswith("<!--") and "popatlas:" in token.source:
            errors.append(f"a marker was not expanded: {token.source[:80]}")
        if token.kind != START:
            continue
        tag = token.tag
        if tag == "link" and (token.attr("rel") or "") == "alternate" and token.has("hreflang"):
            # Material fetches sitemap.xml beside every alternate link; with i18n's per-page
            # alternates those requests fail. The visible language switcher stays.
            token.dropped = True
            if i + 1 < len(tokens) and tokens[i + 1].kind == TEXT and not tokens[i + 1].source.strip():
                tokens[i + 1].dropped = True
            continue
        if tag == "meta" and (token.attr("http-equiv") or "").lower() == "content-security-policy":
            csp_meta = token
        elif tag == "script":
            if token.attr("id") == "__config" and rules.lang != rules.default_language and i + 1 < len(tokens):
                tokens[i + 1].source = search.rebased_config(tokens[i + 1].source, rules.lang)
            if _runs(token):
                scripts.append(_script_body(tokens, i))
        elif tag == "style" and i + 1 < len(tokens):
            errors.extend(f"a style sheet loads '{u[:80]}' from another host" for u in _remote_urls_in_css(tokens[i + 1].source))
        elif tag == "article" and article is None and "md-content__inner" in token.classes():
            article = (i, element_span(tokens, i))
        _edit_tag(token, rules, found, toc_labelled)
        _audit_fetches(token, errors)

    if "<body" in html:
        errors.extend(f"the theme no longer writes the {what}: update popatlas/harden.py" for what in ALWAYS if what not in found)
    refused = [body for body in scripts if body.strip() and body not in rules.allowed_scripts]
    errors.extend(f"an inline script that is not one of the theme's own ('{body.strip()[:60]}'): it would be "
                  "blocked; move it into a file under overrides/assets/javascripts/" for body in refused)
    if csp_meta is not None:
        if csp_meta.attr("content") == safety.CSP_PLACEHOLDER:
            csp_meta.set("content", safety.policy([b for b in scripts if b in rules.allowed_scripts]))
    elif "<body" in html:
        errors.append("the page has no Content-Security-Policy (overrides/main.html writes it)")

    if article is None:
        out = join(tokens)
    else:
        start, end = article
        inner_tokens = tokens[start + 1:end]
        glossary_marks.mark_once(inner_tokens)
        inner = join(inner_tokens)
        if rules.rtl:
            inner = bidi.isolate_ltr(inner)  # Latin runs and numbers inside Arabic text keep their order
        if rules.contributed:
            # After every edit (an edit must not join text into markup), and the page's own end of
            # the article must be the theme's: a stray </article> would end the audited part early.
            errors.extend(_audit_content(inner))
            if any(t.kind == END and t.tag == "article" for t in tokens[end + 1:]):
                errors.append("a stray </article> in page content")
        out = join(tokens[:start + 1]) + inner + join(tokens[end:])
    if safety.CSP_PLACEHOLDER in out:
        errors.append("the page still carries a placeholder (the policy was not filled in)")
    return Hardened(out, list(dict.fromkeys(errors)))


# --- the whole site ------------------------------------------------------------------

@dataclass(frozen=True)
class SiteRules:
    default_language: str
    languages: tuple[str, ...]
    rtl: frozenset[str]
    search_label: dict[str, str]
    pages: dict[str, dict[str, object]]
    allowed_scripts: frozenset[str]

    @classmethod
    def load(cls, pages_json: Path, theme_dirs: Iterable[Path]) -> "SiteRules":
        data = json.loads(pages_json.read_text(encoding="utf-8"))
        return cls(data["default_language"], tuple(data["languages"]), frozenset(data["rtl"]),
                   dict(data["search_label"]), dict(data["pages"]), safety.theme_inline_scripts(theme_dirs))

    def for_page(self, rel: str) -> PageRules:
        known = self.pages.get(rel, {})
        first = rel.split("/", 1)[0]
        lang = str(known.get("lang") or (first if first in self.languages else self.default_language))
        return PageRules(lang, self.default_language, lang in self.rtl, self.search_label.get(lang, "Search"),
                         self.allowed_scripts, bool(known.get("contributed", False)), str(known.get("source") or ""))


@dataclass
class Report:
    hardened: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)
    search_documents: dict[str, int] = field(default_factory=dict)
    search: search.Documents = field(default_factory=dict)  # each language's search documents


def _harden_file(job: tuple[Path, str, SiteRules]) -> tuple[str, bool, list[str]]:
    path, rel, rules = job
    html = path.read_text(encoding="utf-8")
    if safety.CSP_PLACEHOLDER not in html and safety.CSP_META_START in html:
        return rel, False, []  # hardened already (a `mkdocs serve` rebuild that left it as it was)
    done = harden_page(html, rules.for_page(rel))
    if done.html != html:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(done.html, encoding="utf-8")
        os.replace(tmp, path)
    rules_for = rules.for_page(rel)
    where = f"{rules_for.source} ({rel})" if rules_for.source else rel
    return rel, True, [f"{where}: {e}" for e in done.errors]


def harden_site(site_dir: Path, rules: SiteRules, offline: bool | None = None, since: float | None = None,
                previous_search: search.Documents | None = None) -> Report:
    """Harden every page under `site_dir` (or only those written after `since`, a time stamp:
    what a `mkdocs serve --dirty` rebuild wrote) and split the search index by language (a
    rebuild's pages merged into `previous_search`, the last run's documents)."""
    report = Report()
    pages = sorted(site_dir.rglob("*.html"))
    if since is not None:
        report.skipped = len(pages)
        pages = [p for p in pages if p.stat().st_mtime >= since]
        report.skipped -= len(pages)
    jobs = [(p, p.relative_to(site_dir).as_posix(), rules) for p in pages]
    workers = min(os.cpu_count() or 1, 4)
    if len(jobs) >= 200 and workers > 1:
        with concurrent.futures.ProcessPoolExecutor(workers) as pool:
            results = list(pool.map(_harden_file, jobs, chunksize=32))
    else:
        results = [_harden_file(job) for job in jobs]
    for _rel, hardened, errors in results:
        report.hardened += hardened
        report.skipped += not hardened
        report.errors.extend(errors)
    if offline is None:
        offline = (site_dir / "search" / "search_index.js").is_file()
    report.search = search.split_index(site_dir, list(rules.languages), rules.default_language, offline,
                                       previous_search)
    report.search_documents = {lang: len(docs) for lang, docs in report.search.items()}
    return report


__all__ = ["Hardened", "PageRules", "Report", "SiteRules", "harden_page", "harden_site"]
