"""The pages around the columns in Chromium: the plain page, the index, an author's page and a column's "More
from", at a phone's width and a desktop's, light and dark: axe-core finds no violation, nothing overflows the
width, and no page asks another origin or breaks its policy. The Arabic index too, right to left."""

from __future__ import annotations

import pytest
from test_accessibility import assert_axe_passes

PAGES = ["about/", "columns/", "authors/nunez/", "second/"]
NO_OVERFLOW_JS = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"


@pytest.mark.parametrize("width", (320, 1280))
@pytest.mark.parametrize("scheme", ("light", "dark"))
@pytest.mark.parametrize("path", PAGES)
def test_the_pages_pass_axe_and_fit_the_width(open_page, path, width, scheme):
    page, watch = open_page(path, viewport={"width": width, "height": 800}, color_scheme=scheme)
    assert watch.response.status == 200
    assert_axe_passes(page)
    assert page.evaluate(NO_OVERFLOW_JS), f"{path} is wider than {width} px"
    assert not watch.problems()


@pytest.mark.parametrize("path", ["columns/", "authors/haddad/", ""])
def test_the_arabic_pages_pass_axe_right_to_left(open_language_page, path):
    page, watch = open_language_page("ar", path, viewport={"width": 375, "height": 800})
    assert page.evaluate("() => getComputedStyle(document.body).direction") == "rtl"
    assert_axe_passes(page)
    assert page.evaluate(NO_OVERFLOW_JS)
    assert not watch.problems()
