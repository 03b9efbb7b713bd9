"""The contributor path's files: GitHub workflow and forms, editor settings, and
the templates in CONTRIBUTING.md, which must validate exactly as a person pastes them."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from popatlas.directory import load_directory

ROOT = Path(__file__).resolve().parents[2]
GITHUB = ROOT / ".github"
FORM_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def load(path: Path) -> dict:
    # GitHub reads YAML 1.2, where `on` is a key, not the boolean PyYAML makes of it.
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def test_workflow_is_pinned_minimal_and_complete() -> None:
    text = (GITHUB / "workflows" / "pull-request.yml").read_text(encoding="utf-8")
    workflow = load(GITHUB / "workflows" / "pull-request.yml")
    assert "pull_request" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["cancel-in-progress"] is True
    assert "continue-on-error" not in text
    for name, job in workflow["jobs"].items():
        assert isinstance(job["timeout-minutes"], int) and job["timeout-minutes"] <= 60, name
        assert job["runs-on"] and job["steps"], name
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    runs = " ".join(step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"])
    for command in ("popatlas validate directory --format github", "lint-language --format github",
                    "make build", "make test", "make offline"):
        assert command in runs, command
    uploads = [s for job in workflow["jobs"].values() for s in job["steps"] if "upload-artifact" in s.get("uses", "")]
    assert uploads and "popatlas-offline.zip" in json.dumps(uploads)


@pytest.mark.parametrize("form", sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml")), ids=lambda p: p.name)
def test_issue_forms_have_what_github_requires(form: Path) -> None:
    data = load(form)
    if form.name == "config.yml":
        assert data["blank_issues_enabled"] is False
        for link in data.get("contact_links", []):
            assert link["name"] and link["about"] and link["url"].startswith("https://")
        return
    assert data["name"] and data["description"] and isinstance(data["body"], list)
    ids = []
    for item in data["body"]:
        assert item["type"] in FORM_TYPES
        if item["type"] == "markdown":
            assert item["attributes"]["value"]
            continue
        assert item["attributes"]["label"]
        ids.append(item["id"])
        if item["type"] == "dropdown":
            assert item["attributes"]["options"]
        if item["type"] == "checkboxes":
            assert all(o["label"] for o in item["attributes"]["options"])
    assert len(ids) == len(set(ids))
    if form.name == "report-listing.yml":
        assert "entry" in ids  # entry pages prefill it: ?template=report-listing.yml&entry=...


def test_expected_forms_exist() -> None:
    names = {p.name for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml")}
    assert {"config.yml", "suggest-listing.yml", "report-listing.yml", "fix-translation.yml"} <= names


def test_pull_request_template_codeowners_and_pre_commit() -> None:
    template = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8").lower()
    for words in ("source", "address", "personal data"):
        assert words in template
    assert template.count("- [ ]") >= 3
    owners = (GITHUB / "CODEOWNERS").read_text(encoding="utf-8")
    assert re.search(r"^/directory/\s+@", owners, re.M) and re.search(r"^/schemas/\s+@", owners, re.M)
    hooks = [h["id"] for repo in load(ROOT / ".pre-commit-config.yaml")["repos"] for h in repo["hooks"]]
    assert {"popatlas-validate", "popatlas-lint-language"} <= set(hooks)


def test_editor_associates_every_yaml_kind_with_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    schemas = settings["yaml.schemas"]
    for kind in ("organization", "resource", "taxonomy"):
        keys = [k for k in schemas if k.endswith(f"{kind}.schema.json")]
        assert keys and (ROOT / keys[0].lstrip("./")).is_file(), kind
    for template in (ROOT / "templates").glob("*.yml"):
        first = template.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=") and template.stem in first


def yaml_blocks(markdown: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", markdown, re.S)


def test_contributing_starts_with_safety_and_its_templates_validate(tmp_path: Path) -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    first_section = text.split("\n## ", 2)[1].lower()
    assert "safety" in first_section and "address" in first_section and "public" in first_section
    directory = tmp_path / "directory"
    (directory / "organizations").mkdir(parents=True)
    (directory / "resources").mkdir()
    shutil.copy(ROOT / "directory" / "taxonomy.yml", directory)
    placed = 0
    for block in yaml_blocks(text):
        data = yaml.safe_load(block)
        if not isinstance(data, dict) or "id" not in data:
            continue  # a fragment, such as a translated description
        if "name" in data:  # an organization: placed exactly where the guide says
            target = directory / "organizations" / data["locations"][0]["country"].lower() / f"{data['id']}.yml"
        else:
            target = directory / "resources" / f"{data['id']}.yml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(block, encoding="utf-8")
        placed += 1
    assert placed >= 2
    assert [p.text() for p in load_directory(directory).problems] == []


def test_contributing_lists_every_taxonomy_id() -> None:
    """The ids table in CONTRIBUTING.md is the taxonomy, neither more nor less."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    taxonomy = yaml.safe_load((ROOT / "directory" / "taxonomy.yml").read_text(encoding="utf-8"))
    for field, section in (("services", "services"), ("populations", "populations"), ("kind", "resource_kinds")):
        row = re.search(r"^\| `" + field + r"`[^|]*\| (.+) \|$", text, re.M)
        assert row, field
        assert re.findall(r"`([a-z0-9-]+)`", row[1]) == sorted(t["id"] for t in taxonomy[section]), field
