"""Hostile input is either refused with a clear error or rendered inert, in every context it lands in: HTML
text, attributes, URLs, JSON-LD, the body, the 404 page, the sitemap, the host headers and the card. The
builds (hostile_corpus.HOSTILE_BUILDS) put hostile text in every free-text field, well-formed but hostile
URLs in every URL field and hostile Markdown in the body; tests/browser/test_hostile.py opens them in
Chromium."""

from __future__ import annotations

import json
from urllib.parse import unquote, urlsplit

import feedparser
import pytest
from lxml import etree
from lxml import html as lxml_html
from markdown import Markdown

from built_pages import json_ld, one, parsed, words
from card_pixels import card_problems, rgb
from column import body, data, settings, translations
from hostile_corpus import (
    CONTEXTS,
    HOSTILE,
    HOSTILE_BODY_SHOWN,
    HOSTILE_BUILDS,
    HOSTILE_FIELDS,
    HOSTILE_PALETTE,
    HOSTILE_URL_FIELDS,
    HOSTILE_URLS,
    hostile_expectations,
    hostile_project,
    hostile_quote_links,
    hostile_share_links,
    hostile_text,
)
from policy_expectations import expected_host_headers, expected_policy, inline_code
from project_edits import DATES, TWITTER_SITE
from suite_columns import COLUMN_PAGES, COLUMNS, OTHER_PAGES


@pytest.fixture(scope="module", params=list(HOSTILE_BUILDS))
def hostile(request, hostile_sites):
    """(the build's hostile text, its site folder, index.html as text, index.html parsed)."""
    site = hostile_sites[request.param]
    raw = (site / "index.html").read_text(encoding="utf-8")
    return HOSTILE_BUILDS[request.param], site, raw, lxml_html.fromstring(raw)


def read(page, selector: str, what: str) -> str | None:
    element = one(page, selector)
    return element.text_content() if what == "text" else element.get(what)


def test_every_context_shows_the_input_exactly(hostile):
    text, _, _, page = hostile
    seen = {context: read(page, selector, what) for context, (selector, what, _) in CONTEXTS.items()}
    assert seen == hostile_expectations(text)


def test_share_links_carry_the_input_percent_encoded(hostile):
    text, _, _, page = hostile
    links = page.cssselect(".oc-share__list a")
    assert {link.get("aria-label"): link.get("href") for link in links} == hostile_share_links(text)
    assert [link.get("title") for link in links] == [link.get("aria-label") for link in links]
    # The passage toolbar: until a passage is selected each link shares the whole column, as the share bar.
    quotes = page.cssselect(".oc-passage a[data-oc-quote]")
    assert {link.get("aria-label"): link.get("data-oc-quote") for link in quotes} == hostile_quote_links(text)
    hrefs = {link.get("aria-label"): link.get("href") for link in quotes}
    whole = hostile_share_links(text)
    assert hrefs == {label: whole[label] for label in hrefs}


def test_dates_and_the_sites_handle_stay_exact_among_hostile_text(hostile):
    _, site, _, page = hostile
    times = [(time.get("datetime"), time.text_content()) for time in page.cssselect(".oc-byline time")]
    assert times == [(DATES["date"], "28 March 2016"), (DATES["updated"], "29 March 2016")]
    found = json_ld(page)
    assert (found["datePublished"], found["dateModified"]) == (DATES["date"], DATES["updated"])
    assert page.xpath("//head/meta[@property='article:published_time']/@content") == [DATES["date"]]
    assert page.xpath("//head/meta[@property='article:modified_time']/@content") == [DATES["updated"]]
    assert page.xpath("//head/meta[@name='twitter:site']/@content") == [TWITTER_SITE]
    sitemap = etree.fromstring((site / "sitemap.xml").read_bytes())
    assert next(lastmod.text for lastmod in sitemap.iter("{*}lastmod")) == DATES["updated"]  # the home page's
    # The addresses built from the hostile site URL (an escaped-looking path) stay exact too.
    site_url = HOSTILE_URLS["site_url"]
    assert page.xpath("//head/link[@rel='apple-touch-icon']/@href") == ["./apple-touch-icon.png"]
    icon = urlsplit(site_url).path + "apple-touch-icon.png"
    assert parsed(site, "404.html").xpath("//head/link[@rel='apple-touch-icon']/@href") == [icon]
    assert found["publisher"]["logo"]["url"].startswith(site_url + "assets/logo.")
    assert all(image["url"].startswith(site_url + "assets/card-") for image in found["image"])


