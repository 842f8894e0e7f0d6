"""The pages around the columns: plain pages (an "About", a corrections policy), the index of columns, each
author's page, and "More from" at a column's end.

What makes a page a column is its front matter's `template: column.html`; a page without `template` is a plain
page. The index and the author pages are generated: added as MkDocs files (`generated_files`) and rendered by a
template like any other page, so that every check that runs on a page runs on them. Pure functions; a problem
raises InputError naming the file and the field.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from column import data, render

PLAIN_TEMPLATE = "page.html"
INDEX_TEMPLATE = "index-page.html"
AUTHOR_TEMPLATE = "author.html"
# The generated pages' files: MkDocs publishes them at /columns/ and /authors/<key>/.
INDEX_URI = "columns/index.md"
AUTHOR_URI = "authors/{key}/index.md"
# What a column's file says to be one: the one field that tells a column from a plain page.
COLUMN_MARK = f"'template: {data.COLUMN_TEMPLATE}'"
PLAIN_FRONT_MATTER = {
    "title": (data.TEXT, True),  # the page's heading and <title>
    "description": (data.TEXT, True),  # the meta description and the link preview's text
    "updated": (data.DATE, False),  # when it last changed in substance: the sitemap's lastmod
}
PLAIN = f"a plain page's front matter (a page without 'template'; {COLUMN_MARK} makes a page a column)"
# "More from": how many other columns a column's end lists.
MORE_FROM = 2


# --- plain pages ----------------------------------------------------------------------------------------


def is_column(meta: dict) -> bool:
    return meta.get("template") == data.COLUMN_TEMPLATE


def check_page(doc: data.Located, authors: dict) -> dict:
    """A page's checked front matter: a column's (data.check_front_matter) when it names a template, else a
    plain page's, with the template that draws it."""
    if isinstance(doc.value, dict) and "template" in doc.value:
        return data.check_front_matter(doc, authors)
    meta = data.check_fields(doc, doc.value, "", PLAIN_FRONT_MATTER, PLAIN)
    return {**meta, "template": PLAIN_TEMPLATE}


def is_reserved(src_uri: str, use_directory_urls: bool = True) -> bool:
    """Whether a page of docs/ would be published where a generated page is (/columns/, /authors/...)."""
    path = src_uri.lower()
    if use_directory_urls and path.endswith(".md") and not path.endswith("index.md"):
        path = path[: -len(".md")] + "/index.md"
    return path == INDEX_URI or path.startswith("authors/")


def reserved_error(file: str) -> data.InputError:
    return data.InputError(
        f"{file}: expected a page published elsewhere than /columns/ and /authors/: those addresses are the "
        "index of columns and the authors' pages, which the site makes; rename the file."
    )


# --- the site's columns ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column as the index, its author's page, "More from" and the feeds list it."""

    source: str  # its file in docs/ (src_uri)
    file: str  # its file as errors name it (docs/second.md)
    path: str  # its address in the site, relative to the home page: "" for the home page, "second/"
    url: str  # its canonical URL
    meta: dict  # its checked front matter


def date_key(value: str) -> tuple:
    """A checked date as the index sorts it: by calendar day; within a day, date-times by their instant, after
    (so, newest first, before) any date without a time."""
    parsed = data.parse_date(value)
    if isinstance(parsed, datetime.datetime):
        return (data.calendar_day(parsed), 1, parsed.timestamp())
    return (parsed, 0, 0.0)


def newest_first(columns: list[Column]) -> list[Column]:
    """The index's order: dated columns newest first by `date` (the first publication); then the undated ones,
    whose order no date can give, by their address (the home page's first). No date is invented for them."""
    by_address = sorted(columns, key=lambda column: column.path)
    dated = sorted((c for c in by_address if "date" in c.meta), key=lambda c: date_key(c.meta["date"]), reverse=True)
    return dated + [column for column in by_address if "date" not in column.meta]


def more_from(column: Column, ordered: list[Column], site_name: str) -> dict | None:
    """What a column's end offers: {"name": the series' name, "columns": up to MORE_FROM others}, or None
    when the site has no other column. The series is the columns that share the `column` name; a column alone
    in its series offers the site's others, under the site's name. A dated column offers its neighbours by
    date (the next newer, the next older); an undated one, or one at an end, the latest others."""
    series = [other for other in ordered if other.meta["column"] == column.meta["column"]]
    name, pool = (column.meta["column"], series) if len(series) > 1 else (site_name, ordered)
    others = [other for other in pool if other.source != column.source]
    if not others:
        return None
    chosen: list[Column] = []
    if "date" in column.meta:
        dated = [other for other in pool if "date" in other.meta]
        at = dated.index(column)
        chosen = dated[max(at - 1, 0) : at] + dated[at + 1 : at + 2]
    chosen += [other for other in others if other not in chosen][: MORE_FROM - len(chosen)]
    return {"name": name, "columns": sorted(chosen, key=others.index)}


def profiles(author: dict) -> list[dict]:
    """Every profile of an author (data/authors.yml), in the order written: one `profile` today."""
    return [author["profile"]]


def author_path(key: str) -> str:
    return AUTHOR_URI.format(key=key).removesuffix("index.md")


def listed(column: Column, authors: dict, site_name: str, locale) -> dict:
    """What a list of columns shows of one (the index, an author's page, "More from"): its kicker, headline,
    address, author (name and page), date as shown (or None) and standfirst."""
    meta = column.meta
    return {
        "path": column.path,
        "url": column.url,
        "kicker": render.kicker(meta["column"], site_name),
        "column": meta["column"],
        "title": meta["title"],
        "description": meta["description"],
        "author": {"name": authors[meta["author"]]["name"], "path": author_path(meta["author"])},
        "date": render.shown_date(meta["date"], locale) if "date" in meta else None,
    }


def last_change(columns: list[Column]) -> str | None:
    """The latest change of any of these columns (render.last_modified: `updated`, a correction, `date`): the
    sitemap's lastmod of a page that lists them; None when none of them says when."""
    known = [value for value in (render.last_modified(column.meta) for column in columns) if value]
    return max(known, key=date_key, default=None)


def profile_page_data(*, author: dict, page_url: str, language: str) -> dict:
    """schema.org ProfilePage for an author's page: its mainEntity is the Person, with every profile in sameAs
    (what search engines read as the author's page on the site; the columns' JSON-LD author.url points here)."""
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": page_url,
        "inLanguage": language,
        "mainEntity": {
            "@type": "Person",
            "name": author["name"],
            "jobTitle": author["roles"],
            "url": page_url,
            "sameAs": [profile["url"] for profile in profiles(author)],
        },
    }


def generated_page(template: str, title: str) -> str:
    """A generated page's Markdown: front matter only (the template draws the page from the site's data)."""
    # A JSON string is a YAML double-quoted scalar: any title reads back as written.
    return f"---\ntemplate: {template}\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n"
