"""Typography on the built pages and in the functions that set it (no browser; tests/browser/test_typography.py
lays the pages out): the text a reader copies is the text as written, whatever keeps it on one line; the
address's break points; initials that do not join. The phrases that take an author's grammatical gender:
tests/test_languages.py."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

from column import render, typography

# --- what keeps words on one line, and what it leaves alone ----------------------------------------------------


def visible(html: str) -> str:
    return lxml_html.fromstring(f"<div>{html}</div>").text_content()


@pytest.mark.parametrize(
    "text, language, kept",
    [
        # One-letter words, with the word after them; a run of them whole.
        ("жить в доме и в саду", "ru", ["в доме", "и в саду"]),
        ("dům v lese a u řeky", "cs", ["v lese", "a u řeky"]),
        ("a walk in a wood", "en", []),  # English typesetting keeps no such rule
        # A spaced dash stays with the word before it, in every language.
        ("Palmyra — a sign", "en", ["Palmyra —"]),
        # A hyphenated name; in Russian a hyphenated word with a part of one or two letters.
        ("Jean-Paul and well-known", "en", ["Jean-Paul"]),
        ("«Пример-Медиа» где-то по-русски кто-нибудь", "ru", ["«Пример-Медиа»", "где-то", "по-русски"]),
        ("e-mail", "en", []),
    ],
)
def test_words_kept_on_one_line(text, language, kept):
    html = typography.set_text(text, language)
    assert re.findall(r'<span class="oc-nowrap">(.*?)</span>', html) == kept
    assert visible(html) == text  # the words as written


def test_a_short_last_pair_of_a_block_is_kept_whole_and_a_long_one_is_not():
    page = "<body><p>It is a victory.</p><p>It is an extraordinarily incomprehensible.</p><h1>A headline</h1>"
    html = typography.set_page(page, "en")
    assert re.findall(r'<span class="oc-nowrap">(.*?)</span>', html) == ["a victory."]


def test_only_the_bodys_text_is_set_and_the_rest_is_left_as_it_is():
    page = (
        '<html><head><title>в доме</title></head><body data-x="в доме"><p>в <a href="#в доме">доме</a> — '
        "<code>в доме</code><script>в доме</script><svg><title>в доме</title></svg></p></body></html>"
    )
    html = typography.set_page(page, "ru")
    # A one-letter word before a link, and a dash after one, bind with a no-break space.
    assert html == page.replace("<p>в <a", "<p>в\u00a0<a").replace("</a> —", "</a>\u00a0—")


def test_the_page_is_read_as_html_is_read():
    # A '>' in an attribute ends no tag; a '<' that starts no tag is text, and its run is set as one.
    page = '<body><p title="1 > в доме">в доме и < к дому</p></body>'
    html = typography.set_page(page, "ru")
    assert re.findall(r'<span class="oc-nowrap">(.*?)</span>', html) == ["в доме", "и <", "к дому"]
    assert html.startswith('<body><p title="1 > в доме">')


def test_the_built_russian_page_reads_as_written(language_sites):
    page = lxml_html.fromstring((language_sites["ru-RU"] / "index.html").read_bytes())
    # The bio's name of a publisher, whole (tests/columns/languages/ru-RU/data/authors.yml).
    (bio,) = page.cssselect(".oc-bio__text")
    assert "«Пример-Медиа»." in [span.text_content() for span in bio.cssselect("span.oc-nowrap")]
    # The standfirst as its front matter writes it, one-letter words and all.
    (standfirst,) = page.cssselect(".oc-standfirst")
    assert standfirst.cssselect("span.oc-nowrap")
    assert standfirst.text_content() == (
        "Эта колонка написана для проверки сайта: каждое слово интерфейса вокруг неё должно быть русским, "
        "\u0430 время чтения должно склоняться."
    )


# --- the address, the initials -----------------------------------------------------------------------------------


def test_an_address_breaks_after_its_punctuation_only():
    assert render.address_html("https://columns.example/a-b/?x=1&y=<2>") == (
        "https://<wbr>columns.<wbr>example/<wbr>a-<wbr>b/?<wbr>x=1&amp;<wbr>y=&lt;2&gt;"
    )


@pytest.mark.parametrize(
    "name, shown",
    [("سلمى حداد", "س\u200cح"), ("ܐܢܐ ܒܪܐ", "ܐ\u200cܒ"), ("Мария Иванова", "МИ"), ("Dr Alexander Yakovenko", "AY")],
)
def test_initials_of_a_joining_script_are_kept_apart(name, shown):
    assert render.initials(name) == shown
