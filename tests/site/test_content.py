"""The English content of PoP Atlas: structure of the Markdown pages, and what the
real built site (the shared `site_dir` fixture) makes of them.

Every test here reads the pages as data and would fail if the content regressed:
a missing section or anchor, an overview typed by hand instead of generated, a
copied sentence, a page that got harder to read, a hotline without its number.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import unquote

import pytest
import textstat
import yaml

from tests.conftest import ROOT, shared_or_skip

DOCS = ROOT / "docs" / "en"
DIRECTORY = ROOT / "directory"

PRINCIPLE_FILES = {
    1: "01-client-centered-practice.md",
    2: "02-trauma-informed-care.md",
    3: "03-inclusive-practice-and-language.md",
    4: "04-survivor-informed-services.md",
    5: "05-shared-goals-and-roles.md",
    6: "06-common-language.md",
    7: "07-survivor-voice.md",
    8: "08-preventing-vulnerability.md",
    9: "09-technology-and-social-media.md",
    10: "10-media-engagement.md",
    11: "11-evidence-informed-practice.md",
    12: "12-monitoring-and-evaluation.md",
    13: "13-self-care.md",
    14: "14-training-and-supervision.md",
}
GROUP_OF = {**dict.fromkeys(range(1, 5), "core-standards"),
            **dict.fromkeys(range(5, 11), "collaboration"),
            **dict.fromkeys(range(11, 13), "research-evaluation"),
            **dict.fromkeys(range(13, 15), "healthy-organizations")}
PRINCIPLE_SECTIONS = ["principle", "why", "components", "actions", "benefits",
                      "challenges", "case-study", "resources", "related"]
# Where each generated list must sit on a principle page.
PRINCIPLE_MARKERS = {"actions": "actions", "case-study": "case-studies",
                     "resources": "principle-resources", "related": "related-principles"}

CASE_STUDIES = ["no-room-for-bias", "shared-goals-for-collaboration", "technology-and-its-pitfalls",
                "value-of-evaluation", "training-takes-many-forms"]
CASE_STUDY_SECTIONS = ["what-happened", "analysis", "principles", "discussion"]

GUIDES = ["client-centered-intake", "trauma-informed-review", "inclusion-and-language-audit",
          "survivor-advisory-board", "coalition-and-mou", "media-engagement-checklist",
          "technology-and-online-safety", "monitoring-and-evaluation",
          "vicarious-trauma-and-self-care", "training-and-supervision"]
GUIDE_SECTIONS = ["audience", "steps", "checklist", "pitfalls", "related"]

CONTEXT_PAGES = {"home": "index.md", "get-help": "get-help.md", "landscape": "landscape.md",
                 "glc": "glc.md", "glossary": "glossary.md", "about": "about.md"}
GLC_MEMBERS = {"curb", "chab-dai", "movimiento-el-pozo", "haart", "hopenow", "idia-renaissance",
               "prerana", "project-respect", "safe-horizon-anti-trafficking-program",
               "tumbleweed-runaway-program"}

MAX_GRADE = 10.0
RUN_LENGTH = 12

ALL_PAGES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
# Hand-written pages whose headings must carry explicit anchors: principles, guides,
# case studies (with their index pages) and the context pages.
ANCHORED_PAGES = [p for p in ALL_PAGES
                  if p.split("/")[0] in ("principles", "guides", "case-studies")
                  or p in CONTEXT_PAGES.values()]


# --------------------------------------------------------------------------- Markdown

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
ANCHOR = r"[a-z0-9]+(?:-[a-z0-9]+)*"
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
HEADING_ANCHOR = re.compile(r"\{#(" + ANCHOR + r")\}\s*$")
MARKER = re.compile(r"^<!--\s*popatlas:([a-z-]+)\s*-->\s*$", re.M)


@lru_cache(maxsize=None)
def read_page(rel: str) -> tuple[dict[str, Any], str]:
    text = (DOCS / rel).read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = yaml.safe_load(match.group(1)) or {}
    assert isinstance(meta, dict), f"{rel}: front matter is not a mapping"
    return meta, text[match.end():]


def body_lines(body: str) -> Iterator[str]:
    """Body lines outside fenced code blocks."""
    fence = None
    for line in body.splitlines():
        m = re.match(r"\s*(`{3,}|~{3,})", line)
        if m:
            fence = None if fence and m.group(1)[0] == fence[0] else (fence or m.group(1))
            continue
        if fence is None:
            yield line


def headings(body: str, level: int) -> list[tuple[str, str | None]]:
    """(heading line, its explicit anchor or None) for every heading of one level."""
    out = []
    for line in body_lines(body):
        m = HEADING.match(line)
        if m and len(m.group(1)) == level:
            a = HEADING_ANCHOR.search(line)
            out.append((line, a.group(1) if a else None))
    return out


def sections(body: str) -> dict[str, str]:
    """The Markdown of each `##` section, keyed by its anchor."""
    out: dict[str, str] = {}
    current: str | None = None
    for line in body_lines(body):
        m = HEADING.match(line)
        if m and len(m.group(1)) == 2:
            a = HEADING_ANCHOR.search(line)
            current = a.group(1) if a else None
            if current:
                out[current] = ""
            continue
        if current:
            out[current] += line + "\n"
    return out


def h2_order(body: str, wanted: list[str]) -> list[str]:
    return [a for _, a in headings(body, 2) if a in wanted]


TEXT_KEYS = {"title", "short_title", "summary", "audience", "text", "term", "definition"}


def front_matter_text(meta: Any) -> list[str]:
    """Every piece of prose in front matter (titles, summaries, actions, glossary terms and
    definitions, group summaries), in document order. Ids, slugs and aliases are not prose."""
    out: list[str] = []
    if isinstance(meta, dict):
        for key, value in meta.items():
            if key in TEXT_KEYS and isinstance(value, str):
                out.append(" ".join(value.split()))
            elif isinstance(value, (dict, list)):
                out.extend(front_matter_text(value))
    elif isinstance(meta, list):
        for item in meta:
            out.extend(front_matter_text(item))
    return out


def inline_text(md: str) -> str:
    """Markdown inline syntax removed, leaving the words a reader sees."""
    md = re.sub(r"\{[:#.][^}]*\}", "", md)                      # attr_list
    md = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", md)          # links: keep the text
    md = re.sub(r"\[([^\]^][^\]]*)\]\[[^\]]*\]", r"\1", md)     # reference links
    md = re.sub(r"\[\^[^\]]+\]", "", md)                        # footnote references
    md = re.sub(r"`([^`]*)`", r"\1", md)                        # code spans
    md = re.sub(r"<[^>]+>", "", md)                             # stray HTML
    md = md.replace("*", "")                                    # emphasis
    md = re.sub(r"(?<!\w)_+|_+(?!\w)", "", md)
    md = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>])", r"\1", md)      # escapes
    return " ".join(md.split())


QUOTE = None  # stands for a removed blockquote in the block list


def md_blocks(body: str) -> list[str | None]:
    """Body as reader-visible text blocks: each paragraph (wrapped lines joined), list item,
    heading, admonition title, table row or definition is one block. Blockquote lines
    (marked quotations) are dropped and leave a QUOTE marker; HTML comments and markers vanish."""
    body = re.sub(r"<!--.*?-->", "", body, flags=re.S)
    blocks: list[str | None] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            text = inline_text(" ".join(current))
            if text:
                blocks.append(text)
            current.clear()

    for raw in body_lines(body):
        line = raw.expandtabs(4)
        s = line.strip()
        if not s:
            flush()
            continue
        if s.startswith(">"):
            flush()
            if blocks and blocks[-1] is not QUOTE:
                blocks.append(QUOTE)
            continue
        if m := HEADING.match(s):
            flush()
            current.append(HEADING_ANCHOR.sub("", m.group(2)))
            flush()
            continue
        if m := re.match(r'^(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+[\w-]+)*(?:\s+"([^"]*)")?\s*$', s):
            flush()
            if m.group(1):
                current.append(m.group(1))
                flush()
            continue
        if re.fullmatch(r"\|?(\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*\|?", s):
            continue  # table delimiter row
        if s.startswith("|"):
            flush()
            current.append(", ".join(c.strip() for c in s.strip("|").split("|") if c.strip()))
            flush()
            continue
        if m := re.match(r"^(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.*)$", s):
            flush()
            current.append(m.group(1))
            continue
        if m := re.match(r"^(?::\s+|\[\^[^\]]+\]:\s*)(.*)$", s):
            flush()
            current.append(m.group(1))
            continue
        current.append(s)
    flush()
    return blocks


# --------------------------------------------------------------------------- HTML

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}


class Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None) -> None:
        self.tag, self.attrs, self.children, self.parent = tag, attrs, [], parent

    def iter(self) -> Iterator[Node]:
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Node]:
        return [n for n in self.iter() if (tag is None or n.tag == tag)
                and all(n.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())]

    def by_id(self, element_id: str) -> Node | None:
        return next((n for n in self.iter() if n.attrs.get("id") == element_id), None)

    def has_class(self, cls: str) -> bool:
        return cls in (self.attrs.get("class") or "").split()

    def raw_text(self) -> str:
        return "".join(c if isinstance(c, str) else c.raw_text() for c in self.children)

    def text(self) -> str:
        return " ".join(self.raw_text().split())


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


@lru_cache(maxsize=None)
def parse_html(path: Path) -> Node:
    builder = _TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    return builder.root


def built(site_dir: Path, md_rel: str) -> Path:
    """The HTML file an English page was built to (with or without directory URLs)."""
    stem = md_rel[:-3]
    if stem == "index" or stem.endswith("/index"):
        candidates = [stem + ".html"]
    else:
        candidates = [stem + "/index.html", stem + ".html"]
    for c in candidates:
        if (site_dir / c).is_file():
            return site_dir / c
    pytest.fail(f"{md_rel} was not built (looked for {candidates} in {site_dir})")


def resolve(page: Path, href: str) -> Path | None:
    """The file a relative link points to, or None for external/fragment-only links."""
    target = unquote(href.split("#", 1)[0].split("?", 1)[0])
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("//"):
        return None
    if not target:
        return None
    path = Path(os.path.normpath(page.parent / target))
    if target.endswith("/") or target == "." or path.is_dir():
        path = path / "index.html"
    return path


def article(site_dir: Path, md_rel: str) -> tuple[Path, Node]:
    path = built(site_dir, md_rel)
    root = parse_html(path)
    found = [n for n in root.find_all("article") if n.has_class("md-content__inner")]
    assert found, f"{md_rel}: built page has no main article"
    return path, found[0]


def links(page: Path, node: Node) -> set[Path]:
    return {t for a in node.find_all("a") if (t := resolve(page, a.attrs.get("href", "")))}


def section_nodes(container: Node, heading_id: str) -> list[Node]:
    """The elements after the heading with this id, up to the next heading of its level."""
    heading = container.by_id(heading_id)
    assert heading is not None and heading.parent is not None, f"no element with id {heading_id!r}"
    siblings = heading.parent.children
    out: list[Node] = []
    for child in siblings[siblings.index(heading) + 1:]:
        if isinstance(child, Node):
            if child.tag == heading.tag:
                break
            out.append(child)
    return out


def norm(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------- 1. principles: source

def test_exactly_fourteen_principle_pages() -> None:
    found = sorted(p.name for p in (DOCS / "principles").glob("*.md") if re.match(r"\d\d-", p.name))
    assert found == sorted(PRINCIPLE_FILES.values()), f"principle pages on disk: {found}"
    assert (DOCS / "principles" / "index.md").is_file()


def principle_meta(n: int) -> dict[str, Any]:
    return read_page(f"principles/{PRINCIPLE_FILES[n]}")[0]


def test_groups_in_principles_index() -> None:
    meta, body = read_page("principles/index.md")
    groups = meta.get("groups")
    assert isinstance(groups, list), "principles/index.md front matter has no `groups` list"
    assert [g.get("id") for g in groups] == ["core-standards", "collaboration",
                                              "research-evaluation", "healthy-organizations"]
    listed: list[int] = []
    for g in groups:
        assert isinstance(g.get("title"), str) and g["title"].strip(), f"group {g['id']} has no title"
        assert isinstance(g.get("summary"), str) and g["summary"].strip(), f"group {g['id']} has no summary"
        assert g.get("principles") == sorted(n for n, grp in GROUP_OF.items() if grp == g["id"]), \
            f"group {g['id']} lists principles {g.get('principles')}"
        listed += g["principles"]
        if "subgroups" in g:
            sub = [n for s in g["subgroups"] for n in s["principles"]]
            assert sub == g["principles"], f"subgroups of {g['id']} cover {sub}, not {g['principles']}"
    collab = next(g for g in groups if g["id"] == "collaboration")
    assert [s["principles"] for s in collab.get("subgroups", [])] == [[5, 6, 7], [8, 9, 10]]
    assert sorted(listed) == list(range(1, 15))
    assert "principles-overview" in MARKER.findall(body), "the overview must be generated, not typed"


@pytest.mark.parametrize("n", sorted(PRINCIPLE_FILES), ids=lambda n: f"pop{n:02d}")
def test_principle_front_matter(n: int) -> None:
    meta = principle_meta(n)
    groups = {g["id"]: g for g in read_page("principles/index.md")[0].get("groups", [])}
    problems: list[str] = []
    if meta.get("pop") != n or not isinstance(meta.get("pop"), int):
        problems.append(f"pop is {meta.get('pop')!r}, expected {n}")
    if not str(meta.get("title", "")).startswith(f"Principle {n}:"):
        problems.append(f"title {meta.get('title')!r} should start with 'Principle {n}:'")
    group = meta.get("group")
    if group != GROUP_OF[n]:
        problems.append(f"group is {group!r}, expected {GROUP_OF[n]!r}")
    elif n not in groups.get(group, {}).get("principles", []):
        problems.append(f"principles/index.md does not list {n} in group {group}")
    for key in ("short_title", "summary"):
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            problems.append(f"{key} is missing or empty")
    if isinstance(meta.get("summary"), str) and len(meta["summary"].split()) > 25:
        problems.append(f"summary has {len(meta['summary'].split())} words (max 25)")

    actions = meta.get("actions")
    if not isinstance(actions, list) or not 4 <= len(actions) <= 8:
        problems.append(f"actions must be a list of 4-8 items, got {actions!r:.80}")
        actions = actions if isinstance(actions, list) else []
    ids = []
    for a in actions:
        if not isinstance(a, dict) or not isinstance(a.get("text"), str) or not a["text"].strip():
            problems.append(f"action without text: {a!r}")
            continue
        ids.append(a.get("id"))
        if not re.fullmatch(rf"p{n:02d}-a[1-9]\d*", str(a.get("id"))):
            problems.append(f"action id {a.get('id')!r} is not p{n:02d}-aK")
    if len(ids) != len(set(ids)):
        problems.append(f"duplicate action ids: {ids}")

    related = meta.get("related")
    if not isinstance(related, list) or not related:
        problems.append(f"related must be a non-empty list, got {related!r}")
    else:
        bad = [r for r in related if not isinstance(r, int) or isinstance(r, bool) or not 1 <= r <= 14 or r == n]
        if bad:
            problems.append(f"related has invalid entries {bad} (ints 1-14, not {n})")
        if len(related) != len(set(related)):
            problems.append(f"related has duplicates: {related}")
    assert not problems, f"principles/{PRINCIPLE_FILES[n]}:\n  " + "\n  ".join(problems)


def test_action_ids_unique_across_principles() -> None:
    ids = [a["id"] for n in PRINCIPLE_FILES for a in principle_meta(n).get("actions", [])]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes, f"action ids used twice: {dupes}"


@pytest.mark.parametrize("n", sorted(PRINCIPLE_FILES), ids=lambda n: f"pop{n:02d}")
def test_principle_sections_in_order(n: int) -> None:
    rel = f"principles/{PRINCIPLE_FILES[n]}"
    _, body = read_page(rel)
    assert h2_order(body, PRINCIPLE_SECTIONS) == PRINCIPLE_SECTIONS, \
        f"{rel}: ## sections are {[a for _, a in headings(body, 2)]}, need {PRINCIPLE_SECTIONS} in order"
    secs = sections(body)
    for section, marker in PRINCIPLE_MARKERS.items():
        assert marker in MARKER.findall(secs[section]), \
            f"{rel}: section #{section} must contain <!-- popatlas:{marker} -->"
    components = headings(secs["components"], 3)
    assert components, f"{rel}: #components needs a ### subsection per component"


@pytest.mark.parametrize("rel", ANCHORED_PAGES)
def test_every_heading_has_an_explicit_anchor(rel: str) -> None:
    _, body = read_page(rel)
    problems = []
    seen: list[str] = []
    for level in (1, 2, 3):
        for line, anchor in headings(body, level):
            if level == 1:
                problems.append(f"H1 in body (the title comes from front matter): {line}")
            elif anchor is None:
                problems.append(f"no explicit {{#anchor}} (lowercase ascii, hyphens): {line}")
            else:
                seen.append(anchor)
    dupes = sorted({a for a in seen if seen.count(a) > 1})
    if dupes:
        problems.append(f"anchors used twice: {dupes}")
    assert not problems, f"{rel}:\n  " + "\n  ".join(problems)


# --------------------------------------------------------------------------- 2. principles: built

def test_built_overview_is_generated_from_front_matter(site_dir: Path) -> None:
    index_meta, index_body = read_page("principles/index.md")
    page, art = article(site_dir, "principles/index.md")
    problems: list[str] = []
    for n, name in PRINCIPLE_FILES.items():
        meta = principle_meta(n)
        if meta["summary"] in index_body:
            problems.append(f"summary of {n} is typed into principles/index.md instead of generated")
        target = built(site_dir, f"principles/{name}")
        anchors = [a for a in art.find_all("a") if resolve(page, a.attrs.get("href", "")) == target]
        if not anchors:
            problems.append(f"no link to principle {n} ({name})")
            continue
        texts = [a.parent.text() for a in anchors if a.parent is not None]
        if not any(a.text() == norm(meta["short_title"]) for a in anchors):
            problems.append(f"principle {n}: no link text equal to short_title {meta['short_title']!r}")
        if not any(norm(meta["summary"]) in t for t in texts):
            problems.append(f"principle {n}: summary {meta['summary']!r} not shown next to its link; "
                            f"found {texts}")
    for g in index_meta["groups"]:
        heading = art.by_id(g["id"])
        if heading is None or heading.text() != norm(g["title"]):
            problems.append(f"group {g['id']}: no element with that id showing {g['title']!r}")
        if norm(g["summary"]) not in art.text():
            problems.append(f"group {g['id']}: summary not shown")
    assert not problems, "principles/index.html:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("n", sorted(PRINCIPLE_FILES), ids=lambda n: f"pop{n:02d}")
def test_built_principle_page(site_dir: Path, n: int) -> None:
    rel = f"principles/{PRINCIPLE_FILES[n]}"
    meta = principle_meta(n)
    page, art = article(site_dir, rel)
    ids = [node.attrs["id"] for node in art.iter() if node.attrs.get("id") in PRINCIPLE_SECTIONS]
    assert ids == PRINCIPLE_SECTIONS, f"{rel}: built ids {ids}, need {PRINCIPLE_SECTIONS} in order"

    items = {li.text() for node in section_nodes(art, "actions") for li in node.find_all("li")}
    missing = [a["text"] for a in meta["actions"] if norm(a["text"]) not in items]
    assert not missing, f"{rel}: practical actions missing from the built list: {missing}"

    targets = {t for node in section_nodes(art, "related") for t in links(page, node)}
    for r in meta["related"]:
        assert built(site_dir, f"principles/{PRINCIPLE_FILES[r]}") in targets, \
            f"{rel}: related principles section does not link to principle {r}"


# --------------------------------------------------------------------------- 3. case studies and guides

def test_case_study_and_guide_files() -> None:
    on_disk = {p.stem for p in (DOCS / "case-studies").glob("*.md")} - {"index"}
    assert on_disk == set(CASE_STUDIES), f"case studies on disk: {sorted(on_disk)}"
    guides = {p.stem for p in (DOCS / "guides").glob("*.md")} - {"index"}
    assert len(guides) >= 10 and set(GUIDES) <= guides, f"guides on disk: {sorted(guides)}"
    assert "case-study-list" in MARKER.findall(read_page("case-studies/index.md")[1])
    assert "guide-list" in MARKER.findall(read_page("guides/index.md")[1])


def _principle_list(value: Any) -> bool:
    return (isinstance(value, list) and bool(value) and len(value) == len(set(value))
            and all(isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 14 for v in value))


@pytest.mark.parametrize("slug", CASE_STUDIES)
def test_case_study(slug: str) -> None:
    rel = f"case-studies/{slug}.md"
    meta, body = read_page(rel)
    for key in ("title", "summary"):
        assert isinstance(meta.get(key), str) and meta[key].strip(), f"{rel}: front matter {key} missing"
    assert _principle_list(meta.get("principles")), f"{rel}: principles {meta.get('principles')!r}"
    assert h2_order(body, CASE_STUDY_SECTIONS) == CASE_STUDY_SECTIONS, \
        f"{rel}: ## sections are {[a for _, a in headings(body, 2)]}, need {CASE_STUDY_SECTIONS}"
    questions = [l for l in sections(body)["discussion"].splitlines()
                 if re.match(r"^\d+\.\s+\S", l) and "?" in l]
    assert len(questions) >= 3, f"{rel}: #discussion has {len(questions)} numbered questions (need 3+)"


@pytest.mark.parametrize("slug", GUIDES)
def test_guide(slug: str) -> None:
    rel = f"guides/{slug}.md"
    meta, body = read_page(rel)
    for key in ("title", "summary", "audience"):
        assert isinstance(meta.get(key), str) and meta[key].strip(), f"{rel}: front matter {key} missing"
    assert _principle_list(meta.get("principles")), f"{rel}: principles {meta.get('principles')!r}"
    assert h2_order(body, GUIDE_SECTIONS) == GUIDE_SECTIONS, \
        f"{rel}: ## sections are {[a for _, a in headings(body, 2)]}, need {GUIDE_SECTIONS}"
    secs = sections(body)
    assert re.search(r"(?m)^\s*(\d+\.\s+\S|###\s+\d+\.)", secs["steps"]), f"{rel}: #steps has no numbered steps"
    assert re.search(r"(?m)^\s*- \[ \] \S", secs["checklist"]), f"{rel}: #checklist has no `- [ ]` task list"
    assert re.search(r"\]\(\.\./principles/\d\d-[a-z0-9-]+\.md(#[a-z0-9-]+)?\)", secs["related"]), \
        f"{rel}: #related links to no principle page"
    assert "guide-resources" in MARKER.findall(secs["related"]), \
        f"{rel}: #related must contain <!-- popatlas:guide-resources -->"


# --------------------------------------------------------------------------- 4. context pages

def test_context_pages_are_in_the_built_nav(site_dir: Path) -> None:
    """Each page is in the navigation: on the page itself (its section open), it is listed."""
    for name, rel in CONTEXT_PAGES.items():
        assert (DOCS / rel).is_file(), f"docs/en/{rel} ({name}) is missing"
        page = built(site_dir, rel)
        navs = [n for n in parse_html(page).find_all("nav") if n.has_class("md-nav--primary")]
        assert navs, f"{rel}: no primary navigation"
        assert page in links(page, navs[0]), f"{name} ({rel}) is not in the site navigation"


def glossary_terms() -> list[dict[str, Any]]:
    return read_page("glossary.md")[0].get("terms") or []


def test_glossary_front_matter() -> None:
    terms = glossary_terms()
    assert len(terms) >= 40, f"glossary has {len(terms)} terms (need 40+)"
    ids = [t.get("id") for t in terms]
    assert len(ids) == len(set(ids)), f"duplicate glossary ids: {sorted({i for i in ids if ids.count(i) > 1})}"
    for t in terms:
        assert re.fullmatch(ANCHOR, str(t.get("id"))), f"glossary id {t.get('id')!r} is not a valid anchor"
        assert isinstance(t.get("term"), str) and t["term"].strip(), f"glossary {t.get('id')}: no term"
        assert isinstance(t.get("definition"), str) and t["definition"].strip(), f"glossary {t['id']}: no definition"
    assert "glossary" in MARKER.findall(read_page("glossary.md")[1])


def test_built_glossary_has_every_term(site_dir: Path) -> None:
    _, art = article(site_dir, "glossary.md")
    problems = []
    for t in glossary_terms():
        node = art.by_id(t["id"])
        if node is None:
            problems.append(f"{t['id']}: no element with this id")
            continue
        if node.text() != norm(t["term"]):
            problems.append(f"{t['id']}: element shows {node.text()!r}, not the term {t['term']!r}")
        siblings = [c for c in node.parent.children if isinstance(c, Node)] if node.parent else []
        after = siblings[siblings.index(node) + 1:]
        if not after or norm(t["definition"]) not in after[0].text():
            problems.append(f"{t['id']}: definition not shown right after the term")
    assert not problems, "glossary:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("term_id", ["trauma-informed-care", "vicarious-trauma"])
def test_glossary_hover_on_principle_page(site_dir: Path, term_id: str) -> None:
    term = next((t for t in glossary_terms() if t["id"] == term_id), None)
    assert term is not None, f"glossary has no term {term_id}"
    names = {w.casefold() for w in (term["term"], *term.get("aliases", []))}
    definition = norm(term["definition"])
    _, art = article(site_dir, "principles/02-trauma-informed-care.md")
    abbrs = [a for a in art.find_all("abbr") if a.text().casefold() in names]
    assert abbrs, f"no <abbr> for {term['term']!r} on the built trauma-informed care page"
    titles = {norm(a.attrs.get("title", "")) for a in abbrs}
    assert titles == {definition}, f"<abbr> titles {titles} differ from the glossary definition {definition!r}"


def test_glc_page_links_each_member(site_dir: Path) -> None:
    meta, body = read_page("glc.md")
    members = meta.get("members")
    assert isinstance(members, list) and set(members) == GLC_MEMBERS and len(members) == 10, \
        f"glc.md members: {members}"
    assert "glc-members" in MARKER.findall(body)
    page, art = article(site_dir, "glc.md")
    targets = links(page, art)
    for slug in members:
        assert built(site_dir, f"directory/organizations/{slug}.md") in targets, \
            f"the GLC page does not link to the directory entry of {slug}"


# --------------------------------------------------------------------------- 5. originality

def words(text: str) -> list[str]:
    """Lowercase words; curly quotes, apostrophes and other punctuation normalised away."""
    text = text.lower()
    text = re.sub(r"[\u2018\u2019\u02bc\u0060\u00b4']", "", text)
    return re.findall(r"[^\W_]+", text)


@pytest.fixture(scope="module")
def seed_runs() -> dict[tuple[str, ...], str]:
    seeds = sorted(shared_or_skip("seeds").glob("*.txt"))
    assert seeds, "no seed documents found"
    runs: dict[tuple[str, ...], str] = {}
    for path in seeds:
        w = words(path.read_text(encoding="utf-8", errors="replace"))
        for i in range(len(w) - RUN_LENGTH + 1):
            runs.setdefault(tuple(w[i:i + RUN_LENGTH]), path.name)
    return runs


def page_segments(rel: str) -> list[str]:
    """Text of a page that must be original: each front matter text, and the body, split at
    blockquotes so that no run is counted across a marked quotation."""
    meta, body = read_page(rel)
    segments = list(front_matter_text(meta))
    current: list[str] = []
    for block in md_blocks(body):
        if block is QUOTE:
            segments.append(" ".join(current))
            current = []
        else:
            current.append(block)
    segments.append(" ".join(current))
    # Short passages inside quotation marks (such as a cited document's title) are marked
    # quotations too: split there so that no run is counted across them.
    return [part for s in segments for part in INLINE_QUOTE.split(s) if part.strip()]


INLINE_QUOTE = re.compile(r'"[^"\n]{1,200}"|\u201c[^\u201d\n]{1,200}\u201d')


def test_no_long_runs_shared_with_seeds(seed_runs: dict[tuple[str, ...], str]) -> None:
    report: list[str] = []
    for rel in ALL_PAGES:
        for segment in page_segments(rel):
            w = words(segment)
            hits = [i for i in range(len(w) - RUN_LENGTH + 1) if tuple(w[i:i + RUN_LENGTH]) in seed_runs]
            # merge overlapping 12-word windows into maximal shared passages
            spans: list[list[int]] = []
            for i in hits:
                if spans and i <= spans[-1][1]:
                    spans[-1][1] = i + RUN_LENGTH
                else:
                    spans.append([i, i + RUN_LENGTH])
            for start, end in spans:
                seed = seed_runs[tuple(w[start:start + RUN_LENGTH])]
                report.append(f"docs/en/{rel} ~ {seed}: \"{' '.join(w[start:end])}\"")
    assert not report, (f"{len(report)} passage(s) of {RUN_LENGTH}+ words copied from the seed documents "
                        "(rewrite them, or mark a short quotation as a `> ` blockquote):\n  "
                        + "\n  ".join(report))


# --------------------------------------------------------------------------- 6. readability

def readable_text(rel: str) -> str:
    """Front matter prose and body text, one sentence per block, blockquotes removed."""
    meta, body = read_page(rel)
    sentences = []
    for block in [*front_matter_text(meta), *md_blocks(body)]:
        if block is QUOTE or not block:
            continue
        core = block.rstrip("\"')]*_ \u201d\u2019")
        sentences.append(block if core.endswith((".", "!", "?")) else block + ".")
    return "\n".join(sentences)


def test_every_page_reads_at_grade_ten_or_below() -> None:
    # Glossary definitions are scored with the rest of glossary.md; no exclusion was needed.
    grades = {rel: textstat.flesch_kincaid_grade(readable_text(rel)) for rel in ALL_PAGES}
    too_hard = {rel: g for rel, g in grades.items() if g > MAX_GRADE}
    table = "\n  ".join(f"{'FAIL' if rel in too_hard else 'ok  '} {g:5.1f}  docs/en/{rel}"
                        for rel, g in sorted(grades.items(), key=lambda kv: -kv[1]))
    assert not too_hard, f"{len(too_hard)} page(s) above Flesch-Kincaid grade {MAX_GRADE:g}:\n  {table}"


def test_readability_text_extraction() -> None:
    """The scorer sees prose, not Markdown: guard the extraction the grade test relies on."""
    body = ("## Steps {#steps}\n\nFirst line of a\nwrapped paragraph with a [link](x.md) and **bold**.\n\n"
            "- [ ] A task item\n- Another item\n  continued\n\n> \"A quote.\" — Someone\n\n"
            "!!! note \"A title\"\n    Inside text.\n\n<!-- popatlas:actions -->\n")
    assert md_blocks(body) == ["Steps", "First line of a wrapped paragraph with a link and bold.",
                               "A task item", "Another item continued", QUOTE, "A title", "Inside text."]


# --------------------------------------------------------------------------- 7. get help

def hotlines() -> list[dict[str, Any]]:
    out = []
    for path in sorted((DIRECTORY / "resources").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("kind") == "hotline":
            out.append(data)
    return out


def _digits(tel: str) -> str:
    return re.sub(r"[^+0-9]", "", tel)


def test_get_help_lists_every_hotline(site_dir: Path) -> None:
    entries = hotlines()
    assert entries, "the directory has no hotline resources"
    _, art = article(site_dir, "get-help.md")
    problems: list[str] = []
    for e in entries:
        numbers = [_digits(str(p["number"])) for p in e.get("phones") or []]
        if not numbers:
            problems.append(f"{e['id']}: hotline has no phone number in the directory")
            continue
        # the smallest element that holds the title and every tel: link of this hotline
        blocks = [n for n in art.iter()
                  if norm(e["title"]) in n.text()
                  and set(numbers) <= {_digits(a.attrs.get("href", "")[4:])
                                       for a in n.find_all("a") if a.attrs.get("href", "").startswith(("tel:", "sms:"))}]
        if not blocks:
            problems.append(f"{e['id']}: no entry with its title and tel:/sms: links for {numbers}")
            continue
        block = min(blocks, key=lambda n: sum(1 for _ in n.iter()))
        text = block.text()
        for s in e.get("sources") or []:
            if norm(str(s.get("title", ""))) not in text:
                problems.append(f"{e['id']}: source {s.get('title')!r} not named in its entry")
            if s.get("url") and not block.find_all("a", href=s["url"]):
                problems.append(f"{e['id']}: source link {s['url']} missing from its entry")
        if not e.get("sources"):
            problems.append(f"{e['id']}: no sources in the directory")
    assert not problems, "get-help page:\n  " + "\n  ".join(problems)
