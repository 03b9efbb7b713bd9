"""What a person can expect from a service, in words: the facts a source states, and the names of
those none does (the page says "not stated" rather than guessing). Also the directory filter's tags."""
from __future__ import annotations

from babel.lists import format_list

from . import i18n
from .model import Trust

# The order facts are read in: who is served, what is asked, what it costs, what is kept, access.
ORDER = ("age", "genders", "children", "families", "pregnant", "lgbtq_affirming", "id_required",
         "immigration_status_required", "cost", "anonymous", "confidential", "reports_to_police",
         "reports_to_immigration", "accessibility")
# Tags for the filter: what a visitor may want to be sure of; the ui key of each label.
FILTER_TAGS = {"free": "trust_opt_free", "no-id": "trust_opt_no_id", "no-status": "trust_opt_no_status",
               "anonymous": "trust_opt_anonymous", "confidential": "trust_opt_confidential",
               "lgbtq": "trust_opt_lgbtq", "police-consent": "trust_opt_police"}


def _key(value: str) -> str:
    return value.replace("-", "_")


def _value(trust: Trust, fact: str, lang: str) -> str | None:
    """The fact in `lang`'s words, or None when no source states it."""
    t = i18n.ui(lang)
    if fact == "age":
        low, high = trust.age_min, trust.age_max
        if low is None and high is None:
            return None
        if low is not None and high is not None:
            return t["trust_age_range"].format(min=i18n.number(low, lang), max=i18n.number(high, lang))
        return (t["trust_age_from"].format(min=i18n.number(low, lang)) if low is not None
                else t["trust_age_up_to"].format(max=i18n.number(high, lang)))
    value = getattr(trust, fact)
    if value is None or value == ():
        return None
    if isinstance(value, bool):
        return t["trust_yes"] if value else t["trust_no"]
    if isinstance(value, tuple):
        prefix = "gender_" if fact == "genders" else "access_"
        return format_list([t[prefix + _key(v)] for v in value], locale=lang)
    prefix = "cost_" if fact == "cost" else "report_"
    return t[prefix + _key(value)]


def facts(trust: Trust, lang: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(label, value) for each stated fact, and the labels of the facts no source states."""
    t = i18n.ui(lang)
    stated, unstated = [], []
    for fact in ORDER:
        value = _value(trust, fact, lang)
        if value is None:
            unstated.append(t["trust_" + fact])
        else:
            stated.append((t["trust_" + fact], value))
    return stated, unstated


def filter_tags(trust: Trust) -> list[str]:
    tags = {"free": trust.cost == "free", "no-id": trust.id_required is False,
            "no-status": trust.immigration_status_required is False, "anonymous": trust.anonymous is True,
            "confidential": trust.confidential is True, "lgbtq": trust.lgbtq_affirming is True,
            "police-consent": trust.reports_to_police in ("never", "with-consent")}
    return [tag for tag in FILTER_TAGS if tags[tag]]
