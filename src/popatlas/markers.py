"""Expand `<!-- popatlas:NAME -->` markers in hand-written pages with content
generated from front matter and directory data, so nothing is typed twice."""
from __future__ import annotations

import json
import posixpath
import re
from typing import Callable

import pycountry

from . import DEFAULT_LANGUAGE, csvsafe, textfold, urls
from .i18n import country_name, sort_key
from .sanitize import markdown_text as md_text  # contributed text made inert in Markdown
from .render import Site, entry_path, listed_help, render_template, sanitize_markdown

MARKER = re.compile(r"^<!--\s*popatlas:([a-z-]+)\s*-->\s*$", re.M)


def md_link(target_md: str, from_md: str) -> str:
    """A Markdown link target relative to the page (MkDocs rewrites and checks .md links)."""
    return posixpath.relpath(target_md, posixpath.dirname(from_md) or ".")


class Expander:
    def __init__(self, site: Site, page_md: str, meta: dict) -> None:
        self.site, self.page, self.meta = site, page_md, meta
        self.t = site.t

    def link(self, target_md: str) -> str:
        return md_link(target_md, self.page)

    # --- principles ---------------------------------------------------------
    def principles_overview(self) -> str:
        pages = self.site.principle_pages
        out: list[str] = []
        for group in self.site.content.groups(self.site.lang):
            out.append(f"## {group['title']} {{#{group['id']}}}\n\n{group.get('summary', '')}\n")
            subgroups = group.get("subgroups") or [{"title": "", "principles": group["principles"]}]
            for sub in subgroups:
                if sub["title"]:
                    out.append(f"**{sub['title']}**\n")
                for n in sub["principles"]:
                    p = pages[n]
                    out.append(f"{n}. [{p.meta['short_title']}]({self.link(p.path)}): {p.meta['summary']}")
                out.append("")
        return "\n".join(out)

    def actions(self) -> str:
        return "\n".join(f"- {a['text']}" for a in self.meta.get("actions", [])) + "\n"

    def related_principles(self) -> str:
        pages = self.site.principle_pages
        lines = [f"- [{self.t['principle_n'].format(n=n)}: {pages[n].meta['short_title']}]({self.link(pages[n].path)})"
                 f" — {pages[n].meta['summary']}" for n in self.meta.get("related", []) if n in pages]
        return "\n".join(lines) + "\n"

    def _by_principles(self, refs: list, numbers: set[int]) -> list:
        return [r for r in refs if numbers & set(r.meta.get("principles", []))]

    def _pop_numbers(self) -> set[int]:
        if "pop" in self.meta:
            return {int(self.meta["pop"])}
        return {int(n) for n in self.meta.get("principles", [])}

    def case_studies(self) -> str:
        refs = self._by_principles(self.site.content.case_studies(self.site.lang), self._pop_numbers())
        return "\n".join(f"- [{r.title}]({self.link(r.path)}): {r.meta.get('summary', '')}" for r in refs) + "\n"

    def _resources_for(self, numbers: set[int]) -> list[str]:
        d = self.site.directory
        assert d.taxonomy is not None
        return [f"- [{md_text(r.title)}]({self.link(entry_path(r))}) — {md_text(r.publisher)}"
                f" ({md_text(d.taxonomy.resource_kinds[r.kind].label[self.site.lang])})"
                for r in d.resources if numbers & set(r.principles)]

    def principle_resources(self) -> str:
        numbers = self._pop_numbers()
        guides = self._by_principles(self.site.content.guides(self.site.lang), numbers)
        lines = [f"- [{g.title}]({self.link(g.path)})" for g in guides] + self._resources_for(numbers)
        return "\n".join(lines) + "\n"

    def guide_resources(self) -> str:
        return "\n".join(self._resources_for(self._pop_numbers())) + "\n"

    def case_study_list(self) -> str:
        return self._list(self.site.content.case_studies(self.site.lang))

    def guide_list(self) -> str:
        return self._list(self.site.content.guides(self.site.lang))

    def _list(self, refs: list) -> str:
        pages = self.site.principle_pages
        out = []
        for r in refs:
            pops = ", ".join(f"[{n}]({self.link(pages[n].path)})" for n in r.meta.get("principles", []) if n in pages)
            out.append(f"- [{r.title}]({self.link(r.path)}): {r.meta.get('summary', '')}"
                       + (f" ({self.t['filter_principle']}: {pops})" if pops else ""))
        return "\n".join(out) + "\n"

    def all_principles(self) -> str:
        """The 14 principle pages on one page, for printing: anchors made unique."""
        out = []
        for n, ref in sorted(self.site.principle_pages.items()):
            body = expand(ref.body, self.site, self.page, ref.meta)
            body = re.sub(r"\{#([a-z0-9-]+)\}", lambda m: f"{{#p{n:02d}-{m.group(1)}}}", body)
            body = re.sub(r"(?m)^(#{2,5}) ", lambda m: "#" + m.group(1) + " ", body)
            out.append(f"## {ref.title} {{#principle-{n}}}\n\n*{ref.meta.get('summary', '')}*\n\n{body}\n")
        return "\n".join(out)

    # --- context pages ------------------------------------------------------
    def glossary(self) -> str:
        out = []
        # sort_key: accents must not push É or Á terms to the end
        for term in sorted(self.site.content.glossary(self.site.lang), key=lambda t: sort_key(t["term"])):
            out.append(f"{term['term']} {{#{term['id']}}}\n:   {term['definition']}\n")
        return "\n".join(out)

    def glc_members(self) -> str:
        orgs = {o.id: o for o in self.site.directory.organizations}
        out = []
        for slug in self.meta.get("members", []):
            o = orgs.get(slug)
            if o is None:
                raise KeyError(f"glc.md lists member '{slug}' but directory has no such organization")
            countries = ", ".join(self.site_country(c) for c in o.countries[:1])
            founded = f", {o.founded}" if o.founded else ""
            out.append(f"- [{md_text(o.name)}]({self.link(entry_path(o))}) — {countries}{founded}")
        return "\n".join(out) + "\n"

    def site_country(self, code: str) -> str:
        return country_name(code, self.site.lang)

    def hotlines(self) -> str:
        hotlines = [r for r in self.site.directory.resources if r.kind == "hotline"]
        return render_template("hotlines.html.j2",
            hotlines=hotlines, sanitize=sanitize_markdown, **self.site.context(self.page))

    def country_list(self) -> str:
        """Every country's help card, alphabetically in this language's names (no script needed)."""
        lang = self.site.lang
        listed = listed_help(self.site.directory.entries)
        regions = self.site.card_regions()  # exactly the cards that exist
        countries = sorted(((code, country_name(code, lang)) for code in regions),
                           key=lambda pair: sort_key(pair[1]))
        groups: dict[str, list[tuple[str, str]]] = {}
        for code, name in countries:
            groups.setdefault(sort_key(name)[:1].upper(), []).append((code, name))
        # What the box matches: the name here and in English, and the code (so "Kenya" finds كينيا).
        names = {code: textfold.fold(" ".join([name, country_name(code, DEFAULT_LANGUAGE), *iso_names(code), code]))
                 for code, name in countries}
        return render_template("country_list.html.j2", groups=list(groups.items()), listed=listed, names=names,
                               fold_table=json.dumps(textfold.FOLD_TABLE, ensure_ascii=False, separators=(",", ":")),
                               with_listings=[(c, n) for c, n in countries if listed[c]], **self.site.context(self.page))

    def self_assessment(self) -> str:
        """The self-assessment: indicators are each principle's practical actions (front matter)."""
        content, lang = self.site.content, self.site.lang
        guides, studies = content.guides(lang), content.case_studies(lang)
        pages = self.site.principle_pages
        groups = []
        for group in content.groups(lang):
            principles = []
            for n in group["principles"]:
                ref = pages[n]
                principles.append(dict(
                    n=n, path=ref.path, short_title=ref.meta["short_title"], actions=ref.meta.get("actions", []),
                    guides=[g for g in guides if n in g.meta.get("principles", [])],
                    case_studies=[c for c in studies if n in c.meta.get("principles", [])],
                    resources=[r for r in self.site.directory.resources if n in r.principles and r.kind != "hotline"],
                ))
            groups.append(dict(id=group["id"], title=group["title"], principles=principles))
        t = self.t
        choices = [("yes", t["sa_in_place"]), ("partly", t["sa_partly"]), ("no", t["sa_not_yet"]),
                   ("na", t["sa_not_applicable"])]
        folder = "" if lang == DEFAULT_LANGUAGE else lang  # assets sit once at the site root
        return render_template("self_assessment.html.j2",
            groups=groups, choices=choices, title=self.meta.get("title", ""), csv_formula_start=csvsafe.FORMULA_START,
            script_src=urls.root_asset("assets/javascripts/self-assessment.js", self.page, folder, self.site.directory_urls),
            **self.site.context(self.page))

    def directory_home(self) -> str:
        return self.site.directory_home(self.page)

    def open_data(self) -> str:
        return render_template("open_data.html.j2",
            # open-data/ sits once at the site root, above the language folders
            asset=lambda p: urls.root_asset(p, self.page, "" if self.site.lang == DEFAULT_LANGUAGE else self.site.lang,
                                            self.site.directory_urls),
            counts=dict(organizations=len(self.site.directory.organizations),
                        resources=len(self.site.directory.resources)),
            **self.site.context(self.page))


