"""What `make check` checks on each column page of a built site, besides scripts/check_site.py: that its link
previews agree with each other and with its address, that its images are there at their stated size, that every
share link carries its address, that its Content-Security-Policy allows exactly the code it inlines (and the
host's header says the same), that the sitemap lists it with its last change, and that its first view keeps
to the budget (bench/budget.yml: one request, a gzipped size). On every other page (a plain page, the index of
columns, an author's page), which has no share links, byline or article to preview: its card, its policy, its
sitemap entry and its budget.

Standard library only (with the build's HTML reader), as check_site.py; the budget's figures come in as
arguments (scripts/check.py reads the file). Each check returns its problems, one sentence each, naming the
page."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

# The build's own HTML reader (hooks/column/markup.py, standard library only), as scripts/check_site.py reads
# pages with it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
from column import markup

# The level bench/run.py configures nginx with, and what it compresses; anything else goes as stored.
GZIP_LEVEL = 6
COMPRESSED_SUFFIXES = {".html", ".css", ".js", ".mjs", ".svg", ".json", ".webmanifest", ".xml", ".txt", ".ico"}
# <link rel> values a browser fetches on a first view; and those that open a connection without a file.
FETCHED_RELS = {"stylesheet", "icon", "shortcut", "mask-icon", "preload", "modulepreload", "prefetch", "manifest"}
CONNECT_RELS = {"preconnect", "dns-prefetch"}
SRC_ELEMENTS = {"script", "iframe", "embed", "audio", "video", "track", "img", "source"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass
class Page:
    """What the checks read from one built page."""

    title: str = ""
    h1: list[str] = field(default_factory=list)
    meta: dict[str, list[str]] = field(default_factory=dict)  # by property, name or http-equiv
    canonical: list[str] = field(default_factory=list)
    jsonld: list[str] = field(default_factory=list)
    inline_scripts: list[str] = field(default_factory=list)
    inline_styles: list[str] = field(default_factory=list)
    share_links: list[str] = field(default_factory=list)
    byline: list[str] = field(default_factory=list)
    fetched: list[str] = field(default_factory=list)  # on a first view
    connects: list[str] = field(default_factory=list)
    refresh: bool = False  # a redirect page (meta refresh)
    entry: bool = False  # a column: its article is an h-entry (microformats2, overrides/column.html)
    icon_link: bool = False  # without one, a browser asks for /favicon.ico


def read_page(path: Path) -> Page:
    """What the checks read from the built page at `path`, read with the build's HTML reader."""
    page = Page()
    stack: list[tuple[str, list[str], str | None]] = []  # each open element: its name, its classes, what it reads
    texts: dict[str, list[str]] = {}  # what is being read: "title", "h1", "script", "style", "byline"
    for piece in markup.read(path.read_text(encoding="utf-8")):
        if piece.kind == markup.START:
            reading = read_tag(page, piece, stack)
            stack.append((piece.name, (piece.attributes().get("class") or "").split(), reading))
            if reading:
                texts[reading] = []
        elif piece.kind == markup.END:
            while stack:
                name, _, reading = stack.pop()
                if reading:
                    finish(page, reading, "".join(texts.pop(reading, [])))
                if name == piece.name:
                    break
        elif piece.kind == markup.TEXT:
            for reading in texts.values():
                reading.append(piece.text)
    return page


