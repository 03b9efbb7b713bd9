"""The project's JSON Schemas: one compiled validator per kind, built once."""
from __future__ import annotations

import difflib
import json
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any, Iterator

import jsonschema
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from .problems import visible as _visible
from .yamlload import PathKey

# The repository's schemas/ (a link to it inside the package, so that the wheel carries them).
SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
KINDS = ("organization", "resource", "taxonomy", "emergency", "page")


def schema_stamp() -> tuple[int, ...]:
    """When the schema files last changed: `mkdocs serve` rebuilds must not use stale ones."""
    return tuple(p.stat().st_mtime_ns for p in sorted(SCHEMA_DIR.glob("*.json")))


_loaded_stamp: list[tuple[int, ...]] = []


def refresh() -> None:
    """Forget the compiled schemas if a schema file changed since they were read."""
    stamp = schema_stamp()
    if _loaded_stamp != [stamp]:
        for cached in (_registry, inlined_schema, validator):
            cached.cache_clear()
        _loaded_stamp[:] = [stamp]


def schema_path(kind: str) -> Path:
    return SCHEMA_DIR / f"{kind}.schema.json"


@cache
def _registry() -> Registry:
    registry: Registry = Registry()
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        registry = registry.with_resource(contents["$id"], Resource.from_contents(contents))
    return registry


_ANNOTATIONS = {"title", "description", "examples", "$comment"}


