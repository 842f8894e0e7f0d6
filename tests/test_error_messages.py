"""Every refusal of the input checks (hooks/column/data.py), with the whole message a user reads written out:
the file, the line, the field, what is expected, what was found and why. The other input tests look for the
telling part of a message; these pin all of it, so a message that loses its line, its field or its reason
fails here. Called directly: no build."""

from __future__ import annotations

import pytest

from column import data

ICONS = {"tw": "fontawesome/brands/x-twitter", "fb": "fontawesome/brands/facebook"}


def message(call, *args, **kwargs) -> str:
    with pytest.raises(data.InputError) as error:
        call(*args, **kwargs)
    return str(error.value)


def located(value, lines=None, file="docs/index.md") -> data.Located:
    return data.Located(value, lines or {}, file)


# --- how a value is shown ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, shown",
    [
        (None, "nothing"),
        ("", "an empty string"),
        (" \t", "an empty string"),
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


def test_yaml_lines_reach_nested_lists_and_mappings():
    doc = data.load_yaml("- a: 1\n  b:\n    - x\n    - y: 2\n", "x.yml", first_line=10)
    assert doc.value == [{"a": 1, "b": ["x", {"y": 2}]}]
    assert doc.lines == {"0": 10, "0.a": 10, "0.b": 11, "0.b.0": 12, "0.b.1": 13, "0.b.1.y": 13}
    assert data.load_yaml("", "x.yml") == data.Located(None, {}, "x.yml")


@pytest.mark.parametrize(
    "text, first_line, expected",
    [
        (
            "a: 1\nb: c: d\n",
            1,
            "x.yml, line 2: not valid YAML: a value that contains ': ' (a colon and a space) must be quoted: write it "
            'as b: "c: d" (the YAML parser says: mapping values are not allowed here).',
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
        ("a: 1\na: 2\n", 1, "x.yml, line 2: field 'a': expected once, got it a second time (first on line 1)."),
        (
            "a:\n  b: 1\n  b: 2\n",
            1,
            "x.yml, line 3: field 'a.b': expected once, got it a second time (first on line 2).",
        ),
        # A character YAML refuses outright: the error has no line, so the message names the file alone.
        (
            "a: b\x00",
            1,
            "x.yml: not valid YAML (unacceptable character #x0000: special characters are not allowed\n"
            '  in "<unicode string>", position 4).',
        ),
        (
            "- a: 1\n  b: 2\n  a: 3\n",
            4,
            "x.yml, line 6: field 'a' of the first item: expected once, got it a second time (first on line 4).",
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
    assert message(data.load_yaml, text, "x.yml", first_line=first_line) == expected


def test_dates_stay_as_written():
    assert data.load_yaml("d: 2016-03-28\n", "x.yml").value == {"d": "2016-03-28"}


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
    assert message(data.split_front_matter, source, "p.md") == (
        "p.md, line 1: expected front matter between '---' lines (title, author, ...)."
    )


def test_front_matter_errors_count_lines_from_the_file_start():
    assert message(data.split_front_matter, "---\ntitle: x\nauthor: a: b\n---\n", "p.md") == (
        "p.md, line 3: not valid YAML: a value that contains ': ' (a colon and a space) must be quoted: write it as "
        'author: "a: b" (the YAML parser says: mapping values are not allowed here).'
    )


# --- fields -------------------------------------------------------------------------------------------

SCHEMA = {"title": (data.TEXT, True), "link": (data.URL, False), "when": (data.DATE, False)}


def test_fields_are_returned_when_they_are_right():
    value = {"title": "T", "link": "https://a.example/"}
    assert data.check_fields(located(value), value, "", SCHEMA, "a thing") is value


@pytest.mark.parametrize(
    "value, path, lines, expected",
    [
        (["x"], "", {}, "docs/index.md: field '(top level)': expected a mapping of a thing, got a list (['x'])."),
        (None, "2", {"2": 4}, "docs/index.md, line 4: field '2': expected a mapping of a thing, got nothing."),
        (
            {"titel": "T"},
            "",
            {"titel": 3},
            "docs/index.md, line 3: field 'titel': expected one of the known fields of a thing: title, link, when "
            "(did you mean 'title'?).",
        ),
        (
            {"title": "T", "zzz": 1},
            "0",
            {"0.zzz": 5},
            "docs/index.md, line 5: field '0.zzz': expected one of the known fields of a thing: title, link, when.",
        ),
        (
            {"link": "https://a.example/"},
            "",
            {},
            "docs/index.md: field 'title': expected a non-empty string; it is required for a thing and missing.",
        ),
        (
            {"link": "https://a.example/"},
            "a.b",
            {},
            "docs/index.md: field 'a.b.title': expected a non-empty string; it is required for a thing and missing.",
        ),
        (
            {"title": "T", "when": "28/03/2016"},  # an optional field left out does not end the checks
            "",
            {"when": 3},
            f"docs/index.md, line 3: field 'when': expected {data.DATE}, got '28/03/2016'.",
        ),
        (
            {"title": "T", "link": "ftp://a.example/"},
            "0",
            {"0.link": 6},
            "docs/index.md, line 6: field '0.link': expected an absolute http(s) URL, got 'ftp://a.example/': "
            "it must start with http: or https:.",
        ),
    ],
)
def test_field_errors(value, path, lines, expected):
    assert message(data.check_fields, located(value, lines), value, path, SCHEMA, "a thing") == expected


@pytest.mark.parametrize(
    "kind, value, expected",
    [
        (data.TEXT, 3, "expected a non-empty string, got an integer (3)."),
        (data.TEXT, "  ", "expected a non-empty string, got an empty string."),
        (data.TEXT, None, "expected a non-empty string, got nothing."),
        (data.TEXT, "a\x00b", "expected a non-empty string without control characters, got 'a\\x00b'."),
        (data.URL, "", "expected an absolute http(s) URL, got an empty string."),
        (
            data.URL,
            "https://a.example/\x7f",
            "expected an absolute http(s) URL without control characters, got 'https://a.example/\\x7f'.",
        ),
        (data.KEY, ["k"], "expected a key (letters, digits, '-' or '_'), got a list (['k'])."),
        (data.KEY, "-k", "expected a key (letters, digits, '-' or '_'), got '-k'."),
        (data.KEY, "k k", "expected a key (letters, digits, '-' or '_'), got 'k k'."),
        (data.KEY, "k\x85", "expected a key (letters, digits, '-' or '_') without control characters, got 'k\\x85'."),
        (data.DATE, "2016-02-30", f"expected {data.DATE}, got '2016-02-30'."),
        (data.DATE, 20160328, f"expected {data.DATE}, got an integer (20160328)."),
    ],
)
def test_value_errors(kind, value, expected):
    assert message(data.check_value, located({}, {"f": 2}), "f", value, kind) == (
        f"docs/index.md, line 2: field 'f': {expected}"
    )


@pytest.mark.parametrize(
    "kind, value",
    [(data.TEXT, "x"), (data.TEXT, "a\u00a0b"), (data.URL, "https://a.example/"), (data.KEY, "a_1-b"), (data.KEY, "9")],
)
def test_good_values_pass(kind, value):
    data.check_value(located({}), "f", value, kind)


@pytest.mark.parametrize(
    "character, control",
    [("\x00", True), ("\x1f", True), (" ", False), ("~", False), ("\x7f", True), ("\x9f", True), ("\xa0", False)],
)
def test_control_characters_are_c0_delete_and_c1(character, control):
    assert data.has_control_chars(f"a{character}b") is control


# --- dates --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "2016-03-28",
        "2016-03-28T09:15Z",
        "2016-03-28T09:15:30+03:00",
        "2016-03-28T09:15:30.123456-05:30",
        "2016-02-29",
    ],
)
def test_the_date_forms_that_are_accepted(value):
    assert data.parse_date(value) is not None


@pytest.mark.parametrize(
    "value",
    [
        "2016-3-28",
        "28/03/2016",
        "2016-03-28T09:15",  # no offset
        "2016-03-28 09:15Z",
        "2016-03-28T9:15Z",
        "2016-03-28T09:15:30.1234567Z",
        "2015-02-29",
        "2016-13-01",
        "2016-03-28T24:00Z",
        " 2016-03-28",
        None,
        20160328,
    ],
)
def test_the_date_forms_that_are_refused(value):
    assert data.parse_date(value) is None


@pytest.mark.parametrize(
    "later, earlier, before",
    [
        ("2016-03-27", "2016-03-28", True),
        ("2016-03-28", "2016-03-28", False),
        ("2016-03-29", "2016-03-28", False),
        ("2016-03-28T09:00Z", "2016-03-28T10:00+00:00", True),
        ("2016-03-28T10:00+01:00", "2016-03-28T09:30Z", True),  # 09:00 UTC, before 09:30 UTC
        ("2016-03-28T09:30Z", "2016-03-28T09:30Z", False),
        ("2016-03-28T23:00-05:00", "2016-03-29", True),  # 28 March where it was written, though 29 March in UTC
        ("2016-03-28", "2016-03-28T23:00Z", False),  # the same day
        ("2016-03-27", "2016-03-28T01:00+05:00", True),
    ],
)
def test_updated_before_published(later, earlier, before):
    assert data.is_before(later, earlier) is before


# --- URLs: the whole reason ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, schemes, reason",
    [
        ('https://a.example/"', ("http", "https"), "the character '\"' at position 19 must be percent-encoded, as %22"),
        (
            "https://a.example/ü",
            ("http", "https"),
            "the character 'ü' at position 19 must be percent-encoded, as %C3%BC",
        ),
        (
            "https://a.example/%g0",
            ("http", "https"),
            "the '%' at position 19 must start an escape of two hex digits, such as %20",
        ),
        (
            "https://a.example/%",
            ("http", "https"),
            "the '%' at position 19 must start an escape of two hex digits, such as %20",
        ),
        (
            "https://a.example:x/",
            ("http", "https"),
            "it is not a well-formed URL (Port could not be cast to integer value as 'x')",
        ),
        ("ftp://a.example/", ("http", "https"), "it must start with http: or https:"),
        ("ftp://a.example/", ("https",), "it must start with https:"),
        ("ftp://a.example/", ("https", "mailto", "sms"), "it must start with https:, mailto: or sms:"),
        ("https://a.example/?q=[1]", ("http", "https"), "'[' and ']' may only enclose an IPv6 address"),
        ("https://a.example/#x]", ("http", "https"), "'[' and ']' may only enclose an IPv6 address"),
        ("https://a.example/#a#b", ("http", "https"), "it holds more than one '#'"),
        ("mailto://a.example", ("https", "mailto"), "mailto: takes an address, not '//'"),
        ("mailto:", ("https", "mailto"), "mailto: takes an address, not '//'"),
        ("https:?q=1", ("http", "https"), "it needs a host name, such as https://example.com/"),
        (
            "https://a_b..c/",
            ("http", "https"),
            "'a_b..c' is not a host name (letters, digits, '-' and '_' between dots) or an IP address",
        ),
        ("https://u:p@a.example/", ("http", "https"), "it must not carry a user name or password before '@'"),
        ("https://@a.example/", ("http", "https"), "it must not carry a user name or password before '@'"),
    ],
)
def test_url_problems_in_full(value, schemes, reason):
    assert data.url_problem(value, schemes) == reason


@pytest.mark.parametrize(
    "value", ["mailto:a@b.example", "mailto:?subject=x&body=y", "https://a.example/#%23", "https://a.example/X?X#X"]
)
def test_urls_a_share_template_may_give(value):
    assert data.url_problem(value, ("https", "mailto")) is None


@pytest.mark.parametrize(
    "host, valid",
    [
        ("a.example", True),
        ("a-b_c.d9", True),
        ("a" * 63 + ".example", True),
        ("a" * 64 + ".example", False),
        ("a..example", False),
        ("example.", False),
        ("-a.example", False),
        ("a-.example", False),
        ("A.example", False),  # urlsplit gives the host in lower case
        ("a!.example", False),
        ("127.0.0.1", True),
        ("::1", True),
    ],
)
def test_host_names(host, valid):
    assert data.is_host(host) is valid


# --- the column's front matter ------------------------------------------------------------------------

COLUMN = {
    "template": "column.html",
    "title": "T",
    "column": "C",
    "author": "yakovenko",
    "description": "D",
    "original_url": "https://a.example/",
    "original_publisher": "P",
    "disclaimer": "X",
}
LINES = {name: number for number, name in enumerate(COLUMN, start=2)} | {"date": 10, "updated": 11}
AUTHORS = {"yakovenko": {}, "another": {}}


def front_matter(**changes) -> data.Located:
    value = {name: field for name, field in {**COLUMN, **changes}.items() if field is not None}
    return located(value, {name: line for name, line in LINES.items() if name in value})


def test_a_right_front_matter_is_returned():
    assert data.check_front_matter(front_matter(), AUTHORS) == COLUMN
    dated = front_matter(date="2016-03-28", updated="2016-03-28")
    assert data.check_front_matter(dated, AUTHORS) == dated.value


@pytest.mark.parametrize(
    "changes, authors, expected",
    [
        (
            {"template": "main.html"},
            AUTHORS,
            "docs/index.md, line 2: field 'template': expected 'column.html', the column layout "
            "(overrides/column.html), or no 'template' for a plain page, got 'main.html'.",
        ),
        (
            {"author": "nobody"},
            AUTHORS,
            "docs/index.md, line 5: field 'author': expected a key of data/authors.yml (known: another, yakovenko), "
            "got 'nobody'.",
        ),
        (
            {},
            {},
            "docs/index.md, line 5: field 'author': expected a key of data/authors.yml (known: none), got 'yakovenko'.",
        ),
        (
            {"updated": "2016-03-28"},
            AUTHORS,
            "docs/index.md, line 11: field 'updated': expected to come with 'date', the first publication, which is "
            "missing.",
        ),
        (
            {"date": "2016-03-28", "updated": "2016-03-27"},
            AUTHORS,
            "docs/index.md, line 11: field 'updated': expected a date not before 'date' (2016-03-28), "
            "got '2016-03-27'.",
        ),
        (
            {"disclaimer": None},
            AUTHORS,
            "docs/index.md: field 'disclaimer': expected a non-empty string; it is required for a column's front "
            "matter (a page whose front matter sets 'template: column.html') and missing.",
        ),
    ],
)
def test_front_matter_errors(changes, authors, expected):
    assert message(data.check_front_matter, front_matter(**changes), authors) == expected


# --- data files ---------------------------------------------------------------------------------------


def icons_doc(value, lines=None) -> data.Located:
    return located(value, lines, "data/icons.yml")


def test_icons_are_returned_when_they_exist():
    assert data.check_icons(icons_doc(ICONS), lambda path: True) == ICONS


@pytest.mark.parametrize(
    "value, exists, expected",
    [
        (
            [],
            True,
            "data/icons.yml: field '(top level)': expected a mapping of icon keys to icon paths, such as "
            "'fb: fontawesome/brands/facebook', got a list ([]).",
        ),
        (
            {},
            True,
            "data/icons.yml: field '(top level)': expected a mapping of icon keys to icon paths, such as "
            "'fb: fontawesome/brands/facebook', got a mapping ({}).",
        ),
        (
            {"tw": "fontawesome/brands/x-twitter", 7: "a/b"},
            True,
            "data/icons.yml, line 2: field '7': expected a key (letters, digits, '-' or '_'), got an integer (7).",
        ),
        (
            {"t w": "a/b"},
            True,
            "data/icons.yml, line 1: field 't w': expected a key (letters, digits, '-' or '_'), got 't w'.",
        ),
        (
            {"tw": "x-twitter"},
            True,
            "data/icons.yml, line 1: field 'tw': expected an icon path such as "
            "'fontawesome/brands/facebook', got 'x-twitter'.",
        ),
        (
            {"tw": "Fontawesome/brands"},
            True,
            "data/icons.yml, line 1: field 'tw': expected an icon path such as "
            "'fontawesome/brands/facebook', got 'Fontawesome/brands'.",
        ),
        (
            {"tw": "a/b/"},
            True,
            "data/icons.yml, line 1: field 'tw': expected an icon path such as "
            "'fontawesome/brands/facebook', got 'a/b/'.",
        ),
        (
            {"tw": None},
            True,
            "data/icons.yml, line 1: field 'tw': expected an icon path such as "
            "'fontawesome/brands/facebook', got nothing.",
        ),
        (
            {"tw": "fontawesome/brands/x-twiter"},
            False,
            "data/icons.yml, line 1: field 'tw': expected an icon that "
            "Material's bundled icon sets contain (material/templates/.icons/<path>.svg), got "
            "'fontawesome/brands/x-twiter'.",
        ),
    ],
)
def test_icon_errors(value, exists, expected):
    lines = {str(key): number for number, key in enumerate(value, start=1)} if isinstance(value, dict) else {}
    assert message(data.check_icons, icons_doc(value, lines), lambda path: exists) == expected


def test_an_unknown_icon_key_lists_the_known_ones():
    doc = located([], {"0.icon": 3}, "data/networks.yml")  # networks.yml is a list: its first item
    assert message(data.check_icon_key, doc, "0.icon", "gp", ICONS) == (
        "data/networks.yml, line 3: field 'icon' of the first share network: expected an icon key of data/icons.yml "
        "(tw, fb), got 'gp'."
    )
    data.check_icon_key(doc, "0.icon", "fb", ICONS)


SHARE = "a share URL (https: or mailto:) with a {url} placeholder and optionally {title}"
QUOTE = "a share URL (https: or mailto:) with {url} and {text} placeholders and optionally {title}"


@pytest.mark.parametrize(
    "template, quote, expected",
    [
        (
            "https://a.example/?u={url",
            False,
            f"expected {SHARE} (braces must be balanced), got 'https://a.example/?u={{url'.",
        ),
        ("https://a.example/?t={title}", False, f"expected {SHARE}, got 'https://a.example/?t={{title}}'."),
        (
            "https://a.example/?u={url}&x={text}",
            False,
            f"expected {SHARE}, got 'https://a.example/?u={{url}}&x={{text}}'.",
        ),
        ("https://a.example/?u={url}", True, f"expected {QUOTE}, got 'https://a.example/?u={{url}}'."),
        ("https://a.example/?x={text}", True, f"expected {QUOTE}, got 'https://a.example/?x={{text}}'."),
        (
            "https://a.example/?u={url}&x={text}&y={who}",
            True,
            f"expected {QUOTE}, got 'https://a.example/?u={{url}}&x={{text}}&y={{who}}'.",
        ),
        ("https://a.example/?u={url}&t={0}", False, f"expected {SHARE}, got 'https://a.example/?u={{url}}&t={{0}}'."),
        (
            "http://a.example/?u={url}",
            False,
            f"expected {SHARE}, got 'http://a.example/?u={{url}}': it must start with https: or mailto:.",
        ),
        (
            "https://a.example/?u={url}&t={text} x",
            True,
            f"expected {QUOTE}, got "
            "'https://a.example/?u={url}&t={text} x': the character ' ' at position 36 "
            "must be percent-encoded, as %20.",
        ),
    ],
)
def test_share_url_template_errors(template, quote, expected):
    doc = located([], {"0.url": 4}, "data/networks.yml")
    assert message(data.check_url_template, doc, "0.url", template, quote=quote) == (
        f"data/networks.yml, line 4: field 'url' of the first share network: {expected}"
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


@pytest.mark.parametrize(
    "value, expected",
    [
        (
            {},
            "data/networks.yml: field '(top level)': expected a list of share networks, each with icon, name and "
            "url, got a mapping ({}).",
        ),
        (
            [],
            "data/networks.yml: field '(top level)': expected a list of share networks, each with icon, name and "
            "url, got a list ([]).",
        ),
        (
            [NETWORK, "X"],
            "data/networks.yml: the second share network: expected a mapping of a share network, got 'X'.",
        ),
        (
            [NETWORK, {**NETWORK, "icon": "gp"}],
            "data/networks.yml: field 'icon' of the second share network: expected an icon key of data/icons.yml "
            "(tw, fb), got 'gp'.",
        ),
        (
            [{**NETWORK, "url": "https://x.example/"}],
            "data/networks.yml: field 'url' of the first share network: expected a share URL (https: "
            "or mailto:) with a {url} placeholder and optionally {title}, got 'https://x.example/'.",
        ),
        (
            [{**NETWORK, "quote_url": "https://x.example/?u={url}"}],
            "data/networks.yml: field 'quote_url' of the first share network: expected "
            "a share URL (https: or mailto:) with {url} and {text} placeholders and optionally {title}, got "
            "'https://x.example/?u={url}'.",
        ),
        (
            [{**NETWORK, "lable": "Post"}],
            "data/networks.yml: field 'lable' of the first share network: expected one of the known fields of a "
            "share network: icon, name, url, label, quote_url, enabled, max_length (did you mean 'label'?).",
        ),
    ],
)
def test_network_errors(value, expected):
    assert message(data.check_networks, located(value, file="data/networks.yml"), ICONS) == expected


def test_networks_are_returned_in_order():
    networks = [NETWORK, {**NETWORK, "icon": "fb", "quote_url": "https://f.example/?u={url}&q={text}"}]
    assert data.check_networks(located(networks), ICONS) is networks


PROFILE = {"network": "X", "icon": "tw", "follow": "Follow", "handle": "@h", "url": "https://x.example/h"}
AUTHOR = {"name": "N", "roles": "R", "profile": PROFILE}


@pytest.mark.parametrize(
    "value, expected",
    [
        (
            [],
            "data/authors.yml: field '(top level)': expected a mapping of author keys to authors (name, roles, "
            "profile), got a list ([]).",
        ),
        (
            {},
            "data/authors.yml: field '(top level)': expected a mapping of author keys to authors (name, roles, "
            "profile), got a mapping ({}).",
        ),
        ({"a b": AUTHOR}, "data/authors.yml: field 'a b': expected a key (letters, digits, '-' or '_'), got 'a b'."),
        ({1: AUTHOR}, "data/authors.yml: field '1': expected a key (letters, digits, '-' or '_'), got an integer (1)."),
        (
            {"a": {**AUTHOR, "profile": "x"}},
            "data/authors.yml: field 'a.profile': expected a mapping of an author's profile, got 'x'.",
        ),
        (
            {"a": {"name": "N", "roles": "R"}},
            "data/authors.yml: field 'a.profile': expected a mapping; it is required for an author and missing.",
        ),
        (
            {"a": {**AUTHOR, "profile": {**PROFILE, "url": "x"}}},
            "data/authors.yml: field 'a.profile.url': expected "
            "an absolute http(s) URL, got 'x': it must start with http: or https:.",
        ),
        (
            {"a": {**AUTHOR, "profile": {**PROFILE, "icon": "ig"}}},
            "data/authors.yml: field 'a.profile.icon': expected an icon key of data/icons.yml (tw, fb), got 'ig'.",
        ),
        (
            {"a": AUTHOR, "b": {**AUTHOR, "name": ""}},
            "data/authors.yml: field 'b.name': expected a non-empty string, got an empty string.",
        ),
    ],
)
def test_author_errors(value, expected):
    assert message(data.check_authors, located(value, file="data/authors.yml"), ICONS) == expected


def test_authors_are_returned_by_key():
    authors = {"a": AUTHOR, "b-2": AUTHOR}
    assert data.check_authors(located(authors), ICONS) is authors


# --- the public address ---------------------------------------------------------------------------------

SITE_URL_EXPECTED = (
    "mkdocs.yml: field 'site_url': expected the site's public address as an absolute http(s) URL (or the SITE_URL "
    "environment variable), got "
)


@pytest.mark.parametrize(
    "value, got",
    [
        (None, "nothing."),
        ("", "an empty string."),
        (42, "an integer (42)."),
        ("ftp://a.example/", "'ftp://a.example/': it must start with http: or https:."),
        (
            "https://a.example/ x",
            "'https://a.example/ x': the character ' ' at position 19 must be percent-encoded, as %20.",
        ),
    ],
)
def test_site_url_errors(value, got):
    assert message(data.check_site_url, value, "mkdocs.yml") == SITE_URL_EXPECTED + got


@pytest.mark.parametrize(
    "value, kept",
    [("https://a.example", "https://a.example/"), ("https://a.example/x/", "https://a.example/x/")],
)
def test_site_url_is_kept_with_one_trailing_slash(value, kept):
    assert data.check_site_url(value, "mkdocs.yml") == kept
