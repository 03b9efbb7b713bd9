"""Load and validate the whole directory: YAML -> schema -> rules -> typed entries.

Results are cached on the files' modification times, because MkDocs (with the
i18n plugin) asks for the directory once per language and `mkdocs serve` must
still see edits.
"""
from __future__ import annotations

import concurrent.futures
import datetime as dt
import multiprocessing
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Iterator

from . import model, rules, schemas
from .problems import Problem
from .yamlload import Loaded, field_path, load_file


@dataclass
class Directory:
    root: Path
    organizations: list[model.Organization] = field(default_factory=list)
    resources: list[model.Resource] = field(default_factory=list)
    taxonomy: model.Taxonomy | None = None
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def entries(self) -> list[model.Entry]:
        return [*self.organizations, *self.resources]


def kind_of(rel: PurePosixPath) -> str | None:
    """Which schema a file answers to, from where it sits in the directory."""
    if rel.parts == ("taxonomy.yml",):
        return "taxonomy"
    if rel.parts[0] == "organizations":
        return "organization"
    if rel.parts[0] == "resources" and len(rel.parts) == 2:
        return "resource"
    return None


def _display(path: Path, root: Path) -> str:
    try:
        return Path(os.path.relpath(path, Path.cwd())).as_posix() if path.is_relative_to(Path.cwd()) \
            else f"{root.name}/{path.relative_to(root).as_posix()}"
    except ValueError:
        return path.as_posix()


def _yaml_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".yml", ".yaml")
                  and not any(part.startswith(".") for part in p.relative_to(root).parts))


def _validate_schema(loaded: Loaded, kind: str) -> None:
    """Schema problems, one per field: a field already flagged by the loader is skipped."""
    flagged = {p.field for p in loaded.problems}
    for error in schemas.iter_schema_errors(kind, loaded.data):
        path, key, message, hint = schemas.explain(kind, error)
        name = field_path(path)
        if name in flagged:
            continue
        flagged.add(name)
        line, col = loaded.where(path, key=key)
        loaded.problems.append(Problem(loaded.path, line, col, name, message, hint))


def _one_per_field(problems: list[Problem]) -> list[Problem]:
    """The first problem of each field (schema before rules): one mistake, one message."""
    seen: set[str] = set()
    kept = []
    for p in problems:
        if p.field and p.field in seen:
            continue
        seen.add(p.field)
        kept.append(p)
    return kept


_cache: dict[tuple, Directory] = {}


def _fingerprint(root: Path, files: list[Path], today: dt.date) -> tuple:
    stats = [(str(p), p.stat()) for p in files]
    return (str(root.resolve()), today, tuple((name, st.st_mtime_ns, st.st_size) for name, st in stats),
            tuple(p.stat().st_mtime_ns for p in schemas.SCHEMA_DIR.glob("*.json")))


def load_directory(root: Path, today: dt.date | None = None) -> Directory:
    """Every entry under `root`, validated; problems collected, never raised."""
    today = today or dt.date.today()
    files = _yaml_files(root)
    key = _fingerprint(root, files, today)
    if key in _cache:
        return _cache[key]
    result = _load(root, files, today)
    _cache.clear()  # keep only the latest state
    _cache[key] = result
    return result


@dataclass
class _Checked:
    """One entry file after its own checks (what a worker process sends back)."""
    path: str
    kind: str
    data: Any
    problems: list[Problem]
    id_position: tuple[int, int]


_shared: dict[str, Any] = {}  # taxonomy and date for worker processes (inherited when forked)
PARALLEL_FROM = 400  # below this, starting processes costs more than it saves


def _check_entry_file(job: tuple[Path, Path]) -> _Checked:
    """Load, schema-check and rule-check one entry file: independent of every other file."""
    path, root = job
    rel = PurePosixPath(path.relative_to(root).as_posix())
    kind = kind_of(rel) or "organization"
    loaded = load_file(path, _display(path, root))
    if rel.suffix != ".yml":
        loaded.problems.append(Problem(loaded.path, 1, 1, "", f"file name '{rel.name}' must end in .yml",
                                       f"rename it to {rel.stem}.yml"))
    if loaded.data is not None:
        _validate_schema(loaded, kind)
    if isinstance(loaded.data, dict):
        checker = rules.Checker(loaded, rel, _shared["today"])
        rules.check_entry(checker, kind, _shared["taxonomy"])
        loaded.problems.extend(checker.problems)
    return _Checked(loaded.path, kind, loaded.data, loaded.problems, loaded.where(("id",)))


def _check_entries(jobs: list[tuple[Path, Path]]) -> Iterator[_Checked]:
    """Results in file order; with many files, from worker processes while the caller works on them."""
    # Forking is only safe with no other threads running (`mkdocs serve` has some): then stay serial.
    if (len(jobs) < PARALLEL_FROM or (os.cpu_count() or 1) < 2 or threading.active_count() > 1
            or multiprocessing.get_start_method() != "fork"):
        yield from map(_check_entry_file, jobs)
        return
    workers = min(os.cpu_count() or 2, 8)
    with concurrent.futures.ProcessPoolExecutor(workers) as pool:
        yield from pool.map(_check_entry_file, jobs, chunksize=max(50, len(jobs) // (workers * 8)))


def _load(root: Path, files: list[Path], today: dt.date) -> Directory:
    out = Directory(root=root, files=len(files))
    jobs: list[tuple[Path, Path]] = []
    for path in files:
        rel = PurePosixPath(path.relative_to(root).as_posix())
        kind = kind_of(rel)
        if kind is None:
            out.problems.append(Problem(_display(path, root), 1, 1, "", "this file is not in a place the directory knows",
                                        "put organizations in organizations/<country>/, resources in resources/"))
        elif kind == "taxonomy":
            loaded = load_file(path, _display(path, root))
            if loaded.data is not None:
                _validate_schema(loaded, kind)
                if not loaded.problems:
                    checker = rules.Checker(loaded, rel, today)
                    rules.check_taxonomy(checker)
                    loaded.problems.extend(checker.problems)
            if not loaded.problems:
                out.taxonomy = model.taxonomy_from(loaded.data)
            out.problems.extend(loaded.problems)
        else:
            jobs.append((path, root))
    if out.taxonomy is None and not any(kind_of(PurePosixPath(p.relative_to(root).as_posix())) == "taxonomy"
                                        for p in files):
        out.problems.append(Problem(f"{root.name}/taxonomy.yml", 1, 1, "", "taxonomy.yml is missing",
                                    "restore directory/taxonomy.yml"))

    _shared.update(taxonomy=out.taxonomy, today=today)
    seen_ids: dict[str, str] = {}
    for checked in _check_entries(jobs):
        entry_id = checked.data.get("id") if isinstance(checked.data, dict) else None
        if isinstance(entry_id, str):
            if entry_id in seen_ids:
                line, col = checked.id_position
                checked.problems.append(Problem(checked.path, line, col, "id",
                                                f"id '{entry_id}' is already used by {seen_ids[entry_id]}",
                                                "every entry needs its own id: choose another slug"))
            else:
                seen_ids[entry_id] = checked.path
        problems = _one_per_field(checked.problems)
        out.problems.extend(problems)
        if not problems:
            if checked.kind == "organization":
                out.organizations.append(model.organization_from(checked.data, checked.path))
            else:
                out.resources.append(model.resource_from(checked.data, checked.path))
    out.problems.sort()
    out.organizations.sort(key=lambda o: (o.name.casefold(), o.id))
    out.resources.sort(key=lambda r: (r.title.casefold(), r.id))
    return out
