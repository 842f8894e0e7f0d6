"""With JavaScript: copy link, the native share sheet, the theme toggle; and layout at 320 px and at
200% zoom."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser_support import canonical_url

# navigator.share as a stub that records its calls; added before the page's own scripts run.
SHARE_STUB = """
window.__ocShareCalls = [];
Object.defineProperty(Navigator.prototype, "share", {
  configurable: true, writable: true,
  value: function (data) { window.__ocShareCalls.push(JSON.parse(JSON.stringify(data))); return Promise.resolve(); },
});
"""
# A browser without the Web Share API, whatever this Chromium build has.
NO_SHARE = "delete Navigator.prototype.share; delete navigator.share;"

BODY_BACKGROUND = "getComputedStyle(document.body).backgroundColor"


def luminance(css_color: str) -> float:
    r, g, b = (int(float(v)) for v in css_color[css_color.index("(") + 1 : css_color.index(")")].split(",")[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_copy_link_puts_canonical_url_on_clipboard_and_announces_it(open_page, origin):
    page, watch = open_page(permissions=["clipboard-read", "clipboard-write"])
    canonical = canonical_url(page)
    status = page.locator("[data-oc-status]")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert status.inner_text().strip() == ""
    page.evaluate("navigator.clipboard.writeText('something else')")

    page.locator("button[data-oc-copy]").click()
    expect(status).to_have_text("Link copied to the clipboard.")
    assert page.evaluate("navigator.clipboard.readText()") == canonical
    assert page.locator("button[data-oc-copy]").get_attribute("data-oc-copy") == canonical
    assert not watch.problems()


def test_native_share_button_shown_and_called_where_navigator_share_exists(open_page):
    page, watch = open_page(init_script=SHARE_STUB)
    button = page.locator("button[data-oc-share]")
    expect(button).to_be_visible()
    button.click()
    page.wait_for_function("window.__ocShareCalls.length > 0")
    calls = page.evaluate("window.__ocShareCalls")
    headline = page.locator("h1.oc-headline").inner_text().strip()
    assert calls == [{"title": headline, "url": canonical_url(page)}]
    assert not watch.problems()


def test_native_share_button_hidden_without_navigator_share(open_page):
    page, watch = open_page(init_script=NO_SHARE)
    assert page.evaluate("typeof navigator.share") == "undefined"
    assert "oc-js" in page.locator("html").get_attribute("class").split()
    expect(page.locator("button[data-oc-share]")).to_be_hidden()
    expect(page.locator("button[data-oc-copy]")).to_be_visible()
    assert not watch.problems()


def test_theme_follows_the_system_by_default(open_page):
    backgrounds = {}
    for scheme in ("light", "dark"):
        page, watch = open_page(color_scheme=scheme)
        assert page.locator("html").get_attribute("data-oc-theme") is None
        assert page.locator("button[data-oc-theme]").get_attribute("aria-pressed") == str(scheme == "dark").lower()
        backgrounds[scheme] = page.evaluate(BODY_BACKGROUND)
        assert not watch.problems()
    assert luminance(backgrounds["dark"]) < luminance(backgrounds["light"]), backgrounds

    # A system change while the page is open is followed too.
    page.emulate_media(color_scheme="light")
    assert page.evaluate(BODY_BACKGROUND) == backgrounds["light"]
    expect(page.locator("button[data-oc-theme]")).to_have_attribute("aria-pressed", "false")


@pytest.mark.parametrize("system", ["light", "dark"])
def test_theme_toggle_persists_across_reloads(open_page, system):
    other = "dark" if system == "light" else "light"
    page, watch = open_page(color_scheme=system)
    toggle = page.locator("button[data-oc-theme]")
    system_background = page.evaluate(BODY_BACKGROUND)

    toggle.click()
    assert page.locator("html").get_attribute("data-oc-theme") == other
    assert page.evaluate("localStorage.getItem('oc-theme')") == other
    chosen_background = page.evaluate(BODY_BACKGROUND)
    assert chosen_background != system_background
    expect(toggle).to_have_attribute("aria-pressed", str(other == "dark").lower())

    page.reload()
    assert page.locator("html").get_attribute("data-oc-theme") == other
    assert page.evaluate(BODY_BACKGROUND) == chosen_background
    expect(toggle).to_have_attribute("aria-pressed", str(other == "dark").lower())

    # Back to the system's theme: the stored choice is dropped, so the system is followed again.
    toggle.click()
    assert page.locator("html").get_attribute("data-oc-theme") is None
    assert page.evaluate("localStorage.getItem('oc-theme')") is None
    page.reload()
    assert page.locator("html").get_attribute("data-oc-theme") is None
    assert page.evaluate(BODY_BACKGROUND) == system_background
    assert not watch.problems()


# Everything wider than the viewport: the page must reflow, not scroll sideways.
OVERFLOW_JS = """
() => {
  const root = document.scrollingElement, width = root.clientWidth;
  const wide = Array.from(document.body.querySelectorAll('*')).filter(el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'
      && (r.right > width + 0.5 || r.left < -0.5) && r.bottom > 0;
  }).map(el => el.outerHTML.slice(0, 120));
  return {scrollWidth: root.scrollWidth, clientWidth: width, wide};
}
"""


@pytest.mark.parametrize("javascript", [True, False])
def test_no_sideways_scrolling_at_320px(open_page, javascript):
    page, watch = open_page(
        viewport={"width": 320, "height": 640}, java_script_enabled=javascript, init_script=SHARE_STUB
    )
    found = page.evaluate(OVERFLOW_JS)
    assert found["scrollWidth"] <= found["clientWidth"], found
    assert found["wide"] == [], found
    assert not watch.problems()


# The blocks a reader sees, each as boxes that must not intersect one another.
BLOCKS = [
    ".oc-header__site",
    "button[data-oc-theme]",
    ".oc-kicker",
    ".oc-headline",
    ".oc-byline",
    ".oc-standfirst",
    ".oc-body p",
    ".oc-share__title",
    ".oc-share__list > li",
    ".oc-share__url",
    ".oc-bio__avatar",
    ".oc-bio__text",
    ".oc-bio__profile",
    ".oc-original",
    ".oc-disclaimer",
    ".oc-footer p",
]
BOXES_JS = """
selectors => selectors.flatMap(sel => Array.from(document.querySelectorAll(sel)).map((el, i) => {
  const r = el.getBoundingClientRect();
  return {name: sel + '#' + i, x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height,
          clipped: el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'inline'};
})).filter(b => b.w > 0 && b.h > 0)
"""


def overlaps(a, b) -> float:
    dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
    dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
    return dx * dy if dx > 0.5 and dy > 0.5 else 0.0


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_nothing_overlaps_at_200_percent_zoom(open_page, theme):
    # A 1280 x 800 window at 200% zoom lays out as a 640 x 400 CSS-pixel viewport at 2 device pixels each.
    page, watch = open_page(
        viewport={"width": 640, "height": 400}, device_scale_factor=2, color_scheme=theme, init_script=SHARE_STUB
    )
    found = page.evaluate(OVERFLOW_JS)
    assert found["scrollWidth"] <= found["clientWidth"] and found["wide"] == [], found

    boxes = page.evaluate(BOXES_JS, BLOCKS)
    names = {b["name"].split("#")[0] for b in boxes}
    assert names == set(BLOCKS), f"blocks not laid out: {set(BLOCKS) - names}"
    clashes = [(a["name"], b["name"]) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if overlaps(a, b)]
    assert clashes == []
    assert [b["name"] for b in boxes if b["clipped"]] == []
    assert not watch.problems()
