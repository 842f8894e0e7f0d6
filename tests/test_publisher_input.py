"""The input the publisher writes: the front matter, the body, the data files and the site settings. What is
allowed passes; anything else stops the build with a message naming the file, the line, the field, what is
expected, what was found and why. Each message is written out whole, once: called directly (no build) for
every rule, then through a build for each way an error reaches the reader, which also publishes nothing.
The translation table and theme.language: tests/test_languages.py; SITE_PREVIEW: tests/test_deploy_previews.py;
hostile text in every field: tests/test_hostile_input.py."""

from __future__ import annotations

import copy
import shutil

import pytest
import yaml
from markdown import Markdown
from mkdocs.utils.yaml import yaml_load

from build_harness import build_error
from column import body, data, pages, raw_html, settings, sharing, yaml_errors
from project_edits import edit
from suite_columns import COLUMNS

# What the messages say a field must be, and why a URL is refused, written out once.
TEXT = "a non-empty string"
URL = "an absolute http(s) URL"
KEY = "a key (letters, digits, '-' or '_')"
DATE = "an ISO 8601 date, YYYY-MM-DD, or date and time with its offset, YYYY-MM-DDThh:mm[:ss](Z|+hh:mm|-hh:mm)"
ICON_PATH = "an icon path such as 'fontawesome/brands/facebook'"
ICON_KEY = "an icon key of data/icons.yml (tw, fb)"
SHARE = "a share URL (https: or mailto:) with a {url} placeholder and optionally {title}"
QUOTE = "a share URL (https: or mailto:) with {url} and {text} placeholders and optionally {title}"
IMG = '<img alt="{}" src="https://t.example/p.gif" />'
CORRECTIONS = "a list of corrections, oldest first, each with 'date' and 'text' (leave the field out if none)"
SENTENCE = "a sentence of Markdown text (emphasis, links to http(s), mailto: or a # on the page, inline code)"
HANDLE = "the site's own X (Twitter) handle, such as '@name' (letters, digits or '_', 15 at most)"
SITE_URL = "the site's public address as an absolute http(s) URL (or the SITE_URL environment variable)"
BODY = (
    "the column's body: expected Markdown text (paragraphs, emphasis, links to http(s), mailto: or a # on the "
    "page, lists, block quotes, inline code)"
)
PINNED = (
    "the column's body: expected a paragraph's id pinned by '{#id}' on a line of its own at the paragraph's end, "
    "the id being lower-case words of letters and digits joined by '-', as the paragraph's link shows it"
)
FRAGMENT = "a '#' link to a place on the page (such as a paragraph: its link, beside it, shows its id)"
ENCODE = "the character {!r} at position {} must be percent-encoded, as {}"
PERCENT = "the '%' at position 19 must start an escape of two hex digits, such as %20"
HTTP = "it must start with http: or https:"
LINK = "it must start with http:, https: or mailto:"
NO_HOST = "it needs a host name, such as https://example.com/"
NOT_HOST = "{!r} is not a host name (letters, digits, '-' and '_' between dots) or an IP address"
USER = "it must not carry a user name or password before '@'"
# What a refusal of typed HTML says to write instead.
BOLD = "write **the words** (two asterisks on each side) for bold"
ITALICS = "write *the words* (one asterisk on each side) for italics"


def refusal(call, *args, **kwargs) -> str:
    with pytest.raises(data.InputError) as error:
        call(*args, **kwargs)
    return str(error.value)


def located(value, lines=None, file="docs/index.md") -> data.Located:
    return data.Located(value, lines or {}, file)


def renderer() -> Markdown:
    """Markdown as the build renders it: MkDocs' default extensions, and attr_list, which the hooks add."""
    return Markdown(extensions=["toc", "tables", "fenced_code", "attr_list"])


def markdown(text: str) -> str:
    return renderer().convert(text)


def typed_html(text: str) -> str:
    """The HTML typed into Markdown, as the build reads it (raw_html.typed_html)."""
    return raw_html.typed_html(renderer(), text)


# --- how a value is shown, and where ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, shown",
    [
        *[(value, "nothing" if value is None else "an empty string") for value in (None, "", " \t")],
        ("x", "'x'"),
        (" x ", "' x '"),
        (3, "an integer (3)"),
        (2.5, "a number (2.5)"),
        (True, "a boolean (True)"),
        (["a"], "a list (['a'])"),
        ({"a": 1}, "a mapping ({'a': 1})"),
        (b"x", "a bytes (b'x')"),
        (object, "a type (<class 'object'>)"),
        (Exception(), "an Exception (Exception())"),
    ],
)
def test_a_value_is_described_as_the_user_wrote_it(value, shown):
    assert data.describe(value) == shown


def test_a_field_error_names_where_what_and_why():
    doc = located(None, {"a": 7})
    assert str(doc.fail("a", "E", "v")) == "docs/index.md, line 7: field 'a': expected E, got 'v'."
    assert str(doc.fail("b", "E", "v")) == "docs/index.md: field 'b': expected E, got 'v'."  # no line known
    assert str(doc.fail("a", "E")) == "docs/index.md, line 7: field 'a': expected E, got nothing."
    assert str(doc.fail("a", "E", "v", show_got=False)) == "docs/index.md, line 7: field 'a': expected E."
    assert str(doc.fail("a", "E", "v", because="R")) == "docs/index.md, line 7: field 'a': expected E, got 'v': R."


# --- YAML and front matter ----------------------------------------------------------------------------


def test_yaml_lines_reach_nested_lists_and_mappings_and_dates_stay_as_written():
    doc = data.load_yaml("- a: 1\n  b:\n    - x\n    - y: 2\n", "x.yml", first_line=10)
    assert doc.value == [{"a": 1, "b": ["x", {"y": 2}]}]
    assert doc.lines == {"0": 10, "0.a": 10, "0.b": 11, "0.b.0": 12, "0.b.1": 13, "0.b.1.y": 13}
    assert data.load_yaml("", "x.yml") == data.Located(None, {}, "x.yml")
    # YAML would read an unquoted 2016-03-28 as a date object, and 2016-3-29 as the same day.
    assert data.load_yaml("d: 2016-03-28\nu: 2016-3-29\n", "x.yml").value == {"d": "2016-03-28", "u": "2016-3-29"}


TWICE = "expected once, got it a second time (first on line {})."

RUNS_ON = (
    "this line is not 'field: value', so YAML reads it as text that runs on into the next line: a field's name is "
    "followed by ': ' (a colon and a space)"
)


@pytest.mark.parametrize(
    "text, first_line, expected",
    [
        # Counted from the line the text starts on (a front matter's second line); in words: below.
        (
            "title Palmyra\nauthor: y\n",
            1,
            f"x.yml, line 1: not valid YAML: {RUNS_ON} (the YAML parser says: mapping values are not allowed here).",
        ),
        (
            "a: 1\nb: c: d\n",
            5,
            "x.yml, line 6: not valid YAML: a value that contains ': ' (a colon and a space) must be quoted: write it "
            'as b: "c: d" (the YAML parser says: mapping values are not allowed here).',
        ),
        (
            "a: [1\n",
            1,
            "x.yml, line 1: not valid YAML: a value that starts with '[' or '{' is read as a YAML list or mapping: if "
            "it is text, put the whole value in double quotes (the YAML parser says: expected ',' or ']', but got "
            "'<stream end>').",
        ),
        ("a: 1\na: 2\n", 1, "x.yml, line 2: field 'a': " + TWICE.format(1)),
        ("a:\n  b: 1\n  b: 2\n", 1, "x.yml, line 3: field 'a.b': " + TWICE.format(2)),
        ("- a: 1\n  b: 2\n  a: 3\n", 4, "x.yml, line 6: field 'a' of the first item: " + TWICE.format(4)),
        # An item of a list: counted from 1, and named by the field that holds the list.
        (
            "things:\n  - a: 1\n  - a: 2\n    a: 3\n",
            1,
            "x.yml, line 4: field 'a' of the second item of field 'things': " + TWICE.format(3),
        ),
        # A character YAML refuses outright: the error has no line, so the message names the file alone.
        (
            "a: b\x00",
            1,
            "x.yml: not valid YAML (unacceptable character #x0000: special characters are not allowed\n"
            '  in "<unicode string>", position 4).',
        ),
        (
            "a: !!python/name:os.system\n",
            1,
            "x.yml, line 1: not valid YAML (could not determine a constructor "
            "for the tag 'tag:yaml.org,2002:python/name:os.system').",
        ),
    ],
)
def test_yaml_errors_say_the_line_and_the_problem(text, first_line, expected):
    assert refusal(data.load_yaml, text, "x.yml", first_line=first_line) == expected


