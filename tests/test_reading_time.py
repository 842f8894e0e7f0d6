"""Reading time and word count (issue 14): counted from the words a reader sees, the standfirst and the
body, at the rate stated in hooks/column/reading.py; shown in the byline and given in the JSON-LD."""

from __future__ import annotations

import json
import math
import re

import pytest
from lxml import html as lxml_html

from column import reading
from support import build, copy_project, set_fields

# The rate the byline promises (Brysbaert 2019, 238 words a minute), written out here, not imported.
RATE = 238


def seed_words(text: str) -> int:
    # What a reader counts as words: whitespace-separated tokens with a letter or digit in them.
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))


def byline(page) -> str:
    (node,) = page.cssselect(".oc-byline")
    return " ".join(node.text_content().split())


def jsonld(page) -> dict:
    (script,) = page.xpath("//script[@type='application/ld+json']")
    return json.loads(script.text)


def test_the_word_count_is_the_seeds_standfirst_and_six_paragraphs(page, seed):
    words = seed_words(seed.standfirst) + sum(seed_words(paragraph) for paragraph in seed.body)
    assert len(seed.body) == 6
    data = jsonld(page)
    assert data["wordCount"] == words
    minutes = math.ceil(words / RATE)
    assert data["timeRequired"] == f"PT{minutes}M"
    assert byline(page) == f"By Dr Alexander Yakovenko · {minutes}\u00a0min read".replace("\u00a0", " ")


def test_the_number_and_its_unit_stay_together_and_agree_with_the_json_ld(page):
    (node,) = page.cssselect(".oc-readtime")
    assert re.search(r"\d+\u00a0min read$", node.text_content()), node.text_content()
    (separator,) = node.cssselect(".oc-byline__sep")
    assert separator.get("aria-hidden") == "true"
    minutes = int(re.search(r"(\d+) min read", byline(page)).group(1))
    assert jsonld(page)["timeRequired"] == f"PT{minutes}M"


def body_only(path, description: str, body: str) -> None:
    """Set a column's standfirst, and replace its body."""
    set_fields(path, {"description": description})
    source = path.read_text(encoding="utf-8")
    front_matter_end = source.index("\n---\n", 4) + len("\n---\n")
    path.write_text(source[:front_matter_end] + body, encoding="utf-8")


@pytest.fixture(scope="module")
def counted(tmp_path_factory):
    """Two columns: one of one word and no body at all; one whose Markdown syntax, counted in the source (the
    list numbers, the reference and its target), would add five words."""
    work = tmp_path_factory.mktemp("counted")
    project = copy_project(work / "project")
    body_only(project / "docs" / "index.md", "Palmyra", "")
    body = "\n*Three* **four** [five][ref] `six`.\n\n1. seven\n2. eight\n\n[ref]: https://example.com/nine/ten\n"
    body_only(project / "docs" / "second.md", "One two", body)
    result = build(project, work / "site")
    assert result.returncode == 0, result.stderr
    return {name: lxml_html.fromstring((work / "site" / name / "index.html").read_bytes()) for name in ("", "second")}


def test_a_column_of_one_word_reads_in_one_minute(counted):
    page = counted[""]
    assert byline(page).endswith("· 1 min read")
    assert (jsonld(page)["wordCount"], jsonld(page)["timeRequired"]) == (1, "PT1M")


def test_markdown_syntax_is_not_counted(counted):
    assert jsonld(counted["second"])["wordCount"] == 8  # One two; Three four five six; seven eight


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("It cost 2,000 on 30 June, 2012.", 7),
        ("Palmyra \u2013 a city", 3),  # a lone dash is not a word
        ("Syria’s armed forces", 3),
        ("", 0),
    ],
)
def test_words_are_what_a_reader_sees(text, words):
    assert reading.reading_time(text).words == words


@pytest.mark.parametrize(
    ("html", "words"),
    [
        # Tags inside a word do not split it; the edges of blocks do.
        ("<p><em>Pal</em>myra &amp; Syria</p><p>end</p><ul><li>a</li><li>b</li></ul>", "Palmyra & Syria end a b"),
        # <br> has no end tag: its start is the break ("two  \nlines" in Markdown renders "two<br>\nlines").
        ("<p>one<br>two</p>", "one two"),
    ],
)
def test_the_text_a_reader_sees_in_the_rendered_body(html, words):
    assert reading.visible_text(html).split() == words.split()


@pytest.mark.parametrize(
    ("words", "minutes"), [(0, 1), (1, 1), (RATE, 1), (RATE + 1, 2), (2 * RATE, 2), (2 * RATE + 1, 3)]
)
def test_minutes_round_up_and_never_fall_below_one(words, minutes):
    assert reading.reading_time("word " * words).minutes == minutes
