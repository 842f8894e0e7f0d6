"""The build checks (scripts/check_site.py) that every way of publishing runs before a build goes live."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from check_site import CheckError, check_site
from check_site import main as check_site_main
from suite_columns import SITE_URL


@pytest.fixture
def built(site, tmp_path) -> Path:
    """A copy of the built site to doctor."""
    return Path(shutil.copytree(site, tmp_path / "site"))


def test_the_built_site_passes_the_checks(site):
    check_site(site, SITE_URL)


@pytest.mark.parametrize(
    "name", ["index.html", "404.html", "_headers", "robots.txt", "sitemap.xml", "favicon.ico", "apple-touch-icon.png"]
)
def test_a_missing_page_or_host_file_is_caught(built, name):
    (built / name).unlink()
    with pytest.raises(CheckError, match=f"missing {re.escape(name)}"):
        check_site(built, SITE_URL)


def test_every_column_page_is_checked_not_only_the_home_page(built):
    second = built / "second" / "index.html"
    html = second.read_text(encoding="utf-8").replace("</h1>", "</h1><h1>again</h1>", 1)
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    second.write_text(html, encoding="utf-8")
    (card,) = re.findall(r'<meta property="og:image" content="([^"]+)"', html)
    (built / card.removeprefix(SITE_URL)).unlink()
    with pytest.raises(CheckError) as error:
        check_site(built, SITE_URL)
    assert str(error.value).split("\n") == [
        "  - second/index.html: expected exactly one <h1>, found 2",
        '  - second/index.html: no <meta http-equiv="Content-Security-Policy"> with a policy',
        *[f"  - second/index.html: link {card!r} points to no file in the site"] * 2,  # og:image, twitter:image
    ]


# --- on small hand-written sites: each rule, and the exact report ----------------------------------------

POLICY = '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">'
CANONICAL = f'<link rel="canonical" href="{SITE_URL}">'  # SITE_URL has a path: /ambassadors-view/
HEADERS = (
    "/*\n  Content-Security-Policy: default-src 'self'\n  Referrer-Policy: no-referrer\n"
    "  X-Content-Type-Options: nosniff\n  Permissions-Policy: camera=()\n"
)


def small_site(root: Path, *, head: str = POLICY + CANONICAL, body: str = "<h1>Column</h1>", files=()) -> Path:
    """A site that passes, but for what `head`, `body` and `files` (names, or name: text) change."""
    pages = {
        "index.html": f"<!doctype html><html><head>{head}</head><body>{body}</body></html>",
        "404.html": f"<!doctype html><html><head>{POLICY}</head><body></body></html>",
        "_headers": HEADERS,
        "robots.txt": "User-agent: *\n",
        "sitemap.xml": "<urlset/>",
        "favicon.ico": "icon",
        "apple-touch-icon.png": "icon",
    }
    # Another page, named without its text: a whole column page of its own at its own address.
    whole = lambda name: whole_page(SITE_URL + name.removesuffix("index.html")) if name.endswith(".html") else "x"  # noqa: E731
    extra = files if isinstance(files, dict) else {name: whole(name) for name in files}
    for name, text in {**pages, **extra}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def whole_page(url: str) -> str:
    return (
        f'<!doctype html><html><head>{POLICY}<link rel="canonical" href="{url}"></head><body><h1>C</h1></body></html>'
    )


def problems(site_dir: Path, site_url: str = SITE_URL) -> list[str]:
    """The report's lines, without their "  - "."""
    try:
        check_site(site_dir, site_url)
    except CheckError as error:
        lines = str(error).split("\n")
        assert all(line.startswith("  - ") for line in lines), str(error)
        return [line[4:] for line in lines]
    return []


def test_a_small_whole_site_passes_with_or_without_the_trailing_slash(tmp_path):
    site_dir = small_site(tmp_path / "site")
    assert problems(site_dir) == []
    assert problems(site_dir, SITE_URL.rstrip("/")) == []