HANDLERS: dict[str, Callable[[Expander], str]] = {
    "principles-overview": Expander.principles_overview,
    "actions": Expander.actions,
    "related-principles": Expander.related_principles,
    "case-studies": Expander.case_studies,
    "principle-resources": Expander.principle_resources,
    "guide-resources": Expander.guide_resources,
    "case-study-list": Expander.case_study_list,
    "guide-list": Expander.guide_list,
    "all-principles": Expander.all_principles,
    "glossary": Expander.glossary,
    "glc-members": Expander.glc_members,
    "hotlines": Expander.hotlines,
    "country-list": Expander.country_list,
    "directory-home": Expander.directory_home,
    "self-assessment": Expander.self_assessment,
    "open-data": Expander.open_data,
}


# Which directory entries each marker shows ("resources", "organizations" or "all"); a page that
# uses none of these markers does not change when an entry does (popatlas.generate relies on it).
SHOWS_ENTRIES: dict[str, str] = {
    "principle-resources": "resources", "guide-resources": "resources", "all-principles": "resources",
    "hotlines": "resources", "country-list": "all", "glc-members": "organizations", "directory-home": "all", "open-data": "all",
}


def iso_names(code: str) -> list[str]:
    """ISO 3166's English names of a country (pycountry), which people also type: 'Czech Republic',
    'Palestine, State of', 'Trinidad and Tobago' (CLDR writes '&')."""
    country = pycountry.countries.get(alpha_2=code)
    return [n for n in (getattr(country, "name", ""), getattr(country, "official_name", ""),
                        getattr(country, "common_name", "")) if n] if country else []


def entries_shown(markdown_text: str) -> set[str]:
    """The kinds of entries the markers of a page show."""
    return {SHOWS_ENTRIES[m.group(1)] for m in MARKER.finditer(markdown_text) if m.group(1) in SHOWS_ENTRIES}


def expand(markdown_text: str, site: Site, page_md: str, meta: dict) -> str:
    """Replace every known marker; an unknown marker is an error, not silence."""
    expander = Expander(site, page_md, meta)

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in HANDLERS:
            raise KeyError(f"{page_md}: unknown marker popatlas:{name}")
        return HANDLERS[name](expander)

    return MARKER.sub(replace, markdown_text)
