"""popatlas.yamlload (strict YAML with positions) and popatlas.problems (the three output formats)."""
from __future__ import annotations

import json

import pytest

from popatlas.problems import Problem, format_problems, summary
from popatlas.yamlload import field_path, load_file, load_text

ENTRY = b"""\
# yaml-language-server: $schema=../../../schemas/organization.schema.json
id: haart
phones:
  - number: "+254700123456"
    kind: voice
    languages: [en, sw]
description:
  en: >-
    A Kenyan organization.
added: 2026-11-23
founded: 2010
toll_free: true
empty:
"""


@pytest.fixture(scope="module")
def entry():
    loaded = load_text("x.yml", ENTRY)
    assert loaded.problems == []
    return loaded


# --- values and positions -----------------------------------------------------------------------

def test_values_are_plain_python(entry) -> None:
    assert entry.data == {
        "id": "haart",
        "phones": [{"number": "+254700123456", "kind": "voice", "languages": ["en", "sw"]}],
        "description": {"en": "A Kenyan organization."},
        "added": "2026-11-23",  # an unquoted date stays text: the schema checks it
        "founded": 2010,
        "toll_free": True,
        "empty": None,
    }


@pytest.mark.parametrize("path, position", [
    ((), (2, 1)),  # the mapping starts at its first key, after the comment
    (("id",), (2, 5)),
    (("phones",), (4, 3)),  # a block list starts at its first '-'
    (("phones", 0), (4, 5)),
    (("phones", 0, "number"), (4, 13)),  # the opening quote
    (("phones", 0, "kind"), (5, 11)),
    (("phones", 0, "languages"), (6, 16)),  # the '['
    (("phones", 0, "languages", 1), (6, 21)),
    (("description", "en"), (8, 7)),  # the '>-' of a folded scalar
    (("added",), (10, 8)),
    (("founded",), (11, 10)),
    (("empty",), (13, 7)),  # a null value sits just after the colon and space
])
def test_value_positions(entry, path, position) -> None:
    assert entry.values[path] == position
    assert entry.where(path) == position


@pytest.mark.parametrize("path, position", [
    (("id",), (2, 1)),
    (("phones",), (3, 1)),
    (("phones", 0, "number"), (4, 5)),
    (("phones", 0, "kind"), (5, 5)),
    (("phones", 0, "languages"), (6, 5)),
    (("description", "en"), (8, 3)),
])
def test_key_positions(entry, path, position) -> None:
    assert entry.keys[path] == position
    assert entry.where(path, key=True) == position


def test_where_falls_back_to_the_nearest_parent(entry) -> None:
    assert entry.where(("phones", 0, "hours")) == (4, 5)  # the phone item
    assert entry.where(("phones", 0, "hours"), key=True) == (4, 5)
    assert entry.where(("phones", 3)) == (4, 3)  # the list
    assert entry.where(("phones", 0, "languages", 5)) == (6, 16)
    assert entry.where(("website",)) == (2, 1)  # the file's first field
    assert entry.where(("phones",), key=True) == (3, 1)
    assert entry.where(("added",), key=True) == (10, 1)


def test_where_without_data_is_line_1() -> None:
    assert load_text("x.yml", b"").where(("id",)) == (1, 1)


def test_flow_mappings_and_lists_have_positions() -> None:
    loaded = load_text("x.yml", b"label: {en: Advocacy, es: Incidencia}\nlist: [a, {b: c}]\n")
    assert loaded.problems == []
    assert loaded.values[("label", "es")] == (1, 27)
    assert loaded.keys[("label", "es")] == (1, 23)
    assert loaded.values[("list", 1, "b")] == (2, 15)


def test_aliases_are_refused_before_anything_is_built() -> None:
    loaded = load_text("x.yml", b"a: &x text\nb: *x\n")
    assert loaded.data is None
    assert [(p.line, p.col, p.field, p.message) for p in loaded.problems] == [
        (1, 4, "a", "YAML anchors and aliases (&x) are not allowed"),
        (2, 4, "b", "YAML anchors and aliases (*x) are not allowed")]


def test_a_byte_order_mark_is_ignored() -> None:
    loaded = load_text("x.yml", "\ufeffid: haart\n".encode("utf-8"))
    assert (loaded.data, loaded.problems, loaded.values[("id",)]) == ({"id": "haart"}, [], (1, 5))


def test_load_file_uses_the_display_path(tmp_path) -> None:
    path = tmp_path / "haart.yml"
    path.write_bytes(b"id: [haart\n")
    assert load_file(path, "directory/organizations/ke/haart.yml").problems[0].path == \
        "directory/organizations/ke/haart.yml"
    assert load_file(path).path == path.as_posix()


