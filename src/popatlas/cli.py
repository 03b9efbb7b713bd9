"""The `popatlas` command."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Sequence

from . import __version__, stages
from .directory import load_directory, real_path
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
        if not os.path.lexists(target):
            print(f"{target}: error: no such file or folder", file=sys.stderr)
            return 2
        root = _root_for(real_path(target.absolute()))
        if root is None:
            print(f"{target}: error: not inside a directory folder (no taxonomy.yml found above it)", file=sys.stderr)
            return 2
        directory = load_directory(root)
        selected = directory.problems_for(target)
        if target.is_dir():
            files += directory.files if target.resolve() == root else len(
                [p for p in directory.real_paths.values() if p.is_relative_to(real_path(target.absolute()))])
        else:
            files += 1
        problems.extend(p for p in selected if p not in problems)
    if problems or args.format == "json":
        print(format_problems(problems, args.format))
    if args.format != "json":
        print(summary(problems, files), file=sys.stderr if args.format == "github" else sys.stdout)
    return 1 if any(p.severity == "error" for p in problems) else 0


def cmd_report_translations(args: argparse.Namespace) -> int:
    import json

    from .translations import report
    directory = load_directory(Path(args.directory))
    reports = report(Path(args.docs), directory)
    if args.format == "json":
        print(json.dumps([r.__dict__ for r in reports], indent=2))
    else:
        for r in reports:
            print(f"{r.lang}: {r.pages} pages, {len(r.missing)} missing, {len(r.outdated)} outdated; "
                  f"{r.entries} directory descriptions, {len(r.entries_missing)} missing, "
                  f"{len(r.entries_outdated)} outdated")
            for label, items in (("missing", r.missing), ("outdated", r.outdated),
                                 ("description missing", r.entries_missing),
                                 ("description outdated", r.entries_outdated)):
                for item in items:
                    print(f"  {label}: {item}")
    return 1 if args.check and not all(r.clean for r in reports) else 0


def cmd_report_stale(args: argparse.Namespace) -> int:
    import datetime as dt

    from .freshness import stale
    directory = load_directory(Path(args.directory))
    today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    found = stale(directory.entries, today, args.months)
    for item in found:
        print(f"{item.entry.path}: {item.reason} (added {item.entry.added})")
    print(f"{len(found)} of {len(directory.entries)} entries not verified within {args.months} months")
    return 1 if args.check and found else 0


def cmd_stamp(args: argparse.Namespace) -> int:
    from .translations import StampRefused, stamp_entry, stamp_page
    for name in args.paths:
        if name.endswith(".yml"):
            if not args.lang:
                print(f"{name}: a directory entry needs --lang (es, fr or ar)", file=sys.stderr)
                return 2
            for lang in args.lang:
                try:
                    print(f"{name}: translations.{lang} {stamp_entry(Path(name), lang)}")
                except StampRefused as exc:
                    print(format_problems(exc.problems))
                    print(f"{name}: not stamped: fix the problems above first", file=sys.stderr)
                    return 1
                except (ValueError, OSError) as exc:
                    print(f"error: {exc}", file=sys.stderr)
                    return 1
        else:
            try:
                print(f"{name}: source_hash {stamp_page(Path(args.docs), Path(name))}")
            except (ValueError, OSError) as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 1
    return 0


def cmd_lint_language(args: argparse.Namespace) -> int:
    from .language import lint
    problems, count = lint(Path(p) for p in (args.paths or ["docs", "directory"]))
    if problems or args.format == "json":
        print(format_problems(problems, args.format))
    if args.format != "json":
        print(summary(problems, count), file=sys.stderr if args.format == "github" else sys.stdout)
    failing = [p for p in problems if p.severity == "error" or args.strict]
    return 1 if failing else 0


def cmd_new(args: argparse.Namespace) -> int:
    from . import new
    fields = {k: v for k, v in vars(args).items() if k in (
        "id", "name", "title", "country", "city", "publisher", "kind", "description", "source_title", "source_url")
        and v}
    if args.service:
        fields["services"] = args.service
    try:
        path = new.create(Path(args.directory), args.what, fields,
                          interactive=not args.no_input and new.is_interactive())
    except (ValueError, FileExistsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"created {path}")
    print("Fill in every TODO, then check it with: popatlas validate " + str(path))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    import json

    from . import bench
    reports = [bench.run(n, seed=args.seed, lighthouse_runs=args.lighthouse_runs) for n in args.entries]
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
    lg = sub.add_parser("lint-language", help="find stigmatising words in pages and directory text")
    lg.add_argument("paths", nargs="*", help="files or folders (default: docs and directory)")
    lg.add_argument("--format", choices=("text", "github", "json"), default="text")
    lg.add_argument("--strict", action="store_true", help="fail on warnings too")
    lg.set_defaults(func=cmd_lint_language)
    n = sub.add_parser("new", help="create a commented entry file at the right place")
    n.add_argument("what", choices=("organization", "resource"))
    n.add_argument("--name", help="organization name")
    n.add_argument("--title", help="resource title")
    n.add_argument("--country", help="organization: two-letter country code, e.g. KE")
    n.add_argument("--city", help="organization: city (never a street address)")
    n.add_argument("--service", action="append", help="organization: a service id (repeat for more)")
    n.add_argument("--publisher", help="resource: publisher")
    n.add_argument("--kind", help="resource: kind id, e.g. guide")
    n.add_argument("--description", help="one or two sentences")
    n.add_argument("--source-title", help="where the facts come from")
    n.add_argument("--source-url", help="the source's https address")
    n.add_argument("--id", help="slug (default: made from the name)")
    n.add_argument("--directory", default="directory")
    n.add_argument("--no-input", action="store_true", help="never ask questions, even in a terminal")
    n.set_defaults(func=cmd_new)
    r = sub.add_parser("report", help="reports about the content")
    rsub = r.add_subparsers(dest="report", required=True)
    rt = rsub.add_parser("translations", help="pages and descriptions missing or out of date, per language")
    rt.add_argument("--docs", default="docs")
    rt.add_argument("--directory", default="directory")
    rt.add_argument("--format", choices=("text", "json"), default="text")
    rt.add_argument("--check", action="store_true", help="exit 1 if anything is missing or out of date")
    rt.set_defaults(func=cmd_report_translations)
    rs = rsub.add_parser("stale", help="entries not verified within N months, and never-verified ones")
    rs.add_argument("--months", type=int, default=12)
    rs.add_argument("--directory", default="directory")
    rs.add_argument("--today", help="as if today were YYYY-MM-DD")
    rs.add_argument("--check", action="store_true", help="exit 1 if any entry is stale")
    rs.set_defaults(func=cmd_report_stale)
    st = sub.add_parser("stamp", help="mark translated pages as matching their current English source")
    st.add_argument("paths", nargs="+", help="translated pages (docs/es/safety.md) or directory entries (with --lang)")
    st.add_argument("--lang", action="append", choices=("es", "fr", "ar"), help="for entries: the translation to stamp")
    st.add_argument("--docs", default="docs")
    st.set_defaults(func=cmd_stamp)
    stages.add_commands(sub)
    b = sub.add_parser("bench", help="measure validation and build time with N fictional entries")
    b.add_argument("--entries", type=int, nargs="+", default=[1000], help="entry counts to measure (default 1000)")
    b.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    b.add_argument("--report", default="bench-report.json", help="where to write the JSON report")
    b.add_argument("--lighthouse-runs", type=int, default=3,
                   help="Lighthouse runs per page, of which the median is reported (0: none; default 3)")
    b.set_defaults(func=cmd_bench)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