def test_every_problem_is_reported_one_a_line(tmp_path):
    site_dir = small_site(tmp_path / "site", head="", body="<h1>One</h1><h1>Two</h1>")
    (site_dir / "404.html").write_text("<!doctype html><title>Not found</title>", encoding="utf-8")
    (site_dir / "robots.txt").unlink()
    assert problems(site_dir) == [
        "missing robots.txt",
        "index.html: expected exactly one <h1>, found 2",
        'index.html: no <meta http-equiv="Content-Security-Policy"> with a policy',
        'index.html: expected one <link rel="canonical">, found 0',
        '404.html: no <meta http-equiv="Content-Security-Policy"> with a policy',
    ]


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        # An empty or valueless content attribute is no policy.
        ('<meta http-equiv="Content-Security-Policy" content>', "no policy"),
        ('<meta http-equiv="Content-Security-Policy" content="">', "no policy"),
        ('<meta http-equiv="content-security-policy" content="default-src \'self\'">', None),  # any case
        ('<meta name="Content-Security-Policy" content="default-src \'self\'">', "no policy"),
        (
            # As the build writes it: the quotes as character references.
            '<meta http-equiv="Content-Security-Policy" content="script-src &#39;self&#39; &#39;unsafe-inline&#39;">',
            "index.html: the Content-Security-Policy allows 'unsafe-inline' (a local-preview build?)",
        ),
    ],
)
def test_the_page_policy(tmp_path, head, expected):
    found = problems(small_site(tmp_path / "site", head=head + CANONICAL))
    if expected == "no policy":
        expected = 'index.html: no <meta http-equiv="Content-Security-Policy"> with a policy'
    assert found == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("links", "expected"),
    [
        (f'<link rel="Canonical" href="{SITE_URL}">', []),  # rel is a case-insensitive list of tokens
        (f'<link rel="alternate canonical" href="{SITE_URL}">', []),
        (f'<link rel="canonical" href="{SITE_URL}"><link rel="canonical" href="{SITE_URL}">', ["found 2"]),
        ('<link href="style.css"><link rel="canonical">', ["canonical '' does not start"]),
        (
            '<link rel="canonical" href="https://elsewhere.example/ambassadors-view/">',
            ["canonical 'https://elsewhere.example/ambassadors-view/' does not start"],
        ),
    ],
)
def test_the_canonical_link(tmp_path, links, expected):
    found = problems(small_site(tmp_path / "site", head=POLICY + links, files=["style.css"]))
    wanted = {
        "found 2": 'index.html: expected one <link rel="canonical">, found 2',
        "canonical '' does not start": f"index.html: canonical '' does not start with the site URL '{SITE_URL}'",
        "canonical 'https://elsewhere.example/ambassadors-view/' does not start": (
            "index.html: canonical 'https://elsewhere.example/ambassadors-view/' does not start with the site URL "
            f"'{SITE_URL}'"
        ),
    }
    assert found == [wanted[key] for key in expected]


# Links on the page, with files beside index.html: assets/app.css, Xmas.css, sub/index.html, empty/ (a folder with no
# index.html); and ../outside.txt beside the site folder. The server serves the folder under SITE_URL's path.
LINKS = {
    "assets/app.css": True,
    "assets/gone.css": False,
    "/ambassadors-view/assets/app.css": True,
    "/ambassadors-view/Xmas.css": True,
    "/ambassadors-view": True,  # the site's own path: its index.html
    "/assets/app.css": False,  # root-relative, outside the site's path
    "/ambassadors-viewer/assets/app.css": False,  # not the site's path, though it starts like it
    "sub/": True,
    "sub": True,  # a folder: its index.html
    "empty/": False,
    "empty": False,
    "assets/app.css/": False,  # a file is no folder
    f"{SITE_URL}assets/app.css": True,  # the site's own public address is this folder
    f"{SITE_URL}gone.png": False,
    "https://elsewhere.example/gone.png": True,  # another site: not checked
    "mailto:someone@example.com": True,
    "../outside.txt": False,  # a file, but not in the site
    "?page=2": True,  # this page
    "#top": True,
    "#caf%C3%A9": True,  # the fragment is percent-decoded
    "#nowhere": False,
    "404.html#nowhere": True,  # ids are checked on this page only
    "": True,  # an empty address is this page
}


@pytest.mark.parametrize(("url", "resolves"), LINKS.items(), ids=lambda value: str(value))
def test_each_kind_of_link(tmp_path, url, resolves):
    body = f'<h1 id="top">Column</h1><p id="café"><a href="{url}">link</a></p>'
    site_dir = small_site(
        tmp_path / "site", body=body, files=["assets/app.css", "Xmas.css", "sub/index.html", "empty/.keep"]
    )
    (tmp_path / "outside.txt").write_text("not published", encoding="utf-8")
    reason = "points to no element with that id" if url.endswith("#nowhere") else "points to no file in the site"
    assert problems(site_dir) == ([] if resolves else [f"index.html: link {url!r} {reason}"])


def test_the_script_a_selection_loads_must_be_in_the_site(tmp_path):
    body = '<h1>Column</h1><script data-oc-script="assets/app.js"></script>'
    assert problems(small_site(tmp_path / "site", body=body, files=["assets/app.js"])) == []
    assert problems(small_site(tmp_path / "other", body=body)) == [
        "index.html: link 'assets/app.js' points to no file in the site"
    ]


def test_a_valueless_href_is_this_page(tmp_path):
    assert problems(small_site(tmp_path / "site", body="<h1>Column</h1><a href>here</a>")) == []


