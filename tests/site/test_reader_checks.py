"""The reader-view checks themselves: each kind of breakage a reader would see is caught."""
from __future__ import annotations

from pathlib import Path

import pytest

from .reader import SiteReader, read, reader_problems

PAGE = """<!doctype html><html lang="{lang}"><head><title>{title} - PoP Atlas</title></head>
<body dir="{dir}"><article><h1>{title}</h1>{body}</article></body></html>"""


def page(tmp_path: Path, body: str, *, rel: str = "ar/x/index.html", title: str = "عنوان", lang: str = "ar") -> list[str]:
    path = tmp_path / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(lang=lang, dir="rtl" if lang == "ar" else "ltr", title=title, body=body), encoding="utf-8")
    (tmp_path / "index.html").write_text(PAGE.format(lang="en", dir="ltr", title="Home", body=""), encoding="utf-8")
    view = read(tmp_path, rel)
    return reader_problems(view) + SiteReader.of(tmp_path, True).link_problems(view)


@pytest.mark.parametrize(("body", "found"), [
    ('<p>نص &lt;<span dir="ltr">strong</span>&gt;مهم</p>', "markup shown as text"),
    ('<p>نص <abbr title="&lt;b&gt;bold&lt;/b&gt;">كلمة</abbr></p>', "shows markup or a placeholder"),
    ('<p>مرحبا {name}</p>', "unfilled placeholder"),
    ('<p>مرحبا {{ title }}</p>', "unfilled placeholder"),
    ('<p>نص <span dir="ltr">**bold**</span></p>', "Markdown shown as text"),
    ('<p>نص <span dir="ltr">[a link](https://example.org/)</span></p>', "Markdown shown as text"),
    ('<p><span dir="ltr">None</span></p>', "where a value was missing"),
    ('<p id="a">نص</p><p id="a">نص</p>', "is used twice"),
    ('<p><a href="tel:call-me">اتصل</a></p>', "not a number a phone can dial"),
    ('<p><a href="mailto:">اكتب</a></p>', "not one e-mail address"),
    ('<p><a href="../../index.html">الرئيسية</a></p>', "another language without saying so"),
    ('<p>نص Latin غير معزول</p>', "not isolated"),
    ('<p><a href="../nowhere/">x</a></p>', "does not exist"),
])
def test_each_breakage_is_caught(tmp_path: Path, body: str, found: str) -> None:
    problems = page(tmp_path, body)
    assert any(found in p for p in problems), problems


def test_a_code_for_a_title_is_caught(tmp_path: Path) -> None:
    assert any("not words" in p for p in page(tmp_path, "<p>نص</p>", title="ke"))


def test_a_clean_page_has_no_problem(tmp_path: Path) -> None:
    body = ('<p>نص <span dir="ltr"><abbr title="تعريف">PoP</abbr> Atlas</span> و<a href="tel:+18883737888">'
            '<span dir="ltr">+1 888-373-7888</span></a> <a href="../../index.html" hreflang="en" lang="en" dir="ltr">English</a></p>')
    assert page(tmp_path, body) == []
