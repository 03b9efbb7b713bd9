"""Stage 1 of the build: validate every input, then write the complete source tree the
site generator renders, one folder per language, plus the facts the harden stage needs.

    build/<name>/docs/<lang>/…   hand-written pages (markers expanded, translation notice,
                                 glossary definitions) and generated directory pages
    build/<name>/docs/en/open-data/…, <lang>/directory/filter-data.js
    build/<name>/pages.json      for `popatlas harden`: each built page's language and
                                 whether its content was written by hand
    build/<name>/state.json      what each written file was made from (for incremental runs)

No MkDocs import: any engine that renders a folder of Markdown per language can take it.
A run re-renders only the files whose inputs changed (an edited entry: its own pages and
the lists that include it) and rewrites only files whose text changed, so `mkdocs serve`
sees exactly what is new.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

import phonenumbers
from markupsafe import Markup

from . import DEFAULT_LANGUAGE, LANGUAGES, RTL_LANGUAGES, emergency, exports, frontmatter, i18n, translations, urls
from .content import FRONT_MATTER, Content, split_front_matter
from .directory import Directory, load_directory
from .markers import HANDLERS, MARKER, entries_shown, expand
from .problems import Problem
from .render import Site

PACKAGE = Path(__file__).resolve().parent
_MD_LINK = re.compile(r"[^/\s()\[\]<>\"'#]+\.md\b")  # the file names a page's Markdown links to
FORMAT = 1  # bump when the layout of the output changes


@dataclass(frozen=True)
class Settings:
    """What a build is made from and how its links are written."""
    docs_dir: Path
    directory_dir: Path
    directory_urls: bool = True
    repository_url: str = ""
    stale_months: int = 12
    today: dt.date = field(default_factory=dt.date.today)
    languages: tuple[str, ...] = LANGUAGES
    country_cards: tuple[str, ...] = ()  # regions with a help card; empty: every region


class SettingsError(ValueError):
    """A `popatlas_*` value in the site's config is wrong (the message names the file and line)."""


def settings_from_config(config_file: Path, extra: Mapping[str, Any], directory_urls: bool) -> Settings:
    """The settings from a config's `extra.popatlas_*` values (paths relative to the config file),
    as the MkDocs hooks and the `popatlas` commands both read them."""
    root = config_file.resolve().parent
    return Settings(docs_dir=root / str(extra.get("popatlas_docs", "docs")),
                    directory_dir=root / str(extra.get("popatlas_directory", "directory")),
                    directory_urls=directory_urls,
                    repository_url=str(extra.get("repository_url", "")),
                    stale_months=int(extra.get("stale_months", 12)),
                    country_cards=_country_cards(config_file, extra.get("popatlas_country_cards")))


def _country_cards(config_file: Path, value: Any) -> tuple[str, ...]:
    key = "popatlas_country_cards"
    if value is None:
        return ()
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    line = next((i for i, text in enumerate(lines, 1) if text.strip().startswith(f"{key}:")), 0)
    where = f"{config_file.name}:{line}: error: extra.{key}" if line else f"{config_file.name}: error: extra.{key}"
    if not isinstance(value, list) or not value:
        raise SettingsError(f"{where}: expected a list of region codes, got {value!r} "
                            "(write for example [KE, TD], or leave the setting out for every region)")
    known = set(emergency.regions())
    wrong = [code for code in value if not isinstance(code, str) or code not in known]
    if wrong:
        norway = " (YAML reads an unquoted NO as false: write 'NO' for Norway)" if False in wrong else ""
        raise SettingsError(f"{where}: {', '.join(repr(c) for c in wrong)} "
                            f"{'is not a region code' if len(wrong) == 1 else 'are not region codes'} "
                            f"(use two capital letters from ISO 3166-1, such as KE){norway}")
    return tuple(sorted(set(value)))


@dataclass
class Result:
    problems: list[Problem] = field(default_factory=list)
    written: list[str] = field(default_factory=list)   # files whose text changed
    rendered: list[str] = field(default_factory=list)  # files rendered this run (their inputs changed)
    reused: int = 0                                    # files whose inputs had not changed
    removed: list[str] = field(default_factory=list)   # files no longer produced
    generated: list[str] = field(default_factory=list)  # the directory's pages (never in the navigation)
    out: Path | None = None                            # the folder written

    def unchanged_directory_pages(self) -> set[str]:
        """Directory pages (as paths under docs/) that neither changed in any language nor are
        linked from a changed page's Markdown: a rebuild over the last build's output may skip
        them (their built pages are already there and still right)."""
        def in_language(rel: str) -> str:
            return rel.split("/", 2)[2]  # docs/<lang>/<path> -> <path>
        generated = set(self.generated)
        changed = {in_language(rel) for rel in self.written if rel.startswith("docs/")}
        linked: set[str] = set()
        for rel in self.written:
            if rel.startswith("docs/") and rel.endswith(".md") and rel not in generated and self.out is not None:
                linked |= set(_MD_LINK.findall((self.out / rel).read_text(encoding="utf-8")))
        return {rel[len("docs/"):] for rel in generated
                if in_language(rel) not in changed and rel.rsplit("/", 1)[-1] not in linked}

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def _digest(*parts: object) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else str(part).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:20]


