"""The Russian and Arabic pages in a browser: axe finds nothing on them (the Arabic index and author's page
too, right to left); the scripts say their words in the page's language; Arabic is laid out right to left (the
bio, the share bar, the disclaimer's rule, the paragraph marks, the skip link) and its passage toolbar opens by
the selection, inside the window, moves along with the arrow that points that way, and links to exactly the
selected words."""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
from playwright.sync_api import expect

from page_scripts import (
    CLIPBOARD,
    OCCURRENCES_JS,
    OVERFLOW_JS,
    SELECTION_RECTS_JS,
    TOOLBAR,
    TOOLBAR_RECT_JS,
    assert_axe_passes,
    occurrences,
    rects_overlap,
    select,
    the_highlighted,
    toolbar_link,
)
from suite_columns import LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_reports_no_violations(open_language_page, language, width, theme):
    page, watch = open_language_page(language, viewport={"width": width, "height": 800}, color_scheme=theme)
    assert_axe_passes(page)
    assert not watch.problems()


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_on_the_404_page(open_language_page, language):
    page, watch = open_language_page(language, "no/such/page/")
    assert watch.response.status == 404
    assert_axe_passes(page)


@pytest.mark.parametrize("path", ["columns/", "authors/haddad/"])
def test_the_arabic_index_and_authors_page_pass_axe_right_to_left(open_language_page, path):
    page, watch = open_language_page("ar", path, viewport={"width": 375, "height": 800})
    assert page.evaluate("() => getComputedStyle(document.body).direction") == "rtl"
    assert_axe_passes(page)
    found = page.evaluate(OVERFLOW_JS)
    assert found["scrollWidth"] <= found["clientWidth"] and found["wide"] == [], (path, found)
    assert not watch.problems()


# --- the scripts speak the page's language ----------------------------------------------------------------


def test_copy_link_is_announced_in_russian(open_language_page):
    page, watch = open_language_page("ru-RU", permissions=CLIPBOARD)
    page.locator("[data-oc-copy]").click()
    expect(page.locator("[data-oc-status]")).to_have_text("Ссылка скопирована в буфер обмена.")
    assert not watch.problems()


def test_a_russian_passage_is_quoted_in_russian_marks(open_language_page):
    page, watch = open_language_page("ru-RU", permissions=CLIPBOARD)
    passage = "одни и те же слова"
    select(page, passage, paragraph=5)
    link = toolbar_link(page)
    page.locator("[data-oc-passage-copy]").click()
    expect(page.locator("[data-oc-status]")).to_have_text("Ссылка на отрывок скопирована.")
    assert page.evaluate("navigator.clipboard.readText()") == link
    x = dict(parse_qsl(urlsplit(page.locator("[data-oc-quote]").first.get_attribute("href")).query))
    assert x == {"text": f"«{passage}» — Мария Иванова", "url": link}
    assert not watch.problems()


# --- right to left -------------------------------------------------------------------------------------------

BOXES_JS = """() => Object.fromEntries(Object.entries({
  avatar: '.oc-bio__avatar', bioText: '.oc-bio__text', profile: '.oc-bio__profile', column: '.oc-column',
  firstShare: '.oc-share__list li:first-child', lastShare: '.oc-share__list li:nth-child(7)',
  standfirst: '.oc-standfirst', mark: '.oc-standfirst .oc-permalink', siteName: '.oc-header__site',
  theme: 'button[data-oc-theme]',
}).map(([name, selector]) => [name, document.querySelector(selector).getBoundingClientRect().toJSON()]))"""


def test_arabic_is_laid_out_right_to_left(open_language_page):
    page, watch = open_language_page("ar", viewport={"width": 1280, "height": 800})
    box = page.evaluate(BOXES_JS)
    column = box["column"]
    # The bio: the avatar on the right, the text to its left, the profile button on the left.
    assert box["avatar"]["left"] > box["bioText"]["right"] > box["profile"]["right"]
    # The share bar starts on the right; the site's name is on the right of the header, the toggle on its left.
    assert box["firstShare"]["left"] > box["lastShare"]["right"]
    assert abs(box["firstShare"]["right"] - column["right"]) < 2
    assert box["siteName"]["left"] > box["theme"]["right"]
    # The headline and paragraphs are set from the right edge of the column.
    assert abs(box["standfirst"]["right"] - column["right"]) < 2
    # The disclaimer's and the corrections' rules are on their right (the start of a line); the paragraph mark
    # follows the last word, so it sits left of the text's end, with its gap on its right.
    rule = page.evaluate(
        """() => ['.oc-disclaimer', '.oc-corrections'].map(selector => {
                   const s = getComputedStyle(document.querySelector(selector));
                   return [s.borderRightWidth, s.borderLeftWidth, s.fontStyle]; })"""
    )
    assert rule == [["3px", "0px", "normal"], ["3px", "0px", "normal"]]
    mark = page.evaluate(
        "() => { const s = getComputedStyle(document.querySelector('.oc-permalink'));"
        " return [s.marginRight, s.marginLeft]; }"
    )
    assert mark[0] != "0px" and mark[1] == "0px", mark
    # No sideways scrolling, and the skip link shows at the right when focused.
    found = page.evaluate(OVERFLOW_JS)
    assert found["scrollWidth"] <= found["clientWidth"] and found["wide"] == [], found
    page.keyboard.press("Tab")
    skip = page.locator("a.oc-skip").bounding_box()
    assert skip["x"] + skip["width"] > 1280 - 40 and skip["y"] >= 0, skip
    assert not watch.problems()


