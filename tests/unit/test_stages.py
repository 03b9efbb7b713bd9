"""The three stages on their own: generate (a source tree, incremental), the Markdown
pass-through for generated pages, and harden (a pure function over built HTML)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from popatlas import LANGUAGES, RTL_LANGUAGES, safety
from popatlas.frontmatter import PASSTHROUGH
from popatlas.generate import Result, Settings, generate
from popatlas.harden import PageRules, harden_page
from popatlas.stages import read_config

from ..conftest import ROOT


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("stages")
    shutil.copytree(ROOT / "directory", tmp / "directory")
    shutil.copytree(ROOT / "docs", tmp / "docs")
    return tmp


def _settings(project: Path) -> Settings:
    return Settings(project / "docs", project / "directory")


def _generate_with_edit(project: Path, out: Path, file: Path, old: str, new: str) -> Result:
    """generate after one edit to `file`, which is put back afterwards."""
    original = file.read_text(encoding="utf-8")
    try:
        file.write_text(original.replace(old, new, 1), encoding="utf-8")
        return generate(_settings(project), out)
    finally:
        file.write_text(original, encoding="utf-8")


def test_the_stages_import_nothing_of_mkdocs() -> None:
    code = ("import sys, popatlas.generate, popatlas.harden, popatlas.stages; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'properdocs', 'material')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_generate_writes_every_page_of_every_language(project: Path) -> None:
    out = project / "out"
    result = generate(_settings(project), out)
    assert result.errors == [] and result.reused == 0
    english = {p.relative_to(ROOT / "docs" / "en").as_posix() for p in (ROOT / "docs" / "en").rglob("*.md")}
    pages = json.loads((out / "pages.json").read_text(encoding="utf-8"))
    for lang in LANGUAGES:
        tree = {p.relative_to(out / "docs" / lang).as_posix() for p in (out / "docs" / lang).rglob("*.md")}
        assert english <= tree, lang  # a missing translation is written from English, with its notice
        haart = (out / "docs" / lang / "directory" / "organizations" / "haart.md").read_text(encoding="utf-8")
        assert haart.split("\n---\n", 1)[1].lstrip().startswith(PASSTHROUGH + "\n<h1>HAART</h1>")
        glossary = (out / "docs" / lang / "glossary.md").read_text(encoding="utf-8")
        assert "<h1>" in glossary and "popatlas:" not in glossary.split(PASSTHROUGH)[0].split("---", 2)[2]
    assert pages["pages"]["ar/directory/organizations/haart/index.html"] == {"lang": "ar", "contributed": False}
    assert pages["pages"]["es/about/index.html"]["contributed"] is True
    assert pages["rtl"] == sorted(RTL_LANGUAGES)
    assert (out / "docs" / "en" / "open-data" / "hsds" / "organizations.json").is_file()


def test_generate_again_renders_nothing_and_an_edit_only_what_shows_it(project: Path) -> None:
    out = project / "out-incremental"
    full = generate(_settings(project), out)
    again = generate(_settings(project), out)
    assert (again.rendered, again.written) == ([], [])
    edited = _generate_with_edit(project, out, project / "directory" / "organizations" / "ke" / "haart.yml",
                                 "grassroots", "community-rooted")
    rendered, written = set(edited.rendered), set(edited.written)
    for lang in LANGUAGES:
        assert f"docs/{lang}/directory/organizations/haart.md" in written
        assert f"docs/{lang}/directory/countries/ke.md" in rendered  # lists it (its text there is unchanged)
        assert f"docs/{lang}/directory/organizations/chab-dai.md" not in rendered  # another entry: untouched
    assert "docs/en/open-data/directory.json" in written
    assert written <= rendered and len(rendered) < len(full.rendered) / 4, (len(rendered), len(full.rendered))
    # What a `mkdocs serve` rebuild may leave out: the directory pages that changed in no language.
    skip = edited.unchanged_directory_pages()
    assert "en/directory/organizations/chab-dai.md" in skip and "ar/directory/countries/td.md" in skip
    assert not {f"{lang}/directory/organizations/haart.md" for lang in LANGUAGES} & skip
    assert not [p for p in skip if not p.split("/", 1)[1].startswith("directory/")]


def test_a_rebuild_keeps_the_directory_pages_a_changed_page_links_to(project: Path) -> None:
    out = project / "out-linked"
    generate(_settings(project), out)
    edited = _generate_with_edit(project, out, project / "docs" / "en" / "guides" / "client-centered-intake.md",
                                 "## Steps {#steps}", "## Steps, edited {#steps}")
    assert "docs/en/guides/client-centered-intake.md" in edited.written
    skip = edited.unchanged_directory_pages()
    assert "en/directory/resources/iom-caring-for-trafficked-persons.md" not in skip  # the guide links to it
    assert "en/directory/organizations/chab-dai.md" in skip


def test_generate_stops_on_any_error_and_writes_nothing(project: Path, tmp_path: Path) -> None:
    broken = tmp_path / "docs"
    shutil.copytree(project / "docs", broken)
    page = broken / "fr" / "about.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    (broken / "en" / "notes.html").write_text("<p>x</p>", encoding="utf-8")
    result = generate(Settings(broken, project / "directory"), tmp_path / "out")
    texts = [p.text() for p in result.errors]
    assert any(t.startswith("docs/fr/about.md:2:1: error: ") and "titel" in t for t in texts), texts
    assert any(t.startswith("docs/en/notes.html:1:1: error: ") for t in texts), texts
    assert not (tmp_path / "out").exists()


def test_markdown_lets_a_generated_page_through_untouched() -> None:
    md = markdown.Markdown(extensions=["popatlas.mdx", "abbr", "md_in_html", "toc"])
    html = '<h1>A *b*</h1>\n<p>[x](javascript:alert(1)) **y**</p>\n\n<div>\n\n    not code\n</div>'
    assert md.convert(f"\n{PASSTHROUGH}\n{html}") == html
    assert "<em>b</em>" in md.reset().convert("<p>x</p>\n\n# A *b*")  # without the line: Markdown as usual


RULES = PageRules("en", "en", False, "Search", frozenset({"var ok=1"}), True)
PAGE = ('<html lang="en"><head>' + safety.CSP_META_START + safety.CSP_PLACEHOLDER + '">'
        '<link rel="alternate" href="/es/" hreflang="es">\n<script>var ok=1</script></head><body>'
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'
        '<div class="md-search" data-md-component="search" role="dialog"></div>'
        '<article class="md-content__inner md-typeset">{}</article></body></html>')


def test_harden_fills_the_policy_and_repairs_the_theme() -> None:
    done = harden_page(PAGE.format('<p><a href="https://example.org/">out</a></p>'), RULES)
    assert done.errors == []
    assert safety.CSP_PLACEHOLDER not in done.html and safety.policy(["var ok=1"]) in done.html
    assert 'hreflang' not in done.html and 'autocomplete' not in done.html
    assert '<a href="https://example.org/" rel="noopener noreferrer">' in done.html
    assert 'role="dialog" aria-label="Search"' in done.html


@pytest.mark.parametrize("content, error", [
    ("<!-- popatlas:directory-home -->", "a marker was not expanded"),
    ('<img src="https://cdn.example/x.png" alt="">', "loads from another host"),
    ('<p style="background:url(//cdn.example/x.png)">x</p>', "from another host"),
    ("<script>alert(1)</script>", "an inline script that is not one of the theme's own"),
    ('<a class="pa-exit__link" href="#">x</a>', "the site's own layout classes"),
])
def test_harden_refuses_what_would_be_unsafe(content: str, error: str) -> None:
    assert any(error in e for e in harden_page(PAGE.format(content), RULES).errors)


def test_harden_refuses_a_page_whose_policy_is_missing() -> None:
    page = PAGE.replace(safety.CSP_META_START + safety.CSP_PLACEHOLDER + '">', "").format("<p>x</p>")
    assert any("no Content-Security-Policy" in e for e in harden_page(page, RULES).errors)


def test_the_config_names_the_languages_the_package_builds() -> None:
    config = read_config(ROOT / "mkdocs.yml")
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    assert tuple(l["locale"] for l in i18n["languages"]) == LANGUAGES
    assert config["docs_dir"] == "build/source/docs" and config["extra"]["popatlas_docs"] == "docs"


# Found by trying to break harden: each must be refused (or survive) as a browser would read it.
# Raw HTML that the standard parser reads differently from a browser: refused in the page's source.
PARSER_TRAPS = [
    '<!-->\n<meta http-equiv="refresh" content="0;url=https://evil.example/">\n<!-- -->',
    'x <![CDATA[ > <meta http-equiv="refresh" content="0;url=https://evil.example/"> ]]> y',
    '<textarea><script src="/a.js"></textarea><img src="https://evil.example/x.png"></script>',
    '<script src="/a.js"></script x><meta http-equiv=refresh content="0;url=https://evil.example/"></script>',
    '<p\x00 style="position:fixed;inset:0">x</p>',
    '<div>\n<![foo[x]]>\n</div>',
    'para</article><meta http-equiv="refresh" content="0;url=https://evil.example/">',
]


@pytest.mark.parametrize("content", PARSER_TRAPS, ids=range(len(PARSER_TRAPS)))
def test_raw_html_the_parser_misreads_is_refused_in_the_page(content: str, tmp_path: Path) -> None:
    from popatlas.frontmatter import check_page
    page = tmp_path / "p.md"
    page.write_text(f"---\ntitle: T\n---\n\nText.\n\n{content}\n", encoding="utf-8")
    problems = check_page(page, "docs/es/p.md")
    assert any(p.line in (7, 8) and "is not allowed in a page" in p.message for p in problems), problems


SMUGGLED = [
    '<img src="/\t/evil.example/b.png">',
    '<img src="ht\ttps://evil.example/b.png">',
    '<img src="\x01//evil.example/b.png">',
    '<table background="https://evil.example/a.png"><tr><td>x</td></tr></table>',
    'para</article><meta http-equiv="refresh" content="0;url=https://evil.example/">',  # if it got this far
    '<div>\n<abbr title="t">a</abbr> <<abbr title="t">meta http-equiv=refresh content=0;url=https://evil.example/</abbr>>\n</div>',
]


@pytest.mark.parametrize("content", SMUGGLED, ids=range(len(SMUGGLED)))
def test_content_that_hides_from_the_parser_is_refused(content: str) -> None:
    done = harden_page(PAGE.format(content), RULES)
    assert [e for e in done.errors if "theme no longer" not in e], done.html


def test_a_marked_section_the_parser_refuses_is_an_error_not_a_crash() -> None:
    done = harden_page(PAGE.format("<div>\n<![foo[x]]>\n</div>"), RULES)  # no traceback
    assert "<div>\n<![foo[x]]>\n</div>" in done.html and not [e for e in done.errors if "could not be read" in e]


def test_a_rewritten_link_keeps_its_address_as_written() -> None:
    link = '<a href="https://ok.example/?a=1&region=eu&copy=2">x</a>'
    done = harden_page(PAGE.format(link), RULES)
    assert '<a href="https://ok.example/?a=1&region=eu&copy=2" rel="noopener noreferrer">' in done.html


def test_hostile_shapes_stay_fast() -> None:
    """Shapes that make a backtracking pattern take minutes take this process well under a second of
    CPU (its own CPU time, so a busy machine does not make the test fail)."""
    import time
    for content in ('<p style="' + "url(" * 50000 + '">x</p>', "< " * 100000):
        started = time.process_time()
        harden_page(PAGE.format(content), PageRules("en", "en", False, "Search", frozenset(), False))
        assert time.process_time() - started < 5


def test_the_pass_through_line_cannot_be_smuggled_into_a_page(tmp_path: Path) -> None:
    from popatlas.frontmatter import check_page
    for line in ("   <!--\tpopatlas:generated-html -->", "<!-- popatlas:generated\x02-html -->", PASSTHROUGH):
        page = tmp_path / "p.md"
        page.write_text(f"---\ntitle: T\n---\n\n{line}\n<p>x</p>\n", encoding="utf-8")
        assert any("reserved for generated pages" in p.message for p in check_page(page, "docs/en/p.md")), line


def test_an_unknown_marker_is_a_located_error(project: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(project / "docs", docs)
    page = docs / "en" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- popatlas:no-such-thing -->\n", encoding="utf-8")
    result = generate(Settings(docs, project / "directory"), tmp_path / "out")
    assert any("unknown marker popatlas:no-such-thing" in p.text() and p.path.endswith("en/about.md") for p in result.errors)


def test_country_cards_can_be_limited_and_every_linked_card_is_still_made(project: Path) -> None:
    """`extra.popatlas_country_cards: [TD]`: Chad's card, and the card of every country an entry
    serves (entry pages link to them), in every language; no other region's."""
    from popatlas.directory import load_directory
    served = {c.lower() for e in load_directory(project / "directory").entries for c in e.countries}
    out = project / "out-cards"
    result = generate(Settings(project / "docs", project / "directory", country_cards=("TD",)), out)
    assert result.errors == []
    for lang in LANGUAGES:
        cards = {p.stem for p in (out / "docs" / lang / "directory" / "countries").glob("*.md")} - {"index"}
        assert cards == served | {"td"}, lang
        help_page = (out / "docs" / lang / "get-help.md").read_text(encoding="utf-8")
        listed = set(re.findall(r"countries/([a-z]{2})\b", help_page))  # the country list, to the cards
        assert "td" in listed and listed <= cards, (lang, listed - cards)


