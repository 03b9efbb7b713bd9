"""How a phone line reads and works on a page: its number as people dial it, its link, its hours.

Numbers are formatted by libphonenumber (the `phonenumbers` package); day names, times,
lists and time-zone names come from CLDR through Babel, so no language's words are typed here.
"""
from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import cache

import phonenumbers
from babel.dates import format_interval, get_day_names, get_timezone_location
from babel.lists import format_list

from . import i18n
from .model import Channel, Hours, Phone

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # Babel numbers them 0 (Monday) to 6


def display_number(phone: Phone) -> str:
    """'+18883737888' -> '+1 888-373-7888'; a short number stays as it is dialled."""
    if phone.is_short:
        return phone.number
    try:
        return phonenumbers.format_number(phonenumbers.parse(phone.number, None),
                                          phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    except phonenumbers.NumberParseException:
        return phone.number  # validation refuses such numbers; never lose one on the page


def href(phone: Phone) -> str:
    """The link that starts the right action on a phone ('' for a fax: nothing to tap)."""
    if phone.kind == "fax":
        return ""
    if phone.kind == "text":
        return f"sms:{phone.number}"
    if phone.kind in ("whatsapp", "signal"):
        # Validation refuses a short number for these; never turn one into a call.
        if phone.is_short:
            return ""
        digits = phone.number.lstrip("+")
        return f"https://wa.me/{digits}" if phone.kind == "whatsapp" else f"https://signal.me/#p/+{digits}"
    return f"tel:{phone.number}"


def channel_href(channel: Channel) -> str:
    """mailto: for an e-mail address, else the channel's own https address."""
    return f"mailto:{channel.email}" if channel.kind == "email" else channel.url


def channel_text(channel: Channel) -> str:
    """What the link says: the address, '@name' for Telegram, the page without https:// for a chat."""
    if channel.kind == "email":
        return channel.email
    if channel.kind == "telegram" and channel.url.startswith("https://t.me/"):
        return "@" + channel.url.removeprefix("https://t.me/").strip("/")
    return channel.url.removeprefix("https://").rstrip("/")


def _clock(value: str) -> dt.time:
    hour, minute = (int(x) for x in value.split(":"))
    return dt.time(0, 0) if hour == 24 else dt.time(hour, minute)


def _days(days: tuple[str, ...], lang: str) -> str:
    """Runs of consecutive days as ranges: mon..fri -> 'Mon–Fri'; others listed."""
    names = get_day_names("abbreviated", locale=lang)
    order = sorted(DAYS.index(d) for d in days)
    runs: list[list[int]] = []
    for n in order:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    t = i18n.ui(lang)
    parts = [t["day_range"].format(start=names[r[0]], end=names[r[-1]]) if len(r) > 2
             else format_list([names[n] for n in r], locale=lang) for r in runs]
    return format_list(parts, locale=lang)


@cache
def _zone(name: str, lang: str) -> str:
    if name == "UTC":
        return "UTC"  # CLDR has no place for it ("Unknown Region")
    return get_timezone_location(zoneinfo.ZoneInfo(name), locale=lang)


def hours_text(hours: Hours, lang: str) -> str:
    """'24/7' or weekly hours in the words and clock of `lang`, with the time zone named."""
    t = i18n.ui(lang)
    if hours.always:
        return t["hours_always"]
    groups = []
    for w in hours.weekly:
        if w.opens == "00:00" and w.closes == "24:00":
            times = t["hours_all_day"]
        else:
            times = format_interval(_clock(w.opens), _clock(w.closes), "Hm", locale=lang)
        groups.append(f"{_days(w.days, lang)} {times}")  # the same layout in all four languages
    return f"{t['semicolon'].join(groups)} ({_zone(hours.time_zone, lang)})"


__all__ = ["channel_href", "channel_text", "display_number", "href", "hours_text"]