def test_json_ld_stays_valid_and_inert(hostile):
    text, _, _, page = hostile
    (script,) = page.xpath("//script[@type='application/ld+json']")
    assert "<" not in script.text and ">" not in script.text, "no value can close the script block"
    found = json.loads(script.text)
    site = HOSTILE_URLS["site_url"]
    fields = ("title", "description", "column")
    assert (found["headline"], found["description"], found["articleSection"]) == tuple(
        hostile_text(text, field) for field in fields
    )
    assert found["url"] == found["mainEntityOfPage"] == site
    assert found["author"]["name"] == hostile_text(text, "author_name")
    assert found["author"]["jobTitle"] == hostile_text(text, "author_roles")
    # The author's page on the site (the author's key is not among the hostile fields); the profile, sameAs.
    assert found["author"]["url"] == site + "authors/yakovenko/"
    assert found["author"]["sameAs"] == [HOSTILE_URLS["profile_url"]]
    assert found["publisher"]["name"] == hostile_text(text, "publisher_name") and found["publisher"]["url"] == site
    assert found["isBasedOn"]["url"] == HOSTILE_URLS["original_url"]
    assert found["isBasedOn"]["publisher"]["name"] == hostile_text(text, "original_publisher")


def test_the_body_shows_markup_as_text_and_keeps_to_the_allow_list(hostile, seed):
    _, _, _, page = hostile
    # The Markdown body: the column's text but for the template's standfirst, credit and disclaimer.
    template = {"oc-standfirst", "oc-original", "oc-disclaimer"}
    column_body = [block for block in one(page, ".oc-body") if not template & set(block.get("class", "").split())]
    paragraphs = [p.text_content() for p in column_body if p.tag == "p"]
    assert paragraphs[: len(seed.body)] == list(seed.body)
    assert [code.text_content() for block in column_body for code in block.iter("code")] == HOSTILE_BODY_SHOWN["code"]
    assert HOSTILE_BODY_SHOWN["references"] in paragraphs
    # The author's links; the page's own permalinks (one per paragraph) are tests/test_passage_links.py's.
    links = [
        [a.get("href"), a.text_content(), a.get("title")]
        for block in column_body
        for a in block.iter("a")
        if a.get("class") != "oc-permalink"
    ]
    assert links == HOSTILE_BODY_SHOWN["links"]
    # The author's elements; not the page's own that keep words on one line (hooks/column/typography.py).
    authors = {element.tag for block in column_body for element in block.iter() if element.get("class") != "oc-nowrap"}
    assert sorted(authors) == HOSTILE_BODY_SHOWN["elements"]


def test_no_markup_is_injected_and_the_policy_still_covers_exactly_the_page_code(hostile):
    _, site, raw, page = hostile
    # The site's own scripts: the theme script in <head>, the JSON-LD block, the scripts' words (data), the page
    # script. Nothing else.
    assert [s.get("type") for s in page.xpath("//script")] == [None, "application/ld+json", "application/json", None]
    assert not page.xpath("//img | //iframe | //object | //embed | //form | //base | //@*[starts-with(name(), 'on')]")
    # Every SVG is an icon, or the one sprite of their symbols (hooks/column/sprite.py).
    assert len(page.xpath("//svg[@class='oc-sprite']")) == 1
    assert not page.xpath("//svg[not(ancestor::*[contains(@class, 'oc-icon')]) and not(@class='oc-sprite')]")
    assert "<script>alert" not in raw and "<img" not in raw
    policy = expected_policy(*inline_code(raw))
    assert page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content") == [policy]
    assert (site / "_headers").read_text(encoding="utf-8") == expected_host_headers(
        site, policy, len(COLUMN_PAGES), len(OTHER_PAGES)
    )


