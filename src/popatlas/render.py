"""Directory pages and fragments, rendered with auto-escaping Jinja templates.

Everything here is a pure function of (directory, content, language, URL style):
no MkDocs import, so the generator can move to another site engine.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from types import SimpleNamespace
from typing import Any, Callable, Iterable, Mapping
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import DEFAULT_LANGUAGE, LANGUAGES, RTL_LANGUAGES, contact, emergency, freshness, i18n, sanitize, textfold, trustfacts, urls, worldmap
from .content import Content
from .directory import Directory
from .frontmatter import PASSTHROUGH
from .model import Entry, Organization, Resource

_env = Environment(loader=PackageLoader("popatlas", "templates"), autoescape=select_autoescape(["j2", "html"]),
                   undefined=StrictUndefined, trim_blocks=False, lstrip_blocks=False)

def _spoken(entry: Entry) -> list[str]:
    """Languages an entry works in: its own list and its lines' (a Spanish line speaks Spanish)."""
    return list(dict.fromkeys([*entry.languages, *(l for p in (*entry.phones, *entry.channels) for l in p.languages)]))


def listed_help(entries: Iterable[Entry]) -> Counter[str]:
    """Per country, how many organizations and hotlines the directory lists there (the map's shading
    and the counts on Get help: one rule, so the two always agree)."""
    return Counter(c for e in entries if isinstance(e, Organization) or getattr(e, "kind", "") == "hotline"
                   for c in e.countries)


# How a reader can get in touch, for the directory's "contact by" filter; the ui key of each label.
CONTACT_WAYS = {"call": "phone_kind_voice", "text": "phone_kind_text", "whatsapp": "phone_kind_whatsapp",
                "signal": "phone_kind_signal", "chat": "channel_kind_chat", "email": "channel_kind_email",
                "telegram": "channel_kind_telegram"}
_PHONE_WAY = {"voice": "call", "hotline": "call", "text": "text", "whatsapp": "whatsapp", "signal": "signal"}


def contact_ways(entry: Entry) -> list[str]:
    """The ways an entry can be reached, in CONTACT_WAYS order (a fax is not a way to ask for help)."""
    ways = {_PHONE_WAY[p.kind] for p in entry.phones if p.kind in _PHONE_WAY}
    ways |= {c.kind for c in entry.channels}
    if getattr(entry, "email", ""):
        ways.add("email")
    return [w for w in CONTACT_WAYS if w in ways]


def sanitize_markdown(text: str) -> Markup:
    """Contributed Markdown -> safe HTML (the policy lives in popatlas.sanitize)."""
    return sanitize.markdown_html(text)


def render_template(name: str, **context: Any) -> str:
    """Render one of the package's templates (auto-escaped)."""
    return _env.get_template(name).render(**context)


def render_notice(message: str, link_text: str, link: str) -> str:
    """The translation notice shown above a page (an escaped, styled admonition)."""
    return _env.get_template("notice.html.j2").render(message=message, link_text=link_text, link=link)


def entry_path(entry: Entry) -> str:
    """Where an entry's page lives in every language tree."""
    folder = "organizations" if isinstance(entry, Organization) else "resources"
    return f"directory/{folder}/{entry.id}.md"


