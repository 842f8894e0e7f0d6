"""The feeds: Atom 1.0 (RFC 4287, written by feedgen) and JSON Feed 1.1, for the site and for each author.

An entry is a dated column in full, as its page shows it: the standfirst, the body, the corrections, the
first-publication credit and the disclaimer (the page's `e-content`), every link made absolute. Its id is a tag:
URI (RFC 4151) made of where and when the column was first published (`original_url`, `date`): neither the site's
address nor the headline is part of it, so it stays when either changes. `published` is `date`, `updated` the
last change (`updated`, else the last correction, else `date`). A column without `date` is left out: an entry
must carry a date, and none is invented. Pure functions of the columns in and bytes out.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from feedgen.feed import FeedGenerator

from column import data, markup, render

ATOM_TYPE = "application/atom+xml"
JSON_TYPE = "application/feed+json"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# Where the feeds are published, relative to the home page: the site's, and each author's beside their page.
SITE_FEEDS = {"atom": "feed.xml", "json": "feed.json"}
AUTHOR_FEEDS = {"atom": "authors/{key}/feed.xml", "json": "authors/{key}/feed.json"}
CONTENT_CLASS = "e-content"  # the column's text on its page (overrides/column.html), and only that
PERMALINK_CLASS = "oc-permalink"  # a paragraph's link to itself: a control of the page, not the column's text
# What the page's own styles and scripts use, which mean nothing in a feed reader (and an id there could clash).
PAGE_ATTRIBUTES = ("class", "id", "target", "tabindex")
LINK_ATTRIBUTES = ("href", "src", "cite")  # made absolute
# What a tag's specific part may hold as it is (RFC 4151: pchar, "/" and "?"); "%" keeps escapes already made.
TAG_SAFE = "/?:@!$&'()*+,;=%-._~"


@dataclass(frozen=True)
class Entry:
    id: str
    url: str
    title: str
    summary: str
    content_html: str
    published: str  # as the front matter writes it
    updated: str
    author: dict  # {"name", "url"}: the author's page on the site


@dataclass(frozen=True)
class Feed:
    title: str
    home_page_url: str  # the site, or the author's page
    urls: dict  # {"atom": ..., "json": ...}, absolute
    id: str
    language: str  # theme.language, as xml:lang and JSON Feed's language
    author: dict | None  # {"name", "url"} for an author's feed
    logo: str
    icon: str


def feed_paths(key: str | None = None) -> dict[str, str]:
    """The feeds' addresses relative to the home page: the site's (key None), or an author's."""
    return dict(SITE_FEEDS) if key is None else {kind: path.format(key=key) for kind, path in AUTHOR_FEEDS.items()}


def tag_uri(url: str, day: datetime.date) -> str:
    """tag:<host>,<day>:<path and query of url> (RFC 4151): the column's first publication, named by the place and
    the day it was first published. Characters a tag may not hold are percent-encoded."""
    parts = urlsplit(url)
    specific = parts.path or "/"
    if parts.query:
        specific += "?" + parts.query
    if parts.fragment:
        specific += "%23" + parts.fragment
    return f"tag:{parts.hostname},{day.isoformat()}:{quote(specific, safe=TAG_SAFE)}"


def entry_id(meta: dict) -> str:
    return tag_uri(meta["original_url"], data.calendar_day(data.parse_date(meta["date"])))


def feed_id(site_url: str, first_day: datetime.date, path: str) -> str:
    """A feed's own id: a tag: URI of the site's address, the day of its first dated column and the feed's path."""
    host = urlsplit(site_url).hostname
    return f"tag:{host},{first_day.isoformat()}:{urlsplit(site_url).path}{path}"


def timestamp(value: str) -> datetime.datetime:
    """A checked date as the feeds' date-times (RFC 3339 asks for a time): a date-time as written; a day alone
    at its start, in UTC, the one reading that adds no hour the front matter did not give."""
    parsed = data.parse_date(value)
    if isinstance(parsed, datetime.datetime):
        return parsed
    return datetime.datetime.combine(parsed, datetime.time(), tzinfo=datetime.UTC)


