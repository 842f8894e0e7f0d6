"""The build checks (scripts/check_site.py) that every way of publishing runs before a build goes live."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from check_site import CheckError, check_site
from support import SITE_URL


@pytest.fixture
def built(site, tmp_path) -> Path:
    """A copy of the built site to doctor."""
    return Path(shutil.copytree(site, tmp_path / "site"))


def test_the_built_site_passes_the_checks(site):
    check_site(site, SITE_URL)


def test_a_missing_index_is_caught(built):
    (built / "index.html").unlink()
    with pytest.raises(CheckError, match=r"missing index\.html"):
        check_site(built, SITE_URL)


@pytest.mark.parametrize(
    "name", ["404.html", "_headers", "robots.txt", "sitemap.xml", "favicon.ico", "apple-touch-icon.png"]
)
def test_a_missing_host_file_is_caught(built, name):
    (built / name).unlink()
    with pytest.raises(CheckError, match=f"missing {re.escape(name)}"):
        check_site(built, SITE_URL)


def test_a_missing_asset_is_caught(built):
    card = next((built / "assets").glob("card.*.png"))
    card.unlink()
    with pytest.raises(CheckError, match=re.escape(card.name)):
        check_site(built, SITE_URL)


def test_a_second_headline_and_a_missing_policy_are_caught(built):
    index = built / "index.html"
    html = index.read_text(encoding="utf-8")
    html = html.replace("</h1>", "</h1><h1>again</h1>", 1)
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    index.write_text(html, encoding="utf-8")
    with pytest.raises(CheckError) as error:
        check_site(built, SITE_URL)
    assert "exactly one <h1>, found 2" in str(error.value)
    assert "Content-Security-Policy" in str(error.value)


def test_the_local_preview_policy_is_caught(built):
    index = built / "index.html"
    html = index.read_text(encoding="utf-8").replace(
        "script-src ", "script-src &#39;self&#39; &#39;unsafe-inline&#39; ", 1
    )
    index.write_text(html, encoding="utf-8")
    with pytest.raises(CheckError, match="unsafe-inline"):
        check_site(built, SITE_URL)


def test_headers_file_lacking_a_header_is_caught(built):
    headers = built / "_headers"
    headers.write_text(
        headers.read_text(encoding="utf-8").replace("X-Content-Type-Options: nosniff", ""), encoding="utf-8"
    )
    with pytest.raises(CheckError, match="nosniff"):
        check_site(built, SITE_URL)
