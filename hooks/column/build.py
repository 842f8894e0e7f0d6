"""One build's state, typed, and the files it writes besides MkDocs' pages.

A Build holds the Site (built once, before any page), by page source (MkDocs' src_uri, "index.md") every page's
Column (read with the list of files, before any page is rendered) and the addresses that lead to it, the Follow
made of the Columns, and what each page yields as MkDocs' page events reach it: its Body, its cards, the
redirect pages that lead to it, a dated column's text for the feeds. Nothing else passes from one hook event to
the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from column import follow, render
from column.follow import Follow
from column.pages import Body, Column
from column.settings import Site

# A file whose name carries its content's hash (render.fingerprint): cached for a year by the host.
FINGERPRINTED_RE = re.compile(r"\.[0-9a-f]{10}\.(png|js)$")


@dataclass
class Build:
    site: Site
    columns: dict[str, Column] = field(default_factory=dict)  # every page of docs/ by source; on_files reads them
    follow: Follow | None = None  # made of the columns by on_files
    # By page source, the addresses a link to it may have (its own, and old ones redirected): set by on_files.
    addresses: dict[str, list[str]] = field(default_factory=dict)
    bodies: dict[str, Body] = field(default_factory=dict)  # by page source; on_page_content adds each
    cards: dict[str, bytes] = field(default_factory=dict)  # every page's cards by path; on_page_context adds them
    # The pages at old addresses (mkdocs.yml's redirects) by path, written over mkdocs-redirects' own: on_page_context
    # adds those that lead to its page.
    redirect_pages: dict[str, bytes] = field(default_factory=dict)
    feed_texts: dict[str, str] = field(default_factory=dict)  # a dated column's text by source; on_post_page


def write_files(build: Build, site_dir: Path) -> None:
    """What the site holds besides MkDocs' pages: robots.txt, the site's own files (icons, logo, scripts), every
    page's cards, the redirect pages (over those mkdocs-redirects wrote: its on_post_build runs first), the feeds,
    and the host's `_headers`, which lists the fingerprinted files on disk (a --dirty build draws only the pages
    that changed: the others' cards are there from before, and a redirect to a page it did not draw stays the
    plugin's)."""
    site = build.site
    write(site_dir / "robots.txt", render.robots_txt(site.url, preview=site.preview).encode("utf-8"))
    texts = {build.columns[source].file: text for source, text in build.feed_texts.items()}
    feeds = follow.feed_files(site, build.follow, texts)
    for path, content in {**site.files, **build.cards, **build.redirect_pages, **feeds}.items():
        write(site_dir / path, content)
    fingerprinted = sorted(
        path.relative_to(site_dir).as_posix()
        for path in (site_dir / "assets").iterdir()
        if FINGERPRINTED_RE.search(path.name)
    )
    headers = render.host_headers(site.csp, fingerprinted, preview=site.preview)
    write(site_dir / "_headers", headers.encode("utf-8"))


def write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
