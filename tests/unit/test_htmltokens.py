"""The tokens the harden stage edits: they join back into exactly the page they came from,
and each one is the construct the standard parser saw there, whatever the markup."""
from __future__ import annotations

import os
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from popatlas.htmltokens import END, START, TEXT, tokenize

EXAMPLES = int(os.environ.get("POPATLAS_FUZZ_EXAMPLES", "300"))
PIECES = st.sampled_from(["<", ">", "</", "/>", "<!--", "-->", "<!", "<![CDATA[", "]]>", "<![ ", "<![1", "<![if", "<?", "&", "&#", "&amp;",
                          ";", "=", "\"", "'", " ", "\n", "a", "b", "p", "script", "style", "textarea", "title",
                          "<script>", "</script>", "<style>", "</style>", "<a href='x'>", "<p class=\"c\">", "é", "ش"])


class _Seen(HTMLParser):
    """What the standard parser reports, in order, to compare the tokens with."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.starts: list[tuple[str, list]] = []
        self.ends: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.starts.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.starts.append((tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        self.ends.append(tag)


@settings(max_examples=EXAMPLES, deadline=2000, derandomize=not os.environ.get("POPATLAS_FUZZ_EXAMPLES"))
@given(st.lists(PIECES | st.text(max_size=6), max_size=120))
def test_tokens_join_back_and_match_what_the_parser_saw(parts: list[str]) -> None:
    html = "".join(parts)
    tokens = tokenize(html)
    assert "".join(t.text() for t in tokens) == html
    seen = _Seen()
    try:
        seen.feed(html)
        seen.close()
    except AssertionError:  # `<![` before a non-name: the stdlib gives up where tokenize reads on
        seen = None
    if seen is not None:
        assert [(t.tag, t.attrs) for t in tokens if t.kind == START] == seen.starts
        assert [t.tag for t in tokens if t.kind == END] == seen.ends
    for t in tokens:
        assert t.source or html == "", "no empty token"
        if t.kind == START:
            assert t.source.lower().startswith("<" + t.tag), t.source
        elif t.kind == END:
            assert t.source.lower().startswith("</"), t.source
    assert not any(a.kind == TEXT and b.kind == TEXT for a, b in zip(tokens, tokens[1:]))


def test_a_page_over_many_lines_keeps_its_positions() -> None:
    html = "<!doctype html>\n<p>one\ntwo &amp; three</p>\n" * 200 + "<script>if (a < b) {}</script>\n<p unclosed"
    tokens = tokenize(html)
    assert "".join(t.source for t in tokens) == html
    assert [t.source for t in tokens if t.kind == START][:2] == ["<p>", "<p>"]


def test_a_refused_marked_section_does_not_shift_the_tokens_after_it() -> None:
    # Read as a browser reads them: from `<![` to the next `>`, one bogus comment.
    cases = {"<p>a<![ x><abbr title=t>w</abbr>b": ["<p>", "a", "<![ x>", "<abbr title=t>", "w", "</abbr>", "b"],
             "<p>a<![1<abbr title=t>w</abbr>b": ["<p>", "a", "<![1<abbr title=t>", "w", "</abbr>", "b"]}
    for html, expected in cases.items():
        assert [t.source for t in tokenize(html)] == expected
