"""Contact channels on a page: every kind gets the link a phone opens (tel:, sms:, WhatsApp, Signal,
a web chat, mailto:, Telegram), with its hours, cost and languages in the page's language; the
directory filter offers each way of getting in touch that some entry has; the exports carry them."""
from __future__ import annotations

import csv
import dataclasses
import shutil
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from popatlas import exports
from popatlas.content import Content
from popatlas.directory import Directory, load_directory
from popatlas.model import Channel, resource_from
from popatlas.render import Site, contact_ways
from popatlas.contact import channel_href, channel_text

ROOT = Path(__file__).resolve().parents[2]
HOTLINE = {
    "id": "example-line", "title": "Example Line", "publisher": "Example Line", "kind": "hotline",
    "url": "https://line.example.org/", "countries": ["KE"], "original_language": "en",
    "description": {"en": "A line that can be reached in every way a phone allows, for this test."},
    "phones": [
        {"number": "+254722178177", "kind": "hotline", "hours": "24/7", "toll_free": True, "free_from_mobiles": True},
        {"number": "+254722178178", "kind": "voice", "toll_free": True, "free_from_mobiles": False},
        {"number": "+254722178179", "kind": "whatsapp", "languages": ["sw"]},
        {"number": "+254722178180", "kind": "signal"},
        {"number": "+254722178181", "kind": "text"},
    ],
    "channels": [
        {"kind": "chat", "url": "https://line.example.org/chat", "free": True,
         "hours": {"time_zone": "Africa/Nairobi", "weekly": [{"days": ["mon", "tue", "wed", "thu", "fri"],
                                                              "opens": "08:00", "closes": "20:00"}]}},
        {"kind": "email", "email": "help@line.example.org", "languages": ["en", "sw"]},
        {"kind": "telegram", "url": "https://t.me/exampleline"},
    ],
    "sources": [{"title": "Example Line website", "covers": ["phones", "channels"]}],
    "added": "2026-11-23", "status": "active",
}


@pytest.fixture(scope="module")
def directory() -> Directory:
    return load_directory(ROOT / "directory")


def page_body(directory: Directory, lang: str) -> str:
    entry = resource_from(HOTLINE, "directory/resources/example-line.yml")
    return Site(directory, Content(ROOT / "docs"), lang, True).entry_page(entry).source().split("---\n", 2)[2]


def test_each_kind_opens_what_a_phone_can_use(directory: Directory) -> None:
    body = page_body(directory, "en")
    hrefs = re.findall(r'<a href="([^"]+)" dir="ltr">', body)
    assert hrefs == ["tel:+254722178177", "tel:+254722178178", "https://wa.me/254722178179",
                     "https://signal.me/#p/+254722178180", "sms:+254722178181",
                     "https://line.example.org/chat", "mailto:help@line.example.org", "https://t.me/exampleline"]
    assert ">@exampleline</a>" in body and ">line.example.org/chat</a>" in body


def test_cost_hours_and_languages_are_said_in_each_language(directory: Directory) -> None:
    en = page_body(directory, "en")
    assert "free to call (free from mobile phones too)" in en
    assert "free to call (free from landlines only)" in en
    assert re.search(r"Web chat</span> <a [^>]+>line\.example\.org/chat</a> · Hours: Mon–Fri 08:00\D+20:00 \(Kenya", en)
    assert "Swahili" in en
    ar = page_body(directory, "ar")
    assert "مجاني من الهواتف المحمولة أيضاً" in ar and "دردشة على الموقع" in ar and "تيليغرام" in ar
    assert "Web chat" not in ar and "free to call" not in ar


def test_nothing_is_said_about_cost_where_the_entry_is_silent() -> None:
    channel = Channel("chat", url="https://x.example.org/chat")
    assert channel.free is None
    assert channel_href(channel) == "https://x.example.org/chat" and channel_text(channel) == "x.example.org/chat"


def test_the_filter_offers_each_way_to_get_in_touch(directory: Directory) -> None:
    entry = resource_from(HOTLINE, "directory/resources/example-line.yml")
    assert contact_ways(entry) == ["call", "text", "whatsapp", "signal", "chat", "email", "telegram"]
    real = Site(directory, Content(ROOT / "docs"), "en", True).directory_home()
    select = re.search(r'<select id="pa-f-contact".*?</select>', real, re.S)
    assert select and 'value="call"' in select[0] and 'value="text"' in select[0]
    assert 'value="chat"' not in select[0]  # no entry has a web chat yet: not offered


def test_exports_carry_the_channels(directory: Directory) -> None:
    entry = resource_from(HOTLINE, "directory/resources/example-line.yml")
    with_line = dataclasses.replace(directory, resources=[*directory.resources, entry])
    rows = list(csv.DictReader(io.StringIO(exports.resources_csv(with_line))))
    assert rows[-1]["channels"] == "https://line.example.org/chat help@line.example.org https://t.me/exampleline"
    data = json.loads(exports.directory_json(with_line))["resources"][-1]
    assert data["channels"][0] == {"kind": "chat", "url": "https://line.example.org/chat", "free": True, "languages": [],
                                   "hours": HOTLINE["channels"][0]["hours"]}  # the file's own shape
    assert data["channels"][1]["email"] == "help@line.example.org" and "url" not in data["channels"][1]


def test_the_example_is_a_valid_entry(tmp_path: Path) -> None:
    """Every number and address above passes the validator, so the page test shows real data."""
    (tmp_path / "directory" / "resources").mkdir(parents=True)
    shutil.copy(ROOT / "directory" / "taxonomy.yml", tmp_path / "directory")
    (tmp_path / "directory" / "resources" / "example-line.yml").write_text(yaml.safe_dump(HOTLINE), encoding="utf-8")
    d = load_directory(tmp_path / "directory")
    assert d.problems == [] and [r.id for r in d.resources] == ["example-line"]
