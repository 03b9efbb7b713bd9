"""A built page as a reader meets it: its title, headings, visible text, links and targets.

Parsed with the standard library's HTMLParser, fast enough to read every page of every
language on each test run. `problems(...)` lists what a reader would see as broken.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from popatlas import LANGUAGES, RTL_LANGUAGES
from popatlas.bidi import LTR_RUN as _LTR_RUN

# Elements whose text a reader never sees as prose.
_HIDDEN_TEXT = {"script", "style", "template", "noscript", "svg", "code", "pre", "textarea", "kbd", "samp"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Markup shown as text: a tag, an entity that survived decoding, or front matter.
VISIBLE_MARKUP = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s+[a-zA-Z-]+=|\s*/?>)|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);"
                            r"|^---$|^title: \"", re.M)
PLACEHOLDER = re.compile(r"\{[A-Za-z_]+\}|\{\{|\}\}|\{%|__POPATLAS_[A-Z_]+__|popatlas:[a-z-]+|\[object Object\]")
# Markdown that was never turned into HTML: **bold**, [text](link), a heading's #.
UNRENDERED = re.compile(r"\*\*[^*\s][^*]*\*\*|\[[^\]\n]+\]\((?:https?://|mailto:|\.{0,2}/|#)[^)\s]*\)|(?:^|\n)#{1,6} \S")
NOT_TEXT = {"None", "null", "undefined", "NaN", "nan"}  # a value that was missing when the page was made
# A title that is a code, a file name or a slug rather than words: "Ke", "Index", "open-data", "x.md".
CODE_LIKE = re.compile(r"^(?:[A-Za-z][a-z]|[A-Z]{2}|index|Index|[a-z0-9]+(?:[-_][a-z0-9]+)+|.*\.(?:md|html)|None)$")
# Attributes whose text a reader meets (tooltips, spoken names, image descriptions).
_READ_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder", "aria-description")


@dataclass
class PageView:
    rel: str                                  # path inside the site, e.g. "ar/directory/countries/ke/index.html"
    lang: str = ""
    dir: str = ""
    title: str = ""
    h1: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)          # visible text runs, in order
    links: list[tuple[str, str]] = field(default_factory=list)  # (attribute, URL) of a/link/script/img
    ids: set[str] = field(default_factory=set)
    lang_elements: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, lang, dir)
    read_attributes: list[tuple[str, str]] = field(default_factory=list)  # (attribute, text) a reader meets
    duplicate_ids: list[str] = field(default_factory=list)
    link_languages: list[tuple[str, str]] = field(default_factory=list)  # (href, hreflang) of each <a>
    counts: list[str] = field(default_factory=list)        # text of each .pa-count
    loose_ltr: list[str] = field(default_factory=list)     # Latin/number runs in the article, not isolated
    list_lengths: list[int] = field(default_factory=list)  # items of each .pa-list

    @property
    def visible(self) -> str:
        # Adjacent text nodes join as a reader sees them: "&lt;" + "<span>strong</span>" is "<strong".
        return " ".join("".join(self.text).split())


class _Reader(HTMLParser):
    def __init__(self, view: PageView) -> None:
        super().__init__(convert_charrefs=True)
        self.v = view
        self.stack: list[str] = []
        self.hidden = 0          # depth inside elements whose text is not prose
        self.hidden_attr = 0     # depth inside [hidden] / aria-hidden subtrees (still checked for markup)
        self.in_title = False
        self.h1: list[str] | None = None
        self.count: list[str] | None = None
        self.lists: list[list[int]] = []  # [stack depth of a ul.pa-list, items so far]
        self.article = 0      # depth inside the page's own content
        self.directed = 0     # depth inside an element that sets dir=

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "html":
            self.v.lang = a.get("lang", "")
        if tag == "body":  # Material sets the direction on <body>
            self.v.dir = a.get("dir", "")
        if "id" in a:
            if a["id"] in self.v.ids:
                self.v.duplicate_ids.append(a["id"])
            self.v.ids.add(a["id"])
        for name in _READ_ATTRIBUTES:
            if a.get(name):
                self.v.read_attributes.append((name, a[name]))
        if tag == "a" and "href" in a:
            self.v.link_languages.append((a["href"], a.get("hreflang", "")))
        if tag == "a" and "name" in a:
            self.v.ids.add(a["name"])
        if "lang" in a and tag != "html":
            self.v.lang_elements.append((tag, a["lang"], a.get("dir", "")))
        for attr in ("href", "src"):
            if attr in a and tag in {"a", "link", "script", "img", "iframe", "source"}:
                self.v.links.append((attr, a[attr]))
        classes = a.get("class", "").split()
        if tag == "title":
            self.in_title = True
        elif tag == "h1":
            self.h1 = []
        if "pa-count" in classes:
            self.count = []
        if tag == "li" and self.lists and len(self.stack) == self.lists[-1][0] + 1:
            self.lists[-1][1] += 1
        if tag == "ul" and "pa-list" in classes:
            self.lists.append([len(self.stack), 0])
        if tag in _VOID:
            return
        # Only a left-to-right direction isolates a Latin run (the body's dir="rtl" does not).
        ltr = a.get("dir", "").lower() == "ltr"
        self.stack.append(tag + ("|a" if tag == "article" else "") + ("|d" if ltr else ""))
        if tag == "article":
            self.article += 1
        if ltr:
            self.directed += 1
        if tag in _HIDDEN_TEXT:
            self.hidden += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in {t.split("|")[0] for t in self.stack}:
            return
        while self.stack:
            top, *marks = self.stack.pop().split("|")
            if "a" in marks:
                self.article -= 1
            if "d" in marks:
                self.directed -= 1
            if top in _HIDDEN_TEXT:
                self.hidden -= 1
            if top == "title":
                self.in_title = False
            if top == "h1" and self.h1 is not None:
                self.v.h1.append(" ".join("".join(self.h1).split()))
                self.h1 = None
            if top == "p" and self.count is not None:
                self.v.counts.append(" ".join("".join(self.count).split()))
                self.count = None
            if top == "ul" and self.lists and len(self.stack) == self.lists[-1][0]:
                self.v.list_lengths.append(self.lists.pop()[1])
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.v.title += data
            return
        if self.hidden:
            return
        self.v.text.append(data)
        if self.article and not self.directed and _LTR_RUN.search(data):
            self.v.loose_ltr.append(data.strip()[:60])
        if self.h1 is not None:
            self.h1.append(data)
        if self.count is not None:
            self.count.append(data)


def read(site: Path, rel: str) -> PageView:
    view = PageView(rel)
    parser = _Reader(view)
    parser.feed((site / rel).read_text(encoding="utf-8"))
    parser.close()
    view.title = " ".join(view.title.split())
    return view


def page_language(rel: str) -> str:
    first = rel.split("/", 1)[0]
    return first if first in LANGUAGES and first != "en" else "en"


def target_file(site: Path, page_rel: str, url: str, directory_urls: bool) -> tuple[str | None, str, str]:
    """(file the URL opens, fragment, problem) for a link on page `page_rel`; (None, '', '') if external."""
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//"):
        return None, "", ""
    if parts.query and not parts.path:
        return None, "", ""
    path = unquote(parts.path)
    if path.startswith("/") and page_rel != "404.html":  # a server shows 404.html at any depth
        return "", parts.fragment, "a root-relative link, which breaks in the offline copy and under a sub-path"
    if path.startswith("/"):
        path, page_rel = path.lstrip("/"), "index.html"
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), path)) if path else page_rel
    if target.startswith(".."):
        return "", parts.fragment, "points above the site's folder"
    if path.endswith("/") or (site / target).is_dir():
        if not directory_urls and path:
            return "", parts.fragment, "links to a folder: from disk this opens a file listing, not a page"
        target = posixpath.join(target, "index.html") if target != "." else "index.html"
    return target, parts.fragment, ""


@dataclass
class SiteReader:
    """Every HTML page of one built site, read once and kept for all the checks."""
    root: Path
    directory_urls: bool
    pages: dict[str, PageView] = field(default_factory=dict)

    @classmethod
    def of(cls, root: Path, directory_urls: bool) -> "SiteReader":
        reader = cls(root, directory_urls)
        for path in sorted(root.rglob("*.html")):
            rel = path.relative_to(root).as_posix()
            reader.pages[rel] = read(root, rel)
        return reader

    def link_problems(self, page: PageView) -> list[str]:
        problems = []
        lang = page_language(page.rel)
        for href, hreflang in page.link_languages:
            scheme = href.split(":", 1)[0].lower() if ":" in href else ""
            if scheme in ("tel", "sms") and not re.fullmatch(r"(?:tel|sms):\+?[0-9]{2,15}", href, re.I):
                problems.append(f"{page.rel}: {href!r} is not a number a phone can dial")
            elif scheme == "mailto" and not re.fullmatch(r"mailto:[^@\s?]+@[^@\s?]+\.[^@\s?]+", href, re.I):
                problems.append(f"{page.rel}: {href!r} is not one e-mail address")
            elif not scheme and not href.startswith("#") and href and not hreflang:
                target, _, _ = target_file(self.root, page.rel, href, self.directory_urls)
                if target and target.endswith(".html") and page_language(target) != lang \
                        and not target.startswith(("assets/", "open-data/")):
                    problems.append(f"{page.rel}: {href!r} leads to a page in another language without saying so (hreflang)")
        for attr, url in page.links:
            if url.startswith("javascript:") or url == "":
                continue
            target, fragment, problem = target_file(self.root, page.rel, url, self.directory_urls)
            if target is None:
                continue
            if problem:
                problems.append(f"{page.rel}: {attr}={url!r} {problem}")
                continue
            if not (self.root / target).is_file():
                problems.append(f"{page.rel}: {attr}={url!r} -> {target} does not exist")
                continue
            if fragment and target.endswith(".html"):
                ids = self.pages[target].ids if target in self.pages else read(self.root, target).ids
                if unquote(fragment) not in ids:
                    problems.append(f"{page.rel}: {attr}={url!r} -> no element with id '{fragment}' in {target}")
        return problems


def reader_problems(page: PageView) -> list[str]:
    """What a reader would see as broken on this page, whatever its links."""
    out = []
    where = page.rel
    visible = page.visible
    for m in VISIBLE_MARKUP.finditer(visible):
        out.append(f"{where}: markup shown as text: …{visible[max(0, m.start() - 30):m.end() + 30]}…")
        break
    for m in PLACEHOLDER.finditer(visible + " " + page.title):
        out.append(f"{where}: unfilled placeholder {m.group(0)!r}")
    for m in UNRENDERED.finditer("".join(page.text)):
        out.append(f"{where}: Markdown shown as text: {m.group(0).strip()[:60]!r}")
    for chunk in page.text:
        if chunk.strip() in NOT_TEXT:
            out.append(f"{where}: {chunk.strip()!r} shown where a value was missing")
    for name, value in page.read_attributes:
        if VISIBLE_MARKUP.search(value) or PLACEHOLDER.search(value) or value.strip() in NOT_TEXT:
            out.append(f"{where}: {name}={value[:60]!r} shows markup or a placeholder to a reader")
    for dup in page.duplicate_ids:
        out.append(f"{where}: id {dup!r} is used twice (a link to it may land on the wrong one)")
    lang = page_language(where)
    if page.lang != lang:
        out.append(f"{where}: <html lang={page.lang!r}>, expected {lang!r}")
    if page.dir != ("rtl" if lang in RTL_LANGUAGES else "ltr"):
        out.append(f"{where}: <html dir={page.dir!r}> in a {lang} page")
    if lang in RTL_LANGUAGES and page.loose_ltr:
        out.append(f"{where}: Latin text or numbers not isolated in right-to-left text: {page.loose_ltr[:3]}")
    for tag, el_lang, el_dir in page.lang_elements:
        base = el_lang.split("-")[0]
        if base in RTL_LANGUAGES and el_dir != "rtl" or base not in RTL_LANGUAGES and lang in RTL_LANGUAGES and el_dir != "ltr":
            out.append(f"{where}: <{tag} lang={el_lang!r}> needs dir={'rtl' if base in RTL_LANGUAGES else 'ltr'}")
    if where.endswith("404.html"):
        return out
    name = page.title.split(" - ")[0].strip()
    if not name or CODE_LIKE.match(name):
        out.append(f"{where}: title {page.title!r} is not words a reader can use")
    if len(page.h1) != 1:
        out.append(f"{where}: {len(page.h1)} <h1> headings, expected one")
    elif not page.h1[0] or CODE_LIKE.match(page.h1[0]):
        out.append(f"{where}: <h1> {page.h1[0]!r} is not words a reader can use")
    return out
