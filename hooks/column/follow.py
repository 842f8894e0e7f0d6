"""What the hooks keep between MkDocs' events to build the pages around the columns and the feeds: one `Follow`
per build, made by on_config, told of each page as the build reads it, asked for each page's context, and
writing the feeds at the end. The decisions are site_pages' and feeds' pure functions; this class holds the
state between events, in MkDocs' order (like a plugin class does on `self`)."""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from column import card, data, feeds, render, site_pages
from column.translations import Words

PAGE_CARD_PATH = "assets/card.{}.png"  # as a column's og:image: one 1200x630 card per page, fingerprinted


class Follow:
    def __init__(
        self,
        *,
        site_url: str,
        site_name: str,
        publisher: str,
        words: Words,
        authors: dict,
        palette: dict,
        logo: str,
        icon: str,
    ) -> None:
        self.site_url = site_url
        self.site_name = site_name
        self.publisher = publisher
        self.words = words
        self.authors = authors
        self.palette = palette
        self.logo = logo  # the publisher's logo and the site's icon, by URL: the feeds' logo and icon
        self.icon = icon
        self.generated: dict[str, str] = {}  # src_uri: what it is ("index", or an author's key)
        self.columns: list[site_pages.Column] = []
        self.contents: dict[str, str] = {}  # by source: a dated column's text for the feeds, from its page
        self.ordered: list[site_pages.Column] = []

    # --- on_files -------------------------------------------------------------------------------------

    def add_pages(self, files: Files, config: MkDocsConfig) -> Files:
        """The index (once the site has two columns or more) and a page per author of a column, as MkDocs files.
        The front matter is read here only to know which pages to make; on_page_markdown checks it, and a
        page whose front matter cannot be read here stops the build there."""
        columns_by_author: dict[str, int] = {}
        for file in files.documentation_pages():
            name = file.src_uri if file.abs_src_path is None else self.file_name(file, config)
            if site_pages.is_reserved(file.src_uri, config.use_directory_urls):
                raise site_pages.reserved_error(name)
            try:
                doc = data.split_front_matter(file.content_string, name)
            except (data.InputError, UnicodeDecodeError):
                continue
            value = doc.value if isinstance(doc.value, dict) else {}
            if site_pages.is_column(value) and isinstance(value.get("author"), str):
                columns_by_author[value["author"]] = columns_by_author.get(value["author"], 0) + 1
        pages = {}
        if sum(columns_by_author.values()) > 1:
            pages[site_pages.INDEX_URI] = ("index", site_pages.INDEX_TEMPLATE, self.words.texts["index.title"])
        for key in sorted(columns_by_author):
            if key in self.authors:
                title = self.authors[key]["name"]
                pages[site_pages.AUTHOR_URI.format(key=key)] = (key, site_pages.AUTHOR_TEMPLATE, title)
        for src_uri, (what, template, title) in pages.items():
            files.append(File.generated(config, src_uri, content=site_pages.generated_page(template, title)))
            self.generated[src_uri] = what
        return files

    @staticmethod
    def file_name(file: File, config: MkDocsConfig) -> str:
        root = Path(config.config_file_path).parent
        path = Path(file.abs_src_path)
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)

    def is_generated(self, page: Page) -> bool:
        return page.file.src_uri in self.generated

    # --- on_page_markdown -------------------------------------------------------------------------------

    def add_page(self, page: Page, file: str) -> None:
        if site_pages.is_column(page.meta):
            path = page.file.url.removeprefix("./")  # "" for the home page
            self.columns.append(site_pages.Column(page.file.src_uri, file, path, page.canonical_url, page.meta))

    # --- on_env ---------------------------------------------------------------------------------------

    def site_links(self) -> dict:
        """What every page links to (main.html): the index, once there is one, and the site's feeds, once a
        column is dated; {"index": its path or None, "feeds": {kind: absolute URL} or None}. Also orders the
        columns and checks what the feeds need, now that every page has been read."""
        self.ordered = site_pages.newest_first(self.columns)
        check_original_urls(self.columns)
        return {
            "index": site_pages.INDEX_URI.removesuffix("index.md") if self.has_index() else None,
            "feeds": self.feed_urls(None),
            "feed_title": self.site_name,
        }

    def has_index(self) -> bool:
        return site_pages.INDEX_URI in self.generated

    def dated(self, key: str | None = None) -> list[site_pages.Column]:
        return [c for c in self.ordered if "date" in c.meta and key in (None, c.meta["author"])]

    def feed_urls(self, key: str | None) -> dict | None:
        """The feeds' absolute URLs, the site's (key None) or an author's; None when no column of theirs is dated."""
        if not self.dated(key):
            return None
        return {kind: self.site_url + path for kind, path in feeds.feed_paths(key).items()}

    def lastmod(self) -> dict[str, str]:
        """The sitemap's lastmod of the generated pages: the last change of a column they list, where known."""
        found = {}
        for src_uri, what in self.generated.items():
            listed = self.ordered if what == "index" else self.by_author(what)
            change = site_pages.last_change(listed)
            if change:
                found[src_uri] = change
        return found

    def by_author(self, key: str) -> list[site_pages.Column]:
        return [column for column in self.ordered if column.meta["author"] == key]

    def author_url(self, key: str) -> str:
        return self.site_url + site_pages.author_path(key)

    # --- on_page_context --------------------------------------------------------------------------------

    def listed(self, columns: list[site_pages.Column]) -> list[dict]:
        return [site_pages.listed(c, self.authors, self.site_name, self.words.locale) for c in columns]

    def column_context(self, page: Page) -> dict:
        """What a column's page adds: "More from", its author's page and feeds."""
        column = next(c for c in self.ordered if c.source == page.file.src_uri)
        more = site_pages.more_from(column, self.ordered, self.site_name)
        key = page.meta["author"]
        return {
            "more_from": more and {"name": more["name"], "columns": self.listed(more["columns"])},
            "author_path": site_pages.author_path(key),
            "author_feeds": self.feed_urls(key),
            "author_feed_title": self.words.text(
                "feed.author_title", author=self.authors[key]["name"], site=self.site_name
            ),
        }

    def page_context(self, page: Page, config: MkDocsConfig) -> dict:
        """The context of a page that is not a column: a plain page, the index, an author's page."""
        words = self.words
        what = self.generated.get(page.file.src_uri)
        url = page.canonical_url
        context = {"url": url, "locale": words.open_graph_locale, "og_type": "website", "jsonld": None}
        if what is None:  # a plain page
            title, description, byline = page.meta["title"], page.meta["description"], self.publisher
        elif what == "index":
            title = words.texts["index.title"]
            description = words.text("index.description", site=self.site_name)
            byline = self.publisher
            context["columns"] = self.listed(self.ordered)
        else:
            author = self.authors[what]
            title, byline = author["name"], author["roles"]
            description = words.text("author.description", author=author["name"], site=self.site_name)
            context.update(
                author=author,
                key=what,
                initials=render.initials(author["name"]),
                profiles=[
                    {
                        **profile,
                        "label": words.text("bio.profile", handle=profile["handle"], network=profile["network"]),
                    }
                    for profile in site_pages.profiles(author)
                ],
                columns=self.listed(self.by_author(what)),
                feeds=self.feed_urls(what),
                feed_title=words.text("feed.author_title", author=author["name"], site=self.site_name),
                og_type="profile",
                jsonld=site_pages.profile_page_data(author=author, page_url=url, language=words.tag),
            )
        context.update(title=title, description=description, image=self.card(title, byline, config))
        return context

    def card(self, title: str, byline: str, config: MkDocsConfig) -> dict:
        """The page's link-preview card, written into the site: the site's name above, the page's title, and
        `byline` below, drawn as a column's card is."""
        words = self.words
        png = card.render_card(
            headline=title,
            column=self.site_name,
            author=byline,
            palette=self.palette,
            script=card.Script(words.script, words.direction, words.locale.language),
        )
        path = PAGE_CARD_PATH.format(render.fingerprint(png))
        target = Path(config.site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(png)
        alt = words.text("card.page_alt", site=self.site_name, title=title)
        size = {"width": card.WIDTH, "height": card.HEIGHT}
        return {"url": self.site_url + path, **size, "type": "image/png", "alt": alt}

    # --- on_post_page ---------------------------------------------------------------------------------

    def add_output(self, page: Page, output: str) -> None:
        """A dated column's text for the feeds, as its finished page shows it."""
        if site_pages.is_column(page.meta) and "date" in page.meta:
            self.contents[page.file.src_uri] = feeds.entry_content(output, page.canonical_url)

    # --- on_post_build ----------------------------------------------------------------------------------

    def write_feeds(self, site_dir: Path) -> None:
        """The site's feeds and each author's, of the dated columns newest first; or, with none, a message."""
        if not self.dated():
            if self.ordered:  # a site of plain pages alone has no column to date
                warn(feeds.no_feed_message([column.file for column in self.ordered]))
            return
        first_day = min(data.calendar_day(data.parse_date(c.meta["date"])) for c in self.dated())
        keys = [None, *sorted({column.meta["author"] for column in self.dated()})]
        for key in keys:
            entries = [self.entry(column) for column in self.dated(key)]
            urls = self.feed_urls(key)
            if key is None:
                title, home, author = self.site_name, self.site_url, None
            else:
                name = self.authors[key]["name"]
                title = self.words.text("feed.author_title", author=name, site=self.site_name)
                home, author = self.author_url(key), {"name": name, "url": self.author_url(key)}
            feed = feeds.Feed(
                title=title,
                home_page_url=home,
                urls=urls,
                id=feeds.feed_id(self.site_url, first_day, feeds.feed_paths(key)["atom"]),
                language=self.words.tag,
                author=author,
                logo=self.logo,
                icon=self.icon,
            )
            for kind, content in (("atom", feeds.atom(feed, entries)), ("json", feeds.json_feed(feed, entries))):
                target = site_dir / feeds.feed_paths(key)[kind]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)

    def entry(self, column: site_pages.Column) -> feeds.Entry:
        key = column.meta["author"]
        author = {"name": self.authors[key]["name"], "url": self.author_url(key)}
        return feeds.entry(column.meta, column.url, self.contents[column.source], author)


def check_original_urls(columns: list[site_pages.Column]) -> None:
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


def warn(message: str) -> None:
    """As column_hooks.warn: a WARNING line on stderr that `mkdocs build --strict` lets through."""
    print(f"WARNING -  {message}", file=sys.stderr)