def read_tag(page: Page, tag: markup.Piece, stack: list[tuple[str, list[str], str | None]]) -> str | None:
    """Note what the start tag `tag` says on `page`; what its content is read as (a key of finish), if anything."""
    values = {name: value or "" for name, value in tag.attrs}
    name = tag.name
    if name == "meta":
        key = values.get("property") or values.get("name") or values.get("http-equiv")
        if key:
            page.meta.setdefault(key, []).append(values.get("content", ""))
        if values.get("http-equiv", "").lower() == "refresh":
            page.refresh = True
    rels = set(values.get("rel", "").lower().split())
    if name == "link" and "canonical" in rels:
        page.canonical.append(values.get("href", ""))
    if name == "link" and "icon" in rels:
        page.icon_link = True
    if name == "link" and values.get("href") and rels & FETCHED_RELS:
        page.fetched.append(values["href"])
    if name == "link" and values.get("href") and rels & CONNECT_RELS:
        page.connects.append(values["href"])
    if name in SRC_ELEMENTS and values.get("src"):
        page.fetched.append(values["src"])
    if name in ("img", "source") and values.get("srcset"):
        page.fetched += [part.split()[0] for part in values["srcset"].split(",") if part.strip()]
    if values.get("style"):
        page.fetched += css_urls(values["style"])
    if "h-entry" in values.get("class", "").split():
        page.entry = True
    if name == "a" and inside(stack, "oc-share__list"):
        page.share_links.append(values.get("href", ""))
    if name in ("title", "h1", "style"):
        return name
    if name == "script" and not values.get("src"):
        return "jsonld" if values.get("type") == "application/ld+json" else "script" if not tag.attrs else None
    if name == "a" and inside(stack, "oc-byline"):
        return "byline"
    return None


def finish(page: Page, reading: str, text: str) -> None:
    """Keep the text of an element read whole."""
    if reading == "title":
        page.title = " ".join(text.split())
    elif reading == "h1":
        page.h1.append(" ".join(text.split()))
    elif reading == "jsonld":
        page.jsonld.append(text)
    elif reading == "script":
        page.inline_scripts.append(text)
    elif reading == "style":
        page.inline_styles.append(text)
        page.fetched += css_urls(text)
    elif reading == "byline":
        page.byline.append(" ".join(text.split()))


def inside(stack: list[tuple[str, list[str], str | None]], class_name: str) -> bool:
    """Whether an open element has the class `class_name`."""
    return any(class_name in classes for _, classes, _ in stack)


def css_urls(css: str) -> list[str]:
    return [m.group(2) or m.group(4) for m in CSS_URL.finditer(css)]


def site_pages(site_dir: Path) -> list[Path]:
    """The pages of a built site: every page but the not-found one and the redirect pages."""
    pages = []
    for path in sorted(Path(site_dir).rglob("*.html")):
        if path.relative_to(site_dir).as_posix() != "404.html" and not read_page(path).refresh:
            pages.append(path)
    return pages


def column_pages(site_dir: Path) -> list[Path]:
    """The column pages of a built site: its pages whose article is a column's."""
    return [path for path in site_pages(site_dir) if read_page(path).entry]


# --- the checks ----------------------------------------------------------------------------------------


def one(page: Page, key: str) -> str | None:
    values = page.meta.get(key, [])
    return values[0] if len(values) == 1 else None


def structured_data(page: Page) -> dict:
    for block in page.jsonld:
        try:
            data = json.loads(block)
        except ValueError:
            continue
        if isinstance(data, dict):
            return data
    return {}


def check_previews(name: str, page: Page, url: str, site_dir: Path, site_url: str) -> list[str]:
    """The headline, the description, the address, the author and the dates, as each preview reads them, agree;
    every image a preview shows is a file of the site at the size it is said to have."""
    data = structured_data(page)
    problems = [] if data else [f"{name}: no JSON-LD (application/ld+json) block that reads as an object"]
    agree = {
        "headline": [page.title, *page.h1, one(page, "og:title"), one(page, "twitter:title"), data.get("headline")],
        "description": [
            one(page, "description"),
            one(page, "og:description"),
            one(page, "twitter:description"),
            data.get("description"),
        ],
        "address": [*page.canonical, one(page, "og:url"), data.get("url"), url],
        "author": [one(page, "author"), (data.get("author") or {}).get("name"), *page.byline[:1]],
        "first publication": [one(page, "article:published_time"), data.get("datePublished")],
        "last change": [one(page, "article:modified_time"), data.get("dateModified")],
    }
    for what, values in agree.items():
        if len(set(values)) != 1 or (values[0] is None and what not in ("first publication", "last change")):
            problems.append(f"{name}: the {what} differs between the page's previews: {values}")
    if not one(page, "og:site_name"):
        problems.append(f"{name}: no og:site_name")
    images = [(one(page, "og:image"), one(page, "og:image:width"), one(page, "og:image:height"))]
    images += [(image.get("url"), image.get("width"), image.get("height")) for image in data.get("image") or []]
    logo = (data.get("publisher") or {}).get("logo") or {}
    images.append((logo.get("url"), logo.get("width"), logo.get("width")))
    for image_url, width, height in images:
        problems += check_image(name, image_url, width, height, site_dir, site_url)
    return problems


