"""The one rule for every CSV cell the project writes (open-data exports and the
self-assessment export in the browser, which reads `FORMULA_START` from the page).

OWASP's rule: a cell that starts with = + - @ TAB or CR may run as a formula in a
spreadsheet, so it gets a leading apostrophe. Full-width forms are included because
some spreadsheets read them as the ASCII signs. Every cell, with no exemption for
numbers: "-1+1" and "+1+cmd" start with a digit after the sign too.
"""
from __future__ import annotations

from typing import Any

FORMULA_START = "=+-@\t\r\uff1d\uff0b\uff0d\uff20"


def cell(value: Any) -> Any:
    """A value safe to put in a CSV cell; text that could start a formula is prefixed with '."""
    if isinstance(value, str) and value[:1] and value[0] in FORMULA_START:
        return "'" + value
    return value
