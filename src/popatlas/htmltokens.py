"""A page as a list of tokens that join back into exactly the text they came from.

The harden stage edits built pages here: a token's source is kept byte for byte unless a
change is asked for, and a changed start tag is written again from its parsed name and
attributes (values escaped). The standard library's HTML parser finds the tokens, so
comments, scripts, odd quoting and stray brackets are read the way a browser reads them,
which a regular expression over markup cannot promise.
"""
from __future__ import annotations

from html.parser import HTMLParser, attrfind_tolerant, tagfind_tolerant


# Token kinds: start (including <x/>), end, text, and other (comments, doctype, CDATA…).
START, END, TEXT, OTHER = "start", "end", "text", "other"


class Token:
    """One construct of a page and its exact text (a page has thousands: kept small and cheap)."""
    __slots__ = ("kind", "source", "tag", "attrs", "changed", "dropped", "edited")

    def __init__(self, kind: str, source: str, tag: str = "", attrs: list[tuple[str, str | None]] | None = None) -> None:
        self.kind, self.source, self.tag = kind, source, tag
        self.attrs: list[tuple[str, str | None]] = attrs if attrs is not None else []
        self.changed = self.dropped = False
        self.edited: set[str] | None = None  # attributes set or removed since parsing (made on the first edit)

    def __repr__(self) -> str:
        return f"Token({self.kind!r}, {self.source!r})"

    def attr(self, name: str) -> str | None:
        return next((v if v is not None else "" for k, v in self.attrs if k == name), None)

    def has(self, name: str) -> bool:
        return any(k == name for k, _ in self.attrs)

    def set(self, name: str, value: str | None) -> None:
        """Set (or add, at the end) an attribute; the tag is written again."""
        for i, (k, _) in enumerate(self.attrs):
            if k == name:
                self.attrs[i] = (name, value)
                break
        else:
            self.attrs.append((name, value))
        self._edit(name)

    def _edit(self, name: str) -> None:
        self.changed = True
        if self.edited is None:
            self.edited = set()
        self.edited.add(name)

    def remove(self, name: str) -> None:
        if self.has(name):
            self.attrs = [(k, v) for k, v in self.attrs if k != name]
            self._edit(name)

    def classes(self) -> list[str]:
        return (self.attr("class") or "").split()

    def text(self) -> str:
        if self.dropped:
            return ""
        if self.kind != START or not self.changed:
            return self.source
        # Attributes nobody changed keep their text exactly as written: parsing decodes entities
        # ("&copy" in a URL) that re-escaping would not give back.
        written = dict(_raw_attributes(self.source))
        edited = self.edited or set()
        parts = [self.tag]
        for name, value in self.attrs:
            if name not in edited and name in written:
                parts.append(written[name])
            else:
                parts.append(name if value is None else f'{name}="{_quote(value)}"')
        return "<" + " ".join(parts) + ("/>" if self.source.endswith("/>") else ">")


def _raw_attributes(source: str) -> list[tuple[str, str]]:
    """(name, its text as written) of each attribute of a start tag, found as the stdlib parser finds them."""
    found: list[tuple[str, str]] = []
    match = tagfind_tolerant.match(source, 1)
    k = match.end() if match else len(source)
    while k < len(source):
        m = attrfind_tolerant.match(source, k)
        if not m or m.end() == k:
            break
        piece = m.group(0).strip().strip("/").strip()
        if piece:
            found.append((m.group(1).lower(), piece))
        k = m.end()
    return found


def _quote(value: str) -> str:
    """An attribute value for double quotes (apostrophes stay as they are: a CSP reads better)."""
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


class _Tokenizer(HTMLParser):
    """Records where each construct starts; the text between two starts is the first one's source."""

    def __init__(self, html: str) -> None:
        self._at = 0
        super().__init__(convert_charrefs=False)
        self.html = html
        self.marks: list[tuple[int, str, str, list[tuple[str, str | None]]]] = []

    # The parser moves its position with updatepos(i, j) after each construct and counts lines
    # and columns as it goes; only the offset is needed here, and counting lines costs time.
    # (i and j index the parser's unread text, which it trims: hence adding, not setting.)
    def reset(self) -> None:
        super().reset()
        self._at = 0

    def updatepos(self, i: int, j: int) -> int:
        if i < j:
            self._at += j - i
        return j

    def _offset(self) -> int:
        return self._at

    def _mark(self, kind: str, tag: str = "", attrs: list[tuple[str, str | None]] | None = None) -> None:
        self.marks.append((self._offset(), kind, tag, attrs if attrs is not None else []))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._mark(START, tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._mark(START, tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self._mark(END, tag)

    def handle_data(self, data: str) -> None:
        self._mark(TEXT)

    def handle_entityref(self, name: str) -> None:
        self._mark(TEXT)

    def handle_charref(self, name: str) -> None:
        self._mark(TEXT)

    def handle_comment(self, data: str) -> None:
        self._mark(OTHER)

    def handle_decl(self, decl: str) -> None:
        self._mark(OTHER)

    def handle_pi(self, data: str) -> None:
        self._mark(OTHER)

    def unknown_decl(self, data: str) -> None:
        self._mark(OTHER)

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """`<![foo[…` that the standard parser would refuse with an error: read, as a browser
        does, up to the next `>` as one bogus comment."""
        at = self._at
        try:
            return super().parse_marked_section(i, report)
        except (AssertionError, ValueError):
            self._at = at  # the refusing parser has moved its position on first
            end = self.rawdata.find(">", i)
            if end < 0:
                return -1
            self._mark(OTHER)
            return end + 1

def tokenize(html: str) -> list[Token]:
    """Every token of `html`, in order; "".join(t.text() for t in tokens) == html."""
    parser = _Tokenizer(html)
    parser.feed(html)
    parser.close()
    marks = parser.marks
    if not marks:
        return [Token(TEXT, html)]
    # (start, end, kind, tag, attrs) of each construct; adjacent text pieces (entity references,
    # split data) become one text token, sliced once from the page.
    spans: list[list] = []
    if marks[0][0] > 0:
        spans.append([0, marks[0][0], OTHER, "", None])
    ends = [m[0] for m in marks[1:]] + [len(html)]
    for (start, kind, tag, attrs), end in zip(marks, ends):
        if end <= start:
            continue  # the parser reports some constructs twice at one place
        if kind == TEXT and spans and spans[-1][2] == TEXT:
            spans[-1][1] = end
        else:
            spans.append([start, end, kind, tag, attrs])
    return [Token(kind, html[start:end], tag, attrs) for start, end, kind, tag, attrs in spans]


def join(tokens: list[Token]) -> str:
    return "".join(t.text() for t in tokens)


def element_span(tokens: list[Token], start: int) -> int:
    """Index of the end token that closes the start token at `start` (same tag, nesting counted);
    len(tokens) when it is never closed."""
    tag, depth = tokens[start].tag, 0
    for i in range(start, len(tokens)):
        token = tokens[i]
        if token.kind == START and token.tag == tag and not token.source.endswith("/>"):
            depth += 1
        elif token.kind == END and token.tag == tag:
            depth -= 1
            if depth == 0:
                return i
    return len(tokens)


__all__ = ["END", "OTHER", "START", "TEXT", "Token", "element_span", "join", "tokenize"]
