"""How fresh each entry is: stale numbers for a hotline harm people."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from .model import Entry

STALE_MONTHS = 12


def months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for d in (day.day, 30, 29, 28):  # the same day of the month, or the month's last day
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def is_stale(entry: Entry, today: dt.date, months: int = STALE_MONTHS) -> bool:
    """Verified, but longer ago than `months` (never-verified entries say so on their own)."""
    return bool(entry.last_verified) and dt.date.fromisoformat(entry.last_verified) < months_before(today, months)


@dataclass(frozen=True)
class StaleEntry:
    entry: Entry
    reason: str  # "never verified" or "last verified YYYY-MM-DD"


def stale(entries: Iterable[Entry], today: dt.date, months: int = STALE_MONTHS) -> list[StaleEntry]:
    out = []
    for e in entries:
        if not e.last_verified:
            out.append(StaleEntry(e, "never verified"))
        elif is_stale(e, today, months):
            out.append(StaleEntry(e, f"last verified {e.last_verified}"))
    # Hotlines first: a wrong number does the most harm.
    return sorted(out, key=lambda s: (getattr(s.entry, "kind", "") != "hotline", s.entry.last_verified or "", s.entry.path))