def test_the_english_page_is_laid_out_left_to_right(open_page):
    # The control for the test above: the same reading of the English page finds everything mirrored back.
    page, watch = open_page(viewport={"width": 1280, "height": 800})
    box = page.evaluate(BOXES_JS)
    assert box["avatar"]["right"] < box["bioText"]["left"] < box["profile"]["left"]
    assert box["firstShare"]["right"] < box["lastShare"]["left"]
    assert not watch.problems()


ARABIC_PASSAGE = "الكلمات نفسها"  # in the headline and in the last paragraph: the link must tell them apart


@pytest.mark.parametrize("width", [375, 1280])
def test_the_arabic_toolbar_opens_by_the_selection_inside_the_window(open_language_page, width):
    page, watch = open_language_page("ar", viewport={"width": width, "height": 700})
    select(page, ARABIC_PASSAGE, paragraph=3)
    toolbar_link(page)
    toolbar = page.evaluate(TOOLBAR_RECT_JS)
    selection = page.evaluate(SELECTION_RECTS_JS)
    assert toolbar["left"] >= 0 and toolbar["right"] <= width, toolbar
    assert not any(rects_overlap(toolbar, r) for r in selection), (toolbar, selection)
    assert toolbar["bottom"] <= min(r["top"] for r in selection)  # above it, with a mouse
    # By the selection: the toolbar spans it horizontally (it is centred on it, unless the window's edge is near).
    left, right = min(r["left"] for r in selection), max(r["right"] for r in selection)
    assert toolbar["left"] <= right and toolbar["right"] >= left, (toolbar, selection)
    assert abs((toolbar["left"] + toolbar["right"]) / 2 - (left + right) / 2) < 1 or width < 500
    # The toolbar's own order runs right to left: its first button (copy) is its rightmost.
    order = page.evaluate(
        """() => Array.from(document.querySelectorAll('[data-oc-passage] > *'))
                 .filter(e => e.getClientRects().length).map(e => e.getBoundingClientRect().left)"""
    )
    assert order == sorted(order, reverse=True), order
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    assert not watch.problems()


def test_the_arabic_passage_link_lands_on_the_selected_words(open_language_page):
    viewport = {"width": 375, "height": 500}
    page, watch = open_language_page("ar", permissions=CLIPBOARD, viewport=viewport)
    select(page, ARABIC_PASSAGE, paragraph=3)
    link = toolbar_link(page)
    before = page.evaluate(OCCURRENCES_JS, ARABIC_PASSAGE)
    assert len(before) >= 2, "the phrase is in the headline too"
    (chosen,) = [i for i, item in enumerate(before) if item["selected"]]
    page.locator("[data-oc-passage-copy]").click()
    expect(page.locator("[data-oc-status]")).to_have_text("نُسخ رابط المقتطف.")
    assert page.evaluate("navigator.clipboard.readText()") == link
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    assert link.startswith(canonical + "#" + "%D8%AD%D8%AF%D8%AF"), unquote(link)  # the paragraph's id: حدد-...
    x = dict(parse_qsl(urlsplit(page.locator("[data-oc-quote]").first.get_attribute("href")).query))
    assert x["text"] == f"«{ARABIC_PASSAGE}» — سلمى حداد"
    assert not watch.problems()

    opened, opened_watch = open_language_page("ar", link[len(canonical) :], viewport=viewport)
    found = occurrences(opened, ARABIC_PASSAGE)
    assert the_highlighted(found) == [chosen], (unquote(link), found)
    assert found[chosen]["visible"]
    assert not opened_watch.problems()


def test_the_arrow_that_points_along_the_arabic_toolbar_moves_on(open_language_page):
    page, watch = open_language_page("ar", permissions=CLIPBOARD)
    select(page, ARABIC_PASSAGE, paragraph=3)
    toolbar_link(page)
    page.keyboard.press("Tab")
    focused = "document.activeElement.getAttribute('aria-label')"
    assert page.evaluate(focused) == "نسخ رابط المقتطف"
    page.keyboard.press("ArrowLeft")  # leftwards is onwards in Arabic
    assert page.evaluate(focused) == "المشاركة على إكس"
    page.keyboard.press("ArrowRight")
    assert page.evaluate(focused) == "نسخ رابط المقتطف"
    page.keyboard.press("Escape")
    expect(page.locator(TOOLBAR)).to_be_hidden()
    assert not watch.problems()