FRONT = "---\ntemplate: column.html\n{}---\nBody.\n"
PARSER = "(the YAML parser says: {})."


# A mistake an editor makes in the front matter: said in words, with what to write instead, and counted from
# the file's first line (the fence).
@pytest.mark.parametrize(
    "lines, line, words, parser",
    [
        (
            "title: Palmyra: a sign\n",
            3,
            "a value that contains ': ' (a colon and a space) must be quoted: write it as title: \"Palmyra: a sign\"",
            "mapping values are not allowed here",
        ),
        (
            'title: "Palmyra": a sign\n',
            3,
            "a value that contains ': ' (a colon and a space) must be quoted: write it as title: '\"Palmyra\": a sign'",
            "mapping values are not allowed here",
        ),
        (
            "title: x\n  author: y\n",
            4,
            "this line is read as part of the value above it: it is indented 2 spaces, more than the field above it "
            "(0 spaces); fields of the same mapping line up exactly",
            "mapping values are not allowed here",
        ),
        # The line without its ': ' is named, not the next one, where the parser stops (also on a file's first
        # line: test_yaml_errors_say_the_line_and_the_problem).
        (
            "title: x\ncorrections:\n  text Taken\n  date: 2016-03-30\n",
            5,
            RUNS_ON,
            "mapping values are not allowed here",
        ),
        (
            "title:x\nauthor: y\n",
            3,
            "this line is neither 'field: value' nor indented as part of the value above it: a field's name is "
            "followed by ': ' (a colon and a space)",
            "could not find expected ':'",
        ),
        (
            "title: x\nauthor\n",
            4,
            "this line is neither 'field: value' nor indented as part of the value above it: a field's name is "
            "followed by ': ' (a colon and a space)",
            "could not find expected ':'",
        ),
        (
            "corrections:\n  - date: 2016-03-30\n   text: T.\n",
            5,
            "indentation: this line is indented 3 spaces and the line above it 2 spaces; the fields of one mapping "
            "(and the items of one list) line up exactly, and a list item's fields line up with the first one after "
            "its '- '",
            "expected <block end>, but found '<block mapping start>'",
        ),
        (
            "title: x\n\tauthor: y\n",
            4,
            "a tab: YAML indents with spaces only; replace the tab with spaces",
            "found character '\\t' that cannot start any token",
        ),
        (
            'title: "Palmyra\nauthor: y\n',
            3,
            "a quote mark opens a value here and nothing closes it: end the value with the same quote mark",
            "found unexpected end of stream",
        ),
        (
            "title: 'It's over'\n",
            3,
            "a value in single quotes ends at the next single quote: write an apostrophe inside it twice (it''s), or "
            "put the whole value in double quotes",
            "expected <block end>, but found '<scalar>'",
        ),
        (
            'title: "Palmyra" is free\n',
            3,
            "a value in double quotes ends at the next double quote: put the whole value in single quotes instead, or "
            'write each " inside it as \\"',
            "expected <block end>, but found '<scalar>'",
        ),
        (
            "column: *Ambassador's view*\n",
            3,
            "a value that starts with '*' must be quoted ('*' starts a YAML alias): write it as column: "
            '"*Ambassador\'s view*"',
            'expected alphabetic or numeric character, but found "\'"',
        ),
        (
            "title: [Update] Palmyra\n",
            3,
            "text follows a value that has ended here: put the whole value in double quotes",
            "expected <block end>, but found '<scalar>'",
        ),
    ],
)
def test_a_front_matter_mistake_is_said_in_words_with_its_line(lines, line, words, parser):
    expected = f"docs/index.md, line {line}: not valid YAML: {words} {PARSER.format(parser)}"
    assert refusal(data.split_front_matter, FRONT.format(lines), "docs/index.md") == expected


def test_a_data_file_mistake_is_said_in_words_with_its_line():
    assert refusal(data.load_yaml, "- icon: tw\n  handle: @Amb\n", "data/networks.yml") == (
        "data/networks.yml, line 2: not valid YAML: a value that starts with '@' must be quoted ('@' is reserved in "
        "YAML): write it as handle: \"@Amb\" (the YAML parser says: found character '@' that cannot start any token)."
    )


def test_the_way_to_write_it_that_the_message_gives_reads_as_meant():
    """What the message says to write is YAML that holds the editor's words as they typed them."""
    for line, value in [
        ('title: "Palmyra": a sign', '"Palmyra": a sign'),
        ("title: Palmyra: a sign", "Palmyra: a sign"),
        ("handle: @Amb", "@Amb"),
        ("title: it's: a \\ sign", "it's: a \\ sign"),
    ]:
        words = refusal(data.load_yaml, line + "\n", "x.yml")
        written = words.split("write it as ", 1)[1].split(" (the YAML parser says", 1)[0]
        assert yaml.safe_load(written) == {line.split(":")[0]: value}, written


# A list's items are counted from 1 in the messages (the first correction, the seventh share network).
@pytest.mark.parametrize(
    "number, word", [(1, "first"), (2, "second"), (10, "tenth"), (11, "11th"), (12, "12th"), (21, "21st"), (22, "22nd")]
)
def test_ordinals(number, word):
    assert yaml_errors.ordinal(number) == word


def test_a_number_that_is_a_key_is_not_counted():
    doc = data.load_yaml("7: fontawesome/brands/x\n", "data/icons.yml")
    assert refusal(data.check_icons, doc, lambda path: True).startswith("data/icons.yml, line 1: field '7': ")


@pytest.mark.parametrize(
    "source, value, lines",
    [
        ("---\ntitle: x\n---\nbody\n", {"title": "x"}, {"title": 2}),
        ("--- \t\ntitle: x\nauthor: y\n... \nbody\n", {"title": "x", "author": "y"}, {"title": 2, "author": 3}),
        ("---\n---\nbody\n", None, {}),
        ("---\ntitle: x\n---", {"title": "x"}, {"title": 2}),
    ],
)
def test_front_matter_is_read_between_its_fences(source, value, lines):
    assert data.split_front_matter(source, "p.md") == data.Located(value, lines, "p.md")


@pytest.mark.parametrize("source", ["title: x\n", "\n---\ntitle: x\n---\n", "---\ntitle: x\n", "----\nx: 1\n---\n"])
def test_a_page_without_front_matter_is_refused(source):
    expected = "p.md, line 1: expected front matter between '---' lines (title, author, ...)."
    assert refusal(data.split_front_matter, source, "p.md") == expected


# --- fields and values --------------------------------------------------------------------------------

SCHEMA = {"title": (TEXT, True), "link": (URL, False), "when": (DATE, False)}
KNOWN = "expected one of the known fields of a thing: title, link, when"
REQUIRED_OF = "expected a non-empty string; it is required for a thing and missing."


@pytest.mark.parametrize(
    "value, path, lines, expected",
    [
        (["x"], "", {}, ": field '(top level)': expected a mapping of a thing, got a list (['x'])."),
        (None, "2", {"2": 4}, ", line 4: field '2': expected a mapping of a thing, got nothing."),
        ({"titel": "T"}, "", {"titel": 3}, f", line 3: field 'titel': {KNOWN} (did you mean 'title'?)."),
        ({"title": "T", "zzz": 1}, "0", {"0.zzz": 5}, f", line 5: field '0.zzz': {KNOWN}."),
        ({"link": "https://a.example/"}, "", {}, f": field 'title': {REQUIRED_OF}"),
        ({"link": "x"}, "a.b", {}, f": field 'a.b.title': {REQUIRED_OF}"),
        # An optional field left out does not end the checks.
        ({"title": "T", "when": "28/3"}, "", {"when": 3}, f", line 3: field 'when': expected {DATE}, got '28/3'."),
        (
            {"title": "T", "link": "ftp://a"},
            "0",
            {"0.link": 6},
            f", line 6: field '0.link': expected {URL}, got 'ftp://a': {HTTP}.",
        ),
    ],
)
def test_field_errors(value, path, lines, expected):
    message = refusal(data.check_fields, located(value, lines), value, path, SCHEMA, "a thing")
    assert message == "docs/index.md" + expected
    right = {"title": "T", "link": "https://a.example/"}
    assert data.check_fields(located(right), right, "", SCHEMA, "a thing") is right


