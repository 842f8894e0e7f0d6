"""A corrected column in a browser: the editor's corrections are shown after the column's last paragraph, on
screen and in print, and a link made to a paragraph before its opening was reworded still lands on it (its
pinned id). The page's HTML is checked with the others' in test_validity.py."""

from __future__ import annotations

import pytest

from browser_support import serve
from project_edits import PUBLISHED_ID, REWORDED


@pytest.fixture(scope="module")
def corrected_url(corrected_site):
    with serve(corrected_site) as url:
        yield url


def test_corrections_are_shown_and_printed(open_page, corrected_url):
    page, watch = open_page(at=corrected_url)
    note = page.locator(".oc-corrections")
    last_paragraph = page.locator(".oc-body > p[id]").last
    assert note.is_visible()
    assert note.bounding_box()["y"] > last_paragraph.bounding_box()["y"]
    assert note.locator("p").count() == 2

    page.emulate_media(media="print")
    assert note.is_visible(), "the corrections are not printed"
    assert note.locator("time").first.inner_text() == "30 March 2016"
    assert note.bounding_box()["y"] > last_paragraph.bounding_box()["y"]
    # Printed in the page's print colours: dark ink on white, the rule beside it still drawn.
    colours = note.evaluate(
        "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor, getComputedStyle(e).borderLeftWidth]"
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)", "3px"], colours
    page.emulate_media(media="screen")
    assert not watch.problems()


def test_a_link_shared_before_the_rewording_still_lands_on_its_paragraph(open_page, corrected_url):
    page, watch = open_page(f"#{PUBLISHED_ID}", at=corrected_url)
    target = page.locator(":target")
    assert target.count() == 1
    assert target.inner_text().startswith(REWORDED)
    assert not watch.problems()
