"""The publisher's own site as it stands (docs/, data/, mkdocs.yml): it builds strictly and passes the checks any
column must pass. Rules, not remembered words: every expectation here is read from the publisher's inputs or
from the specs, so that correcting a word, dating a column, changing its author or adding a second column keeps
`make test` green. What the machinery does with a column is tested on the suite's own (tests/columns)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from lxml import etree as lxml_etree
from lxml import html as lxml_html
from markdown import Markdown
from mkdocs.utils.yaml import yaml_load
from PIL import Image

from build_harness import ROOT
from built_pages import meta, words
from check_site import check_site
from page_checks import check_pages
from policy_expectations import expected_host_headers, expected_policy, inline_code
from suite_columns import SITE_URL

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.DOTALL)


def settings() -> dict:
    """The publisher's mkdocs.yml, read as MkDocs reads it."""
    with open(ROOT / "mkdocs.yml", "rb") as file:
        return yaml_load(file)


def columns() -> dict[str, tuple[dict, str]]:
    """{URL path of each column page: (its front matter, every value a string as written; its Markdown body)}."""
    found = {}
    docs = ROOT / settings().get("docs_dir", "docs")
    for path in sorted(docs.rglob("*.md")):
        text = path.read_text(encoding="utf-8-sig")
        match = FRONT_MATTER.match(text)
        fields = yaml.load(match.group(1) or "", Loader=yaml.BaseLoader) if match else {}
        if fields.get("template") != "column.html":
            continue
        page = path.relative_to(docs).with_suffix("")
        # use_directory_urls: docs/index.md is "", docs/next.md "next/", docs/a/index.md "a/".
        parts = page.parts[:-1] if page.name == "index" else page.parts
        found["".join(f"{part}/" for part in parts)] = (fields, text[match.end() :])
    return found


COLUMNS = columns()


def pages_around_the_columns() -> dict[str, list[str]]:
    """{URL path of each page the site makes beside the columns: the paths of the columns it lists}: the index,
    once there are two columns, and a page for each author."""
    around = {"columns/": list(COLUMNS)} if len(COLUMNS) > 1 else {}
    for path, (fields, _) in COLUMNS.items():
        around.setdefault(f"authors/{fields['author']}/", []).append(path)
    return around


def plain_pages() -> list[Path]:
    docs = ROOT / settings().get("docs_dir", "docs")
    return [path for path in docs.rglob("*.md") if "template:" not in path.read_text(encoding="utf-8-sig")]


def rendered_blocks(body: str) -> list[str]:
    """The text of each top-level block of a Markdown body, as Markdown with the site's extensions renders it."""
    config = settings()
    html = Markdown(extensions=config.get("markdown_extensions") or []).convert(body)
    return [words(block) for block in lxml_html.fragment_fromstring(html, create_parent="div")]


@pytest.fixture(scope="module")
def pages(live_site) -> dict[str, object]:
    return {path: lxml_html.fromstring((live_site / path / "index.html").read_bytes()) for path in COLUMNS}


def test_the_publishers_site_builds_strictly(live_build):
    result, site_dir = live_build
    assert result.returncode == 0, result.stderr
    assert COLUMNS, "no page of docs/ uses the column layout"
    assert "" in COLUMNS, "the home page (docs/index.md) is a column"
    assert (site_dir / "404.html").is_file()


@pytest.mark.parametrize("path", COLUMNS)
def test_every_paragraph_of_docs_is_on_its_page_once_and_in_order(pages, path):
    fields, body = COLUMNS[path]
    page = pages[path]
    (standfirst,) = page.cssselect(".oc-standfirst")
    assert words(standfirst) == " ".join(fields["description"].split())
    # The column's text: the standfirst, the body's blocks, then what the page adds after them (the corrections,
    # the first publication, the disclaimer).
    (shown,) = page.cssselect(".oc-body")
    blocks = [words(block) for block in shown]
    assert blocks[1 : 1 + len(rendered_blocks(body))] == rendered_blocks(body)
    assert words(shown[0]) == words(standfirst)


