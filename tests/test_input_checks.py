"""Inputs are checked where they are used (issue 10): URL fields take only well-formed absolute http(s) URLs
that need no escaping in HTML; the body may hold only what the README's Content section lists, judged on
what Markdown renders; and every required field of the front matter and the data files is required.
The checks are called directly here (fast); tests/test_bad_input.py builds with a few of the same inputs
to show the error reaches the reader."""

from __future__ import annotations

import copy

import pytest
from markdown import Markdown
from mkdocs.utils.yaml import yaml_load

from column import body, data, settings
from support import COLUMNS

# --- URL fields -------------------------------------------------------------------------------------------

GOOD_URLS = [
    "https://www.rt.com/op-ed/338799-liberation-palmyra-defeat-isis-russia/",
    "https://x.com/Amb_Yakovenko",
    "http://a.example",
    "HTTPS://A.EXAMPLE/Path?q=1&r=2#top",
    "https://a.example:8443/p;x=1/(a)*!$,+=~@:",
    "https://a.example/%D0%9F%20x",
    "https://[2001:db8::1]/x",
    "http://127.0.0.1:8000/",
    "https://my_blog.example/",
]


@pytest.mark.parametrize("value", GOOD_URLS)
def test_well_formed_http_urls_are_accepted(value):
    assert data.url_problem(value) is None


# (value, what the error must say): one case for each way a URL field can go wrong.
BAD_URLS = {
    "double quote": (
        'https://a.example/x"><svg onload=alert(1)>',
        "'\"' at position 20 must be percent-encoded, as %22",
    ),
    "less-than": ("https://a.example/<script>", "'<' at position 19 must be percent-encoded, as %3C"),
    "greater-than": ("https://a.example/a>b", "'>' at position 20 must be percent-encoded, as %3E"),
    "apostrophe": ("https://a.example/it's", '"\'" at position 21 must be percent-encoded, as %27'),
    "backslash": ("https://a.example\\@evil.example/", "'\\\\' at position 18 must be percent-encoded, as %5C"),
    "space": ("https://a.example/a b", "' ' at position 20 must be percent-encoded, as %20"),
    "tab": ("https://a.example/\tx", "'\\t' at position 19"),
    "newline": ("https://a.example/\nx", "'\\n' at position 19"),
    "nul": ("https://a.example/\x00", "'\\x00' at position 19"),
    "delete": ("https://a.example/\x7f", "'\\x7f' at position 19"),
    "backtick": ("https://a.example/`x`", "'`' at position 19"),
    "non-ASCII": ("https://a.example/Пальмира", "'П' at position 19 must be percent-encoded, as %D0%9F"),
    "bidi override": ("https://a.example/\u202etxt.exe", "'\\u202e' at position 19"),
    "broken escape": ("https://a.example/%zz", "'%' at position 19 must start an escape of two hex digits"),
    "short escape": ("https://a.example/%2", "'%' at position 19 must start an escape"),
    "javascript": ("javascript:alert(1)", "must start with http: or https:"),
    "data": ("data:text/html,<b>x</b>", "'<' at position 16"),
    "data, no markup": ("data:text/html,x", "must start with http: or https:"),
    "no scheme": ("//a.example/", "must start with http: or https:"),
    "ftp": ("ftp://a.example/", "must start with http: or https:"),
    "mailto": ("mailto:a@b.example", "must start with http: or https:"),
    "no host": ("https://", "needs a host name"),
    "path only": ("https:/a.example", "needs a host name"),
    "bad host": ("https://a..example/", "'a..example' is not a host name"),
    "host with a dash at the end": ("https://a-.example/", "is not a host name"),
    "user and password": ("https://www.rt.com@evil.example/", "must not carry a user name or password"),
    "bad port": ("https://a.example:99999/", "not a well-formed URL"),
    "unclosed IPv6": ("https://[::1/", "not a well-formed URL"),
    "bracket in the path": ("https://a.example/[x]", "'[' and ']' may only enclose an IPv6 address"),
    "two fragments": ("https://a.example/#a#b", "more than one '#'"),
}


@pytest.mark.parametrize("case", BAD_URLS)
def test_malformed_or_unsafe_urls_are_refused_with_the_reason(case):
    value, reason = BAD_URLS[case]
    problem = data.url_problem(value)
    assert problem is not None and reason in problem, problem