@pytest.mark.parametrize("value, message", [
    ("KE", "expected a list of region codes, got 'KE' (write for example [KE, TD], or leave the setting out "
           "for every region)"),
    ([], "expected a list of region codes, got [] (write for example [KE, TD], or leave the setting out for every "
         "region)"),
    (["KE", "XX", "ke"], "'XX', 'ke' are not region codes (use two capital letters from ISO 3166-1, such as KE)"),
    ([False, "KE"], "False is not a region code (use two capital letters from ISO 3166-1, such as KE) (YAML reads "
                    "an unquoted NO as false: write 'NO' for Norway)"),
])
def test_a_wrong_country_cards_setting_is_named_with_its_line(tmp_path: Path, value: object, message: str) -> None:
    from popatlas.generate import SettingsError, settings_from_config
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\nextra:\n  popatlas_country_cards: {json.dumps(value)}\n", encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        settings_from_config(config, {"popatlas_country_cards": value}, True)
    assert str(caught.value) == f"mkdocs.yml:3: error: extra.popatlas_country_cards: {message}"
    run = subprocess.run([sys.executable, "-m", "popatlas.cli", "generate", "--config", str(config)],
                         capture_output=True, text=True)
    assert run.returncode == 2 and str(caught.value) in run.stdout and "Traceback" not in run.stderr
