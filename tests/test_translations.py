"""The translation table's rules (issue 21), on tables written here: every language has every key, the plural
forms CLDR asks for and the placeholders English has; a language the table lacks stops the build; numbers,
plural forms, og:locale and direction as CLDR gives them. The product table itself is checked by every build,
and its words on the built pages by tests/test_languages.py."""

from __future__ import annotations

import pytest

from column import data, translations

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


def test_a_language_the_table_lacks_stops_the_build_naming_the_languages_it_has():
    with pytest.raises(data.InputError) as error:
        translations.words_for(table(), "de-DE")
    assert str(error.value).startswith(
        "overrides/translations.yml: no words for 'de' (mkdocs.yml: field 'theme.language' is 'de-DE'); "
        "expected one of the languages it has: ar, en, ru."
    )


@pytest.mark.parametrize("tag", ["en_GB", "english", "en-gb", "", None, 42])
def test_a_malformed_tag_stops_the_build(tag):
    with pytest.raises(data.InputError) as error:
        translations.words_for(table(), tag)
    assert str(error.value).startswith(
        "mkdocs.yml: field 'theme.language': expected a language, or a language and its region"
    )


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