@pytest.mark.parametrize(
    "kind, value, expected",
    [
        (TEXT, 3, f"{TEXT}, got an integer (3)"),
        (TEXT, "  ", f"{TEXT}, got an empty string"),
        (TEXT, None, f"{TEXT}, got nothing"),
        (TEXT, "a\x00b", f"{TEXT} without control characters, got 'a\\x00b'"),
        (URL, "", f"{URL}, got an empty string"),
        (URL, "https://a.example/\x7f", f"{URL} without control characters, got 'https://a.example/\\x7f'"),
        (KEY, ["k"], f"{KEY}, got a list (['k'])"),
        (KEY, "-k", f"{KEY}, got '-k'"),
        (KEY, "k k", f"{KEY}, got 'k k'"),
        (KEY, "k\x85", f"{KEY} without control characters, got 'k\\x85'"),
        (DATE, "2016-02-30", f"{DATE}, got '2016-02-30'"),
        (DATE, 20160328, f"{DATE}, got an integer (20160328)"),
    ],
)
def test_value_errors(kind, value, expected):
    message = refusal(data.check_value, located({}, {"f": 2}), "f", value, kind)
    assert message == f"docs/index.md, line 2: field 'f': expected {expected}."


@pytest.mark.parametrize(
    "kind, value", [(TEXT, "x"), (TEXT, "a\u00a0b"), (URL, "https://a/"), (KEY, "a_1-b"), (KEY, "9")]
)
def test_good_values_pass(kind, value):
    data.check_value(located({}), "f", value, kind)


@pytest.mark.parametrize(
    "character, control", [*[(ch, True) for ch in "\x00\x1f\x7f\x9f"], *[(ch, False) for ch in " ~\xa0"]]
)
def test_control_characters_are_c0_delete_and_c1(character, control):
    assert data.has_control_chars(f"a{character}b") is control


# --- dates --------------------------------------------------------------------------------------------

ACCEPTED = "2016-03-28,2016-03-28T09:15Z,2016-03-28T09:15:30+03:00,2016-03-28T09:15:30.123456-05:30,2016-02-29"
# Digits missing or too many, no offset, a space for the T, impossible days and times, a space before.
REFUSED = (
    "2016-3-28,28/03/2016,2016-03-28T09:15,2016-03-28 09:15Z,2016-03-28T9:15Z,2016-03-28T09:15:30.1234567Z,"
    "2015-02-29,2016-13-01,2016-03-28T24:00Z, 2016-03-28"
)


@pytest.mark.parametrize(
    "value, accepted",
    [
        *[(value, True) for value in ACCEPTED.split(",")],
        *[(value, False) for value in [*REFUSED.split(","), None, 20160328]],
    ],
)
def test_the_date_forms_that_are_accepted(value, accepted):
    assert (data.parse_date(value) is not None) is accepted


@pytest.mark.parametrize(
    "later, earlier, before",
    [
        ("2016-03-27", "2016-03-28", True),
        ("2016-03-28", "2016-03-28", False),
        ("2016-03-29", "2016-03-28", False),
        ("2016-03-28T09:00Z", "2016-03-28T10:00+00:00", True),
        ("2016-03-28T10:00+01:00", "2016-03-28T09:30Z", True),  # 09:00 UTC, before 09:30 UTC
        ("2016-03-28T09:30Z", "2016-03-28T09:30Z", False),
        ("2016-03-28T11:59:59Z", "2016-03-28T13:00:00+01:00", True),  # 13:00 at +01:00 is 12:00 UTC
        ("2016-03-28T23:00-05:00", "2016-03-29", True),  # 28 March where it was written, though 29 March in UTC
        ("2016-03-28", "2016-03-28T23:00Z", False),  # the same day: a day alone has no time to compare
        ("2016-03-28", "2016-03-28T23:30:00-05:00", False),
        ("2016-03-27", "2016-03-28T01:00+05:00", True),
    ],
)
def test_which_date_comes_before(later, earlier, before):
    assert data.is_before(later, earlier) is before


# --- URLs ---------------------------------------------------------------------------------------------

GOOD_URLS = [
    "https://www.rt.com/op-ed/338799-liberation-palmyra-defeat-isis-russia/",
    "http://a.example",
    "HTTPS://A.EXAMPLE/Path?q=1&r=2#top",
    "https://a.example:8443/p;x=1/(a)*!$,+=~@:",
    "https://a.example/%D0%9F%20x",
    "https://a.example/#%23",
    "https://[2001:db8::1]/x",
    "http://127.0.0.1:8000/",
    "https://my_blog.example/",
]
# What a share link may be besides an https: URL.
MAILTO = ["mailto:a@b.example", "mailto:?subject=x&body=y"]


@pytest.mark.parametrize(
    "value, schemes",
    [*[(url, ("http", "https")) for url in GOOD_URLS], *[(url, ("https", "mailto")) for url in MAILTO]],
)
def test_well_formed_urls_are_accepted(value, schemes):
    assert data.url_problem(value, schemes) is None


@pytest.mark.parametrize(
    "value, reason",
    [
        ('https://a.example/x"><svg onload=alert(1)>', ENCODE.format('"', 20, "%22")),
        ("https://a.example/<script>", ENCODE.format("<", 19, "%3C")),
        ("https://a.example/a>b", ENCODE.format(">", 20, "%3E")),
        ("https://a.example/it's", ENCODE.format("'", 21, "%27")),
        ("https://a.example\\@evil.example/", ENCODE.format("\\", 18, "%5C")),
        ("https://a.example/a b", ENCODE.format(" ", 20, "%20")),
        ("https://a.example/\tx", ENCODE.format("\t", 19, "%09")),
        ("https://a.example/\nx", ENCODE.format("\n", 19, "%0A")),
        ("https://a.example/\x00", ENCODE.format("\x00", 19, "%00")),
        ("https://a.example/\x7f", ENCODE.format("\x7f", 19, "%7F")),
        ("https://a.example/`x`", ENCODE.format("`", 19, "%60")),
        ("https://a.example/Пальмира", ENCODE.format("П", 19, "%D0%9F")),
        ("https://a.example/\u202etxt.exe", ENCODE.format("\u202e", 19, "%E2%80%AE")),
        ("data:text/html,<b>x</b>", ENCODE.format("<", 16, "%3C")),
        ("https://a.example/%zz", PERCENT),
        ("https://a.example/%2", PERCENT),
        *[(value, HTTP) for value in ("javascript:alert(1)", "data:text/html,x", "//a.example/", "ftp://a.example/")],
        ("mailto:a@b.example", HTTP),
        *[(value, NO_HOST) for value in ("https://", "https:/a.example", "https:?q=1")],
        ("https://a..example/", NOT_HOST.format("a..example")),
        ("https://a-.example/", NOT_HOST.format("a-.example")),
        *[(value, USER) for value in ("https://www.rt.com@evil.example/", "https://u:p@a.example/", "https://@a/")],
        ("https://a.example:99999/", "it is not a well-formed URL (Port out of range 0-65535)"),
        ("https://[::1/", "it is not a well-formed URL (Invalid IPv6 URL)"),
        ("https://a.example/[x]", "'[' and ']' may only enclose an IPv6 address"),
        ("https://a.example/#a#b", "it holds more than one '#'"),
    ],
)
def test_a_malformed_or_unsafe_url_is_refused_with_the_reason(value, reason):
    assert data.url_problem(value) == reason


@pytest.mark.parametrize(
    "value, reason",
    [
        ("mailto://a.example", "mailto: takes an address, not '//'"),
        ("mailto:", "mailto: takes an address, not '//'"),
        ("http://a.example/", "it must start with https: or mailto:"),
    ],
)
def test_a_share_link_that_is_no_https_or_mailto_url_is_refused(value, reason):
    assert data.url_problem(value, ("https", "mailto")) == reason


@pytest.mark.parametrize(
    "host, valid",
    [
        *[(host, True) for host in ("a.example", "a-b_c.d9", "a" * 63 + ".example", "127.0.0.1", "::1")],
        *[(host, False) for host in ("a" * 64 + ".example", "a..example", "example.", "-a.example", "a-.example")],
        ("A.example", False),  # urlsplit gives the host in lower case
        ("a!.example", False),
    ],
)
def test_host_names(host, valid):
    assert data.is_host(host) is valid


@pytest.mark.parametrize(
    "value, got",
    [
        ("", "an empty string"),
        (42, "an integer (42)"),
        ("ftp://a.example/", f"'ftp://a.example/': {HTTP}"),
        ("https://a.example/ x", "'https://a.example/ x': " + ENCODE.format(" ", 19, "%20")),
        ('https://a.example/"', "'https://a.example/\"': " + ENCODE.format('"', 19, "%22")),
        ("https://user@a.example/", f"'https://user@a.example/': {USER}"),
    ],
)
def test_site_url_errors(value, got):
    assert (
        refusal(data.check_site_url, value, "mkdocs.yml")
        == f"mkdocs.yml: field 'site_url': expected {SITE_URL}, got {got}."
    )
    # A right one is kept with one trailing slash.
    assert data.check_site_url("https://a.example", "mkdocs.yml") == "https://a.example/"
    assert data.check_site_url("https://a.example/x/", "mkdocs.yml") == "https://a.example/x/"


