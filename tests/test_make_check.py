"""`make check`, the editor's command (scripts/check.py): the strict build, the checks every publish runs, and the
checks of scripts/page_checks.py on every column page, with no browser. Each page check passes on the suite's
site and fails on a copy broken the way it guards against; the command itself passes on the suite's columns and
stops on an edit that would break a link that went out. The publisher's own site: tests/test_live_site.py."""

from __future__ import annotations

import random
import re
import shutil
import struct
import zlib
from pathlib import Path

import pytest

import check
import page_checks
from build_harness import copy_project, environment, offline_env
from project_edits import replace_text
from suite_columns import COLUMNS, SITE_URL

BUDGET_BYTES, BUDGET_REQUESTS = 14336, 1  # bench/budget.yml's figures, written out


def problems(site: Path) -> list[str]:
    return page_checks.check_pages(site, SITE_URL, BUDGET_BYTES, BUDGET_REQUESTS)[1]


@pytest.fixture
def copy(site, tmp_path) -> Path:
    return Path(shutil.copytree(site, tmp_path / "site"))


def png(width: int, height: int) -> bytes:
    header = struct.pack(">II5B", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))


def test_the_suites_site_passes_every_page_check(site):
    # Three columns; the plain page, the index and the authors' pages pass the checks that apply to them.
    assert page_checks.check_pages(site, SITE_URL, BUDGET_BYTES, BUDGET_REQUESTS) == (3, [])


def test_a_png_is_measured_from_its_header():
    assert page_checks.png_size(png(1200, 630)) == (1200, 630)
    assert page_checks.png_size(b"GIF89a" + bytes(30)) is None
    assert page_checks.png_size(png(1200, 630).replace(b"IHDR", b"IDAT")) is None  # the signature alone


@pytest.mark.parametrize(
    "file, old, new, expected",
    [
        (
            "index.html",
            '<meta property="og:title" content="',
            '<meta property="og:title" content="X',
            "the headline differs",
        ),
        (
            "second/index.html",
            '<meta name="twitter:description" content="',
            '<meta name="twitter:description" content="X',
            "the description differs",
        ),
        (
            "index.html",
            '<meta property="og:url" content="',
            '<meta property="og:url" content="https://elsewhere.example/',
            "the address differs",
        ),
        ("second/index.html", '"dateModified": "', '"dateModified": "2016-04-06', "the last change differs"),
        (
            "index.html",
            "u=https%3A%2F%2Fcolumns.example%2Fambassadors-view%2F",
            "u=x",
            "does not carry the page's address",
        ),
        ("index.html", "<style>", "<style>p{}", "style-src allows"),
        ("index.html", "</script>", "/* changed */</script>", "script-src allows"),
        (
            "_headers",
            "Content-Security-Policy: default-src 'self'",
            "Content-Security-Policy: default-src 'none'",
            "_headers does not give the page's policy",
        ),
        (
            "sitemap.xml",
            "<lastmod>2016-04-05T08:30:00+01:00</lastmod>",
            "<lastmod>2016-04-04</lastmod>",
            "sitemap.xml gives",
        ),
        ("sitemap.xml", f"<loc>{SITE_URL}second/</loc>", f"<loc>{SITE_URL}third/</loc>", "is not in sitemap.xml"),
        (
            "index.html",
            "</head>",
            '<link rel="stylesheet" href="https://fonts.example/a.css"></head>',
            "loads from another origin",
        ),
        (
            "index.html",
            "</head>",
            '<link rel="preconnect" href="https://cdn.example"></head>',
            "connects to another origin",
        ),
        (
            "index.html",
            "</head>",
            '<link rel="stylesheet" href="assets/missing.css"></head>',
            "which is not in the built site",
        ),
        ("index.html", "</head>", '<script src="assets/extra.js"></script></head>', "requests, over the budget of 1"),
        # A page that is not a column: its policy, its sitemap entry and its budget are checked too.
        ("columns/index.html", "<style>", "<style>p{}", "columns/index.html: style-src allows"),
        (
            "sitemap.xml",
            f"<loc>{SITE_URL}about/</loc>",
            f"<loc>{SITE_URL}elsewhere/</loc>",
            f"about/index.html: {SITE_URL}about/ is not in sitemap.xml",
        ),
        (
            "authors/nunez/index.html",
            "</head>",
            '<link rel="stylesheet" href="assets/missing.css"></head>',
            "which is not in the built site",
        ),
    ],
)
def test_each_page_check_fails_on_what_it_guards_against(copy, file, old, new, expected):
    if "extra.js" in new:
        (copy / "assets" / "extra.js").write_text("0", encoding="utf-8")
    replace_text(copy / file, old, new)
    assert any(expected in problem for problem in problems(copy)), problems(copy)


