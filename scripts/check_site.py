"""Checks a built site folder before it goes live: the files every host needs are there, and every column
page is whole (one headline, its policy, its canonical address, no link to a file that is missing).

    python scripts/check_site.py SITE_DIR --site-url https://example.com/

Standard library only (with the build's HTML reader, hooks/column/markup.py, which is too), so it runs
anywhere the site is published from. Exits non-zero and lists every problem.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

# The build's own HTML reader (hooks/column/markup.py, standard library only), so that pages are read here as
# the build reads them.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
from column import markup

# What a host or a crawler reads besides the pages (favicon.ico is fetched by name, without a link).
REQUIRED_FILES = (
    "index.html",
    "404.html",
    "_headers",
    "robots.txt",
    "sitemap.xml",
    "favicon.ico",
    "apple-touch-icon.png",
)
# What `_headers` must set for every path (hooks/column/render.py host_headers writes them).
REQUIRED_HEADERS = (
    "Content-Security-Policy:",
    "Referrer-Policy:",
    "X-Content-Type-Options: nosniff",
    "Permissions-Policy:",
)
URL_ATTRIBUTES = ("href", "src", "data-oc-script")  # data-oc-script: the file column.js loads on a selection
# The domains RFC 2606 reserves for examples (section 3). mkdocs.yml's default site_url is one, so that
# `make serve` and `make build` work before the address is known; a build for one must not go live, where its
# canonical URL, share links, sitemap and link previews would all point at nobody's site.
PLACEHOLDER_DOMAINS = ("example.com", "example.net", "example.org")
HOW_TO_SET_SITE_URL = (
    "set the SITE_URL environment variable to the site's public address "
    "(SITE_URL=https://your.domain/ make publish DEST=...), or site_url in mkdocs.yml"
)


class CheckError(Exception):
    """The built folder must not be published; the message lists why, one problem a line."""


@dataclass
class PageScan:
    """What the checks need from one HTML page."""

    h1_count: int = 0
    csp_meta: bool = False
    csp: str = ""
    canonical: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    robots: list[str] = field(default_factory=list)  # each <meta name="robots"> content, lower case


def scan_page(path: Path) -> PageScan:
    scan = PageScan()
    for tag in markup.start_tags(path.read_text(encoding="utf-8")):
        values = {name: value or "" for name, value in tag.attrs}
        if tag.name == "h1":
            scan.h1_count += 1
        if (
            tag.name == "meta"
            and values.get("http-equiv", "").lower() == "content-security-policy"
            and values.get("content")
        ):
            scan.csp_meta = True
            scan.csp = values["content"]
        if tag.name == "meta" and values.get("name", "").lower() == "robots":
            scan.robots.append(values.get("content", "").lower())
        if tag.name == "link" and "canonical" in values.get("rel", "").lower().split():
            scan.canonical.append(values.get("href", ""))
        if tag.name == "meta" and values.get("property", values.get("name", "")) in ("og:image", "twitter:image"):
            scan.urls.append(values.get("content", ""))  # the card: on the site, by its public URL
        if "id" in values:
            scan.ids.add(values["id"])
        scan.urls += [values[name] for name in URL_ATTRIBUTES if name in values]
    return scan


def local_target(url: str, page: Path, site_dir: Path, site_url: str) -> Path | None:
    """The file in the folder a link on `page` points to, or None when it points off the site.
    Links to the site's own public address count as local: that address is this folder."""
    if url.startswith(site_url):
        url = "/" + url[len(site_url) :]
        base_path = ""
    else:
        base_path = urlsplit(site_url).path.rstrip("/")
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None  # another site, mailto:, data: ...
    path = unquote(parts.path)
    if not path:
        return page  # "#fragment" or "?query": this page
    if path.startswith("/"):
        # Root-relative: the server serves the folder under the site_url's path.
        if base_path and not (path == base_path or path.startswith(base_path + "/")):
            return site_dir.parent  # served by something else, so no file of this site: reported
        relative = path[len(base_path) :].lstrip("/")
        target = site_dir / PurePosixPath(relative)
    else:
        target = page.parent / PurePosixPath(path)
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def check_page_links(page: Path, scan: PageScan, site_dir: Path, site_url: str) -> list[str]:
    problems = []
    root = site_dir.resolve()
    name = page.relative_to(site_dir).as_posix()
    for url in scan.urls:
        target = local_target(url, page, site_dir, site_url)
        if target is None:
            continue
        resolved = target.resolve()
        if not resolved.is_relative_to(root) or not resolved.is_file():
            problems.append(f"{name}: link {url!r} points to no file in the site")
            continue
        fragment = urlsplit(url).fragment
        if fragment and resolved == page.resolve() and unquote(fragment) not in scan.ids:
            problems.append(f"{name}: link {url!r} points to no element with that id")
    return problems


def check_page(site_dir: Path, page: Path, site_url: str) -> list[str]:
    """A page of the site (the home page or another column): whole, with its policy and its own address."""
    name = page.relative_to(site_dir).as_posix()
    scan = scan_page(page)
    problems = []
    if scan.h1_count != 1:
        problems.append(f"{name}: expected exactly one <h1>, found {scan.h1_count}")
    if not scan.csp_meta:
        problems.append(f'{name}: no <meta http-equiv="Content-Security-Policy"> with a policy')
    elif "'unsafe-inline'" in scan.csp:
        # The relaxed policy of `mkdocs serve`'s live reload must never go live.
        problems.append(f"{name}: the Content-Security-Policy allows 'unsafe-inline' (a local-preview build?)")
    if len(scan.canonical) != 1:
        problems.append(f'{name}: expected one <link rel="canonical">, found {len(scan.canonical)}')
    elif not scan.canonical[0].startswith(site_url):
        problems.append(f"{name}: canonical {scan.canonical[0]!r} does not start with the site URL {site_url!r}")
    return problems + check_page_links(page, scan, site_dir, site_url)


