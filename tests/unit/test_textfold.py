"""The directory filter's folding rule in Python, against the shared cases in tests/fixtures/fold_cases.yml.

The browser twin (tests/browser/test_textfold_js.py) runs the same cases through the JavaScript fold.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from popatlas.textfold import fold

ROOT = Path(__file__).resolve().parents[2]
CASES_FILE = ROOT / "tests" / "fixtures" / "fold_cases.yml"
LANGUAGES = {"en", "es", "fr", "ar"}


def load_cases() -> list[dict[str, str]]:
    return yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))["cases"]


CASES = load_cases()


def case_id(case: dict[str, str]) -> str:
    return f"{case['lang']}:{case['input'] or '<empty>'}"


def test_the_table_is_well_formed() -> None:
    assert len(CASES) >= 40
    for case in CASES:
        assert set(case) == {"lang", "input", "expected", "why"}, case
        assert case["lang"] in LANGUAGES, case
        assert all(isinstance(case[k], str) for k in case), case
        assert case["why"].strip(), case
    assert {c["lang"] for c in CASES} == LANGUAGES
    inputs = [c["input"] for c in CASES]
    assert len(inputs) == len(set(inputs)), "a case is listed twice"


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_fold(case: dict[str, str]) -> None:
    assert fold(case["input"]) == case["expected"], case["why"]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_fold_is_idempotent(case: dict[str, str]) -> None:
    once = fold(case["input"])
    assert fold(once) == once, case["why"]
    assert fold(case["expected"]) == case["expected"], case["why"]


@pytest.mark.parametrize(("written", "typed"), [("أمل", "امل"), ("أستراليا", "استراليا")])
def test_the_issue_hamza_on_alef_matches_bare_alef(written: str, typed: str) -> None:
    assert fold(written) == fold(typed)
