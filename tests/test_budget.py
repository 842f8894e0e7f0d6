"""The stable part of the page-weight budget, checked on the built page without a browser:
what the first view loads, gzipped, its request count, and no third-party URL. `make bench` measures the
rest (Lighthouse scores, LCP against the floor, CLS) in a real browser.

Sizes are bodies gzipped at level 6, the level bench/run.py configures nginx with (nginx's own default
is 1); files that are already compressed (images, woff2) count as they are. Response headers are left
out: Lighthouse's transferred figure adds about 250 bytes a response on top."""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from lxml import html as lxml_html

from build_harness import ROOT
from built_pages import collect, css_urls

_BUDGET = yaml.safe_load((ROOT / "bench" / "budget.yml").read_text(encoding="utf-8"))  # shared with make bench
BUDGET_BYTES = _BUDGET["bytes"]
BUDGET_REQUESTS = _BUDGET["requests"]  # the HTML included
GZIP_LEVEL = 6
# What nginx gzips in bench/run.py (gzip_types); anything else goes over the wire as stored.
COMPRESSED_SUFFIXES = {".html", ".css", ".js", ".mjs", ".svg", ".json", ".webmanifest", ".xml", ".txt", ".ico"}


def is_external(url: str) -> bool:
    """Absolute (http:, https:, protocol-relative or any other scheme): not a file of this site."""
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc or url.startswith("//"))


def local_file(site: Path, base: str, url: str) -> Path:
    """The file a relative URL resolves to, from the page at `base` (a path inside the site)."""
    path = unquote(urlsplit(urljoin(base, url)).path).lstrip("/")
    target = site / path
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def wire_size(path: Path) -> int:
    data = path.read_bytes()
    return len(gzip.compress(data, GZIP_LEVEL)) if path.suffix.lower() in COMPRESSED_SUFFIXES else len(data)


def first_view(site: Path) -> dict[str, Path]:
    """Every file the first view of index.html loads, stylesheets' own url()s and @imports included,
    keyed by URL path. Fails on a URL to another origin or to a file the site does not have, the files
    fetched on a reader's action included."""
    index = site / "index.html"
    fetched, on_demand, connects = collect(index.read_text(encoding="utf-8"))
    external = [u for u in fetched + on_demand + connects if is_external(u)]
    assert not external, f"the page loads or connects to another origin: {external}"
    for url in on_demand:
        assert local_file(site, "/", url).is_file(), f"{url} (from /) is not in the built site"
    files: dict[str, Path] = {"/": index}
    queue = [("/", u) for u in fetched]
    if not any(
        "icon" in (link.get("rel") or "").lower().split()
        for link in lxml_html.fromstring(index.read_bytes()).iter("link")
    ):
        queue.append(("/", "/favicon.ico"))  # without an icon link the browser asks for this one
    while queue:
        base, url = queue.pop(0)
        target = local_file(site, base, url)
        key = "/" + target.relative_to(site).as_posix()
        assert target.is_file(), f"{url} (from {base}) is not in the built site"
        if key in files:
            continue
        files[key] = target
        if target.suffix == ".css":
            nested = css_urls(target.read_text(encoding="utf-8"))
            nested = [u for u in nested if not u.startswith(("data:", "#"))]
            assert not [u for u in nested if is_external(u)], f"{key} loads from another origin: {nested}"
            queue.extend((key, u) for u in nested)
    return files


@pytest.fixture(params=["site", "live_site", "every_network_site"])
def built(request) -> Path:
    """The suite's site, the publisher's own as it stands, and every network on: the budget holds for any column
    and for any share bar a publisher can turn on."""
    return request.getfixturevalue(request.param)


def test_first_view_has_no_third_party_url(built):
    first_view(built)  # asserts inside, with the offending URLs in the message


def test_first_view_bytes_within_budget(built):
    files = first_view(built)
    sizes = {key: wire_size(path) for key, path in files.items()}
    total = sum(sizes.values())
    assert total <= BUDGET_BYTES, f"first view is {total} bytes gzipped, budget {BUDGET_BYTES}: {sizes}"


def test_first_view_requests_within_budget(built):
    files = first_view(built)
    assert len(files) <= BUDGET_REQUESTS, f"{len(files)} requests, budget {BUDGET_REQUESTS}: {sorted(files)}"


# The collector itself: a page that breaks the budget must be caught.

SYNTHETIC = """<!doctype html><html><head>
<link rel="stylesheet" href="https://fonts.example/css?family=Roboto">
<link rel="preconnect" href="https://cdn.example">
<link rel="icon" href="assets/i.svg">
<link rel="apple-touch-icon" href="touch.png">
<link rel="canonical" href="https://columns.example/">
<style>body { background: url("assets/bg.png") } .x { background: url(data:image/png;base64,AAAA) }</style>
<script src="//cdn.example/lib.js"></script>
</head><body><img src="a.png" srcset="a.png 1x, a2.png 2x"><svg><use href="#i"></use></svg></body></html>"""


def test_collector_reports_what_a_page_loads():
    fetched, on_demand, connects = collect(SYNTHETIC)
    assert fetched == [
        "https://fonts.example/css?family=Roboto",
        "assets/i.svg",
        "//cdn.example/lib.js",
        "a.png",
        "a.png",
        "a2.png",
        "assets/bg.png",
    ]
    assert on_demand == ["touch.png"]
    assert connects == ["https://cdn.example"]
    assert [u for u in fetched + connects if is_external(u)] == [
        "https://fonts.example/css?family=Roboto",
        "//cdn.example/lib.js",
        "https://cdn.example",
    ]


def test_budget_fails_on_a_third_party_stylesheet(tmp_path):
    (tmp_path / "index.html").write_text(
        '<html><head><link rel="stylesheet" href="https://fonts.example/a.css"></head></html>'
    )
    with pytest.raises(AssertionError, match="another origin"):
        first_view(tmp_path)


def test_budget_counts_nested_css_and_a_missing_file(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(
        '<html><head><link rel="icon" href="assets/i.svg"><link rel="stylesheet" href="assets/a.css"></head></html>'
    )
    (tmp_path / "assets" / "i.svg").write_text("<svg/>")
    (tmp_path / "assets" / "a.css").write_text('@font-face { src: url("../fonts/f.woff2") }')
    with pytest.raises(AssertionError, match="not in the built site"):
        first_view(tmp_path)
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "f.woff2").write_bytes(b"\0" * 40_000)
    files = first_view(tmp_path)
    assert sorted(files) == ["/", "/assets/a.css", "/assets/i.svg", "/fonts/f.woff2"]
    assert sum(wire_size(p) for p in files.values()) > BUDGET_BYTES  # a stored woff2 is not gzipped away


def test_the_home_screen_icon_is_checked_but_not_a_first_view_request(tmp_path):
    page = '<html><head><link rel="icon" href="data:,"><link rel="apple-touch-icon" href="{}"></head></html>'
    (tmp_path / "index.html").write_text(page.format("https://cdn.example/touch.png"))
    with pytest.raises(AssertionError, match="another origin"):
        first_view(tmp_path)
    (tmp_path / "index.html").write_text(page.format("touch.png"))
    with pytest.raises(AssertionError, match="not in the built site"):
        first_view(tmp_path)
    (tmp_path / "touch.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert sorted(first_view(tmp_path)) == ["/"]
