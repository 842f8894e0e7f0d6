"""What a shared link shows (issues 3 and 13): head tags and JSON-LD read the way crawlers read them, the
social card and its other ratios, the site's icons and logo, the sitemap and robots.txt. The same page with
its optional dates set: tests/test_publication_dates.py."""

from __future__ import annotations

import io
import re

import extruct
import pytest
from lxml import etree as lxml_etree
from lxml import html as lxml_html
from PIL import Image

from column import card
from support import (
    COLUMN_PAGES,
    HOSTILE_URLS,
    ORIGINAL,
    OTHER_PAGES,
    PALETTE,
    SECOND_URL,
    SITE_URL,
    build,
    build_cli,
    card_problems,
    copy_project,
    meta,
    set_fields,
)

PROFILE = "https://x.com/Amb_Yakovenko"
HOSTILE = HOSTILE_URLS["profile.url"]
# Google's article guidance: images in 16:9, 4:3 and 1:1, each at least 50,000 pixels.
RATIOS = [(16, 9), (4, 3), (1, 1)]
MIN_PIXELS = 50_000
FINGERPRINTED = re.compile(r"\.[0-9a-f]{10}\.png$")


@pytest.fixture(scope="session")
def metadata(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    return extruct.extract(html, base_url=SITE_URL, syntaxes=["opengraph", "json-ld"], uniform=False)


@pytest.fixture(scope="session")
def og(metadata) -> dict:
    (block,) = metadata["opengraph"]
    return dict(block["properties"])


def test_opengraph_fields(og, seed):
    card = og["og:image"]
    assert card.startswith(SITE_URL + "assets/card.") and card.endswith(".png")
    assert og == {
        "og:type": "article",
        "og:title": seed.headline,
        "og:description": seed.standfirst,
        "og:url": SITE_URL,
        "og:site_name": "Ambassador's view",
        "og:locale": "en_GB",
        "og:image": card,
        "og:image:width": "1200",
        "og:image:height": "630",
        "og:image:type": "image/png",
        "og:image:alt": f"Ambassador's view: {seed.headline}, by Dr Alexander Yakovenko",
        "article:section": seed.column,
    }


def test_article_author_is_given_for_a_facebook_profile_only(tmp_path):
    # OpenGraph's article:author is a profile's URL, which Facebook reads as a Facebook profile (a follow
    # button); this column's author is on X, so it has none (test_opengraph_fields). An author on Facebook
    # gets it, exactly as written: here a hostile but well-formed URL.
    project = copy_project(tmp_path / "project")
    set_fields(project / "data" / "authors.yml", {"    network": "Facebook", "    icon": "fb", "    url": HOSTILE})
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    (block,) = extruct.extract(html, base_url=SITE_URL, syntaxes=["opengraph"], uniform=False)["opengraph"]
    assert [value for name, value in block["properties"] if name == "article:author"] == [HOSTILE]


def test_title_description_canonical_and_twitter_card(page, og, seed):
    assert page.findtext(".//title") == seed.headline
    assert meta(page, "description") == seed.standfirst
    assert page.xpath("//link[@rel='canonical']/@href") == [SITE_URL]
    assert meta(page, "twitter:card") == "summary_large_image"
    assert meta(page, "twitter:title") == seed.headline
    assert meta(page, "twitter:description") == seed.standfirst
    assert meta(page, "twitter:image") == og["og:image"]
    assert meta(page, "twitter:image:alt") == og["og:image:alt"]
    assert meta(page, "twitter:creator") == "@Amb_Yakovenko"
    # The site has no handle of its own configured: none is invented.
    assert not page.xpath("//meta[@name='twitter:site']")


def test_one_language_setting_says_en_gb_everywhere(page, og, metadata):
    assert page.get("lang") == "en-GB"
    assert og["og:locale"] == "en_GB"
    assert metadata["json-ld"][0]["inLanguage"] == "en-GB"


def test_json_ld_opinion_news_article(metadata, og, seed):
    (data,) = metadata["json-ld"]
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "OpinionNewsArticle"
    assert data["headline"] == seed.headline
    assert data["description"] == seed.standfirst
    assert data["articleSection"] == seed.column
    assert data["inLanguage"] == "en-GB"
    assert data["url"] == data["mainEntityOfPage"] == SITE_URL
    # The author's url is their page on the site (what search engines ask for); the profile is in sameAs.
    assert data["author"] == {
        "@type": "Person",
        "name": "Dr Alexander Yakovenko",
        "url": SITE_URL + "authors/yakovenko/",
        "jobTitle": "Russian Ambassador to the United Kingdom of Great Britain and Northern Ireland, "
        "Deputy foreign minister (2005-2011)",
        "sameAs": [PROFILE],
    }
    publisher = dict(data["publisher"])
    logo = publisher.pop("logo")
    assert publisher == {"@type": "Organization", "name": "Ambassador's view", "url": SITE_URL}
    assert logo["@type"] == "ImageObject" and logo["url"].startswith(SITE_URL)
    # The column as RT first published it (source/README.md): an opinion article, and RT an organisation.
    assert data["isBasedOn"] == {
        "@type": "OpinionNewsArticle",
        "url": ORIGINAL,
        "publisher": {"@type": "Organization", "name": "RT"},
    }
    # The column carries no date: none is invented.
    assert not {"datePublished", "dateModified"} & set(data)


def test_json_ld_images_are_the_card_in_three_ratios(metadata, site):
    (data,) = metadata["json-ld"]
    images = data["image"]
    assert [image["@type"] for image in images] == ["ImageObject"] * 3
    for image, (across, down) in zip(images, RATIOS, strict=True):
        width, height = image["width"], image["height"]
        assert width * down == height * across, f"{image['url']} is not {across}:{down}"
        assert width * height >= MIN_PIXELS
        assert image["url"].startswith(SITE_URL + "assets/") and FINGERPRINTED.search(image["url"])
        picture = Image.open(site / image["url"].removeprefix(SITE_URL))
        assert (picture.format, picture.size) == ("PNG", (width, height))
    assert len({image["url"] for image in images}) == 3
    # Fingerprinted files are cached for a year by the host: each of them is listed.
    headers = (site / "_headers").read_text(encoding="utf-8")
    for image in images:
        path = image["url"].removeprefix(SITE_URL)
        assert f"/{path}\n  Cache-Control: public, max-age=31536000, immutable" in headers


def test_ratio_images_are_drawn_like_the_card(metadata, site, og):
    card = Image.open(site / og["og:image"].removeprefix(SITE_URL)).convert("RGB")
    band, paper = card.getpixel((5, 315)), card.getpixel((1195, 5))  # the accent band, the paper
    for image in metadata["json-ld"][0]["image"]:
        picture = Image.open(site / image["url"].removeprefix(SITE_URL)).convert("RGB")
        width, height = picture.size
        assert picture.getpixel((5, height // 2)) == band and picture.getpixel((width - 5, 5)) == paper
        assert len(picture.getcolors(maxcolors=1 << 16) or []) > 20  # text drawn, not a blank canvas


def test_publisher_logo_is_a_square_png_of_at_least_112_px(metadata, site, og):
    logo = metadata["json-ld"][0]["publisher"]["logo"]
    assert FINGERPRINTED.search(logo["url"])
    picture = Image.open(site / logo["url"].removeprefix(SITE_URL))
    assert picture.format == "PNG" and picture.size == (logo["width"], logo["height"])
    assert logo["width"] == logo["height"] >= 112
    assert_an_opaque_tile_in_the_card_palette(picture, site, og)


def assert_an_opaque_tile_in_the_card_palette(picture, site, og):
    """The site's icon on the card's paper: opaque (home screens put black behind transparency), and
    drawn in the card's accent colour."""
    card = Image.open(site / og["og:image"].removeprefix(SITE_URL)).convert("RGB")
    accent, paper = card.getpixel((5, 315)), card.getpixel((1195, 5))
    assert picture.mode in ("RGB", "L", "P") or picture.getextrema()[3] == (255, 255)
    rgb = picture.convert("RGB")
    assert rgb.getpixel((0, 0)) == paper
    assert accent in {colour for _, colour in rgb.getcolors(maxcolors=1 << 16)}


def test_apple_touch_icon_is_linked_and_180_px(page, site, og):
    (href,) = page.xpath("//head/link[@rel='apple-touch-icon']/@href")
    assert href == "./apple-touch-icon.png"  # beside the page, at the site's root
    picture = Image.open(site / "apple-touch-icon.png")
    assert (picture.format, picture.size) == ("PNG", (180, 180))
    assert_an_opaque_tile_in_the_card_palette(picture, site, og)


def test_the_404_page_links_the_same_apple_touch_icon(site):
    # Served at any depth, so its link is absolute from the host's root: the site's own path.
    page = lxml_html.fromstring((site / "404.html").read_bytes())
    assert page.xpath("//head/link[@rel='apple-touch-icon']/@href") == ["/ambassadors-view/apple-touch-icon.png"]


def test_favicon_ico_at_the_root_has_16_32_and_48_px(site, page, og):
    icon = Image.open(site / "favicon.ico")
    assert icon.format == "ICO"
    assert icon.ico.sizes() == {(16, 16), (32, 32), (48, 48)}
    card = Image.open(site / og["og:image"].removeprefix(SITE_URL)).convert("RGB")
    accent = card.getpixel((5, 315))
    for size in (16, 32, 48):
        picture = icon.ico.getimage((size, size)).convert("RGBA")
        assert picture.size == (size, size)
        assert picture.getpixel((0, size - 1))[3] == 0  # the tab's icon: a glyph on a transparent ground
        opaque = {colour[:3] for _, colour in picture.getcolors(maxcolors=1 << 16) if colour[3] == 255}
        assert opaque == {accent}, f"{size} px: {opaque}"
    # The tab keeps its inline SVG icon (no request on the first view); favicon.ico is for crawlers.
    (icon_link,) = page.xpath("//head/link[@rel='icon']/@href")
    assert icon_link.startswith("data:image/svg+xml,")


def test_no_time_appears_without_a_date(page, og):
    # In the column; "More from" after it gives the other columns' dates.
    assert not page.xpath("//article//time")
    assert not {"article:published_time", "article:modified_time"} & set(og)


def test_one_json_ld_block(page):
    assert len(page.xpath("//script[@type='application/ld+json']")) == 1


def card_bytes(site, og) -> bytes:
    path = site / og["og:image"].removeprefix(SITE_URL)
    assert path.parent == site / "assets" and FINGERPRINTED.search(path.name)
    return path.read_bytes()


def test_social_card_is_a_1200x630_png(site, og):
    image = Image.open(io.BytesIO(card_bytes(site, og)))
    assert (image.format, image.size) == ("PNG", (1200, 630))


def test_social_card_is_drawn_in_the_page_colours_with_every_part_in_place(site, og):
    # The page's light palette, written out (support.PALETTE): paper, an accent band and kicker, the
    # headline in ink, the byline in the muted colour at the bottom. The hostile builds change the
    # stylesheet's colours and check that the card follows (tests/test_hostile_input.py).
    assert card_problems(card_bytes(site, og), PALETTE) == []


def test_card_problems_sees_a_card_without_byline_or_in_other_colours():
    """Control: the pixel check fails a card with no byline and a card in colours other than the page's."""
    hex_palette = {name: "#{:02x}{:02x}{:02x}".format(*colour) for name, colour in PALETTE.items()}
    args = dict(headline="Liberation of Palmyra", column="Ambassador's view", author="Dr Alexander Yakovenko")
    assert card_problems(card.render_card(**args, palette=hex_palette), PALETTE) == []
    no_byline = card.render_card(**args, palette={**hex_palette, "muted": hex_palette["paper"]})  # drawn unseen
    assert card_problems(no_byline, PALETTE) == ["no byline drawn in muted in (60, 500, 1140, 600)"]
    other = card.render_card(**args, palette={**hex_palette, "paper": "#ffffff"})
    assert "the margin (24, 0, 1200, 56) is not bare paper" in card_problems(other, PALETTE)


def tree(folder) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_two_builds_give_the_same_bytes_offline(suite_project, site, tmp_path):
    # conftest builds in the test process with the network cut; `mkdocs build` run as a command, as make runs
    # it, gives the same files, images and icons included. So the in-process build the tests use is the real one.
    result = build_cli(suite_project, tmp_path / "again")
    assert result.returncode == 0, result.stderr
    first, second = tree(site), tree(tmp_path / "again")
    assert {"favicon.ico", "apple-touch-icon.png"} <= set(first)
    # Each column's card and its three other ratios, each other page's card; the logo and the touch icon, once.
    assert sum(name.endswith(".png") for name in first) == 4 * len(COLUMN_PAGES) + len(OTHER_PAGES) + 2
    assert sorted(second) == sorted(first)
    assert [name for name in first if first[name] != second[name]] == []


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
        [("loc", SECOND_URL), ("lastmod", "2016-04-05T08:30:00+01:00")],
        [("loc", SITE_URL + "third/"), ("lastmod", "2016-04-12")],
        [("loc", SITE_URL + "columns/"), ("lastmod", "2016-04-12")],
        [("loc", SITE_URL + "authors/nunez/"), ("lastmod", "2016-04-05T08:30:00+01:00")],
        [("loc", SITE_URL + "authors/yakovenko/"), ("lastmod", "2016-04-12")],
    ]
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert robots == f"User-agent: *\nAllow: /\n\nSitemap: {SITE_URL}sitemap.xml\n"
