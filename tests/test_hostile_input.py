"""Hostile metadata renders exactly as text in every context it lands in (issue 4): HTML text, attributes,
URLs, JSON-LD and the card. The same builds are opened in Chromium by tests/browser/test_hostile.py."""

from __future__ import annotations

import io
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from lxml import html as lxml_html
from PIL import Image

from column import card as card_module
from support import HOSTILE, meta


def text(element) -> str:
    return element.text_content().strip()


@pytest.fixture(scope="module", params=list(HOSTILE))
def hostile(request, hostile_sites):
    case = request.param
    site = hostile_sites[case]
    raw = (site / "index.html").read_text(encoding="utf-8")
    return HOSTILE[case], site, raw, lxml_html.fromstring(raw)


def test_text_contexts(hostile):
    value, _, _, page = hostile
    assert page.findtext(".//title") == value
    assert [text(h) for h in page.xpath("//h1")] == [value]
    assert text(page.cssselect(".oc-kicker")[0]) == value
    assert text(page.cssselect(".oc-standfirst")[0]) == value + " (standfirst)"
    assert text(page.cssselect(".oc-disclaimer p")[0]) == value
    assert text(page.cssselect(".oc-bio__text strong")[0]) == value
    assert " ".join(text(page.cssselect(".oc-bio__text")[0]).split()) == " ".join(
        f"{value}, {value}. {value} {value}".split()
    )
    assert text(page.cssselect(".oc-original")[0]).startswith(f"First published by {value}:")
    assert text(page.cssselect(".oc-header__site")[0]) == value


def test_attribute_contexts(hostile):
    value, _, _, page = hostile
    for name in ("og:title", "twitter:title", "article:section"):
        assert meta(page, name) == value
    assert meta(page, "description") == meta(page, "og:description") == value + " (standfirst)"
    assert meta(page, "author") == value
    assert value in meta(page, "og:image:alt")
    assert page.cssselect("[data-oc-share]")[0].get("data-oc-title") == value
    assert meta(page, "og:site_name") == meta(page, "twitter:creator") == value
    assert page.cssselect(".oc-bio__profile")[0].get("aria-label") == f"{value} on {value}"
    assert page.cssselect(".oc-share__list a")[0].get("aria-label") == f"Share on {value}"


def test_url_context(hostile):
    value, _, _, page = hostile
    for link in page.cssselect(".oc-share__list a"):
        query = parse_qs(urlsplit(link.get("href")).query)
        titles = query.get("title") or query.get("text") or query.get("subject")
        if titles and "whatsapp" not in link.get("href"):
            assert titles == [value], link.get("href")
        assert " " not in link.get("href") and "<" not in link.get("href") and '"' not in link.get("href")


def test_json_ld_stays_valid_and_inert(hostile):
    value, _, _raw, page = hostile
    (script,) = page.xpath("//script[@type='application/ld+json']")
    body = script.text
    assert "<" not in body and ">" not in body, "no value can close the script block"
    data = json.loads(body)
    assert data["headline"] == data["articleSection"] == data["author"]["name"] == value
    assert data["author"]["jobTitle"] == data["publisher"]["name"] == data["isBasedOn"]["publisher"]["name"] == value


def test_no_markup_is_injected(hostile):
    _, _, raw, page = hostile
    scripts = page.xpath("//script")
    # The site's own: the theme script in <head>, the JSON-LD block, the page script. Nothing else.
    assert [s.get("type") for s in scripts] == [None, "application/ld+json", None]
    assert not page.xpath("//img | //*[@onerror] | //*[@onload]")
    assert "<script>alert" not in raw and "<img src=x" not in raw


def test_card_is_drawn(hostile):
    _, site, _, _ = hostile
    (card,) = (site / "assets").glob("card.*.png")
    assert Image.open(io.BytesIO(card.read_bytes())).size == (card_module.WIDTH, card_module.HEIGHT)
