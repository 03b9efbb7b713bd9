"""Schemas document every field; contributed text renders inert."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import pytest
from jsonschema import Draft202012Validator

from popatlas import LANGUAGES
from popatlas.content import Content
from popatlas.directory import load_directory
from popatlas.model import organization_from
from popatlas.render import Site, sanitize_markdown

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = sorted((ROOT / "schemas").glob("*.schema.json"))


def properties(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{path}.{name}", sub
        for key, value in node.items():
            if key not in ("examples", "if"):  # an `if` condition describes no field
                yield from properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for item in node:
            yield from properties(item, path)


@pytest.mark.parametrize("schema_file", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_draft_2020_12_with_versioned_id_and_documented_properties(schema_file: Path) -> None:
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "/1.0/" in schema["$id"]
    undocumented = [p for p, sub in properties(schema) if not {"title", "description", "examples"} <= set(sub)]
    assert undocumented == []
    closed = [p for p, sub in properties(schema) if sub.get("type") == "object" and "additionalProperties" not in sub
              and "properties" in sub]
    assert closed == []


HOSTILE = [
    "<script>alert(1)</script> Long enough text to pass.",
    "<img src=x onerror=alert(1)> Long enough text to pass.",
    '"><svg onload=alert(1)> Long enough text to pass.',
    "[click me](javascript:alert(1)) and [data](data:text/html,hi) long enough.",
    "{{ 7*7 }} {% raw %} and ${7*7} template syntax, long enough.",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_contributed_markdown_is_inert(text: str) -> None:
    html = str(sanitize_markdown(text))
    lowered = html.lower()
    assert "<script" not in lowered and "onerror" not in lowered and "onload" not in lowered
    assert "javascript:" not in lowered and "data:" not in lowered.replace("[data]", "")
    assert "<svg" not in lowered and "<img" not in lowered


def test_entry_page_escapes_every_field() -> None:
    directory = load_directory(ROOT / "directory")
    data = {
        "id": "hostile", "name": "Org & Co \"quoted\"", "original_language": "en",
        "description": {"en": "<script>alert(1)</script>{{7*7}} and **bold** text that is long enough."},
        "locations": [{"city": "<b>City</b>", "region": "R\"><svg onload=x>", "country": "KE"}],
        "countries_served": ["KE"], "services": ["counseling"], "sources": [{"title": "<i>src</i>"}],
        "added": "2026-01-01", "status": "active",
    }
    org = organization_from(data, "directory/organizations/ke/hostile.yml")
    for lang in LANGUAGES:
        page = Site(directory, Content(ROOT / "docs"), lang, True).entry_page(org).source()
        body = page.split("---\n", 2)[2]
        assert "<script" not in body and "<svg" not in body and "<b>City" not in body and "<i>src" not in body
        assert "&lt;b&gt;City&lt;/b&gt;" in body and "<strong>bold</strong>" in body
        assert "{{7*7}}" in body  # shown as text, never evaluated
        assert page.startswith('---\ntitle: "Org & Co \\"quoted\\""\n')
