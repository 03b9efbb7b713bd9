"""Front matter of the hand-written pages (docs/<lang>/…/*.md), checked against
schemas/page.schema.json with `file:line:col` problems, like directory entries."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from . import safety, schemas
from .content import FRONT_MATTER
from .problems import Problem
from .yamlload import field_path, load_text

# The first line of a generated page's source: it asks Markdown to pass the page through
# untouched (see popatlas.mdx). A hand-written page may never start with it.
PASSTHROUGH = "<!-- popatlas:generated-html -->"


def check_page(path: Path, display: str) -> list[Problem]:
    """Every problem of one page's front matter (and of its shape), never raised."""
    st = path.stat()
    return list(_check_page(path, display, st.st_mtime_ns, st.st_size, schemas.schema_stamp()))


@lru_cache(maxsize=4096)
def _check_page(path: Path, display: str, _mtime: int, _size: int, _schemas: tuple[int, ...]) -> tuple[Problem, ...]:
    return tuple(_check(path, display))


def _check(path: Path, display: str) -> list[Problem]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return [Problem(display, 1, 1, "", "the page is not UTF-8 text", "save it again with UTF-8 encoding")]
    match = FRONT_MATTER.match(text)
    if not match:
        return [Problem(display, 1, 1, "", "the page has no front matter",
                        "start it with a block between two --- lines that gives at least 'title: …'")]
    problems: list[Problem] = []
    # Compared as Markdown will see it: no STX/ETX, no spaces or tabs.
    squeezed = "".join(ch for ch in text if ch not in "\x02\x03 \t")
    if PASSTHROUGH.replace(" ", "") in squeezed:
        at = squeezed.index(PASSTHROUGH.replace(" ", ""))
        line = squeezed[:at].count("\n") + 1
        problems.append(Problem(display, line, 1, "", f"'{PASSTHROUGH}' is reserved for generated pages",
                                "remove that line: write the page in Markdown"))
    lower = text.lower()
    for trap in safety.PARSER_TRAPS:
        if trap in lower:
            line = lower[: lower.index(trap)].count("\n") + 1
            shown = "a NUL character" if trap == "\x00" else f"'{trap}'"
            problems.append(Problem(display, line, lower.index(trap) - lower.rfind("\n", 0, lower.index(trap)), "",
                                    f"{shown} is not allowed in a page",
                                    "write the page in Markdown; a maintainer can add what it needs to a template"))
    loaded = load_text(display, match.group(1).encode("utf-8"))
    # Positions in the block count from its first line, which is the page's second.
    shift = lambda p: Problem(p.path, p.line + 1, p.col, p.field, p.message, p.hint, p.severity)  # noqa: E731
    problems.extend(shift(p) for p in loaded.problems)
    if loaded.data is None:
        return problems
    flagged = {p.field for p in loaded.problems}
    for error in schemas.iter_schema_errors("page", loaded.data):
        key_path, key, message, hint = schemas.explain("page", error)
        name = field_path(key_path)
        if name in flagged:
            continue
        flagged.add(name)
        line, col = loaded.where(key_path, key=key)
        problems.append(Problem(display, line + 1, col, name, message, hint))
    return problems


def check_docs(docs_dir: Path, display_root: str = "docs") -> list[Problem]:
    """Every page under docs/, and anything there that is not a page."""
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*")):
        rel = path.relative_to(docs_dir).as_posix()
        display = f"{display_root}/{rel}"
        if path.is_symlink():
            problems.append(Problem(display, 1, 1, "", "a link to another file is not a page",
                                    "copy the page's text into this file instead"))
        elif path.is_file() and path.suffix == ".md":
            problems.extend(check_page(path, display))
        elif path.is_file():
            problems.append(Problem(display, 1, 1, "", f"'{path.name}' is not a Markdown page: only .md files "
                                    "are published from docs/", "move it out of docs/, or ask a maintainer"))
    return sorted(problems)


__all__ = ["PASSTHROUGH", "check_docs", "check_page"]
