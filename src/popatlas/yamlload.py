"""Strict YAML loading that remembers where every value came from.

The C parser builds the node tree; we construct plain Python values ourselves so
that we can record line/column per key path and reject YAML's traps (duplicate
keys, YAML 1.1 booleans such as `no`, tabs) with a precise location.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, visible

PathKey = tuple[str | int, ...]
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_constructor = yaml.constructor.SafeConstructor()
_BOOL_TAG = "tag:yaml.org,2002:bool"
_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_INT_TAG = "tag:yaml.org,2002:int"
_KNOWN_TAGS = {_BOOL_TAG, _STR_TAG, _TIMESTAMP_TAG, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
               "tag:yaml.org,2002:null"}
_SCALAR_TAGS_CONSTRUCTED = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:null"}

# An entry is a few KB; a limit far above that keeps a hostile file from costing
# seconds or gigabytes before any rule runs.
MAX_BYTES = 256 * 1024
# Entries nest four levels at most; libyaml's composer recurses in C and crashes on
# very deep nesting, so depth is measured on the event stream before composing.
MAX_DEPTH = 20
_MAX_DIGITS = 18  # larger whole numbers are never a year or a count
_OPENING = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSING = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


@dataclass
class Loaded:
    """A parsed file: its data and the 1-based (line, col) of every value and key."""
    path: str
    data: Any = None
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def where(self, path: PathKey, key: bool = False) -> tuple[int, int]:
        """Position of a path's value (or key); falls back to the nearest parent."""
        table = self.keys if key else self.values
        p = tuple(path)
        while p:
            if p in table:
                return table[p]
            if p in self.values:
                return self.values[p]
            p = p[:-1]
        return self.values.get((), (1, 1))


def field_path(path: PathKey) -> str:
    """('phones', 0, 'number') -> 'phones[0].number'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _build(node: yaml.Node, path: PathKey, out: Loaded) -> Any:
    out.values[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                out.problems.append(_problem(out, key_node, path, "merge keys (<<) are not supported",
                                             "write each field out in full"))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                out.problems.append(_problem(out, key_node, path, "a field name must be plain text",
                                             "use a simple name such as 'name'"))
                continue
            key = str(key_node.value)
            if key in result:
                first = out.keys[path + (key,)]
                out.problems.append(_problem(
                    out, key_node, path + (key,), f"duplicate field '{key}' (first given on line {first[0]})",
                    "keep one of them and delete the other"))
                continue
            out.keys[path + (key,)] = _mark(key_node)
            result[key] = _build(value_node, path + (key,), out)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), out) for i, item in enumerate(node.value)]
    # Scalars
    if node.tag not in _KNOWN_TAGS:
        out.problems.append(_problem(out, node, path, f"YAML tag '{node.tag}' is not allowed",
                                     "remove the !!tag and write the plain value"))
        return None
    if node.tag == _BOOL_TAG:
        if node.value.lower() not in ("true", "false"):
            out.problems.append(_problem(
                out, node, path, f"'{node.value}' is read as a yes/no value by some YAML tools",
                f"put text in quotes (\"{node.value}\"), or write true or false for a yes/no field"))
        return node.value.lower() in ("true", "yes", "on", "y")
    if node.tag == _TIMESTAMP_TAG:
        return node.value  # dates stay text; the schema's date format checks them
    if node.tag == _INT_TAG and len(node.value.lstrip("+-0")) > _MAX_DIGITS:
        out.problems.append(_problem(out, node, path, f"the number has {len(node.value)} digits",
                                     "a year or count has a few digits: check the value"))
        return None
    if node.tag in _SCALAR_TAGS_CONSTRUCTED:
        return _constructor.construct_object(node)
    return node.value


def _problem(out: Loaded, node: yaml.Node, path: PathKey, message: str, hint: str) -> Problem:
    line, col = _mark(node)
    return Problem(out.path, line, col, field_path(path), message, hint)


def _syntax_problem(display_path: str, exc: yaml.MarkedYAMLError) -> Problem:
    """A parser error in plain words, at the place to look."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or exc.context or "invalid YAML"
    if "mapping values are not allowed" in problem:
        return Problem(display_path, line, col, "", "YAML syntax error: a ': ' inside a value",
                       "put the whole value in quotes, e.g. title: \"Safety: a guide\"")
    if "another document" in problem:
        return Problem(display_path, line, col, "", "the file holds more than one YAML document",
                       "remove the extra '---' line: one entry per file")
    opened = ""
    if exc.context and exc.context_mark and exc.context_mark.line != (mark.line if mark else -1):
        opened = f"; {exc.context} that starts on line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1}"
    return Problem(display_path, line, col, "", f"YAML syntax error: {problem}{opened}",
                   "check indentation, colons, brackets and quotes here and on the lines above")




def _at(display_path: str, mark: Any, field: str, message: str, hint: str) -> Problem:
    return Problem(display_path, mark.line + 1, mark.column + 1, field, message, hint)