@pytest.mark.parametrize("path, name", [
    ((), ""),
    (("id",), "id"),
    (("phones", 0, "number"), "phones[0].number"),
    (("phones", 0, "languages", 1), "phones[0].languages[1]"),
    (("description", "en"), "description.en"),
])
def test_field_path(path, name) -> None:
    assert field_path(path) == name


# --- what strict loading rejects ----------------------------------------------------------------

def one_problem(raw: bytes) -> Problem:
    loaded = load_text("x.yml", raw)
    assert len(loaded.problems) == 1, loaded.problems
    return loaded.problems[0]


def test_duplicate_key_points_at_the_second_one() -> None:
    p = one_problem(b"id: a\nphones:\n  - number: '+1'\n    kind: voice\n    number: '+2'\n")
    assert (p.line, p.col, p.field) == (5, 5, "phones[0].number")
    assert p.message == "duplicate field 'number' (first given on line 3)"


def test_duplicate_key_keeps_the_first_value() -> None:
    assert load_text("x.yml", b"a: 1\na: 2\n").data == {"a": 1}


@pytest.mark.parametrize("word", ["yes", "no", "No", "NO", "on", "off", "y", "n", "Yes"])
def test_yaml_1_1_booleans_are_rejected(word: str) -> None:
    raw = f"id: a\nlanguages: [en, {word}]\n".encode()
    loaded = load_text("x.yml", raw)
    if word in ("y", "n"):  # PyYAML, like YAML 1.2, reads these as text
        assert loaded.problems == [] and loaded.data["languages"] == ["en", word]
        return
    [p] = loaded.problems
    assert (p.line, p.col, p.field) == (2, 17, "languages[1]")
    assert p.message == f"'{word}' is read as a yes/no value by some YAML tools"
    assert f'"{word}"' in p.hint


@pytest.mark.parametrize("word, value", [("true", True), ("false", False), ("True", True), ("FALSE", False)])
def test_true_and_false_are_accepted(word: str, value: bool) -> None:
    loaded = load_text("x.yml", f"toll_free: {word}\n".encode())
    assert (loaded.problems, loaded.data) == ([], {"toll_free": value})


def test_quoted_no_is_text() -> None:
    loaded = load_text("x.yml", b'languages: ["no", \'yes\']\n')
    assert (loaded.problems, loaded.data) == ([], {"languages": ["no", "yes"]})


def test_every_tab_is_reported_and_nothing_is_parsed() -> None:
    loaded = load_text("x.yml", b"a: 1\n\tb: 2\nc:\t3\n")
    assert [(p.line, p.col, p.message) for p in loaded.problems] == [(2, 1, "tab character"), (3, 3, "tab character")]
    assert loaded.data is None


def test_non_utf8_bytes_are_located() -> None:
    p = one_problem("id: haart\nname: Asociación\n".encode("latin-1"))
    assert (p.line, p.col, p.field, p.message) == (2, 15, "", "the file is not UTF-8 text")


def test_non_utf8_on_the_first_line() -> None:
    p = one_problem(b"\xff\xfei\x00d\x00")  # UTF-16 with its byte order mark
    assert (p.line, p.col) == (1, 1)


@pytest.mark.parametrize("raw", [b"", b"\n\n", b"   \n", b"# only a comment\n", b"# one\n\n  # two\n"])
def test_empty_files(raw: bytes) -> None:
    p = one_problem(raw)
    assert (p.line, p.col, p.message) == (1, 1, "the file is empty")


@pytest.mark.parametrize("raw, position", [
    (b"- id: haart\n", (1, 1)),
    (b"# comment\n- id: haart\n", (2, 1)),
    (b"just some text\n", (1, 1)),
])
def test_top_level_must_be_a_mapping(raw: bytes, position) -> None:
    p = one_problem(raw)
    assert (p.line, p.col) == position
    assert p.message.startswith("the file must be a set of fields such as 'id: my-org'")


def test_an_explicit_empty_document_is_empty() -> None:
    p = one_problem(b"---\n")
    assert (p.line, p.col, p.message) == (1, 1, "the file is empty")


@pytest.mark.parametrize("raw, position", [
    (b"id: haart\nname: HAART: Kenya\n", (2, 12)),
    (b"id: haart\n  name: HAART\n", (2, 7)),
    (b"id: haart\nname: \"HAART\n", (3, 1)),
])
def test_syntax_errors_are_located(raw: bytes, position) -> None:
    p = one_problem(raw)
    assert (p.line, p.col, p.field) == (*position, "")
    assert p.message.startswith("YAML syntax error: ")