# --- the column's front matter ------------------------------------------------------------------------

COLUMN = {
    "template": "column.html",
    "title": "T",
    "column": "C",
    "author": "a",
    "description": "D",
    "original_url": "https://a.example/",
    "original_publisher": "P",
    "disclaimer": "X",
}
AUTHORS = {"a": {}, "b": {}}


def front_matter(extra: str = "", **changes) -> data.Located:
    """A page's front matter with every required field (changed: None leaves one out), then `extra` lines: with
    every field there, the first of them is line 10."""
    fields = {name: value for name, value in (COLUMN | changes).items() if value is not None}
    text = "".join(f"{name}: {value}\n" for name, value in fields.items())
    return data.split_front_matter(f"---\n{text}{extra}---\nBody.\n", "docs/index.md")


def checked(extra: str = "", authors=AUTHORS, **changes) -> dict:
    """The front matter checked as the build checks it, corrections' texts included."""
    doc = front_matter(extra, **changes)
    meta = data.check_front_matter(doc, authors)
    pages.correction_texts(doc, meta, markdown, typed_html)
    return meta


def test_a_right_front_matter_is_returned():
    assert checked() == COLUMN
    dated = "date: 2016-03-28\nupdated: 2016-03-28T10:00Z\ncorrections:\n  - date: 2016-03-28\n    text: A *word*.\n"
    corrections = [{"date": "2016-03-28", "text": "A *word*."}]
    assert checked(dated) == COLUMN | {"date": "2016-03-28", "updated": "2016-03-28T10:00Z", "corrections": corrections}


def d(line: int, field: str, got: str) -> str:
    return f"line {line}: field '{field}': expected {DATE}, got {got}."


@pytest.mark.parametrize(
    "changes, extra, expected",
    [
        (
            {"template": "main.html"},
            "",
            "line 2: field 'template': expected 'column.html', the column layout (overrides/column.html), or no "
            "'template' for a plain page, got 'main.html'.",
        ),
        ({"author": "c"}, "", "line 5: field 'author': expected a key of data/authors.yml (known: a, b), got 'c'."),
        ({"author": "a b"}, "", f"line 5: field 'author': expected {KEY}, got 'a b'."),
        (
            {"disclaimer": None},
            "",
            f"field 'disclaimer': expected {TEXT}; it is required for a column's front matter (a page whose front "
            "matter sets 'template: column.html') and missing.",
        ),
        (
            {"original_url": "javascript:x"},
            "",
            f"line 7: field 'original_url': expected {URL}, got 'javascript:x': {HTTP}.",
        ),
        # Dates as an author may type them: only the ISO forms pass.
        ({}, "date: 2016-3-28\n", d(10, "date", "'2016-3-28'")),
        ({}, "date: 28 March 2016\n", d(10, "date", "'28 March 2016'")),
        ({}, "date: 2016-03-28T10:15:00\n", d(10, "date", "'2016-03-28T10:15:00'")),
        ({}, "date: 2016\n", d(10, "date", "an integer (2016)")),
        ({}, 'date: "<script>"\n', d(10, "date", "'<script>'")),
        ({}, "date: 2016-03-28\nupdated: 2016-03-29 10:15\n", d(11, "updated", "'2016-03-29 10:15'")),
        (
            {},
            "updated: 2016-03-28\n",
            "line 10: field 'updated': expected to come with 'date', the first publication, which is missing.",
        ),
        (
            {},
            "date: 2016-03-28\nupdated: 2016-03-27\n",
            "line 11: field 'updated': expected a date not before 'date' (2016-03-28), got '2016-03-27'.",
        ),
        # 13:00 at +02:00 is 11:00 UTC, an hour before 12:00 UTC: instants compare, not the digits.
        (
            {},
            "date: 2016-03-28T12:00:00Z\nupdated: 2016-03-28T13:00:00+02:00\n",
            "line 11: field 'updated': expected a date not before 'date' (2016-03-28T12:00:00Z), got "
            "'2016-03-28T13:00:00+02:00'.",
        ),
    ],
)
def test_front_matter_errors(changes, extra, expected):
    where = "docs/index.md, " if expected.startswith("line") else "docs/index.md: "
    assert refusal(checked, extra, **changes) == where + expected


def test_an_author_when_there_is_none():
    expected = "docs/index.md, line 5: field 'author': expected a key of data/authors.yml (known: none), got 'a'."
    assert refusal(checked, authors={}) == expected


def test_what_makes_a_page_a_column_is_said_when_a_page_mixes_them():
    plain = data.Located({"title": "T", "description": "D", "author": "yakovenko"}, {"author": 4}, "docs/about.md")
    with pytest.raises(data.InputError) as error:
        data.check_page(plain, {"yakovenko": {}})
    assert str(error.value) == (
        "docs/about.md, line 4: field 'author': expected one of the known fields of a plain page's front matter (a "
        "page without 'template'; 'template: column.html' makes a page a column): title, description, updated."
    )
    column = data.Located({"template": "column.html", "title": "T"}, {}, "docs/next.md")
    with pytest.raises(data.InputError, match=r"required for a column's front matter \(a page whose front matter "):
        data.check_page(column, {})
    page = data.Located({"title": "T", "description": "D"}, {}, "docs/about.md")
    assert data.check_page(page, {}) == {"title": "T", "description": "D", "template": "page.html"}


def test_date_unknown_is_said_once_and_leaves_no_date():
    doc = data.split_front_matter("---\ndate: unknown\ntitle: T\n---\n", "docs/index.md")
    assert data.split_unknown_date(doc) == (data.Located({"title": "T"}, doc.lines, "docs/index.md"), True)
    assert data.split_unknown_date(front_matter()) == (front_matter(), False)
    # `updated` is a last change, dated against a known first publication.
    doc = data.load_yaml("date: unknown\nupdated: 2016-03-29\n", "docs/index.md", first_line=2)
    assert refusal(data.split_unknown_date, doc) == (
        "docs/index.md, line 3: field 'updated': expected no 'updated' beside 'date: unknown': a last change is "
        "dated against a known first publication."
    )


def c(*lines: str) -> str:
    """A `corrections` field of these lines, after the page's date (line 10): its first line is line 12."""
    return "date: 2016-03-28\ncorrections:\n" + "".join(f"{line}\n" for line in lines)


DATED = "  - date: 2016-03-30"


def t(text: str) -> str:
    """One correction of 30 March 2016 with this text: the text is on line 13."""
    return c(DATED, f"    text: {text}")


@pytest.mark.parametrize(
    "extra, expected",
    [
        ("corrections: []\n", f"line 10: field 'corrections': expected {CORRECTIONS}, got a list ([])."),
        ("corrections:\n", f"line 10: field 'corrections': expected {CORRECTIONS}, got nothing."),
        ("corrections: Fixed a typo.\n", f"line 10: field 'corrections': expected {CORRECTIONS}, got 'Fixed a typo.'."),
        (c("  - 2016-03-30"), "line 12: the first correction: expected a mapping of a correction, got '2016-03-30'."),
        (
            c(DATED),
            f"field 'text' of the first correction: expected {TEXT}; it is required for a correction and missing.",
        ),
        (
            c(DATED, "    text: T.", "    by: E"),
            "line 14: field 'by' of the first correction: expected one of the known fields of a correction: date, "
            "text.",
        ),
        (
            c("  - date: 30 March 2016", "    text: T."),
            f"line 12: field 'date' of the first correction: expected {DATE}, got '30 March 2016'.",
        ),
        (
            c("  - date: 2016-03-27", "    text: T."),
            "line 12: field 'date' of the first correction: expected a date not before 'date' (2016-03-28), got "
            "'2016-03-27'.",
        ),
        (
            c(DATED, "    text: T.", "  - date: 2016-03-29", "    text: U."),
            "line 14: field 'date' of the second correction: expected a date not before the correction above it "
            "(2016-03-30): oldest first, got '2016-03-29'.",
        ),
        (
            "updated: 2016-03-29\n" + t("T."),
            "line 10: field 'updated': expected a date not before the last correction's (2016-03-30), which changed "
            "the column (or no 'updated': the last correction's date is then the page's), got '2016-03-29'.",
        ),
    ],
)
def test_correction_errors(extra, expected):
    where = "docs/index.md, " if expected.startswith("line") else "docs/index.md: "
    assert refusal(checked, extra) == where + expected


