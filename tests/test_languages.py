"""One language setting changes the whole page: the page's words come from the translation table
(overrides/translations.yml), whose rules are checked on tables written here (every language has every key,
the plural forms CLDR asks for and the placeholders English has); numbers, plural forms, og:locale and
direction are CLDR's. The suite's columns in Russian (ru-RU) and Arabic (ar), tests/columns/languages, built once
each, leave no English interface word (checked against the English table, not by eye); Arabic is right to left,
and so is its card. Expectations are written out from the fixture columns' words and from CLDR."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html
from PIL import Image, ImageDraw, ImageFont

from build_harness import ROOT, build_error, built, copy_project
from built_pages import meta, parsed, words
from card_pixels import PALETTE, card_problems, hex_colours
from column import card, data, translations
from project_edits import set_language
from suite_columns import COLUMNS, LANGUAGES, SITE_URL

ENGLISH = yaml.safe_load((ROOT / "overrides" / "translations.yml").read_text(encoding="utf-8"))["en"]
# What the table holds that is not a word the page says.
NOT_WORDS = {"meta.og_locale"}
# Words an English value shares with its translations by nature: a key's name on the keyboard, a feed format's.
KEY_NAMES = {"ctrl", "atom", "json"}

# Where a page says something to a person: text, these attributes, these <meta> tags, the scripts' words and the
# JSON-LD's values (code, styles, URLs and ids are not words to a reader).
TEXT_ATTRIBUTES = ("aria-label", "title", "alt", "data-oc-author", "data-oc-title")
TEXT_METAS = (
    "description author og:title og:description og:site_name og:image:alt article:section twitter:title "
    "twitter:description twitter:image:alt"
)
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def strings(value) -> list[str]:
    """Every string in a JSON or YAML value (mapping keys that are schema.org's @-names left out)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() if key not in ("@context", "@type") for s in strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


def what_the_page_says(path: Path) -> list[str]:
    tree = lxml_html.fromstring(path.read_bytes())
    said = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in ("script", "style"):
            if element.get("type") in ("application/json", "application/ld+json"):
                said += strings(json.loads(element.text))
        elif element.text:
            said.append(element.text)
        if element.tail:
            said.append(element.tail)
        said += [element.get(name) for name in TEXT_ATTRIBUTES if element.get(name)]
        if element.tag == "meta" and (element.get("name") or element.get("property")) in TEXT_METAS.split():
            said.append(element.get("content"))
    return said


def latin_words(texts) -> set[str]:
    return {word.casefold() for text in texts for word in LATIN_WORD.findall(PLACEHOLDER.sub(" ", text))}


def english_words() -> set[str]:
    texts = [s for key, value in ENGLISH.items() if key not in NOT_WORDS for s in strings(value)]
    return latin_words(texts) - KEY_NAMES


def own_words(language: str | None) -> set[str]:
    """The words of the fixture columns themselves (their front matter, body, data and settings; English's with
    no language) and of their address: what the publisher writes, which may be in any script."""
    folder = COLUMNS / "languages" / language if language else COLUMNS
    texts = [SITE_URL]
    for path in [*folder.glob("*.yml"), *folder.glob("data/*.yml"), COLUMNS / "data" / "icons.yml"]:
        texts += strings(yaml.safe_load(path.read_text(encoding="utf-8").replace("!ENV", "")))
    for path in (folder / "docs").glob("*.md"):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        texts += [*strings(yaml.safe_load(front)), body]
    return latin_words(texts)


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.fixture(scope="module")
def ru(language_sites) -> Path:
    return language_sites["ru-RU"]


@pytest.fixture(scope="module")
def ar(language_sites) -> Path:
    return language_sites["ar"]


# --- no English word left ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_interface_word_is_left(language_sites, language):
    site = language_sites[language]
    # Two columns (tests/columns/languages/<language>/docs), the index of columns and their author's page.
    key = {"ru-RU": "ivanova", "ar": "haddad"}[language]
    assert [path.relative_to(site).as_posix() for path in pages(site)] == [
        "404.html",
        f"authors/{key}/index.html",
        "columns/index.html",
        "index.html",
        "second/index.html",
    ]
    for path in pages(site):
        left = latin_words(what_the_page_says(path)) & english_words() - own_words(language)
        assert not left, f"{language} {path.name}: English words of the interface: {sorted(left)}"


def test_the_english_pages_say_every_english_word(corrected_site):
    # The control: on the English site (with corrections, so that every word has a place) the same reading finds
    # every word of the English table, so a word left untranslated on another page would be found too.
    said = latin_words(text for path in pages(corrected_site) for text in what_the_page_says(path))
    assert english_words() - said == set()


# --- the page's own words, in its language ----------------------------------------------------------------

BYLINES = {
    # 255 words at 238 a minute: 2 minutes, CLDR's "few" in Russian. The dates as CLDR writes them in Russian.
    "ru-RU": "Автор: Мария Иванова · 28 марта 2016 г. · Обновлено 29 марта 2016 г. · 2\u00a0минуты чтения",
    # 84 words: one minute, said in words in Arabic ("one" category, no digit).
    "ar": "بقلم سلمى حداد · 28 مارس 2016 · آخر تحديث 29 مارس 2016 · دقيقة واحدة للقراءة",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_byline_and_reading_time(language_sites, language):
    page = parsed(language_sites[language])
    (byline,) = page.cssselect(".oc-byline")
    kept = byline.text_content().replace("\u00a0", "\x00")  # the no-break space between number and unit stays
    assert " ".join(kept.split()).replace("\x00", "\u00a0") == BYLINES[language]
    assert [a.get("href") for a in byline.cssselect("a")] == ["#oc-author"]
    assert [time.get("datetime") for time in byline.cssselect("time")] == ["2016-03-28", "2016-03-29T10:15:00+03:00"]


LANGUAGE_SIGNALS = {
    # (<html lang>, dir, og:locale, JSON-LD inLanguage)
    "ru-RU": ("ru-RU", "ltr", "ru_RU", "ru-RU"),
    "ar": ("ar", "rtl", "ar_AR", "ar"),  # no region: Facebook's ar_AR
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_setting_gives_lang_direction_and_locale(language_sites, language):
    lang, direction, og_locale, in_language = LANGUAGE_SIGNALS[language]
    for path in pages(language_sites[language]):
        page = lxml_html.fromstring(path.read_bytes())
        assert (page.get("lang"), page.get("dir")) == (lang, direction), path.name
        assert page.body.get("dir") == direction, path.name
    page = parsed(language_sites[language])
    assert meta(page, "og:locale") == og_locale
    (ld,) = page.xpath("//script[@type='application/ld+json']")
    assert json.loads(ld.text)["inLanguage"] == in_language


def test_the_english_page_is_left_to_right(page):
    assert (page.get("lang"), page.get("dir"), page.body.get("dir")) == ("en-GB", "ltr", "ltr")


PERMALINKS = {"ru-RU": ("Ссылка на абзац {}", 7), "ar": ("رابط الفقرة {}", 4)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_paragraph_links_are_named_in_the_language(language_sites, language):
    label, paragraphs = PERMALINKS[language]
    links = parsed(language_sites[language]).cssselect("a.oc-permalink")
    assert [link.get("aria-label") for link in links] == [label.format(n) for n in range(1, paragraphs + 1)]
    assert [link.get("title") for link in links] == [label.format(n) for n in range(1, paragraphs + 1)]


# The table's "Share on {network}" with each network's name from the fixture data; e-mail has its own label.
RU_NETWORKS = "Facebook,ВКонтакте,X,Telegram,Одноклассники,WhatsApp"
AR_NETWORKS = "فيسبوك,VK,إكس,تيليغرام,Odnoklassniki,واتساب"
SHARE_LABELS = {
    "ru-RU": [*(f"Поделиться в {name}" for name in RU_NETWORKS.split(",")), "Отправить по почте"],
    "ar": [*(f"المشاركة على {name}" for name in AR_NETWORKS.split(",")), "المشاركة عبر البريد الإلكتروني"],
}
CONTROLS = {
    # share title, copy link, share sheet, passage toolbar, its copy button, bio section, profile, corrections
    "ru-RU": (
        "Поделиться колонкой",
        "Копировать ссылку",
        "Поделиться…",
        "Поделиться отрывком",
        "Копировать ссылку на отрывок",
        "Об авторе",
        "@example_columnist в Telegram",
        "Исправления",
    ),
    "ar": (
        "شارك هذا المقال",
        "نسخ الرابط",
        "مشاركة…",
        "مشاركة المقتطف",
        "نسخ رابط المقتطف",
        "عن الكاتبة",  # the author's grammatical gender (tests/columns/languages/ar/data/authors.yml)
        "@example_columnist على تيليغرام",
        "تصحيحات",
    ),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_share_bar_toolbar_and_footer_speak_the_language(language_sites, language):
    page = parsed(language_sites[language])
    assert [a.get("aria-label") for a in page.cssselect(".oc-share__list a")] == SHARE_LABELS[language]
    quote_labels = [a.get("aria-label") for a in page.cssselect(".oc-passage a")]
    assert quote_labels == [SHARE_LABELS[language][i] for i in (2, 3, 5, 6)]  # the networks with a quote_url
    title, copy, sheet, toolbar, passage_copy, bio, profile, corrections = CONTROLS[language]
    assert page.cssselect(".oc-corrections")[0].get("aria-label") == corrections
    assert words(page.cssselect("#oc-share-title")[0]) == title
    assert page.cssselect("[data-oc-copy]")[0].get("aria-label") == copy
    assert [b.get("aria-label") for b in page.cssselect("[data-oc-share], [data-oc-passage-share]")] == [sheet] * 2
    assert page.cssselect(".oc-passage")[0].get("aria-label") == toolbar
    assert page.cssselect("[data-oc-passage-copy]")[0].get("aria-label") == passage_copy
    assert page.cssselect(".oc-bio")[0].get("aria-label") == bio
    assert page.cssselect(".oc-bio__profile")[0].get("aria-label") == profile


FOOT = {
    "ru-RU": {
        ".oc-share__url": "Ссылка: https://columns.example/ambassadors-view/",
        ".oc-bio__text": "Мария Иванова, обозреватель отдела мнений, «Пример-Медиа». Читайте её в Telegram "
        "@example_columnist",
        ".oc-original": "Впервые опубликовано: Пример-Медиа",
        ".oc-print-url": "Читать на сайте: https://columns.example/ambassadors-view/",
        ".oc-footer": "Взгляд со стороны. Текст колонки принадлежит её автору и первому издателю.",
        ".oc-skip": "Перейти к колонке",
        ".oc-corrections": "Исправление, 29 марта 2016 г.: В первой версии колонки время чтения называлось одной "
        "минутой; это исправлено.",
    },
    "ar": {
        ".oc-share__url": "الرابط: https://columns.example/ambassadors-view/",
        ".oc-bio__text": "سلمى حداد، كاتبة في قسم الرأي، أخبار المثال. تابعوها على تيليغرام @example_columnist",
        ".oc-original": "نُشر أولًا في أخبار المثال",
        ".oc-print-url": "اقرأ على الإنترنت: https://columns.example/ambassadors-view/",
        ".oc-footer": "رأي آخر. نص المقال ملك لكاتبته ولناشره الأول.",  # her text: the author's gender
        ".oc-skip": "انتقل إلى المقال",
        ".oc-corrections": "تصحيح، 29 مارس 2016: ذكرت النسخة الأولى من المقال أن وقت القراءة دقيقتان؛ صُحّح ذلك.",
    },
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sentences_around_the_column(language_sites, language):
    page = parsed(language_sites[language])
    for selector, expected in FOOT[language].items():
        (element,) = page.cssselect(selector)
        assert words(element) == expected, selector
    # Addresses read left to right in any language; the handle keeps its "@" in front.
    for selector in (".oc-share__address", ".oc-print-url span"):
        assert page.cssselect(selector)[0].get("dir") == "ltr", selector
    assert page.cssselect(".oc-bio__text a.u-url")[0].get("dir") == "auto"


# --- grammatical gender -----------------------------------------------------------------------------------

# The Arabic phrases about the author, in each form (their author in tests/columns/languages/ar is a woman):
# "About the author" and "the column's text belongs to its author".
ARABIC = {
    "feminine": ("عن الكاتبة", "رأي آخر. نص المقال ملك لكاتبته ولناشره الأول."),
    "masculine": ("عن الكاتب", "رأي آخر. نص المقال ملك لكاتبه ولناشره الأول."),
    # No gender given: words that need none ("a short profile"; "belongs to whoever wrote it").
    None: ("نبذة تعريفية", "رأي آخر. نص المقال ملك لمن كتبه ولناشره الأول."),
}
AUTHORS = "data/authors.yml"


def said_about_the_author(site, path: str = "index.html") -> tuple[str | None, str]:
    page = parsed(site, path)
    bio = page.cssselect(".oc-bio")
    return bio[0].get("aria-label") if bio else None, words(page.cssselect(".oc-footer p")[0])


def test_the_arabic_404_page_is_about_no_author_and_needs_no_gender(language_sites):
    # The column page speaks of its author as she asks (FOOT and CONTROLS above); the 404 page of nobody.
    assert said_about_the_author(language_sites["ar"], "404.html") == (None, ARABIC[None][1])


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
    assert said_about_the_author(built(arabic_project(tmp_path, gender), tmp_path / "site")) == ARABIC[gender]


# A table in the product's shape, written for these tests: Arabic gives "About the author" by gender.
GENDER_TABLE = """\
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


def gender_table(text: str = GENDER_TABLE) -> dict:
    return translations.check_table(data.load_yaml(text, "overrides/translations.yml"))


def test_each_form_is_said_of_its_gender_and_other_of_an_author_who_gives_none():
    arabic = translations.words_for(gender_table(), "ar")
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
    text = GENDER_TABLE.replace(
        "  bio.label:\n    masculine: عن الكاتب\n    feminine: عن الكاتبة\n    other: نبذة تعريفية\n",
        f"  bio.label: {entry}\n",
    )
    with pytest.raises(data.InputError) as error:
        gender_table(text)
    assert str(error.value).startswith("overrides/translations.yml, line 10: " + problem), str(error.value)


def test_a_form_keeps_every_placeholder_english_has():
    # A gender form says what English says, of another author: unlike a plural form, it may not leave one out.
    text = GENDER_TABLE.replace('    feminine: "بقلمها {author}"\n', '    feminine: "بقلمها"\n')
    with pytest.raises(data.InputError) as error:
        gender_table(text)
    assert str(error.value) == (
        "overrides/translations.yml, line 16: field 'ar.byline.author.feminine': expected a text with the "
        "placeholders of 'en' ({author}), got 'بقلمها'."
    )


NOT_FOUND = {
    "ru-RU": (
        "Страница не найдена · Взгляд со стороны",
        "Ошибка 404",
        "Страница не найдена",
        "По этому адресу ничего нет. Возможно, в адресе опечатка, или страница переехала.",
        "Читать колонку на сайте Взгляд со стороны",
    ),
    "ar": (
        "الصفحة غير موجودة · رأي آخر",
        "خطأ 404",
        "الصفحة غير موجودة",
        "لا شيء على هذا العنوان. ربما كُتب خطأً، أو نُقلت الصفحة.",
        "اقرأ المقال على رأي آخر",
    ),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_404_page(language_sites, language):
    page = parsed(language_sites[language], "404.html")
    title, kicker, headline, standfirst, link = NOT_FOUND[language]
    assert page.findtext(".//title") == title
    shown = [words(page.cssselect(s)[0]) for s in (".oc-kicker", "h1", ".oc-standfirst", ".oc-not-found a")]
    assert shown == [kicker, headline, standfirst, link]
    theme = {"ru-RU": "Тёмная тема", "ar": "الوضع الداكن"}[language]
    assert page.cssselect("[data-oc-theme]")[0].get("aria-label") == theme


SCRIPT_WORDS = {
    "ru-RU": {
        "share.copied": "Ссылка скопирована в буфер обмена.",
        "share.selected": "Ссылка выделена: нажмите Ctrl+C или ⌘C, чтобы скопировать её.",
        "passage.copied": "Ссылка на отрывок скопирована.",
        "passage.paragraph_copied": "Ссылка на абзац скопирована.",
        "passage.copy_refused": "Браузер не позволил странице скопировать ссылку; воспользуйтесь кнопкой «Поделиться».",
        "passage.copy_unsupported": (
            "Этот браузер не умеет копировать со страницы; воспользуйтесь кнопкой «Поделиться»."
        ),
        "passage.share_failed": "Меню «Поделиться» не открылось; скопируйте ссылку.",
        "passage.quote": "«{quote}» — {author}",
    },
}


def test_the_scripts_words_are_data_on_the_page(ru, page):
    (block,) = parsed(ru).xpath("//script[@id='oc-words']")
    assert block.get("type") == "application/json"
    assert json.loads(block.text) == SCRIPT_WORDS["ru-RU"]
    (english,) = page.xpath("//script[@id='oc-words']")
    assert json.loads(english.text)["passage.quote"] == "“{quote}” — {author}"
    # No sentence of the table is in the scripts' code: they read this block (a copy there would stay English).
    for name in ("column.js", "passage.js", "theme-init.js"):
        code = (ROOT / "overrides" / "assets" / name).read_text(encoding="utf-8")
        code = re.sub(r"(?<!:)//[^\n]*|/\*.*?\*/", "", code, flags=re.S)  # comments say what the code does
        for sentence in (s for key, value in ENGLISH.items() if key not in NOT_WORDS for s in strings(value)):
            for piece in PLACEHOLDER.split(sentence):
                assert len(piece.strip()) < 8 or piece.strip() not in code, (name, piece)


# --- the social card --------------------------------------------------------------------------------------


def card_png(site: Path) -> bytes:
    return (site / meta(parsed(site), "og:image").removeprefix(SITE_URL)).read_bytes()


def test_the_russian_card_is_drawn_from_the_left(ru):
    assert card_problems(card_png(ru), PALETTE) == []


def test_the_arabic_card_is_drawn_from_the_right(ar):
    png = card_png(ar)
    assert card_problems(png, PALETTE, rtl=True) == []
    assert card_problems(png, PALETTE) != []  # the left-to-right reading of it fails: it is mirrored
    assert meta(parsed(ar), "og:image:alt") == "رأي آخر: مقال للاختبار: الكلمات نفسها بلغة أخرى، بقلم سلمى حداد"


def test_card_problems_sees_a_card_drawn_the_wrong_way(site):
    # The control: the English card read as a right-to-left one fails.
    png = card_png(site)
    assert card_problems(png, PALETTE) == []
    problems = card_problems(png, PALETTE, rtl=True)
    assert "the band down the right edge is not all accent" in problems


MISSING = "\U0010fffd"  # a private-use code point no font has: what a font draws for a letter it lacks


def drawn(font: ImageFont.FreeTypeFont, character: str) -> bytes:
    image = Image.new("L", (80, 80))
    ImageDraw.Draw(image).text((10, 10), character, font=font, fill=255)
    return image.tobytes()


@pytest.mark.parametrize(
    "script, sample",
    [
        ("Latn", "Palmyra’s “ISIS” — 2,000"),
        ("Cyrl", "Освобождение «Пальмиры» ёЁ"),
        ("Arab", "تحرير تدمر، «داعش» Palmyra"),
    ],
)
def test_the_cards_fonts_have_the_letters_of_their_script(script, sample):
    fonts = card.FONTS[script]
    for path in {fonts.headline, fonts.kicker, fonts.byline}:
        font = ImageFont.truetype(str(path), 40)
        lacking = [ch for ch in set(sample) - {" "} if drawn(font, ch) == drawn(font, MISSING)]
        assert not lacking, f"{path.name} has no glyph for {lacking}"


# --- adding a language, and a table with a gap -----------------------------------------------------------


def irish(key: str) -> str:
    """The Irish "words" this test writes for a key: ga and the key's place in the English table."""
    return f"ga{list(ENGLISH).index(key):02d}"


def irish_entry(language: str = "ga", categories=("one", "two", "few", "many", "other"), og_locale="ga_IE") -> str:
    """An entry written for this test: Irish by default (ga: CLDR's plural categories one, two, few, many,
    other), or another language with its own categories, every word made by irish()."""
    lines = [f"{language}:"]
    for key, value in ENGLISH.items():
        if key == "meta.og_locale":
            lines.append(f"  {key}: {og_locale}")
        elif isinstance(value, dict):
            lines.append(f"  {key}:")
            lines += [f'    {category}: "{{n}} {irish(key)}{category}"' for category in categories]
        else:
            names = " ".join(PLACEHOLDER.findall(value))
            lines.append(f'  {key}: "{irish(key)} {names}"')
    return "\n".join(lines) + "\n"


def with_language(project: Path, language: str, entry: str = "") -> Path:
    """The project with an entry added to its translation table and theme.language set."""
    with (project / "overrides" / "translations.yml").open("a", encoding="utf-8") as table:
        table.write(entry)
    set_language(project, language)
    return project


def test_a_language_added_to_the_table_is_published(project, tmp_path):
    # One entry in the table, then theme.language. Material has no Irish strings; none of Material's show on this
    # page, so none are needed.
    site = built(with_language(project, "ga", irish_entry()), tmp_path / "site")
    page = parsed(site)
    assert (page.get("lang"), page.get("dir"), meta(page, "og:locale")) == ("ga", "ltr", "ga_IE")
    assert words(page.cssselect("#oc-share-title")[0]) == irish("share.title")
    assert words(page.cssselect(".oc-readtime")[0]) == f"· 2 {irish('byline.reading_time')}two"  # CLDR: Irish 2
    said = latin_words(what_the_page_says(site / "index.html"))
    assert said & english_words() - own_words(None) == set()


THEME_LANGUAGE = "mkdocs.yml: field 'theme.language': expected"


def test_a_language_the_table_or_the_card_cannot_serve_stops_the_build(project, tmp_path):
    # A language the table lacks: no other language stands in for it.
    message = build_error(with_language(project, '"de-DE"'), tmp_path / "one")
    assert message.startswith("overrides/translations.yml: no words for 'de' (mkdocs.yml: field 'theme.language'")
    # Greek (CLDR: written in Grek; plural categories one, other) with a complete table entry: the page could
    # say every word, but the card's fonts (Latin, Cyrillic, Arabic) would draw its headline as empty boxes.
    greek = with_language(copy_project(tmp_path / "greek"), "el-GR", irish_entry("el", ("one", "other"), "el_GR"))
    assert build_error(greek, tmp_path / "two") == (
        f"{THEME_LANGUAGE} a language whose script the social card has fonts for (Latn, Cyrl, Arab: "
        "hooks/column/card.py, FONTS), got 'el-GR' (script Grek)."
    )


@pytest.mark.parametrize(
    "script, tag, raqm, refused",
    [
        ("Latn", "en-GB", False, None),  # left to right: Pillow lays it out without libraqm
        ("Cyrl", "ru", False, None),
        ("Arab", "ar", True, None),
        ("Arab", "ar", False, "libraqm"),  # Arabic unshaped would be letters unjoined
        ("", "xx", True, "got 'xx' (script unknown)"),
    ],
)
def test_check_script(monkeypatch, script, tag, raqm, refused):
    monkeypatch.setattr(card.features, "check", lambda feature: raqm if feature == "raqm" else True)
    if refused is None:
        card.check_script(script, tag)
        return
    with pytest.raises(card.InputError) as caught:
        card.check_script(script, tag)
    assert refused in str(caught.value)


def test_a_key_missing_in_any_language_stops_every_build(project, tmp_path):
    # The whole table is checked whatever the site's language: an English site does not build with a gap in
    # the Russian words.
    table = project / "overrides" / "translations.yml"
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    ru_start = lines.index("ru:\n")
    share_title = next(i for i, line in enumerate(lines) if i > ru_start and line.startswith("  share.title:"))
    del lines[share_title]
    table.write_text("".join(lines), encoding="utf-8")
    assert build_error(project, tmp_path / "site") == (
        f"overrides/translations.yml, line {ru_start + 1}: language 'ru': the key 'share.title' is missing; expected "
        "its words (in 'en': 'Share this column')."
    )


# A long Arabic headline (test text, with Latin and digits in it): wrapped and shrunk from the right, in every
# ratio of the JSON-LD images as in the 1200 x 630 card.
LONG_ARABIC = "عنوان طويل للاختبار " * 8 + "Palmyra 2016"


def test_a_long_arabic_headline_is_wrapped_from_the_right():
    arabic = card.Script("Arab", "rtl", "ar")
    png = card.render_card(
        headline=LONG_ARABIC, column="رأي آخر", author="سلمى حداد", palette=hex_colours(PALETTE), script=arabic
    )
    assert card_problems(png, PALETTE, rtl=True) == []
    font, lines = card.fit_headline(LONG_ARABIC, 1200 - 2 * 80, 310, arabic)
    assert len(lines) > 1 and " ".join(lines) == LONG_ARABIC.strip()
    for line in lines:
        assert font.getlength(line, **arabic.shaping()) <= 1200 - 2 * 80


# --- the translation table's rules ---------------------------------------------------------------------

# A small table in the product's shape, written for these tests.
TABLE = """\
en:
  meta.og_locale: en_US
  byline.author: "By {author}"
  byline.reading_time:
    one: "{n} min read"
    other: "{n} min read"
  share.title: Share this column
ru:
  meta.og_locale: ru_RU
  byline.author: "Автор: {author}"
  byline.reading_time:
    one: "{n} минута"
    few: "{n} минуты"
    many: "{n} минут"
    other: "{n} минуты"
  share.title: Поделиться
ar:
  meta.og_locale: ar_AR
  byline.author: "بقلم {author}"
  byline.reading_time:
    zero: "{n} دقيقة (zero)"
    one: "دقيقة واحدة"
    two: "دقيقتان"
    few: "{n} دقائق"
    many: "{n} دقيقة (many)"
    other: "{n} دقيقة (other)"
  share.title: شارك
"""


def table(text: str = TABLE) -> dict:
    return translations.check_table(data.load_yaml(text, "overrides/translations.yml"))


def refused(text: str) -> str:
    with pytest.raises(data.InputError) as error:
        table(text)
    return str(error.value)


# --- plural forms, numbers, the locale's facts ------------------------------------------------------------

# CLDR's Russian rules: one for 1, 21, 101 (not 11); few for 2-4, 22 (not 12-14); many for 0, 5-20, 25.
RUSSIAN_MINUTES = {
    1: "1 минута",
    2: "2 минуты",
    4: "4 минуты",
    5: "5 минут",
    11: "11 минут",
    12: "12 минут",
    14: "14 минут",
    21: "21 минута",
    22: "22 минуты",
    25: "25 минут",
    101: "101 минута",
    111: "111 минут",
}
# CLDR's Arabic rules: zero, one, two, few (n % 100 in 3..10), many (n % 100 in 11..99), other (100, 101, 102).
ARABIC_MINUTES = {
    0: "0 دقيقة (zero)",
    1: "دقيقة واحدة",
    2: "دقيقتان",
    3: "3 دقائق",
    10: "10 دقائق",
    11: "11 دقيقة (many)",
    99: "99 دقيقة (many)",
    100: "100 دقيقة (other)",
    102: "102 دقيقة (other)",
    103: "103 دقائق",
}


@pytest.mark.parametrize("minutes", RUSSIAN_MINUTES)
def test_russian_reading_time_takes_cldrs_plural_form(minutes):
    words = translations.words_for(table(), "ru-RU")
    assert words.plural("byline.reading_time", minutes) == RUSSIAN_MINUTES[minutes]


@pytest.mark.parametrize("minutes", ARABIC_MINUTES)
def test_arabic_reading_time_takes_cldrs_plural_form(minutes):
    words = translations.words_for(table(), "ar")
    assert words.plural("byline.reading_time", minutes) == ARABIC_MINUTES[minutes]


def test_english_has_one_and_other():
    words = translations.words_for(table(), "en-GB")
    assert [words.plural("byline.reading_time", n) for n in (1, 2, 21)] == ["1 min read", "2 min read", "21 min read"]


def test_numbers_as_the_locale_writes_them():
    # CLDR: Russian groups with a no-break space, Egyptian Arabic with the Arabic thousands separator (U+066C);
    # English with a comma.
    assert translations.words_for(table(), "ru-RU").number(1234567) == "1\u00a0234\u00a0567"
    assert translations.words_for(table(), "ar-EG").number(1234) == "1\u066c234"
    assert translations.words_for(table(), "en-GB").number(1234) == "1,234"
    assert translations.words_for(table(), "ru-RU").plural("byline.reading_time", 1234) == "1\u00a0234 минуты"


@pytest.mark.parametrize(
    "tag, direction, script, og_locale",
    [
        ("en-GB", "ltr", "Latn", "en_GB"),
        ("en", "ltr", "Latn", "en_US"),  # no region: the table's og:locale for the language
        ("ru-RU", "ltr", "Cyrl", "ru_RU"),
        ("ar", "rtl", "Arab", "ar_AR"),  # Facebook's name for Arabic
        ("ar-EG", "rtl", "Arab", "ar_EG"),
    ],
)
def test_what_cldr_says_of_a_language(tag, direction, script, og_locale):
    words = translations.words_for(table(), tag)
    assert (words.direction, words.script, words.open_graph_locale) == (direction, script, og_locale)


def test_a_tag_reads_its_own_entry_else_its_languages():
    text = TABLE + "en-US:\n  share.title: Share this column, y'all\n"
    checked = table(text)
    assert translations.words_for(checked, "en-US").text("share.title") == "Share this column, y'all"
    assert translations.words_for(checked, "en-US").text("byline.author", author="A") == "By A"  # from `en`
    assert translations.words_for(checked, "en-GB").text("share.title") == "Share this column"


def test_placeholders_are_filled_in_one_pass():
    assert translations.fill("{a} and {b}", {"a": "{b}", "b": "B"}) == "{b} and B"
    words = translations.words_for(table(), "en-GB")
    assert words.pieces()["byline.author"] == ["By ", "author", ""]


# --- what stops the build ---------------------------------------------------------------------------------


@pytest.mark.parametrize("tag", ["de-DE", "de", "xx-GB"])
def test_a_language_the_table_lacks_stops_the_build_naming_the_languages_it_has(tag):
    with pytest.raises(data.InputError) as error:
        translations.words_for(table(), tag)
    language = tag.split("-")[0]
    assert str(error.value) == (
        f"overrides/translations.yml: no words for '{language}' (mkdocs.yml: field 'theme.language' is {tag!r}); "
        f"expected one of the languages it has: ar, en, ru. Add '{language}' to the table to publish in it "
        "(handbook/CONTENT.md, 'Languages')."
    )


TAG = (
    f"{THEME_LANGUAGE} a language, or a language and its region, such as 'en-GB' or 'ar' (<html lang>, og:locale, "
    "the JSON-LD inLanguage and the page's words are read from it), got "
)


@pytest.mark.parametrize(
    "tag, got",
    [
        *[(tag, repr(tag)) for tag in ("en_GB", "english", "en-gb", "EN-gb", 'en-GB"><script>alert(1)</script>')],
        ("", "an empty string"),
        (None, "nothing"),
        (12, "an integer (12)"),  # YAML reads theme.language: 12 as a number
    ],
)
def test_a_malformed_tag_stops_the_build(tag, got):
    with pytest.raises(data.InputError) as error:
        translations.words_for(table(), tag)
    assert str(error.value) == f"{TAG}{got}."


def test_a_missing_key_names_the_key_and_the_language():
    message = refused(TABLE.replace("  share.title: Поделиться\n", ""))
    assert message == (
        "overrides/translations.yml, line 8: language 'ru': the key 'share.title' is missing; expected its words "
        "(in 'en': 'Share this column')."
    )


def test_a_key_english_lacks_is_refused():
    message = refused(TABLE.replace("  share.title: شارك\n", "  share.title: شارك\n  share.titel: شارك\n"))
    assert message.startswith("overrides/translations.yml, line 28: field 'ar.share.titel': expected one of the keys")


@pytest.mark.parametrize(
    "old, new, field, line",
    [
        # Russian needs one, few, many and other: a form missing, or one Russian does not have.
        ('    few: "{n} минуты"\n', "", "ru.byline.reading_time", 11),
        ('    few: "{n} минуты"\n', '    few: "{n} минуты"\n    two: "{n} минуты"\n', "ru.byline.reading_time", 11),
        # A plural entry written as one text.
        (
            '  byline.reading_time:\n    one: "{n} минута"\n    few: "{n} минуты"\n    many: "{n} минут"\n'
            '    other: "{n} минуты"\n',
            '  byline.reading_time: "{n} минут"\n',
            "ru.byline.reading_time",
            11,
        ),
    ],
)
def test_a_plural_entry_needs_every_category_of_its_language(old, new, field, line):
    assert old in TABLE
    message = refused(TABLE.replace(old, new, 1))
    assert message.startswith(f"overrides/translations.yml, line {line}: field '{field}': expected a plural entry")


def test_the_plural_categories_named_are_cldrs():
    message = refused(TABLE.replace('    two: "دقيقتان"\n', ""))
    assert "one text for each plural category of 'ar': zero, one, two, few, many, other" in message


@pytest.mark.parametrize(
    "old, new, field",
    [
        ('byline.author: "Автор: {author}"', 'byline.author: "Автор"', "ru.byline.author"),  # a value left out
        ('byline.author: "Автор: {author}"', 'byline.author: "Автор: {name}"', "ru.byline.author"),  # a typo
        ('    few: "{n} минуты"', '    few: "{count} минуты"', "ru.byline.reading_time.few"),
        ("  share.title: Поделиться", '  share.title: ""', "ru.share.title"),
        ("  share.title: Поделиться", "  share.title: [a]", "ru.share.title"),
    ],
)
def test_a_text_keeps_the_placeholders_english_has(old, new, field):
    assert old in TABLE
    message = refused(TABLE.replace(old, new, 1))
    assert f"field '{field}': expected a" in message


def test_a_placeholder_english_does_not_have_is_refused_saying_it_has_none():
    message = refused(TABLE.replace("  share.title: Поделиться", '  share.title: "Поделиться {title}"', 1))
    assert "field 'ru.share.title': expected a text with the placeholders of 'en' (none), got " in message


def test_a_plural_form_may_leave_the_number_out():
    # Arabic says "one minute" and "two minutes" in words (the test table does too): no {n} needed there.
    assert translations.words_for(table(), "ar").plural("byline.reading_time", 2) == "دقيقتان"


@pytest.mark.parametrize(
    "name, expected",
    [("xx", "a language that CLDR (Babel) knows"), ("EN", "a language, or a language and its region")],
)
def test_a_language_must_be_one_cldr_knows(name, expected):
    message = refused(TABLE + f"{name}:\n  share.title: x\n")
    assert f"field '{name}': expected {expected}" in message


def test_the_table_must_have_english():
    message = refused(TABLE.replace("en:\n", "fr:\n", 1))
    assert "expected a mapping of languages to their words, 'en' among them" in message


def test_og_locale_is_checked():
    message = refused(TABLE.replace("meta.og_locale: ar_AR", "meta.og_locale: arabic"))
    assert "field 'ar.meta.og_locale': expected a locale as og:locale writes it" in message