def test_two_documents_in_one_file() -> None:
    p = one_problem(b"a: 1\n---\nb: 2\n")
    assert (p.line, p.col, p.message) == (2, 1, "the file holds more than one YAML document")


def test_unknown_tags_are_rejected() -> None:
    p = one_problem(b"id: !!python/name:os.system x\n")
    assert p.field == "id" and "is not allowed" in p.message


def test_merge_keys_are_rejected() -> None:
    p = one_problem(b"loc:\n  <<: {city: Nairobi}\n  country: KE\n")
    assert (p.line, p.col, p.field) == (2, 3, "loc")
    assert p.message == "merge keys (<<) are not supported"


def test_keys_must_be_text() -> None:
    p = one_problem(b"id: a\n[en, sw]: languages\n")
    assert (p.line, p.col, p.message) == (2, 1, "a field name must be plain text")


def test_problems_are_collected_not_raised() -> None:
    loaded = load_text("x.yml", b"a: yes\nb: no\nc: 1\nc: 2\n")
    assert [(p.line, p.field) for p in loaded.problems] == [(1, "a"), (2, "b"), (4, "c")]


# --- problems and their formats -----------------------------------------------------------------

P = Problem("directory/organizations/ke/haart.yml", 14, 13, "phones[0].number", "'+1' is not valid", "check it")


def test_text_format() -> None:
    assert P.text() == "directory/organizations/ke/haart.yml:14:13: error: phones[0].number: '+1' is not valid (check it)"


def test_text_format_without_field_or_hint() -> None:
    p = Problem("a.yml", 1, 1, "", "the file is empty")
    assert p.text() == "a.yml:1:1: error: the file is empty"
    assert Problem("a.yml", 2, 3, "id", "x", severity="warning").text() == "a.yml:2:3: warning: id: x"


def test_github_format() -> None:
    assert P.github() == ("::error file=directory/organizations/ke/haart.yml,line=14,col=13,title=phones[0].number::"
                          "phones[0].number: '+1' is not valid (check it)")


def test_github_format_escapes_data_and_properties() -> None:
    p = Problem("dir/a,b:c.yml", 3, 4, "description.en", "100% sure\r\nnot: here, really", "fix, it")
    assert p.github() == ("::error file=dir/a%2Cb%3Ac.yml,line=3,col=4,title=description.en::"
                          "description.en: 100%25 sure%0D%0Anot: here, really (fix, it)")


def test_github_format_of_a_file_problem_and_a_warning() -> None:
    assert Problem("a.yml", 1, 1, "", "the file is empty").github() == \
        "::error file=a.yml,line=1,col=1,title=file::the file is empty"
    assert Problem("a.yml", 1, 1, "id", "x", severity="warning").github().startswith("::warning file=a.yml,")


def test_format_problems_sorts_by_file_then_position() -> None:
    problems = [Problem("b.yml", 1, 1, "", "b"), Problem("a.yml", 10, 1, "", "late"), Problem("a.yml", 2, 9, "", "x"),
                Problem("a.yml", 2, 3, "", "y")]
    assert format_problems(problems).splitlines() == [
        "a.yml:2:3: error: y", "a.yml:2:9: error: x", "a.yml:10:1: error: late", "b.yml:1:1: error: b"]
    assert [line.split(",")[1:3] for line in format_problems(problems, "github").splitlines()] == [
        ["line=2", "col=3"], ["line=2", "col=9"], ["line=10", "col=1"], ["line=1", "col=1"]]


def test_json_format() -> None:
    warning = Problem("a.yml", 1, 1, "name", "Café <b>", "hint", severity="warning")
    report = json.loads(format_problems([P, warning], "json"))
    assert report == {
        "problems": [
            {"path": "a.yml", "line": 1, "col": 1, "field": "name", "message": "Café <b>", "hint": "hint",
             "severity": "warning"},
            {"path": P.path, "line": 14, "col": 13, "field": "phones[0].number", "message": "'+1' is not valid",
             "hint": "check it", "severity": "error"},
        ],
        "errors": 1,
        "warnings": 1,
    }
    assert "Café" in format_problems([warning], "json")  # not \u00e9


def test_json_format_with_no_problems() -> None:
    assert json.loads(format_problems([], "json")) == {"problems": [], "errors": 0, "warnings": 0}


@pytest.mark.parametrize("problems, files, text", [
    ([], 1, "1 file checked: no problems"),
    ([], 33, "33 files checked: no problems"),
    ([P], 2, "2 files checked: 1 error, 0 warnings"),
    ([P, P, Problem("a", 1, 1, "", "w", severity="warning")], 2, "2 files checked: 2 errors, 1 warning"),
])
def test_summary(problems, files, text) -> None:
    assert summary(problems, files) == text