def _code_key() -> str:
    """The package's own code, templates and strings: a change re-renders everything."""
    files = sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in (".py", ".j2", ".yml", ".json")
                   and "__pycache__" not in p.parts)
    return _digest(FORMAT, *((p.relative_to(PACKAGE).as_posix(), p.stat().st_mtime_ns, p.stat().st_size) for p in files))


def page_dest(rel: str, lang: str, directory_urls: bool) -> str:
    """Where a page of a language tree lands in the built site ('es/guides/x/index.html')."""
    dest = urls.dest(rel, directory_urls)
    if dest == "" or dest.endswith("/"):
        dest += "index.html"
    return dest if lang == DEFAULT_LANGUAGE else f"{lang}/{dest}"


class _Writer:
    """Writes files under the output folder only when their text changed."""

    def __init__(self, out: Path, old_state: dict[str, str], result: Result) -> None:
        self.out, self.old, self.result = out, old_state, result
        self.state: dict[str, str] = {}

    def put(self, rel: str, key: str, render: Callable[[], str]) -> None:
        self.state[rel] = key
        target = self.out / rel
        if self.old.get(rel) == key and target.is_file():
            self.result.reused += 1
            return
        text = render()
        self.result.rendered.append(rel)
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)  # a reader (mkdocs serve) never sees half a file
        self.result.written.append(rel)

    def remove_others(self) -> None:
        for path in sorted(self.out.rglob("*")):
            rel = path.relative_to(self.out).as_posix()
            if path.is_file() and rel not in self.state and rel not in ("state.json", "pages.json"):
                path.unlink()
                self.result.removed.append(rel)


def _glossary_definitions(site: Site, body: str) -> str:
    """Markdown abbreviation lines for the glossary terms this page uses (only those: each
    definition costs the abbr extension time on every text of the page)."""
    lines = []
    seen: set[str] = set()
    for term in site.content.glossary(site.lang):
        definition = " ".join(str(term["definition"]).split())
        for word in (term["term"], *term.get("aliases", [])):
            for variant in (word, word[:1].lower() + word[1:]):
                if variant not in seen and variant in body:
                    seen.add(variant)
                    lines.append(f"*[{variant}]: {definition}")
    return ("\n\n" + "\n".join(lines) + "\n") if lines else ""


def hand_written_page(site: Site, docs_dir: Path, rel: str, directory_urls: bool) -> str:
    """A hand-written page as the site generator gets it: its front matter as written, then
    its title as an escaped heading, the translation notice, the Markdown with markers
    expanded, and the definitions of the glossary terms it uses."""
    own = docs_dir / site.lang / rel
    source = own if own.is_file() else docs_dir / DEFAULT_LANGUAGE / rel
    text = source.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    head = match.group(0) if match else ""
    meta, body = split_front_matter(text)
    body = expand(body, site, rel, meta)
    heading = str(Markup("<h1>{}</h1>\n\n").format(meta.get("title", ""))) if meta.get("title") else ""
    notice = translations.notice(docs_dir, site.lang, rel, directory_urls, site.t)
    return head + "\n" + heading + notice + body + _glossary_definitions(site, body)


