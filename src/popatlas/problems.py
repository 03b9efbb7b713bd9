"""Problems found in input files, and the three ways of printing them."""
from __future__ import annotations

import json
import unicodedata
from dataclasses import asdict, dataclass
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    field: str
    message: str
    hint: str = ""
    severity: Severity = "error"

    def text(self) -> str:
        field = f"{self.field}: " if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        return one_line(f"{self.path}:{self.line}:{self.col}: {self.severity}: {field}{self.message}{hint}")

    def github(self) -> str:
        # GitHub Actions workflow command: data escapes %, CR and LF (as the syntax requires),
        # properties also : and ,; any other line break or control character is shown as \uXXXX,
        # so a value can never end the command and start another one.
        def esc(s: str) -> str:
            return one_line(s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))

        def esc_prop(s: str) -> str:
            return esc(s).replace(":", "%3A").replace(",", "%2C")

        field = f"{self.field}: " if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        return (
            f"::{self.severity} file={esc_prop(self.path)},line={self.line},col={self.col},"
            f"title={esc_prop(self.field or 'file')}::{esc(field + self.message + hint)}"
        )


def visible(text: str) -> str:
    """Invisible, control and direction-changing characters shown as \\uXXXX, so a message reads right."""
    return "".join(f"\\u{ord(c):04x}" if c in _BREAKS or unicodedata.category(c) in ("Cc", "Cf") else c
                   for c in text)


def one_line(text: str) -> str:
    """Line breaks and control characters shown as \\uXXXX: one problem, one line of output."""
    return "".join(f"\\u{ord(c):04x}" if c in _BREAKS or unicodedata.category(c) == "Cc" else c for c in text)


_BREAKS = frozenset("\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def format_problems(problems: Iterable[Problem], fmt: str = "text") -> str:
    items = sorted(problems)
    if fmt == "json":
        errors = sum(p.severity == "error" for p in items)
        return json.dumps(
            {"problems": [asdict(p) for p in items], "errors": errors,
             "warnings": len(items) - errors},
            ensure_ascii=False, indent=2,
        )
    render = Problem.github if fmt == "github" else Problem.text
    return "\n".join(render(p) for p in items)


def summary(problems: Iterable[Problem], files: int) -> str:
    items = list(problems)
    errors = sum(p.severity == "error" for p in items)
    warnings = len(items) - errors
    if not items:
        return f"{files} file{'s' if files != 1 else ''} checked: no problems"
    return (f"{files} file{'s' if files != 1 else ''} checked: "
            f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}")
