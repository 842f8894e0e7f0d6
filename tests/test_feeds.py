"""The feeds (Atom 1.0 and JSON Feed 1.1) of the suite's site, for the site and for each author: valid against
RFC 4287's schema (its Appendix B, tests/feeds/atom.rnc, converted by rnc2rng and validated by lxml) and JSON Feed
1.1's required fields, read back by feedparser without error, each entry a dated column in full with absolute
links, a permanent id and its dates as the front matter gives them; undated columns left out, and no feed at all
where no column is dated.

Expectations are written out from the suite's columns (tests/columns/docs) and from the specs."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import feedparser
import pytest
import rnc2rng
from lxml import etree
from lxml import html as lxml_html

from build_harness import build, copy_project
from built_pages import words
from column import data, follow, pages
from project_edits import set_fields
from suite_columns import SITE_URL

ATOM_NS = "{http://www.w3.org/2005/Atom}"
SCHEMA = Path(__file__).resolve().parent / "feeds" / "atom.rnc"
# The feeds of the suite's site: its own, and one for each author with a dated column.
FEEDS = {
    "site": ("feed.xml", "feed.json"),
    "yakovenko": ("authors/yakovenko/feed.xml", "authors/yakovenko/feed.json"),
    "nunez": ("authors/nunez/feed.xml", "authors/nunez/feed.json"),
}
# The dated columns of tests/columns/docs, newest first by `date`: (page URL, permanent id as RFC 4151 makes it of
# `original_url` and `date`, headline, published, updated as RFC 3339 date-times). A date alone is the day's start
# in UTC; the third column's last change is its correction's day; the second's, its `updated`.
THIRD = (
    SITE_URL + "third/",
    "tag:news.example,2016-04-11:/columns/2016/04/after-palmyra",
    "After Palmyra: what a second front asks of diplomats",
    "2016-04-11T00:00:00+00:00",
    "2016-04-12T00:00:00+00:00",
)
SECOND = (
    SITE_URL + "second/",
    "tag:news.example,2016-04-04:/columns/2016/04/ceasefire-same-words",
    "What a ceasefire needs: the same words, kept",
    "2016-04-04T00:00:00+00:00",
    "2016-04-05T08:30:00+01:00",
)
ENTRIES = {"site": [THIRD, SECOND], "yakovenko": [THIRD], "nunez": [SECOND]}
AUTHORS = {
    THIRD: ("Dr Alexander Yakovenko", SITE_URL + "authors/yakovenko/"),
    SECOND: ("Prof Ana María Núñez", SITE_URL + "authors/nunez/"),
}
TITLES = {
    "site": "Ambassador's view",
    "yakovenko": "Columns by Dr Alexander Yakovenko on Ambassador's view",
    "nunez": "Columns by Prof Ana María Núñez on Ambassador's view",
}
HOME = {"site": SITE_URL, "yakovenko": SITE_URL + "authors/yakovenko/", "nunez": SITE_URL + "authors/nunez/"}


@pytest.fixture(scope="module")
def schema() -> etree.RelaxNG:
    # XML namespaces forbid binding a prefix to the empty namespace: rnc2rng writes the schema's
    # `namespace local = ""` as xmlns:local="" (and names that namespace by ns="" where it is used), so the
    # declaration is dropped before lxml reads the grammar.
    rng = rnc2rng.dumps(rnc2rng.load(str(SCHEMA))).replace(' xmlns:local=""', "")
    return etree.RelaxNG(etree.fromstring(rng.encode("utf-8")))


def atom(site: Path, name: str) -> etree._ElementTree:
    return etree.parse(str(site / FEEDS[name][0]))


def json_feed(site: Path, name: str) -> dict:
    return json.loads((site / FEEDS[name][1]).read_text(encoding="utf-8"))


# --- valid, and read back -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", FEEDS)
def test_every_atom_feed_is_valid_against_rfc_4287s_schema(site, schema, name):
    document = atom(site, name)
    assert schema.validate(document), schema.error_log
    # The rules the RFC's schema states as Schematron, which RELAX NG does not check: an author for every entry
    # (on the entry or the feed), and an alternate link or content for each.
    root = document.getroot()
    for entry in root.iter(f"{ATOM_NS}entry"):
        assert entry.find(f"{ATOM_NS}author") is not None or root.find(f"{ATOM_NS}author") is not None
        alternate = "atom:link[@rel='alternate' or not(@rel)] | atom:content"
        assert entry.xpath(alternate, namespaces={"atom": ATOM_NS[1:-1]})


def test_the_schema_refuses_a_feed_without_id_or_author(schema):
    """Control: the converted schema does check (a feed needs an id and a title; a date must be a date-time)."""
    bad = etree.fromstring(b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><updated>2016</updated></feed>')
    assert not schema.validate(bad)
    assert "id" in str(schema.error_log)


@pytest.mark.parametrize("name", FEEDS)
def test_feedparser_reads_every_atom_feed_without_error(site, name):
    feed = feedparser.parse(str(site / FEEDS[name][0]))
    assert feed.bozo is False, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == TITLES[name] and feed.feed.language == "en-GB"
    assert [(entry.link, entry.id, entry.title) for entry in feed.entries] == [e[:3] for e in ENTRIES[name]]
    for entry, expected in zip(feed.entries, ENTRIES[name], strict=True):
        assert (entry.published, entry.updated) == expected[3:]
        assert (entry.author_detail.name, entry.author_detail.href) == AUTHORS[expected]


@pytest.mark.parametrize("name", FEEDS)
def test_every_feed_shows_the_sites_icon_and_logo(site, name):
    atom = etree.parse(str(site / FEEDS[name][0])).getroot()
    icon, logo = atom.findtext(ATOM_NS + "icon"), atom.findtext(ATOM_NS + "logo")
    assert icon == SITE_URL + "favicon.ico" and (site / "favicon.ico").is_file()
    feed = json_feed(site, name)
    assert (feed["favicon"], feed["icon"]) == (icon, logo)
    # The logo is a file of the site, a square PNG (JSON Feed 1.1: the icon "should be square").
    png = (site / logo.removeprefix(SITE_URL)).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[16:20] == png[20:24]


@pytest.mark.parametrize("name", FEEDS)
def test_every_json_feed_has_json_feed_1_1s_required_fields(site, name):
    feed = json_feed(site, name)
    # JSON Feed 1.1: version, title and items are required; each item has an id and content_html or content_text.
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str) and feed["title"] == TITLES[name]
    assert isinstance(feed["items"], list)
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert isinstance(item.get("content_html") or item.get("content_text"), str)
        assert item["language"] == "en-GB"  # the column's, which JSON Feed 1.1 lets each item say
        for key in ("date_published", "date_modified"):
            datetime.datetime.fromisoformat(item[key])  # RFC 3339, as the spec asks
    assert feed["home_page_url"] == HOME[name] and feed["feed_url"] == SITE_URL + FEEDS[name][1]
    assert feed["language"] == "en-GB"
    # The same entries as the Atom feed's, in the same order.
    assert [(i["url"], i["id"], i["title"], i["date_published"], i["date_modified"]) for i in feed["items"]] == [
        *ENTRIES[name]
    ]
    assert [(i["authors"][0]["name"], i["authors"][0]["url"]) for i in feed["items"]] == [
        AUTHORS[e] for e in ENTRIES[name]
    ]


def test_the_json_and_atom_feeds_carry_the_same_content(site):
    feed = atom(site, "site").getroot()
    contents = [entry.findtext(f"{ATOM_NS}content") for entry in feed.iter(f"{ATOM_NS}entry")]
    assert contents == [item["content_html"] for item in json_feed(site, "site")["items"]]


# --- the entries: dated columns in full -----------------------------------------------------------------------


def entry_html(site: Path, url: str) -> lxml_html.HtmlElement:
    feed = atom(site, "site").getroot()
    for entry in feed.iter(f"{ATOM_NS}entry"):
        if entry.find(f"{ATOM_NS}link").get("href") == url:
            assert entry.find(f"{ATOM_NS}content").get("type") == "html"
            return lxml_html.fragment_fromstring(entry.findtext(f"{ATOM_NS}content"), create_parent="div")
    raise AssertionError(f"no entry for {url}")


def test_an_entry_is_the_column_in_full(site):
    content = entry_html(site, THIRD[0])
    paragraphs = [words(p) for p in content.iter("p")]
    # tests/columns/docs/third.md: the standfirst, the body, the correction, the credit, the disclaimer.
    assert paragraphs == [
        "A week after Palmyra, the talks in Geneva turn to what no army can settle: who keeps the peace.",
        "This text was written for the tests and says nothing about the world. A week after Palmyra the talks move "
        "on, and the second paragraph says why they matter.",
        "What no army can settle is who keeps the peace once the guns are quiet. That takes monitors and time.",
        "Correction, 12 April 2016: An earlier version of this column gave the talks' venue as Vienna; they are held "
        "in Geneva.",
        "First published by Example News",
        "The views expressed here are the author’s own and not those of Example News.",
    ]


def test_every_link_of_an_entry_is_absolute(site):
    for url in (THIRD[0], SECOND[0]):
        content = entry_html(site, url)
        hrefs = [a.get("href") for a in content.iter("a")]
        assert hrefs and all(re.match(r"(https://|mailto:)", href) for href in hrefs), hrefs
    # A link to a paragraph of the column points at it on the column's page; the credit at the first publication.
    assert [a.get("href") for a in entry_html(site, THIRD[0]).iter("a")] == [
        THIRD[0] + "#what-no-army-can-settle-is",
        "https://news.example/monitors",
        "https://news.example/columns/2016/04/after-palmyra",
    ]


def test_an_entry_has_no_controls_or_styles_of_the_page(site):
    content = entry_html(site, SECOND[0])
    # The paragraphs' links to themselves are the page's controls; classes and ids mean nothing in a reader.
    assert not content.xpath("//*[@class or @id or @target]")
    assert all(words(a) for a in content.iter("a"))


def test_undated_columns_are_in_no_feed(site):
    # tests/columns/docs/index.md has no date: in no feed, and no date is invented for it.
    for name in FEEDS:
        assert SITE_URL not in [item["url"] for item in json_feed(site, name)["items"]]
    assert not (site / "authors" / "yakovenko" / "feed.xml").read_text(encoding="utf-8").count("Palmyra as a sign")


def test_the_feeds_updated_is_the_latest_change_of_its_entries(site):
    assert atom(site, "site").getroot().findtext(f"{ATOM_NS}updated") == "2016-04-12T00:00:00+00:00"
    assert atom(site, "nunez").getroot().findtext(f"{ATOM_NS}updated") == "2016-04-05T08:30:00+01:00"
    assert atom(site, "site").getroot().get("{http://www.w3.org/XML/1998/namespace}lang") == "en-GB"


# --- discovery: every page's head, and a visible Follow link ----------------------------------------------------


def alternates(page) -> list[tuple[str, str]]:
    return [(link.get("type"), link.get("href")) for link in page.xpath("//head/link[@rel='alternate']")]


SITE_FEEDS = [("application/atom+xml", SITE_URL + "feed.xml"), ("application/feed+json", SITE_URL + "feed.json")]


def test_every_page_names_the_sites_feeds_and_shows_a_follow_link(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) == 8
    for path in pages:
        page = lxml_html.fromstring(path.read_bytes())
        assert alternates(page)[:2] == SITE_FEEDS, path
        (follow,) = page.cssselect(".oc-nav a[type='application/atom+xml']")
        assert follow.get("href") == SITE_URL + "feed.xml" and words(follow) == "Follow", path
        # An icon of the page's one set: a <use> of the symbol the page's sprite holds.
        assert follow.xpath(".//use/@href") == ["#oc-icon--feed"], path
        assert page.xpath("//svg[@class='oc-sprite']/symbol[@id='oc-icon--feed']//path"), path


def test_an_authors_pages_name_their_feeds_too(site):
    nunez = [
        ("application/atom+xml", SITE_URL + "authors/nunez/feed.xml"),
        ("application/feed+json", SITE_URL + "authors/nunez/feed.json"),
    ]
    for path in ("second/index.html", "authors/nunez/index.html"):
        assert alternates(lxml_html.fromstring((site / path).read_bytes())) == SITE_FEEDS + nunez, path
    author_page = lxml_html.fromstring((site / "authors" / "nunez" / "index.html").read_bytes())
    (follow,) = author_page.cssselect(".oc-profiles a[type='application/atom+xml']")
    assert follow.get("href") == SITE_URL + "authors/nunez/feed.xml" and words(follow) == "Follow Prof Ana María Núñez"


# --- permanence, and a site with no dated column ----------------------------------------------------------------


def test_ids_stay_when_the_site_moves_and_a_headline_is_corrected(tmp_path):
    project = copy_project(tmp_path / "project")
    set_fields(project / "docs" / "second.md", {"title": "What a ceasefire needs: the same words, kept (corrected)"})
    moved = "https://elsewhere.example/columns/"
    result = build(project, tmp_path / "site", site_url=moved)
    assert result.returncode == 0, result.stderr
    items = json.loads((tmp_path / "site" / "feed.json").read_text(encoding="utf-8"))["items"]
    assert [item["id"] for item in items] == [THIRD[1], SECOND[1]]
    assert [item["url"] for item in items] == [moved + "third/", moved + "second/"]


def test_no_dated_column_no_feed_and_the_build_says_so(one_column_build):
    site, printed = one_column_build  # the home page alone, undated (conftest)
    assert not list(site.rglob("feed.*"))
    message = "no feed: no column has a 'date' (docs/index.md), and a feed entry must carry one"
    assert printed.count(message) == 1  # a warning that strict mode lets through, said once
    for path in site.rglob("*.html"):
        page = lxml_html.fromstring(path.read_bytes())
        assert alternates(page) == [] and not page.cssselect(".oc-nav a[type]"), path


def test_two_columns_first_published_at_one_address_stop_the_build():
    """Their entries would share an id: a reader would show one of them, or both as one."""
    meta = {"template": "column.html", "original_url": "https://news.example/a"}
    first, second = (pages.Column(f"docs/{n}.md", "", data.Located(meta, {}, n), meta, [], f"{n}/") for n in "ab")
    follow.check_original_urls([first])
    with pytest.raises(data.InputError) as error:
        follow.check_original_urls([second, first])
    assert str(error.value) == (
        "docs/b.md: field 'original_url': expected the address where this column was first published, got "
        "'https://news.example/a', which docs/a.md gives too."
    )
