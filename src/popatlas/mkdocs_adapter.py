"""The one place that knows MkDocs (or ProperDocs, which runs the same hooks).

It calls the two stages around the site generator and hands the theme its strings:
- on every (re)build, `generate` writes the source tree MkDocs reads (docs_dir) from
  docs/ and directory/; unchanged inputs cost nothing, so the per-language builds of
  mkdocs-static-i18n and `mkdocs serve` rebuilds re-render only what changed;
- a `mkdocs serve` rebuild leaves out the directory pages that did not change;
- after the last language is built, `harden` goes over the built files.
Nothing here reads or edits a page.
"""
from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.plugins import event_priority

from . import DEFAULT_LANGUAGE, LANGUAGES, RTL_LANGUAGES, i18n, urls
from .generate import Settings, SettingsError, generate, settings_from_config
from .harden import SiteRules, harden_site

log = logging.getLogger("mkdocs.plugins.popatlas")
SERVE_RELOAD = "assets/javascripts/serve-reload.js"
# Builds under way: mkdocs-static-i18n runs one build per language inside the first one's
# post-build event, so the outermost build ends last, when every language is on disk.
_run: dict[str, Any] = {"serving": False, "depth": 0, "hardened": {}, "search": {}}


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def settings(config: MkDocsConfig) -> Settings:
    """The generate stage's settings, from mkdocs.yml (`extra.popatlas_*`, relative to it)."""
    try:
        return settings_from_config(Path(config.config_file_path), config.extra, bool(config.use_directory_urls))
    except SettingsError as error:
        raise PluginError(str(error)) from None


def current_language(config: MkDocsConfig) -> str:
    return str(config.theme.get("language") or DEFAULT_LANGUAGE)  # set per build by mkdocs-static-i18n


def on_startup(command: str, dirty: bool) -> None:
    _run["serving"] = command == "serve"
    _run["dirty"] = dirty  # only a dirty rebuild keeps the last build's pages on disk


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if _run["depth"]:
        return config  # a language built inside the outer build, which has already generated the source
    if _run["serving"] and SERVE_RELOAD not in [str(s) for s in config.extra_javascript]:
        # MkDocs' reload script is inline, which the CSP refuses: the preview gets ours, from a file.
        config.extra_javascript.append(SERVE_RELOAD)
    # Whether the build before this one got to the end: if it did not, pages that generate wrote
    # for it may never have been rendered, so this one must not skip any.
    completed, _run["completed"] = _run.get("completed", False), False
    result = generate(settings(config), Path(config.docs_dir).parent)
    for problem in result.problems:
        (log.error if problem.severity == "error" else log.info)(problem.text())
    if result.errors:
        raise PluginError(f"{len(result.errors)} error(s) in the directory or the pages' front matter: fix them "
                          "and build again (`popatlas generate` shows them alone)")
    if result.written:
        log.info(f"popatlas generate: {len(result.written)} file(s) changed, {result.reused} unchanged")
    # A `mkdocs serve --dirty` rebuild over the last build's output leaves out the directory pages
    # that did not change: MkDocs would only look at them to find they need no work.
    rebuilding = (_run["serving"] and _run.get("dirty", False) and completed
                  and str(Path(config.site_dir)) in _run["hardened"])
    _run["skip"] = result.unchanged_directory_pages() if rebuilding else set()
    return config


class _TemplateCode(jinja2.BytecodeCache):
    """Compiled theme templates, kept in memory for the whole run: MkDocs makes a new template
    environment for every language build and every `mkdocs serve` rebuild, and compiling the
    theme again each time costs about a second. Jinja checks each template's source before it
    reuses its code, so an edited override is compiled afresh."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


_template_code = _TemplateCode()


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    env.bytecode_cache = _template_code
    return env


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for file in [f for f in files if f.src_uri in _run.get("skip", ())]:
        files.remove(file)
    return files


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    # MkDocs watches docs_dir, which is generate's output here: watching it would rebuild a second
    # time after every generate and re-scan thousands of generated files twice a second. The real
    # sources (docs/, directory/…) are in mkdocs.yml's `watch`.
    server.unwatch(config.docs_dir)
    return server


def on_pre_build(config: MkDocsConfig) -> None:
    _run["depth"] += 1


def on_build_error(error: Exception) -> None:
    _run["depth"] = 0


@event_priority(-150)  # after mkdocs-static-i18n's (-100), which builds the other languages inside it
def on_post_build(config: MkDocsConfig) -> None:
    _run["depth"] = max(0, _run["depth"] - 1)
    if _run["depth"]:
        return  # a language built inside the outer build; the outer one finishes the job
    rules = SiteRules.load(Path(config.docs_dir).parent / "pages.json", [Path(d) for d in config.theme.dirs])
    # A `mkdocs serve --dirty` rebuild rewrites only changed pages: harden only what it wrote since
    # the last time this site folder was hardened (a clean build empties the folder first).
    site = Path(config.site_dir)
    since = _run["hardened"].get(str(site)) if _run["serving"] else None
    report = harden_site(site, rules, since=since, previous_search=_run["search"].get(str(site)) if since else None)
    # Everything on disk is hardened now; file times can lag the clock by a little.
    _run["hardened"][str(site)] = time.time() - 1
    if _run["serving"]:
        _run["search"][str(site)] = report.search
        _forget_search_index(config)
    for error in report.errors:
        log.error(error)
    if report.errors:
        raise PluginError(f"{len(report.errors)} page problem(s) found while hardening the site")
    _run["completed"] = True
    log.info(f"popatlas harden: {report.hardened} page(s); search documents per language: {report.search_documents}")


def _forget_search_index(config: MkDocsConfig) -> None:
    """Under `mkdocs serve --dirty`, Material's search plugin keeps the last index and adds each
    rebuild's pages to it; with one build per language, every rebuild would add the whole index
    again (and get slower each time). The harden stage keeps each language's documents itself
    and merges a rebuild's pages into them, so the plugin's copy is let go."""
    for name in ("search", "material/search"):
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(plugin, "search_index_prev"):
            plugin.search_index_prev = None


def on_page_context(context: dict[str, Any], page: Any, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    return _ui_context(context, config)


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    return _ui_context(context, config)  # static templates such as 404.html


def _ui_context(context: dict[str, Any], config: MkDocsConfig) -> dict[str, Any]:
    """UI strings for the theme overrides, in the page's language (our own text only)."""
    lang = current_language(config)
    strings = dict(i18n.ui(lang))
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    strings["get_help_url"] = prefix + urls.dest("get-help.md", bool(config.use_directory_urls))
    strings["safety_url"] = prefix + urls.dest("safety.md", bool(config.use_directory_urls))
    context["pa_ui"] = strings
    # The not-found page is one file for every language: it says so in each of them.
    context["pa_not_found"] = [
        dict(lang=l, dir="rtl" if l in RTL_LANGUAGES else "ltr", home="" if l == DEFAULT_LANGUAGE else f"{l}/",
             **{k: i18n.ui(l)[k] for k in ("not_found_title", "not_found_text", "not_found_home")})
        for l in LANGUAGES]
    return context


__all__: list[str] = ["on_startup", "on_config", "on_env", "on_files", "on_serve", "on_pre_build", "on_build_error", "on_post_build",
                      "on_page_context", "on_template_context"]
