"""Reading a built page as the tests do: parsed with lxml, its <meta> tags, its JSON-LD, its words, and the
URLs it fetches (collect)."""

from __future__ import annotations

import json
import re
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


# <link rel> values the browser fetches on a first view.
FETCHED_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "mask-icon",
    "preload",
    "modulepreload",
    "prefetch",
    "manifest",
}
# <link rel> values that open a connection to another host without fetching a file: third-party all the same.
CONNECT_RELS = {"preconnect", "dns-prefetch"}
# <link rel> values fetched on a reader's action, not on a view: the home-screen icon is read when the page is
# added to a home screen (or shown as a tile or in a share sheet). Chromium does not fetch it on a view, nor did
# Lighthouse (one request) or a headed Chromium under Xvfb. Not in the first view's count; its URL is checked
# like the others (this site's, and a file it has).
ON_DEMAND_RELS = {"apple-touch-icon"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)


def css_urls(css: str) -> list[str]:
    return [m.group(2) or m.group(4) for m in CSS_URL.finditer(css)]


def srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def collect(document: str) -> tuple[list[str], list[str], list[str]]:
    """(URLs the page fetches at first view, URLs it fetches on a reader's action, URLs it only connects to),
    in document order, as written. Every srcset candidate is listed, so each is checked and counted (an
    overcount: the browser fetches one); data: URLs and fragment references are not requests."""
    tree = lxml_html.fromstring(document)
    fetched: list[str] = []
    on_demand: list[str] = []
    connects: list[str] = []
    for link in tree.iter("link"):
        rels = set((link.get("rel") or "").lower().split())
        href = link.get("href")
        if href and rels & FETCHED_RELS:
            fetched.append(href)
        elif href and rels & ON_DEMAND_RELS:
            on_demand.append(href)
        elif href and rels & CONNECT_RELS:
            connects.append(href)
    for element in tree.xpath(
        "//script[@src] | //iframe[@src] | //embed[@src] | //audio[@src] | //video[@src] | //track[@src]"
        " | //input[@type='image'][@src]"
    ):
        fetched.append(element.get("src"))
    for element in tree.xpath("//video[@poster]"):
        fetched.append(element.get("poster"))
    for element in tree.xpath("//object[@data]"):
        fetched.append(element.get("data"))
    for element in tree.xpath("//img | //source"):
        if element.get("src"):
            fetched.append(element.get("src"))
        if element.get("srcset"):
            fetched.extend(srcset_urls(element.get("srcset")))
    for style in tree.iter("style"):
        fetched.extend(css_urls(style.text or ""))
    for element in tree.xpath("//*[@style]"):
        fetched.extend(css_urls(element.get("style")))
    keep = lambda url: url and not url.startswith(("data:", "#"))  # noqa: E731
    return [u for u in fetched if keep(u)], [u for u in on_demand if keep(u)], [u for u in connects if keep(u)]
