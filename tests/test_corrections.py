"""Correcting a published column (issue 19): the editor's corrections (front matter `corrections`, each a date
and a sentence of Markdown) shown after the column's last paragraph, as the page's modified date when
`updated` does not say later, and in the JSON-LD as schema.org `correction`; and a reworded paragraph that
keeps the id it was published with (`{#id}`), so that links already shared still land on it. Bad input stops
the build with the file, the line and the field. In a browser and in print: tests/browser/test_corrected_page.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import extruct
import pytest
from lxml import html as lxml_html
from markdown import Markdown

from column import body, data, pages, paragraphs, raw_html, render
from support import SITE_URL, add_front_matter, build, copy_project

CORRECTIONS = {
    "date": "2016-03-28",
    "corrections": (
        "\n"
        "  - date: 2016-03-30\n"
        '    text: "An earlier version said the Russian Air Force flew *50* sorties; it flew '
        '[500](#russia-has-contributed-to-the-battle)."\n'
        "  - date: 2016-04-02T09:00:00+01:00\n"
        '    text: "The opening of the column\'s first paragraph was reworded, and `Palmyra` & &lt;co&gt; spelt out."\n'
    ),
}
FIRST = "An earlier version said the Russian Air Force flew 50 sorties; it flew 500."
SECOND = "The opening of the column's first paragraph was reworded, and Palmyra & <co> spelt out."
PUBLISHED_ID = "the-liberation-of-palmyra-is-compelling"  # the id the first body paragraph was published with
REWORDED = "Palmyra's liberation is compelling proof"


def reword_and_pin(index: Path) -> None:
    """The first body paragraph's opening reworded, its published id pinned on a line of its own at its end."""
    text = index.read_text(encoding="utf-8")
    front, rest = text.split("\n---\n", 1)
    blocks = rest.strip().split("\n\n")
    assert blocks[0].startswith("The liberation of Palmyra is compelling proof")
    blocks[0] = blocks[0].replace("The liberation of Palmyra is compelling proof", REWORDED, 1)
    blocks[0] += "\n{#" + PUBLISHED_ID + "}"
    index.write_text(front + "\n---\n\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def corrected(tmp_path_factory):
    work = tmp_path_factory.mktemp("corrected")
    project = copy_project(work / "project")
    index = project / "docs" / "index.md"
    add_front_matter(index, CORRECTIONS)
    reword_and_pin(index)
    result = build(project, work / "site")
    assert result.returncode == 0, result.stderr
    raw = (work / "site" / "index.html").read_text(encoding="utf-8")
    metadata = extruct.extract(raw, base_url=SITE_URL, syntaxes=["opengraph", "json-ld"], uniform=False)
    (jsonld,) = metadata["json-ld"]
    (og,) = metadata["opengraph"]
    sitemap = (work / "site" / "sitemap.xml").read_text(encoding="utf-8")
    return lxml_html.fromstring(raw), jsonld, dict(og["properties"]), sitemap


def words(element) -> str:
    return " ".join(element.text_content().split())


# --- corrections on the page -----------------------------------------------------------------------------------


def test_corrections_follow_the_columns_last_paragraph(corrected):
    page, *_ = corrected
    (note,) = page.cssselect("aside.oc-corrections")
    # At the end of the column's text: after its last paragraph, before the first publication and the disclaimer.
    assert note.getparent().cssselect(".oc-body > p[id]")[-1] is note.getprevious()
    assert note.getnext().get("class") == "oc-original"
    assert note.get("aria-label") == "Corrections"
    items = note.xpath("./p")
    assert [words(item) for item in items] == [
        f"Correction, 30 March 2016: {FIRST}",
        f"Correction, 2 April 2016: {SECOND}",
    ]
    assert [item.xpath("./time/@datetime") for item in items] == [["2016-03-30"], ["2016-04-02T09:00:00+01:00"]]
    # Markdown, as in the body: emphasis, a link to a paragraph, inline code and its text kept as text.
    assert items[0].xpath("./em/text()") == ["50"]
    assert items[0].xpath("./a/@href") == ["#russia-has-contributed-to-the-battle"]
    assert items[1].xpath("./code/text()") == ["Palmyra"]
    assert not page.cssselect(".oc-corrections .oc-permalink, .oc-corrections [id]")  # no paragraph links in it


def test_the_last_correction_is_the_pages_modified_date(corrected):
    """No `updated` in the front matter: a correction changed the column, so its date is the page's."""
    page, jsonld, og, sitemap = corrected
    times = [(time.get("datetime"), time.text_content()) for time in page.cssselect(".oc-byline time")]
    assert times == [("2016-03-28", "28 March 2016"), ("2016-04-02T09:00:00+01:00", "2 April 2016")]
    assert "Updated 2 April 2016" in words(page.cssselect(".oc-byline")[0])
    assert og["article:modified_time"] == jsonld["dateModified"] == "2016-04-02T09:00:00+01:00"
    home = re.search(rf"<loc>{re.escape(SITE_URL)}</loc>\s*<lastmod>([^<]*)</lastmod>", sitemap)
    assert home and home.group(1) == "2016-04-02T09:00:00+01:00"


def test_corrections_in_the_json_ld(corrected):
    _, jsonld, _, _ = corrected
    assert jsonld["correction"] == [
        {"@type": "CorrectionComment", "text": FIRST, "datePublished": "2016-03-30"},
        {"@type": "CorrectionComment", "text": SECOND, "datePublished": "2016-04-02T09:00:00+01:00"},
    ]


def test_the_json_ld_with_corrections_stays_inert(corrected):
    page, *_ = corrected
    (block,) = page.xpath("//script[@type='application/ld+json']")
    assert "<" not in block.text and ">" not in block.text
    assert json.loads(block.text)["correction"][1]["text"] == SECOND


def test_a_column_without_corrections_has_no_note(page):
    assert page.cssselect(".oc-corrections") == []
    (block,) = page.xpath("//script[@type='application/ld+json']")
    assert "correction" not in json.loads(block.text)


# --- a paragraph's pinned id --------------------------------------------------------------------------------


def test_a_reworded_paragraph_keeps_its_pinned_id(corrected):
    page, *_ = corrected
    body_paragraphs = page.cssselect(".oc-body > p[id]:not(.oc-standfirst)")
    first = body_paragraphs[0]
    assert words(first).startswith(REWORDED) and "{#" not in first.text_content()
    assert first.get("id") == PUBLISHED_ID
    (link,) = first.cssselect("a.oc-permalink")
    assert link.get("href") == f"#{PUBLISHED_ID}" and link.get("aria-label") == "Link to paragraph 2"
    # The other paragraphs keep theirs, and no id is written twice.
    assert body_paragraphs[1].get("id") == "russia-has-contributed-to-the-battle"
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids))
    assert b'id="' + PUBLISHED_ID.encode() + b'" id=' not in lxml_html.tostring(first)