def check_image(name: str, url: str | None, width, height, site_dir: Path, site_url: str) -> list[str]:
    if not url or not url.startswith(site_url):
        return [f"{name}: image {url!r} is not on the site ({site_url})"]
    path = site_dir / unquote(url[len(site_url) :])
    if not path.is_file():
        return [f"{name}: image {url!r} is not in the built site"]
    size = png_size(path.read_bytes())
    if size is None or size != (int(width or 0), int(height or 0)):
        return [f"{name}: image {url!r} is {size or 'not a PNG'}, not {width}x{height} as its tags say"]
    return []


def png_size(data: bytes) -> tuple[int, int] | None:
    """The width and height of a PNG, from its header (RFC 2083: the IHDR chunk comes first)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def check_share_links(name: str, page: Page, url: str) -> list[str]:
    encoded = quote(url, safe="")
    if not page.share_links:
        return [f"{name}: no share links"]
    return [
        f"{name}: share link {href!r} does not carry the page's address"
        for href in page.share_links
        if encoded not in href
    ]


def sha256_source(code: str) -> str:
    """A CSP hash source for an inline block (CSP Level 3: base64 of the SHA-256 of its UTF-8 text)."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"


def directive(policy: str, name: str) -> list[str]:
    for part in policy.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    return []


def check_policy(name: str, page: Page, headers: str) -> list[str]:
    """The page's policy allows exactly its inline scripts and stylesheet, by hash (and files of the site
    itself); the host's header (_headers) gives every path the same policy, and what only a header can say."""
    policy = (page.meta.get("Content-Security-Policy") or [""])[0]
    problems = []
    for kind, blocks in (("script-src", page.inline_scripts), ("style-src", page.inline_styles)):
        allowed = {source for source in directive(policy, kind) if source.startswith("'sha256-")}
        needed = {sha256_source(block) for block in blocks}
        if allowed != needed:
            problems.append(f"{name}: {kind} allows {sorted(allowed)}, the page inlines {sorted(needed)}")
    header = re.search(r"^\s*Content-Security-Policy: (.*)$", headers, flags=re.M)
    if not header or not header.group(1).startswith(policy + ";"):
        problems.append(f"{name}: _headers does not give the page's policy: {header.group(1) if header else None!r}")
    return problems


def check_listed(name: str, url: str, sitemap: dict[str, str | None]) -> list[str]:
    return [] if url in sitemap else [f"{name}: {url} is not in sitemap.xml"]


def check_sitemap(name: str, page: Page, url: str, sitemap: dict[str, str | None]) -> list[str]:
    last = one(page, "article:modified_time") or one(page, "article:published_time")
    if url not in sitemap:
        return check_listed(name, url, sitemap)
    if sitemap[url] != last:
        return [f"{name}: sitemap.xml gives {url} the last change {sitemap[url]!r}, the page {last!r}"]
    return []


