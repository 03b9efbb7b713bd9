"""Glossary terms marked once per section, not at every mention.

The abbr extension marks every occurrence of a glossary term; in a paragraph that names
"survivors" four times the underlines make the text hard to read. This keeps the first
mark of each term (same definition = same term, so aliases count together) in each
section, a section starting at each <h2>, and turns the others back into plain words.
A mark in a heading or a collapsed block is not where a reader meets the term: it is kept,
and does not use the term up. Works on parsed tokens (popatlas.htmltokens), in one pass.
"""
from __future__ import annotations

from .htmltokens import END, START, TEXT, Token, join, tokenize

_ASIDES = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "details"})


def mark_once(tokens: list[Token]) -> None:
    """Drop repeated <abbr> marks (tag pairs only; the words stay), in place."""
    seen: set[str] = set()
    aside_depth = 0
    for i, token in enumerate(tokens):
        if token.kind == START and token.tag == "h2":
            seen = set()
        if token.tag in _ASIDES and token.kind in (START, END):
            aside_depth = aside_depth + 1 if token.kind == START else max(0, aside_depth - 1)
            continue
        if token.kind != START or token.tag != "abbr" or aside_depth:
            continue
        # The abbr extension writes <abbr title="…">word</abbr>: anything else is left alone.
        if not (i + 2 < len(tokens) and tokens[i + 1].kind == TEXT
                and tokens[i + 2].kind == END and tokens[i + 2].tag == "abbr"):
            continue
        title = token.attr("title") or ""
        if title in seen:
            token.dropped = tokens[i + 2].dropped = True
        else:
            seen.add(title)


def once_per_section(html: str) -> str:
    tokens = tokenize(html)
    mark_once(tokens)
    return join(tokens)


__all__ = ["mark_once", "once_per_section"]