@pytest.mark.parametrize(
    "text, found",
    [
        ("'- a list'", "a list (<ul>)"),
        ("'See <span>this</span>.'", "raw HTML (<span>)"),
        (
            "'One.<br>Two.'",
            "raw HTML (<br>): end the line with two spaces for a line break, or leave a blank line for a new paragraph",
        ),
        ("'The <b>second</b> note.'", f"raw HTML (<b>): {BOLD}"),
        ("'[x](javascript:alert(1))'", f"a link to 'javascript:alert(1)' ({LINK})"),
        ("'> quoted'", "a block quote (<blockquote>)"),
        ("'## A heading'", 'a heading (<h2 id="a-heading">)'),
        ("'![x](https://t.example/p.gif)'", f"an image ({IMG.format('x')})"),
    ],
)
def test_a_corrections_text_is_one_sentence_of_markdown_checked_as_the_body_is(text, found):
    expected = f"docs/index.md, line 13: field 'text' of the first correction: expected {SENTENCE}, got {found}."
    assert refusal(checked, t(text)) == expected
    # One line: a line break is a control character.
    message = refusal(checked, c(DATED, "    text: |", "      Two", "      lines."))
    expected = f"{TEXT} without control characters, got 'Two\\nlines.\\n'"
    assert message == f"docs/index.md, line 13: field 'text' of the first correction: expected {expected}."


# --- the data files -----------------------------------------------------------------------------------

ICONS = {"tw": "fontawesome/brands/x-twitter", "fb": "fontawesome/brands/facebook"}
ICONS_TOP = "a mapping of icon keys to icon paths, such as 'fb: fontawesome/brands/facebook'"
ICON_SETS = "an icon that Material's bundled icon sets contain (material/templates/.icons/<path>.svg)"


@pytest.mark.parametrize(
    "value, exists, expected",
    [
        ([], True, f": field '(top level)': expected {ICONS_TOP}, got a list ([])."),
        ({}, True, f": field '(top level)': expected {ICONS_TOP}, got a mapping ({{}})."),
        (
            {"tw": "fontawesome/brands/x-twitter", 7: "a/b"},
            True,
            f", line 2: field '7': expected {KEY}, got an integer (7).",
        ),
        ({"t w": "a/b"}, True, f", line 1: field 't w': expected {KEY}, got 't w'."),
        ({"tw": "x-twitter"}, True, f", line 1: field 'tw': expected {ICON_PATH}, got 'x-twitter'."),
        ({"tw": "Fontawesome/brands"}, True, f", line 1: field 'tw': expected {ICON_PATH}, got 'Fontawesome/brands'."),
        ({"tw": "a/b/"}, True, f", line 1: field 'tw': expected {ICON_PATH}, got 'a/b/'."),
        ({"tw": None}, True, f", line 1: field 'tw': expected {ICON_PATH}, got nothing."),
        ({"tw": "a/x-twiter"}, False, f", line 1: field 'tw': expected {ICON_SETS}, got 'a/x-twiter'."),
    ],
)
def test_icon_errors(value, exists, expected):
    lines = {str(key): number for number, key in enumerate(value, start=1)} if isinstance(value, dict) else {}
    doc = located(value, lines, "data/icons.yml")
    assert refusal(data.check_icons, doc, lambda path: exists) == "data/icons.yml" + expected
    assert data.check_icons(located(ICONS), lambda path: True) == ICONS


@pytest.mark.parametrize(
    "template, quote, because",
    [
        ("https://a.example/?u={url", False, " (braces must be balanced)"),
        ("https://a.example/?t={title}", False, ""),
        ("https://a.example/?u={url}&x={text}", False, ""),
        ("https://a.example/?u={url}&t={0}", False, ""),
        ("https://a.example/?u={url}", True, ""),
        ("https://a.example/?x={text}", True, ""),
        ("https://a.example/?u={url}&x={text}&y={who}", True, ""),
        ("http://a.example/?u={url}", False, ": it must start with https: or mailto:"),
        ("javascript:alert({url})", False, ": it must start with https: or mailto:"),
        ("https:///share?u={url}", False, f": {NO_HOST}"),
        # Each placeholder stands for its own length: a position is one in the template as written.
        ('https://a.example/?u={url}"onclick="x', False, ": " + ENCODE.format('"', 27, "%22")),
        ("https://a.example/?u={url}&t=<{title}>", False, ": " + ENCODE.format("<", 30, "%3C")),
        ("https://a.example/?u={url}&t={text} x", True, ": " + ENCODE.format(" ", 36, "%20")),
    ],
)
def test_share_url_template_errors(template, quote, because):
    doc = located([], {"0.url": 4}, "data/networks.yml")
    message = refusal(data.check_url_template, doc, "0.url", template, quote=quote)
    if because.startswith(" "):  # said of what is expected
        expected, because = (QUOTE if quote else SHARE) + because, ""
    else:
        expected = QUOTE if quote else SHARE
    assert message == (
        f"data/networks.yml, line 4: field 'url' of the first share network: expected {expected}, got {template!r}"
        f"{because}."
    )


@pytest.mark.parametrize(
    "template, quote",
    [
        ("https://a.example/?u={url}", False),
        ("https://a.example/?u={url}&t={title}", False),
        ("mailto:?subject={title}&body={url}", False),
        ("https://a.example/?u={url}&x={text}", True),
        ("https://a.example/?u={url}&x={text}&t={title}", True),
    ],
)
def test_good_share_url_templates(template, quote):
    data.check_url_template(located([]), "0.url", template, quote=quote)


NETWORK = {"icon": "tw", "name": "X", "url": "https://x.example/?u={url}"}
NETWORKS_TOP = "'(top level)': expected a list of share networks, each with icon, name and url"


@pytest.mark.parametrize(
    "value, expected",
    [
        ({}, f"field {NETWORKS_TOP}, got a mapping ({{}})."),
        ([], f"field {NETWORKS_TOP}, got a list ([])."),
        ([NETWORK, "X"], "the second share network: expected a mapping of a share network, got 'X'."),
        (
            [NETWORK, {**NETWORK, "icon": "gp"}],
            f"field 'icon' of the second share network: expected {ICON_KEY}, got 'gp'.",
        ),
        (
            [{**NETWORK, "url": "https://x.example/"}],
            f"field 'url' of the first share network: expected {SHARE}, got 'https://x.example/'.",
        ),
        (
            [{**NETWORK, "quote_url": "https://x/?u={url}"}],
            f"field 'quote_url' of the first share network: expected {QUOTE}, got 'https://x/?u={{url}}'.",
        ),
        (
            [{**NETWORK, "lable": "Post"}],
            "field 'lable' of the first share network: expected one of the known fields of a share network: icon, "
            "name, url, label, quote_url, enabled, max_length (did you mean 'label'?).",
        ),
    ],
)
def test_network_errors(value, expected):
    doc = located(value, file="data/networks.yml")
    assert refusal(data.check_networks, doc, ICONS) == f"data/networks.yml: {expected}"
    networks = [NETWORK, {**NETWORK, "icon": "fb", "quote_url": "https://f.example/?u={url}&q={text}"}]
    assert data.check_networks(located(networks), ICONS) is networks


# The options sharing adds to a network (hooks/column/sharing.py), checked after the fields above.
@pytest.mark.parametrize(
    "field, value, expected",
    [
        (
            "enabled",
            "no",
            "true or false (false: a ready entry that the share bar and the toolbar leave out), got 'no'",
        ),
        (
            "max_length",
            0,
            "a whole number of characters, at least 1, counted as graphemes (what a reader sees as "
            "one character), got an integer (0)",
        ),
        (
            "max_length",
            True,
            "a whole number of characters, at least 1, counted as graphemes (what a reader sees "
            "as one character), got a boolean (True)",
        ),
        (
            "url",
            "https://a.example/{server}?text={title}&u={url}",
            "{server} as the whole host of an https: address, "
            "as in https://{server}/share?text={title}%20{url}, got 'https://a.example/{server}?text={title}&u={url}'",
        ),
        (  # the passage's address is checked as the headline's is
            "quote_url",
            "https://a.example/{server}?text={text}%20{url}",
            "{server} as the whole host of an https: address, "
            "as in https://{server}/share?text={title}%20{url}, got 'https://a.example/{server}?text={text}%20{url}'",
        ),
        (  # one server: the host, and nowhere else
            "url",
            "https://{server}/share?text={title}%20{url}&on={server}",
            "{server} as the whole host of an https: address, "
            "as in https://{server}/share?text={title}%20{url}, got 'https://{server}/share?text={title}%20{url}&on={server}'",
        ),
    ],
)
def test_a_network_option_is_checked_with_its_line(field, value, expected):
    doc = located([{**NETWORK, field: value}], {f"0.{field}": 7}, file="data/networks.yml")
    assert (
        refusal(sharing.check_networks, doc, ICONS)
        == f"data/networks.yml, line 7: field '{field}' of the first share network: expected {expected}."
    )


