"""Glossary terms marked once per section, not at every mention.

The abbr extension marks every occurrence of a glossary term; in a paragraph that names
"survivors" four times the underlines make the text hard to read. This keeps the first
mark of each term (same definition = same term, so aliases count together) in each
section, a section starting at each <h2>, and turns the others back into plain words.
"""
from __future__ import annotations

import re

# The exact markup Python-Markdown's abbr extension writes (title escaped by Markdown).
_ABBR = re.compile(r'<abbr title="([^"]*)">(.*?)</abbr>', re.S)
_SECTION = re.compile(r"(?=<h2[\s>])")


def once_per_section(html: str) -> str:
    def section(part: str) -> str:
        seen: set[str] = set()

        def keep_first(m: re.Match[str]) -> str:
            if m.group(1) in seen:
                return m.group(2)
            seen.add(m.group(1))
            return m.group(0)

        return _ABBR.sub(keep_first, part)

    return "".join(section(part) for part in _SECTION.split(html))


__all__ = ["once_per_section"]
