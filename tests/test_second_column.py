"""A second column beside the first is a page of its own (issue 18): `docs/second.md` with the column layout
gets its own address, cards, JSON-LD, share links, paragraph ids, sitemap entry and cached files, and nothing
of one column shows on the other. The home page stays the handed-over column (tests/test_column_page.py).

The second column is the suite's own (tests/columns/docs/second.md): another author, on Telegram, both
dates set, lists and a block quote. Every expectation below is written out from that file."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest
from lxml import html as lxml_html

from support import PALETTE, SECOND_URL, SHARE_LINKS, SITE_URL, card_problems, meta

TITLE = "What a ceasefire needs: the same words, kept"
STANDFIRST = "A ceasefire is only as strong as the same words, kept by every side. Here is what keeping them takes."
AUTHOR = "Prof Ana María Núñez"
PROFILE = "https://t.me/example_columnist"
# Each paragraph's id: its first six words (README, "Paragraph links"); the lists and the quote have none.
IDS = [
    "a-ceasefire-is-only-as-strong",  # the standfirst
    "talks-in-geneva-resumed-this-week",
    "what-a-ceasefire-needs-is-simple",
    "history-offers-the-same-words-again",
    "an-agreement-written-as-ceasefire-in",
]
# What the home page (the handed-over column) says that no other column may.
HOME_ONLY = ["Liberation of Palmyra", "Yakovenko", "@Amb_Yakovenko", "x.com", "First published by RT"]
SECOND_ONLY = ["ceasefire", "Núñez", "example_columnist", "Example News", "Second opinion"]


@pytest.fixture(scope="module")
def second(site):
    return lxml_html.fromstring((site / "second" / "index.html").read_bytes())


@pytest.fixture(scope="module")
def jsonld(second) -> dict:
    return json_ld(second)


def json_ld(page) -> dict:
    (block,) = page.xpath("//script[@type='application/ld+json']/text()")
    return json.loads(block)


def words(element) -> str:
    return " ".join(element.text_content().split())


def test_its_own_address_everywhere(second):
    assert second.xpath("//link[@rel='canonical']/@href") == [SECOND_URL]
    assert meta(second, "og:url") == SECOND_URL
    for selector, attribute in [
        ("[data-oc-copy]", "data-oc-copy"),
        ("[data-oc-share]", "data-oc-url"),
        (".oc-passage", "data-oc-url"),
    ]:
        assert [element.get(attribute) for element in second.cssselect(selector)] == [SECOND_URL]
    assert words(second.cssselect(".oc-share__address")[0]) == SECOND_URL


def test_its_own_words_and_author(second):
    assert second.findtext(".//title") == words(second.cssselect("h1")[0]) == TITLE
    assert words(second.cssselect(".oc-kicker")[0]) == "Second opinion"
    assert words(second.cssselect(".oc-standfirst")[0]) == STANDFIRST
    assert meta(second, "author") == AUTHOR and words(second.cssselect(".oc-byline a")[0]) == AUTHOR
    (bio,) = second.cssselect(".oc-bio__text")
    roles = "Professor of International Relations, Example University"
    assert words(bio) == f"{AUTHOR}, {roles}. Follow her on Telegram @example_columnist"
    assert words(second.cssselect(".oc-bio__avatar")[0]) == "AN"  # no photo: initials, the title skipped
    assert second.cssselect(".oc-bio__profile")[0].get("aria-label") == "@example_columnist on Telegram"
    assert words(second.cssselect(".oc-disclaimer")[0]) == (
        "The views expressed here are the author’s own and not those of Example News."
    )
    assert second.xpath("//*[contains(@class, 'oc-original')]//a/@href") == [
        "https://news.example/columns/2016/04/ceasefire-same-words"
    ]


def test_its_own_json_ld(jsonld):
    assert (jsonld["headline"], jsonld["description"], jsonld["articleSection"]) == (
        TITLE,
        STANDFIRST,
        "Second opinion",
    )
    assert jsonld["url"] == jsonld["mainEntityOfPage"] == SECOND_URL
    assert jsonld["author"]["name"] == AUTHOR and jsonld["author"]["sameAs"] == [PROFILE]
    assert (jsonld["datePublished"], jsonld["dateModified"]) == ("2016-04-04", "2016-04-05T08:30:00+01:00")
    assert jsonld["isBasedOn"]["publisher"]["name"] == "Example News"


def test_its_own_cards_each_cached(site, page, second, jsonld):
    home_cards = {meta(page, "og:image"), *(image["url"] for image in json_ld(page)["image"])}
    cards = [meta(second, "og:image"), *(image["url"] for image in jsonld["image"])]
    assert len(set(cards)) == 4 and not set(cards) & home_cards
    assert meta(second, "twitter:image") == cards[0]
    headers = (site / "_headers").read_text(encoding="utf-8")
    for url in cards:
        path = url.removeprefix(SITE_URL)
        assert re.fullmatch(r"assets/card(-\d+x\d+)?\.[0-9a-f]{10}\.png", path), url
        assert f"/{path}\n  Cache-Control: public, max-age=31536000, immutable\n" in headers
    # The card is drawn with this column's words, in the page's colours, like the home page's.
    card = (site / cards[0].removeprefix(SITE_URL)).read_bytes()
    assert card_problems(card, PALETTE) == []
    assert card != (site / meta(page, "og:image").removeprefix(SITE_URL)).read_bytes()
    assert meta(second, "og:image:alt") == f"Second opinion: {TITLE}, by {AUTHOR}"


def test_its_own_share_links(second):
    # The home page's links (support.SHARE_LINKS, written out) with this column's address and headline.
    home_url, home_title = (
        quote(SITE_URL, safe=""),
        quote("Liberation of Palmyra as a sign of inevitable defeat of ISIS", safe=""),
    )
    expected = {
        label: href.replace(home_url, quote(SECOND_URL, safe="")).replace(home_title, quote(TITLE, safe=""))
        for label, href in SHARE_LINKS.items()
    }
    shown = {a.get("aria-label"): a.get("href") for a in second.cssselect(".oc-share__list a")}
    assert shown == expected and all(quote(SECOND_URL, safe="") in href for href in shown.values())


def test_its_own_paragraph_ids(second):
    paragraphs = second.cssselect(".oc-body > p[id]")
    assert [p.get("id") for p in paragraphs] == IDS
    assert [p.cssselect(".oc-permalink")[0].get("href") for p in paragraphs] == [f"#{id_}" for id_ in IDS]
    # The body's own link to a paragraph lands on it.
    (link,) = [a for a in second.cssselect(".oc-body > p[id] a") if "oc-permalink" not in (a.get("class") or "")]
    assert link.get("href") == "#what-a-ceasefire-needs-is-simple"


def test_nothing_of_one_column_shows_on_the_other(site, second):
    # Their pages but for "More from" at the end, which lists the other columns by design (tests/test_site_pages.py).
    more_from = re.compile(r'<nav class="oc-more".*?</nav>', re.S)
    home = more_from.sub("", (site / "index.html").read_text(encoding="utf-8"))
    other = more_from.sub("", (site / "second" / "index.html").read_text(encoding="utf-8"))
    assert [text for text in HOME_ONLY if text in other] == []
    assert [text for text in SECOND_ONLY if text in home] == []
    # X's tag names the author's X account: the second column's author has none.
    assert second.xpath("//meta[@name='twitter:creator']") == []
