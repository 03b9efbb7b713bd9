"""Left-to-right fragments inside right-to-left text, isolated by the renderer.

In an Arabic paragraph the Unicode bidi algorithm gives neutral characters at the edge
of a Latin run to the surrounding Arabic: "2SLGBTQIA+" shows its "+" on the wrong side,
"+1 888" splits, and two Latin words on either side of a link swap places. `isolate_ltr`
wraps each Latin or numeric run of a page's text in <span dir="ltr"> (an isolate in every
browser) — across inline elements such as a glossary term or a link when they hold only
Latin text, so "<abbr>PoP</abbr> Atlas" stays one run — and gives an element that declares
a left-to-right language (lang="en") its direction, so no page has to do it by hand.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

from . import RTL_LANGUAGES

# A run starts with a Latin letter or digit (or a + before a digit) and ends with one, or
# with a closing mark that belongs to it (+, #, %, a bracket opened inside the run).
_L = r"A-Za-z0-9\u00C0-\u024F\u1E00-\u1EFF"
# Longer Latin stretches are isolated piece by piece: it bounds the work a hostile text can cause.
MAX_RUN = 500
# A run may open with a bracket or a + that belongs to it ("(800) 799-7233", "+1 888"); inside
# it, the punctuation of addresses and numbers; brackets are balanced afterwards (_balanced).
_END = rf"{_L}+#%)\]/"
LTR_RUN = re.compile(rf"(?:[(\[](?=\s*[{_L}+])|\+(?=[0-9]))?[{_L}](?:[{_L}\s.,:;'’&/+\-–—_#%@()\[\]?=~!*$|]{{0,{MAX_RUN}}}[{_END}])?")
_ENDS = re.compile(rf"[{_END}]")
_START = re.compile(rf"[(\[](?=\s*[{_L}+])|\+(?=[0-9])|[{_L}]")
_OUTSIDE = re.compile(rf"[^{_L}\s.,:;'’&/+\-–—_#%@()\[\]?=~!*$|]")
_NEUTRAL_ONLY = re.compile(r"^[\s.,:;'’&/+\-–—_#%@()\[\]·]*$")
# Text is not prose inside these: copied as it is.
_SKIP = {"script", "style", "code", "pre", "kbd", "samp", "textarea", "svg", "math", "title"}
_RAW_TEXT = {"script", "style"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Inline elements a run may extend across when they hold only left-to-right text.
_INLINE = {"a", "abbr", "b", "cite", "code", "dfn", "em", "i", "kbd", "mark", "q", "s", "samp", "small",
           "span", "strong", "sub", "sup", "u", "var", "bdi", "data", "time"}
MAX_DEPTH = 150  # elements inside elements; deeper content is left as it is (recursion)
_STRONG_LTR, _BREAK, _SPACE = "A", "\u0628", " "  # stand-ins for whole elements when finding runs


@dataclass
class _Node:
    tag: str = ""             # "" for text and raw nodes
    start: str = ""           # the start tag as written (with dir added where needed)
    children: list["_Node"] = field(default_factory=list)
    text: str = ""            # text nodes: unescaped text; raw nodes: markup to copy
    raw: bool = False
    closed: bool = True       # whether the source closed this element
    keeps_direction: bool = False  # has dir=, or a left-to-right lang=: isolated already
    direction: str = ""       # its dir=, or the direction of its lang=
    stray: bool = False       # an end tag with no element to close: a run must not span it

    def plain(self) -> str:
        if not self.tag:
            return "" if self.raw else self.text
        return "".join(c.plain() for c in self.children)


def _partners(text: str) -> tuple[list[int], dict[int, int]]:
    """Every bracket's position, and its partner's (-1 when it has none), in one pass."""
    positions = [m.start() for m in re.finditer(r"[()\[\]]", text)]
    partner: dict[int, int] = {}
    opened: list[int] = []
    for k in positions:
        if text[k] in "([":
            opened.append(k)
            partner[k] = -1
        elif opened and "([".index(text[opened[-1]]) == ")]".index(text[k]):
            o = opened.pop()
            partner[o], partner[k] = k, o
        else:
            partner[k] = -1
    return positions, partner


def _runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every left-to-right run in `text`, its brackets paired inside it.

    "(WHO) 2021" is one run; in "WHO) 2021" the run stops before ")"; a bracket never closed
    is left outside ("(WHO 2021" -> "(" + run). Linear: brackets are paired once for the text.
    """
    positions, partner = _partners(text)
    # Where each stretch of characters a run may hold ends: found once, so no text is re-read.
    stops = [m.start() for m in _OUTSIDE.finditer(text)] + [len(text)]
    found, pos = [], 0
    while (m := _START.search(text, pos)) is not None:
        start = m.start()
        end = min(stops[bisect.bisect_right(stops, start)], start + MAX_RUN)
        for j in range(bisect.bisect_left(positions, start), len(positions)):
            k = positions[j]  # (indexing, not slicing: a slice would copy the rest of the list each time)
            if k >= end:
                break
            other = partner[k]
            if (other < start) if text[k] in ")]" else (other == -1 or other >= end):
                end = k  # a bracket whose partner is outside the run: the run stops before it
                break
        while end > start and not _ENDS.fullmatch(text[end - 1]):
            end -= 1
        if end <= start or not re.match(rf"[{_L}]|[(\[+]", text[start]) or not re.search(rf"[{_L}]", text[start:end]):
            pos = start + 1  # e.g. an opening bracket never closed: try from the next character
            continue
        found.append((start, end))
        pos = end
    return found