@pytest.mark.parametrize("case", ["double quote", "apostrophe", "user and password", "javascript"])
def test_a_url_field_names_file_line_field_and_reason(case):
    value, reason = BAD_URLS[case]
    doc = data.Located({"original_url": value}, {"original_url": 8}, "docs/index.md")
    with pytest.raises(data.InputError) as error:
        data.check_value(doc, "original_url", value, data.URL)
    message = str(error.value)
    assert message.startswith("docs/index.md, line 8: field 'original_url': expected an absolute http(s) URL, got ")
    assert repr(value) in message and reason in message


@pytest.mark.parametrize(
    "template, reason",
    [
        ("https://a.example/share?u={url}&t={title}", None),
        ("mailto:?subject={title}&body={url}", None),
        ('https://a.example/share?u={url}"onclick="x', "'\"' at position"),
        ("https://a.example/share?u={url}&t=<{title}>", "'<' at position"),
        ("https://a.example/share?u={url}&t='{title}'", '"\'" at position'),
        ("javascript:alert({url})", "must start with https: or mailto:"),
        ("http://a.example/share?u={url}", "must start with https: or mailto:"),
        ("https:///share?u={url}", "needs a host name"),
    ],
)
def test_share_url_templates_are_checked_as_urls(template, reason):
    doc = data.Located([], {"0.url": 9}, "data/networks.yml")
    if reason is None:
        data.check_url_template(doc, "0.url", template)
        return
    with pytest.raises(
        data.InputError, match=r"^data/networks\.yml, line 9: field 'url' of the first share network"
    ) as error:
        data.check_url_template(doc, "0.url", template)
    assert reason in str(error.value)


@pytest.mark.parametrize("value", ['https://a.example/"', "https://user@a.example/", "javascript:alert(1)"])
def test_the_site_url_is_checked_as_a_url_field(value):
    with pytest.raises(data.InputError, match=r"^mkdocs\.yml: field 'site_url'"):
        data.check_site_url(value, "mkdocs.yml")


# --- the body ---------------------------------------------------------------------------------------------


def render(text: str) -> str:
    """Markdown with MkDocs' own default extensions and attr_list (for a paragraph's pinned id), as this
    project's build has them (mkdocs.yml adds none; the hooks add attr_list)."""
    return Markdown(extensions=["toc", "tables", "fenced_code", "attr_list"]).convert(text)


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
}


@pytest.mark.parametrize("case", ALLOWED_BODIES)
def test_allowed_markdown_passes(case):
    body.check_body(page(ALLOWED_BODIES[case]), "p.md", render)


def test_inline_code_with_markup_stays_text():
    html = render("Use `<div>` here.")
    assert html == "<p>Use <code>&lt;div&gt;</code> here.</p>"
    assert body.refused(html) == []


