"""Four complete languages: nothing missing or out of date, the same structure
everywhere, and the notices a reader sees when a translation lags."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from popatlas import LANGUAGES
from popatlas.cli import main
from popatlas.content import Content, read_page
from popatlas.directory import load_directory
from popatlas.render import Site
from popatlas.translations import english_pages, page_status, report

from ..conftest import ROOT

DOCS = ROOT / "docs"
OTHERS = [l for l in LANGUAGES if l != "en"]
ANCHOR = re.compile(r"\{#([a-z0-9-]+)\}")
MARKER = re.compile(r"<!-- popatlas:[a-z-]+ -->")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def test_report_shows_nothing_missing_or_outdated(capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code = main(["report", "translations", "--check"])
    out = capsys.readouterr().out
    assert code == 0, out
    for lang in OTHERS:
        assert f"{lang}: {len(english_pages(DOCS))} pages, 0 missing, 0 outdated" in out
        assert ", 0 missing, 0 outdated\n" in out.split(f"{lang}:", 1)[1].split("\n", 1)[0] + "\n"


def test_report_finds_missing_and_outdated(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for lang in ("en", "es"):
        (docs / lang).mkdir(parents=True)
    (docs / "en" / "a.md").write_text("---\ntitle: A\n---\n\nText.\n", encoding="utf-8")
    (docs / "en" / "b.md").write_text("---\ntitle: B\n---\n\nText.\n", encoding="utf-8")
    (docs / "es" / "a.md").write_text("---\ntitle: A\nsource_hash: 000000000000\n---\n\nTexto.\n", encoding="utf-8")
    [r] = report(docs, None, ["es"])
    assert (r.missing, r.outdated) == (["b.md"], ["a.md"])
    main(["stamp", "--docs", str(docs), str(docs / "es" / "a.md")])
    assert page_status(docs, "es", "a.md") == "current"


@pytest.mark.parametrize("lang", OTHERS)
def test_same_anchors_markers_and_links_as_english(lang: str) -> None:
    problems = []
    for rel in english_pages(DOCS):
        en = (DOCS / "en" / rel).read_text(encoding="utf-8")
        tr = (DOCS / lang / rel).read_text(encoding="utf-8")
        for name, pattern in (("anchors", ANCHOR), ("markers", MARKER), ("links", LINK)):
            if pattern.findall(en) != pattern.findall(tr):
                problems.append(f"{lang}/{rel}: {name} differ from English")
    assert problems == []


@pytest.mark.parametrize("lang", OTHERS)
def test_principle_data_is_translated_but_structurally_identical(lang: str) -> None:
    content = Content(DOCS)
    english, translated = content.principles("en"), content.principles(lang)
    assert set(english) == set(translated) == set(range(1, 15))
    for n, page in english.items():
        other = translated[n].meta
        assert (DOCS / lang / page.path).is_file()
        assert other["pop"] == n and other["group"] == page.meta["group"] and other["related"] == page.meta["related"]
        assert [a["id"] for a in other["actions"]] == [a["id"] for a in page.meta["actions"]]
        assert other["short_title"] != page.meta["short_title"] or lang == "fr" and n == 0
        assert all(a["text"] != b["text"] for a, b in zip(other["actions"], page.meta["actions"]))
    assert [g["id"] for g in content.groups(lang)] == [g["id"] for g in content.groups("en")]
    assert [t["id"] for t in content.glossary(lang)] == [t["id"] for t in content.glossary("en")]


def test_every_ui_string_exists_in_every_language() -> None:
    import yaml
    ui = yaml.safe_load((ROOT / "src" / "popatlas" / "data" / "ui.yml").read_text(encoding="utf-8"))
    assert set(ui) == set(LANGUAGES)
    keys = set(ui["en"])
    text = lambda value: value if isinstance(value, str) else value["other"]  # plural messages: a mapping
    for lang in OTHERS:
        assert set(ui[lang]) == keys
        assert all(text(ui[lang][k]).strip() for k in keys)
        assert all(isinstance(ui[lang][k], dict) == isinstance(ui["en"][k], dict) for k in keys)
    # Sentences (not single words such as "Services", the same in French) differ from English.
    for lang in OTHERS:
        untranslated = [k for k in keys if " " in text(ui["en"][k]) and any(c.isalpha() for c in text(ui["en"][k])) and text(ui[lang][k]) == text(ui["en"][k])]
        assert untranslated == [], f"{lang}: {untranslated}"


def test_taxonomy_and_descriptions_in_every_language() -> None:
    directory = load_directory(ROOT / "directory")
    assert directory.taxonomy is not None
    for section in (directory.taxonomy.services, directory.taxonomy.populations, directory.taxonomy.resource_kinds):
        for term in section.values():
            assert set(term.label) == set(term.definition) == set(LANGUAGES)
    for entry in directory.entries:
        assert set(entry.description) == set(LANGUAGES), entry.path
        assert not any(entry.translation_outdated(lang) for lang in OTHERS), entry.path


def test_outdated_description_is_flagged_on_its_page() -> None:
    directory = load_directory(ROOT / "directory")
    org = next(o for o in directory.organizations if o.id == "haart")
    site = Site(directory, Content(DOCS), "fr", True)
    assert "plus à jour" not in site.entry_page(org).source()
    changed = replace(org, description={**org.description, "en": org.description["en"] + " New fact."})
    assert "cette traduction n&#39;est peut-être plus à jour" in site.entry_page(changed).source()


def test_no_translation_notice_on_the_real_site(site_dir: Path) -> None:
    for lang in OTHERS:
        for page in (site_dir / lang).rglob("index.html"):
            assert "pa-translation-notice" not in page.read_text(encoding="utf-8"), page


def test_missing_and_outdated_page_notices(tmp_path: Path) -> None:
    from popatlas.i18n import ui
    from popatlas.translations import notice
    docs = tmp_path / "docs"
    (docs / "en" / "guides").mkdir(parents=True)
    (docs / "es" / "guides").mkdir(parents=True)
    (docs / "en" / "guides" / "a.md").write_text("---\ntitle: A\n---\n\nText.\n", encoding="utf-8")
    (docs / "en" / "guides" / "b.md").write_text("---\ntitle: B\n---\n\nText.\n", encoding="utf-8")
    (docs / "es" / "guides" / "b.md").write_text("---\ntitle: B\nsource_hash: 0123456789ab\n---\n\nTexto.\n",
                                                 encoding="utf-8")
    t = ui("es")
    missing = notice(docs, "es", "guides/a.md", True, t)
    assert "aún no está traducida" in missing and "<a " not in missing
    outdated = notice(docs, "es", "guides/b.md", True, t)
    assert "puede estar desactualizada" in outdated and 'href="../../../guides/b/"' in outdated
    assert 'href="../../guides/b.html"' in notice(docs, "es", "guides/b.md", False, t)
    assert notice(docs, "en", "guides/a.md", True, ui("en")) == ""


def test_dates_are_formatted_per_language() -> None:
    from popatlas.i18n import long_date
    assert long_date("2026-03-05", "en") == "March 5, 2026"
    assert long_date("2026-03-05", "es") == "5 de marzo de 2026"
    assert long_date("2026-03-05", "fr") == "5 mars 2026"
    assert "مارس" in long_date("2026-03-05", "ar")
