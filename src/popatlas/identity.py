"""Two rules every part of the project shares, each defined once.

- A slug (entry ids, file names, taxonomy ids): the pattern of `slug` in
  schemas/defs.schema.json, read from there so that the schema stays its only source.
- A text's fingerprint (a translated page's `source_hash`, an entry's `translations:`):
  the first 12 hex digits of its SHA-256.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

_DEFS = json.loads((Path(__file__).resolve().parent / "schemas" / "defs.schema.json").read_text(encoding="utf-8"))
SLUG = re.compile(_DEFS["$defs"]["slug"]["pattern"])
SLUG_LENGTH = (int(_DEFS["$defs"]["slug"]["minLength"]), int(_DEFS["$defs"]["slug"]["maxLength"]))


def is_slug(text: str) -> bool:
    return bool(SLUG.fullmatch(text))


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


__all__ = ["SLUG", "SLUG_LENGTH", "fingerprint", "is_slug"]
