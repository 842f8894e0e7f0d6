"""Errors an editor can act on: a YAML mistake in the front matter or a data file names the file and the line and
says in words what is likely wrong and how to write it; a list's items are counted from 1; HTML an editor reaches
for is refused with the Markdown that does it; a column whose date is not known says so once (`date: unknown`),
and then builds without a warning and without a date. The messages are written out here, from what an editor
types and what YAML and Markdown mean (their specs), not read from the code."""

from __future__ import annotations

import json

import pytest
import yaml
from lxml import html as lxml_html

from build_harness import build, build_cli, copy_project
from column import data, yaml_errors


def message(function, *args, **kwargs) -> str:
    with pytest.raises(data.InputError) as error:
        function(*args, **kwargs)
    return str(error.value)


FRONT = "---\ntemplate: column.html\n{}---\nBody.\n"

# --- YAML: the line, and what is likely wrong ------------------------------------------------------------


@pytest.mark.parametrize(
    "lines, expected",
    [
        (
            "title: Palmyra: a sign\n",
            "docs/index.md, line 3: not valid YAML: a value that contains ': ' (a colon and a space) must be quoted: "
            'write it as title: "Palmyra: a sign" (the YAML parser says: mapping values are not allowed here).',
        ),
        (
            'title: "Palmyra": a sign\n',
            "docs/index.md, line 3: not valid YAML: a value that contains ': ' (a colon and a space) must be quoted: "
            "write it as title: '\"Palmyra\": a sign' (the YAML parser says: mapping values are not allowed here).",
        ),
        (
            "title: x\n  author: y\n",
            "docs/index.md, line 4: not valid YAML: this line is read as part of the value above it: it is indented "
            "2 spaces, more than the field above it (0 spaces); fields of the same mapping line up exactly (the YAML "
            "parser says: mapping values are not allowed here).",
        ),
        (
            "title:x\nauthor: y\n",
            "docs/index.md, line 3: not valid YAML: this line is neither 'field: value' nor indented as part of the "
            "value above it: a field's name is followed by ': ' (a colon and a space) (the YAML parser says: could "
            "not find expected ':').",
        ),
        (
            "corrections:\n  - date: 2016-03-30\n   text: T.\n",
            "docs/index.md, line 5: not valid YAML: indentation: this line is indented 3 spaces and the line above "
            "it 2 spaces; the fields of one mapping (and the items of one list) line up exactly, and a list item's "
            "fields line up with the first one after its '- ' (the YAML parser says: expected <block end>, but found "
            "'<block mapping start>').",
        ),
        (
            "title: x\n\tauthor: y\n",
            "docs/index.md, line 4: not valid YAML: a tab: YAML indents with spaces only; replace the tab with spaces "
            "(the YAML parser says: found character '\\t' that cannot start any token).",
        ),
        (
            'title: "Palmyra\nauthor: y\n',
            "docs/index.md, line 3: not valid YAML: a quote mark opens a value here and nothing closes it: end the "
            "value with the same quote mark (the YAML parser says: found unexpected end of stream).",
        ),
        (
            "title: 'It's over'\n",
            "docs/index.md, line 3: not valid YAML: a value in single quotes ends at the next single quote: write an "
            "apostrophe inside it twice (it''s), or put the whole value in double quotes (the YAML parser says: "
            "expected <block end>, but found '<scalar>').",
        ),
        (
            'title: "Palmyra" is free\n',
            "docs/index.md, line 3: not valid YAML: a value in double quotes ends at the next double quote: put the "
            'whole value in single quotes instead, or write each " inside it as \\" (the YAML parser says: expected '
            "<block end>, but found '<scalar>').",
        ),
        (
            "column: *Ambassador's view*\n",
            "docs/index.md, line 3: not valid YAML: a value that starts with '*' must be quoted ('*' starts a YAML "
            'alias): write it as column: "*Ambassador\'s view*" (the YAML parser says: expected alphabetic or '
            'numeric character, but found "\'").',
        ),
        (
            "title: x\nauthor\n",
            "docs/index.md, line 4: not valid YAML: this line is neither 'field: value' nor indented as part of the "
            "value above it: a field's name is followed by ': ' (a colon and a space) (the YAML parser says: could "
            "not find expected ':').",
        ),
        (
            "title: [Update] Palmyra\n",
            "docs/index.md, line 3: not valid YAML: text follows a value that has ended here: put the whole value in "
            "double quotes (the YAML parser says: expected <block end>, but found '<scalar>').",
        ),
    ],
)
def test_a_front_matter_mistake_is_said_in_words_with_its_line(lines, expected):
    assert message(data.split_front_matter, FRONT.format(lines), "docs/index.md") == expected