def _inline(node: Any, resolver: Any) -> Any:
    """The schema with every $ref replaced by what it points to.

    Our definitions are not recursive, so the result is finite; validating
    against it skips reference resolution, which was most of the cost.
    """
    if isinstance(node, list):
        return [_inline(item, resolver) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        resolved = resolver.lookup(node["$ref"])
        target = _inline(resolved.contents, resolved.resolver)
        siblings = {k: _inline(v, resolver) for k, v in node.items() if k != "$ref"}
        if set(siblings) - _ANNOTATIONS & set(target):
            return {**{k: v for k, v in siblings.items() if k in _ANNOTATIONS},
                    "allOf": [target, {k: v for k, v in siblings.items() if k not in _ANNOTATIONS}]}
        merged = {**{k: v for k, v in target.items() if k not in ("$id", "$schema", "$defs")}, **siblings}
        if "description" in target:
            merged["description"] = target["description"]  # messages explain the rule, not the field
        return merged
    return {k: (v if k in ("examples", "enum", "const") else _inline(v, resolver)) for k, v in node.items()}


@cache
def inlined_schema(kind: str) -> dict[str, Any]:
    schema = json.loads(schema_path(kind).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    flat = _inline({k: v for k, v in schema.items() if k != "$defs"}, _registry().resolver(base_uri=schema["$id"]))
    return {**flat, "$schema": schema["$schema"], "$id": schema["$id"]}


def ecma_anchors(pattern: str) -> str:
    """A schema pattern for Python's `re`, with `$` meaning what it means in JSON Schema (ECMA 262):
    the very end of the text. Python's `$` also matches before a final newline, so "999\\n" or a
    title ending in a line break would pass "one line" patterns."""
    out, escaped, in_class = [], False, False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif ch == "[" and not in_class:
            in_class = True
            out.append(ch)
        elif ch == "]" and in_class:
            in_class = False
            out.append(ch)
        else:
            out.append(r"\Z" if ch == "$" and not in_class else ch)
    return "".join(out)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(ecma_anchors(pattern))


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[jsonschema.ValidationError]:
    if validator.is_type(instance, "string") and not _compiled(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = jsonschema.validators.extend(Draft202012Validator, {"pattern": _pattern})


@cache
def validator(kind: str) -> Draft202012Validator:
    """A validator with a format checker (formats are not checked by default), and JSON Schema's
    own meaning of `$` in patterns."""
    return _Validator(inlined_schema(kind), registry=_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER)


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

    Walking the schema path finds the property's own example ("24 hours, every
    day" for phone hours) rather than the shared definition's; stepping into list
    items or map values forgets the whole list's example.
    """
    node: Any = inlined_schema(kind)
    found = ""
    for part in list(error.schema_path)[:-1]:
        if part in ("items", "additionalProperties", "propertyNames"):
            found = ""  # the list's example is not an example of one item
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and node.get("examples") and not (
                isinstance(node.get("properties"), dict) and error.validator not in ("required", "additionalProperties")):
            found = _example(node)
    return found or _example(error.schema)




def explain(kind: str, error: jsonschema.ValidationError) -> tuple[PathKey, bool, str, str]:
    """Turn a schema error into (path, points-at-key?, message, hint) in plain words."""
    path: PathKey = tuple(error.absolute_path)
    kw = error.validator
    value = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    example = _nearest_example(kind, error) or _example(schema)
    if "propertyNames" in error.schema_path:
        key = error.instance
        return path + (key,), True, f"'{_visible(str(key))}' is not a language code", "use a code such as en, es, fr or ar"
    eg = f"example: {example}" if example else ""
    if kw == "required":
        missing = [f for f in error.validator_value if isinstance(value, dict) and f not in value]
        field = missing[0] if missing else "?"
        root = inlined_schema(kind)
        sub = schema.get("properties", {}).get(field) or root.get("properties", {}).get(field, {})
        ex = _example(sub)
        why = ""
        if "then" in error.relative_schema_path and isinstance(value, dict) and "kind" in value:
            why = f" (kind '{value['kind']}' needs it)"
        return path, False, f"required field '{field}' is missing{why}", (
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
    if kw == "type" and "else" in error.relative_schema_path and error.validator_value == "object":
        # if/then/else fields such as hours: text takes one form ("24/7"), anything else the other.
        return path, False, f"{_short(value)} is not valid here", \
            'write "24/7", or time_zone: and weekly: (see CONTRIBUTING.md, Phones and hours)'
    if kw == "type":
        want = error.validator_value
        want = " or ".join(want) if isinstance(want, list) else want
        words = {"string": "text", "integer": "a whole number", "array": "a list", "object": "a set of fields",
                 "boolean": "true or false", "number": "a number"}
        if want == "string" and isinstance(value, (int, float)) and not isinstance(value, bool):
            # 17:00, +18883737888 and 233733 are numbers to YAML unless they are quoted.
            pattern = schema.get("pattern") if isinstance(schema, dict) else None
            # 17:00 unquoted is read as the number 1020: then show the example, not the number.
            like = str(value) if pattern and re.fullmatch(pattern, str(value)) else example
            return path, False, f"must be text in quotes, not the number {value}", \
                f'put quotes around it: "{like}"' if like else "put quotes around it"
        return path, False, f"must be {words.get(want, want)}, not {_describe(value)}", eg
    if kw == "enum":
        opts = ", ".join(map(str, error.validator_value))
        return path, False, f"'{value}' is not one of the allowed values", f"use one of: {opts}"
    if kw == "const":
        # A const with a description is one of several forms (hours: "24/7" or weekly hours):
        # say what it means and point at the field's documentation for the other forms.
        desc = schema.get("description", "")
        if desc:
            return path, False, f"{_short(value)} is not valid here", f"write {json.dumps(error.validator_value)} {desc.rstrip('.')}"
        return path, False, f"must be {error.validator_value!r}", ""
    if kw == "pattern":
        if isinstance(value, str):
            bad = next((c for c in value if c in "<>" or unicodedata.category(c) in ("Cc", "Cf") and c not in "\n\t"), None)
            if bad in ("<", ">"):
                return path, False, "contains < or >: HTML is not allowed here", "write plain text"
            if bad is not None:
                return path, False, (f"contains the invisible control character U+{ord(bad):04X} "
                                     f"({unicodedata.name(bad, 'control')}) at character {value.index(bad) + 1}"), \
                    "delete it: such characters can disguise text"
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
    if kw == "uniqueItems" and isinstance(value, list):
        seen: list[Any] = []
        for i, item in enumerate(value):
            if item in seen:
                return path + (i,), False, f"{_short(item)} is listed twice", "remove the repeated value"
            seen.append(item)
    if kw == "propertyNames":
        key = error.instance
        return path + (key,), True, f"'{key}' is not a language code", "use a code such as en, es, fr or ar"
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
    text = repr(value) if not isinstance(value, str) else f"'{_visible(value)}'"
    return text if len(text) <= 60 else text[:57] + "...'"


def iter_schema_errors(kind: str, data: Any) -> Iterator[jsonschema.ValidationError]:
    for error in validator(kind).iter_errors(data):
        yield from _leaf_errors(error)
