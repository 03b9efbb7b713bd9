"""Hostile input, one attack per test: the sanitising policy, CSV cells, the CSP allow-list,
page-content audit, one-line problem output, the directory walk, `new` and `stamp`."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from popatlas import csvsafe, exports, safety, sanitize
from popatlas.cli import main
from popatlas.directory import load_directory
from popatlas.new import create
from popatlas.problems import Problem, format_problems
from popatlas.translations import StampRefused, stamp_entry

from ..conftest import ROOT

HAART = ROOT / "directory" / "organizations" / "ke" / "haart.yml"

# --- one sanitising policy ------------------------------------------------------------------

ATTACKS = {
    "link title with markup": '[x](https://ok.example/ "<style>.pa-exit{display:none}</style>")',
    "link title with refresh": '[x](https://ok.example/ "<meta http-equiv=refresh content=1;url=https://evil.example/>")',
    "mailto bcc": "[Email us](mailto:help@x.org?bcc=spy%40evil.example)",
    "mailto two recipients": "[Email us](mailto:help@x.org,spy@evil.example)",
    "protocol-relative": "[a](//evil.example/)",
    "credentials": "[a](https://user:pass@evil.example/)",
    "backslashes": "[a](https:\\\\evil.example/)",
    "javascript": "[a](javascript:alert(1))",
    "data": "[a](data:text/html,<script>alert(1)</script>)",
    "relative path": "[a](../../admin/)",
    "raw html with lang and style": '<p lang="ar" style="position:fixed;inset:0" class="pa-exit">x</p>',
    "raw anchor with title": '<a href="https://ok.example/" title="<img src=x onerror=alert(1)>">x</a>',
    "script": "<script>alert(1)</script>",
    "comment": "<!-- <script>alert(1)</script> -->",
}


@pytest.mark.parametrize("name", ATTACKS)
def test_sanitised_html_keeps_only_safe_tags_attributes_and_links(name: str) -> None:
    html = str(sanitize.markdown_html(ATTACKS[name]))
    for bad in ("title=", "lang=", "style=", "class=", "<script", "<style", "<meta", "<!--", "javascript:", "data:"):
        assert bad not in html, (name, html)
    for href in [part.split('"', 1)[0] for part in html.split('href="')[1:]]:
        assert sanitize.link_problem(href, mail=True) == "", (name, href)


def test_a_refused_link_keeps_its_words_but_is_no_longer_a_link() -> None:
    html = str(sanitize.markdown_html("Write to [us](mailto:help@x.org?bcc=spy%40evil.example) or [them](//evil.example/)."))
    assert html == "<p>Write to us or them.</p>"


@pytest.mark.parametrize("name", ATTACKS)
def test_the_validator_reports_what_the_sanitiser_would_remove(name: str) -> None:
    assert sanitize.markdown_problems(ATTACKS[name]), name


def test_safe_markdown_is_kept_and_reported_clean() -> None:
    text = "We *help* people. [Our site](https://www.haartkenya.org/) or [mail](mailto:info@haartkenya.org).\n\n- one\n- two"
    assert sanitize.markdown_problems(text) == []
    html = str(sanitize.markdown_html(text))
    assert '<a href="https://www.haartkenya.org/" rel="noopener noreferrer nofollow">Our site</a>' in html
    assert 'href="mailto:info@haartkenya.org"' in html and "<em>help</em>" in html and "<li>two</li>" in html


@pytest.mark.parametrize("url, mail, allowed", [
    ("https://www.example.org/path?q=1#top", False, True),
    ("https://bücher.example/", False, True),  # internationalised: a warning for reviewers, not an error
    ("mailto:info@example.org", True, True),
    ("mailto:info@example.org", False, False),
    ("mailto:info@example.org?subject=hi", True, False),
    ("mailto:info@example.org%3Fbcc=x", True, False),
    ("//evil.example/", False, False),
    ("https:/evil.example/", False, False),
    ("https:evil.example", False, False),
    ("HTTPS://evil.example/", False, False),
    ("https://user@evil.example/", False, False),
    ("https://evil.example\\@ok.example/", False, False),
    ("https://127.0.0.1/", False, False),
    ("https://localhost/", False, False),
    ("https://evil.example:99999/", False, False),
    (" https://evil.example/", False, False),
    ("https://evil.example/\u0000", False, False),
])
def test_link_rule(url: str, mail: bool, allowed: bool) -> None:
    assert (sanitize.link_problem(url, mail=mail) == "") is allowed


def test_a_taxonomy_label_is_inert_inside_generated_markdown() -> None:
    label = '[Kind](https://evil.example/){: onclick="alert(1)" style="position:fixed;inset:0" }'
    html = markdown.markdown(f"- [A guide](a.md) ({sanitize.markdown_text(label)})", extensions=["attr_list"])
    assert html.count("<a") == 1  # only the real link
    assert not re.search(r"<[^>]*\s(onclick|style)=", html), html
    assert "evil.example" in html  # shown as text, not dropped


def test_the_schema_email_rule_is_the_sanitisers() -> None:
    schema = json.loads((ROOT / "schemas" / "organization.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["email"]["pattern"] == sanitize.EMAIL.pattern


# --- CSV ------------------------------------------------------------------------------------

@pytest.mark.parametrize("cell", ["=1+1", "+1+cmd|' /C calc'!A0", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "＝1+1"])
def test_every_formula_start_is_neutralised(cell: str) -> None:
    assert csvsafe.cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["HAART", "2010", "", "a=b", 2010])
def test_other_cells_are_unchanged(cell: object) -> None:
    assert csvsafe.cell(cell) == cell


def test_exports_neutralise_every_cell() -> None:
    d = load_directory(ROOT / "directory")
    import csv
    import io
    for text in (exports.organizations_csv(d), exports.resources_csv(d)):
        for row in csv.reader(io.StringIO(text)):
            assert not any(c and c[0] in csvsafe.FORMULA_START for c in row), row


# --- CSP and page content ---------------------------------------------------------------------

THEME_DIRS = [ROOT / "overrides", Path(__import__("material").__file__).parent / "templates"]


def test_only_the_themes_own_inline_scripts_get_a_hash() -> None:
    allowed = safety.theme_inline_scripts(THEME_DIRS)
    assert any(body.startswith("__md_scope=new URL(document.currentScript") for body in allowed)
    html = f"{safety.CSP_META_START}{safety.CSP_PLACEHOLDER}\"><script>{next(iter(allowed))}</script><script>alert(1)</script>"
    out, refused = safety.with_csp(html, allowed)
    assert refused == ["alert(1)"]
    assert out.count("'sha256-") == 1 and safety._hash("alert(1)") not in out


@pytest.mark.parametrize("html, expected", [
    ("<style>.pa-exit{display:none}</style>", "<style> is not allowed in page content"),
    ('<meta http-equiv="refresh" content="1;url=https://evil.example/">', "<meta> is not allowed in page content"),
    ("<script>alert(1)</script>", "an inline <script> is not allowed in page content"),
    ('<a href="https://ok.example/" style="position:fixed;inset:0">Call</a>', "<a style=...> is not allowed in page content"),
    ('<a href="https://ok.example/" onclick="x()">x</a>', "<a onclick=...> is not allowed in page content"),
    ('<a href="//evil.example/">x</a>', '<a href="//evil.example/">: only full https:// addresses are allowed'),
    ('<a class="md-header pa-exit__link" href="#">x</a>', "<a class=\"md-header\">: the site's own layout classes are not allowed in page content"),
    ('<div id="__config"></div>', '<div id="__config">: ids starting with __ belong to the theme'),
    ('<button popovertarget="x">x</button>', "<button popovertarget=...> is not allowed in page content"),
])
def test_page_content_audit(html: str, expected: str) -> None:
    assert expected in safety.content_problems(html)


def test_page_content_audit_accepts_the_sites_own_markup() -> None:
    ok = ('<p><a href="../guides/">Guides</a> <a href="https://www.safehorizon.org/">Safe Horizon</a> '
          '<a href="tel:+18883737888">call</a> <a class="md-button" href="#top">top</a></p>'
          '<script src="../assets/javascripts/self-assessment.js"></script>')
    assert safety.content_problems(ok) == []


# --- one problem, one line --------------------------------------------------------------------

@pytest.mark.parametrize("brk", ["\n", "\r", "\r\n", "\v", "\f", "\x85", "\u2028", "\u2029", "\x1e"])
def test_a_value_can_never_start_another_line_or_workflow_command(brk: str) -> None:
    p = Problem(f"a{brk}b.yml", 1, 1, f"name{brk}x", f"'x{brk}::warning file=x::fake' is wrong", f"hint{brk}%")
    for fmt in ("text", "github"):
        out = format_problems([p], fmt)
        assert len(out.splitlines()) == 1, (fmt, out)
    assert "%25" in format_problems([p], "github")


# --- the directory walk ---------------------------------------------------------------------

@pytest.fixture
def tree(tmp_path: Path) -> Path:
    directory = tmp_path / "directory"
    shutil.copytree(ROOT / "directory", directory)
    return directory


def _messages(directory: Path) -> dict[str, str]:
    return {p.path.split("directory/", 1)[-1]: p.message for p in load_directory(directory).problems}


def test_links_hidden_files_and_other_extensions_are_named_never_read(tree: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yml"
    shutil.copy(HAART, outside)
    (tree / "organizations" / "ke" / "passwd.yml").symlink_to("/etc/passwd")
    (tree / "organizations" / "ke" / "copy.yml").symlink_to(outside)
    (tree / "organizations" / "zz").symlink_to(tmp_path)
    (tree / "resources" / ".hidden.yml").write_text("id: x\n", encoding="utf-8")
    (tree / "resources" / "notes.txt").write_text("notes\n", encoding="utf-8")
    shutil.copy(tree / "resources" / "chab-dai-charter.yml", tree / "resources" / "loud.YML")
    found = _messages(tree)
    assert found["organizations/ke/passwd.yml"].startswith("this file is a symbolic link")
    assert found["organizations/ke/copy.yml"].startswith("this file is a symbolic link")
    assert found["organizations/zz"].startswith("this folder is a symbolic link")
    assert found["resources/.hidden.yml"].startswith("hidden file")
    assert found["resources/notes.txt"].startswith("'notes.txt' is not a directory entry")
    assert "loud.YML" in found["resources/loud.YML"]
    assert not any("root:" in m for m in found.values())  # nothing of the linked file was read


def test_validate_a_file_from_another_folder_reports_its_problems(tree: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    broken = tree / "organizations" / "ke" / "haart.yml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("status: active", "status: open"), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["validate", str(broken)]) == 1
    assert "'open' is not one of the allowed values" in capsys.readouterr().out
    link = tmp_path / "link.yml"
    link.symlink_to(broken)  # a link outside the folder is not the file inside it
    monkeypatch.chdir(tree.parent)
    assert main(["validate", "directory/organizations/ke/haart.yml"]) == 1


@pytest.mark.parametrize("body", [
    b"a: &a [x,x,x,x,x,x,x,x,x]\n" + b"".join(b"%c: &%c [%s]\n" % (98 + i, 98 + i, b",".join([b"*%c" % (97 + i)] * 9))
                                             for i in range(8)),
    b"[" * 200_000,
    b"a: &a [x]\n" * 40_000,  # 1 MB of anchors
    b"[" * (1 << 20),
])
def test_hostile_yaml_answers_fast_and_small(tree: Path, body: bytes) -> None:
    target = tree / "organizations" / "ke" / "bomb.yml"
    target.write_bytes(body)
    # Peak memory from VmHWM, which starts afresh at exec (ru_maxrss would include the test runner's).
    script = ("import re, sys, time; from popatlas.cli import main; t = time.perf_counter(); "
              "code = main(['validate', sys.argv[1]]); seconds = time.perf_counter() - t; "
              "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1]; "
              "print('STATS', seconds, hwm)")
    result = subprocess.run([sys.executable, "-c", script, str(target)], capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stderr, result.stderr
    assert "bomb.yml:1:" in result.stdout or "bomb.yml:" in result.stdout
    stats = result.stdout.rsplit("STATS", 1)[1].split()
    seconds, peak_kb = float(stats[0]), int(stats[1])
    assert seconds < 2 and peak_kb < 200 * 1024, (seconds, peak_kb)


# --- new and stamp --------------------------------------------------------------------------

def test_new_makes_an_id_from_any_script_and_refuses_empty_or_unsafe_ones(tree: Path) -> None:
    path = create(tree, "organization", {"name": "منظمة الأمل", "country": "KE"})
    assert path.name == "mnzm-lml.yml" and path.parent == tree / "organizations" / "ke"
    with pytest.raises(ValueError, match="--id"):
        create(tree, "organization", {"name": "🙂🙂", "country": "KE"})
    with pytest.raises(ValueError, match="not a slug"):
        create(tree, "organization", {"name": "x", "id": "../../evil", "country": "KE"})
    with pytest.raises(ValueError, match="two-letter"):
        create(tree, "organization", {"name": "Good", "country": "../"})


def test_stamp_keeps_flow_style_and_comments(tree: Path) -> None:
    path = tree / "organizations" / "ke" / "haart.yml"
    text = path.read_text(encoding="utf-8")
    head, _ = text.split("translations:", 1)
    path.write_text(head + "translations: {fr: 0000aaaa}  # kept\n", encoding="utf-8")
    value = stamp_entry(path, "es")
    after = path.read_text(encoding="utf-8")
    assert after.startswith(head) and after[len(head):].split("#")[0].strip() == f"translations: {{fr: 0000aaaa, es: {value}}}"
    assert after.rstrip().endswith("# kept")
    assert load_directory(tree).problems == []


def test_stamp_refuses_an_invalid_entry_without_a_traceback(tree: Path) -> None:
    path = tree / "organizations" / "ke" / "haart.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: active", "status: [open"), encoding="utf-8")
    with pytest.raises(StampRefused) as refused:
        stamp_entry(path, "es")
    assert refused.value.problems[0].path.endswith("haart.yml")
    result = subprocess.run([sys.executable, "-m", "popatlas.cli", "stamp", str(path), "--lang", "es"],
                            capture_output=True, text=True, cwd=tree.parent, env={**os.environ})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "haart.yml:" in result.stdout and "not stamped" in result.stderr
