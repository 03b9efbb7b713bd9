"""Phone lines as people dial them, hours in every language, LTR runs isolated in Arabic,
glossary terms marked once per section."""
from __future__ import annotations

import pytest

from popatlas import bidi, contact, glossary_marks
from popatlas.model import Hours, OpeningHours, Phone

WEEKDAYS = Hours(time_zone="Africa/Nairobi", weekly=(
    OpeningHours(("mon", "tue", "wed", "thu", "fri"), "09:00", "17:00"),
    OpeningHours(("sat",), "10:00", "13:00"), OpeningHours(("sun",), "00:00", "24:00")))


@pytest.mark.parametrize(("number", "shown"), [
    ("+18883737888", "+1 888-373-7888"), ("+448000121700", "+44 800 012 1700"), ("+254722000000", "+254 722 000000")])
def test_numbers_are_grouped_as_dialled(number: str, shown: str) -> None:
    assert contact.display_number(Phone(number, "voice")) == shown


def test_each_kind_of_line_gets_the_link_a_phone_can_use() -> None:
    assert contact.href(Phone("+18883737888", "hotline")) == "tel:+18883737888"
    assert contact.href(Phone("233733", "text", country="US")) == "sms:233733"
    assert contact.href(Phone("+254722000000", "whatsapp")) == "https://wa.me/254722000000"
    assert contact.href(Phone("+254722000000", "fax")) == ""
    assert contact.display_number(Phone("233733", "text", country="US")) == "233733"


@pytest.mark.parametrize(("lang", "always", "weekly"), [
    ("en", "24 hours a day, every day", "Mon–Fri 09:00 – 17:00; Sat 10:00 – 13:00; Sun all day (Kenya Time)"),
    ("es", "las 24 horas, todos los días", "lun–vie 9:00–17:00; sáb 10:00–13:00; dom todo el día (hora de Kenia)"),
    ("fr", "24 h/24, 7 j/7", "lun.–ven. 09:00 – 17:00 ; sam. 10:00 – 13:00 ; dim. toute la journée (heure : Kenya)"),
    ("ar", "على مدار الساعة، كل يوم", "من الاثنين إلى الجمعة 09:00–17:00؛ السبت 10:00–13:00؛ الأحد طوال اليوم (توقيت كينيا)"),
])
def test_hours_in_the_words_of_each_language(lang: str, always: str, weekly: str) -> None:
    assert contact.hours_text(Hours(always=True), lang) == always
    # CLDR puts thin and narrow no-break spaces around the dash: compare the words and signs
    assert " ".join(contact.hours_text(WEEKDAYS, lang).split()) == weekly


def test_two_days_are_listed_not_ranged() -> None:
    two = Hours(time_zone="America/New_York", weekly=(OpeningHours(("sat", "sun"), "10:00", "14:00"),))
    assert contact.hours_text(two, "en").startswith("Sat and Sun 10:00")


def test_hours_round_trip_to_the_file_shape() -> None:
    assert Hours.from_data("24/7").to_data() == "24/7"
    data = {"time_zone": "Africa/Nairobi", "weekly": [{"days": ["mon"], "opens": "09:00", "closes": "17:00"}]}
    assert Hours.from_data(data).to_data() == data


@pytest.mark.parametrize(("text", "html"), [
    ("مجتمع 2SLGBTQIA+ في", 'مجتمع <span dir="ltr">2SLGBTQIA+</span> في'),
    ("مجتمع الميم (LGBTQ+) هنا", 'مجتمع الميم <span dir="ltr">(LGBTQ+)</span> هنا'),
    ("تقرير منظمة (WHO) 2021 مهم", 'تقرير منظمة <span dir="ltr">(WHO) 2021</span> مهم'),
    ("اتصل على (800) 799-7233 الآن", 'اتصل على <span dir="ltr">(800) 799-7233</span> الآن'),
    ("زر https://example.org/help?lang=ar&x=1 للمزيد", 'زر <span dir="ltr">https://example.org/help?lang=ar&amp;x=1</span> للمزيد'),
    ("الموقع https://humantraffickinghotline.org/ هنا", 'الموقع <span dir="ltr">https://humantraffickinghotline.org/</span> هنا'),
    ("[1] test نص", '<span dir="ltr">[1] test</span> نص'),
    ("نص (a)(b) نص", 'نص <span dir="ltr">(a)(b)</span> نص'),
    ("نص WHO) 2021 نص", 'نص <span dir="ltr">WHO</span>) <span dir="ltr">2021</span> نص'),
    ("نص (WHO 2021 نص", 'نص (<span dir="ltr">WHO 2021</span> نص'),
    ("اتصل على +1 888-373-7888 الآن", 'اتصل على <span dir="ltr">+1 888-373-7888</span> الآن'),
    ("المبدأ 3 من 14", 'المبدأ <span dir="ltr">3</span> من <span dir="ltr">14</span>'),
    ("منظمة Safe Horizon، بتمويل", 'منظمة <span dir="ltr">Safe Horizon</span>، بتمويل'),
    ("Slavery & Exploitation · المملكة", '<span dir="ltr">Slavery &amp; Exploitation</span> · المملكة'),
    ("نص عربي فقط", "نص عربي فقط"),
])
def test_ltr_runs_in_arabic_text_are_isolated(text: str, html: str) -> None:
    assert bidi.isolate_text(text) == html


