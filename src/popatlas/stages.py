"""`popatlas generate` and `popatlas harden`: the two stages around the site generator,
run on their own (Make targets), with the settings mkdocs.yml gives the hooks."""
from __future__ import annotations

import argparse
import importlib.util
import os
from pathlib import Path
from typing import Any

import yaml

from .generate import Settings, SettingsError, generate, settings_from_config
from .harden import SiteRules, harden_site


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: `!ENV [NAME, default]` gives the variable or its default; other tags nothing."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    for name in values[:-1] if len(values) > 1 else values:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name])
    return values[-1] if len(values) > 1 else None


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(path: Path) -> dict[str, Any]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 (a safe loader)
    return data if isinstance(data, dict) else {}


def settings_from(config_file: Path) -> tuple[Settings, Path]:
    """(generate settings, output folder) as the hooks compute them for this config."""
    config = read_config(config_file)
    root = config_file.resolve().parent
    urls = config.get("use_directory_urls", True)
    settings = settings_from_config(config_file, config.get("extra") or {},
                                    urls if isinstance(urls, bool) else str(urls).lower() == "true")
    return settings, (root / str(config.get("docs_dir", "docs"))).parent


def cmd_generate(args: argparse.Namespace) -> int:
    try:
        settings, out = settings_from(Path(args.config))
    except SettingsError as error:
        print(error)
        return 2
    result = generate(settings, out)
    for problem in result.problems:
        print(problem.text())
    if result.errors:
        print(f"{len(result.errors)} error(s): nothing was written")
        return 1
    print(f"{out}: {len(result.written)} file(s) written, {len(result.rendered)} rendered, {result.reused} unchanged, "
          f"{len(result.removed)} removed")
    return 0


def theme_dirs(overrides: Path) -> list[Path]:
    """The theme's template folders, ours first (as MkDocs searches them)."""
    spec = importlib.util.find_spec("material")
    assert spec is not None and spec.submodule_search_locations, "mkdocs-material is not installed"
    return [overrides, Path(list(spec.submodule_search_locations)[0]) / "templates"]


def cmd_harden(args: argparse.Namespace) -> int:
    config_file = Path(args.config)
    try:
        _settings, out = settings_from(config_file)
    except SettingsError as error:
        print(error)
        return 2
    config = read_config(config_file)
    overrides = config_file.resolve().parent / str((config.get("theme") or {}).get("custom_dir", "overrides"))
    pages = Path(args.pages) if args.pages else out / "pages.json"
    report = harden_site(Path(args.site), SiteRules.load(pages, theme_dirs(overrides)))
    for error in report.errors:
        print(error)
    print(f"{args.site}: {report.hardened} page(s) hardened, {report.skipped} already; "
          f"search documents per language: {report.search_documents}")
    return 1 if report.errors else 0


def add_commands(sub: Any) -> None:
    g = sub.add_parser("generate", help="validate everything and write the source tree the site generator renders")
    g.add_argument("--config", default="mkdocs.yml", help="the site's config (its extra.popatlas_* and docs_dir)")
    g.set_defaults(func=cmd_generate)
    h = sub.add_parser("harden", help="CSP, link rel, theme repairs, per-language search indexes over a built site")
    h.add_argument("site", nargs="?", default="site", help="the built site (default: site)")
    h.add_argument("--config", default="mkdocs.yml")
    h.add_argument("--pages", help="generate's pages.json (default: beside the config's docs_dir)")
    h.set_defaults(func=cmd_harden)
