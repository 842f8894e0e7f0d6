"""Deploy previews (SITE_PREVIEW=1): the same build, kept out of search engines: every page noindex,
robots.txt disallowing all, a sitemap that lists no page (at the preview's address or the site's), and
`X-Robots-Tag: noindex` for every file a host serves from `_headers`. The site itself never has any of it.
The build checks (scripts/check_site.py) tell the two apart, so that neither goes out as the other."""

from __future__ import annotations

import pytest
from lxml import etree

import publish
from build_harness import build_error, built, copy_project
from built_pages import parsed
from check_site import CheckError, check_site
from check_site import main as check_site_main
from column import data
from suite_columns import SITE_URL

# A Netlify deploy preview's address, as $DEPLOY_PRIME_URL gives it.
PREVIEW_URL = "https://deploy-preview-7--columns.example/"
# The suite's pages (tests/columns): the not-found page, the plain page, the authors' pages, the index of columns,
# the home page, the second and the third column.
PAGES = [
    "404.html",
    "about/index.html",
    "authors/nunez/index.html",
    "authors/yakovenko/index.html",
    "columns/index.html",
    "index.html",
    "second/index.html",
    "third/index.html",
]
# What the site's sitemap lists: the pages of docs/ (index.md first, then by name), then the index and the authors.
SITEMAP_URLS = [
    SITE_URL + path for path in ("", "about/", "second/", "third/", "columns/", "authors/nunez/", "authors/yakovenko/")
]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    work = tmp_path_factory.mktemp("preview")
    return built(copy_project(work / "project"), work / "site", site_url=PREVIEW_URL, preview="1")


def robots_meta(path) -> list[str]:
    """The content of each <meta name="robots"> in a page's head."""
    return parsed(path.parent, path.name).xpath("//head/meta[@name='robots']/@content")


def sitemap_locations(site) -> list[str]:
    tree = etree.fromstring((site / "sitemap.xml").read_bytes())
    assert tree.tag == f"{SITEMAP}urlset"
    return [loc.text for loc in tree.iter(f"{SITEMAP}loc")]


# --- a preview ------------------------------------------------------------------------------------------------


def test_every_page_of_a_preview_is_noindex(preview):
    pages = sorted(path.relative_to(preview).as_posix() for path in preview.rglob("*.html"))
    assert pages == PAGES
    for name in pages:
        assert robots_meta(preview / name) == ["noindex"], name


def test_a_previews_robots_txt_disallows_all_and_names_no_sitemap(preview):
    assert (preview / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /\n"


def test_a_previews_sitemap_lists_no_page(preview):
    """Neither the site's address nor the preview's: a preview claims no page for an index."""
    assert sitemap_locations(preview) == []
    text = (preview / "sitemap.xml").read_text(encoding="utf-8")
    assert SITE_URL not in text and PREVIEW_URL not in text


def test_a_previews_host_headers_say_noindex_for_every_file(preview):
    """The cards and icons have no <meta>: the header covers them (Netlify and Cloudflare read _headers)."""
    headers = (preview / "_headers").read_text(encoding="utf-8")
    every_path = headers.split("\n/")[0]  # the "/*" block, before the per-file caching rules
    assert every_path.startswith("/*\n") and "\n  X-Robots-Tag: noindex" in every_path


def test_a_preview_is_still_the_column_at_the_previews_address(preview):
    """Share links and the canonical URL point at the preview, as README's Netlify section sets them up."""
    page = parsed(preview)
    assert page.xpath("//link[@rel='canonical']/@href") == [PREVIEW_URL]
    assert len(page.cssselect(".oc-body > p")) > 1


def test_a_preview_passes_the_checks_as_a_preview_only(preview, monkeypatch, capsys):
    check_site(preview, PREVIEW_URL, preview=True)
    with pytest.raises(CheckError) as error:
        check_site(preview, PREVIEW_URL)
    assert str(error.value) == (
        "".join(f"  - {page}: marked noindex, as a deploy preview is (SITE_PREVIEW=1)\n" for page in PAGES[1:])
        + "  - robots.txt: disallows the whole site, as a deploy preview's does (SITE_PREVIEW=1)"
    )
    # The command line reads SITE_PREVIEW, as the build does, so one switch drives both.
    monkeypatch.setenv("SITE_PREVIEW", "1")
    assert check_site_main([str(preview), "--site-url", PREVIEW_URL]) == 0
    monkeypatch.delenv("SITE_PREVIEW")
    assert check_site_main([str(preview), "--site-url", PREVIEW_URL]) == 1
    assert check_site_main([str(preview), "--site-url", PREVIEW_URL, "--preview"]) == 0
    capsys.readouterr()


def test_make_publish_checks_a_preview_build_as_one(preview, monkeypatch):
    """SITE_PREVIEW=1 make publish DEST=... (a staging server) publishes a preview; without it, a preview
    build is refused as the site."""
    monkeypatch.setenv("SITE_PREVIEW", "1")
    publish.run_checks(preview, PREVIEW_URL)
    monkeypatch.delenv("SITE_PREVIEW")
    with pytest.raises(publish.PublishError, match=r"index\.html: marked noindex"):
        publish.run_checks(preview, PREVIEW_URL)


# --- the site itself --------------------------------------------------------------------------------------------


def test_the_site_itself_is_indexed(site):
    assert robots_meta(site / "index.html") == robots_meta(site / "second" / "index.html") == []
    assert robots_meta(site / "404.html") == ["noindex"]  # a not-found page never is, and says so once
    # robots.txt allows every page and the sitemap lists each: test_link_previews.py.
    assert "X-Robots-Tag" not in (site / "_headers").read_text(encoding="utf-8")


def test_the_site_fails_the_checks_of_a_preview(site):
    with pytest.raises(CheckError) as error:
        check_site(site, SITE_URL, preview=True)
    assert str(error.value) == (
        "".join(f'  - {page}: a preview page without <meta name="robots" content="noindex">\n' for page in PAGES[1:])
        + "  - robots.txt: a preview's must disallow the whole site ('Disallow: /')\n"
        "  - sitemap.xml: a preview's must list no page"
    )


# --- the switch -------------------------------------------------------------------------------------------------

SWITCH = (
    "environment variable SITE_PREVIEW: expected 1 (a deploy preview, not to be indexed) or 0 (the site itself; "
    "the same as unset), got {!r}."
)


@pytest.mark.parametrize("value, preview", [(None, False), ("", False), ("0", False), ("1", True)])
def test_the_switchs_values(value, preview):
    assert data.check_preview(value) is preview


@pytest.mark.parametrize("value", ["yes", "true", " 1", "2"])
def test_any_other_value_is_refused(value):
    """A typo must not quietly build the site where a preview was meant, nor the reverse."""
    with pytest.raises(data.InputError) as error:
        data.check_preview(value)
    assert str(error.value) == SWITCH.format(value)


def test_the_switch_is_read_by_the_build(project, tmp_path):
    assert build_error(project, tmp_path / "site", preview="yes") == SWITCH.format("yes")
    site = built(project, tmp_path / "site", preview="0")
    assert robots_meta(site / "index.html") == robots_meta(site / "second" / "index.html") == []
    assert sitemap_locations(site) == SITEMAP_URLS