def isolate_text(text: str) -> str:
    """Escaped `text` with each left-to-right run wrapped in <span dir="ltr">."""
    return _serialize_children([_Node(text=text)])


def _stand_in(node: _Node) -> str:
    """What a child counts as when runs are found: its own text, or one character for an element."""
    if not node.tag:
        return _BREAK if node.stray else "" if node.raw else node.text
    if node.tag in _VOID or not node.closed or node.tag not in _INLINE or node.direction == "rtl":
        return _BREAK  # blocks, elements left open, right-to-left elements: a run stops there
    text = node.plain()
    if node.keeps_direction or node.tag in _SKIP:
        return _STRONG_LTR if text.strip() else _SPACE
    if _NEUTRAL_ONLY.match(text):
        return _SPACE
    return _STRONG_LTR if _runs(text.strip()) == [(0, len(text.strip()))] else _BREAK


def _serialize_children(children: list[_Node]) -> str:
    stand_ins = [_stand_in(c) for c in children]
    joined = "".join(stand_ins)
    starts, pos = [], 0
    for s in stand_ins:
        starts.append(pos)
        pos += len(s)
    # Where each run opens and closes, in (child index, offset in that child's stand-in).
    opens: dict[tuple[int, int], int] = {}
    closes: set[tuple[int, int]] = set()

    def locate(at: int, end: bool) -> tuple[int, int]:
        # The child whose stand-in holds character `at` (for a run's end: the one it ends in).
        i = bisect.bisect_right(starts, at - 1 if end else at) - 1
        while end and i > 0 and not stand_ins[i]:
            i -= 1
        i = max(i, 0)
        return i, at - starts[i]

    for start, end in _runs(joined):
        first, last = locate(start, False), locate(end, True)
        opens[first] = 1
        closes.add(last)
    marks: dict[int, set[int]] = {}  # child -> offsets where a run opens or closes
    for c, o in [*opens, *closes]:
        marks.setdefault(c, set()).add(o)
    out: list[str] = []
    inside = False  # whether a run is open: an element wholly inside one is copied unsplit
    for i, child in enumerate(children):
        if not child.tag and not child.raw:
            text, cut = child.text, 0
            points = sorted(marks.get(i, ()))
            for p in points:
                out.append(escape(text[cut:p], quote=False))
                if (i, p) in closes:
                    out.append("</span>")
                    inside = False
                if (i, p) in opens:
                    out.append('<span dir="ltr">')
                    inside = True
                cut = p
            out.append(escape(text[cut:], quote=False))
            continue
        if (i, 0) in opens:
            out.append('<span dir="ltr">')
            inside = True
        out.append(_serialize(child, inside_run=inside))
        if stand_ins[i] and (i, len(stand_ins[i])) in closes:
            out.append("</span>")
            inside = False
    return "".join(out)