def _unknown_markers(docs_dir: Path) -> list[Problem]:
    """`<!-- popatlas:NAME -->` lines whose NAME no marker has: an error, not silence."""
    problems = []
    for path in sorted(docs_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in MARKER.finditer(text):
            if match.group(1) not in HANDLERS:
                problems.append(Problem(f"{_display_root(docs_dir)}/{path.relative_to(docs_dir).as_posix()}",
                                        text[: match.start()].count("\n") + 1, 1, "",
                                        f"unknown marker popatlas:{match.group(1)}",
                                        "use one of: " + ", ".join(sorted(HANDLERS))))
    return problems


def _page_files(docs_dir: Path, lang: str) -> list[str]:
    """The pages of one language: its own and the English ones it falls back to."""
    names: set[str] = set()
    for folder in (docs_dir / DEFAULT_LANGUAGE, docs_dir / lang):
        if folder.is_dir():
            names |= {p.relative_to(folder).as_posix() for p in folder.rglob("*.md")}
    return sorted(names)


def _entry_keys(d: Directory) -> dict[str, str]:
    """Each entry's id -> a digest of its file's bytes."""
    keys = {}
    for e in d.entries:
        path = d.real_paths.get(e.path)
        keys[e.id] = _digest(path.read_bytes()) if path else _digest(e.path)
    return keys


def generate(settings: Settings, out: Path) -> Result:
    """Validate, then write the source tree under `out` (nothing is written when an input
    has an error: every problem is returned, all at once)."""
    result = Result(out=out)
    directory = load_directory(settings.directory_dir, settings.today)
    result.problems.extend(directory.problems)
    result.problems.extend(frontmatter.check_docs(settings.docs_dir, _display_root(settings.docs_dir)))
    result.problems.extend(_unknown_markers(settings.docs_dir))
    if result.errors:
        return result

    state_file = out / "state.json"
    try:
        old = json.loads(state_file.read_text(encoding="utf-8")) if state_file.is_file() else {}
    except (OSError, ValueError):
        old = {}
    writer = _Writer(out, old.get("files", {}) if isinstance(old, dict) else {}, result)
    content = Content(settings.docs_dir)
    entries = _entry_keys(directory)
    taxonomy = settings.directory_dir / "taxonomy.yml"
    notes = settings.directory_dir / "emergency-numbers.yml"
    common = _digest(_code_key(), settings.directory_urls, settings.repository_url, settings.stale_months,
                     settings.today.isoformat(), taxonomy.read_bytes() if taxonomy.is_file() else b"",
                     notes.read_bytes() if notes.is_file() else b"", phonenumbers.__version__,
                     *settings.country_cards)
    all_entries = _digest(*sorted(entries.items()))
    by_kind = {"all": all_entries,
               "organizations": _digest(*sorted((o.id, entries[o.id]) for o in directory.organizations)),
               "resources": _digest(*sorted((r.id, entries[r.id]) for r in directory.resources))}
    pages: dict[str, dict[str, object]] = {}

    for lang in settings.languages:
        site = Site(directory, content, lang, settings.directory_urls, repository_url=settings.repository_url,
                    today=settings.today, stale_months=settings.stale_months, country_cards=settings.country_cards)
        # What generated pages read of the hand-written ones: principle titles and paths.
        titles = _digest(*((n, p.path, site.principle_title(n)) for n, p in sorted(site.principle_pages.items())))
        lang_key = _digest(common, lang, titles)
        docs_key, glossary_key = _docs_key(settings.docs_dir, lang), _glossary_key(content, lang)

        for rel in _page_files(settings.docs_dir, lang):
            own, english = settings.docs_dir / lang / rel, settings.docs_dir / DEFAULT_LANGUAGE / rel
            body = (own if own.is_file() else english).read_text(encoding="utf-8")
            uses_markers = bool(MARKER.search(body))
            shown = entries_shown(body)
            key = _digest(common, lang, _file_key(own), _file_key(english),
                          docs_key if uses_markers or "glossary" in rel else "",
                          *(by_kind[kind] for kind in sorted(shown)), glossary_key)
            writer.put(f"docs/{lang}/{rel}", key,
                       lambda rel=rel, site=site: hand_written_page(site, settings.docs_dir, rel, settings.directory_urls))
            source = f"{_display_root(settings.docs_dir)}/{lang if own.is_file() else DEFAULT_LANGUAGE}/{rel}"
            pages[page_dest(rel, lang, settings.directory_urls)] = {"lang": lang, "contributed": True, "source": source}

        for plan in site.directory_plan():
            key = _digest(lang_key, plan.path, *sorted(entries[e.id] for e in plan.entries))
            writer.put(f"docs/{lang}/{plan.path}", key, lambda plan=plan: plan.make().source())
            result.generated.append(f"docs/{lang}/{plan.path}")
            pages[page_dest(plan.path, lang, settings.directory_urls)] = {"lang": lang, "contributed": False}
        writer.put(f"docs/{lang}/directory/filter-data.js", _digest(lang_key, all_entries), site.filter_data_js)

    # Open data sits once at the site root: in the default language's folder.
    made: dict[str, str] = {}  # every export is made at once, and only if one of them is needed
    for rel in exports.FILES:
        writer.put(f"docs/{DEFAULT_LANGUAGE}/{rel}", _digest(common, all_entries, rel),
                   lambda rel=rel: (made or made.update(exports.all_files(directory)) or made)[rel])

    writer.remove_others()
    _write_json(out / "pages.json", {
        "default_language": DEFAULT_LANGUAGE, "languages": list(settings.languages),
        "rtl": sorted(RTL_LANGUAGES), "directory_urls": settings.directory_urls,
        "search_label": {l: str(i18n.ui(l)["search_dialog"]) for l in settings.languages},
        "pages": dict(sorted(pages.items())),
    })
    _write_json(state_file, {"format": FORMAT, "files": writer.state})
    return result


def _file_key(path: Path) -> str:
    return _digest(path.read_bytes()) if path.is_file() else "-"


def _docs_key(docs_dir: Path, lang: str) -> str:
    """Every page of a language and of English (markers list guides, case studies, principles)."""
    parts = []
    for folder in (docs_dir / DEFAULT_LANGUAGE, docs_dir / lang):
        for p in sorted(folder.rglob("*.md")):
            st = p.stat()
            parts.append((p.relative_to(docs_dir).as_posix(), st.st_mtime_ns, st.st_size))
    return _digest(*parts)


def _glossary_key(content: Content, lang: str) -> str:
    return _digest(json.dumps(content.glossary(lang), sort_keys=True, ensure_ascii=False, default=str))


def _display_root(docs_dir: Path) -> str:
    try:
        return docs_dir.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return docs_dir.name


def _write_json(path: Path, data: object) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


__all__ = ["Result", "Settings", "generate", "hand_written_page", "page_dest"]
