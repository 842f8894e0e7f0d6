"""A column that moved, in a browser: a link to its old address, and to a paragraph there, lands on the paragraph
at the new address (Chromium, under the site's policy, header included), and without JavaScript the meta refresh
still leads to the new address. The page at the old address is valid HTML: test_validity.py."""

from __future__ import annotations

import pytest

from browser_support import serve

PARAGRAPH = "history-offers-the-same-words-again"  # the suite's second column's fourth paragraph


@pytest.fixture(scope="module")
def moved_url(moved_project_and_site):
    _, site = moved_project_and_site
    with serve(site) as url:  # with the site's _headers, its policy among them
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