def read_sitemap(site_dir: Path) -> dict[str, str | None]:
    import xml.etree.ElementTree as ElementTree

    root = ElementTree.fromstring((site_dir / "sitemap.xml").read_bytes())
    return {
        entry.findtext(f"{SITEMAP_NS}loc"): entry.findtext(f"{SITEMAP_NS}lastmod")
        for entry in root.iter(f"{SITEMAP_NS}url")
    }


def first_view(site_dir: Path, page_path: Path) -> tuple[dict[str, Path], list[str]]:
    """The files a first view of the page loads (the page included; its stylesheets' own url()s followed), by
    path; and the problems: a URL to another origin, a file the site does not have."""
    page = read_page(page_path)
    base = "/" + page_path.relative_to(site_dir).as_posix()
    problems = [f"{base}: connects to another origin: {url}" for url in page.connects if is_external(url)]
    files = {base: page_path}
    queue = [(base, url) for url in page.fetched if not url.startswith(("data:", "#"))]
    if not page.icon_link:
        queue.append((base, "/favicon.ico"))
    while queue:
        where, url = queue.pop(0)
        if is_external(url):
            problems.append(f"{where}: loads from another origin: {url}")
            continue
        path = unquote(urlsplit(urljoin(where, url)).path).lstrip("/")
        target = site_dir / path
        if path.endswith("/") or target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            problems.append(f"{where}: loads {url}, which is not in the built site")
            continue
        key = "/" + target.relative_to(site_dir).as_posix()
        if key in files:
            continue
        files[key] = target
        if target.suffix == ".css":
            nested = css_urls(target.read_text(encoding="utf-8"))
            queue += [(key, nested_url) for nested_url in nested if not nested_url.startswith(("data:", "#"))]
    return files, problems


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc or url.startswith("//"))


def wire_size(path: Path) -> int:
    data = path.read_bytes()
    return len(gzip.compress(data, GZIP_LEVEL)) if path.suffix.lower() in COMPRESSED_SUFFIXES else len(data)


def check_budget(site_dir: Path, page_path: Path, budget_bytes: int, budget_requests: int) -> list[str]:
    files, problems = first_view(site_dir, page_path)
    name = page_path.relative_to(site_dir).as_posix()
    total = sum(wire_size(path) for path in files.values())
    if total > budget_bytes:
        problems.append(f"{name}: the first view is {total:,} bytes gzipped, over the budget of {budget_bytes:,}")
    if len(files) > budget_requests:
        problems.append(
            f"{name}: the first view makes {len(files)} requests, over the budget of {budget_requests}: {sorted(files)}"
        )
    return problems


def check_pages(
    site_dir: Path, site_url: str, budget_bytes: int, budget_requests: int, *, preview: bool = False
) -> tuple[int, list[str]]:
    """Every check above on every column page, and those that apply on every other page: (the number of column
    pages checked, the problems). A deploy preview's sitemap lists no page (check_site.py checks that it does
    not): with `preview`, the pages are not looked for in it."""
    site_dir = Path(site_dir)
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    headers = (site_dir / "_headers").read_text(encoding="utf-8") if (site_dir / "_headers").is_file() else ""
    sitemap = read_sitemap(site_dir) if (site_dir / "sitemap.xml").is_file() else {}
    problems: list[str] = []
    columns = 0
    for path in site_pages(site_dir):
        name = path.relative_to(site_dir).as_posix()
        url = site_url + name.removesuffix("index.html")
        page = read_page(path)
        if page.entry:
            columns += 1
            problems += check_previews(name, page, url, site_dir, site_url)
            problems += check_share_links(name, page, url)
            problems += [] if preview else check_sitemap(name, page, url, sitemap)
        else:
            problems += [] if preview else check_listed(name, url, sitemap)
            card = (one(page, "og:image"), one(page, "og:image:width"), one(page, "og:image:height"))
            problems += check_image(name, *card, site_dir, site_url)
        problems += check_policy(name, page, headers)
        problems += check_budget(site_dir, path, budget_bytes, budget_requests)
    return columns, problems + ([] if columns else ["no column page in the site"])