def test_no_other_paragraph_takes_a_pinned_id():
    """A paragraph whose own words now make the pinned id gets a suffix: the shared links stay with the
    paragraph they were made for."""
    ids = paragraphs.paragraph_ids(["Alpha beta.", "Gamma.", "Alpha beta."], pinned=[None, "alpha-beta", None])
    assert ids == ["alpha-beta-2", "alpha-beta", "alpha-beta-3"]
    assert paragraphs.paragraph_ids(["One.", "Two."], pinned=[None, "kept-id"]) == ["one", "kept-id"]


def test_link_paragraphs_keeps_a_pinned_paragraphs_own_tag():
    linked, _ = paragraphs.link_paragraphs(
        '<p id="kept-id">New words.</p>\n<p>Other.</p>', "Standfirst.", "Link to paragraph {}".format
    )
    assert linked == (
        '<p id="kept-id">New words.<a class="oc-permalink" href="#kept-id" aria-label="Link to paragraph 2" '
        'title="Link to paragraph 2"></a></p>\n<p id="other">Other.<a class="oc-permalink" href="#other" '
        'aria-label="Link to paragraph 3" title="Link to paragraph 3"></a></p>'
    )


# --- bad corrections ---------------------------------------------------------------------------------------------


def renderer() -> Markdown:
    """Markdown as the build renders it: MkDocs' default extensions and attr_list, which the hooks add."""
    return Markdown(extensions=["toc", "tables", "fenced_code", "attr_list"])


def markdown(text: str) -> str:
    return renderer().convert(text)


def typed_html(text: str) -> str:
    """The HTML typed into Markdown, as the build reads it (raw_html.typed_html)."""
    return raw_html.typed_html(renderer(), text)


def front_matter(lines: str) -> data.Located:
    """A front matter with every required field, then `lines`; the first of `lines` is line 10."""
    required = (
        "template: column.html\ntitle: T\ncolumn: C\nauthor: a\ndescription: D\n"
        "original_url: https://a.example/\noriginal_publisher: P\ndisclaimer: X\n"
    )
    return data.split_front_matter(f"---\n{required}{lines}---\nBody.\n", "docs/index.md")


def refusal(lines: str) -> str:
    doc = front_matter(lines)
    with pytest.raises(data.InputError) as error:
        meta = data.check_front_matter(doc, {"a": {}})
        pages.correction_texts(doc, meta, markdown, typed_html)
    return str(error.value)