def test_every_broken_link_is_reported_not_only_the_first(tmp_path):
    body = '<h1>Column</h1><a href="https://elsewhere.example/">x</a><a href="a.css">a</a><a href="#b">b</a>'
    assert problems(small_site(tmp_path / "site", body=body)) == [
        "index.html: link 'a.css' points to no file in the site",
        "index.html: link '#b' points to no element with that id",
    ]


@pytest.mark.parametrize(
    "meta",
    [
        f'<meta property="og:image" content="{SITE_URL}assets/card.png">',
        f'<meta name="twitter:image" content="{SITE_URL}assets/card.png">',
    ],
)
def test_the_card_of_link_previews_must_be_in_the_site(tmp_path, meta):
    assert problems(small_site(tmp_path / "site", head=POLICY + CANONICAL + meta, files=["assets/card.png"])) == []
    missing = small_site(tmp_path / "other", head=POLICY + CANONICAL + meta)
    assert problems(missing) == [f"index.html: link '{SITE_URL}assets/card.png' points to no file in the site"]


def test_a_site_at_the_root_of_its_domain(tmp_path):
    body = '<h1>Column</h1><a href="/assets/app.css">a</a><a href="/">home</a>'
    head = POLICY + '<link rel="canonical" href="https://columns.example/">'
    site_dir = small_site(tmp_path / "site", head=head, body=body, files=["assets/app.css"])
    assert problems(site_dir, "https://columns.example") == []


HOW_TO_SET = (
    "set the SITE_URL environment variable to the site's public address "
    "(SITE_URL=https://your.domain/ make publish DEST=...), or site_url in mkdocs.yml"
)


@pytest.mark.parametrize(
    "site_url",
    ["https://example.com/", "https://example.com", "http://www.example.org/column/", "https://EXAMPLE.net/"],
)
def test_a_placeholder_address_is_refused_with_how_to_set_the_real_one(tmp_path, site_url):
    """mkdocs.yml's default address, or another of the domains reserved for examples (RFC 2606): a build
    made for it has its canonical URL, share links and previews pointing at nobody's site."""
    canonical = f'<link rel="canonical" href="{site_url.rstrip("/")}/">'
    site_dir = small_site(tmp_path / "site", head=POLICY + canonical)
    assert problems(site_dir, site_url) == [
        f"the site URL {site_url!r} is a placeholder (a domain reserved for examples), not the site's public "
        f"address: {HOW_TO_SET}"
    ]


@pytest.mark.parametrize("site_url", ["", "/column/", "columns.example", "ftp://columns.example/"])
def test_a_site_url_that_is_no_public_address_is_refused(tmp_path, site_url):
    """As when a host's build command passes --site-url "$SITE_URL" and SITE_URL is not set."""
    found = problems(small_site(tmp_path / "site"), site_url)
    assert found[0] == (
        f"expected the site's public address as an absolute http(s) URL, got {site_url!r}: {HOW_TO_SET}"
    )


def test_addresses_that_merely_look_like_the_placeholder_pass(tmp_path):
    for site_url in ("https://example.community/", "https://notexample.com/", "https://example.com.columns.example/"):
        canonical = f'<link rel="canonical" href="{site_url}">'
        assert problems(small_site(tmp_path / site_url[8:-1], head=POLICY + canonical), site_url) == []


def test_a_headers_file_lacking_each_header(tmp_path):
    site_dir = small_site(tmp_path / "site")
    (site_dir / "_headers").write_text("/*\n  Referrer-Policy: no-referrer\n", encoding="utf-8")
    assert problems(site_dir) == [
        "_headers: no 'Content-Security-Policy:' line",
        "_headers: no 'X-Content-Type-Options: nosniff' line",
        "_headers: no 'Permissions-Policy:' line",
    ]


def test_the_command_line(tmp_path, capsys):
    site_dir = small_site(tmp_path / "site", files={"assets/app.css": "body{}"})
    (site_dir / "link.html").symlink_to("index.html")  # a link is not a file of its own
    size = sum(path.stat().st_size for path in site_dir.rglob("*") if path.is_file() and not path.is_symlink())
    assert check_site_main([str(site_dir), "--site-url", SITE_URL]) == 0
    assert capsys.readouterr().out == f"check_site: {site_dir} OK: 2 pages, 8 files, {size:,} bytes\n"
    (site_dir / "sitemap.xml").unlink()
    (site_dir / "robots.txt").unlink()
    assert check_site_main([str(site_dir), "--site-url", SITE_URL]) == 1
    assert capsys.readouterr().err == (
        f"check_site: {site_dir} must not be published:\n  - missing robots.txt\n  - missing sitemap.xml\n"
    )
    with pytest.raises(SystemExit) as stop:
        check_site_main([str(site_dir)])
    assert stop.value.code == 2 and "the following arguments are required: --site-url" in capsys.readouterr().err
