"""Left-to-right fragments inside right-to-left text, isolated by the renderer.

In an Arabic paragraph the Unicode bidi algorithm gives neutral characters at the edge
of a Latin run to the surrounding Arabic: "2SLGBTQIA+" shows its "+" on the wrong side,
"+1 888" splits. `isolate_ltr` wraps each Latin or numeric run of a page's text in
<span dir="ltr"> (an isolate in every browser) and gives an element that declares a
left-to-right language (lang="en") its direction, so no page has to do it by hand.
"""
from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

from . import RTL_LANGUAGES

# A run starts with a Latin letter or digit (or a + before a digit) and ends with one, or
# with a closing mark that belongs to it (+, #, %, a bracket opened inside the run).
_L = r"A-Za-z0-9\u00C0-\u024F\u1E00-\u1EFF"
LTR_RUN = re.compile(rf"(?:\+(?=[0-9]))?[{_L}](?:[{_L}\s.,:;'’&/+\-–—_#%@()\[\]]*[{_L}+#%)\]])?")
# Text is not prose inside these, or already has its direction.
_SKIP = {"script", "style", "code", "pre", "kbd", "samp", "textarea", "svg", "math", "title"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _balanced(run: str) -> str:
    """Drop a closing bracket the run did not open: in "(LGBTQ+)" the run is "LGBTQ+"."""
    while run and run[-1] in ")]" and run.count("(") + run.count("[") < run.count(")") + run.count("]"):
        run = run[:-1].rstrip()
    return run


def isolate_text(text: str) -> str:
    """Escaped `text` with each left-to-right run wrapped in <span dir="ltr">."""
    out, last = [], 0
    for m in LTR_RUN.finditer(text):
        run = _balanced(m.group(0))
        if not run:
            continue
        start, end = m.start(), m.start() + len(run)
        out.append(escape(text[last:start], quote=False))
        out.append(f'<span dir="ltr">{escape(run, quote=False)}</span>')
        last = end
    out.append(escape(text[last:], quote=False))
    return "".join(out)


class _Isolator(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, text inside is left alone)

    @property
    def _leave_alone(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {k for k, _ in attrs}
        lang = next((v or "" for k, v in attrs if k == "lang"), "")
        raw = self.get_starttag_text() or f"<{tag}>"
        if lang and "dir" not in names:
            direction = "rtl" if lang.split("-")[0] in RTL_LANGUAGES else "ltr"
            raw = raw[:-2] + f' dir="{direction}"/>' if raw.endswith("/>") else raw[:-1] + f' dir="{direction}">'
        self.out.append(raw)
        if tag in _VOID:
            return
        alone = self._leave_alone or tag in _SKIP or "dir" in names or bool(lang and lang.split("-")[0] not in RTL_LANGUAGES)
        self.stack.append((tag, alone))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        tag = self.stack[-1][0] if self.stack else ""
        if tag in ("script", "style"):
            self.out.append(data)  # raw text elements: never escaped
        elif self._leave_alone:
            self.out.append(escape(data, quote=False))
        else:
            self.out.append(isolate_text(data))

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")


def isolate_ltr(html: str) -> str:
    """The HTML of right-to-left page content with its left-to-right runs isolated."""
    parser = _Isolator()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


__all__ = ["LTR_RUN", "isolate_ltr", "isolate_text"]