def test_a_data_file_mistake_is_said_in_words_with_its_line():
    text = "yakovenko:\n  name: Alexander Yakovenko\n  roles: Ambassador: Russia\n"
    assert message(data.load_yaml, text, "data/authors.yml") == (
        "data/authors.yml, line 3: not valid YAML: a value that contains ': ' (a colon and a space) must be quoted: "
        'write it as roles: "Ambassador: Russia" (the YAML parser says: mapping values are not allowed here).'
    )
    handle = "- icon: tw\n  handle: @Amb\n"
    assert message(data.load_yaml, handle, "data/networks.yml") == (
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
        words = message(data.load_yaml, line + "\n", "x.yml")
        written = words.split("write it as ", 1)[1].split(" (the YAML parser says", 1)[0]
        assert yaml.safe_load(written) == {line.split(":")[0]: value}, written


def test_an_error_yaml_gives_no_line_for_keeps_the_file_and_the_parsers_words():
    assert message(data.load_yaml, "a: b\x00", "x.yml").startswith("x.yml: not valid YAML (unacceptable character")


# --- list items counted from 1 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number, word", [(1, "first"), (2, "second"), (10, "tenth"), (11, "11th"), (12, "12th"), (21, "21st"), (22, "22nd")]
)
def test_ordinals(number, word):
    assert yaml_errors.ordinal(number) == word


def test_the_second_correction_is_called_so():
    doc = data.load_yaml(
        "corrections:\n  - date: 2016-03-30\n    text: A.\n  - date: 2016-03-29\n    text: B.\n",
        "docs/x.md",
        first_line=2,
    )
    assert message(data.check_corrections, doc, doc.value) == (
        "docs/x.md, line 5: field 'date' of the second correction: expected a date not before the correction above "
        "it (2016-03-30): oldest first, got '2016-03-29'."
    )


def test_a_number_that_is_a_key_is_not_counted():
    doc = data.load_yaml("7: fontawesome/brands/x\n", "data/icons.yml")
    assert message(data.check_icons, doc, lambda path: True).startswith("data/icons.yml, line 1: field '7': ")


def test_an_item_of_a_list_without_a_name_is_counted_too():
    assert message(data.load_yaml, "things:\n  - a: 1\n  - a: 2\n    a: 3\n", "x.yml") == (
        "x.yml, line 4: field 'a' of the second item of field 'things': expected once, got it a second time "
        "(first on line 3)."
    )


# --- HTML an editor reaches for ------------------------------------------------------------------------

BOLD = "write **the words** (two asterisks on each side) for bold"
ITALICS = "write *the words* (one asterisk on each side) for italics"
EXPECTED = (
    "Markdown text (paragraphs, emphasis, links to http(s), mailto: or a # on the page, lists, block quotes, inline "
    "code)"
)


@pytest.mark.parametrize(
    "typed, refused, markdown",
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
def test_html_an_editor_reaches_for_is_refused_with_its_markdown(project, tmp_path, typed, refused, markdown):
    index = project / "docs" / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text + f"\nA new paragraph.\n\n{typed}\n", encoding="utf-8")
    line = text.count("\n") + 4
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert (
        f"docs/index.md, line {line}: the column's body: expected {EXPECTED}, got raw HTML ({refused}): {markdown}"
    ) in result.stderr


def test_the_same_html_in_a_correction_is_refused_naming_the_correction(project, tmp_path):
    index = project / "docs" / "index.md"
    text = index.read_text(encoding="utf-8")
    corrections = (
        "corrections:\n  - date: 2016-03-30\n    text: A first note.\n"
        "  - date: 2016-03-31\n    text: 'The <b>second</b> note.'\n"
    )
    index.write_text(text.replace("\n---\n", "\n" + corrections + "---\n", 1), encoding="utf-8")
    line = text.split("\n---\n")[0].count("\n") + 6
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert (
        f"docs/index.md, line {line}: field 'text' of the second correction: expected a sentence of Markdown text "
        f"(emphasis, links to http(s), mailto: or a # on the page, inline code), got raw HTML (<b>): {BOLD}."
    ) in result.stderr


def test_markdown_that_shows_html_as_text_is_not_refused(project, tmp_path):
    index = project / "docs" / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8") + "\nCode shows `<b>bold</b>` and &lt;b&gt; as text, and **bold** is bold.\n",
        encoding="utf-8",
    )
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr


# --- a date that is not known ------------------------------------------------------------------------------


def test_an_unknown_date_said_once_builds_without_a_warning_and_without_a_date(tmp_path):
    project = copy_project(tmp_path / "project")  # the suite's home page has no date: it warns
    index = project / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("\n---\n", "\ndate: unknown\n---\n", 1), "utf-8")
    result = build_cli(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "field 'date'" not in result.stderr
    page = lxml_html.fromstring((tmp_path / "site" / "index.html").read_bytes())
    assert page.xpath("//article//time") == []  # ("More from", after it, dates the other columns)
    assert page.xpath("//meta[contains(@property, '_time')]") == []
    (ld,) = [json.loads(block) for block in page.xpath("//script[@type='application/ld+json']/text()")]
    assert not any(key.startswith("date") for key in ld)
    assert "unknown" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<lastmod>" not in (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8").split("</url>")[0]


def test_an_update_needs_a_known_date():
    doc = data.load_yaml("date: unknown\nupdated: 2016-03-29\n", "docs/index.md", first_line=2)
    assert message(data.split_unknown_date, doc) == (
        "docs/index.md, line 3: field 'updated': expected no 'updated' beside 'date: unknown': a last change is "
        "dated against a known first publication."
    )
