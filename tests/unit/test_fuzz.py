"""Fuzzing the validator: random bytes, YAML-shaped text and mutations of real entries never
give a traceback, a crash or a hang, and every rejection names the file with line and column.

A few hundred examples run in `make test`; set POPATLAS_FUZZ_EXAMPLES for a longer run.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from popatlas import directory as directory_module
from popatlas.directory import load_directory

from ..conftest import ROOT

EXAMPLES = int(os.environ.get("POPATLAS_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=2000, derandomize=not os.environ.get("POPATLAS_FUZZ_EXAMPLES"),
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
REAL = sorted((ROOT / "directory" / "organizations").rglob("*.yml"))[:4] + \
    sorted((ROOT / "directory" / "resources").glob("*.yml"))[:4]
PLACE = Path("organizations") / "ke" / "haart.yml"

# Pieces of YAML syntax, so random text is often almost-valid YAML rather than noise.
TOKENS = st.sampled_from(["\n", "  ", "- ", ": ", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ", "!!python/object ",
                          "<<: ", "!!int ", "!!float ", "!!timestamp ", "&a [*a]", "- &a {b: *a}", "'", '"', "|", ">-", "#", "---\n", "...\n", "? ", "id", "name", "description",
                          "en", "+254700123456", "2026-11-23", "no", "~", "null", "1e400", "9" * 30, "\t", "\ufeff",
                          "\u202e", "\x00", "\x85", "é", "شارع"])


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "directory"
    root.mkdir()
    shutil.copy(ROOT / "directory" / "taxonomy.yml", root / "taxonomy.yml")
    (root / PLACE).parent.mkdir(parents=True)
    return root


def check(tree: Path, raw: bytes) -> None:
    """Validate one file with these bytes: no exception, and every problem is placed in it."""
    (tree / PLACE).write_bytes(raw)
    directory_module._cache.clear()  # file times can be too coarse to tell two writes apart
    directory = load_directory(tree)
    for problem in directory.problems:
        assert problem.path.endswith("organizations/ke/haart.yml"), problem
        assert problem.line >= 1 and problem.col >= 1 and problem.message, problem
    if any(p.severity == "error" for p in directory.problems):
        assert directory.entries == []  # an invalid entry is never published


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(tree: Path, raw: bytes) -> None:
    check(tree, raw)


@FUZZ
@given(st.lists(TOKENS | st.text(max_size=8), max_size=80))
def test_yaml_shaped_text(tree: Path, parts: list[str]) -> None:
    check(tree, "".join(parts).encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.sampled_from(REAL), st.lists(st.tuples(st.floats(0, 1), st.integers(0, 3), TOKENS), min_size=1, max_size=6))
def test_mutated_real_entries(tree: Path, source: Path, edits: list[tuple[float, int, str]]) -> None:
    text = source.read_text(encoding="utf-8")
    for where, how, token in edits:
        i = int(where * len(text))
        text = (text[:i] + token + text[i:], text[:i] + text[i + len(token):], text[:i] + token + text[i + 1:],
                text[:i] + text[i:].replace("\n", "\n" + token, 1))[how]
    check(tree, text.encode("utf-8", "surrogatepass"))


# Flow-style YAML built from parts: tags, anchors and aliases anywhere, nesting up to 40 deep.
SCALARS = st.tuples(st.sampled_from(["", "!!int ", "!!float ", "!!bool ", "!!timestamp ", "!!binary ", "!foo ",
                                     "&a ", "&b "]),
                    st.sampled_from(["abc", "1", "-0x1F", "9" * 5000, "2026-02-30", "yes", "~", "'q'", "*a", "*b"]))
NODES = st.recursive(
    SCALARS.map(lambda p: p[1] if p[1].startswith("*") else p[0] + p[1]),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
        st.lists(st.tuples(st.sampled_from(["id", "name", "a", "<<"]), inner), max_size=4).map(
            lambda pairs: "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"),
        st.tuples(st.sampled_from(["&a ", "&b "]), inner).map("".join),
    ),
    max_leaves=60)


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(["id", "name", "description", "phones", "x"]), NODES), max_size=5))
def test_structured_yaml_with_tags_anchors_and_depth(tree: Path, fields: list[tuple[str, str]]) -> None:
    check(tree, "".join(f"{k}: {v}\n" for k, v in fields).encode("utf-8"))
