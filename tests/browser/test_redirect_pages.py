"""A column that moved, in a browser: a link to its old address, and to a paragraph there, lands on the paragraph
at the new address (Chromium, under the site's policy, header included), and without JavaScript the meta refresh
still leads to the new address. The page at the old address is valid HTML (the Nu checker)."""

from __future__ import annotations

import json
import subprocess

import pytest
from test_link_guard import moved_project
from test_validity import BROKEN

from browser_support import serve
from build_harness import build

PARAGRAPH = "history-offers-the-same-words-again"  # the suite's second column's fourth paragraph


@pytest.fixture(scope="module")
def moved_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("moved-browser")
    project = moved_project(work / "project")
    result = build(project, work / "site")
    assert result.returncode == 0, result.stderr
    return work / "site"


@pytest.fixture(scope="module")
def moved_url(moved_site):
    with serve(moved_site) as url:  # with the site's _headers, its policy among them
        yield url


@pytest.fixture
def open_moved(open_page, moved_url):
    """open_moved(path, **context options) -> (page, watch) on the moved site (conftest.open_page)."""
    return lambda path, **options: open_page(path, at=moved_url, **options)


def test_a_paragraph_link_to_the_old_address_lands_on_its_paragraph(open_moved, moved_url):
    page, watch = open_moved(f"second/#{PARAGRAPH}")
    page.wait_for_url(f"{moved_url}ceasefire/#{PARAGRAPH}")
    page.wait_for_load_state("load")
    target = page.locator(":target")
    assert target.count() == 1 and target.inner_text().startswith("History offers the same words")
    assert watch.problems() == {}


def test_without_javascript_the_old_address_leads_to_the_new_one(open_moved, moved_url):
    page, watch = open_moved("second/", java_script_enabled=False)
    page.wait_for_url(f"{moved_url}ceasefire/")
    assert page.locator("h1").inner_text() == "What a ceasefire needs: the same words, kept"
    assert watch.problems() == {}


def test_the_page_at_the_old_address_is_valid_html(moved_site, vnu, tmp_path):
    control = tmp_path / "control.html"
    control.write_text(BROKEN, encoding="utf-8")
    result = subprocess.run(
        [*vnu, "--errors-only", "--format", "json", str(control), str(moved_site / "second" / "index.html")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    errors = [
        (m.get("url", "").rsplit("/", 2)[-2:], m.get("message"))
        for m in json.loads(result.stderr)["messages"]
        if m.get("type") in ("error", "non-document-error") or m.get("subType") == "fatal"
    ]
    assert any(where[-1] == "control.html" for where, _ in errors), "vnu found no error in a broken page"
    assert [error for error in errors if error[0][-1] != "control.html"] == []
