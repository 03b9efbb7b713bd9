"""`popatlas validate` against small broken files, one mistake each, and against the real directory.

Each fixture in tests/fixtures/invalid/ is a trimmed copy of a real entry with exactly one mistake;
expected.yml says where the test puts it and the exact lines the validator must print.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from popatlas import cli
from popatlas.problems import Problem

from ..conftest import ROOT
from ..fixture_sets import assert_both_ways, assert_spec_shape, stems

FIXTURES = ROOT / "tests" / "fixtures" / "invalid"
EXPECTED: dict[str, dict] = yaml.safe_load((FIXTURES / "expected.yml").read_text(encoding="utf-8"))
STEMS = stems(FIXTURES)
TAXONOMY = ROOT / "directory" / "taxonomy.yml"
TODAY = dt.date(2026, 11, 23)
PROBLEM_LINE = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): ")
# Fixtures whose id deliberately differs from the file name they are placed at.
ID_MISMATCH = {"id_not_file_name", "id_not_slug", "file_name_not_slug"}


@pytest.fixture
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Validate as if today were TODAY, so 'in the future' messages do not change with the calendar."""
    real = cli.load_directory
    monkeypatch.setattr(cli, "load_directory", lambda root: real(root, today=TODAY))


def make_tree(base: Path, files: dict[str, bytes | str]) -> Path:
    """<base>/directory/ with the real taxonomy.yml and `files` (place -> content)."""
    directory = base / "directory"
    directory.mkdir(parents=True)
    shutil.copyfile(TAXONOMY, directory / "taxonomy.yml")
    for place, content in files.items():
        target = directory / place
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return directory


def validate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run `popatlas validate directory [args]` in-process; a crash fails the test with its cause."""
    try:
        code = cli.main(["validate", "directory", *args])
    except Exception as exc:  # noqa: BLE001 - any exception is a crash the user would see as a traceback
        pytest.fail(f"popatlas validate crashed: {exc!r}")
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def problem_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if PROBLEM_LINE.match(line)]


def fixture_files(stem: str) -> dict[str, bytes | str]:
    return {EXPECTED[stem]["place"]: (FIXTURES / f"{stem}.yml").read_bytes()}


# --- the fixtures and their expectations -------------------------------------------------------

def test_every_fixture_has_an_expectation_and_every_expectation_a_fixture() -> None:
    assert_both_ways(FIXTURES, EXPECTED)


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_expectation_is_well_formed(stem: str) -> None:
    spec = EXPECTED[stem]
    assert_spec_shape(stem, spec, "errors")
    for line in spec["errors"]:
        assert line.startswith(f"directory/{spec['place']}:"), line
        assert PROBLEM_LINE.match(line), line
    raw = (FIXTURES / f"{stem}.yml").read_bytes()
    if raw.startswith(b"# yaml-language-server: $schema="):
        assert f"/{spec['kind']}.schema.json".encode() in raw.splitlines()[0]
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError):
        return
    if isinstance(data, dict) and isinstance(data.get("id"), str) and stem not in ID_MISMATCH:
        assert data["id"] == Path(spec["place"]).stem, "the id must match the file name it is placed at"


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_fixture_reports_exactly_the_expected_errors(
        stem: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        pinned_today: None) -> None:
    make_tree(tmp_path, fixture_files(stem))
    monkeypatch.chdir(tmp_path)
    code, out, err = validate(capsys)
    assert problem_lines(out) == EXPECTED[stem]["errors"]
    assert code == 1
    n = len(EXPECTED[stem]["errors"])
    assert out.splitlines()[-1].endswith(f": {n} error{'s' if n != 1 else ''}, 0 warnings")
    assert "Traceback" not in out + err
    # the same problems in the other two formats
    code, out, err = validate(capsys, "--format", "json")
    report = json.loads(out)
    assert (code, report["errors"], report["warnings"]) == (1, n, 0)
    assert [Problem(**p).text() for p in report["problems"]] == EXPECTED[stem]["errors"]
    code, out, err = validate(capsys, "--format", "github")
    assert code == 1 and len(out.splitlines()) == n
    assert all(line.startswith("::error file=directory/") for line in out.splitlines())


def test_no_fixture_prints_a_traceback(tmp_path: Path) -> None:
    """Every fixture in its own tree, all validated by one real `popatlas` process."""
    stems = sorted(set(STEMS) & set(EXPECTED))  # a fixture without expectation fails its own test
    for stem in stems:
        make_tree(tmp_path / stem, fixture_files(stem))
    result = subprocess.run([sys.executable, "-m", "popatlas.cli", "validate", *(f"{s}/directory" for s in stems)],
                            cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == 1, result.stderr
    reported = {line.split("/", 1)[0] for line in problem_lines(result.stdout)}
    assert reported == set(stems), "every fixture is reported when several trees are validated at once"


# --- one run, several problems ------------------------------------------------------------------

SEVERAL_MISTAKES = """\
id: haart
name: HAART
description:
  en: >-
    A Kenyan organization started by lawyers, missionaries and humanitarians from
    several countries to end human trafficking.