def test_isolation_leaves_markup_code_scripts_and_marked_elements_alone() -> None:
    html = ('<p title="A &quot;q&quot; 1">نص <a href="x?a=1&amp;b=2">Safe Horizon</a> و<cite lang="en">Global Report</cite>'
            ' و<code>a+b 1</code> و<span dir="ltr">done 2</span> &lt;b&gt;</p><script>if (a<b && c) x("1")</script><!-- 3 -->')
    out = bidi.isolate_ltr(html)
    assert '<p title="A &quot;q&quot; 1">' in out and 'href="x?a=1&amp;b=2"' in out
    assert '<span dir="ltr"><a href="x?a=1&amp;b=2">Safe Horizon</a></span>' in out
    assert '<span dir="ltr"><cite lang="en" dir="ltr">Global Report</cite></span>' in out  # its direction, unsplit
    assert "<code>a+b 1</code>" in out and '<span dir="ltr">done 2</span>' in out
    assert '<script>if (a<b && c) x("1")</script><!-- 3 -->' in out
    assert "&lt;" in out and "<b>" not in out  # text that looks like markup stays text


def test_a_run_extends_across_inline_elements_that_hold_only_latin_text() -> None:
    out = bidi.isolate_ltr('<p>في <abbr title="x">PoP</abbr> Atlas. و<a href="g">Safe Horizon</a> Program'
                           ' ثم <strong>منظمة</strong> HAART و<a href="h">حول <b>GLC</b> هنا</a></p>')
    assert '<span dir="ltr"><abbr title="x">PoP</abbr> Atlas</span>.' in out
    assert '<span dir="ltr"><a href="g">Safe Horizon</a> Program</span>' in out
    assert '<strong>منظمة</strong> <span dir="ltr">HAART</span>' in out  # Arabic inside: not part of a run
    assert '<a href="h">حول <span dir="ltr"><b>GLC</b></span> هنا</a>' in out


def test_blocks_and_right_to_left_elements_are_never_wrapped() -> None:
    dl = '<dl><dt>المواضيع</dt><dd lang="en">hotline, reporting</dd></dl>'
    assert bidi.isolate_ltr(dl) == '<dl><dt>المواضيع</dt><dd lang="en" dir="ltr">hotline, reporting</dd></dl>'
    assert bidi.isolate_ltr('<div dir="rtl"><p>abc</p></div>') == '<div dir="rtl"><p><span dir="ltr">abc</span></p></div>'
    assert bidi.isolate_ltr('<p><span dir="rtl">abc</span> def</p>') == (
        '<p><span dir="rtl"><span dir="ltr">abc</span></span> <span dir="ltr">def</span></p>')
    assert bidi.isolate_ltr("<p>a</span>b</p>") == '<p><span dir="ltr">a</span></span><span dir="ltr">b</span></p>'
    assert bidi.isolate_ltr("<![CDATA[ x < y ]]>") == "<![CDATA[ x < y ]]>"


def test_markup_left_open_is_never_misnested() -> None:
    assert bidi.isolate_ltr("<p>نص <b>bold") == '<p>نص <b><span dir="ltr">bold</span>'
    assert bidi.isolate_ltr("<p>a <i>b</p> c") == '<p><span dir="ltr">a</span> <i><span dir="ltr">b</span></p> <span dir="ltr">c</span>'


def test_glossary_terms_marked_once_per_section() -> None:
    term = '<abbr title="A person who lived through trafficking.">{}</abbr>'
    html = (f"<p>{term.format('survivor')} and {term.format('survivors')} and {term.format('Survivor')}</p>"
            f"<h2 id='x'>Next</h2><p>{term.format('survivor')} {term.format('survivor')}</p>")
    out = glossary_marks.once_per_section(html)
    assert out.count("<abbr") == 2
    assert out.startswith(f"<p>{term.format('survivor')} and survivors and Survivor</p>")


def test_hostile_shapes_never_fail_the_build() -> None:
    deep = "<div>" * 500 + "نص Latin" + "</div>" * 500
    assert bidi.isolate_ltr(deep) == deep  # left as it is, no RecursionError
    wide = "<p>" + 'نص <a href="#">Link</a> ' * 5000 + "</p>"
    assert bidi.isolate_ltr(wide).count('<span dir="ltr"><a href="#">Link</a></span>') == 5000
    stray = "<p>نص</b></i> Latin <b>x</p></div>"
    assert bidi.isolate_ltr(stray) == '<p>نص</b></i> <span dir="ltr">Latin</span> <b><span dir="ltr">x</span></p></div>'


def test_a_mark_in_a_heading_or_a_closed_block_does_not_use_up_the_term() -> None:
    term = '<abbr title="A person who lived through trafficking.">survivor</abbr>'
    html = f"<h2>{term}</h2><details><summary>More</summary><p>{term}</p></details><p>{term} and {term}</p>"
    out = glossary_marks.once_per_section(html)
    assert out == f"<h2>{term}</h2><details><summary>More</summary><p>{term}</p></details><p>{term} and survivor</p>"
    hostile = '<abbr title="a">' * 20000 + "<details>" * 20000
    assert glossary_marks.once_per_section(hostile) == hostile  # unclosed marks: left alone, in linear time
