"""What reader views and article extractors make of the column: Mozilla's Readability (Firefox's
Reader View; npm, tests/readability/), trafilatura and newspaper4k (what archives, read-later apps and
summarisers use), each on the built page. Each must get the headline, the author's name alone, the column's
words in order from the standfirst to the disclaimer with nothing of the page's controls among them, and
the publication date when the front matter sets one."""

from __future__ import annotations

import json
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
from lxml import html as lxml_html

from build_harness import ROOT, missing_tool, network_cut
from suite_columns import SITE_URL

READER_VIEW = ROOT / "tests" / "readability" / "reader_view.js"
READABILITY = ROOT / "tests" / "readability" / "node_modules" / "@mozilla" / "readability"
# Where the column was first published, as the page credits it: the publisher's name (source/README.md).
CREDIT = "First published by RT"
# The `date` of the suite's second column (tests/columns/docs/second.md), which also sets `updated`.
DATE = "2016-04-04"
# Words of the page's controls, none of which is the column's: the share bar's heading and address line,
# the copy and share buttons, the passage toolbar's labels, the paragraph marks.
CONTROLS = ("Share this column", "Link:", "Copy link", "Share…", "Share the passage", "Link to paragraph", "¶")


def readability(page: Path) -> dict:
    """Readability's parse() of the page, as Firefox's Reader View gets it, plus isProbablyReaderable (the
    browser offers the reader view only then)."""
    node = shutil.which("node")
    if node is None or not READABILITY.is_dir():
        missing_tool(
            "Readability cannot run: "
            + ("no `node` on PATH" if node is None else f"no {READABILITY} (make test installs it with npm ci)")
        )
    result = subprocess.run(
        [node, str(READER_VIEW), str(page), SITE_URL], capture_output=True, text=True, timeout=120, check=True
    )
    found = json.loads(result.stdout)
    blocks = lxml_html.fromstring(found["content"]).xpath("//p | //h1 | //h2 | //h3 | //li | //blockquote")
    return {
        "offered": found["readerable"],
        "title": found["title"],
        "authors": [found["byline"]] if found["byline"] else [],
        "date": found["publishedTime"],
        "blocks": [" ".join(block.text_content().split()) for block in blocks],
    }


def trafilatura(page: Path) -> dict:
    import trafilatura as tool

    with network_cut():
        found = tool.bare_extraction(page.read_text(encoding="utf-8"), url=SITE_URL, with_metadata=True)
    return {
        "title": found.title,
        "authors": found.author.split("; ") if found.author else [],
        "date": found.date,
        "blocks": [line for line in found.text.split("\n") if line.strip()],
    }


def newspaper4k(page: Path) -> dict:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "nltk is not installed": its summaries are not used here
        import newspaper

    article = newspaper.Article(SITE_URL, fetch_images=False)
    with network_cut():
        article.download(input_html=page.read_text(encoding="utf-8"))
        article.parse()
    return {
        "title": article.title,
        "authors": article.authors,
        "date": article.publish_date.date().isoformat() if article.publish_date else None,
        "blocks": [block for block in article.text.split("\n") if block.strip()],
    }


TOOLS = {"Readability": readability, "trafilatura": trafilatura, "newspaper4k": newspaper4k}


@pytest.fixture(scope="module")
def read(site):
    """read(tool, dated=False): what the tool makes of the suite's home page, or (dated) of its second column,
    which sets `date`; each read once."""
    pages = {False: site / "index.html", True: site / "second" / "index.html"}
    found = {}

    def _read(tool: str, dated: bool = False) -> dict:
        if (tool, dated) not in found:
            found[tool, dated] = TOOLS[tool](pages[dated])
        return found[tool, dated]

    return _read


def column_text(seed) -> list[str]:
    """The column's words as the page must give them, in order: the standfirst, the six paragraphs, where it
    was first published, and the first publisher's disclaimer."""
    return [seed.standfirst, *seed.body, CREDIT, seed.disclaimer]


def test_firefox_offers_its_reader_view(read):
    assert read("Readability")["offered"] is True


@pytest.mark.parametrize("tool", TOOLS)
def test_the_headline_and_the_author_alone(read, tool, seed):
    found = read(tool)
    assert found["title"] == seed.headline
    # The bio starts with the author's name (source/README.md): "Dr Alexander Yakovenko, Russian ...".
    assert found["authors"] == [seed.bio.split(",")[0]]


@pytest.mark.parametrize("tool", TOOLS)
def test_the_column_in_order_and_nothing_else(read, tool, seed):
    blocks = read(tool)["blocks"]
    if blocks and blocks[0] == seed.headline:  # trafilatura starts the text with the headline
        blocks = blocks[1:]
    assert blocks == column_text(seed)
    assert not [word for word in CONTROLS if any(word in block for block in blocks)]


@pytest.mark.parametrize("tool", TOOLS)
def test_the_publication_date_when_the_column_has_one(read, tool):
    assert read(tool, dated=True)["date"] == DATE