def test_the_options_at_their_limits_pass():
    networks = [
        {**NETWORK, "max_length": 1, "enabled": True},
        {
            **NETWORK,
            "icon": "fb",
            "url": "https://{server}/share?text={title}%20{url}",
            "quote_url": "https://{server}/s?t={text}%20{url}",
        },
    ]
    assert sharing.check_networks(located(networks), ICONS) == networks


PROFILE = {"network": "X", "icon": "tw", "follow": "Follow", "handle": "@h", "url": "https://x.example/h"}
AUTHOR = {"name": "N", "roles": "R", "profile": PROFILE}
AUTHORS_TOP = "'(top level)': expected a mapping of author keys to authors (name, roles, profile)"


@pytest.mark.parametrize(
    "value, expected",
    [
        ([], f"{AUTHORS_TOP}, got a list ([])."),
        ({}, f"{AUTHORS_TOP}, got a mapping ({{}})."),
        ({"a b": AUTHOR}, f"'a b': expected {KEY}, got 'a b'."),
        ({1: AUTHOR}, f"'1': expected {KEY}, got an integer (1)."),
        ({"a": {**AUTHOR, "profile": "x"}}, "'a.profile': expected a mapping of an author's profile, got 'x'."),
        (
            {"a": {"name": "N", "roles": "R"}},
            "'a.profile': expected a mapping; it is required for an author and missing.",
        ),
        ({"a": {**AUTHOR, "profile": {**PROFILE, "url": "x"}}}, f"'a.profile.url': expected {URL}, got 'x': {HTTP}."),
        ({"a": {**AUTHOR, "profile": {**PROFILE, "icon": "ig"}}}, f"'a.profile.icon': expected {ICON_KEY}, got 'ig'."),
        ({"a": AUTHOR, "b": {**AUTHOR, "name": ""}}, f"'b.name': expected {TEXT}, got an empty string."),
        (
            {"a": {**AUTHOR, "grammatical_gender": "female"}},
            "'a.grammatical_gender': expected 'feminine' or 'masculine': the grammatical gender that the page's "
            "phrases about the author take (leave it out for phrases that need none), got 'female'.",
        ),
    ],
)
def test_author_errors(value, expected):
    doc = located(value, file="data/authors.yml")
    assert refusal(data.check_authors, doc, ICONS) == f"data/authors.yml: field {expected}"
    authors = {"a": AUTHOR, "b-2": AUTHOR}
    assert data.check_authors(located(authors), ICONS) is authors


def extra(**values) -> dict:
    """The site settings' `extra`, as check_extra gets it."""
    return {"publisher": {"name": "P"}} | values


@pytest.mark.parametrize(
    "settings_extra, expected",
    [
        ({}, "field 'extra.publisher': expected a mapping (see the comments in mkdocs.yml)."),
        (
            extra(publisher={}),
            f"field 'extra.publisher.name': expected {TEXT}; it is required for the site's publisher and missing.",
        ),
        (
            extra(publisher={"name": "P", "url": "x"}),
            "field 'extra.publisher.url': expected one of the known fields of the site's publisher: name.",
        ),
        *[
            (extra(twitter_site=handle), f"field 'extra.twitter_site': expected {HANDLE}, got {handle!r}.")
            for handle in ("ColumnsExample", "@two words", "@" + "x" * 16, '"><script>')
        ],
        (extra(twitter_site=12), f"field 'extra.twitter_site': expected {HANDLE}, got an integer (12)."),
    ],
)
def test_site_setting_errors(settings_extra, expected):
    assert refusal(settings.check_extra, settings_extra) == "mkdocs.yml: " + expected
    settings.check_extra(extra(twitter_site="@" + "x" * 15))


# What README says is required: every front-matter field but the dates and corrections, every field of an
# author, a profile and a share network (but `label` and `quote_url`) and the site's publisher. Written out,
# not read from the schemas in hooks/column/data.py.
# How an error names a share network's field: the network counted from 1 (the first is item 0 of the list).
FIELD_NAMES = {
    f"{index}.{key}": f"field '{key}' of the {place} share network"
    for index, place in ((0, "first"), (6, "seventh"))
    for key in ("icon", "name", "url")
}
REQUIRED = {
    "docs/index.md": "template title column author description original_url original_publisher disclaimer",
    "data/authors.yml": "name roles profile profile.network profile.icon profile.follow profile.handle profile.url",
    "data/networks.yml": "0.icon 0.name 0.url 6.icon 6.name 6.url",
    "mkdocs.yml": "extra.publisher extra.publisher.name",
}
OPTIONAL = {"data/networks.yml": "6.label 2.quote_url"}


def without(value, path: str):
    """A deep copy of `value` with the field at a dotted path ("yakovenko.profile.url", "0.icon") removed."""
    value = copy.deepcopy(value)
    *parents, last = path.split(".")
    node = value
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    del node[last]
    return value


def check_suite_file(name: str, field: str | None) -> None:
    """Check one of the suite's input files (tests/columns) as the build does, without the field `field`."""
    text = (COLUMNS / name).read_text(encoding="utf-8")
    if name == "mkdocs.yml":
        doc = located(yaml_load(text), file=name)
    else:
        doc = data.split_front_matter(text, name) if name.endswith(".md") else data.load_yaml(text, name)
    if field is not None:
        doc = data.Located(without(doc.value, field), doc.lines, doc.file)
    icons = data.load_yaml((COLUMNS / "data/icons.yml").read_text(encoding="utf-8"), "data/icons.yml").value
    checks = {
        "docs/index.md": lambda: data.check_front_matter(doc, {"yakovenko": {}}),
        "data/authors.yml": lambda: data.check_authors(doc, icons),
        "data/networks.yml": lambda: data.check_networks(doc, icons),
        "mkdocs.yml": lambda: settings.check_extra(doc.value["extra"]),
    }
    checks[name]()


@pytest.mark.parametrize(
    "name, field", [(name, field) for name, fields in REQUIRED.items() for field in fields.split()]
)
def test_every_required_field_is_required(name, field):
    field = f"yakovenko.{field}" if name == "data/authors.yml" else field
    check_suite_file(name, None)  # as it is, the file passes
    message = refusal(check_suite_file, name, field)
    assert message.startswith(f"{name}") and FIELD_NAMES.get(field, f"field '{field}'") in message, message
    assert "required" in message or "see the comments in mkdocs.yml" in message, message


@pytest.mark.parametrize(
    "name, field", [(name, field) for name, fields in OPTIONAL.items() for field in fields.split()]
)
def test_an_optional_field_may_be_left_out(name, field):
    check_suite_file(name, field)


# --- the body -----------------------------------------------------------------------------------------


def page(body_text: str) -> str:
    """A page with a three-line front matter: the body's first line is line 5."""
    return "---\ntitle: x\n---\n\n" + body_text


ALLOWED_BODIES = {
    "paragraphs": "One.\n\nTwo,\nstill two.\n",
    "emphasis": "*em* _em_ **strong** __strong__ ***both***\n",
    "hard line break": "one  \ntwo\n",
    "links": '[a](https://a.example/) [b](http://a.example/?x=1&y=2 "title") [c](mailto:a@b.example) [d](#top)\n',
    # A '#' and one character or more name a place on the page (check_fragments then looks for it).
    "links to the page": "[a](#a) [b](#on-27-march) [c](#caf%C3%A9)\n",
    "autolinks": "<https://a.example/> and <mailto:a@b.example>\n",
    "reference link": "[a][r]\n\n[r]: https://a.example/\n",
    "lists": "- a\n- b\n\n1. c\n2. d\n\n3. e\n",
    "block quote": "> quoted\n>\n> - item\n",
    "inline code with markup": "`<div>` and `<script>alert(1)</script>` and `[x](javascript:y)`\n",
    "character references": "&lt;b&gt; &amp; &copy; &#60;i&#62; a < b & c\n",
    "the word javascript": "javascript:alert(1) written as text is text\n",
    "pinned ids": "One.\n{#the-liberation-of-palmyra}\n\nTwo.\n{#over-2000-targets-were-struck-2}\n",
    "a pinned id in another script": "Один.\n{#освобождение-пальмиры-знак}\n",
    "braces inside a line": "One.\n\nTwo, with {#braces} inside.\n",
}


@pytest.mark.parametrize("case", ALLOWED_BODIES)
def test_allowed_markdown_passes(case):
    text = page(ALLOWED_BODIES[case])
    body.check_body(text, "docs/index.md", markdown)
    body.check_pinned_ids(text, "docs/index.md", markdown, markdown(ALLOWED_BODIES[case]), ("oc-column",))


def test_inline_code_with_markup_stays_text():
    html = markdown("Use `<div>` here.")
    assert html == "<p>Use <code>&lt;div&gt;</code> here.</p>"
    assert body.refused(html) == []


