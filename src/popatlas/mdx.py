"""A Markdown extension that lets a generated page's HTML through untouched.

`popatlas generate` writes each directory page as front matter followed by one line,
`<!-- popatlas:generated-html -->`, and the page's finished HTML (rendered by Jinja with
every contributed value escaped). Parsing that HTML as Markdown would cost time and could
turn escaped text back into markup; this keeps it whole. Hand-written pages may not use
the line (popatlas.frontmatter refuses it), so their Markdown is always parsed.
"""
from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from .frontmatter import PASSTHROUGH


class _Passthrough(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is None or lines[first].strip() != PASSTHROUGH:
            return lines
        return [self.md.htmlStash.store("\n".join(lines[first + 1:]))]


class PassthroughExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # After whitespace normalisation (30), which would strip the placeholder's markers, and
        # before the raw-HTML reader (20) and everything after it.
        md.preprocessors.register(_Passthrough(md), "popatlas_passthrough", 25)


def makeExtension(**kwargs: Any) -> PassthroughExtension:  # noqa: N802 (Python-Markdown looks this name up)
    return PassthroughExtension(**kwargs)