# (body, line, what the error must say it found)
REFUSED_BODIES = {
    "raw block HTML": ("One.\n\n<div>raw</div>\n", 7, "raw HTML (<div>)"),
    "raw inline HTML": ("One <span>two</span>.\n", 5, "raw HTML (<span>)"),
    "refresh": ('Text.\n\n<meta http-equiv="refresh" content="0;url=https://evil.example/">\n', 7, "<meta http-equiv"),
    "script": ("One.\n\nTwo <script>alert(1)</script>\n", 7, "a script (<script>)"),
    "style": ("<style>body{display:none}</style>\n", 5, "a stylesheet (<style>)"),
    "iframe": ('<iframe src="https://evil.example/"></iframe>\n', 5, "an embedded page"),
    "svg": ('<svg onload="alert(1)"></svg>\n', 5, "an image (<svg onload"),
    "event handler on an allowed element": (
        '<a href="https://a.example/" onclick="x()">y</a>\n',
        5,
        "attribute 'onclick'",
    ),
    "style attribute": ('<p style="color:red">x</p>\n', 5, "attribute 'style'"),
    "comment": ("One.\n\n<!-- hidden -->\n", 7, "a comment (<!-- hidden -->)"),
    "image": ("One.\n\nTwo.\n\n![](https://tracker.example/p.gif)\n", 9, "an image (<img"),
    "image by reference": ("![x][p]\n\n[p]: https://tracker.example/p.gif\n", 7, "an image"),
    "javascript link": ("One.\n\n[x](javascript:alert(1))\n", 7, "a link to 'javascript:alert(1)'"),
    "javascript link, upper case": ("[x](JavaScript:alert(1))\n", 5, "a link to 'JavaScript:alert(1)'"),
    "javascript link, character references": ("[x](jav&#x61;script:alert(1))\n", 5, "a link to 'javascript:alert(1)'"),
    "javascript link, tab": ("[x](java\tscript:alert(1))\n", 5, "a link to 'java"),
    "javascript link by reference": (
        "[x][r]\n\nMore.\n\n[r]: javascript:alert(2)\n",
        9,
        "a link to 'javascript:alert(2)'",
    ),
    "javascript autolink in raw HTML": ('<a href="javascript:alert(1)">x</a>\n', 5, "a link to 'javascript:alert(1)'"),
    "data link": ("[x](data:text/html,hi)\n", 5, "a link to 'data:text/html,hi'"),
    "vbscript link": ("[x](vbscript:msgbox)\n", 5, "a link to 'vbscript:msgbox'"),
    "relative link": ("[x](other.md)\n", 5, "a link to 'other.md'"),
    "link with a quote": ("[x](https://a.example/&quot;)\n", 5, "a link to 'https://a.example/\"'"),
    "empty fragment": ("[x](#)\n", 5, "a link to '#'"),
    "heading": ("One.\n\n## Two\n", 7, "a heading (<h2"),
    "underlined heading": ("One.\n\nTwo\n---\n", 8, "a heading (<h2"),
    "rule": ("One.\n\n***\n", 7, "a horizontal rule"),
    "indented code block": ("One.\n\n    code\n", 7, "a code block (<pre>)"),
    "fenced code block": ("One.\n\n```\ncode\n```\n", 9, "a code block (<pre>)"),
    "table": ("| a | b |\n|---|---|\n| 1 | 2 |\n", 6, "a table (<table>)"),
    "processing instruction": ("<?php echo 1; ?>\n", 5, "raw HTML (<?php"),
}


@pytest.mark.parametrize("case", REFUSED_BODIES)
def test_anything_else_stops_with_file_line_and_what_was_found(case):
    text, line, found = REFUSED_BODIES[case]
    with pytest.raises(data.InputError) as error:
        body.check_body(page(text), "docs/index.md", render)
    message = str(error.value)
    assert message.startswith(f"docs/index.md, line {line}: the column's body: expected Markdown text"), message
    assert found in message, message


LONG_TAG = '<span title="' + "x" * 100 + '">'
BODY_EXPECTED = (
    "expected Markdown text (paragraphs, emphasis, links to http(s), mailto: or a # on the page, lists, block "
    "quotes, inline code)"
)


LONG_LINK = "https://a.example/" + "y" * 90 + '"'


@pytest.mark.parametrize(
    "text, line, found",
    [
        (f"One.\n\n{LONG_TAG}a</span>\n", 7, f"raw HTML ({LONG_TAG[:80]}…)"),
        ('<span title="' + "x" * 65 + '">a</span>\n', 5, '<span title="' + "x" * 65 + '">'),  # 80: whole
        ("One.\n\n<!DOCTYPE html>\n", 7, "raw HTML (<!DOCTYPE html>)"),
        ("<![CDATA[x]]>\n", 5, "raw HTML (<![CDATA[x]]>)"),
        (
            f"[x]({LONG_LINK})\n",
            5,
            f"a link to {LONG_LINK[:80] + '…'!r} (the character '\"' at position 109 must be percent-encoded, as %22)",
        ),
        ("[x](#)\n", 5, "a link to '#' (an empty or malformed '#' link)"),
        ("[x](#a#b)\n", 5, "a link to '#a#b' (an empty or malformed '#' link)"),
        ("<a href>x</a>\n", 5, "a link to '' (it must start with http:, https: or mailto:)"),
    ],
)
def test_what_was_found_is_said_whole_up_to_80_characters(text, line, found):
    with pytest.raises(data.InputError) as error:
        body.check_body(page(text), "docs/index.md", render)
    found = found if found.startswith(("raw HTML", "a link")) else f"raw HTML ({found})"
    assert str(error.value) == f"docs/index.md, line {line}: the column's body: {BODY_EXPECTED}, got {found}."