EXPECTED_LIST = "a list of corrections, oldest first, each with 'date' and 'text' (leave the field out if none)"
SENTENCE = "a sentence of Markdown text (emphasis, links to http(s), mailto: or a # on the page, inline code)"


@pytest.mark.parametrize(
    "lines, message",
    [
        ("corrections: []\n", f", line 10: field 'corrections': expected {EXPECTED_LIST}, got a list ([])."),
        ("corrections:\n", f", line 10: field 'corrections': expected {EXPECTED_LIST}, got nothing."),
        (
            "corrections: Fixed a typo.\n",
            f", line 10: field 'corrections': expected {EXPECTED_LIST}, got 'Fixed a typo.'.",
        ),
        (
            "corrections:\n  - 2016-03-30\n",
            ", line 11: the first correction: expected a mapping of a correction, got '2016-03-30'.",
        ),
        (
            "corrections:\n  - date: 2016-03-30\n",
            ": field 'text' of the first correction: expected a non-empty string; it is required for a correction "
            "and missing.",
        ),
        (
            "corrections:\n  - date: 2016-03-30\n    text: T.\n    by: E\n",
            ", line 13: field 'by' of the first correction: expected one of the known fields of a correction: date, "
            "text.",
        ),
        (
            "corrections:\n  - date: 30 March 2016\n    text: T.\n",
            ", line 11: field 'date' of the first correction: expected an ISO 8601 date",
        ),
        (
            "corrections:\n  - date: 2016-03-30\n    text: |\n      Two\n      lines.\n",
            ", line 12: field 'text' of the first correction: expected a non-empty string without control characters",
        ),
        (
            "date: 2016-03-28\ncorrections:\n  - date: 2016-03-27\n    text: T.\n",
            ", line 12: field 'date' of the first correction: expected a date not before 'date' (2016-03-28), got "
            "'2016-03-27'.",
        ),
        (
            "corrections:\n  - date: 2016-03-30\n    text: T.\n  - date: 2016-03-29\n    text: U.\n",
            ", line 13: field 'date' of the second correction: expected a date not before the correction above it "
            "(2016-03-30): oldest first, got '2016-03-29'.",
        ),
        (
            "date: 2016-03-28\nupdated: 2016-03-29\ncorrections:\n  - date: 2016-03-30\n    text: T.\n",
            ", line 11: field 'updated': expected a date not before the last correction's (2016-03-30), which changed "
            "the column (or no 'updated': the last correction's date is then the page's), got '2016-03-29'.",
        ),
        (
            "corrections:\n  - date: 2016-03-30\n    text: '- a list'\n",
            f", line 12: field 'text' of the first correction: expected {SENTENCE}, got a list (<ul>).",
        ),
        (
            "corrections:\n  - date: 2016-03-30\n    text: 'See <span>this</span>.'\n",
            f", line 12: field 'text' of the first correction: expected {SENTENCE}, got raw HTML (<span>).",
        ),
        (
            "corrections:\n  - date: 2016-03-30\n    text: '[x](javascript:alert(1))'\n",
            f", line 12: field 'text' of the first correction: expected {SENTENCE}, got a link to "
            "'javascript:alert(1)' (it must start with http:, https: or mailto:).",
        ),
        (
            "corrections:\n  - date: 2016-03-30\n    text: '> quoted'\n",
            f", line 12: field 'text' of the first correction: expected {SENTENCE}, got a block quote (<blockquote>).",
        ),
        (
            "corrections:\n  - date: 2016-03-30\n    text: '## A heading'\n",
            f", line 12: field 'text' of the first correction: expected {SENTENCE}, got a heading "
            '(<h2 id="a-heading">).',
        ),
        (
            'corrections:\n  - date: 2016-03-30\n    text: "Pinned.\\n{#x}"\n',
            ", line 12: field 'text' of the first correction: expected a non-empty string without control characters",
        ),
        (
            "corrections:\n  - date: 2016-03-30\n    text: '![x](https://tracker.example/p.gif)'\n",
            f", line 12: field 'text' of the first correction: expected {SENTENCE}, got an image (<img",
        ),
    ],
)
def test_a_bad_correction_stops_with_file_line_and_field(lines, message):
    assert refusal(lines).startswith(f"docs/index.md{message}")


def test_corrections_need_no_date_and_updated_may_be_later():
    doc = front_matter("corrections:\n  - date: 2016-03-30\n    text: T.\n")
    meta = data.check_front_matter(doc, {"a": {}})
    assert render.modified_date(meta) == "2016-03-30" and render.last_modified(meta) == "2016-03-30"
    later = front_matter("date: 2016-03-28\nupdated: 2016-04-05\ncorrections:\n  - date: 2016-03-30\n    text: T.\n")
    assert render.modified_date(data.check_front_matter(later, {"a": {}})) == "2016-04-05"
    # The same day as the correction, at any time of it, is not before it.
    same = front_matter(
        "date: 2016-03-28\nupdated: 2016-03-30T08:00:00Z\ncorrections:\n  - date: 2016-03-30\n    text: T.\n"
    )
    assert render.modified_date(data.check_front_matter(same, {"a": {}})) == "2016-03-30T08:00:00Z"


