"""Reading a built page as the tests do: parsed with lxml, its <meta> tags, its JSON-LD, its words."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import html as lxml_html


def parsed(site: Path, path: str = "index.html"):
    """A page of a built site, parsed."""
    return lxml_html.fromstring((site / path).read_bytes())


def meta(page, name: str) -> str:
    """The content of the one <meta name|property=NAME> in the page's head."""
    (value,) = page.xpath(f"//head/meta[@name='{name}' or @property='{name}']/@content")
    return value


def json_ld(page) -> dict:
    """The page's one JSON-LD object."""
    (block,) = page.xpath("//script[@type='application/ld+json']/text()")
    return json.loads(block)


def words(element) -> str:
    """An element's text as a reader reads it: its words, one space between each."""
    return " ".join(element.text_content().split())


def one(page, selector: str):
    """The one element a CSS selector finds."""
    (element,) = page.cssselect(selector)
    return element
