"""`popatlas new`: a commented entry file at the right place, from flags or questions."""
from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Callable

from slugify import slugify as python_slugify

from .identity import SLUG_LENGTH, is_slug

# The repository's templates/ (a link to it inside the package, so that the wheel carries them).
TEMPLATES = Path(__file__).resolve().parent / "entry_templates"
TODO = "TODO"


def slugify(text: str) -> str:
    """An id from a name in any script ("منظمة الأمل" -> "mnzm-lml"), by transliteration; may be empty."""
    return python_slugify(text, max_length=80, word_boundary=True)


def check_id(entry_id: str, label: str) -> str:
    """The id, if it can be a file name and an address; otherwise a clear error."""
    if not entry_id:
        raise ValueError(f"cannot make an id from the {label}: give one with --id, e.g. --id my-organization")
    if not is_slug(entry_id) or not SLUG_LENGTH[0] <= len(entry_id) <= SLUG_LENGTH[1]:
        raise ValueError(f"id '{entry_id}' is not a slug: use lowercase a-z, digits and single hyphens, e.g. my-org")
    return entry_id


def _q(value: str) -> str:
    """A YAML scalar that reads back as exactly `value` (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _sources(title: str, url: str, kind: str) -> str:
    lines = f"  - title: {_q(title or TODO + ': the document or web page the facts come from')}"
    if url:
        lines += f"\n    url: {_q(url)}"
    # Fields such as phones, website or principles need a source that lists them here.
    first = "name" if kind == "organization" else "title"
    return lines + f"\n    covers: [{first}, description]        # add each field this source supports"


def render(kind: str, fields: dict[str, str | list[str]], today: dt.date) -> str:
    template = (TEMPLATES / f"{kind}.yml").read_text(encoding="utf-8")
    description = str(fields.get("description") or f"{TODO}: two or three sentences on what it does and for whom.")
    values = {
        "id": fields["id"], "today": today.isoformat(),
        "description": description.replace("\n", "\n    "),
        "source_lines": _sources(str(fields.get("source_title") or ""), str(fields.get("source_url") or ""), kind),
    }
    if kind == "organization":
        city = str(fields.get("city") or "")
        values.update(
            name=_q(str(fields["name"])), country=str(fields["country"]).upper(),
            city_line=f"    city: {_q(city)}" if city else "    # city: Nairobi          # optional; region: is optional too",
            services=", ".join(fields.get("services") or []),
        )
    else:
        values.update(title=_q(str(fields["title"])), publisher=_q(str(fields.get("publisher") or TODO)),
                      kind=str(fields.get("kind") or "guide"))
    return template.format(**values)


def target_path(root: Path, kind: str, entry_id: str, country: str = "") -> Path:
    if kind == "organization":
        return root / "organizations" / country.lower() / f"{entry_id}.yml"
    return root / "resources" / f"{entry_id}.yml"


def ask_missing(kind: str, fields: dict, ask: Callable[[str], str]) -> dict:
    """Interactive mode: ask for what the flags did not give."""
    label = "name" if kind == "organization" else "title"
    while not fields.get(label):
        fields[label] = ask(f"{label.capitalize()}: ").strip()
    if kind == "organization":
        while not re.fullmatch(r"[A-Za-z]{2}", fields.get("country") or ""):
            fields["country"] = ask("Country code (two letters, e.g. KE): ").strip()
        fields.setdefault("city", ask("City (optional, never a street address): ").strip())
        if not fields.get("services"):
            answer = ask("Services, comma-separated ids from directory/taxonomy.yml (e.g. counseling): ")
            fields["services"] = [s.strip() for s in answer.split(",") if s.strip()]
    else:
        fields["publisher"] = fields.get("publisher") or ask("Publisher: ").strip()
        fields["kind"] = fields.get("kind") or ask("Kind (guide, toolkit, training, research, policy, hotline, ...): ").strip()
    fields["description"] = fields.get("description") or ask("Description (one or two sentences, optional now): ").strip()
    fields["source_title"] = fields.get("source_title") or ask("Source of these facts (title): ").strip()
    fields["source_url"] = fields.get("source_url") or ask("Source address (https, optional): ").strip()
    suggested = slugify(str(fields[label]))
    while not fields.get("id"):
        prompt = f"Id [{suggested}]: " if suggested else "Id (lowercase a-z, digits and hyphens, e.g. my-org): "
        fields["id"] = ask(prompt).strip() or suggested
    return fields


def create(root: Path, kind: str, fields: dict, today: dt.date | None = None, interactive: bool = False,
           ask: Callable[[str], str] = input) -> Path:
    if interactive:
        fields = ask_missing(kind, fields, ask)
    label = "name" if kind == "organization" else "title"
    if not fields.get(label):
        raise ValueError(f"--{label} is required (or run it in a terminal to be asked)")
    if kind == "organization" and not fields.get("country"):
        raise ValueError("--country is required for an organization (two letters, e.g. KE)")
    fields["id"] = check_id(str(fields.get("id") or slugify(str(fields[label]))), label)
    if kind == "organization" and not re.fullmatch(r"[A-Za-z]{2}", str(fields["country"])):
        raise ValueError(f"--country '{fields['country']}' is not a two-letter country code, e.g. KE")
    path = target_path(root, kind, str(fields["id"]), str(fields.get("country") or ""))
    if path.exists():
        raise FileExistsError(f"{path} already exists: edit it instead, or choose another --id")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(kind, fields, today or dt.date.today()), encoding="utf-8")
    return path


def is_interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()
