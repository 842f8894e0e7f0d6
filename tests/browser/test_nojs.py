"""Without JavaScript: the whole column reads, every share link is there and correct, and the controls
that need the script are not shown."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import expect

from browser_support import canonical_url
from suite_columns import SHARE_LINKS, SITE_URL


def test_column_reads_without_javascript(open_page, seed):
    page, watch = open_page(java_script_enabled=False, viewport={"width": 375, "height": 700})
    assert "no-js" in page.locator("html").get_attribute("class").split()

    for selector in ("h1.oc-headline", ".oc-byline", ".oc-bio", ".oc-original", ".oc-disclaimer"):
        assert page.locator(selector).is_visible(), selector
    standfirst = page.locator("p.oc-standfirst")
    body = page.locator(".oc-body > p[id]:not(.oc-standfirst)")
    expected = list(seed.body)
    assert body.count() == len(expected) == 6
    for i, text in enumerate(expected):
        paragraph = body.nth(i)
        assert paragraph.is_visible()
        assert " ".join(paragraph.inner_text().split()) == text
        box = paragraph.bounding_box()
        assert box["width"] > 200 and box["height"] > 10, box
    assert standfirst.is_visible() and " ".join(standfirst.inner_text().split()) == seed.standfirst
    assert not watch.problems()


def test_share_links_without_javascript(open_page):
    page, watch = open_page(java_script_enabled=False)
    assert canonical_url(page) == SITE_URL
    links = page.locator('section.oc-share a.oc-button[aria-label^="Share "]')
    # This column's links, written out (suite_columns.SHARE_LINKS), each shown and safe to open.
    shown = [(links.nth(i).get_attribute("aria-label"), links.nth(i).get_attribute("href")) for i in range(7)]
    assert links.count() == 7 and shown == list(SHARE_LINKS.items())
    for i in range(links.count()):
        link = links.nth(i)
        assert link.is_visible()
        if not link.get_attribute("href").startswith("mailto:"):
            assert {"noopener", "noreferrer"} <= set((link.get_attribute("rel") or "").split())
            assert link.get_attribute("target") == "_blank"

    # The address as selectable text, for copying by hand.
    assert page.locator(".oc-share__address").inner_text().strip() == SITE_URL
    assert page.locator(".oc-share__address").is_visible()
    # Controls that need the script are not offered.
    for selector in ("button[data-oc-copy]", "button[data-oc-share]", "button[data-oc-theme]"):
        assert page.locator(selector).count() == 1 and not page.locator(selector).is_visible(), selector
    assert not watch.problems()


def test_every_paragraph_has_its_link_without_javascript(open_page, seed):
    page, watch = open_page(java_script_enabled=False, viewport={"width": 1280, "height": 600})
    paragraphs = page.locator(".oc-body > p[id]")
    assert paragraphs.count() == len(seed.body) + 1  # the standfirst is paragraph 1
    opacity = "el => getComputedStyle(el).opacity"
    ids = []
    for i in range(paragraphs.count()):
        paragraph = paragraphs.nth(i)
        ids.append(paragraph.get_attribute("id"))
        link = paragraph.locator("a.oc-permalink")
        assert link.get_attribute("href") == "#" + ids[-1]
        expect(link).to_have_accessible_name(f"Link to paragraph {i + 1}")
        # Out of the way while reading; shown when the pointer is on its paragraph.
        page.mouse.move(0, 0)
        assert link.evaluate(opacity) == "0"
        paragraph.hover()
        assert link.evaluate(opacity) == "1"
    assert all(ids) and len(set(ids)) == len(ids)

    # Shown on keyboard focus, and it goes where it says.
    page.mouse.move(0, 0)
    link = paragraphs.nth(3).locator("a.oc-permalink")
    for _ in range(40):
        page.keyboard.press("Tab")
        if link.evaluate("el => el === document.activeElement"):
            break
    assert link.evaluate("el => el === document.activeElement") and link.evaluate(opacity) == "1"
    page.keyboard.press("Enter")
    # The same-document navigation reaches page.url a moment after the key press: wait for it, briefly.
    page.wait_for_url(lambda url: urlsplit(url).fragment == ids[3], timeout=5000)
    box = paragraphs.nth(3).bounding_box()
    assert 0 <= box["y"] < 100, box
    assert not watch.problems()
