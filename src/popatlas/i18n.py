"""Per-language words: the project's UI strings and CLDR names (via Babel)."""
from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import yaml
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

from . import DEFAULT_LANGUAGE, LANGUAGES

_UI_FILE = Path(__file__).with_name("data") / "ui.yml"


@cache
def _ui() -> dict[str, dict[str, str]]:
    return yaml.safe_load(_UI_FILE.read_text(encoding="utf-8"))


def ui(lang: str) -> dict[str, str]:
    """UI strings for `lang`, English filling any gap."""
    strings = dict(_ui()[DEFAULT_LANGUAGE])
    strings.update(_ui().get(lang, {}))
    return strings


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
    """Case- and accent-insensitive sort key, good enough across our four scripts."""
    import unicodedata
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


__all__ = ["LANGUAGES", "ui", "country_name", "language_name", "long_date", "number", "sort_key"]