def test_the_pages_around_the_columns_show_hostile_text_as_text(hostile):
    """The index, the author's page and the feeds show the home column's words, the first author's and the
    site's name as written, and no page of the site gains an element or an event handler from them."""
    text, site, _, _ = hostile
    for path in site.rglob("*.html"):
        page = lxml_html.fromstring(path.read_bytes())
        assert not page.xpath("//img | //script[@src] | //*[@*[starts-with(name(), 'on')]]"), path
        assert len(page.xpath("//script[not(@type)]")) == 2, path  # the page's own two, nothing injected
    title, name = hostile_text(text, "title"), hostile_text(text, "author_name")
    index = parsed(site, "columns/index.html")
    assert [words(a) for a in index.cssselect(".oc-item__title a")][-1] == " ".join(title.split())
    assert index.cssselect(".oc-item__kicker")[-1].text_content() == hostile_text(text, "column")
    author = parsed(site, "authors/yakovenko/index.html")
    assert author.cssselect("h1")[0].text_content() == name
    (block,) = author.xpath("//script[@type='application/ld+json']/text()")
    assert json.loads(block)["mainEntity"]["name"] == name
    feed = feedparser.parse(str(site / "authors" / "yakovenko" / "feed.xml"))
    assert feed.bozo is False and feed.entries[0].author_detail.name == name
    assert json.loads((site / "feed.json").read_text(encoding="utf-8"))["title"] == hostile_text(text, "site_name")


