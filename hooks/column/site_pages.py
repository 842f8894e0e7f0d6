"""The pages around the columns: the index of columns, each author's page, and "More from" at a column's end.

The index and the author pages are made by the site: added as MkDocs files (follow.add_pages) and rendered by a
template like any other page, so that every check that runs on a page runs on them. Pure functions of the site's
columns (pages.Column); a problem raises InputError naming the file.
"""

from __future__ import annotations

import datetime
import json

from column import data, render
from column.pages import Column

INDEX_TEMPLATE = "index-page.html"
AUTHOR_TEMPLATE = "author.html"
# The pages the site makes: MkDocs publishes them at /columns/ and /authors/<key>/.
INDEX_URI = "columns/index.md"
AUTHOR_URI = "authors/{key}/index.md"
# The addresses that are the site's own: no page of docs/ is published under them.
RESERVED = ("columns/", "authors/")
# "More from": how many other columns a column's end lists.
MORE_FROM = 2


def is_reserved(address: str) -> bool:
    """Whether a page of docs/ would be published where the site's own pages are (/columns/, /authors/...)."""
    return address.lower().startswith(RESERVED)


def reserved_error(file: str) -> data.InputError:
    return data.InputError(
        f"{file}: expected a page published elsewhere than /columns/ and /authors/: those addresses are the "
        "index of columns and the authors' pages, which the site makes; rename the file."
    )


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
    by_address = sorted(columns, key=lambda column: column.address)
    dated = sorted((c for c in by_address if "date" in c.meta), key=lambda c: date_key(c.meta["date"]), reverse=True)
    return dated + [column for column in by_address if "date" not in column.meta]


def more_from(column: Column, ordered: list[Column], site_name: str) -> dict | None:
    """What a column's end offers: {"name": the series' name, "columns": up to MORE_FROM others}, or None
    when the site has no other column. The series is the columns that share the `column` name; a column alone
    in its series offers the site's others, under the site's name. A dated column offers its neighbours by
    date (the next newer, the next older); an undated one, or one at an end, the latest others."""
    series = [other for other in ordered if other.meta["column"] == column.meta["column"]]
    name, pool = (column.meta["column"], series) if len(series) > 1 else (site_name, ordered)
    others = [other for other in pool if other.file != column.file]
    if not others:
        return None
    chosen: list[Column] = []
    if "date" in column.meta:
        dated = [other for other in pool if "date" in other.meta]
        at = dated.index(column)
        chosen = dated[max(at - 1, 0) : at] + dated[at + 1 : at + 2]
    chosen += [other for other in others if other not in chosen][: MORE_FROM - len(chosen)]
    return {"name": name, "columns": sorted(chosen, key=others.index)}


def author_path(key: str) -> str:
    return AUTHOR_URI.format(key=key).removesuffix("index.md")


def listed(column: Column, site_url: str, authors: dict, site_name: str, locale) -> dict:
    """What a list of columns shows of one (the index, an author's page, "More from"): its kicker, headline,
    address, author (name and page), date as shown (or None) and standfirst."""
    meta = column.meta
    return {
        "path": column.address,
        "url": site_url + column.address,
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
            "sameAs": [profile["url"] for profile in author["profiles"]],  # every profile (profiles.check_authors)
        },
    }


def generated_page(template: str, title: str) -> str:
    """A generated page's Markdown: front matter only (the template draws the page from the site's data)."""
    # A JSON string is a YAML double-quoted scalar: any title reads back as written.
    return f"---\ntemplate: {template}\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n"
