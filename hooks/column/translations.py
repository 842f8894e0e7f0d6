"""The page's own words in the site's language, from one table (overrides/translations.yml), checked whole.

What CLDR knows (through Babel) is taken from it, not written into the table: a language's direction, its plural
categories and which one a number falls in, how it writes numbers. Pure functions; a problem raises InputError
naming the file, the line, the language and the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.numbers import format_decimal

from column.data import GRAMMATICAL_GENDERS, InputError, Located, describe

TABLE_FILE = "overrides/translations.yml"
REFERENCE = "en"  # the language every other one is checked against: its keys and placeholders
TAG_RE = re.compile(r"([a-z]{2,3})(?:-([A-Z]{2}))?")
PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")
OG_LOCALE_RE = re.compile(r"[a-z]{2,3}_[A-Z]{2}")
# A text may instead be given in the forms the author's grammatical gender asks for, as ICU's `select` gives them:
# {feminine: ..., masculine: ..., other: ...}. `other` is said of an author who gives no gender: words that need
# none. A language gives these forms where its phrases need them (Arabic's "About the author"); English needs none.
OTHER = "other"
GENDER_FORMS = (*GRAMMATICAL_GENDERS, OTHER)
SELECT = (
    f"a text, or its forms by the author's grammatical gender: '{OTHER}' (words that need no gender, for an author "
    f"who gives none) and one or more of {', '.join(GRAMMATICAL_GENDERS)}"
)


@dataclass(frozen=True)
class Words:
    """The checked words of one language and what CLDR says about it."""

    tag: str  # theme.language as written: en-GB, ar
    entries: dict  # key: text, {plural category: text} or {gender form: text}, as the table has it
    locale: Locale
    gender: str | None = None  # the grammatical gender of the author the words are about (authors.yml), if given

    def about(self, author: dict) -> Words:
        """The words as said about `author`: the forms of their grammatical gender, if they give one."""
        return replace(self, gender=author.get("grammatical_gender"))

    @property
    def texts(self) -> dict:
        """key: text, or {plural category: text}; an entry with gender forms in the form for `gender`."""
        return {key: said(entry, self.gender) for key, entry in self.entries.items()}

    @property
    def direction(self) -> str:
        """Left to right ("ltr") or right to left ("rtl"), as CLDR gives it for the language."""
        return self.locale.text_direction

    @property
    def script(self) -> str:
        """The language's script as an ISO 15924 code (Latn, Cyrl, Arab): CLDR's likely one for the language."""
        return self.locale.script or likely_script(self.locale.language)

    @property
    def open_graph_locale(self) -> str:
        """og:locale: the tag with an underscore (en-GB: en_GB); for a tag without a region, the table's."""
        return self.tag.replace("-", "_") if "-" in self.tag else self.texts["meta.og_locale"]

    def number(self, n: int) -> str:
        """A number as the locale writes it: its grouping and symbols (Babel writes the digits 0-9 whatever the
        locale's numbering system; CLDR's own for ar, ru and en are those)."""
        return format_decimal(n, locale=self.locale, numbering_system="default")

    def text(self, key: str, **values: str) -> str:
        return fill(self.texts[key], values)

    def plural(self, key: str, n: int, **values: str) -> str:
        """The form of a plural entry for `n` (CLDR's category for it), with {n} written as the locale writes it."""
        return fill(self.texts[key][self.locale.plural_form(n)], {"n": self.number(n), **values})

    def pieces(self) -> dict[str, list[str]]:
        """Each text cut at its placeholders, for the templates to fill in one pass: text, name, text, ...
        ("By {author}" -> ["By ", "author", ""])."""
        return {key: PLACEHOLDER_RE.split(text) for key, text in self.texts.items() if isinstance(text, str)}

    def script_words(self, keys: tuple[str, ...]) -> dict[str, str]:
        """The words the page's scripts say, for the page to carry as data."""
        return {key: self.texts[key] for key in keys}


def is_select(entry: object) -> bool:
    """Whether an entry gives its text by grammatical gender (a plural entry has no gender among its keys)."""
    return isinstance(entry, dict) and OTHER in entry and len(entry) > 1 and set(entry) <= set(GENDER_FORMS)


def said(entry: str | dict, gender: str | None) -> str | dict:
    """An entry's text for an author of `gender` (None: none given): its form for that gender, else `other`."""
    return entry.get(gender, entry[OTHER]) if is_select(entry) else entry


def fill(text: str, values: dict[str, str]) -> str:
    """Each {name} of `text` replaced by values[name], in one pass (a value holding "{x}" stays as it is)."""
    return PLACEHOLDER_RE.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER_RE.findall(text))


def likely_script(language: str) -> str:
    """ar -> Arab, from CLDR's likely subtags (ar_Arab_EG); "" if CLDR has none."""
    parts = get_global("likely_subtags").get(language, "").split("_")
    return parts[1] if len(parts) > 2 else ""


