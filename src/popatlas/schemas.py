"""The project's JSON Schemas: one compiled validator per kind, built once."""
from __future__ import annotations

import difflib
import json
from functools import cache
from pathlib import Path
from typing import Any, Iterator

import jsonschema
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from .yamlload import PathKey

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"
KINDS = ("organization", "resource", "taxonomy")


def schema_path(kind: str) -> Path:
    return SCHEMA_DIR / f"{kind}.schema.json"


@cache
def _registry() -> Registry:
    registry: Registry = Registry()
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        registry = registry.with_resource(contents["$id"], Resource.from_contents(contents))
    return registry


@cache
def validator(kind: str) -> Draft202012Validator:
    """A validator with a format checker (formats are not checked by default)."""
    schema = json.loads(schema_path(kind).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _leaf_errors(error: jsonschema.ValidationError) -> Iterator[jsonschema.ValidationError]:
    """Descend into $ref/allOf wrappers so the message names the real problem."""
    if error.context and error.validator in ("anyOf", "oneOf"):
        best = jsonschema.exceptions.best_match(error.context)
        yield from _leaf_errors(best)
    else:
        yield error


def _example(subschema: Any) -> str:
    """The first `examples` value of a (sub)schema, as the fix to suggest."""
    if isinstance(subschema, dict) and subschema.get("examples"):
        return json.dumps(subschema["examples"][0], ensure_ascii=False).strip('"')
    return ""


def _nearest_example(kind: str, error: jsonschema.ValidationError) -> str:
    """The example of the most specific schema on the error's way that has one.

    Walking the schema path (through $refs) finds the property's own example
    ("24 hours, every day" for phone hours) rather than the shared definition's.
    """
    node: Any = json.loads(schema_path(kind).read_text(encoding="utf-8")) if kind not in _ROOTS else _ROOTS[kind]
    _ROOTS[kind] = node
    resolver = _registry().resolver(base_uri=node["$id"])
    found = ""
    for part in list(error.schema_path)[:-1]:
        if isinstance(node, dict) and part == "$ref":
            resolved = resolver.lookup(node["$ref"])
            node, resolver = resolved.contents, resolved.resolver
        else:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                break
        if isinstance(node, dict) and node.get("examples") and not (
                isinstance(node.get("properties"), dict) and error.validator not in ("required", "additionalProperties")):
            found = _example(node)
    return found


_ROOTS: dict[str, Any] = {}


def explain(kind: str, error: jsonschema.ValidationError) -> tuple[PathKey, bool, str, str]:
    """Turn a schema error into (path, points-at-key?, message, hint) in plain words."""
    path: PathKey = tuple(error.absolute_path)
    kw = error.validator
    value = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    example = _nearest_example(kind, error) or _example(schema)
    eg = f"example: {example}" if example else ""
    if kw == "required":
        missing = [f for f in error.validator_value if isinstance(value, dict) and f not in value]
        field = missing[0] if missing else "?"
        sub = schema.get("properties", {}).get(field, {})
        ex = _example(sub)
        return path, False, f"required field '{field}' is missing", (
            f"add '{field}:'" + (f", for example: {field}: {ex}" if ex else ""))
    if kw == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extras = [k for k in value if k not in allowed] if isinstance(value, dict) else []
        extra = extras[0] if extras else "?"
        close = difflib.get_close_matches(extra, allowed, n=1)
        if close:
            hint = f"did you mean '{close[0]}'?"
        elif {"street", "address", "postcode", "postal_code", "zip", "latitude", "longitude", "coordinates",
              "map", "lat", "lng", "lon"} & {extra.lower()}:
            hint = "street addresses, postcodes and map positions are never published: keep city, region, country"
        else:
            hint = "allowed fields: " + ", ".join(allowed)
        return path + (extra,), True, f"unknown field '{extra}'", hint
    if kw == "type":
        want = error.validator_value
        want = " or ".join(want) if isinstance(want, list) else want
        words = {"string": "text", "integer": "a whole number", "array": "a list", "object": "a set of fields",
                 "boolean": "true or false", "number": "a number"}
        return path, False, f"must be {words.get(want, want)}, not {_describe(value)}", eg
    if kw == "enum":
        opts = ", ".join(map(str, error.validator_value))
        return path, False, f"'{value}' is not one of the allowed values", f"use one of: {opts}"
    if kw == "const":
        return path, False, f"must be {error.validator_value!r}", ""
    if kw == "pattern":
        desc = schema.get("description", "")
        return path, False, f"{_short(value)} is not valid: {desc.rstrip('.')}" if desc else f"{_short(value)} has the wrong form", eg
    if kw == "format":
        fmt = error.validator_value
        what = {"date": "a real date (YYYY-MM-DD)", "email": "an e-mail address", "uri": "a full web address"}
        return path, False, f"{_short(value)} is not {what.get(fmt, fmt)}", eg
    if kw in ("minItems", "minProperties"):
        return path, False, "must not be empty", eg
    if kw == "minLength":
        return path, False, f"is too short (at least {error.validator_value} characters)", eg
    if kw == "maxLength":
        return path, False, f"is too long ({len(value)} characters; at most {error.validator_value})", "shorten it"
    if kw in ("minimum", "maximum"):
        return path, False, f"{value} is out of range ({'at least' if kw == 'minimum' else 'at most'} {error.validator_value})", eg
    if kw == "uniqueItems":
        return path, False, "lists the same value twice", "remove the repeated value"
    if kw == "propertyNames":
        return path, True, f"'{value}' is not a valid key here", eg
    return path, False, error.message, eg


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return f"the text {_short(value)}"


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "...'"


def iter_schema_errors(kind: str, data: Any) -> Iterator[jsonschema.ValidationError]:
    for error in validator(kind).iter_errors(data):
        yield from _leaf_errors(error)