class _Where:
    """The key path of each event in a stream (what a composed tree would call its path)."""

    def __init__(self) -> None:
        self.stack: list[list[Any]] = []  # [is_mapping, next item is a key, current key or index]

    def path(self) -> PathKey:
        return tuple(frame[2] for frame in self.stack if frame[2] is not None)

    def item(self, event: yaml.Event) -> tuple[PathKey, bool]:
        """Path of the node this event starts, and whether it is a mapping key."""
        if not self.stack:
            return (), False
        frame = self.stack[-1]
        if frame[0]:
            if frame[1]:
                key = getattr(event, "value", None)
                frame[2] = key if isinstance(key, str) else "?"
                frame[1] = False
                return self.path(), True
            frame[1] = True
            return self.path(), False
        frame[2] = 0 if frame[2] is None else frame[2] + 1
        return self.path(), False

    def open(self, mapping: bool) -> None:
        self.stack.append([mapping, True, None])

    def close(self) -> None:
        self.stack.pop()


_MAYBE_ANCHOR_ALIAS_OR_TAG = re.compile(r"[&*!]")
_NESTING = re.compile(r"(?:^|\n)(?: {%d,}|(?:[ ]*[-?][ ]+){3,})" % (MAX_DEPTH // 2))


def _needs_screening(text: str) -> bool:
    """False only when the text can hold no anchor, alias or tag and cannot nest deeply (most entries)."""
    return bool(_MAYBE_ANCHOR_ALIAS_OR_TAG.search(text) or text.count("[") + text.count("{") > MAX_DEPTH // 2
                or _NESTING.search(text))


def _screen(display_path: str, text: str) -> list[Problem]:
    """Refuse what the format never needs before building anything: aliases, tags, deep nesting.

    Reads libyaml's event stream, which needs no recursion and stops at the first
    level too deep, so a billion-laughs file or 100,000 brackets cost milliseconds.
    """
    problems: list[Problem] = []
    where = _Where()
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentStartEvent,
                              yaml.DocumentEndEvent)):
            continue
        if isinstance(event, _CLOSING):
            where.close()
            continue
        path, _ = where.item(event)
        name = field_path(path)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
            problems.append(_at(display_path, event.start_mark, name,
                                f"YAML anchors and aliases ({sign}{visible(str(event.anchor)[:80])}) are not allowed",
                                "write each value out in full"))
        tag = getattr(event, "tag", None)
        if tag is not None:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            problems.append(_at(display_path, event.start_mark, name, f"YAML tag '{visible(shown[:80])}' is not allowed",
                                "remove the tag and write the plain value"))
        if isinstance(event, _OPENING):
            where.open(isinstance(event, yaml.MappingStartEvent))
            if len(where.stack) > MAX_DEPTH:
                problems.append(_at(display_path, event.start_mark, name,
                                    f"lists and fields are nested more than {MAX_DEPTH} levels deep",
                                    "an entry needs a few levels at most: compare it with the template"))
                break
        if len(problems) >= 50:
            break  # enough to act on; the rest would repeat
    return problems


def load_text(display_path: str, raw: bytes) -> Loaded:
    """Parse one YAML file's bytes; problems are collected, never raised."""
    try:
        return _load_text(display_path, raw)
    except Exception as exc:  # noqa: BLE001 - a contributor must never see a traceback for bad data
        out = Loaded(display_path)
        out.problems.append(Problem(display_path, 1, 1, "", f"the file could not be read ({exc.__class__.__name__})",
                                    "compare it with the template in CONTRIBUTING.md"))
        return out


def _load_text(display_path: str, raw: bytes) -> Loaded:
    out = Loaded(display_path)
    if len(raw) > MAX_BYTES:
        out.problems.append(Problem(display_path, 1, 1, "", f"the file is too large ({len(raw):,} bytes; "
                                    f"an entry is at most {MAX_BYTES:,})",
                                    "an entry holds one organization or resource: shorten it"))
        return out
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        out.problems.append(Problem(display_path, line, col, "", "the file is not UTF-8 text",
                                    "save it again with UTF-8 encoding"))
        return out
    text = text.removeprefix("\ufeff")
    if not text.strip() or all(not l.strip() or l.lstrip().startswith("#") for l in text.splitlines()):
        out.problems.append(Problem(display_path, 1, 1, "", "the file is empty",
                                    "copy a template from CONTRIBUTING.md and fill it in"))
        return out
    for lineno, line in enumerate(text.splitlines(), 1):
        col = line.find("\t")
        if col >= 0:
            out.problems.append(Problem(display_path, lineno, col + 1, "", "tab character",
                                        "YAML needs spaces: replace the tab with spaces"))
    if out.problems:
        return out
    try:
        if _needs_screening(text):
            out.problems.extend(_screen(display_path, text))
        if out.problems:
            return out
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        out.problems.append(_syntax_problem(display_path, exc))
        return out
    except yaml.YAMLError as exc:
        out.problems.append(Problem(display_path, 1, 1, "", f"YAML error: {exc}", "check the file's syntax"))
        return out
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null") and not node.value):
        out.problems.append(Problem(display_path, 1, 1, "", "the file is empty",
                                    "copy a template from CONTRIBUTING.md and fill it in"))
        return out
    if not isinstance(node, yaml.MappingNode):
        line, col = _mark(node)
        out.problems.append(Problem(display_path, line, col, "", "the file must be a set of fields such as "
                                    "'id: my-org', one per line, not a list or a single value",
                                    "see the template in CONTRIBUTING.md"))
        return out
    out.data = _build(node, (), out)
    return out


def load_file(path: Path, display_path: str | None = None) -> Loaded:
    return load_text(display_path or path.as_posix(), path.read_bytes())