def test_an_image_of_the_wrong_size_or_missing_is_found(copy):
    card = next((copy / "assets").glob("card.*.png"))
    card.write_bytes(png(1200, 600))
    assert any("is (1200, 600), not 1200x630" in problem for problem in problems(copy)), problems(copy)
    card.unlink()
    assert any("is not in the built site" in problem for problem in problems(copy))


def test_a_first_view_over_the_byte_budget_is_found(copy):
    noise = random.Random(0).randbytes(16_000).hex()  # random: gzip cannot make it much smaller
    replace_text(copy / "index.html", "</body>", f"<!-- {noise} --></body>")
    assert any("bytes gzipped, over the budget of 14,336" in problem for problem in problems(copy)), problems(copy)


def test_redirect_pages_and_the_not_found_page_are_not_column_pages(copy):
    (copy / "old").mkdir()
    (copy / "old" / "index.html").write_text('<meta http-equiv="refresh" content="0; url=../">', encoding="utf-8")
    # Nor are the plain page, the index and the authors' pages.
    assert [path.relative_to(copy).as_posix() for path in page_checks.column_pages(copy)] == [
        "index.html",
        "second/index.html",
        "third/index.html",
    ]


# --- the command ---------------------------------------------------------------------------------------


def run_check(
    project: Path, capfd, site_url: str | None = SITE_URL, preview: str | None = None
) -> tuple[int, str, str]:
    """scripts/check.py in the test process (where `make mutation` can try it), its build offline: the exit
    status, and what it and the build wrote."""
    with environment(**{**offline_env(site_url=site_url), "SITE_URL": site_url, "SITE_PREVIEW": preview}):
        status = check.main(["--project", str(project)])
    out, err = capfd.readouterr()
    return status, out, err


def test_make_check_passes_on_the_suites_columns_and_stops_on_a_broken_link(tmp_path, capfd):
    project = copy_project(tmp_path / "project")
    shutil.copy(COLUMNS / "records" / "published.yml", project / "data" / "published.yml")
    # No SITE_URL: mkdocs.yml's placeholder address, which an editor's checkout has; a publish would refuse it.
    status, out, err = run_check(project, capfd, site_url=None)
    assert status == 0, err
    assert re.search(r"^check: OK, 3 column pages \(", out, flags=re.M), out
    assert "check: note: the site URL 'https://example.com/' is a placeholder" in err
    assert (project / "site" / "second" / "index.html").is_file()
    replace_text(project / "docs" / "second.md", "Talks in Geneva resumed", "In Geneva, talks resumed")
    status, out, err = run_check(project, capfd)
    assert status == 1
    assert "#talks-in-geneva-resumed-this-week went out as a link to a paragraph of /second/" in err
    assert err.splitlines()[-1] == "check: the build stopped; its message is above"


def test_make_check_checks_a_deploy_preview_as_one(tmp_path, capfd):
    # SITE_PREVIEW=1 builds every page with noindex and a robots.txt that disallows all, as a preview must be.
    status, out, err = run_check(copy_project(tmp_path / "project"), capfd, preview="1")
    assert status == 0, err
    assert re.search(r"^check: OK, 3 column pages \(", out, flags=re.M), out
    assert (tmp_path / "project" / "site" / "robots.txt").read_text(encoding="utf-8").splitlines()[-1] == "Disallow: /"


def test_a_placeholder_address_is_no_problem_for_make_check_only(site):
    from check_site import CheckError, check_site

    check_site(site, SITE_URL, placeholder_ok=True)
    with pytest.raises(CheckError, match="is a placeholder"):
        check_site(site, "https://example.com/")
