"""Broken input stops the build with an error naming the file, the line, the field and what is expected,
and never publishes a page (issues 2 and 4)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from support import build


def edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / name
    source = path.read_text(encoding="utf-8")
    assert re.search(old, source, flags=re.M), f"{old!r} not in {name}"
    path.write_text(re.sub(old, new, source, count=1, flags=re.M), encoding="utf-8")


# (file, pattern, replacement, fragments the error must contain)
CASES = {
    "missing headline": ("docs/index.md", r"^title: .*\n", "", ["docs/index.md", "field 'title'", "required"]),
    "mistyped field": (
        "docs/index.md",
        r"^title:",
        "titel:",
        ["docs/index.md, line 4", "field 'titel'", "did you mean 'title'"],
    ),
    "headline written twice": (
        "docs/index.md",
        r"^title: .*\n",
        "\\g<0>title: Another headline\n",
        ["docs/index.md, line 5", "field 'title'", "second time", "first on line 4"],
    ),
    "empty headline": (
        "docs/index.md",
        r"^title: .*$",
        'title: ""',
        ["docs/index.md, line 4", "field 'title'", "a non-empty string", "an empty string"],
    ),
    "list for a string": (
        "docs/index.md",
        r"^column: .*$",
        "column: [a, b]",
        ["docs/index.md, line 5", "field 'column'", "a non-empty string", "list"],
    ),
    "malformed front matter": (
        "docs/index.md",
        r"^title: .*$",
        'title: "unclosed',
        ["docs/index.md, line", "not valid YAML"],
    ),
    "no front matter": ("docs/index.md", r"\A---\n(.*\n)*?---\n", "", ["docs/index.md, line 1", "front matter"]),
    "unknown author": (
        "docs/index.md",
        r"^author: .*$",
        "author: nobody",
        ["docs/index.md, line 6", "field 'author'", "data/authors.yml", "'nobody'"],
    ),
    "missing author key": ("docs/index.md", r"^author: .*\n", "", ["docs/index.md", "field 'author'", "required"]),
    "javascript original url": (
        "docs/index.md",
        r"^original_url: .*$",
        "original_url: javascript:alert(1)",
        ["docs/index.md, line 8", "field 'original_url'", "http(s) URL"],
    ),
    "markup in the original url": (
        "docs/index.md",
        r"^original_url: .*$",
        "original_url: 'https://www.rt.com/x\"><svg onload=alert(1)>'",
        ["docs/index.md, line 8", "field 'original_url'", "the character '\"' at position 21", "%22"],
    ),
    "missing disclaimer": (
        "docs/index.md",
        r"^disclaimer: .*\n",
        "",
        ["docs/index.md", "field 'disclaimer'", "required"],
    ),
    "author without entry": (
        "data/authors.yml",
        r"^yakovenko:",
        "someone-else:",
        ["docs/index.md", "field 'author'", "'yakovenko'"],
    ),
    "author name missing": (
        "data/authors.yml",
        r"^  name: .*\n",
        "",
        ["data/authors.yml", "field 'yakovenko.name'", "required"],
    ),
    "javascript profile url": (
        "data/authors.yml",
        r"^    url: .*$",
        "    url: javascript:alert(1)",
        ["data/authors.yml, line 11", "field 'yakovenko.profile.url'", "http(s) URL"],
    ),
    "markup in the profile url": (
        "data/authors.yml",
        r"^    url: .*$",
        "    url: https://x.com/<script>",
        ["data/authors.yml, line 11", "field 'yakovenko.profile.url'", "the character '<'", "%3C"],
    ),
    "malformed data yaml": (
        "data/networks.yml",
        r"^- icon: fb$",
        "- icon: [fb",
        ["data/networks.yml, line", "not valid YAML"],
    ),
    "unknown network icon": (
        "data/networks.yml",
        r"^- icon: vk$",
        "- icon: vkontakte",
        [
            "data/networks.yml, line 10",
            "field 'icon' of the second share network",
            "an icon key of data/icons.yml",
            "'vkontakte'",
        ],
    ),
    "network without url": (
        "data/networks.yml",
        r"^  url: https://vk.com.*\n",
        "",
        ["data/networks.yml", "field 'url' of the second share network", "required"],
    ),
    "url template without {url}": (
        "data/networks.yml",
        r"\?u=\{url\}",
        "?u=",
        ["data/networks.yml, line 9", "field 'url' of the first share network", "{url} placeholder"],
    ),
    "javascript share url": (
        "data/networks.yml",
        r"https://www.facebook.com/sharer/sharer.php",
        "javascript:alert",
        ["field 'url' of the first share network", "https: or mailto:"],
    ),
    "quote url without {text}": (
        "data/networks.yml",
        r"tweet\?text=\{text\}&",
        "tweet?",
        ["data/networks.yml, line 20", "field 'quote_url' of the third share network", "{url} and {text} placeholders"],
    ),
    "quote url with an unknown placeholder": (
        "data/networks.yml",
        r"tweet\?text=\{text\}",
        "tweet?text={text}&via={via}",
        ["data/networks.yml, line 20", "field 'quote_url' of the third share network", "{url} and {text} placeholders"],
    ),
    "javascript quote url": (
        "data/networks.yml",
        r"^  quote_url: https://t\.me/",
        "  quote_url: javascript://t.me/",
        ["data/networks.yml, line 24", "field 'quote_url' of the fourth share network", "https: or mailto:"],
    ),
    "quote in a share url": (
        "data/networks.yml",
        r"\?u=\{url\}",
        '?u={url}"onmouseover="alert(1)',
        ["data/networks.yml, line 9", "field 'url' of the first share network", "the character '\"'"],
    ),
    "unknown field in a network": (
        "data/networks.yml",
        r"^  name: Facebook$",
        "  nmae: Facebook",
        ["data/networks.yml, line 8", "field 'nmae' of the first share network", "did you mean 'name'"],
    ),
    "icon that the theme lacks": (
        "data/icons.yml",
        r"^fb: .*$",
        "fb: fontawesome/brands/facebok",
        ["data/icons.yml, line 5", "field 'fb'", "Material's bundled icon sets", "facebok"],
    ),
    "icon key a template needs": (
        "data/icons.yml",
        r"^link: .*\n",
        "",
        ["data/icons.yml", "field 'link'", "templates use this key"],
    ),
    "another template": (
        "docs/index.md",
        r"^template: .*$",
        "template: main.html",
        ["docs/index.md, line 3", "field 'template'", "'column.html'", "'main.html'"],
    ),
    "raw HTML in the body": (
        "docs/index.md",
        r"^Russia has",
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">\n\nRussia has',
        ["docs/index.md, line 15", "the column's body", "raw HTML", "<meta http-equiv"],
    ),
    "javascript link in the body": (
        "docs/index.md",
        r"^Russia has",
        "[Read more](javascript:alert(1))\n\nRussia has",
        ["docs/index.md, line 15", "the column's body", "a link to 'javascript:alert(1)'"],
    ),
    "image in the body": (
        "docs/index.md",
        r"^Russia has",
        "![](https://tracker.example/p.gif)\n\nRussia has",
        ["docs/index.md, line 15", "the column's body", "an image", "https://tracker.example/p.gif"],
    ),
    "a table": (
        "docs/index.md",
        r"^Russia has",
        "| a | b |\n|---|---|\n| 1 | 2 |\n\nRussia has",
        # The line is found by rendering as the build does, with MkDocs' own extensions (tables among them).
        ["docs/index.md, line 16", "the column's body", "a table (<table>)"],
    ),
    "a # link to nothing on the page": (
        "docs/index.md",
        r"^Russia has",
        "See [there](#nowhere).\n\nRussia has",
        ["docs/index.md, line 15", "the column's body", "'#nowhere'", "no element has"],
    ),
    "missing site_url": ("mkdocs.yml", r"^site_url: .*\n", "", ["mkdocs.yml", "field 'site_url'", "http(s) URL"]),
    "missing publisher": (
        "mkdocs.yml",
        r"^  publisher:\n    name: .*\n",
        "  generator: false\n",  # extra stays a mapping, without the publisher
        ["mkdocs.yml: field 'extra.publisher': expected a mapping (see the comments in mkdocs.yml)."],
    ),
    "publisher without a name": (
        "mkdocs.yml",
        r"^  publisher:\n    name: .*\n",
        "  publisher: {}\n",
        ["mkdocs.yml: field 'extra.publisher.name'", "it is required for the site's publisher"],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_stops_the_build_with_a_clear_error(project, tmp_path, case):
    name, old, new, fragments = CASES[case]
    edit(project, name, old, new)
    site_dir = tmp_path / "out"
    result = build(project, site_dir, site_url=None if name == "mkdocs.yml" else "https://columns.example/")
    assert result.returncode != 0, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors, result.stderr
    message = errors[-1]  # MkDocs may say first which page it was reading
    # First the file, by its path in the project as the publisher knows it (not where the build ran).
    assert re.match(r"ERROR +- +(docs/|data/|mkdocs\.yml)", message), message
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    assert "Traceback" not in result.stderr
    assert not (site_dir / "index.html").exists(), "no page is published from bad input"


def test_a_page_outside_the_project_or_with_a_byte_order_mark_is_read_as_mkdocs_reads_it(project, tmp_path):
    # docs_dir may lie outside the project (MkDocs finds it from mkdocs.yml), and an editor may save a page with
    # a byte-order mark (MkDocs drops it): an error still finds the line, and names the page by its whole path.
    pages = tmp_path / "pages"
    shutil.move(project / "docs", pages)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "docs_dir: ../pages\n", encoding="utf-8")
    page = pages / "index.md"
    text = page.read_text(encoding="utf-8")
    assert text.endswith("\n")
    page.write_text("\ufeff" + text + "\n<div>raw</div>\n", encoding="utf-8")  # after a blank line
    result = build(project, tmp_path / "out")
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    message = [line for line in result.stderr.splitlines() if line.startswith("ERROR")][-1]
    line = text.count("\n") + 2
    assert re.match(r"ERROR +- +(.*)", message)[1].startswith(f"{page}, line {line}: the column's body"), message


@pytest.mark.parametrize("value", ["", "ftp://columns.example/", "//columns.example/", 'https://columns.example/"><x>'])
def test_site_url_must_be_absolute_http(project, tmp_path, value):
    result = build(project, tmp_path / "out", site_url=value)
    assert result.returncode != 0
    assert "site_url" in result.stderr


def test_site_url_from_the_environment_wins(page):
    # The session build sets SITE_URL (see conftest); mkdocs.yml holds another address.
    (canonical,) = page.xpath("//link[@rel='canonical']/@href")
    assert canonical == "https://columns.example/ambassadors-view/"