@pytest.mark.parametrize("path", COLUMNS)
def test_link_previews_agree_with_the_front_matter_and_each_other(live_site, pages, path):
    fields, _ = COLUMNS[path]
    page = pages[path]
    url = SITE_URL + path
    headline, description = fields["title"], fields["description"]
    assert page.findtext(".//title") == words(page.cssselect("h1")[0]) == headline
    assert meta(page, "og:title") == meta(page, "twitter:title") == headline
    assert meta(page, "description") == meta(page, "og:description") == meta(page, "twitter:description")
    assert meta(page, "description") == description
    assert page.xpath("//link[@rel='canonical']/@href") == [url] and meta(page, "og:url") == url
    assert meta(page, "og:site_name") == settings()["site_name"]
    (data,) = [yaml.safe_load(block) for block in page.xpath("//script[@type='application/ld+json']/text()")]
    assert data["headline"] == headline and data["description"] == description and data["url"] == url
    assert data["publisher"]["name"] == settings()["extra"]["publisher"]["name"]
    author = yaml.safe_load((ROOT / "data" / "authors.yml").read_text(encoding="utf-8"))[fields["author"]]
    assert meta(page, "author") == data["author"]["name"] == author["name"]
    assert words(page.cssselect(".oc-byline a")[0]) == author["name"]
    # The author's url is their page on the site; their profile is one of the Person's sameAs.
    assert data["author"]["url"] == SITE_URL + f"authors/{fields['author']}/"
    assert author["profile"]["url"] in data["author"]["sameAs"]
    # article:author, when given (a Facebook profile), is that profile.
    assert page.xpath("//meta[@property='article:author']/@content") in ([], [author["profile"]["url"]])
    # Every image a preview shows is in the site, at the size the tags give.
    images = [(meta(page, "og:image"), int(meta(page, "og:image:width")), int(meta(page, "og:image:height")))]
    images += [(image["url"], image["width"], image["height"]) for image in data["image"]]
    images.append((data["publisher"]["logo"]["url"], data["publisher"]["logo"]["width"], None))
    for image_url, width, height in images:
        assert image_url.startswith(SITE_URL), image_url
        picture = Image.open(live_site / image_url.removeprefix(SITE_URL))
        assert picture.format == "PNG" and picture.size == (width, height or width), image_url
    dates = (("date", "article:published_time", "datePublished"), ("updated", "article:modified_time", "dateModified"))
    for field, tag, key in dates:
        assert page.xpath(f"//meta[@property='{tag}']/@content") == ([fields[field]] if field in fields else [])
        assert data.get(key) == fields.get(field)


@pytest.mark.parametrize("path", COLUMNS)
def test_every_share_link_carries_the_page_address(pages, path):
    # Every network but those turned off (`enabled: false`); one on the reader's own server is a button that
    # keeps its address for the script, which asks for the server.
    networks = yaml.safe_load((ROOT / "data" / "networks.yml").read_text(encoding="utf-8"))
    offered = [network for network in networks if network.get("enabled", True)]
    page = pages[path]
    links = [a.get("href") for a in page.cssselect(".oc-share__list a")]
    links += [button.get("data-oc-fediverse") for button in page.cssselect(".oc-share__list button[data-oc-fediverse]")]
    assert len(links) == len(offered)
    for link in links:
        assert quote(SITE_URL + path, safe="") in link, link


def test_the_policy_covers_exactly_each_pages_code(live_site):
    policies = set()
    for name in [*(f"{path}index.html" for path in COLUMNS), "404.html"]:
        html = (live_site / name).read_text(encoding="utf-8")
        policy = expected_policy(*inline_code(html))
        assert lxml_html.fromstring(html).xpath("//meta[@http-equiv='Content-Security-Policy']/@content") == [policy]
        policies.add(policy)
    (policy,) = policies  # one stylesheet and the same two scripts on every page
    assert (live_site / "_headers").read_text(encoding="utf-8") == expected_host_headers(
        live_site, policy, len(COLUMNS), len(pages_around_the_columns()) + len(plain_pages())
    )


def test_the_checks_every_publish_runs_pass(live_site):
    check_site(live_site, SITE_URL)


def test_the_checks_of_make_check_pass(live_site):
    """What `make check` checks on each column page (scripts/page_checks.py), within bench/budget.yml's figures:
    what an editor runs before pushing passes on the site as it stands."""
    budget = yaml.safe_load((ROOT / "bench" / "budget.yml").read_text(encoding="utf-8"))
    assert check_pages(live_site, SITE_URL, budget["bytes"], budget["requests"]) == (len(COLUMNS), [])


def test_the_sitemap_lists_every_column_with_its_last_change(live_site):
    sitemap = lxml_etree.fromstring((live_site / "sitemap.xml").read_bytes())
    listed = {
        url.findtext("{*}loc"): url.findtext("{*}lastmod")
        for url in sitemap.iterfind("{http://www.sitemaps.org/schemas/sitemap/0.9}url")
    }
    expected = {SITE_URL + path: last_change(fields) for path, (fields, _) in COLUMNS.items()}
    # The pages around the columns: the last change of a column they list, where one is known.
    for path, listed_columns in pages_around_the_columns().items():
        known = [expected[SITE_URL + column] for column in listed_columns if expected[SITE_URL + column]]
        expected[SITE_URL + path] = max(known, key=lambda value: value[:10]) if known else None
    assert {url: lastmod for url, lastmod in listed.items() if url not in plain_urls()} == expected


def last_change(fields: dict) -> str | None:
    corrections = fields.get("corrections") or []
    return fields.get("updated") or (corrections[-1]["date"] if corrections else None) or fields.get("date")


def plain_urls() -> set[str]:
    docs = ROOT / settings().get("docs_dir", "docs")
    paths = [path.relative_to(docs).with_suffix("") for path in plain_pages()]
    return {SITE_URL + "".join(f"{part}/" for part in (p.parts[:-1] if p.name == "index" else p.parts)) for p in paths}