def test_the_404_page_sitemap_and_robots_show_the_input(hostile):
    text, site, _, _ = hostile
    not_found = parsed(site, "404.html")
    site_name = hostile_text(text, "site_name")
    assert not_found.findtext(".//title") == f"Page not found · {site_name}"
    assert read(not_found, ".oc-header__site", "text") == site_name
    base = urlsplit(HOSTILE_URLS["site_url"]).path
    assert read(not_found, ".oc-header__site", "href") == base
    assert [a.get("href") for a in not_found.cssselect(".oc-not-found a")] == [base]
    assert read(not_found, ".oc-footer p", "text").startswith(site_name + ". ")
    sitemap = etree.fromstring((site / "sitemap.xml").read_bytes())
    site_url = HOSTILE_URLS["site_url"]
    # Every page of the suite's site (test_deploy_previews.SITEMAP_URLS), at the hostile address.
    assert [loc.text for loc in sitemap.iter("{*}loc")] == [
        site_url + path
        for path in ("", "about/", "second/", "third/", "columns/", "authors/nunez/", "authors/yakovenko/")
    ]
    robots = (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {site_url}sitemap.xml" in robots


def test_card_and_favicon_are_drawn_in_the_stylesheet_colours(hostile):
    _, site, _, page = hostile
    (card,) = page.xpath("//head/meta[@property='og:image']/@content")
    card = site / card.removeprefix(HOSTILE_URLS["site_url"])
    assert card_problems(card.read_bytes(), {name: rgb(colour) for name, colour in HOSTILE_PALETTE.items()}) == []
    (favicon,) = page.xpath("//link[@rel='icon']/@href")
    assert f'<svg fill="{HOSTILE_PALETTE["accent"]}" ' in unquote(favicon)


def test_the_hostile_project_changes_every_field_it_names(tmp_path):
    # Guards the corpus itself: each field holds the hostile text, each URL field its URL.
    project = hostile_project(tmp_path / "project", "X")
    for field, (name, key) in {**HOSTILE_FIELDS, **HOSTILE_URL_FIELDS}.items():
        expected = HOSTILE_URLS.get(field) or hostile_text("X", field)
        assert f"{key}: {json.dumps(expected)}" in (project / name).read_text(encoding="utf-8"), field


# --- refused where text is not allowed ------------------------------------------------------------------


def suite_file(name: str) -> data.Located:
    text = (COLUMNS / name).read_text(encoding="utf-8")
    return data.split_front_matter(text, name) if name.endswith(".md") else data.load_yaml(text, name)


def with_value(name: str, path: str, value) -> data.Located:
    """One of the suite's input files with the field at a dotted path set to `value`; a path ending in ":key"
    renames that key."""
    doc = suite_file(name)
    changed = json.loads(json.dumps(doc.value))
    *parents, last = path.split(".")
    node = changed
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if last.startswith(":"):
        node[value] = node.pop(last[1:])
    else:
        node[int(last) if isinstance(node, list) else last] = value
    return data.Located(changed, doc.lines, doc.file)


ICONS = suite_file("data/icons.yml").value
AUTHORS = suite_file("data/authors.yml").value


def front_matter(field: str, line: int):
    return lambda v: data.check_front_matter(with_value("docs/index.md", field, v), AUTHORS), line


def authors(field: str, line: int):
    return lambda v: data.check_authors(with_value("data/authors.yml", field, v), ICONS), line


def networks(field: str, line: int):
    return lambda v: data.check_networks(with_value("data/networks.yml", field, v), ICONS), line


def site_handle(value):
    settings.check_extra({"publisher": {"name": "x"}, "twitter_site": value})


# Fields that take a key, a fixed value, a URL or a path, never free text: {field: (check, line or 0)}.
REFUSING = {
    "template": front_matter("template", 3),
    "author": front_matter("author", 6),
    "original_url": front_matter("original_url", 8),
    "date": front_matter("date", 0),
    "yakovenko": authors(":yakovenko", 0),
    "yakovenko.profile.icon": authors("yakovenko.profile.icon", 8),
    "yakovenko.profile.url": authors("yakovenko.profile.url", 11),
    "0.icon": networks("0.icon", 7),
    "0.url": networks("0.url", 9),
    "2.quote_url": networks("2.quote_url", 20),
    "fb": (lambda v: data.check_icons(with_value("data/icons.yml", "fb", v), lambda path: True), 5),
    "site_url": (lambda v: data.check_site_url(v, "mkdocs.yml"), 0),
    "theme.language": (lambda v: translations.words_for({"en": {}}, v), 0),
    "extra.twitter_site": (site_handle, 0),
}


# A share network's field is named with the network counted from 1 (data/networks.yml is a list).
SHARE_NETWORK_FIELDS = {
    "0.icon": "field 'icon' of the first share network",
    "0.url": "field 'url' of the first share network",
    "2.quote_url": "field 'quote_url' of the third share network",
}


@pytest.mark.parametrize("field", REFUSING)
def test_hostile_text_is_refused_where_only_a_key_url_or_path_belongs(field):
    check, line = REFUSING[field]
    for case, value in HOSTILE.items():
        with pytest.raises(data.InputError) as error:
            check(value)
        message = str(error.value)
        shown = field if field != "yakovenko" else value  # a renamed key is named by its new name
        assert SHARE_NETWORK_FIELDS.get(field, f"field '{shown}'") in message, (case, message)
        assert "expected" in message, (case, message)
        if line:
            assert f", line {line}: " in message, (case, message)


# Each hostile text written as the body: what Markdown makes of it is refused, or it is text.
REFUSED_AS_BODY = {
    "script": "a script (<script>)",
    "close-script": "raw HTML (</script>)",
    "attribute-breakout": "an image (<img src=x onerror=alert(3)>)",
    "mixed": "raw HTML (<Palmyra>)",
}
# The others, as the reader sees them: `back` becomes inline code, character references are decoded once.
SHOWN_AS_BODY = {
    "quotes": "Quotes \"double\" and 'single' and back",
    "ampersands": "Fish & chips & <b> entities",
    "rtl-override": HOSTILE["rtl-override"],
    "long": HOSTILE["long"],
    "cyrillic-emoji": HOSTILE["cyrillic-emoji"],
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_text_as_the_body_is_refused_or_stays_text(case):
    assert set(REFUSED_AS_BODY) | set(SHOWN_AS_BODY) == set(HOSTILE)
    render = Markdown(extensions=["toc", "tables", "fenced_code"]).convert
    source = f"---\nt: x\n---\n{HOSTILE[case]}\n"
    if case in REFUSED_AS_BODY:
        with pytest.raises(data.InputError, match=r"^p\.md, line 4: the column's body") as error:
            body.check_body(source, "p.md", render)
        assert str(error.value).endswith(f"got {REFUSED_AS_BODY[case]}.")
    else:
        body.check_body(source, "p.md", render)
        assert lxml_html.fromstring(render(HOSTILE[case])).text_content() == SHOWN_AS_BODY[case]