def noindex(scan: PageScan) -> bool:
    return any("noindex" in content.replace(" ", "").split(",") for content in scan.robots)


def disallows_all(robots_txt: str) -> bool:
    return any(line.split("#")[0].strip().lower() == "disallow: /" for line in robots_txt.splitlines())


def check_preview_marks(site_dir: Path, preview: bool) -> list[str]:
    """A deploy preview (SITE_PREVIEW=1) is kept out of search engines: every page noindex, robots.txt
    disallowing all, a sitemap of no page. The site itself has none of that: it would drop out of them (its
    not-found page aside, which is never indexed)."""
    pages = {
        page.relative_to(site_dir).as_posix(): noindex(scan_page(page)) for page in sorted(site_dir.rglob("*.html"))
    }
    robots = (site_dir / "robots.txt").read_text(encoding="utf-8") if (site_dir / "robots.txt").is_file() else None
    if not preview:
        problems = [
            f"{name}: marked noindex, as a deploy preview is (SITE_PREVIEW=1)"
            for name, marked in pages.items()
            if marked and name != "404.html"
        ]
        if robots is not None and disallows_all(robots):
            problems.append("robots.txt: disallows the whole site, as a deploy preview's does (SITE_PREVIEW=1)")
        return problems
    problems = [
        f'{name}: a preview page without <meta name="robots" content="noindex">'
        for name, marked in pages.items()
        if not marked
    ]
    if robots is not None and not disallows_all(robots):
        problems.append("robots.txt: a preview's must disallow the whole site ('Disallow: /')")
    sitemap = site_dir / "sitemap.xml"
    if sitemap.is_file() and "<loc>" in sitemap.read_text(encoding="utf-8"):
        problems.append("sitemap.xml: a preview's must list no page")
    return problems


def preview_requested(environ: dict | None = None) -> bool:
    """Whether SITE_PREVIEW asks for a preview, as the build reads it (hooks/column/data.py check_preview,
    which refuses any value but 1, 0 and empty: this is read after that build)."""
    return (os.environ if environ is None else environ).get("SITE_PREVIEW", "") == "1"


def check_headers_file(site_dir: Path) -> list[str]:
    text = (site_dir / "_headers").read_text(encoding="utf-8")
    return [f"_headers: no '{header}' line" for header in REQUIRED_HEADERS if header not in text]


def site_url_problem(site_url: str) -> str | None:
    """Why `site_url` cannot be the public address a build goes live at, with how to set the real one; None
    when it can. The one place that knows the placeholder: publish.py and the Pages workflow both ask it."""
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"expected the site's public address as an absolute http(s) URL, got {site_url!r}: {HOW_TO_SET_SITE_URL}"
    host = parts.hostname
    if any(host == domain or host.endswith("." + domain) for domain in PLACEHOLDER_DOMAINS):
        return (
            f"the site URL {site_url!r} is a placeholder (a domain reserved for examples), not the site's "
            f"public address: {HOW_TO_SET_SITE_URL}"
        )
    return None


def check_site(site_dir: Path, site_url: str, *, preview: bool = False, placeholder_ok: bool = False) -> None:
    """Raise CheckError listing every problem; return quietly when the folder can go live: as the site
    itself, or with preview=True as a deploy preview. placeholder_ok: a placeholder address is no problem
    (`make check`, which checks an edit, not a release)."""
    site_dir = Path(site_dir)
    address = None if placeholder_ok else site_url_problem(site_url)
    if not site_url.endswith("/"):
        site_url += "/"  # as the build normalises it
    problems = [address] if address else []
    problems += [f"missing {name}" for name in REQUIRED_FILES if not (site_dir / name).is_file()]
    # Every page but the not-found one, which has no address of its own: the home page and any other column.
    for page in sorted(site_dir.rglob("*.html")):
        if page != site_dir / "404.html":
            problems += check_page(site_dir, page, site_url)
    if (site_dir / "404.html").is_file() and not scan_page(site_dir / "404.html").csp_meta:
        problems.append('404.html: no <meta http-equiv="Content-Security-Policy"> with a policy')
    if (site_dir / "_headers").is_file():
        problems += check_headers_file(site_dir)
    problems += check_preview_marks(site_dir, preview)
    if problems:
        raise CheckError("\n".join(f"  - {problem}" for problem in problems))


def summary(site_dir: Path) -> dict[str, int]:
    """Pages (HTML files), files and bytes of a built folder, for the publish report."""
    files = [path for path in Path(site_dir).rglob("*") if path.is_file() and not path.is_symlink()]
    return {
        "pages": sum(1 for path in files if path.suffix == ".html"),
        "files": len(files),
        "bytes": sum(path.stat().st_size for path in files),
    }


def describe(counts: dict[str, int]) -> str:
    return f"{counts['pages']} pages, {counts['files']} files, {counts['bytes']:,} bytes"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check a built site folder before publishing it.")
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--site-url", required=True, help="the public address the site was built for")
    parser.add_argument(
        "--preview",
        action="store_true",
        default=preview_requested(),
        help="the folder is a deploy preview (default: whether SITE_PREVIEW=1, as for the build)",
    )
    args = parser.parse_args(argv)
    try:
        check_site(args.site_dir, args.site_url, preview=args.preview)
    except CheckError as error:
        print(f"check_site: {args.site_dir} must not be published:\n{error}", file=sys.stderr)
        return 1
    print(f"check_site: {args.site_dir} OK: {describe(summary(args.site_dir))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