def entry_content(page_html: str, page_url: str) -> str:
    """The column's text as its finished page shows it (the element of class e-content), without the paragraphs'
    links to themselves and the page's classes and ids, every link made absolute from the page's URL (a feed
    reader shows it away from the page)."""
    pieces = markup.inside(markup.read(page_html), lambda piece: markup.has_class(piece, CONTENT_CLASS))
    written, skipped = [], 0  # skipped: how deep inside a permalink, which is left out with what it holds
    for piece in pieces:
        if skipped or (piece.kind == markup.START and markup.has_class(piece, PERMALINK_CLASS)):
            if piece.name not in markup.VOID_ELEMENTS:
                skipped += {markup.START: 1, markup.END: -1}.get(piece.kind, 0)
            continue
        if piece.kind == markup.START:
            attrs = tuple(
                (name, urljoin(page_url, value) if name in LINK_ATTRIBUTES and value is not None else value)
                for name, value in piece.attrs
                if name not in PAGE_ATTRIBUTES
            )
            piece = dataclasses.replace(piece, attrs=attrs)
        written.append(markup.write(piece))
    return "".join(written).strip()


def entry(meta: dict, page_url: str, content_html: str, author: dict) -> Entry:
    """A dated column's entry (`meta` has `date`)."""
    return Entry(
        id=entry_id(meta),
        url=page_url,
        title=meta["title"],
        summary=meta["description"],
        content_html=content_html,
        published=meta["date"],
        updated=render.last_modified(meta),
        author=author,
    )


def newest(entries: list[Entry]) -> datetime.datetime:
    return max(timestamp(item.updated) for item in entries)


def atom(feed: Feed, entries: list[Entry]) -> bytes:
    """The Atom document: the feed's `updated` is its entries' latest change, never the build's time, so that
    the same columns give the same bytes."""
    generator = FeedGenerator()
    generator.id(feed.id)
    generator.title(feed.title)
    generator.language(feed.language)
    generator.link(href=feed.urls["atom"], rel="self", type=ATOM_TYPE)
    generator.link(href=feed.home_page_url, rel="alternate", type="text/html")
    generator.link(href=feed.urls["json"], rel="alternate", type=JSON_TYPE)
    generator.logo(feed.logo)
    generator.icon(feed.icon)
    if feed.author:
        generator.author({"name": feed.author["name"], "uri": feed.author["url"]})
    generator.updated(newest(entries))
    for item in entries:
        written = generator.add_entry(order="append")
        written.id(item.id)
        written.title(item.title)
        written.link(href=item.url, rel="alternate", type="text/html")
        written.author({"name": item.author["name"], "uri": item.author["url"]})
        written.published(timestamp(item.published))
        written.updated(timestamp(item.updated))
        written.summary(item.summary)
        written.content(item.content_html, type="html")
    return generator.atom_str(pretty=True)


def json_feed(feed: Feed, entries: list[Entry]) -> bytes:
    """The JSON Feed 1.1 document: the same entries, dates as RFC 3339 date-times like the Atom feed's."""
    document = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": feed.home_page_url,
        "feed_url": feed.urls["json"],
        "language": feed.language,
        "icon": feed.logo,
        "favicon": feed.icon,
        **({"authors": [feed.author]} if feed.author else {}),
        "items": [
            {
                "id": item.id,
                "url": item.url,
                "title": item.title,
                "summary": item.summary,
                "content_html": item.content_html,
                "date_published": timestamp(item.published).isoformat(),
                "date_modified": timestamp(item.updated).isoformat(),
                "authors": [item.author],
                "language": feed.language,
            }
            for item in entries
        ],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def no_feed_message(files: list[str]) -> str:
    """What a build with no dated column says: there is no feed to offer."""
    return (
        f"no feed: no column has a 'date' ({', '.join(files)}), and a feed entry must carry one; the pages offer "
        "no feed until one has."
    )
