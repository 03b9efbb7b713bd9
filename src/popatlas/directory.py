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

from . import model, rules, schemas, suspicious
from .problems import Problem
from .yamlload import Loaded, field_path, load_file


@dataclass
class Directory:
    root: Path
    organizations: list[model.Organization] = field(default_factory=list)
    resources: list[model.Resource] = field(default_factory=list)
    taxonomy: model.Taxonomy | None = None
    emergency_notes: tuple[model.EmergencyNote, ...] = ()
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    # Display path of each file read or refused -> its real path, so a caller can pick a
    # file's problems whatever folder it runs from.
    real_paths: dict[str, Path] = field(default_factory=dict)

    def add_file(self, path: Path, display: str) -> None:
        self.real_paths[display] = real_path(path)

    def problems_for(self, target: Path) -> list[Problem]:
        """Problems of one file, or of every file under a folder: matched by real path, not display path."""
        wanted = real_path(target.absolute())
        whole = wanted == real_path(self.root.absolute())

        def belongs(problem: Problem) -> bool:
            where = self.real_paths.get(problem.path)
            if where is None:
                return whole  # about the directory as a whole, such as a missing taxonomy.yml
            return where == wanted or (wanted.is_dir() and where.is_relative_to(wanted))
        return [p for p in self.problems if belongs(p)]

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
    if rel.parts == ("emergency-numbers.yml",):
        return "emergency"
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


def real_path(path: Path) -> Path:
    """The file's absolute path with its folders resolved but not the file itself (a link stays a link)."""
    return Path(os.path.realpath(path.parent)) / path.name


@dataclass
class _Walk:
    """What the directory folder holds: entry files to read, and what must not be read."""
    files: list[Path] = field(default_factory=list)
    refused: list[tuple[Path, str, str]] = field(default_factory=list)  # path, message, hint
    seen: list[Path] = field(default_factory=list)


def _walk(root: Path) -> _Walk:
    """Every file under `root`, without following links; anything that is not an entry is named."""
    out = _Walk()
    for folder, dirs, names in os.walk(root, followlinks=False):
        base = Path(folder)
        for name in sorted(dirs):
            path = base / name
            if path.is_symlink():
                out.refused.append((path, "this folder is a symbolic link; links are never followed",
                                    "replace the link with the real folder and files"))
            elif name.startswith("."):
                out.refused.append((path, f"hidden folder '{name}' is not read",
                                    "remove the leading dot, or delete the folder"))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (base / d).is_symlink())
        for name in sorted(names):
            path = base / name
            out.seen.append(path)
            suffix = Path(name).suffix
            if path.is_symlink():
                out.refused.append((path, "this file is a symbolic link; links are never followed",
                                    "replace the link with the file itself"))
            elif not path.is_file():
                out.refused.append((path, "this is not a regular file", "delete it"))
            elif name.startswith("."):
                out.refused.append((path, f"hidden file '{name}' is not read",
                                    "remove the leading dot from its name, or delete it"))
            elif suffix.lower() in (".yml", ".yaml"):
                out.files.append(path)  # a wrong-case or .yaml suffix is reported with the file's other problems
            else:
                out.refused.append((path, f"'{name}' is not a directory entry: only .yml files belong here",
                                    "move it out of the directory folder, or save the entry as .yml"))
    out.files.sort()
    return out


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
    stats = [(str(p), p.lstat()) for p in files]
    return (str(root.resolve()), today, tuple((name, st.st_mtime_ns, st.st_ctime_ns, st.st_size) for name, st in stats),
            schemas.schema_stamp())


def load_directory(root: Path, today: dt.date | None = None) -> Directory:
    """Every entry under `root`, validated; problems collected, never raised."""
    today = today or dt.date.today()
    walk = _walk(root)
    key = _fingerprint(root, walk.seen + [p for p, _, _ in walk.refused], today)
    if key in _cache:
        return _cache[key]
    schemas.refresh()  # a schema edited while `mkdocs serve` runs
    result = _load(root, walk, today)
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
        loaded.problems.extend(suspicious.check(loaded))  # warnings for a reviewer; they never fail the build
    return _Checked(loaded.path, kind, loaded.data, loaded.problems, loaded.where(("id",)))


