"""The one place that knows MkDocs. Hooks call these functions.

Per language build (mkdocs-static-i18n builds once per language), we:
- validate the directory (cached on file times) and stop the build on errors;
- add the generated directory pages for the current language only, after the
  i18n plugin has arranged the files (it drops virtual files added before it);
- expand markers in hand-written pages and add glossary tooltips;
- write the open-data files once.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import DEFAULT_LANGUAGE, LANGUAGES, RTL_LANGUAGES, bidi, exports, glossary_marks, i18n, safety, search, thememarkup, translations, urls
from .content import Content
from .directory import Directory, load_directory
from .markers import expand
from .render import Page, Site, entry_path, front_matter, render_notice

log = logging.getLogger("mkdocs.plugins.popatlas")
_ALTERNATE_LINK = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\s*')
_GENERATED = "popatlas"


def _project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def current_language(config: MkDocsConfig) -> str:
    plugin = config.plugins.get("i18n")
    return getattr(plugin, "current_language", None) or DEFAULT_LANGUAGE


def _directory(config: MkDocsConfig) -> Directory:
    root = Path(config.extra.get("popatlas_directory") or _project_root(config) / "directory")
    directory = load_directory(root)
    if directory.errors:
        for problem in directory.problems:
            log.error(problem.text())
        raise PluginError(f"the directory has {len(directory.errors)} error(s): fix them and build again "
                          "(run `popatlas validate directory` to see them alone)")
    return directory


# The current language build: its Site (directory validated once per build, not per page)
# and the HTML of generated pages, which skips Markdown (see on_page_content).
_build: dict[str, Any] = {"site": None, "html": {}, "scripts": frozenset()}


def _site(config: MkDocsConfig) -> Site:
    site = _build["site"]
    if site is None or site.lang != current_language(config):
        site = _build["site"] = Site(
            _directory(config), Content(Path(config.docs_dir)), current_language(config),
            bool(config.use_directory_urls), repository_url=str(config.extra.get("repository_url", "")),
            stale_months=int(config.extra.get("stale_months", 12)))
    return site


def on_startup(command: str, dirty: bool) -> None:
    _build["serving"] = command == "serve"


SERVE_RELOAD = "assets/javascripts/serve-reload.js"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if _build.get("serving") and SERVE_RELOAD not in [str(s) for s in config.extra_javascript]:
        # MkDocs' reload script is inline, which the CSP refuses: the preview gets ours, from a file.
        config.extra_javascript.append(SERVE_RELOAD)
    _build["site"] = None  # each build (and each `mkdocs serve` rebuild) sees the files as they are now
    _build["html"] = {}
    _build["scripts"] = safety.theme_inline_scripts(config.theme.dirs)
    site = _site(config)  # validates: fail early, before any page is rendered
    # Glossary tooltips: the abbr extension's glossary, set anew for each language build
    # (appending definitions to every page's Markdown costs ~0.15 s a page).
    config.mdx_configs.setdefault("abbr", {})["glossary"] = _glossary_abbreviations(site)
    return config


def _add(files: Files, config: MkDocsConfig, lang: str, rel: str, content: str | Page) -> File:
    """A generated file (a page, or a plain file) for one language, placed where i18n would have put it."""
    if isinstance(content, Page):
        # Only the front matter goes through Markdown; the HTML (already escaped by
        # Jinja) is put in place by on_page_content. Parsing it as Markdown was slow.
        _build["html"][f"{lang}/{rel}"] = str(content.html)
        content = front_matter(content.title)
    f = File.generated(config, f"{lang}/{rel}", content=content)
    dest = urls.dest(rel, config.use_directory_urls) if rel.endswith(".md") else rel
    if dest.endswith("/") or dest == "":
        dest += "index.html"
    f.dest_uri = dest if lang == DEFAULT_LANGUAGE else f"{lang}/{dest}"
    # What mkdocs-static-i18n's language switcher reads.
    f.locale = lang
    f.locale_alternate_of = lang
    f.alternates = {}
    files.append(f)
    return f


def _link_alternates(generated: list[File], config: MkDocsConfig) -> None:
    plugin = config.plugins.get("i18n")
    built = [l for l in LANGUAGES if plugin is None or l in getattr(plugin, "build_languages", LANGUAGES)]
    for f in generated:
        rel = f.src_uri.split("/", 1)[1]
        for lang in built:
            target = urls.dest(rel, config.use_directory_urls)
            alt = File(f"{lang}/{rel}", None, config.site_dir, config.use_directory_urls,
                       dest_uri=(target if lang == DEFAULT_LANGUAGE else f"{lang}/{target}")
                       + ("index.html" if target.endswith("/") or target == "" else ""))
            f.alternates[lang] = alt


@event_priority(-200)  # after mkdocs-static-i18n (-100), which drops earlier virtual files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = _site(config)
    lang, d = site.lang, site.directory
    pages: list[File] = []
    for page in site.directory_pages():
        pages.append(_add(files, config, lang, page.path, page))
    _add(files, config, lang, "directory/filter-data.js", site.filter_data_js())
    _link_alternates(pages, config)
    return files


def _glossary_abbreviations(site: Site) -> dict[str, str]:
    """Every glossary term (and alias, capitalised or not) -> its plain definition."""
    glossary: dict[str, str] = {}
    for term in site.content.glossary(site.lang):
        definition = " ".join(str(term["definition"]).split())
        for word in (term["term"], *term.get("aliases", [])):
            for variant in (word, word[:1].lower() + word[1:]):
                glossary.setdefault(variant, definition)
    return glossary


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    generated = _build["html"].pop(page.file.src_uri, None)
    if generated is not None:
        html = generated  # made from templates with every contributed value escaped or sanitised
    else:
        for problem in safety.content_problems(html):
            log.error(f"{page.file.src_uri}: {problem}; write it in Markdown, or ask a maintainer to add it to a template")
        html = glossary_marks.once_per_section(html)
    if "<h1" not in html and page.title:
        # The page's heading, escaped, written here rather than by the theme (which neither escapes
        # it nor lets the isolation below reach it).
        html = str(Markup("<h1>{}</h1>\n").format(page.title)) + html
    if current_language(config) in RTL_LANGUAGES:
        html = bidi.isolate_ltr(html)  # Latin runs and numbers inside Arabic text keep their order
    return html


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if getattr(page.file, "generated_by", None):
        return markdown  # generated directory pages are complete HTML already
    for key, value in _strings(page.meta):
        if "<" in value or ">" in value:
            # The theme prints front matter such as the title without escaping it.
            log.error(f"{page.file.src_uri}: front matter '{key}' contains < or >: write plain text")
    site = _site(config)
    rel = page.file.src_uri.split("/", 1)[1] if page.file.src_uri.split("/", 1)[0] in LANGUAGES else page.file.src_uri
    try:
        markdown = expand(markdown, site, rel, page.meta)
    except KeyError as exc:
        raise PluginError(str(exc.args[0])) from None
    return _translation_notice(site, page, rel, config) + markdown


def _strings(value: Any, key: str = "") -> list[tuple[str, str]]:
    """Every text in a page's front matter, with where it sits (actions[2].text)."""
    if isinstance(value, dict):
        return [item for k, v in value.items() for item in _strings(v, f"{key}.{k}" if key else str(k))]
    if isinstance(value, list):
        return [item for i, v in enumerate(value) for item in _strings(v, f"{key}[{i}]")]
    return [(key, value)] if isinstance(value, str) else []


