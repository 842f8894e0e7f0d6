"""Accessibility: axe-core at three widths in both themes (reached through the system setting and
through the page's own toggle), keyboard order and focus rings, the skip link, landmarks; the pages around the
columns (the plain page, the index, an author's page, a column's "More from") at a phone's width and a
desktop's, light and dark: axe finds nothing, nothing overflows the width, no page asks another origin or
breaks its policy. The same in Russian and Arabic: test_other_languages.py."""

from __future__ import annotations

import pytest

from page_scripts import OVERFLOW_JS, assert_axe_passes, run_axe

WIDTHS = (320, 375, 1280)
OTHER = {"light": "dark", "dark": "light"}

# Every control a keyboard user can reach, in document order, as the browser lays it out now.
FOCUSABLE_JS = """
() => Array.from(document.querySelectorAll(
  'a[href], button:not([disabled]), input:not([disabled]), select, textarea, summary, [tabindex]'
)).filter(el => {
  if (el.tabIndex < 0) return false;
  const style = getComputedStyle(el);
  return el.getClientRects().length > 0 && style.visibility !== 'hidden';
}).map((el, i) => { el.dataset.ocTabIndex = String(i); return describe(el); })
"""
DESCRIBE_JS = """() => { window.describe = el => el.tagName.toLowerCase()
  + (el.id ? '#' + el.id : '')
  + (el.getAttribute('aria-label') ? '[' + el.getAttribute('aria-label') + ']' : '')
  + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : ''); }
"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("via", ["system", "toggle"])
def test_axe_reports_no_violations(open_page, width, theme, via):
    # "system": the theme comes from prefers-color-scheme; "toggle": the system says the opposite and
    # the reader clicks the page's toggle, which sets data-oc-theme.
    scheme = theme if via == "system" else OTHER[theme]
    page, watch = open_page(viewport={"width": width, "height": 800}, color_scheme=scheme)
    if via == "toggle":
        page.locator("button[data-oc-theme]").click()
        assert page.locator("html").get_attribute("data-oc-theme") == theme
    assert page.locator("button[data-oc-theme]").get_attribute("aria-pressed") == str(theme == "dark").lower()

    assert_axe_passes(page)
    assert not watch.problems()


def test_axe_flags_low_contrast(open_page):
    """Control: the same run does report a contrast failure when there is one."""
    page, _ = open_page()
    page.evaluate("document.querySelector('.oc-standfirst').style.setProperty('color', '#ddd')")
    results = run_axe(page)
    assert "color-contrast" in {v["id"] for v in results.response["violations"]}


@pytest.mark.parametrize("width", [375, 1280])
def test_tab_reaches_every_control_in_reading_order_with_focus_ring(open_page, width):
    page, watch = open_page(viewport={"width": width, "height": 800})
    page.evaluate(DESCRIBE_JS)
    expected = page.evaluate(FOCUSABLE_JS)
    # The page's controls: skip link, site name, theme toggle, byline, 7 share links, copy link, bio links.
    assert len(expected) >= 12, expected

    reached = []
    for _ in range(len(expected) + 3):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
              const el = document.activeElement;
              if (!el || el === document.body) return null;
              const style = getComputedStyle(el);
              const box = el.getBoundingClientRect();
              return {
                name: describe(el), index: el.dataset.ocTabIndex ?? null,
                outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
                outlineColor: style.outlineColor,
                inView: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
                        && box.top < innerHeight && box.left < innerWidth,
              };
            }"""
        )
        if focused is None or (reached and focused["index"] == "0"):
            break  # focus left the page, or wrapped round
        reached.append(focused)

    assert [f["name"] for f in reached] == expected
    for f in reached:
        assert f["outlineStyle"] != "none" and f["outlineWidth"] >= 2, f"no visible focus ring on {f}"
        assert f["outlineColor"] not in ("transparent", "rgba(0, 0, 0, 0)"), f
        assert f["inView"], f"focused control scrolled out of view: {f}"
    assert not watch.problems()


def test_skip_link_is_first_and_moves_focus_to_the_column(open_page):
    page, watch = open_page(viewport={"width": 375, "height": 700})
    page.keyboard.press("Tab")
    skip = page.locator("a.oc-skip")
    assert page.evaluate("document.activeElement.classList.contains('oc-skip')")
    box = skip.bounding_box()
    assert box and box["y"] >= 0 and box["x"] >= 0 and box["height"] > 0, f"skip link not shown on focus: {box}"
    target = skip.get_attribute("href")
    assert target == "#oc-column"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "oc-column"
    assert page.locator("#oc-column h1").is_visible()
    # The next Tab goes on from the column, not back to the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#oc-column') !== null")
    assert not watch.problems()


def test_landmarks(open_page):
    page, watch = open_page()
    assert page.get_by_role("banner").count() == 1
    assert page.get_by_role("main").count() == 1
    assert page.get_by_role("contentinfo").count() == 1
    article = page.get_by_role("article")
    assert article.count() == 1
    # The column itself (headline and skip target) is the article, inside main.
    assert page.locator("main article#oc-column h1.oc-headline").count() == 1
    assert page.get_by_role("banner").locator("button[data-oc-theme]").count() == 1
    assert not watch.problems()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_on_the_404_page(open_page, theme):
    page, watch = open_page("no/such/page/", color_scheme=theme)
    assert watch.response.status == 404
    assert page.locator("h1").text_content() == "Page not found"
    assert_axe_passes(page)


SITE_PAGES = ["about/", "columns/", "authors/nunez/", "second/"]


@pytest.mark.parametrize("width", (320, 1280))
@pytest.mark.parametrize("scheme", ("light", "dark"))
@pytest.mark.parametrize("path", SITE_PAGES)
def test_the_pages_around_the_columns_pass_axe_and_fit_the_width(open_page, path, width, scheme):
    page, watch = open_page(path, viewport={"width": width, "height": 800}, color_scheme=scheme)
    assert watch.response.status == 200
    assert_axe_passes(page)
    found = page.evaluate(OVERFLOW_JS)
    assert found["scrollWidth"] <= found["clientWidth"] and found["wide"] == [], (path, width, found)
    assert not watch.problems()
