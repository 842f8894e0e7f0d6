"""What a shared link shows: the head tags and the JSON-LD read as crawlers read them (extruct), the dates when
the front matter gives them, the social card in its four sizes, the site's icons and logo, the sitemap and
robots.txt. The card and the icons are also drawn here from text and colours written for the tests."""

from __future__ import annotations

import io
import re

import extruct
import pytest
from lxml import etree as lxml_etree
from PIL import Image, ImageFont

from build_harness import ROOT, built, copy_project
from built_pages import meta, one, parsed, words
from card_pixels import PALETTE, card_problems, hex_colours, rgb
from column import card, render, site_icons
from hostile_corpus import HOSTILE_URLS
from project_edits import CORRECTED, TWITTER_SITE, add_front_matter, set_fields, set_language, set_twitter_site
from suite_columns import (
    AUTHOR,
    HEADLINE,
    ORIGINAL,
    PROFILE,
    SECOND_AUTHOR,
    SECOND_DATES,
    SECOND_PROFILE,
    SECOND_TITLE,
    SECOND_URL,
    SITE_URL,
)

# Google's article guidance: images in 16:9, 4:3 and 1:1, each at least 50,000 pixels.
RATIOS = [(1200, 675), (1200, 900), (1200, 1200)]
FINGERPRINTED = r"\.[0-9a-f]{10}\.png$"
CACHED = "\n  Cache-Control: public, max-age=31536000, immutable"


def read(site, path="index.html", base_url=SITE_URL) -> tuple[dict, dict]:
    """(the page's OpenGraph properties, its one JSON-LD object), as extruct reads them."""
    html = (site / path).read_text(encoding="utf-8")
    found = extruct.extract(html, base_url=base_url, syntaxes=["opengraph", "json-ld"], uniform=False)
    (block,) = found["opengraph"]
    (jsonld,) = found["json-ld"]
    return dict(block["properties"]), jsonld


@pytest.fixture(scope="module")
def home(site):
    return read(site)


def test_opengraph_and_the_twitter_card(page, home, seed):
    og, _ = home
    card_url = og["og:image"]
    assert card_url.startswith(SITE_URL + "assets/card.") and card_url.endswith(".png")
    assert og == {
        "og:type": "article",
        "og:title": seed.headline,
        "og:description": seed.standfirst,
        "og:url": SITE_URL,
        "og:site_name": "Ambassador's view",
        "og:locale": "en_GB",
        "og:image": card_url,
        "og:image:width": "1200",
        "og:image:height": "630",
        "og:image:type": "image/png",
        "og:image:alt": f"Ambassador's view: {seed.headline}, by {AUTHOR}",
        "article:section": seed.column,
    }
    # The address comes from SITE_URL (mkdocs.yml holds another), as a deploy preview's would.
    assert page.findtext(".//title") == seed.headline
    assert meta(page, "description") == seed.standfirst
    assert page.xpath("//link[@rel='canonical']/@href") == [SITE_URL]
    assert meta(page, "twitter:card") == "summary_large_image"
    assert meta(page, "twitter:title") == seed.headline
    assert meta(page, "twitter:description") == seed.standfirst
    assert meta(page, "twitter:image") == og["og:image"]
    assert meta(page, "twitter:image:alt") == og["og:image:alt"]
    assert meta(page, "twitter:creator") == "@Amb_Yakovenko"
    # No date, no site handle, no Facebook profile: nothing is invented.
    # In the column; "More from" after it gives the other columns' dates.
    assert not page.xpath("//article//time | //meta[@name='twitter:site'] | //meta[@property='article:author']")
    assert not {"article:published_time", "article:modified_time"} & set(og)


def test_json_ld_opinion_news_article(home, seed):
    _, found = home
    assert found["@context"] == "https://schema.org"
    assert found["@type"] == "OpinionNewsArticle"
    assert (found["headline"], found["description"]) == (seed.headline, seed.standfirst)
    assert (found["articleSection"], found["inLanguage"]) == (seed.column, "en-GB")
    assert found["url"] == found["mainEntityOfPage"] == SITE_URL
    assert found["author"] == {
        "@type": "Person",
        "name": AUTHOR,
        # The author's url is their page on the site (what search engines ask for); the profile is in sameAs.
        "url": SITE_URL + "authors/yakovenko/",
        "jobTitle": "Russian Ambassador to the United Kingdom of Great Britain and Northern Ireland, "
        "Deputy foreign minister (2005-2011)",
        "sameAs": [PROFILE],
    }
    publisher = dict(found["publisher"])
    logo = publisher.pop("logo")
    assert publisher == {"@type": "Organization", "name": "Ambassador's view", "url": SITE_URL}
    assert logo["@type"] == "ImageObject" and logo["url"].startswith(SITE_URL)
    # The column as RT first published it (source/README.md): an opinion article, and RT an organisation.
    assert found["isBasedOn"] == {
        "@type": "OpinionNewsArticle",
        "url": ORIGINAL,
        "publisher": {"@type": "Organization", "name": "RT"},
    }
    assert not {"datePublished", "dateModified", "correction"} & set(found)  # none is invented


