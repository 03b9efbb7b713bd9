"""`popatlas lint-language`: stigmatising words in pages and directory text.

The term lists are data (data/terms.yml). Quotations, proper names listed as
exceptions, code and web addresses are not checked: a survivor's own words or an
organization's legal name are not ours to change.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Iterable, Iterator

import yaml

from . import LANGUAGES
from .problems import Problem

_DATA = Path(__file__).with_name("data") / "terms.yml"
# Spans that are not our words: quotations, inline code, link targets and web addresses.
_EXEMPT = re.compile(
    r'"[^"\n]*"|\u201c[^\u201d\n]*\u201d|\u00ab[^\u00bb\n]*\u00bb|\u201e[^\u201c\u201d\n]*[\u201c\u201d]'
    r"|`[^`\n]*`|\]\([^)\n]*\)|https?://\S+|<!--.*?-->"
)


@dataclass(frozen=True)
class Rule:
    id: str
    lang: str
    severity: str
    regex: re.Pattern[str]
    suggest: tuple[str, ...]
    source: str


@cache
def rules() -> tuple[tuple[Rule, ...], tuple[str, ...]]:
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    out = []
    for term in data["terms"]:
        body = "|".join(f"(?:{p})" for p in term["patterns"])
        # Arabic words take prefixes (ال، و، ب): match inside words there; elsewhere whole words only.
        pattern = body if term["lang"] == "ar" else rf"(?<![\w-])(?:{body})(?![\w])"
        out.append(Rule(term["id"], term["lang"], term["severity"], re.compile(pattern, re.IGNORECASE),
                        tuple(term["suggest"]), data["sources"][term["source"]]))
    return tuple(out), tuple(data.get("exceptions", []))


def _language_of(path: Path) -> str | None:
    """docs/<lang>/... pages are checked with that language's list; other files with all lists."""
    parts = path.parts
    for i, part in enumerate(parts[:-1]):
        if part == "docs" and parts[i + 1] in LANGUAGES:
            return parts[i + 1]
    return None


def _exempt_spans(line: str, exceptions: Iterable[str]) -> list[tuple[int, int]]:
    spans = [m.span() for m in _EXEMPT.finditer(line)]
    lowered = line.lower()
    for phrase in exceptions:
        start = lowered.find(phrase.lower())
        while start != -1:
            spans.append((start, start + len(phrase)))
            start = lowered.find(phrase.lower(), start + 1)
    return spans


def check_text(display: str, text: str, lang: str | None) -> Iterator[Problem]:
    all_rules, exceptions = rules()
    active = [r for r in all_rules if lang is None or r.lang == lang]
    in_front_matter = False
    for lineno, line in enumerate(text.splitlines(), 1):
        if lineno == 1 and line.strip() == "---":
            in_front_matter = True
            continue
        if in_front_matter and line.strip() == "---":
            in_front_matter = False
            continue
        if line.lstrip().startswith(">") or line.lstrip().startswith("#") and display.endswith(".yml"):
            continue  # a marked quotation (or a YAML comment)
        spans = _exempt_spans(line, exceptions)
        for rule in active:
            for match in rule.regex.finditer(line):
                if any(s <= match.start() < e for s, e in spans):
                    continue
                word = match.group(0)
                verdict = "is stigmatising language" if rule.severity == "error" else "is often stigmatising"
                hint = "use " + " or ".join(f'"{s}"' for s in rule.suggest) + f"; see {rule.source}"
                yield Problem(display, lineno, match.start() + 1, rule.id, f'"{word}" {verdict}', hint, rule.severity)


def files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in (".md", ".yml", ".yaml") and p.is_file())
        else:
            yield path


def lint(paths: Iterable[Path]) -> tuple[list[Problem], int]:
    problems: list[Problem] = []
    count = 0
    for path in files(paths):
        count += 1
        problems.extend(check_text(path.as_posix(), path.read_text(encoding="utf-8"), _language_of(path)))
    return problems, count
