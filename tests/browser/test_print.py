"""Print (emulated print media): the column, its byline, bio and disclaimer stay; the share bar goes;
the page's address is printed."""

from __future__ import annotations

import pytest

from browser_support import canonical_url


@pytest.mark.parametrize("system", ["light", "dark"])
@pytest.mark.parametrize("toggled", [False, True])
def test_print_keeps_the_column_and_prints_the_url(open_page, system, toggled):
    page, watch = open_page(color_scheme=system)
    if toggled:  # the reader's own choice, the opposite of the system's
        page.locator("button[data-oc-theme]").click()
        assert page.locator("html").get_attribute("data-oc-theme")
    canonical = canonical_url(page)
    assert not page.locator(".oc-print-url").is_visible()  # on screen the address is not repeated
    assert page.locator(".oc-share").is_visible()
    assert page.locator(".oc-readtime").is_visible()

    page.emulate_media(media="print")
    for selector in (
        "h1.oc-headline",
        ".oc-byline",
        ".oc-standfirst",
        ".oc-body > p[id] >> nth=-1",
        ".oc-bio",
        ".oc-bio__text",
        ".oc-original",
        ".oc-disclaimer",
    ):
        assert page.locator(selector).is_visible(), f"{selector} not printed"
    # The reading time is left off paper: there the length is in the reader's hands.
    for selector in (".oc-share", "button[data-oc-theme]", ".oc-share a.oc-button >> nth=0", ".oc-readtime"):
        assert not page.locator(selector).is_visible(), f"{selector} printed"
    printed_url = page.locator(".oc-print-url")
    assert printed_url.is_visible()
    assert canonical in printed_url.inner_text()
    # Dark screen colours do not reach paper: dark ink on a light page.
    colors = page.evaluate("[getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]")
    assert colors[0] == "rgb(0, 0, 0)" and colors[1] == "rgb(255, 255, 255)", colors
    # The whole page prints in its light scheme: rules and borders too, not only the text and paper.
    assert page.evaluate("getComputedStyle(document.documentElement).colorScheme") == "light"

    page.emulate_media(media="screen")
    assert not page.locator(".oc-print-url").is_visible()
    assert not watch.problems()