original_language: en
founded: around 2010
website: http://haartkenya.org/
phones:
  - number: "+254 700 123 456"
    kind: voice
locations:
  - city: Nairobi
    street: 12 Ngong Road
    country: KE
countries_served: [KE]
services: [awareness-prevention, counselling]
sources:
  - title: GLC report
    covers: [founded, website, phones]
added: "2027-01-15"
status: open
"""


def test_a_file_with_several_mistakes_reports_all_of_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        pinned_today: None) -> None:
    make_tree(tmp_path, {"organizations/ke/haart.yml": SEVERAL_MISTAKES})
    monkeypatch.chdir(tmp_path)
    code, out, _ = validate(capsys)
    assert code == 1
    found = [(int(m["line"]), line.split(": ")[2]) for line in problem_lines(out)
             if (m := PROBLEM_LINE.match(line))]
    assert found == [
        (8, "founded"),
        (9, "website"),
        (11, "phones[0].number"),
        (15, "locations[0].street"),
        (18, "services[1]"),
        (22, "added"),
        (23, "status"),
    ]
    assert out.splitlines()[-1] == "2 files checked: 7 errors, 0 warnings"


def test_problems_in_several_files_are_all_reported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        pinned_today: None) -> None:
    make_tree(tmp_path, {EXPECTED[s]["place"].replace("haart", f"haart-{i}"): (FIXTURES / f"{s}.yml").read_bytes()
                         .replace(b"id: haart\n", f"id: haart-{i}\n".encode())
                         for i, s in enumerate(["status_not_in_enum", "website_http", "name_missing"])})
    monkeypatch.chdir(tmp_path)
    code, out, _ = validate(capsys)
    assert code == 1
    assert [line.split(":")[0] for line in problem_lines(out)] == [
        "directory/organizations/ke/haart-0.yml",
        "directory/organizations/ke/haart-1.yml",
        "directory/organizations/ke/haart-2.yml",
    ]


def test_duplicate_ids_name_the_other_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        pinned_today: None) -> None:
    kenya = (ROOT / "directory" / "organizations" / "ke" / "haart.yml").read_text(encoding="utf-8")
    uganda = kenya.replace("countries_served: [KE]", "countries_served: [KE, UG]")
    assert uganda != kenya
    make_tree(tmp_path, {"organizations/ke/haart.yml": kenya, "organizations/ug/haart.yml": uganda})
    monkeypatch.chdir(tmp_path)
    code, out, _ = validate(capsys)
    assert code == 1
    assert problem_lines(out) == [
        "directory/organizations/ug/haart.yml:2:5: error: id: id 'haart' is already used by "
        "directory/organizations/ke/haart.yml (every entry needs its own id: choose another slug)",
    ]


# --- the real directory -------------------------------------------------------------------------

def test_the_real_directory_is_valid(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    code, out, err = validate(capsys)
    assert (code, problem_lines(out), err) == (0, [], "")
    files = sum(1 for _ in (ROOT / "directory").rglob("*.yml"))
    assert out == f"{files} files checked: no problems\n"


# (file, text to replace, replacement, field the error names, text on the line it points at, the mistake)
REAL_BREAKAGES = [
    ("organizations/ke/haart.yml", "founded: 2010\n", "founded: around 2010\n",
     "founded", "founded: around 2010", "wrong type"),
    ("organizations/us/safe-horizon-anti-trafficking-program.yml", "website: https://www.safehorizon.org/\n",
     "website: https://www.safehorizon.org/\nfax_number: \"+12125771094\"\n",
     "fax_number", "fax_number:", "unknown field"),
    ("organizations/kh/chab-dai.yml", "status: active\n", "",
     "", "id: chab-dai", "missing required field"),
    ("resources/iom-caring-for-trafficked-persons.yml", "url: https://publications.iom.int/",
     "url: http://publications.iom.int/", "url", "url: http://", "bad URL"),
    ("resources/us-national-human-trafficking-hotline.yml", '"+18883737888"', '"+1888373788"',
     "phones[0].number", '"+1888373788"', "bad phone"),
]


def test_broken_copies_of_real_entries_fail(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(ROOT / "directory", tmp_path / "directory")
    expected_line: dict[str, int] = {}
    for place, old, new, _, marker, _ in REAL_BREAKAGES:
        path = tmp_path / "directory" / place
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{place} no longer contains {old!r}: update this test"
        text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
        [expected_line[place]] = [i for i, line in enumerate(text.splitlines(), 1) if marker in line]
    monkeypatch.chdir(tmp_path)
    code, out, _ = validate(capsys)
    assert code == 1
    lines = problem_lines(out)
    for place, _, _, field, _, what in REAL_BREAKAGES:
        ours = [line for line in lines if line.startswith(f"directory/{place}:")]
        assert len(ours) == 1, f"{what} in {place}: {ours}"
        m = re.match(rf"directory/{re.escape(place)}:(\d+):\d+: error: (.*)$", ours[0])
        assert m, ours[0]
        assert int(m[1]) == expected_line[place], f"{what}: wrong line in {ours[0]}"
        assert m[2].startswith(f"{field}: " if field else "required field 'status' is missing"), ours[0]
    assert len(lines) == len(REAL_BREAKAGES), lines


# --- output formats -----------------------------------------------------------------------------

def test_json_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                     pinned_today: None) -> None:
    make_tree(tmp_path, {"organizations/ke/haart.yml": SEVERAL_MISTAKES})
    monkeypatch.chdir(tmp_path)
    _, text_out, _ = validate(capsys)
    code, out, err = validate(capsys, "--format", "json")
    assert code == 1 and err == ""
    report = json.loads(out)  # stdout is nothing but the JSON document
    assert set(report) == {"problems", "errors", "warnings"}
    assert (report["errors"], report["warnings"]) == (7, 0)
    assert len(report["problems"]) == 7
    for item in report["problems"]:
        assert set(item) == {"path", "line", "col", "field", "message", "hint", "severity"}
        assert isinstance(item["line"], int) and isinstance(item["col"], int)
    assert [Problem(**p).text() for p in report["problems"]] == problem_lines(text_out)


def test_json_format_of_a_clean_directory_is_valid_json(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(ROOT / "directory", tmp_path / "directory")
    monkeypatch.chdir(tmp_path)
    code, out, _ = validate(capsys, "--format", "json")
    assert code == 0
    assert json.loads(out) == {"problems": [], "errors": 0, "warnings": 0}


def test_github_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                       pinned_today: None) -> None:
    make_tree(tmp_path, {"organizations/ke/haart.yml": SEVERAL_MISTAKES})
    monkeypatch.chdir(tmp_path)
    _, text_out, _ = validate(capsys)
    code, out, err = validate(capsys, "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 7
    assert all(line.startswith("::error file=directory/organizations/ke/haart.yml,line=") for line in lines)
    assert lines[2] == ("::error file=directory/organizations/ke/haart.yml,line=11,col=13,title=phones[0].number::"
                        + problem_lines(text_out)[2].split(": error: ", 1)[1])
    assert err.strip() == "2 files checked: 7 errors, 0 warnings"  # the summary goes to stderr, not into annotations


def test_github_format_of_a_file_level_problem(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    make_tree(tmp_path, fixture_files("file_tab_indentation"))
    monkeypatch.chdir(tmp_path)
    _, out, _ = validate(capsys, "--format", "github")
    assert out.splitlines() == [
        "::error file=directory/organizations/ke/haart.yml,line=11,col=1,title=file::"
        "tab character (YAML needs spaces: replace the tab with spaces)"]