def _serialize(node: _Node, inside_run: bool = False) -> str:
    if not node.tag:
        return node.text if node.raw else escape(node.text, quote=False)
    if node.tag in _VOID:
        return node.start
    if node.tag in _RAW_TEXT:
        inner = "".join(c.text for c in node.children)
    elif node.tag in _SKIP or node.keeps_direction or inside_run:
        inner = "".join(_copy(c) for c in node.children)
    else:
        inner = _serialize_children(node.children)
    return node.start + inner + (f"</{node.tag}>" if node.closed else "")


def _copy(node: _Node) -> str:
    """A subtree written back unchanged (its start tags keep the dir they were given)."""
    if not node.tag:
        return node.text if node.raw else escape(node.text, quote=False)
    if node.tag in _VOID:
        return node.start
    inner = "".join(c.text for c in node.children) if node.tag in _RAW_TEXT else "".join(_copy(c) for c in node.children)
    return node.start + inner + (f"</{node.tag}>" if node.closed else "")


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node(tag="#root")
        self.stack: list[_Node] = [self.root]
        self.deepest = 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {k for k, _ in attrs}
        lang = next((v or "" for k, v in attrs if k == "lang"), "")
        raw = self.get_starttag_text() or f"<{tag}>"
        if lang and "dir" not in names:
            direction = "rtl" if lang.split("-")[0] in RTL_LANGUAGES else "ltr"
            raw = raw[:-2] + f' dir="{direction}"/>' if raw.endswith("/>") else raw[:-1] + f' dir="{direction}">'
        ltr_lang = bool(lang) and lang.split("-")[0] not in RTL_LANGUAGES
        given = next((v or "" for k, v in attrs if k == "dir"), "").lower()
        direction = given or ("" if not lang else "ltr" if ltr_lang else "rtl")
        node = _Node(tag=tag, start=raw, closed=False, keeps_direction=direction == "ltr", direction=direction)
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)
            self.deepest = max(self.deepest, len(self.stack))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(_Node(tag="#raw", text=self.get_starttag_text() or "", raw=True))
        self.stack[-1].children[-1].tag = ""

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                self.stack[i].closed = True
                del self.stack[i:]
                return
        self.stack[-1].children.append(_Node(text=f"</{tag}>", raw=True, stray=True))  # kept as written

    def handle_data(self, data: str) -> None:
        parent = self.stack[-1]
        parent.children.append(_Node(text=data, raw=parent.tag in _RAW_TEXT))

    def handle_comment(self, data: str) -> None:
        self.stack[-1].children.append(_Node(text=f"<!--{data}-->", raw=True))

    def handle_decl(self, decl: str) -> None:
        self.stack[-1].children.append(_Node(text=f"<!{decl}>", raw=True))

    def handle_pi(self, data: str) -> None:
        self.stack[-1].children.append(_Node(text=f"<?{data}>", raw=True))

    def unknown_decl(self, data: str) -> None:
        closing = "]]>" if data.startswith("CDATA[") else "]>"  # the parser keeps one bracket of CDATA's two
        self.stack[-1].children.append(_Node(text=f"<![{data}{closing}", raw=True))


def isolate_ltr(html: str) -> str:
    """The HTML of right-to-left page content with its left-to-right runs isolated."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    if builder.deepest > MAX_DEPTH:
        return html  # no page of ours nests this deep; never fail a build on a reader's nicety
    return _serialize_children(builder.root.children)


__all__ = ["LTR_RUN", "isolate_ltr", "isolate_text"]
