"""The `popatlas` command."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from . import __version__
from .directory import load_directory
from .problems import format_problems, summary


def _root_for(path: Path) -> Path | None:
    """The directory root (the folder holding taxonomy.yml) that contains `path`."""
    for candidate in [path, *path.parents] if path.is_dir() else list(path.parents):
        if (candidate / "taxonomy.yml").is_file():
            return candidate
    return None


def cmd_validate(args: argparse.Namespace) -> int:
    targets = [Path(p) for p in (args.paths or ["directory"])]
    problems = []
    files = 0
    for target in targets:
        if not target.exists():
            print(f"{target}: error: no such file or folder", file=sys.stderr)
            return 2
        root = _root_for(target.resolve())
        if root is None:
            print(f"{target}: error: not inside a directory folder (no taxonomy.yml found above it)", file=sys.stderr)
            return 2
        directory = load_directory(root)
        wanted = target.resolve()
        if wanted.is_dir():
            selected = [p for p in directory.problems if (Path.cwd() / p.path).resolve().is_relative_to(wanted)
                        or not (Path.cwd() / p.path).exists()]
            files += sum(1 for p in wanted.rglob("*") if p.suffix in (".yml", ".yaml"))
        else:
            selected = [p for p in directory.problems if (Path.cwd() / p.path).resolve() == wanted]
            files += 1
        problems.extend(p for p in selected if p not in problems)
    if problems or args.format == "json":
        print(format_problems(problems, args.format))
    if args.format != "json":
        print(summary(problems, files), file=sys.stderr if args.format == "github" else sys.stdout)
    return 1 if any(p.severity == "error" for p in problems) else 0


def cmd_bench(args: argparse.Namespace) -> int:
    import json

    from . import bench
    reports = [bench.run(n, seed=args.seed) for n in args.entries]
    for report in reports:
        print(bench.table(report), end="\n\n")
    Path(args.report).write_text(json.dumps(reports, indent=2) + "\n", encoding="utf-8")
    print(f"report written to {args.report}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="popatlas", description="PoP Atlas: validate, report and export the directory.")
    parser.add_argument("--version", action="version", version=f"popatlas {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check directory files; print file:line:col: problems")
    v.add_argument("paths", nargs="*", help="files or folders (default: directory)")
    v.add_argument("--format", choices=("text", "github", "json"), default="text",
                   help="text (default), github (Actions annotations) or json")
    v.set_defaults(func=cmd_validate)
    b = sub.add_parser("bench", help="measure validation and build time with N fictional entries")
    b.add_argument("--entries", type=int, nargs="+", default=[1000], help="entry counts to measure (default 1000)")
    b.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    b.add_argument("--report", default="bench-report.json", help="where to write the JSON report")
    b.set_defaults(func=cmd_bench)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
