"""Per-language words: the project's UI strings and CLDR names (via Babel)."""
from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import yaml
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

from . import DEFAULT_LANGUAGE, LANGUAGES
from .textfold import fold

_UI_FILE = Path(__file__).with_name("data") / "ui.yml"


def _ui() -> dict[str, dict[str, Any]]:
    return _ui_at(_UI_FILE.stat().st_mtime_ns)  # re-read when edited while `mkdocs serve` runs


@cache
def _ui_at(mtime_ns: int) -> dict[str, dict[str, Any]]:
    return yaml.safe_load(_UI_FILE.read_text(encoding="utf-8"))


def ui(lang: str) -> Mapping[str, Any]:
    """UI strings for `lang`, English filling any gap.

    A message that holds a count is a mapping from CLDR plural category
    (zero, one, two, few, many, other) to text: see `plural`.
    """
    return _merged(lang, _UI_FILE.stat().st_mtime_ns)  # read-only: copy it before changing it


@cache
def _merged(lang: str, mtime_ns: int) -> MappingProxyType:
    # Built once per language and file version: plural() and the hours call it for every count and line.
    strings = dict(_ui_at(mtime_ns)[DEFAULT_LANGUAGE])
    strings.update(_ui_at(mtime_ns).get(lang, {}))
    return MappingProxyType(strings)


def plural_categories(lang: str) -> frozenset[str]:
    """The CLDR plural categories `lang` distinguishes for whole numbers ("other" included)."""
    return _locale(lang).plural_form.tags | {"other"}


def plural(lang: str, key: str, count: int, **values: object) -> str:
    """The message `key` in the plural form CLDR gives `count`, with its {placeholders} filled.

    `count` fills the placeholder whose value is the count; numbers are formatted for `lang`.
    """
    forms = ui(lang)[key]
    if not isinstance(forms, dict):
        raise TypeError(f"ui.yml: {lang}.{key} is not a plural message (one:/other: …)")
    text = forms.get(_locale(lang).plural_form(count)) or forms["other"]
    return text.format(**{k: number(v, lang) if isinstance(v, int) and not isinstance(v, bool) else v
                          for k, v in values.items()})


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang.replace("-", "_"))


@cache
def country_name(code: str, lang: str) -> str:
    return _locale(lang).territories.get(code.upper(), code.upper())


@cache
def language_name(tag: str, lang: str) -> str:
    """CLDR display name of a language tag, in `lang` (e.g. 'sw' in fr -> 'swahili')."""
    try:
        name = Locale.parse(tag.replace("-", "_")).get_display_name(_locale(lang))
    except (ValueError, TypeError, LookupError):
        name = None
    return name or _locale(lang).languages.get(tag, tag)


@cache
def long_date(iso: str, lang: str) -> str:
    return format_date(dt.date.fromisoformat(iso), format="long", locale=_locale(lang))


def number(n: int, lang: str) -> str:
    return format_decimal(n, locale=_locale(lang))


def sort_key(text: str) -> str:
    """Case- and accent-insensitive sort key: the same folding the directory filter matches with."""
    return fold(text)


__all__ = ["LANGUAGES", "ui", "plural", "plural_categories", "country_name", "language_name", "long_date", "number", "sort_key"]