def cldr_locale(doc: Located, field: str, tag: object) -> Locale:
    if not isinstance(tag, str) or not TAG_RE.fullmatch(tag):
        raise doc.fail(field, "a language, or a language and its region, such as 'ru' or 'pt-BR'", tag)
    try:
        return Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        raise doc.fail(field, "a language that CLDR (Babel) knows", tag) from None


def categories(locale: Locale) -> list[str]:
    """The plural categories a language needs, in CLDR's order."""
    needed = set(locale.plural_form.tags) | {"other"}
    return [name for name in ("zero", "one", "two", "few", "many", "other") if name in needed]


def merged(table: dict, name: str) -> dict:
    """An entry as it reads: a language-REGION entry over its language's entry, if the table has one."""
    language = name.split("-")[0]
    if language != name and language in table:
        return {**table[language], **table[name]}
    return dict(table[name])


def check_table(doc: Located) -> dict[str, dict]:
    """The whole table, checked: {entry name: its texts, region entries merged over their language's}."""
    table = doc.value
    if not isinstance(table, dict) or REFERENCE not in table:
        raise doc.fail("(top level)", f"a mapping of languages to their words, '{REFERENCE}' among them", table)
    for name, entry in table.items():
        cldr_locale(doc, str(name), name)
        if not isinstance(entry, dict) or not entry:
            raise doc.fail(str(name), "a mapping of keys to words", entry)
    reference = table[REFERENCE]
    checked = {}
    for name in table:
        texts = merged(table, name)
        locale = Locale.parse(name, sep="-")
        # A region entry over its language's may leave keys out; whatever it holds is checked the same way.
        for key in table[name]:
            if key not in reference:
                raise doc.fail(f"{name}.{key}", f"one of the keys of '{REFERENCE}'", key, show_got=False)
        for key, english in reference.items():
            field = f"{name}.{key}"
            if key not in texts:
                raise InputError(
                    f"{where(doc, name)}: language '{name}': the key '{key}' is missing; expected its words "
                    f"(in '{REFERENCE}': {describe(english)})."
                )
            check_text(doc, field, texts[key], english, locale)
        if not isinstance(texts["meta.og_locale"], str) or not OG_LOCALE_RE.fullmatch(texts["meta.og_locale"]):
            raise doc.fail(
                f"{name}.meta.og_locale", "a locale as og:locale writes it, such as 'ar_AR'", texts["meta.og_locale"]
            )
        checked[name] = texts
    return checked


def where(doc: Located, field: str) -> str:
    line = doc.lines.get(field)
    return f"{doc.file}, line {line}" if line else doc.file


def check_text(doc: Located, field: str, value: object, english: object, locale: Locale) -> None:
    if isinstance(english, dict) and not is_select(english):  # a plural entry: one text per plural category
        needed = categories(locale)
        if not isinstance(value, dict) or set(value) != set(needed):
            raise doc.fail(
                field,
                f"a plural entry with one text for each plural category of '{locale}': {', '.join(needed)}",
                value,
            )
        allowed = placeholders_of(english)
        for category, text in value.items():
            check_string(doc, f"{field}.{category}", text, allowed, exact=False)
    elif isinstance(value, dict):
        if not is_select(value):
            raise doc.fail(field, SELECT, value)
        for form, text in value.items():
            check_string(doc, f"{field}.{form}", text, placeholders(said(english, None)), exact=True)
    else:
        check_string(doc, field, value, placeholders(said(english, None)), exact=True)


def placeholders_of(english: dict | str) -> set[str]:
    if isinstance(english, dict):
        return set().union(*(placeholders(text) for text in english.values() if isinstance(text, str)))
    return placeholders(english)


def check_string(doc: Located, field: str, value: object, allowed: set[str], *, exact: bool) -> None:
    if not isinstance(value, str) or not value.strip():
        raise doc.fail(field, "a non-empty string", value)
    used = placeholders(value)
    names = ", ".join(f"{{{name}}}" for name in sorted(allowed)) or "none"
    if used - allowed or (exact and used != allowed):
        raise doc.fail(field, f"a text with the placeholders of '{REFERENCE}' ({names})", value)


def words_for(table: dict[str, dict], tag: object, setting: str = "mkdocs.yml: field 'theme.language'") -> Words:
    """The words for theme.language: its whole tag's entry, else its language's. No other language stands in."""
    if not isinstance(tag, str) or not TAG_RE.fullmatch(tag):
        raise InputError(
            f"{setting}: expected a language, or a language and its region, such as 'en-GB' or 'ar' "
            f"(<html lang>, og:locale, the JSON-LD inLanguage and the page's words are read from it), "
            f"got {describe(tag)}."
        )
    language = tag.split("-")[0]
    entry = tag if tag in table else language
    if entry not in table:
        raise InputError(
            f"{TABLE_FILE}: no words for '{language}' ({setting} is {tag!r}); expected one of the languages it has: "
            f"{', '.join(sorted(table))}. Add '{language}' to the table to publish in it "
            "(handbook/CONTENT.md, 'Languages')."
        )
    try:
        locale = Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        raise InputError(f"{setting}: expected a language and region that CLDR (Babel) knows, got {tag!r}.") from None
    return Words(tag=tag, entries=table[entry], locale=locale)
