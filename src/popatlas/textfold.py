"""The one text-folding rule for filtering and matching, in Python and (as data) in JavaScript.

fold(text) = compatibility-decompose (NFKD), lower-case, decompose again (lower-casing can
recompose nothing but can reveal new decompositions, and 𝐀 only becomes A under NFKD), drop every combining mark
(accents, Arabic harakat, the hamza and madda carried on alef/waw/ya), then map the
few letters that have no decomposition through FOLD_TABLE. The directory filter's
JavaScript receives FOLD_TABLE in its data file and applies the same steps, so a query
typed in the browser folds exactly as the text it is matched against was folded here.
"""
from __future__ import annotations

import unicodedata

# Letters that NFKD leaves alone but a reader treats as the same when searching.
FOLD_TABLE: dict[str, str] = {
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ı": "i",
    "\u0640": "",        # Arabic tatweel (kashida): stretches a word, carries no letter
    "\u0671": "\u0627",  # alef wasla -> alef
    "\u0649": "\u064a",  # alef maksura -> ya (often typed for each other)
    "\u0629": "\u0647",  # ta marbuta -> ha (often typed for each other)
    "\u06cc": "\u064a",  # Persian ya -> Arabic ya
    "\u06a9": "\u0643",  # Persian kaf -> Arabic kaf
    **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + d): str(d) for d in range(10)},  # Extended Arabic-Indic digits
    "\u2019": "'", "\u2018": "'", "\u02bc": "'",
}


def fold(text: str) -> str:
    """Case-, accent- and harakat-insensitive form of `text` (see the module docstring)."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).lower())
    return "".join(FOLD_TABLE.get(c, c) for c in decomposed if not unicodedata.category(c).startswith("M"))


__all__ = ["FOLD_TABLE", "fold"]
