"""Glossary terms marked once per section, not at every mention.

The abbr extension marks every occurrence of a glossary term; in a paragraph that names
"survivors" four times the underlines make the text hard to read. This keeps the first
mark of each term (same definition = same term, so aliases count together) in each
section, a section starting at each <h2>, and turns the others back into plain words.
"""
from __future__ import annotations

import re

# The exact markup Python-Markdown's abbr extension writes (title escaped by Markdown).
_ABBR = re.compile(r'<abbr title="([^"]*)">([^<]*)</abbr>')  # the text is plain: linear even when unclosed
# A mark in a heading or a collapsed block is not where a reader meets the term: it is kept,
# and the first mark in the running text is kept too.
_ASIDE_TAG = re.compile(r"<(/?)(h[1-6]|details)[\s>]")


def _asides(html: str) -> list[tuple[int, int]]:
    """(start, end) of each heading and <details> block, paired in one pass (unclosed ones ignored)."""
    spans, opened = [], []
    for m in _ASIDE_TAG.finditer(html):
        if not m.group(1):
            opened.append((m.group(2), m.start()))
        elif opened and opened[-1][0] == m.group(2):
            _, start = opened.pop()
            if not opened:
                spans.append((start, m.end()))
    return spans
_SECTION = re.compile(r"(?=<h2[\s>])")


def once_per_section(html: str) -> str:
    def section(part: str) -> str:
        seen: set[str] = set()
        asides = _asides(part)

        def keep_first(m: re.Match[str]) -> str:
            if any(a <= m.start() < b for a, b in asides):
                return m.group(0)
            if m.group(1) in seen:
                return m.group(2)
            seen.add(m.group(1))
            return m.group(0)

        return _ABBR.sub(keep_first, part)

    return "".join(section(part) for part in _SECTION.split(html))


__all__ = ["once_per_section"]