# One file's checks depend only on its bytes, its place, the taxonomy, the schemas and the date:
# `mkdocs serve` re-checks only the files saved since the last run (the cross-file checks, such
# as duplicate ids, always run again over every file).
_checked_cache: dict[tuple, _Checked] = {}


def _file_key(job: tuple[Path, Path], context: tuple) -> tuple:
    path, root = job
    st = path.lstat()
    # ctime too: a file rewritten within one tick of a coarse clock, or given its old time back
    # (cp -p, touch -r), still gets a new ctime.
    return (str(path), str(root), str(Path.cwd()), st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino, context)


def _check_entries(jobs: list[tuple[Path, Path]], context: tuple) -> Iterator[_Checked]:
    """Results in file order; with many files, from worker processes while the caller works on them."""
    keys = [_file_key(job, context) for job in jobs]
    todo = [job for job, key in zip(jobs, keys) if key not in _checked_cache]
    # Forking is only safe with no other threads running (`mkdocs serve` has some): then stay serial.
    if (len(todo) < PARALLEL_FROM or (os.cpu_count() or 1) < 2 or threading.active_count() > 1
            or multiprocessing.get_start_method() != "fork"):
        fresh: Iterator[_Checked] = map(_check_entry_file, todo)
        pool = None
    else:
        workers = min(os.cpu_count() or 2, 8)
        pool = concurrent.futures.ProcessPoolExecutor(workers)
        fresh = pool.map(_check_entry_file, todo, chunksize=max(50, len(todo) // (workers * 8)))
    try:
        cache = {}
        for key in keys:
            checked = _checked_cache.get(key) or next(fresh)
            cache[key] = checked
            yield checked
    finally:
        if pool is not None:
            pool.shutdown()
    _checked_cache.clear()  # keep only the latest state of each file
    _checked_cache.update(cache)


def _load(root: Path, walk: _Walk, today: dt.date) -> Directory:
    files = walk.files
    out = Directory(root=root, files=len(files) + len(walk.refused))
    for path, message, hint in walk.refused:
        out.add_file(path, _display(path, root))
        out.problems.append(Problem(_display(path, root), 1, 1, "", message, hint))
    jobs: list[tuple[Path, Path]] = []
    for path in files:
        out.add_file(path, _display(path, root))
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
        elif kind == "emergency":
            loaded = load_file(path, _display(path, root))
            if loaded.data is not None:
                _validate_schema(loaded, kind)
                if isinstance(loaded.data, dict):  # every mistake at once: the rules run beside the schema
                    checker = rules.Checker(loaded, rel, today)
                    rules.check_emergency_notes(checker)
                    loaded.problems.extend(checker.problems)
            loaded.problems = _one_per_field(loaded.problems)
            if not loaded.problems:
                out.emergency_notes = model.emergency_notes_from(loaded.data)
            out.problems.extend(loaded.problems)
        else:
            jobs.append((path, root))
    if out.taxonomy is None and not any(kind_of(PurePosixPath(p.relative_to(root).as_posix())) == "taxonomy"
                                        for p in files):
        out.problems.append(Problem(f"{root.name}/taxonomy.yml", 1, 1, "", "taxonomy.yml is missing",
                                    "restore directory/taxonomy.yml"))

    _shared.update(taxonomy=out.taxonomy, today=today)
    seen_ids: dict[str, str] = {}
    context = (today, schemas.schema_stamp(), repr(out.taxonomy))
    for checked in _check_entries(jobs, context):
        entry_id = checked.data.get("id") if isinstance(checked.data, dict) else None
        own = list(checked.problems)  # a copy: the checked file may be reused by the next run
        if isinstance(entry_id, str):
            if entry_id in seen_ids:
                line, col = checked.id_position
                own.append(Problem(checked.path, line, col, "id",
                                                f"id '{entry_id}' is already used by {seen_ids[entry_id]}",
                                                "every entry needs its own id: choose another slug"))
            else:
                seen_ids[entry_id] = checked.path
        problems = _one_per_field(own)
        out.problems.extend(problems)
        if not any(p.severity == "error" for p in problems):
            if checked.kind == "organization":
                out.organizations.append(model.organization_from(checked.data, checked.path))
            else:
                out.resources.append(model.resource_from(checked.data, checked.path))
    out.problems.sort()
    out.organizations.sort(key=lambda o: (o.name.casefold(), o.id))
    out.resources.sort(key=lambda r: (r.title.casefold(), r.id))
    return out