def test_what_the_build_rendered_is_what_is_checked():
    # The build passes the HTML it rendered: something only that HTML holds is refused, even when the
    # Markdown alone would pass, and said without a line.
    with pytest.raises(data.InputError, match=r"^p\.md: the column's body: .*got a script"):
        body.check_body(page("Text.\n"), "p.md", render, html="<p>Text.</p><script>x()</script>")


# --- required fields --------------------------------------------------------------------------------------

# What the README says is required: every front-matter field but the dates, and every field of an author, a
# profile, a share network (but `label` and `quote_url`) and the site's `extra` publisher. Written out, not
# read from the schemas in hooks/column/data.py.
# How an error names a share network's field: the network counted from 1 (the first is item 0 of the list).
FIELD_NAMES = {
    f"{index}.{key}": f"field '{key}' of the {place} share network"
    for index, place in ((0, "first"), (6, "seventh"))
    for key in ("icon", "name", "url")
}
REQUIRED = {
    "docs/index.md": [
        "template",
        "title",
        "column",
        "author",
        "description",
        "original_url",
        "original_publisher",
        "disclaimer",
    ],
    "data/authors.yml": [
        "yakovenko.name",
        "yakovenko.roles",
        "yakovenko.profile",
        "yakovenko.profile.network",
        "yakovenko.profile.icon",
        "yakovenko.profile.follow",
        "yakovenko.profile.handle",
        "yakovenko.profile.url",
    ],
    "data/networks.yml": ["0.icon", "0.name", "0.url", "6.icon", "6.name", "6.url"],
    "mkdocs.yml": ["extra.publisher", "extra.publisher.name"],
}


def without(value, path: str):
    """A deep copy of `value` with the field at a dotted path ("yakovenko.profile.url", "0.icon") removed."""
    value = copy.deepcopy(value)
    *parents, last = path.split(".")
    node = value
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    del node[last]
    return value


def read(name: str) -> data.Located:
    text = (COLUMNS / name).read_text(encoding="utf-8")
    return data.split_front_matter(text, name) if name.endswith(".md") else data.load_yaml(text, name)


def checker(name: str):
    """check(doc) for one input file, the way the build checks it."""
    icons = read("data/icons.yml").value
    authors = read("data/authors.yml").value
    if name == "docs/index.md":
        return lambda doc: data.check_front_matter(doc, authors)
    if name == "data/authors.yml":
        return lambda doc: data.check_authors(doc, icons)
    if name == "data/networks.yml":
        return lambda doc: data.check_networks(doc, icons)
    return lambda doc: settings.check_extra(doc.value["extra"])


def mkdocs_yml() -> data.Located:
    return data.Located(yaml_load((COLUMNS / "mkdocs.yml").read_text(encoding="utf-8")), {}, "mkdocs.yml")


@pytest.mark.parametrize("name, field", [(name, field) for name, fields in REQUIRED.items() for field in fields])
def test_every_required_field_is_required(name, field):
    doc = mkdocs_yml() if name == "mkdocs.yml" else read(name)
    check = checker(name)
    check(doc)  # as it is, the file passes
    changed = data.Located(without(doc.value, field), doc.lines, doc.file)
    with pytest.raises(data.InputError) as error:
        check(changed)
    message = str(error.value)
    assert message.startswith(f"{name}") and FIELD_NAMES.get(field, f"field '{field}'") in message, message
    assert "required" in message or "see the comments in mkdocs.yml" in message, message


def test_a_network_label_is_optional():
    doc = read("data/networks.yml")
    data.check_networks(data.Located(without(doc.value, "6.label"), doc.lines, doc.file), read("data/icons.yml").value)


# --- '#' links, on the finished page ------------------------------------------------------------------

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
    with pytest.raises(data.InputError) as error:
        body.check_fragments(source, "docs/index.md", body_html, FINISHED)
    assert str(error.value) == (
        f"{where}: the column's body: expected a '#' link to a place on the page (such as a paragraph: its link, "
        f"beside it, shows its id), got a link to {target!r}, which no element has."
    )


def test_a_body_without_front_matter_counts_lines_from_the_first():
    with pytest.raises(data.InputError) as error:
        body.check_body("<div>x</div>\n", "docs/x.md", render)
    assert str(error.value) == f"docs/x.md, line 1: the column's body: {BODY_EXPECTED}, got raw HTML (<div>)."
