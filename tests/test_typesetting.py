"""Typography on the built pages and in the functions that set it (no browser; tests/browser/test_typography.py
lays the pages out): the phrases about an author take the grammatical gender the author gives, and none is
guessed; the text a reader copies is the text as written, whatever keeps it on one line; the address's break
points; initials that do not join."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

from build_harness import build, copy_project
from column import data, render, translations, typography

# --- grammatical gender ----------------------------------------------------------------------------------------

# The Arabic phrases about the author, in each form (their author in tests/columns/languages/ar is a woman):
# "About the author" and "the column's text belongs to its author".
ARABIC = {
    "feminine": ("عن الكاتبة", "رأي آخر. نص المقال ملك لكاتبته ولناشره الأول."),
    "masculine": ("عن الكاتب", "رأي آخر. نص المقال ملك لكاتبه ولناشره الأول."),
    # No gender given: words that need none ("a short profile"; "belongs to whoever wrote it").
    None: ("نبذة تعريفية", "رأي آخر. نص المقال ملك لمن كتبه ولناشره الأول."),
}
AUTHORS = "data/authors.yml"


def said_about_the_author(site) -> tuple[str, str]:
    page = lxml_html.fromstring((site / "index.html").read_bytes())
    (bio,) = page.cssselect(".oc-bio")
    (footer,) = page.cssselect(".oc-footer p")
    return bio.get("aria-label"), " ".join(footer.text_content().split())


def footer_of_404(site) -> str:
    (footer,) = lxml_html.fromstring((site / "404.html").read_bytes()).cssselect(".oc-footer p")
    return " ".join(footer.text_content().split())


def test_the_arabic_page_speaks_of_its_author_as_she_asks(language_sites):
    assert said_about_the_author(language_sites["ar"]) == ARABIC["feminine"]
    # The 404 page is about no author: the words that need no gender.
    assert footer_of_404(language_sites["ar"]) == ARABIC[None][1]


def arabic_project(tmp_path, gender: str | None):
    project = copy_project(tmp_path / "project", "ar")
    authors = project / AUTHORS
    text = re.sub(r"^  grammatical_gender: .*\n", "", authors.read_text(encoding="utf-8"), flags=re.M)
    if gender:
        text = text.replace("  name: ", f"  grammatical_gender: {gender}\n  name: ", 1)
    authors.write_text(text, encoding="utf-8")
    return project


@pytest.mark.parametrize("gender", ["masculine", None])
def test_the_phrases_take_the_gender_given_and_none_is_guessed(tmp_path, gender):
    result = build(arabic_project(tmp_path, gender), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert said_about_the_author(tmp_path / "site") == ARABIC[gender]


def test_english_keeps_its_words_whatever_the_gender(page):
    # English's phrases have no forms by gender; the follow line is the author's own (tests/columns/data).
    (bio,) = page.cssselect(".oc-bio")
    assert bio.get("aria-label") == "About the author"
    assert "Follow him on Twitter" in bio.text_content()


def test_an_unknown_gender_stops_the_build_naming_the_file_the_field_and_what_is_expected(tmp_path):
    result = build(arabic_project(tmp_path, "female"), tmp_path / "site")
    assert result.returncode == 1
    assert (
        f"{AUTHORS}, line 3: field 'haddad.grammatical_gender': expected 'feminine' or 'masculine': the grammatical "
        "gender that the page's phrases about the author take (leave it out for phrases that need none), got "
        "'female'."
    ) in result.stderr


# A table in the product's shape, written for these tests: Arabic gives "About the author" by gender.
TABLE = """\
en:
  meta.og_locale: en_US
  bio.label: About the author
  byline.author: "By {author}"
  byline.reading_time:
    one: "{n} min"
    other: "{n} min"
ar:
  meta.og_locale: ar_AR
  bio.label:
    masculine: عن الكاتب
    feminine: عن الكاتبة
    other: نبذة تعريفية
  byline.author:
    other: "بقلم {author}"
    feminine: "بقلمها {author}"
  byline.reading_time:
    zero: "{n} دقيقة"
    one: "دقيقة"
    two: "دقيقتان"
    few: "{n} دقائق"
    many: "{n} دقيقة"
    other: "{n} دقيقة"
"""


def table(text: str = TABLE) -> dict:
    return translations.check_table(data.load_yaml(text, "overrides/translations.yml"))


def test_each_form_is_said_of_its_gender_and_other_of_an_author_who_gives_none():
    arabic = translations.words_for(table(), "ar")
    assert arabic.texts["bio.label"] == "نبذة تعريفية"
    assert arabic.about({"grammatical_gender": "feminine"}).texts["bio.label"] == "عن الكاتبة"
    assert arabic.about({"grammatical_gender": "masculine"}).texts["bio.label"] == "عن الكاتب"
    assert arabic.about({}).texts["bio.label"] == "نبذة تعريفية"
    # A language gives the forms it needs: no masculine form here, so `other` is said of him.
    her, him = (arabic.about({"grammatical_gender": g}) for g in ("feminine", "masculine"))
    assert (her.text("byline.author", author="س"), him.text("byline.author", author="س")) == ("بقلمها س", "بقلم س")
    assert her.pieces()["byline.author"] == ["بقلمها ", "author", ""]
    assert her.plural("byline.reading_time", 2) == "دقيقتان"  # plural entries as they were


@pytest.mark.parametrize(
    "entry, problem",
    [
        ("{feminine: عن الكاتبة, masculine: عن الكاتب}", "field 'ar.bio.label': expected a text, or its forms"),
        ("{other: نبذة}", "field 'ar.bio.label': expected a text, or its forms"),
        ("{other: نبذة, female: عن الكاتبة}", "field 'ar.bio.label': expected a text, or its forms"),
        ("{other: نبذة, feminine: 'عن {author}'}", "field 'ar.bio.label.feminine': expected a text with the"),
        ("{other: نبذة, feminine: ''}", "field 'ar.bio.label.feminine': expected a non-empty string"),
    ],
)
def test_a_bad_set_of_forms_is_refused(entry, problem):
    text = TABLE.replace(
        "  bio.label:\n    masculine: عن الكاتب\n    feminine: عن الكاتبة\n    other: نبذة تعريفية\n",
        f"  bio.label: {entry}\n",
    )
    with pytest.raises(data.InputError) as error:
        table(text)
    assert str(error.value).startswith("overrides/translations.yml, line 10: " + problem), str(error.value)


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