TAG = '<span title="' + "x" * 100 + '">'
LONG = "https://a.example/" + "y" * 90 + '"'

# (body, line, what the error says it found): each kind of thing the allow-list refuses.
REFUSED_BODIES = {
    "raw block HTML": ("One.\n\n<div>raw</div>\n", 7, "raw HTML (<div>)"),
    "raw inline HTML": ("One <span>two</span>.\n", 5, "raw HTML (<span>)"),
    "a refresh": ('<meta http-equiv="refresh" content="0">\n', 5, 'raw HTML (<meta http-equiv="refresh" content="0">)'),
    "script": ("One.\n\nTwo <script>alert(1)</script>\n", 7, "a script (<script>)"),
    "style": ("<style>body{display:none}</style>\n", 5, "a stylesheet (<style>)"),
    "iframe": (
        '<iframe src="https://e.example/"></iframe>\n',
        5,
        'an embedded page (<iframe src="https://e.example/">)',
    ),
    "svg": ('<svg onload="alert(1)"></svg>\n', 5, 'an image (<svg onload="alert(1)">)'),
    "a handler": (
        '<a href="https://a/" onclick="x()">y</a>\n',
        5,
        'raw HTML, an attribute \'onclick\' (<a href="https://a/" onclick="x()">)',
    ),
    "style attribute": ('<p style="color:red">x</p>\n', 5, "raw HTML, an attribute 'style' (<p style=\"color:red\">)"),
    "comment": ("One.\n\n<!-- hidden -->\n", 7, "raw HTML, a comment (<!-- hidden -->)"),
    "image": ("One.\n\nTwo.\n\n![](https://t.example/p.gif)\n", 9, f"an image ({IMG.format('')})"),
    "image by reference": ("![x][p]\n\n[p]: https://t.example/p.gif\n", 7, f"an image ({IMG.format('x')})"),
    "javascript link": ("One.\n\n[x](javascript:alert(1))\n", 7, f"a link to 'javascript:alert(1)' ({LINK})"),
    "upper case": ("[x](JavaScript:alert(1))\n", 5, f"a link to 'JavaScript:alert(1)' ({LINK})"),
    "character references": ("[x](jav&#x61;script:alert(1))\n", 5, f"a link to 'javascript:alert(1)' ({LINK})"),
    "a tab (Markdown makes it spaces)": (
        "[x](java\tscript:x)\n",
        5,
        f"a link to 'java    script:x' ({ENCODE.format(' ', 5, '%20')})",
    ),
    "by reference": ("[x][r]\n\nMore.\n\n[r]: javascript:alert(2)\n", 9, f"a link to 'javascript:alert(2)' ({LINK})"),
    "in raw HTML": ('<a href="javascript:alert(1)">x</a>\n', 5, f"a link to 'javascript:alert(1)' ({LINK})"),
    "data link": ("[x](data:text/html,hi)\n", 5, f"a link to 'data:text/html,hi' ({LINK})"),
    "vbscript link": ("[x](vbscript:msgbox)\n", 5, f"a link to 'vbscript:msgbox' ({LINK})"),
    "relative link": ("[x](other.md)\n", 5, f"a link to 'other.md' ({LINK})"),
    "a quote": (
        "[x](https://a.example/&quot;)\n",
        5,
        f"a link to 'https://a.example/\"' ({ENCODE.format(chr(34), 19, '%22')})",
    ),
    "a long link": (f"[x]({LONG})\n", 5, f"a link to {LONG[:80] + '…'!r} ({ENCODE.format(chr(34), 109, '%22')})"),
    "empty fragment": ("[x](#)\n", 5, "a link to '#' (an empty or malformed '#' link)"),
    "two fragments": ("[x](#a#b)\n", 5, "a link to '#a#b' (an empty or malformed '#' link)"),
    "valueless href": ("<a href>x</a>\n", 5, f"a link to '' ({LINK})"),
    "heading": ("One.\n\n## Two\n", 7, 'a heading (<h2 id="two">)'),
    "underlined heading": ("One.\n\nTwo\n---\n", 8, 'a heading (<h2 id="two">)'),
    "rule": ("One.\n\n***\n", 7, "a horizontal rule (<hr />)"),
    "indented code block": ("One.\n\n    code\n", 7, "a code block (<pre>)"),
    "fenced code block": ("One.\n\n```\ncode\n```\n", 9, "a code block (<pre>)"),
    "table": ("| a | b |\n|---|---|\n| 1 | 2 |\n", 6, "a table (<table>)"),
    "processing instruction": ("<?php echo 1; ?>\n", 5, "raw HTML (<?php echo 1; ?>)"),
    "doctype": ("One.\n\n<!DOCTYPE html>\n", 7, "raw HTML (<!DOCTYPE html>)"),
    "CDATA": ("<![CDATA[x]]>\n", 5, "raw HTML (<![CDATA[x]]>)"),
    # What was found is quoted whole up to 80 characters.
    "a long tag": (f"One.\n\n{TAG}a</span>\n", 7, f"raw HTML ({TAG[:80]}…)"),
    "an 80-character tag": (f'{TAG[:78]}">a</span>\n', 5, f'raw HTML ({TAG[:78]}">)'),
    # Attribute lists give a paragraph an id, and nothing else.
    "an id on an inline element": ("*One*{#x}.\n", 5, "raw HTML, an attribute 'id' (<em id=\"x\">)"),
    "a class": ("One.\n{.lead}\n", 6, "raw HTML, an attribute 'class' (<p class=\"lead\">)"),
    "attribute list handler": (
        "One.\n{#x onclick=y}\n",
        6,
        'raw HTML, an attribute \'onclick\' (<p id="x" onclick="y">)',
    ),
}


@pytest.mark.parametrize("case", REFUSED_BODIES)
def test_anything_else_stops_with_file_line_and_what_was_found(case):
    text, line, found = REFUSED_BODIES[case]
    assert (
        refusal(body.check_body, page(text), "docs/index.md", markdown)
        == f"docs/index.md, line {line}: {BODY}, got {found}."
    )


# HTML an editor reaches for, where Markdown does the same: refused with the Markdown that does it.
@pytest.mark.parametrize(
    "typed, refused, markdown_for_it",
    [
        ("Palmyra is <b>free</b>.", "<b>", BOLD),
        ("Palmyra is <strong>free</strong>.", "<strong>", BOLD),
        ("Palmyra is <i>free</i>.", "<i>", ITALICS),
        ("Palmyra is <em>free</em>.", "<em>", ITALICS),
        (
            'See <a href="https://news.example/">the news</a>.',
            '<a href="https://news.example/">',
            "write [the words](https://the.address/) for a link",
        ),
        ("One line<br>and the next.", "<br>", "end the line with two spaces for a line break, or leave a blank line"),
    ],
)
def test_html_an_editor_reaches_for_is_refused_with_its_markdown(typed, refused, markdown_for_it):
    message = refusal(raw_html.check_body, page(f"A paragraph.\n\n{typed}\n"), "docs/index.md", typed_html)
    assert message.startswith(f"docs/index.md, line 7: {BODY}, got raw HTML ({refused}): {markdown_for_it}")


def test_markdown_that_shows_html_as_text_is_not_refused():
    text = page("Code shows `<b>bold</b>` and &lt;b&gt; as text, and **bold** is bold.\n")
    raw_html.check_body(text, "docs/index.md", typed_html)
    body.check_body(text, "docs/index.md", markdown)


def test_a_body_without_front_matter_counts_lines_from_the_first():
    message = refusal(body.check_body, "<div>x</div>\n", "docs/x.md", markdown)
    assert message == f"docs/x.md, line 1: {BODY}, got raw HTML (<div>)."


def test_what_the_build_rendered_is_what_is_checked():
    # The build passes the HTML it rendered: something only that HTML holds is refused, even when the
    # Markdown alone would pass, and said without a line.
    html = "<p>Text.</p><script>x()</script>"
    assert (
        refusal(body.check_body, page("Text.\n"), "p.md", markdown, html=html)
        == f"p.md: {BODY}, got a script (<script>)."
    )
    message = refusal(body.check_pinned_ids, page("One.\n"), "p.md", markdown, '<p id="Bad">One.</p>', ())
    assert message == f"p.md: {PINNED}, got '{{#Bad}}'."


SHARED = "a second time (two paragraphs cannot share an id)"


