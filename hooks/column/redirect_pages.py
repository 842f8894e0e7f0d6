"""The page at a column's old address, which sends readers and crawlers to its new one.

mkdocs-redirects writes one for each entry of mkdocs.yml's redirect_maps, with an inline script that this
site's Content-Security-Policy refuses, no policy of its own and a title in English. The build writes it again
in this site's terms, from the page it leads to: the site's language and direction, policy, icon and robots line
(a deploy preview's noindex), the page's title and canonical address (which tells crawlers where it went).
Without JavaScript the meta refresh leads to the new address; with it, a script file of the site's own (allowed
by the policy's 'self') leads there with the '#' part of the old link, so that a paragraph link keeps landing
on its paragraph."""

from __future__ import annotations

import html
import posixpath

from mkdocs_redirects.plugin import get_html_path, get_relative_html_path

from column import published
from column.settings import Site


def old_address(old: str, use_directory_urls: bool) -> str | None:
    """The address of a redirect's old page (`old`, a file of docs/ as redirect_maps names it)."""
    return published.address_of(get_html_path(old, use_directory_urls))


def leading_to(site: Site, source: str, page_url: str, canonical_url: str, title: str) -> dict[str, bytes]:
    """The redirect pages that lead to the page built from `source` (at `page_url`, relative to the site), by
    their path in the site."""
    pages = {}
    for old, new in site.redirects.items():
        target, _, fragment = new.partition("#")
        if target != source:
            continue
        path = get_html_path(old, site.use_directory_urls)
        href = get_relative_html_path(old, page_url + ("#" + fragment if fragment else ""), site.use_directory_urls)
        script = posixpath.relpath(site.redirect_script, posixpath.dirname(path) or ".")
        pages[path] = redirect_page(site, title, canonical_url, href, script).encode("utf-8")
    return pages


def redirect_page(site: Site, title: str, canonical_url: str, href: str, script: str) -> str:
    """The redirect page: to `href` (the new address, relative), titled as the page there, under the site's
    policy."""
    e = lambda value: html.escape(value, quote=True)  # noqa: E731
    robots = '<meta name="robots" content="noindex">\n' if site.preview else ""
    return (
        "<!doctype html>\n"
        f'<html lang="{e(site.words.tag)}" dir="{e(site.words.direction)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{e(site.csp)}">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"{robots}"
        f"<title>{e(title)}</title>\n"
        f'<link rel="canonical" href="{e(canonical_url)}">\n'
        f'<link rel="icon" href="{e(site.favicon)}" type="image/svg+xml">\n'
        f'<meta http-equiv="refresh" content="0; url={e(href)}">\n'
        "</head>\n"
        "<body>\n"
        f'<h1><a href="{e(href)}">{e(title)}</a></h1>\n'
        f'<script src="{e(script)}"></script>\n'
        "</body>\n"
        "</html>\n"
    )