def _translation_notice(site: Site, page: Page, rel: str, config: MkDocsConfig) -> str:
    return translations.notice(Path(config.docs_dir), site.lang, rel, bool(config.use_directory_urls), site.t)


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    return _ui_context(context, config)


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    return _ui_context(context, config)  # static templates such as 404.html


def _ui_context(context: dict[str, Any], config: MkDocsConfig) -> dict[str, Any]:
    """UI strings for the theme overrides, in the page's language (templates do not escape: our text only)."""
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


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _harden(output, page.file.src_uri, config)


_not_found_page: dict[str, str] = {}


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    output = _harden(output, template_name, config)
    if template_name == "404.html" and current_language(config) == DEFAULT_LANGUAGE:
        _not_found_page["html"] = output  # every language build overwrites 404.html; English wins at the end
    return output


def _harden(output: str, source: str, config: MkDocsConfig) -> str:
    """Harden every page; a --strict build fails on anything fetched from another host."""
    for url in safety.external_assets(output):
        log.warning(f"{source}: loads '{url}' from another host; serve it from this site instead")
    # Material fetches sitemap.xml beside every <link rel="alternate">; with per-page
    # alternates (i18n) those requests all fail. The visible language switcher stays.
    output = _ALTERNATE_LINK.sub("", output)
    output = search.language_base(output, current_language(config), DEFAULT_LANGUAGE)
    # Checklist boxes in guides are print-only marks, not form fields: keep them out of the
    # accessibility tree (the item's text carries the meaning).
    output = output.replace('<input type="checkbox" disabled', '<input type="checkbox" aria-hidden="true" tabindex="-1" disabled')
    output, missing = thememarkup.repair(output, str(i18n.ui(current_language(config))["search_dialog"]))
    for markup in missing:
        log.error(f"{source}: the theme no longer writes {markup!r}: update popatlas/thememarkup.py")
    output, refused = safety.with_csp(safety.external_links_noreferrer(output), _build["scripts"])
    for body in refused:
        log.error(f"{source}: an inline script that is not one of the theme's own ('{body.strip()[:60]}'); "
                  "it would be blocked: move it into a file under overrides/assets/javascripts/")
    return output


@event_priority(-150)  # after i18n (-100) has built every language and merged the search index
def on_post_build(config: MkDocsConfig) -> None:
    """Once, at the very end: open-data files and one search index per language."""
    plugin = config.plugins.get("i18n")
    if plugin is not None and getattr(plugin, "building", False):
        return  # a nested per-language build; the outer build finishes the job
    site_dir = Path(config.site_dir)
    if "html" in _not_found_page:
        (site_dir / "404.html").write_text(_not_found_page["html"], encoding="utf-8")
    for rel, text in exports.all_files(_directory(config)).items():
        target = site_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    counts = search.split_index(site_dir, list(getattr(plugin, "build_languages", None) or LANGUAGES),
                                DEFAULT_LANGUAGE, bool(offline and offline.config.enabled))
    log.info(f"search index documents per language: {counts}")


__all__: list[Any] = ["on_startup", "on_config", "on_files", "on_page_markdown", "on_page_content", "on_page_context", "on_template_context", "on_post_page", "on_post_template", "on_post_build"]
