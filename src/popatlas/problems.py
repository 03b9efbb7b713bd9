"""Problems found in input files, and the three ways of printing them."""
from __future__ import annotations

import json
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
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {field}{self.message}{hint}"

    def github(self) -> str:
        # GitHub Actions workflow command; data must escape %, CR and LF.
        def esc(s: str) -> str:
            return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def esc_prop(s: str) -> str:
            return esc(s).replace(":", "%3A").replace(",", "%2C")

        field = f"{self.field}: " if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        return (
            f"::{self.severity} file={esc_prop(self.path)},line={self.line},col={self.col},"
            f"title={esc_prop(self.field or 'file')}::{esc(field + self.message + hint)}"
        )


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
