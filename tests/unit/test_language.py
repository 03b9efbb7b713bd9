"""The language checker: every rule fires on its fixture; quotations and names do not; real content is clean."""
from __future__ import annotations

from pathlib import Path

import pytest

from popatlas.cli import main
from popatlas.language import check_text, lint, rules

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "language" / "docs"
RULES = {r.id: r for r in rules()[0]}


def test_every_rule_has_a_fixture_and_every_fixture_a_rule() -> None:
    fixtures = {p.stem for p in FIXTURES.rglob("*.md")} - {"exempt"}
    assert fixtures == set(RULES)


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_fires_on_its_fixture_at_the_right_place(rule_id: str) -> None:
    rule = RULES[rule_id]
    path = FIXTURES / rule.lang / f"{rule_id}.md"
    problems, _ = lint([path])
    assert [(p.field, p.line, p.severity) for p in problems] == [(rule_id, 7, rule.severity)]
    line = path.read_text(encoding="utf-8").splitlines()[6]
    word = problems[0].message.split('"')[1]
    assert line[problems[0].col - 1:].startswith(word)
    assert problems[0].text().startswith(f"{path.as_posix()}:7:{problems[0].col}: {rule.severity}: {rule_id}: ")
    assert rule.source.split(",")[0].split(" (")[0] in problems[0].hint  # names the guide it comes from


def test_quotations_code_links_and_proper_names_are_exempt() -> None:
    problems, _ = lint([FIXTURES / "en" / "exempt.md"])
    assert problems == []


def test_rules_apply_to_their_own_language_in_docs() -> None:
    # A Spanish word in an English page is not checked with the Spanish list, and vice versa.
    assert list(check_text("docs/en/x.md", "Una prostituta.", "en")) == []
    assert [p.field for p in check_text("directory/x.yml", "  es: Una prostituta.", None)] == ["es-prostituta"]


def test_real_content_is_clean(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["lint-language", "--strict", "docs", "directory"]) == 0, capsys.readouterr().out


def test_errors_fail_and_warnings_do_not(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint-language", str(FIXTURES / "en" / "en-child-pornography.md")]) == 1
    assert main(["lint-language", str(FIXTURES / "en" / "en-addict.md")]) == 0
    assert main(["lint-language", "--strict", str(FIXTURES / "en" / "en-addict.md")]) == 1
    out = capsys.readouterr().out
    assert "warning: en-addict" in out
