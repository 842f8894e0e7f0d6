"""The page at a column's old address, which sends readers and crawlers to its new one.

mkdocs-redirects writes one for each entry of mkdocs.yml's redirect_maps, with an inline script that this
site's Content-Security-Policy refuses, no policy of its own and a title in English. The hooks write it again
in this site's terms, from the page it leads to: its language and direction, its policy, its title and
canonical address (which tells crawlers where the page went), its icon, its robots line (a deploy preview's
noindex).
Without JavaScript the meta refresh leads to the new address; with it, a script file of the site's own (allowed
by the policy's 'self') leads there with the '#' part of the old link, so that a paragraph link keeps landing
on its paragraph."""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser

SCRIPT = "assets/redirect.js"  # in overrides/
SCRIPT_PATH = "assets/redirect.{}.js"  # in the site: fingerprinted, so cached for long (_headers)


@dataclass(frozen=True)
class Head:
    """What a redirect page takes from the page it leads to."""

    lang: str = ""
    dir: str = ""
    csp: str = ""
    robots: str | None = None
    title: str = ""
    canonical: str = ""
    icon: str = ""  # the favicon link's address (a data: URL): without one, a browser asks the host's root


class _HeadReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: dict[str, str | None] = {}
        self.in_title = False
        self.title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.values.update(lang=values.get("lang", ""), dir=values.get("dir", ""))
        elif tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            self.values["csp"] = values.get("content", "")
        elif tag == "meta" and values.get("name", "").lower() == "robots":
            self.values["robots"] = values.get("content", "")
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.values["canonical"] = values.get("href", "")
        elif tag == "link" and "icon" in values.get("rel", "").lower().split():
            self.values["icon"] = values.get("href", "")
        elif tag == "title" and not self.title:
            self.in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)


def head_of(page_html: str) -> Head:
    """What a redirect page takes from the built page it leads to."""
    reader = _HeadReader()
    reader.feed(page_html)
    reader.close()
    return Head(**reader.values, title=" ".join("".join(reader.title).split()))


def script_href(redirect_file: str, script_path: str) -> str:
    """The script's address relative to the redirect page at `redirect_file` (its path in the site)."""
    return posixpath.relpath(script_path, posixpath.dirname(redirect_file) or ".")


def redirect_page(head: Head, href: str, script: str) -> str:
    """The redirect page: to `href` (the new address, relative), titled as the page there, under its policy."""
    e = lambda value: html.escape(value, quote=True)  # noqa: E731
    robots = f'<meta name="robots" content="{e(head.robots)}">\n' if head.robots is not None else ""
    direction = f' dir="{e(head.dir)}"' if head.dir else ""
    icon = f'<link rel="icon" href="{e(head.icon)}">\n' if head.icon else ""
    return (
        "<!doctype html>\n"
        f'<html lang="{e(head.lang)}"{direction}>\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{e(head.csp)}">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"{robots}"
        f"<title>{e(head.title)}</title>\n"
        f'<link rel="canonical" href="{e(head.canonical)}">\n'
        f"{icon}"
        f'<meta http-equiv="refresh" content="0; url={e(href)}">\n'
        "</head>\n"
        "<body>\n"
        f'<h1><a href="{e(href)}">{e(head.title)}</a></h1>\n'
        f'<script src="{e(script)}"></script>\n'
        "</body>\n"
        "</html>\n"
    )
