"""What following the column needs of the whole site, decided once: `Follow`, made when every page of docs/ has
been read (on_files) and before any is rendered, holds the site's columns in the index's order and the pages
the site makes (the index, the authors' pages). What the templates read of it (the index's address and the
feeds' for every page, each column's "More from", the sitemap's dates of the pages the site makes) and the
feeds' files are functions of it and of the Site.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from column import data, feeds, site_pages
from column.pages import Column
from column.settings import FAVICON_ICO, Site


@dataclass(frozen=True)
class Follow:
    columns: tuple[Column, ...]  # the site's columns (not its plain pages), in the index's order
    made: Mapping[str, str | None]  # the pages the site makes, by source: None for the index, else an author's key


def read_follow(site: Site, pages: Mapping[str, Column]) -> Follow:
    """The Follow of the site's pages (by source, columns and plain pages): the index once the site has two
    columns or more, and a page for each author of a column."""
    for page in pages.values():
        if site_pages.is_reserved(page.address):
            raise site_pages.reserved_error(page.file)
    columns = [page for page in pages.values() if page.is_column]
    check_original_urls(columns)
    made: dict[str, str | None] = {site_pages.INDEX_URI: None} if len(columns) > 1 else {}
    for key in sorted({column.meta["author"] for column in columns}):
        made[site_pages.AUTHOR_URI.format(key=key)] = key
    return Follow(tuple(site_pages.newest_first(columns)), made)


def check_original_urls(columns: list[Column]) -> None:
    """Two columns first published at one address would be one entry twice to a feed reader (the entries' ids
    are made of it): stop, naming both files."""
    seen: dict[str, str] = {}
    for column in sorted(columns, key=lambda c: c.file):
        url = column.meta["original_url"]
        if url in seen:
            raise data.InputError(
                f"{column.file}: field 'original_url': expected the address where this column was first "
                f"published, got {url!r}, which {seen[url]} gives too."
            )
        seen[url] = column.file


def add_pages(files: Files, config: MkDocsConfig, site: Site, follow: Follow) -> Files:
    """The pages the site makes, as MkDocs files: front matter only, which names the template that draws each."""
    for source, key in follow.made.items():
        if key is None:
            page = site_pages.generated_page(site_pages.INDEX_TEMPLATE, site.words.texts["index.title"])
        else:
            page = site_pages.generated_page(site_pages.AUTHOR_TEMPLATE, site.authors[key]["name"])
        files.append(File.generated(config, source, content=page))
    return files


def warnings(follow: Follow) -> list[str]:
    """What a build says of what it cannot offer (warnings that `--strict` lets through): each column without
    `date` (and without `date: unknown`, which says it is not known), which shows no date and is in no feed; and,
    when no column is dated, that the site has no feed."""
    said = [data.undated_warning(column.file) for column in follow.columns if column.warns_undated]
    if follow.columns and not dated(follow):
        said.append(feeds.no_feed_message([column.file for column in follow.columns]))
    return said


def dated(follow: Follow, key: str | None = None) -> list[Column]:
    """The columns a feed lists, the site's (key None) or an author's: the dated ones, newest first."""
    return [c for c in follow.columns if "date" in c.meta and key in (None, c.meta["author"])]


def by_author(follow: Follow, key: str) -> list[Column]:
    return [column for column in follow.columns if column.meta["author"] == key]


def author_url(site: Site, key: str) -> str:
    return site.url + site_pages.author_path(key)


def feed_urls(site: Site, follow: Follow, key: str | None) -> dict | None:
    """The feeds' absolute URLs, the site's (key None) or an author's; None when no column of theirs is dated."""
    if not dated(follow, key):
        return None
    return {kind: site.url + path for kind, path in feeds.feed_paths(key).items()}


def feed_title(site: Site, key: str) -> str:
    return site.words.text("feed.author_title", author=site.authors[key]["name"], site=site.name)


def site_links(site: Site, follow: Follow) -> dict:
    """What every page links to (main.html): the index, once there is one, and the site's feeds, once a column
    is dated: {"index": its address or None, "feeds": {kind: absolute URL} or None}."""
    has_index = site_pages.INDEX_URI in follow.made
    return {
        "index": site_pages.INDEX_URI.removesuffix("index.md") if has_index else None,
        "feeds": feed_urls(site, follow, None),
    }


def lastmod(follow: Follow) -> dict[str, str]:
    """The sitemap's lastmod of the pages the site makes: the last change of a column they list, where known."""
    found = {}
    for source, key in follow.made.items():
        change = site_pages.last_change(list(follow.columns) if key is None else by_author(follow, key))
        if change:
            found[source] = change
    return found


def listed(site: Site, columns: list[Column]) -> list[dict]:
    return [site_pages.listed(c, site.url, site.authors, site.name, site.words.locale) for c in columns]


def column_values(site: Site, follow: Follow, column: Column) -> dict:
    """What a column's page adds: "More from", its author's page and feeds."""
    more = site_pages.more_from(column, list(follow.columns), site.name)
    key = column.meta["author"]
    return {
        "more_from": more and {"name": more["name"], "columns": listed(site, more["columns"])},
        "author_path": site_pages.author_path(key),
        "author_feeds": feed_urls(site, follow, key),
        "author_feed_title": feed_title(site, key),
    }


def feed_files(site: Site, follow: Follow, texts: Mapping[str, str]) -> dict[str, bytes]:
    """The site's feeds and each author's, Atom and JSON Feed, by path, of the dated columns newest first;
    `texts` is each dated column's text by file, as its finished page shows it. None when no column is dated;
    none either when a --dirty build did not render every dated column (the feeds on disk stay as they were)."""
    columns = dated(follow)
    if not columns or any(column.file not in texts for column in columns):
        return {}
    first_day = min(data.calendar_day(data.parse_date(c.meta["date"])) for c in columns)
    files = {}
    for key in [None, *sorted({column.meta["author"] for column in columns})]:
        if key is None:
            title, home, author = site.name, site.url, None
        else:
            title, home = feed_title(site, key), author_url(site, key)
            author = {"name": site.authors[key]["name"], "url": home}
        feed = feeds.Feed(
            title=title,
            home_page_url=home,
            urls=feed_urls(site, follow, key),
            id=feeds.feed_id(site.url, first_day, feeds.feed_paths(key)["atom"]),
            language=site.words.tag,
            author=author,
            logo=site.logo["url"],
            icon=site.url + FAVICON_ICO,
        )
        entries = [entry(site, column, texts[column.file]) for column in dated(follow, key)]
        paths = feeds.feed_paths(key)
        files[paths["atom"]] = feeds.atom(feed, entries)
        files[paths["json"]] = feeds.json_feed(feed, entries)
    return files


def entry(site: Site, column: Column, text: str) -> feeds.Entry:
    key = column.meta["author"]
    author = {"name": site.authors[key]["name"], "url": author_url(site, key)}
    return feeds.entry(column.meta, site.url + column.address, text, author)