def front_matter(title: str, **extra: Any) -> str:
    # JSON is valid YAML: a safe way to put any title into front matter.
    lines = [f"title: {json.dumps(title)}"] + [f"{k}: {json.dumps(v)}" for k, v in extra.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, its plain-text title, and its HTML body.

    Title and body stay apart until the very end, so text and markup are never
    joined by `+` (a `str` added to `Markup` is escaped, and the page shows HTML source).
    """
    path: str
    title: str
    html: Markup

    def __post_init__(self) -> None:
        if not isinstance(self.html, Markup):
            raise TypeError(f"{self.path}: the body must be Markup from a template, not {type(self.html).__name__}")

    def source(self) -> str:
        """The page as a source file for the site generator: front matter, the line that lets
        the HTML through Markdown untouched (popatlas.mdx), the escaped title, the HTML."""
        heading = Markup("<h1>{}</h1>\n").format(self.title)
        return front_matter(self.title) + PASSTHROUGH + "\n" + str(heading + self.html) + "\n"


@dataclass(frozen=True)
class PagePlan:
    """A generated page before it is rendered: where it goes, the entries it shows, how to make it."""
    path: str
    entries: tuple[Entry, ...]
    make: Callable[[], Page]


# The filter data's row layout, shipped in the file as "cols" (popatlas.js reads it there).
FILTER_COLUMNS = ("kind", "country", "service", "population", "language", "contact", "trust", "principle", "text")


@dataclass
class Site:
    """What a page needs to render in one language with one URL style."""
    directory: Directory
    content: Content
    lang: str
    directory_urls: bool
    repository_url: str = ""
    today: dt.date = field(default_factory=dt.date.today)
    stale_months: int = freshness.STALE_MONTHS
    country_cards: tuple[str, ...] = ()  # the regions with a help card; empty: every region

    def report_url(self, entry: Entry) -> str:
        """A prefilled "report a change" issue form for this entry (a plain link)."""
        if not self.repository_url:
            return ""
        query = urlencode({"template": "report-listing.yml", "entry": entry.path,
                           "title": f"Listing: {entry.display_name}"})
        return f"{self.repository_url.rstrip('/')}/issues/new?{query}"

    @cached_property
    def t(self) -> Mapping[str, Any]:
        return i18n.ui(self.lang)

    @cached_property
    def principle_pages(self) -> dict[int, Any]:
        return self.content.principles(self.lang)

    def principle_title(self, n: int) -> str:
        page = self.principle_pages.get(n)
        return str(page.meta.get("short_title", page.title)) if page else str(n)

    def linker(self, from_md: str) -> Callable[[str], str]:
        return lambda target: urls.relative(target, from_md, self.directory_urls)

    def context(self, from_md: str) -> dict[str, Any]:
        link = self.linker(from_md)
        return dict(
            lang=self.lang, t=self.t, taxonomy=self.directory.taxonomy, rtl=RTL_LANGUAGES,
            link=link, entry_path=entry_path,
            country_name=i18n.country_name, language_name=i18n.language_name, long_date=i18n.long_date,
            number=lambda n: i18n.number(n, self.lang),
            plural=lambda key, count, **values: i18n.plural(self.lang, key, count, **values),
            phone=SimpleNamespace(display=contact.display_number, href=contact.href,
                                  channel_href=contact.channel_href, channel_text=contact.channel_text,
                                  hours=lambda h: contact.hours_text(h, self.lang),
                                  country_name=lambda c: i18n.country_name(c, self.lang)),
            principle_title=self.principle_title,
            trust_facts=lambda e: trustfacts.facts(e.trust, self.lang),
            is_stale=lambda e: freshness.is_stale(e, self.today, self.stale_months), stale_months=self.stale_months,
            report_url=self.report_url,
            principle_link=lambda n: link(self.principle_pages[n].path) if n in self.principle_pages else "#",
        )

    # --- entry pages -------------------------------------------------------
    def _page(self, path: str, title: str, template: str, **values: Any) -> Page:
        html = _env.get_template(template).render(**values, **self.context(path))
        return Page(path, title, Markup(html))  # the template escaped every value

    def entry_page(self, entry: Entry) -> Page:
        text, desc_lang = entry.description_for(self.lang)
        template = "organization.html.j2" if isinstance(entry, Organization) else "resource.html.j2"
        return self._page(entry_path(entry), entry.display_name, template,
                          e=entry, description=sanitize_markdown(text), desc_lang=desc_lang)

    # --- lists -------------------------------------------------------------
    def suggest_url(self, code: str) -> str:
        """A prefilled "suggest a listing" form for a country (a plain link; the form is in English)."""
        if not self.repository_url:
            return ""
        name = i18n.country_name(code, DEFAULT_LANGUAGE)
        query = urlencode({"template": "suggest-listing.yml", "title": f"Suggestion: help in {name}", "country": name})
        return f"{self.repository_url.rstrip('/')}/issues/new?{query}"

    def country_page(self, code: str, orgs: list[Organization], hotlines: list[Resource]) -> Page:
        """A country's help card: emergency numbers, then the directory's hotlines and organizations."""
        name = i18n.country_name(code, self.lang)
        return self._page(f"directory/countries/{code.lower()}.md", name, "country.html.j2",
                          name=name, em=emergency.for_region(code, self.directory.emergency_notes),
                          library=emergency.source_text(), hotlines=hotlines, entries=orgs,
                          suggest_url=self.suggest_url(code))

    def map_page(self, regions: list[str]) -> Page:
        """The world map: each country with a help card links to it, shaded by what the directory lists."""
        listed = listed_help(self.directory.entries)
        known = set(regions)
        shapes = [(s.code if s.code in known else "", i18n.country_name(s.code, self.lang) if s.code in known else "",
                   s.d, listed[s.code]) for s in worldmap.world_map().shapes]
        return self._page("directory/countries/index.md", self.t["map_title"], "country_map.html.j2",
                          map=worldmap.world_map(), shapes=shapes)

    def service_page(self, service_id: str, orgs: list[Organization]) -> Page:
        assert self.directory.taxonomy is not None
        term = self.directory.taxonomy.services[service_id]
        return self._page(f"directory/services/{service_id}.md", term.label[self.lang], "listing.html.j2",
                          leads=[term.definition[self.lang],
                                 self.t["service_page_lead"].format(service=term.label[self.lang])],
                          entries=orgs)

    def resources_page(self) -> Page:
        return self._page("directory/resources/index.md", self.t["resources"], "listing.html.j2",
                          leads=[self.t["resources_page_lead"]], entries=self.directory.resources)

    def card_entries(self) -> dict[str, list[Entry]]:
        """Region -> the organizations and hotlines its help card lists."""
        in_country: dict[str, list[Entry]] = {}
        for e in (*self.directory.organizations, *(r for r in self.directory.resources if r.kind == "hotline")):
            for c in e.countries:
                in_country.setdefault(c, []).append(e)
        return in_country

    def card_regions(self) -> tuple[str, ...]:
        """The regions with a help card: every region the dialer library knows (or only those
        the site's config names), and every region a card's entry serves."""
        return emergency.regions(self.card_entries(), self.country_cards)

    def directory_plan(self) -> list["PagePlan"]:
        """Every generated page of this language (entries, countries, services, resources), each
        with the entries it shows, not rendered yet: a caller renders only what changed."""
        d = self.directory
        assert d.taxonomy is not None
        plan = [PagePlan(entry_path(e), (e,), lambda e=e: self.entry_page(e)) for e in d.entries]
        in_country = self.card_entries()
        regions = list(self.card_regions())
        plan.append(PagePlan("directory/countries/index.md", tuple(d.entries), lambda: self.map_page(regions)))
        for code in regions:
            here = in_country.get(code, [])
            orgs = [e for e in here if isinstance(e, Organization)]
            lines = [e for e in here if not isinstance(e, Organization)]
            plan.append(PagePlan(f"directory/countries/{code.lower()}.md", (*orgs, *lines),
                                 lambda c=code, o=orgs, h=lines: self.country_page(c, o, h)))
        for service_id in d.taxonomy.services:
            orgs = [o for o in d.organizations if service_id in o.services]
            if orgs:
                plan.append(PagePlan(f"directory/services/{service_id}.md", tuple(orgs),
                                     lambda s=service_id, o=orgs: self.service_page(s, o)))
        plan.append(PagePlan("directory/resources/index.md", tuple(d.resources), self.resources_page))
        return plan

    def directory_pages(self) -> list[Page]:
        return [item.make() for item in self.directory_plan()]

    # --- directory home with filters ----------------------------------------
    def _home_entries(self) -> list[Entry]:
        return [*self.directory.organizations, *self.directory.resources]

    def directory_home(self, from_md: str = "directory/index.md") -> str:
        d, lang = self.directory, self.lang
        assert d.taxonomy is not None
        entries = self._home_entries()
        countries = Counter(c for o in d.organizations for c in o.countries)
        services = Counter(s for o in d.organizations for s in o.services)
        populations = Counter(p for o in d.organizations for p in o.populations)
        languages = Counter(l for e in entries for l in _spoken(e))
        recorded = sum(1 for e in entries if _spoken(e))
        principles = Counter(n for e in entries for n in e.principles)
        ways = Counter(w for e in entries for w in contact_ways(e))
        expect = Counter(tag for e in entries for tag in trustfacts.filter_tags(e.trust))
        by_label = lambda pairs: sorted(pairs, key=lambda p: i18n.sort_key(p[1]))
        link = self.linker(from_md)
        country_opts = by_label((c, i18n.country_name(c, lang)) for c in countries)
        filters = [
            dict(name="country", label=self.t["filter_country"], options=country_opts,
                 cards={c: link(f"directory/countries/{c.lower()}.md") for c, _ in country_opts}),
            dict(name="service", label=self.t["filter_service"],
                 options=by_label((s, d.taxonomy.services[s].label[lang]) for s in services)),
            dict(name="population", label=self.t["filter_population"],
                 options=by_label((p, d.taxonomy.populations[p].label[lang]) for p in populations)),
            # Every site language is offered even when no entry records it (a count of 0 is an
            # answer too), each with its count, and a note says how many entries record languages.
            dict(name="language", label=self.t["filter_language"],
                 options=by_label((l, f"{i18n.language_name(l, lang)} ({i18n.number(languages[l], lang)})")
                                  for l in {*LANGUAGES, *languages}),
                 note=i18n.plural(lang, "filter_language_note", len(entries), recorded=recorded, total=len(entries))),
            dict(name="contact", label=self.t["filter_contact"],
                 options=[(w, f"{self.t[key]} ({i18n.number(ways[w], lang)})") for w, key in CONTACT_WAYS.items()
                          if ways[w]]),
            dict(name="trust", label=self.t["filter_trust"],
                 options=[(tag, f"{self.t[key]} ({i18n.number(expect[tag], lang)})")
                          for tag, key in trustfacts.FILTER_TAGS.items() if expect[tag]]),
            dict(name="principle", label=self.t["filter_principle"],
                 options=[(str(n), f"{n}. {self.principle_title(n)}") for n in sorted(principles)]),
        ]
        return _env.get_template("directory_home.html.j2").render(
            entries=entries, filters=filters,
            countries=[(c, label, countries[c]) for c, label in country_opts],
            services=[(s, label, services[s]) for s, label in filters[1]["options"]],
            key=self._home_key(),
            **self.context(from_md))

    def _home_key(self) -> str:
        """Names the list the filter data is for (its entries, in order): the script checks that the
        page and the data it loads were built together."""
        return hashlib.sha256("\n".join(e.id for e in self._home_entries()).encode()).hexdigest()[:16]

    def filter_data_js(self) -> str:
        """Compact filter data, one row per list item, loaded as a script (works from file://)."""
        rows = []
        for e in self._home_entries():
            if isinstance(e, Organization):
                row = dict(kind="o", country=list(e.countries), service=list(e.services), population=list(e.populations),
                           text=textfold.fold(" ".join([e.name, *e.also_known_as, *(l.city for l in e.locations),
                                                        *(i18n.country_name(c, self.lang) for c in e.countries)])))
            else:
                assert isinstance(e, Resource)
                row = dict(kind="r", country=list(e.countries), service=[], population=[],
                           text=textfold.fold(" ".join([e.title, e.publisher, *e.topics])))
            row.update(language=_spoken(e), contact=contact_ways(e), trust=trustfacts.filter_tags(e.trust),
                       principle=list(e.principles))
            rows.append([row[name] for name in FILTER_COLUMNS])
        payload = json.dumps({"v": 1, "key": self._home_key(), "cols": {name: i for i, name in enumerate(FILTER_COLUMNS)},
                              "fold": textfold.FOLD_TABLE, "rows": rows}, ensure_ascii=False, separators=(",", ":"))
        # </ cannot end the script early because the file is loaded by src, but keep it inert anyway.
        return "window.POPATLAS_DIRECTORY=" + payload.replace("</", "<\\/") + ";\n"