def image(site, url: str) -> Image.Image:
    assert url.startswith(SITE_URL + "assets/"), url
    return Image.open(site / url.removeprefix(SITE_URL))


def test_the_card_and_its_three_other_ratios(site, home):
    og, found = home
    headers = (site / "_headers").read_text(encoding="utf-8")
    card_png = image(site, og["og:image"])
    assert (card_png.format, card_png.size) == ("PNG", (1200, 630))
    # Drawn in the page's light palette, written out (card_pixels.PALETTE): paper, an accent band and kicker,
    # the headline in ink, the byline in the muted colour. The hostile builds change the stylesheet's colours.
    assert card_problems((site / og["og:image"].removeprefix(SITE_URL)).read_bytes(), PALETTE) == []
    band, paper = card_png.convert("RGB").getpixel((5, 315)), card_png.convert("RGB").getpixel((1195, 5))
    assert [item["@type"] for item in found["image"]] == ["ImageObject"] * 3
    assert [(item["width"], item["height"]) for item in found["image"]] == RATIOS
    assert len({item["url"] for item in found["image"]}) == 3
    for item in found["image"]:
        picture = image(site, item["url"])
        assert (picture.format, picture.size) == ("PNG", (item["width"], item["height"]))
        # Drawn like the card: the band on the left, the paper, and text (not a blank canvas).
        width, height = picture.size
        picture = picture.convert("RGB")
        assert picture.getpixel((5, height // 2)) == band and picture.getpixel((width - 5, 5)) == paper
        assert len(picture.getcolors(maxcolors=1 << 16) or []) > 20
    # Fingerprinted, so the host caches each for a year.
    for url in [og["og:image"], *(item["url"] for item in found["image"])]:
        assert re.search(FINGERPRINTED, url) and f"/{url.removeprefix(SITE_URL)}{CACHED}" in headers


def assert_an_opaque_tile_in_the_card_palette(picture: Image.Image) -> None:
    """The site's icon on the card's paper: opaque (home screens put black behind transparency), and drawn in
    the accent colour."""
    assert picture.mode in ("RGB", "L", "P") or picture.getextrema()[3] == (255, 255)
    colours = picture.convert("RGB")
    assert colours.getpixel((0, 0)) == PALETTE["paper"]
    assert PALETTE["accent"] in {colour for _, colour in colours.getcolors(maxcolors=1 << 16)}


def test_the_publisher_logo_and_the_site_icons(site, page, home):
    _, found = home
    logo = found["publisher"]["logo"]
    picture = image(site, logo["url"])
    assert re.search(FINGERPRINTED, logo["url"])
    assert picture.format == "PNG" and picture.size == (logo["width"], logo["height"])
    assert logo["width"] == logo["height"] >= 112  # Google: square, at least 112 px
    assert_an_opaque_tile_in_the_card_palette(picture)
    # The home-screen icon, beside the page at the site's root; the 404 page, served at any depth, links it
    # by the site's own path.
    assert page.xpath("//head/link[@rel='apple-touch-icon']/@href") == ["./apple-touch-icon.png"]
    not_found = parsed(site, "404.html")
    assert not_found.xpath("//head/link[@rel='apple-touch-icon']/@href") == ["/ambassadors-view/apple-touch-icon.png"]
    touch = Image.open(site / "apple-touch-icon.png")
    assert (touch.format, touch.size) == ("PNG", (180, 180))
    assert_an_opaque_tile_in_the_card_palette(touch)
    # favicon.ico, for crawlers: the tab's glyph on a transparent ground, at 16, 32 and 48 px.
    icon = Image.open(site / "favicon.ico")
    assert icon.format == "ICO" and icon.ico.sizes() == {(16, 16), (32, 32), (48, 48)}
    for size in (16, 32, 48):
        picture = icon.ico.getimage((size, size)).convert("RGBA")
        assert picture.size == (size, size) and picture.getpixel((0, size - 1))[3] == 0
        opaque = {colour[:3] for _, colour in picture.getcolors(maxcolors=1 << 16) if colour[3] == 255}
        assert opaque == {PALETTE["accent"]}, f"{size} px: {opaque}"
    # The tab keeps its inline SVG icon: no request on the first view.
    (icon_link,) = page.xpath("//head/link[@rel='icon']/@href")
    assert icon_link.startswith("data:image/svg+xml,")


def test_sitemap_and_robots(site):
    # Every page, each with its last change where the front matter gives one: the second column's `updated`, the
    # third's correction, the plain page's `updated`; a page that lists columns, the latest of theirs. The pages of
    # docs/ first (index.md, then by name), then the index of columns and the authors' pages.
    sitemap = lxml_etree.fromstring((site / "sitemap.xml").read_bytes())
    entries = [
        [(child.tag.rpartition("}")[2], child.text) for child in url]
        for url in sitemap.iterfind("{http://www.sitemaps.org/schemas/sitemap/0.9}url")
    ]
    assert entries == [
        [("loc", SITE_URL)],
        [("loc", SITE_URL + "about/"), ("lastmod", "2016-04-12")],
        [("loc", SECOND_URL), ("lastmod", SECOND_DATES[1])],
        [("loc", SITE_URL + "third/"), ("lastmod", "2016-04-12")],
        [("loc", SITE_URL + "columns/"), ("lastmod", "2016-04-12")],
        [("loc", SITE_URL + "authors/nunez/"), ("lastmod", SECOND_DATES[1])],
        [("loc", SITE_URL + "authors/yakovenko/"), ("lastmod", "2016-04-12")],
    ]
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert robots == f"User-agent: *\nAllow: /\n\nSitemap: {SITE_URL}sitemap.xml\n"


# --- dates, the site's handle, a Facebook profile, another English ---------------------------------------


def test_a_second_column_gives_its_own_preview_and_dates(site, second, home):
    """The suite's second column: another author, on Telegram, both dates set."""
    og, found = read(site, "second/index.html", SECOND_URL)
    assert (og["article:published_time"], og["article:modified_time"]) == SECOND_DATES
    assert (found["datePublished"], found["dateModified"]) == SECOND_DATES
    assert og["og:type"] == "article" and og["og:url"] == SECOND_URL and og["og:locale"] == "en_GB"
    assert og["og:image:alt"] == f"Second opinion: {SECOND_TITLE}, by {SECOND_AUTHOR}"
    assert (found["headline"], found["articleSection"], found["inLanguage"]) == (
        SECOND_TITLE,
        "Second opinion",
        "en-GB",
    )
    assert found["description"] == meta(second, "description") == words(one(second, ".oc-standfirst"))
    assert found["url"] == found["mainEntityOfPage"] == SECOND_URL
    assert found["author"]["name"] == meta(second, "author") == SECOND_AUTHOR
    assert found["author"]["url"] == SITE_URL + "authors/nunez/" and found["author"]["sameAs"] == [SECOND_PROFILE]
    assert found["isBasedOn"]["publisher"]["name"] == "Example News"
    # twitter:creator names an X account and article:author a Facebook profile: this author has neither.
    assert "article:author" not in og and second.xpath("//meta[@name='twitter:creator']") == []
    # Its own cards, drawn with its words in the page's colours, none of them the home page's, each cached.
    cards = [og["og:image"], *(item["url"] for item in found["image"])]
    home_cards = {home[0]["og:image"], *(item["url"] for item in home[1]["image"])}
    assert len(set(cards)) == 4 and not set(cards) & home_cards and meta(second, "twitter:image") == cards[0]
    headers = (site / "_headers").read_text(encoding="utf-8")
    assert all(f"/{url.removeprefix(SITE_URL)}{CACHED}" in headers for url in cards)
    assert card_problems((site / cards[0].removeprefix(SITE_URL)).read_bytes(), PALETTE) == []


@pytest.fixture(scope="module")
def variant(tmp_path_factory):
    """The suite's site with the home page dated (a publication date only, with a time), the site's own handle
    set, the author's profile on Facebook (at a hostile but well-formed URL) and American English."""
    work = tmp_path_factory.mktemp("variant")
    project = copy_project(work / "project")
    add_front_matter(project / "docs" / "index.md", {"date": "2016-03-28T09:30:00Z"})
    set_twitter_site(project, TWITTER_SITE)
    facebook = {"    network": "Facebook", "    icon": "fb", "    url": HOSTILE_URLS["profile_url"]}
    set_fields(project / "data" / "authors.yml", facebook)
    set_language(project, "en-US")
    return built(project, work / "site")


def test_a_publication_date_alone_a_site_handle_and_a_facebook_profile(variant):
    page, (og, found) = parsed(variant), read(variant)
    times = [(time.get("datetime"), time.text_content()) for time in page.cssselect(".oc-byline time")]
    assert times == [("2016-03-28T09:30:00Z", "March 28, 2016")]  # as American English writes it
    assert "Updated" not in page.cssselect(".oc-byline")[0].text_content()
    assert og["article:published_time"] == found["datePublished"] == "2016-03-28T09:30:00Z"
    assert "article:modified_time" not in og and "dateModified" not in found
    sitemap = (variant / "sitemap.xml").read_text(encoding="utf-8")
    assert re.search(rf"<loc>{re.escape(SITE_URL)}</loc>\s*<lastmod>2016-03-28T09:30:00Z</lastmod>", sitemap)
    assert page.xpath("//head/meta[@name='twitter:site']/@content") == [TWITTER_SITE]
    # article:author is a profile's URL, which Facebook reads as a Facebook profile; given exactly as written.
    assert og["article:author"] == HOSTILE_URLS["profile_url"]


def test_one_language_setting_feeds_every_signal(variant):
    page, (og, found) = parsed(variant), read(variant)
    assert (page.get("lang"), og["og:locale"], found["inLanguage"]) == ("en-US", "en_US", "en-US")
    assert parsed(variant, "404.html").get("lang") == "en-US"


def test_a_corrected_column_gives_its_last_correction_as_its_change(corrected_site):
    """No `updated` in the front matter: a correction changed the column, so its date is the page's."""
    og, found = read(corrected_site)
    assert og["article:modified_time"] == found["dateModified"] == "2016-04-02T09:00:00+01:00"
    sitemap = (corrected_site / "sitemap.xml").read_text(encoding="utf-8")
    assert re.search(rf"<loc>{re.escape(SITE_URL)}</loc>\s*<lastmod>2016-04-02T09:00:00\+01:00</lastmod>", sitemap)
    # schema.org's correction, the words as a reader sees them; the block stays inert.
    assert found["correction"] == [
        {"@type": "CorrectionComment", "text": CORRECTED[0], "datePublished": "2016-03-30"},
        {"@type": "CorrectionComment", "text": CORRECTED[1], "datePublished": "2016-04-02T09:00:00+01:00"},
    ]
    (block,) = parsed(corrected_site).xpath("//script[@type='application/ld+json']")
    assert "<" not in block.text and ">" not in block.text


@pytest.mark.parametrize(
    "fields, modified",
    [
        ({"corrections": [{"date": "2016-03-30"}]}, "2016-03-30"),  # no date at all: the correction's
        ({"date": "2016-03-28", "updated": "2016-04-05", "corrections": [{"date": "2016-03-30"}]}, "2016-04-05"),
        # The same day as the correction, at any time of it, is not before it.
        ({"updated": "2016-03-30T08:00:00Z", "corrections": [{"date": "2016-03-30"}]}, "2016-03-30T08:00:00Z"),
        ({"date": "2016-03-28"}, None),
    ],
)
def test_the_modified_date_is_updated_else_the_last_correction(fields, modified):
    assert render.modified_date(fields) == modified
    assert render.last_modified(fields) == (modified or fields.get("date"))


# --- the card and the icons, drawn ---------------------------------------------------------------------

# At the smallest size, where a headline too long for its box is cut.
SMALLEST = ImageFont.truetype(str(card.SERIF_BOLD), min(card.HEADLINE_SIZES))


@pytest.mark.parametrize(
    "headline, width, height",
    [
        *[(("Liberation of Palmyra " * 100)[:length].strip(), 1040, 330) for length in (10, 60, 200, 500, 2000)],
        ("Liberation of Palmyra Liberatio", 1040, 10),  # no line fits its box: one cut line at the least
        # The kept line fills the width (a width as wide as its text): a word goes, to make room for "…".
        (" ".join(["army"] * 20), SMALLEST.getlength("army army army"), 10),
        # A line of one word, longer than the box is wide: cut between characters.
        ("x" * 50, SMALLEST.getlength("x" * 10), 10),
    ],
)
def test_card_headline_always_fits(headline, width, height):
    font, lines = card.fit_headline(headline, width, height)
    assert lines and all(font.getlength(line) <= width for line in lines)

    def fits(count: int) -> bool:
        return count * font.size * card.LINE_SPACING <= height

    shown = " ".join(lines)
    if not shown.endswith(" …"):
        assert shown == headline and fits(len(lines))
        return
    # Only a headline too long for the smallest size is cut: as many lines as fit (at least one) are kept,
    # and the last one ends in " …" after as many of its words as leave room for it (or, for a line of one
    # word, as many characters).
    assert font.size == min(card.HEADLINE_SIZES)
    assert (fits(len(lines)) or len(lines) == 1) and not fits(len(lines) + 1)
    kept, last = shown.removesuffix(" …"), lines[-1].removesuffix(" …")
    assert last.strip() and headline.startswith(kept)
    rest = headline[len(kept) :]
    if not rest:  # all of it, on the one line a box too low for any line still gets
        assert len(lines) == 1
    elif rest.startswith(" "):  # cut between words: the next one would not fit
        assert font.getlength(f"{last} {rest.split()[0]} …") > width
    else:  # cut inside the line's one word: the next character would not fit
        assert " " not in last and font.getlength(f"{last}{rest[0]} …") > width


def test_card_text_exactly_as_wide_or_tall_as_its_box_fits():
    # "Fits" is "no wider (taller) than the box", also at the limit: each box below is the size of its text.
    assert card.wrap("army army army", SMALLEST, SMALLEST.getlength("army army")) == ["army army", "army"]
    assert card.wrap("x" * 10, SMALLEST, SMALLEST.getlength("x" * 4)) == ["x" * 4, "x" * 4, "x" * 2]
    largest = max(card.HEADLINE_SIZES)
    font, lines = card.fit_headline("Palmyra", 1040, largest * card.LINE_SPACING)
    assert (font.size, lines) == (largest, ["Palmyra"])
    # Cut to one line at the smallest size: "army army …" is as wide as the box, so it is kept whole.
    font, lines = card.fit_headline(" ".join(["army"] * 20), SMALLEST.getlength("army army …"), 10)
    assert (font.size, lines) == (min(card.HEADLINE_SIZES), ["army army …"])
    # A word longer than a line is wrapped between its characters.
    font = ImageFont.truetype(str(card.SERIF_BOLD), 40)
    lines = card.wrap("x" * 300, font, 400)
    assert "".join(lines) == "x" * 300 and all(font.getlength(line) <= 400 for line in lines)


@pytest.mark.parametrize(
    "css, palette",
    [
        ("--oc-accent: light-dark(#123456, #fff);", {"accent": "#123456"}),
        ("--oc-ink: light-dark(#abc, #fff);", {"ink": "#abc"}),
        # Only #rgb or #rrggbb: what the card's drawing and the favicon take.
        *[(f"--oc-accent: light-dark({colour}, #fff);", {}) for colour in ["#abcd", "#abcde", "#1234567", "#ggg"]],
    ],
)
def test_card_colours_are_the_stylesheets_light_ones(css, palette):
    assert render.light_palette(css) == palette
    stylesheet = (ROOT / "overrides" / "assets" / "column.css").read_text(encoding="utf-8")
    assert set(card.PALETTE_NAMES) <= set(render.light_palette(stylesheet))


def test_card_problems_sees_a_card_without_byline_or_in_other_colours():
    """The control for the pixel check: a card with no byline, and one in other colours than the page's."""
    palette = hex_colours(PALETTE)
    args = dict(headline="Liberation of Palmyra", column="Ambassador's view", author=AUTHOR)
    assert card_problems(card.render_card(**args, palette=palette), PALETTE) == []
    no_byline = card.render_card(**args, palette={**palette, "muted": palette["paper"]})  # drawn unseen
    assert card_problems(no_byline, PALETTE) == ["no byline drawn in muted in (60, 500, 1140, 600)"]
    other = card.render_card(**args, palette={**palette, "paper": "#ffffff"})
    assert "the margin (24, 0, 1200, 56) is not bare paper" in card_problems(other, PALETTE)
    # The same input draws the same card; other words another.
    assert card.render_card(**args, palette=palette) == card.render_card(**args, palette=palette)
    assert card.render_card(**args, palette=palette) != card.render_card(
        **{**args, "headline": "Other"}, palette=palette
    )


def rows_with(image, colour, x0=card.BAND, x1=card.WIDTH) -> list[int]:
    """The rows of `image` that hold `colour` between x0 and x1 (the accent band left out)."""
    return [
        y
        for y in range(image.height)
        if colour in {found for _, found in image.crop((x0, y, x1, y + 1)).getcolors(maxcolors=x1 - x0)}
    ]


def runs(rows: list[int]) -> list[tuple[int, int]]:
    """Consecutive rows as (first, last) runs."""
    found: list[list[int]] = []
    for y in rows:
        if found and y == found[-1][1] + 1:
            found[-1][1] = y
        else:
            found.append([y, y])
    return [tuple(run) for run in found]


def test_card_layout_kicker_headline_rule_byline():
    colours = {"paper": "#ffffff", "ink": "#000000", "muted": "#444444", "accent": "#aa0000"}
    png = card.render_card(headline=HEADLINE, column="Ambassador's view", author=AUTHOR, palette=colours)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    kicker, *rule = runs(rows_with(image, rgb(colours["accent"])))
    headline = runs(rows_with(image, rgb(colours["ink"])))
    # The muted grey is also a shade on the edges of black letters: the byline is the grey below the rule.
    (byline,) = [run for run in runs(rows_with(image, rgb(colours["muted"]))) if run[0] > rule[-1][1]]
    # Top to bottom: the kicker, the headline's lines, a short accent rule, the byline.
    assert kicker[1] < headline[0][0] and headline[-1][1] < rule[0][0] and rule[-1][1] < byline[0]
    assert image.height - byline[1] >= card.MARGIN // 2
    # The rule: one stroke a few pixels thick, from the text's left edge, about a tenth of the card wide.
    ((top, bottom),) = rule
    assert 3 <= bottom - top + 1 <= 6
    accent = rgb(colours["accent"])
    stroke = [x for x in range(card.WIDTH) if image.getpixel((x, top + 1)) == accent and x >= card.BAND]
    assert stroke[0] == card.MARGIN and 100 <= len(stroke) <= 160 and stroke[-1] - stroke[0] == len(stroke) - 1
    # Each line of the headline stands apart, and the block sits in the middle of the space it has.
    assert len(headline) >= 2
    above, below = headline[0][0] - kicker[1], rule[0][0] - headline[-1][1]
    assert abs(above - below) <= 0.25 * (above + below), (above, below)


def box_svg(width: int, height: int, colour: str = "#aa0000") -> str:
    """A filled rectangle filling its viewBox: its drawn box is the glyph's."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}">'
        f'<rect width="{width}" height="{height}" fill="{colour}"/></svg>'
    )


@pytest.mark.parametrize(
    "width, height, box",
    [
        (20, 10, (0, 8, 32, 24)),  # wider than tall: the width fills the square, centred top to bottom
        (10, 20, (8, 0, 24, 32)),  # taller than wide: the height fills it, centred left to right
        (10, 10, (0, 0, 32, 32)),
    ],
)
def test_a_glyph_is_drawn_centred_with_its_aspect_kept(width, height, box):
    square = site_icons.glyph(box_svg(width, height), 32)
    assert square.size == (32, 32) and square.mode == "RGBA"
    assert square.getbbox() == box  # the bounding box of what is not transparent
    assert square.getpixel((16, 16)) == (0xAA, 0, 0, 255)


def test_a_tile_is_opaque_paper_with_the_glyph_centred_clear_of_the_edges():
    image = Image.open(io.BytesIO(site_icons.tile(box_svg(10, 10), 180, "#fafafa")))
    assert image.format == "PNG" and image.mode == "RGB" and image.size == (180, 180)
    inked = image.point(lambda value: 255 - value).convert("L").point(lambda v: v > 8 and 255)
    left, top, right, bottom = inked.getbbox()
    # Centred, at least half the tile, and clear of the tenth that iOS crops on each side.
    assert left == 180 - right and top == 180 - bottom and left == top
    assert left >= 18 and right - left >= 90
    assert image.getpixel((0, 0)) == image.getpixel((179, 179)) == (0xFA, 0xFA, 0xFA)
    assert image.getpixel((90, 90)) == (0xAA, 0, 0)


def test_favicon_ico_draws_each_size_on_its_own():
    icon = Image.open(io.BytesIO(site_icons.favicon_ico(box_svg(20, 10))))
    assert icon.format == "ICO" and sorted(icon.info["sizes"]) == [(16, 16), (32, 32), (48, 48)]
    for size in (16, 32, 48):
        icon.size = (size, size)
        assert icon.convert("RGBA").getbbox() == (0, size // 4, size, size - size // 4)  # transparent above, below