@pytest.mark.parametrize(
    "text, line, found",
    [
        ("One.\n\nTwo.\n{#Two_Words}\n", 8, "'{#Two_Words}'"),
        ("One.\n{#}\n", 6, "'{#}'"),
        ('One.\n{#a"b}\n', 6, "'{#a\"b}'"),
        ("One.\n{#trailing-}\n", 6, "'{#trailing-}'"),
        ("One.\n{#oc-author}\n", 6, "'{#oc-author}', an id the page's template gives its own element"),
        ("One.\n{#kept}\n\nTwo.\n{#kept}\n", 9, f"'{{#kept}}' {SHARED}"),
        ("One.\n{: #kept }\n\nTwo.\n{: id=kept }\n", 9, f"'{{#kept}}' {SHARED}"),
        ("One.\n\nTwo. {#kept}\n", 7, "'{#kept}' at the end of a line of text (it would be shown as text)"),
        (
            "> Quoted.\n> {#kept}\n",
            6,
            "'{#kept}' on a paragraph inside a list or a block quote (only the column's own have ids)",
        ),
    ],
)
def test_a_bad_pinned_id_stops_with_file_and_line(text, line, found):
    source = page(text)
    body.check_body(source, "docs/index.md", markdown)
    reserved = ("oc-column", "oc-author")
    message = refusal(body.check_pinned_ids, source, "docs/index.md", markdown, markdown(text), reserved)
    assert message == f"docs/index.md, line {line}: {PINNED}, got {found}."


# '#' links are checked on the finished page, whose template and paragraph links add ids.
FINISHED = '<main id="oc-column"><p id="caf\u00e9">x</p><p id="two">y</p></main>'


@pytest.mark.parametrize(
    "body_html",
    [
        '<a href="#two">a</a>',
        '<a href="#caf%C3%A9">b</a>',
        '<a href="#caf&#xe9;">b</a>',
        '<a href="#oc-column">c</a>',
        '<a href="#">the top</a>',  # "#" alone is the top of the page (the body check refuses it for its own reason)
        "<p>none</p>",
    ],
)
def test_a_fragment_link_to_an_id_of_the_finished_page_passes(body_html):
    body.check_fragments(page("x\n"), "docs/index.md", body_html, FINISHED)


@pytest.mark.parametrize(
    "source, body_html, where, target",
    [
        (page("One.\n\n[x](#three)\n"), '<p><a href="#three">x</a></p>', "docs/index.md, line 7", "#three"),
        (page("[x][r]\n\n[r]: #caf%C3%A8\n"), '<p><a href="#caf%C3%A8">x</a></p>', "docs/index.md, line 7", "#cafè"),
        (page("[x](#two) [y](#Two)\n"), '<a href="#two">x</a><a href="#Two">y</a>', "docs/index.md, line 5", "#Two"),
        ("no front matter [x](#no)\n", '<a href="#no">x</a>', "docs/index.md, line 1", "#no"),
        (page("[x](&#35;no)\n"), '<a href="#no">x</a>', "docs/index.md", "#no"),  # written so that no line shows it
    ],
)
def test_a_fragment_link_to_nothing_is_refused_with_its_line(source, body_html, where, target):
    message = refusal(body.check_fragments, source, "docs/index.md", body_html, FINISHED)
    assert (
        message == f"{where}: the column's body: expected {FRAGMENT}, got a link to {target!r}, which no element has."
    )


# --- through a build: each way an error reaches the reader -------------------------------------------------

# (file, pattern, replacement: an edit of the suite's project; the message of the build's error)
BUILD_ERRORS = {
    "a misspelt front matter field": (
        "docs/index.md",
        r"^title:",
        "titel:",
        "docs/index.md, line 4: field 'titel': expected one of the known fields of a column's front matter (a page "
        "whose front matter sets 'template: column.html'): template, title, column, author, description, "
        "description_id, original_url, original_publisher, disclaimer, date, updated, corrections (did you mean "
        "'title'?).",
    ),
    "markup in an author's profile URL": (
        "data/authors.yml",
        r"^    url: .*$",
        "    url: https://x.com/<script>",
        f"data/authors.yml, line 11: field 'yakovenko.profile.url': expected {URL}, got 'https://x.com/<script>': "
        + ENCODE.format("<", 15, "%3C")
        + ".",
    ),
    "a quote URL without {text}": (
        "data/networks.yml",
        r"tweet\?text=\{text\}&",
        "tweet?",
        f"data/networks.yml, line 20: field 'quote_url' of the third share network: expected {QUOTE}, got "
        "'https://twitter.com/intent/tweet?url={url}'.",
    ),
    "an icon the theme lacks": (
        "data/icons.yml",
        r"^fb: .*$",
        "fb: fontawesome/brands/facebok",
        f"data/icons.yml, line 5: field 'fb': expected {ICON_SETS}, got 'fontawesome/brands/facebok'.",
    ),
    "an icon key the templates use": (
        "data/icons.yml",
        r"^link: .*\n",
        "",
        "data/icons.yml: field 'link': expected an icon path; the page templates use this key.",
    ),
    "no site_url": (
        "mkdocs.yml",
        r"^site_url: .*\n",
        "",
        f"mkdocs.yml: field 'site_url': expected {SITE_URL}, got nothing.",
    ),
    "a bad site handle": (
        "mkdocs.yml",
        r"^extra:$",
        "extra:\n  twitter_site: ColumnsExample",
        f"mkdocs.yml: field 'extra.twitter_site': expected {HANDLE}, got 'ColumnsExample'.",
    ),
    "HTML where Markdown does the same": (
        "docs/index.md",
        r"^Russia has",
        "Palmyra is <b>free</b>.\n\nRussia has",
        f"docs/index.md, line 15: {BODY}, got raw HTML (<b>): {BOLD}.",
    ),
    "a plain page's body, checked as a column's": (
        "docs/about.md",
        r"\Z",
        "\n<script>alert(1)</script>\n",
        "docs/about.md, line 17: the page's body: expected Markdown text (paragraphs, emphasis, links to http(s), "
        "mailto: or a # on the page, lists, block quotes, inline code), got a script (<script>).",
    ),
    "a table, found as MkDocs renders it": (
        "docs/index.md",
        r"^Russia has",
        "| a | b |\n|---|---|\n| 1 | 2 |\n\nRussia has",
        f"docs/index.md, line 16: {BODY}, got a table (<table>).",
    ),
    "a pinned id the template uses": (
        "docs/index.md",
        r"\Z",
        "{#oc-column}\n",
        f"docs/index.md, line 24: {PINNED}, got '{{#oc-column}}', an id the page's template gives its own element.",
    ),
    "a '#' link to nothing on the page": (
        "docs/index.md",
        r"^Russia has",
        "See [there](#nowhere).\n\nRussia has",
        f"docs/index.md, line 15: the column's body: expected {FRAGMENT}, got a link to '#nowhere', which no "
        "element has.",
    ),
    "a correction's '#' link to nothing": (
        "docs/index.md",
        r"^---\n\n",
        'corrections:\n  - date: 2016-03-30\n    text: "See [the fourth](#the-fourth)."\n---\n\n',
        f"docs/index.md, line 13: field 'text' of the first correction: expected {FRAGMENT}, got a link to "
        "'#the-fourth', which no element has.",
    ),
    "HTML where Markdown does the same, in the second correction": (
        "docs/index.md",
        r"^---\n\n",
        "corrections:\n  - date: 2016-03-30\n    text: A first note.\n"
        "  - date: 2016-03-31\n    text: 'The <b>second</b> note.'\n---\n\n",
        f"docs/index.md, line 15: field 'text' of the second correction: expected {SENTENCE}, got raw HTML (<b>): "
        f"{BOLD}.",
    ),
}


@pytest.mark.parametrize("case", BUILD_ERRORS)
def test_bad_input_stops_the_build_with_its_message_and_publishes_nothing(project, tmp_path, case):
    name, pattern, replacement, message = BUILD_ERRORS[case]
    edit(project / name, pattern, replacement)
    site_url = None if case == "no site_url" else "https://columns.example/"
    assert build_error(project, tmp_path / "out", site_url=site_url) == message


def test_a_page_outside_the_project_or_with_a_byte_order_mark_is_read_as_mkdocs_reads_it(project, tmp_path):
    # docs_dir may lie outside the project (MkDocs finds it from mkdocs.yml), and an editor may save a page with
    # a byte-order mark (MkDocs drops it): an error still finds the line, and names the page by its whole path.
    pages = tmp_path / "pages"
    shutil.move(project / "docs", pages)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "docs_dir: ../pages\n", encoding="utf-8")
    index = pages / "index.md"
    text = index.read_text(encoding="utf-8")
    assert text.endswith("\n")
    index.write_text("\ufeff" + text + "\n<div>raw</div>\n", encoding="utf-8")  # after a blank line
    line = text.count("\n") + 2
    assert build_error(project, tmp_path / "out") == f"{index}, line {line}: {BODY}, got raw HTML (<div>)."
