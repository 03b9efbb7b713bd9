"""Load and validate the whole directory: YAML -> schema -> rules -> typed entries.

Results are cached on the files' modification times, because MkDocs (with the
i18n plugin) asks for the directory once per language and `mkdocs serve` must
still see edits.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

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
    return (str(root.resolve()), today, tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files),
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


def _load(root: Path, files: list[Path], today: dt.date) -> Directory:
    out = Directory(root=root, files=len(files))
    loaded_files: list[tuple[Loaded, PurePosixPath, str]] = []
    for path in files:
        rel = PurePosixPath(path.relative_to(root).as_posix())
        loaded = load_file(path, _display(path, root))
        kind = kind_of(rel)
        if kind is None:
            out.problems.append(Problem(loaded.path, 1, 1, "", "this file is not in a place the directory knows",
                                        "put organizations in organizations/<country>/, resources in resources/"))
            continue
        if rel.suffix != ".yml":
            out.problems.append(Problem(loaded.path, 1, 1, "", f"file name '{rel.name}' must end in .yml",
                                        f"rename it to {rel.stem}.yml"))
        if loaded.data is not None:
            _validate_schema(loaded, kind)
        loaded_files.append((loaded, rel, kind))

    taxonomy_files = [(l, r) for l, r, k in loaded_files if k == "taxonomy"]
    if not taxonomy_files:
        out.problems.append(Problem(f"{root.name}/taxonomy.yml", 1, 1, "", "taxonomy.yml is missing",
                                    "restore directory/taxonomy.yml"))
    for loaded, rel in taxonomy_files:
        if loaded.data is not None:
            checker = rules.Checker(loaded, rel, today)
            rules.check_taxonomy(checker)
            loaded.problems.extend(checker.problems)
        if not loaded.problems:
            out.taxonomy = model.taxonomy_from(loaded.data)

    seen_ids: dict[str, str] = {}
    for loaded, rel, kind in loaded_files:
        if kind == "taxonomy":
            out.problems.extend(loaded.problems)
            continue
        if loaded.data is not None and isinstance(loaded.data, dict):
            checker = rules.Checker(loaded, rel, today)
            rules.check_entry(checker, kind, out.taxonomy)
            loaded.problems.extend(checker.problems)
            entry_id = loaded.data.get("id")
            if isinstance(entry_id, str):
                if entry_id in seen_ids:
                    line, col = loaded.where(("id",))
                    loaded.problems.append(Problem(loaded.path, line, col, "id",
                                                   f"id '{entry_id}' is already used by {seen_ids[entry_id]}",
                                                   "every entry needs its own id: choose another slug"))
                else:
                    seen_ids[entry_id] = loaded.path
        loaded.problems[:] = _one_per_field(loaded.problems)
        out.problems.extend(loaded.problems)
        if not loaded.problems:
            if kind == "organization":
                out.organizations.append(model.organization_from(loaded.data, loaded.path))
            else:
                out.resources.append(model.resource_from(loaded.data, loaded.path))
    out.problems.sort()
    out.organizations.sort(key=lambda o: (o.name.casefold(), o.id))
    out.resources.sort(key=lambda r: (r.title.casefold(), r.id))
    return out
