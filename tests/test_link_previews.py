"""What a shared link shows (issue 3): head tags and JSON-LD read the way crawlers read them, the social
card, the sitemap and robots.txt."""

from __future__ import annotations

import io

import extruct
import pytest
from PIL import Image

from support import ORIGINAL, ROOT, SITE_URL, build, meta


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
        "article:author": "https://x.com/Amb_Yakovenko",
        "article:section": seed.column,
    }


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


def test_json_ld_opinion_news_article(metadata, og, seed):
    (data,) = metadata["json-ld"]
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "OpinionNewsArticle"
    assert data["headline"] == seed.headline
    assert data["description"] == seed.standfirst
    assert data["articleSection"] == seed.column
    assert data["inLanguage"] == "en-GB"
    assert data["url"] == data["mainEntityOfPage"] == SITE_URL
    assert data["image"] == {"@type": "ImageObject", "url": og["og:image"], "width": 1200, "height": 630}
    assert data["author"] == {
        "@type": "Person",
        "name": "Dr Alexander Yakovenko",
        "jobTitle": "Russian Ambassador to the United Kingdom of Great Britain and Northern Ireland, "
        "Deputy foreign minister (2005-2011)",
        "sameAs": ["https://x.com/Amb_Yakovenko"],
    }
    assert data["publisher"] == {"@type": "Organization", "name": "Ambassador's view", "url": SITE_URL}
    assert data["isBasedOn"]["url"] == ORIGINAL
    assert data["isBasedOn"]["publisher"]["name"] == "RT"
    # The column carries no date: none is invented.
    assert not {"datePublished", "dateModified"} & set(data)


def test_one_json_ld_block(page):
    assert len(page.xpath("//script[@type='application/ld+json']")) == 1


def card_bytes(site) -> bytes:
    (card,) = (site / "assets").glob("card.*.png")
    return card.read_bytes()


def test_social_card_is_a_1200x630_png(site, og):
    data = card_bytes(site)
    assert og["og:image"].endswith((next((site / "assets").glob("card.*.png"))).name)
    image = Image.open(io.BytesIO(data))
    assert (image.format, image.size) == ("PNG", (1200, 630))
    # Not a blank canvas: the text is drawn (many distinct colours from anti-aliased glyphs).
    assert len(image.getcolors(maxcolors=1 << 16) or []) > 20


def test_social_card_is_reproducible_and_built_offline(site, tmp_path):
    # conftest builds with the network cut; a second build gives the same bytes.
    result = build(ROOT, tmp_path / "again")
    assert result.returncode == 0, result.stderr
    assert card_bytes(tmp_path / "again") == card_bytes(site)


def test_sitemap_and_robots(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}</loc>" in sitemap and "lastmod" not in sitemap
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots.splitlines()
