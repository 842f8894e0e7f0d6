"""With JavaScript: copy link, the native share sheet, the theme toggle; and layout at 320 px and at
200% zoom."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from page_scripts import OVERFLOW_JS, SHARE_STUB, css_rgb, luminance
from suite_columns import SITE_URL

# A browser without the Web Share API, whatever this Chromium build has.
NO_SHARE = "delete Navigator.prototype.share; delete navigator.share;"

BODY_BACKGROUND = "getComputedStyle(document.body).backgroundColor"


# What the reader is told, written out: the copy succeeded, or the address is selected for copying by hand.
COPIED = "Link copied to the clipboard."
SELECTED = "Link selected: press Ctrl+C or ⌘C to copy it."
# A browser without the asynchronous clipboard API, and one whose clipboard refuses the write.
NO_CLIPBOARD = "Object.defineProperty(Navigator.prototype, 'clipboard', {configurable: true, get: () => undefined});"
REFUSING_CLIPBOARD = """
Object.defineProperty(Navigator.prototype, "clipboard", {configurable: true, get: () => ({
  writeText: () => Promise.reject(new DOMException("Write permission denied.", "NotAllowedError")),
})});
"""
# What is selected on the page, and whether it lies inside the address shown under the share bar.
SELECTION = """() => {
  const selection = getSelection();
  const address = document.querySelector(".oc-share__address");
  return {text: selection.toString(),
          inAddress: selection.rangeCount > 0 && address.contains(selection.getRangeAt(0).commonAncestorContainer)};
}"""


def failing_share(error_name: str) -> str:
    """navigator.share that counts its calls and fails with a DOMException of this name."""
    return f"""
window.__ocShareCalls = 0;
Object.defineProperty(Navigator.prototype, "share", {{
  configurable: true, writable: true,
  value: function () {{ window.__ocShareCalls += 1; return Promise.reject(new DOMException("no", "{error_name}")); }},
}});
"""


def test_copy_link_puts_canonical_url_on_clipboard_and_announces_it(open_page, server):
    page, watch = open_page(permissions=["clipboard-read", "clipboard-write"], wait=False)
    page.clock.install()
    page.goto(server, wait_until="load")
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)  # from here on, time moves when the test says so
    status = page.locator("[data-oc-status]")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert status.inner_text().strip() == ""
    page.evaluate("navigator.clipboard.writeText('something else')")
    copy = page.locator("button[data-oc-copy]")
    link_icon, check_icon = copy.locator(".oc-icon").nth(0), copy.locator(".oc-icon").nth(1)
    expect(link_icon).to_be_visible()
    expect(check_icon).to_be_hidden()

    copy.click()
    # The button shows a check mark instead of the link icon, for two seconds.
    expect(check_icon).to_be_visible()
    expect(link_icon).to_be_hidden()
    assert page.evaluate("navigator.clipboard.readText()") == SITE_URL
    page.clock.run_for(100)
    expect(status).to_have_text(COPIED)
    page.clock.run_for(1800)
    expect(check_icon).to_be_visible()
    page.clock.run_for(200)
    expect(check_icon).to_be_hidden()
    expect(link_icon).to_be_visible()
    assert page.evaluate(SELECTION)["text"] == ""

    # The same message twice is emptied first, so that screen readers announce it again.
    copy.click()
    expect(check_icon).to_be_visible()
    expect(status).to_have_text("")
    page.clock.run_for(100)
    expect(status).to_have_text(COPIED)
    assert not watch.problems()


@pytest.mark.parametrize("clipboard", [NO_CLIPBOARD, REFUSING_CLIPBOARD], ids=["no clipboard API", "write refused"])
def test_copy_link_falls_back_to_selecting_the_address(open_page, clipboard):
    page, watch = open_page(init_script=clipboard)
    page.locator("button[data-oc-copy]").click()
    expect(page.locator("[data-oc-status]")).to_have_text(SELECTED)
    assert page.evaluate(SELECTION) == {"text": SITE_URL, "inAddress": True}
    expect(page.locator("button[data-oc-copy] .oc-icon").nth(1)).to_be_hidden()  # no check mark: nothing copied
    assert not watch.problems()


def test_a_failing_share_sheet_falls_back_to_selecting_the_address(open_page):
    page, watch = open_page(init_script=failing_share("NotAllowedError"))
    page.locator("button[data-oc-share]").click()
    expect(page.locator("[data-oc-status]")).to_have_text(SELECTED)
    assert page.evaluate(SELECTION) == {"text": SITE_URL, "inAddress": True}
    assert page.evaluate("window.__ocShareCalls") == 1
    assert not watch.problems()


def test_closing_the_share_sheet_changes_nothing(open_page):
    page, watch = open_page(init_script=failing_share("AbortError"))
    page.locator("button[data-oc-share]").click()
    page.wait_for_function("window.__ocShareCalls === 1")
    page.wait_for_timeout(300)  # longer than the announcement's delay
    assert page.locator("[data-oc-status]").inner_text() == ""
    assert page.evaluate(SELECTION)["text"] == ""
    assert not watch.problems()


def test_native_share_button_shown_and_called_where_navigator_share_exists(open_page, seed):
    page, watch = open_page(init_script=SHARE_STUB)
    button = page.locator("button[data-oc-share]")
    expect(button).to_be_visible()
    button.click()
    page.wait_for_function("window.__ocShareCalls.length > 0")
    assert page.evaluate("window.__ocShareCalls") == [{"title": seed.headline, "url": SITE_URL}]
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
    assert luminance(css_rgb(backgrounds["dark"])) < luminance(css_rgb(backgrounds["light"])), backgrounds

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
    ".oc-headline",
    ".oc-byline",
    ".oc-standfirst",
    ".oc-body > p[id]:not(.oc-standfirst)",
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
