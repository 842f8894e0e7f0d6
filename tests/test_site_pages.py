"""The pages around the columns, on the suite's site (tests/columns): a plain page (docs/about.md), the index of
columns at /columns/, each author's page at /authors/<key>/, and "More from" at a column's end; what one column
alone makes of them; the same in Russian and Arabic; each page's first view within the budget.

Expectations are written out from the suite's columns, authors and settings, and from schema.org and the specs."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from lxml import html as lxml_html
from PIL import Image

from build_harness import ROOT, build, copy_project
from built_pages import collect, meta, parsed, words
from column import data, pages, site_pages
from suite_columns import SECOND_URL, SITE_URL

THIRD_URL = SITE_URL + "third/"
TITLES = {
    THIRD_URL: "After Palmyra: what a second front asks of diplomats",
    SECOND_URL: "What a ceasefire needs: the same words, kept",
    SITE_URL: "Liberation of Palmyra as a sign of inevitable defeat of ISIS",
}
YAKOVENKO, NUNEZ = "Dr Alexander Yakovenko", "Prof Ana María Núñez"
AUTHOR_PAGES = {YAKOVENKO: SITE_URL + "authors/yakovenko/", NUNEZ: SITE_URL + "authors/nunez/"}
_BUDGET = yaml.safe_load((ROOT / "bench" / "budget.yml").read_text(encoding="utf-8"))


def items(page, url: str) -> list[dict]:
    """Each column a list shows: its headline, where it links (absolute), author and date."""
    found = []
    for item in page.cssselect(".oc-item"):
        (headline,) = item.cssselect(".oc-item__title a")
        authors = item.cssselect(".oc-item__byline a")
        times = item.cssselect("time")
        kicker = item.cssselect(".oc-item__kicker")
        standfirst = item.cssselect(".oc-item__standfirst")
        found.append(
            {
                "kicker": words(kicker[0]) if kicker else None,
                "title": words(headline),
                "url": urljoin(url, headline.get("href")),
                "author": [(words(a), urljoin(url, a.get("href"))) for a in authors],
                "date": [(time.get("datetime"), words(time)) for time in times],
                "standfirst": words(standfirst[0]) if standfirst else None,
            }
        )
    return found


# --- a plain page ------------------------------------------------------------------------------------------------


def test_a_plain_page_is_its_title_and_body_in_the_sites_look(site):
    page = parsed(site, "about/index.html")
    # tests/columns/docs/about.md
    assert page.findtext(".//title") == "About this site · Ambassador's view"
    assert [words(h) for h in page.cssselect("h1")] == ["About this site"]
    (body,) = page.cssselect(".oc-body")
    assert [block.tag for block in body] == ["p", "p", "ul"]
    assert words(body).startswith("This site publishes opinion columns, each as it was first published")
    assert page.cssselect(".oc-header__site") and page.cssselect(".oc-footer")
    # Not a column: no byline, share bar, bio or article's structured data.
    assert not page.cssselect(".oc-byline, .oc-share, .oc-bio, .oc-more")
    assert not page.xpath("//script[@type='application/ld+json']")


def test_a_plain_page_has_its_own_preview(site):
    page = parsed(site, "about/index.html")
    description = "Who publishes these columns, and how to write to the editors."
    assert meta(page, "description") == meta(page, "og:description") == description
    assert page.xpath("//link[@rel='canonical']/@href") == [SITE_URL + "about/"] == [meta(page, "og:url")]
    assert meta(page, "og:type") == "website" and meta(page, "og:title") == "About this site"
    card = meta(page, "og:image")
    assert card.startswith(SITE_URL + "assets/card.") and card != meta(parsed(site, "index.html"), "og:image")
    assert Image.open(site / card.removeprefix(SITE_URL)).size == (1200, 630)
    assert meta(page, "og:image:alt") == "Ambassador's view: About this site"


@pytest.mark.parametrize(
    "address, reserved",
    [("columns/", True), ("authors/me/", True), ("about/", False), ("columnist/", False)],
)
def test_no_page_of_docs_is_published_where_the_site_makes_its_own(address, reserved):
    assert site_pages.is_reserved(address) is reserved


def test_a_page_at_an_address_the_site_makes_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    target = project / "docs" / "columns" / "index.md"
    target.parent.mkdir(parents=True)
    target.write_text((project / "docs" / "about.md").read_text(encoding="utf-8"), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert (
        "docs/columns/index.md: expected a page published elsewhere than /columns/ and /authors/: those addresses "
        "are the index of columns and the authors' pages, which the site makes; rename the file."
    ) in result.stderr


# --- the index -----------------------------------------------------------------------------------------------------


def test_the_index_lists_every_column_newest_first_undated_last(site):
    page = parsed(site, "columns/index.html")
    url = SITE_URL + "columns/"
    assert page.findtext(".//title") == "Columns · Ambassador's view" and words(page.cssselect("h1")[0]) == "Columns"
    assert page.xpath("//link[@rel='canonical']/@href") == [url]
    assert meta(page, "description") == "Every column on Ambassador's view, newest first."
    assert items(page, url) == [
        {
            "kicker": None,  # the column is named as the site is: said once, in the header
            "title": TITLES[THIRD_URL],
            "url": THIRD_URL,
            "author": [(YAKOVENKO, AUTHOR_PAGES[YAKOVENKO])],
            "date": [("2016-04-11", "11 April 2016")],
            "standfirst": "A week after Palmyra, the talks in Geneva turn to what no army can settle: who keeps the "
            "peace.",
        },
        {
            "kicker": "Second opinion",
            "title": TITLES[SECOND_URL],
            "url": SECOND_URL,
            "author": [(NUNEZ, AUTHOR_PAGES[NUNEZ])],
            "date": [("2016-04-04", "4 April 2016")],
            "standfirst": "A ceasefire is only as strong as the same words, kept by every side. Here is what keeping "
            "them takes.",
        },
        {
            "kicker": None,
            "title": TITLES[SITE_URL],
            "url": SITE_URL,
            "author": [(YAKOVENKO, AUTHOR_PAGES[YAKOVENKO])],
            "date": [],  # undated: none is invented
            "standfirst": "On 27 March the Syrian Army backed by the Russian Air Force liberated Palmyra from ISIS "
            "terrorists. It is not just a symbolic victory.",
        },
    ]


def test_every_page_links_to_the_index(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) == 8
    for path in pages:
        page = lxml_html.fromstring(path.read_bytes())
        relative = path.relative_to(site).as_posix()
        # The 404 page is served at any depth: its links are from the site's root.
        url = SITE_URL + relative.removesuffix("index.html") if relative != "404.html" else SITE_URL
        links = [urljoin(url, a.get("href")) for a in page.cssselect(".oc-nav a") if words(a) == "Columns"]
        assert links == [SITE_URL + "columns/"] or (relative == "404.html" and links == ["/ambassadors-view/columns/"])


def column(path: str, date: str | None) -> pages.Column:
    meta = {"template": "column.html", "column": "A", "title": path} | ({"date": date} if date else {})
    file = f"docs/{path}index.md"
    return pages.Column(file, "", data.Located(meta, {}, file), meta, [], path)


def test_the_order_of_the_index():
    found = site_pages.newest_first(
        [
            column("b/", None),
            column("", None),
            column("old/", "2016-04-01"),
            column("day/", "2016-04-05"),
            column("morning/", "2016-04-05T09:00:00+01:00"),
            column("evening/", "2016-04-05T19:00:00+01:00"),
            column("a/", None),
        ]
    )
    # Newest first; within a day, a time before a day alone; undated after, by address, the home page first.
    assert [c.address for c in found] == ["evening/", "morning/", "day/", "old/", "", "a/", "b/"]


# --- "More from" -----------------------------------------------------------------------------------------------------


def more_from(site: Path, path: str, url: str) -> tuple[str, list[dict]]:
    page = parsed(site, path)
    (nav,) = page.cssselect("nav.oc-more")
    (title,) = nav.cssselect("h2")
    assert nav.get("aria-label") == words(title)
    return words(title), items(nav, url)


def test_more_from_offers_the_neighbouring_columns_with_their_dates(site):
    # The third column's series (tests/columns/docs: "Ambassador's view") has one other column, the undated home.
    title, listed = more_from(site, "third/index.html", THIRD_URL)
    assert title == "More from Ambassador's view"
    assert [(i["url"], i["date"]) for i in listed] == [(SITE_URL, [])]
    # The second is alone in its series: the site's latest others, under the site's name.
    title, listed = more_from(site, "second/index.html", SECOND_URL)
    assert title == "More from Ambassador's view"
    assert [(i["url"], i["date"]) for i in listed] == [(THIRD_URL, [("2016-04-11", "11 April 2016")]), (SITE_URL, [])]
    assert [i["author"] for i in listed] == [[(YAKOVENKO, AUTHOR_PAGES[YAKOVENKO])]] * 2
    title, listed = more_from(site, "index.html", SITE_URL)
    assert [(i["url"], i["title"]) for i in listed] == [(THIRD_URL, TITLES[THIRD_URL])]


def test_more_from_picks_the_previous_and_next_by_date():
    series = site_pages.newest_first([column(f"{n}/", f"2016-04-0{n}") for n in range(1, 6)] + [column("", None)])
    middle = next(c for c in series if c.address == "3/")
    assert [c.address for c in site_pages.more_from(middle, series, "Site")["columns"]] == ["4/", "2/"]
    newest = series[0]
    assert [c.address for c in site_pages.more_from(newest, series, "Site")["columns"]] == ["4/", "3/"]
    undated = series[-1]
    assert [c.address for c in site_pages.more_from(undated, series, "Site")["columns"]] == ["5/", "4/"]
    assert site_pages.more_from(undated, [undated], "Site") is None


# --- authors' pages ------------------------------------------------------------------------------------------------


def test_an_authors_page_has_the_bio_every_profile_and_every_column(site):
    url = AUTHOR_PAGES[YAKOVENKO]
    page = parsed(site, "authors/yakovenko/index.html")
    # tests/columns/data/authors.yml
    assert page.findtext(".//title") == f"{YAKOVENKO} · Ambassador's view"
    assert words(page.cssselect("h1")[0]) == YAKOVENKO
    roles = "Russian Ambassador to the United Kingdom of Great Britain and Northern Ireland, Deputy foreign minister "
    assert words(page.cssselect(".p-job-title")[0]) == roles + "(2005-2011)"
    profiles = [(a.get("href"), a.get("rel"), words(a)) for a in page.cssselect(".oc-profiles a.u-url")]
    assert profiles == [("https://x.com/Amb_Yakovenko", "me noopener noreferrer", "@Amb_Yakovenko")]
    assert [words(h) for h in page.cssselect("h2")] == [f"Columns by {YAKOVENKO}"]
    listed = items(page, url)
    assert [(i["url"], i["date"], i["author"]) for i in listed] == [
        (THIRD_URL, [("2016-04-11", "11 April 2016")], []),
        (SITE_URL, [], []),
    ]
    assert meta(page, "og:type") == "profile" and page.xpath("//link[@rel='canonical']/@href") == [url]


def test_an_authors_page_is_a_profile_page_for_search_engines(site):
    page = parsed(site, "authors/nunez/index.html")
    (block,) = page.xpath("//script[@type='application/ld+json']/text()")
    url = AUTHOR_PAGES[NUNEZ]
    assert json.loads(block) == {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": url,
        "inLanguage": "en-GB",
        "mainEntity": {
            "@type": "Person",
            "name": NUNEZ,
            "jobTitle": "Professor of International Relations, Example University",
            "url": url,
            "sameAs": ["https://t.me/example_columnist"],
        },
    }


# --- a site of one column --------------------------------------------------------------------------------------------


def test_one_column_makes_no_index_and_no_more_from(one_column_build):
    one_column, _ = one_column_build
    assert sorted(p.relative_to(one_column).as_posix() for p in one_column.rglob("*.html")) == [
        "404.html",
        "authors/yakovenko/index.html",
        "index.html",
    ]
    for path in one_column.rglob("*.html"):
        page = lxml_html.fromstring(path.read_bytes())
        assert not page.cssselect(".oc-nav, .oc-more"), path  # no index, and no feed (no column is dated)
    author = parsed(one_column, "authors/yakovenko/index.html")
    assert [i["url"] for i in items(author, AUTHOR_PAGES[YAKOVENKO])] == [SITE_URL]


# --- every language ----------------------------------------------------------------------------------------------

LANGUAGE_WORDS = {
    # (the index's title, "More from" on the home page, the author's page's heading, the site feed's Follow link)
    "ru-RU": ("Колонки", "Ещё из «Взгляд со стороны»", "Колонки автора Мария Иванова", "Подписаться"),
    "ar": ("المقالات", "المزيد من رأي آخر", "مقالات سلمى حداد", "تابِع"),
}
LANGUAGE_AUTHORS = {"ru-RU": "ivanova", "ar": "haddad"}
DIRECTIONS = {"ru-RU": "ltr", "ar": "rtl"}


@pytest.mark.parametrize("language", LANGUAGE_WORDS)
def test_the_pages_around_the_columns_speak_the_sites_language(language_sites, language):
    site = language_sites[language]
    index_title, more, columns_by, follow = LANGUAGE_WORDS[language]
    index = parsed(site, "columns/index.html")
    assert words(index.cssselect("h1")[0]) == index_title
    assert (index.get("dir"), index.body.get("dir")) == (DIRECTIONS[language],) * 2
    home = parsed(site, "index.html")
    assert words(home.cssselect("nav.oc-more h2")[0]) == more
    assert [words(a) for a in home.cssselect(".oc-nav a")] == [index_title, follow]
    author = parsed(site, f"authors/{LANGUAGE_AUTHORS[language]}/index.html")
    assert [words(h) for h in author.cssselect("h2")] == [columns_by]


@pytest.mark.parametrize("language", LANGUAGE_WORDS)
def test_the_author_feeds_title_is_in_the_sites_language(language_sites, language):
    site = language_sites[language]
    key = LANGUAGE_AUTHORS[language]
    feed = json.loads((site / "authors" / key / "feed.json").read_text(encoding="utf-8"))
    name = {"ru-RU": "Мария Иванова", "ar": "سلمى حداد"}[language]
    site_name = {"ru-RU": "Взгляд со стороны", "ar": "رأي آخر"}[language]
    expected = {"ru-RU": f"Колонки автора {name} на сайте {site_name}", "ar": f"مقالات {name} على {site_name}"}
    assert feed["title"] == expected[language] and feed["language"] == language


# --- the budget -------------------------------------------------------------------------------------------------------

PAGE_TYPES = ["index.html", "third/index.html", "about/index.html", "columns/index.html", "authors/nunez/index.html"]


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_each_page_types_first_view_is_one_small_request(site, path):
    document = (site / path).read_text(encoding="utf-8")
    fetched, _, connects = collect(document)
    assert fetched == [] and connects == []  # everything the first view needs is in the page
    size = len(gzip.compress(document.encode("utf-8"), 6))
    assert size <= _BUDGET["bytes"], f"{path}: {size} bytes gzipped"