def test_a_corrections_link_to_nothing_on_the_page_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    index = project / "docs" / "index.md"
    add_front_matter(index, {"corrections": '\n  - date: 2016-03-30\n    text: "See [the fourth](#the-fourth)."\n'})
    line = index.read_text(encoding="utf-8").split("\n").index('    text: "See [the fourth](#the-fourth)."') + 1
    result = build(project, tmp_path / "site")
    assert result.returncode == 1 and not (tmp_path / "site" / "index.html").exists()
    assert (
        f"ERROR   -  docs/index.md, line {line}: field 'text' of the first correction: expected a '#' link to a place "
        "on the page (such as a paragraph: its link, beside it, shows its id), got a link to '#the-fourth', which no "
        "element has.\n"
    ) in result.stderr


# --- bad pinned ids ---------------------------------------------------------------------------------------------

PIN_EXPECTED = (
    "a paragraph's id pinned by '{#id}' on a line of its own at the paragraph's end, the id being lower-case "
    "words of letters and digits joined by '-', as the paragraph's link shows it"
)


def page(body_text: str) -> str:
    """A page with a three-line front matter: the body's first line is line 5."""
    return "---\ntitle: x\n---\n\n" + body_text


@pytest.mark.parametrize(
    "text, line, found",
    [
        ("One.\n\nTwo.\n{#Two_Words}\n", 8, "'{#Two_Words}'"),
        ("One.\n{#}\n", 6, "'{#}'"),
        ('One.\n{#a"b}\n', 6, "'{#a\"b}'"),
        ("One.\n{#trailing-}\n", 6, "'{#trailing-}'"),
        ("One.\n{#oc-author}\n", 6, "'{#oc-author}', an id the page's template gives its own element"),
        ("One.\n{#kept}\n\nTwo.\n{#kept}\n", 9, "'{#kept}' a second time (two paragraphs cannot share an id)"),
        ("One.\n{: #kept }\n\nTwo.\n{: id=kept }\n", 9, "'{#kept}' a second time (two paragraphs cannot share an id)"),
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
    with pytest.raises(data.InputError) as error:
        body.check_body(source, "docs/index.md", markdown)
        body.check_pinned_ids(source, "docs/index.md", markdown, markdown(text), ("oc-column", "oc-author"))
    assert str(error.value) == f"docs/index.md, line {line}: the column's body: expected {PIN_EXPECTED}, got {found}."


@pytest.mark.parametrize(
    "text",
    [
        "One.\n{#the-liberation-of-palmyra-is-compelling}\n",
        "One.\n{#over-2000-targets-were-struck-including-2}\n",
        "Один.\n{#освобождение-пальмиры-знак}\n",
        "One.\n\nTwo, with {#braces} inside.\n",
    ],
)
def test_a_good_pinned_id_passes(text):
    body.check_body(page(text), "docs/index.md", markdown)
    body.check_pinned_ids(page(text), "docs/index.md", markdown, markdown(text), ("oc-column",))


@pytest.mark.parametrize(
    "text, found",
    [
        ("*One*{#x}.\n", "raw HTML, an attribute 'id' (<em id=\"x\">)"),
        ("One.\n{.lead}\n", "raw HTML, an attribute 'class' (<p class=\"lead\">)"),
        ("One.\n{#x onclick=alert(1)}\n", 'raw HTML, an attribute \'onclick\' (<p id="x" onclick="alert(1)">)'),
    ],
)
def test_attribute_lists_give_paragraphs_an_id_and_nothing_else(text, found):
    with pytest.raises(data.InputError) as error:
        body.check_body(page(text), "docs/index.md", markdown)
    assert str(error.value).endswith(f", got {found}.")


def test_a_bad_pinned_id_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    index = project / "docs" / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.rstrip("\n") + "\n{#oc-column}\n", encoding="utf-8")
    line = len(index.read_text(encoding="utf-8").split("\n")) - 1
    result = build(project, tmp_path / "site")
    assert result.returncode == 1 and not (tmp_path / "site" / "index.html").exists()
    assert (
        f"ERROR   -  docs/index.md, line {line}: the column's body: expected {PIN_EXPECTED}, got '{{#oc-column}}', "
        "an id the page's template gives its own element.\n"
    ) in result.stderr
