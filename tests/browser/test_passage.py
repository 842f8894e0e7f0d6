"""Share a passage: a selection in the column's paragraphs opens a toolbar; its link points to
exactly the selected words (#paragraph-id:~:text=...), and Chromium, which follows text fragments on
navigation, is the judge of where that link lands."""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from browser_support import CSP_LISTENER, canonical_url
from chromium_flags import CHROMIUM_ARGS
from page_scripts import (
    CLIPBOARD,
    OCCURRENCES_JS,
    SELECTION_RECTS_JS,
    SHARE_STUB,
    TOOLBAR,
    TOOLBAR_RECT_JS,
    occurrences,
    rects_overlap,
    select,
    the_highlighted,
    toolbar_link,
)
from suite_columns import COLUMNS


def author_name(seed) -> str:
    return seed.bio.split(",")[0]  # "Dr Alexander Yakovenko, Russian Ambassador ..."


def copy_link(page) -> str:
    page.evaluate("navigator.clipboard.writeText('something else')")
    page.locator("[data-oc-passage-copy]").click()
    expect(page.locator("[data-oc-status]")).to_have_text("Link to the passage copied.")
    return page.evaluate("navigator.clipboard.readText()")


# --- selecting, copying, opening ---------------------------------------------------------------------------


def test_toolbar_code_loads_on_the_first_selection_only(open_page, origin):
    page, watch = open_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    expect(page.locator(TOOLBAR)).to_be_hidden()
    # A selection outside the column's paragraphs opens nothing and loads nothing.
    page.evaluate("getSelection().selectAllChildren(document.querySelector('.oc-bio__text'))")
    page.wait_for_timeout(400)
    assert requests == []
    expect(page.locator(TOOLBAR)).to_be_hidden()

    select(page, "Palmyra", paragraph=1)
    expect(page.locator(TOOLBAR)).to_be_visible()
    assert len(requests) == 1 and requests[0].startswith(origin + "/") and requests[0].endswith(".js"), requests
    select(page, "Russian Air Force", paragraph=3)
    toolbar_link(page)
    assert len(requests) == 1, requests
    page.evaluate("getSelection().removeAllRanges()")
    expect(page.locator(TOOLBAR)).to_be_hidden()
    assert not watch.problems()


def test_copy_puts_the_passage_link_on_the_clipboard_and_it_opens_at_the_passage(open_page, server):
    # A narrow, short window, so that the paragraph's top and a passage near its end are screens apart.
    viewport = {"width": 360, "height": 300}
    page, watch = open_page(permissions=CLIPBOARD, viewport=viewport)
    canonical = canonical_url(page)
    passage = "the Geneva Communiqué of 30 June, 2012"
    select(page, passage, paragraph=5)
    link = copy_link(page)
    assert link == toolbar_link(page)
    prefix = canonical + "#it-is-very-important-that-military:~:text="
    assert link.startswith(prefix), link
    assert "Geneva" in unquote(link[len(prefix) :])
    assert not watch.problems()

    # Opened in a new page, the link scrolls the passage into view and the browser highlights it...
    opened, opened_watch = open_page(link[len(canonical) :], viewport=viewport)
    (found,) = occurrences(opened, passage)
    assert found["visible"] and found["highlighted"], found
    assert not opened_watch.problems()
    # ...which the paragraph's id alone would not: the text directive is what brings it into view.
    by_id, _ = open_page("#it-is-very-important-that-military", viewport=viewport)
    (found,) = occurrences(by_id, passage)
    assert not found["visible"], found


@pytest.mark.parametrize(
    ("phrase", "paragraph", "nth"),
    [
        ("terrorists", 3, 1),  # "The terrorists who were trying..."
        ("terrorists", 4, 0),  # "...holding back the terrorists, but..."
        ("terrorists", 6, 1),  # the last one on the page
        ("the Syrian", 5, 1),  # "...representatives of the Syrian Government..."
        ("Palmyra", 0, 0),  # the standfirst's, after the headline's
    ],
)
def test_a_repeated_phrase_gets_a_fragment_that_matches_only_the_selected_occurrence(open_page, phrase, paragraph, nth):
    page, watch = open_page(viewport={"width": 360, "height": 240})
    select(page, phrase, paragraph=paragraph, nth=nth)
    link = toolbar_link(page)
    assert page.evaluate("getSelection().toString()") == phrase
    before = page.evaluate(OCCURRENCES_JS, phrase)
    assert len(before) >= 2, "the phrase must repeat for this test to mean anything"
    (chosen,) = [i for i, item in enumerate(before) if item["selected"]]
    directive = link.split(":~:", 1)[1]
    assert directive.startswith("text=")
    assert not watch.problems()

    # The text directive alone, without the paragraph's id: the browser highlights the selected occurrence.
    opened, opened_watch = open_page("#:~:" + directive, viewport={"width": 360, "height": 240})
    found = occurrences(opened, phrase)
    assert len(found) == len(before)
    assert the_highlighted(found) == [chosen], (directive, found)
    assert not opened_watch.problems()


def test_a_selection_across_paragraphs_links_from_its_start_to_its_end(open_page, server):
    viewport = {"width": 1280, "height": 500}
    page, watch = open_page(permissions=CLIPBOARD, viewport=viewport)
    canonical = canonical_url(page)
    select(page, "The historical monuments", paragraph=3, end="armed forces", to=4)
    link = copy_link(page)
    assert link.startswith(canonical + "#over-2000-targets-were-struck-including:~:text=")
    terms = link.split(":~:text=", 1)[1].split(",")
    # A term cannot cross the paragraph break: the directive names the passage by its start and its end.
    assert len([t for t in terms if not t.startswith("-") and not t.endswith("-")]) == 2, terms
    assert not watch.problems()

    opened, _ = open_page(link[len(canonical) :], viewport=viewport)
    for phrase in ("The historical monuments", "armed forces"):
        (found,) = [item for item in occurrences(opened, phrase) if item.get("highlighted")]
        assert found["visible"], (phrase, found)


def test_share_links_carry_the_quote_and_the_link_and_nothing_else(open_page, seed):
    page, watch = open_page(permissions=CLIPBOARD)
    passage = "The Russian Air Force used only precision-guided weapons."
    select(page, passage, paragraph=3)
    link = copy_link(page)
    # The page's address, the paragraph and the passage: nothing else rides along.
    assert link.startswith(canonical_url(page) + "#over-2000-targets-were-struck-including:~:text="), link
    title = page.locator("h1.oc-headline").inner_text().strip()
    quote = f"\u201c{passage}\u201d \u2014 {author_name(seed)}"

    networks = [n for n in yaml.safe_load((COLUMNS / "data" / "networks.yml").read_text()) if "quote_url" in n]
    anchors = page.locator("[data-oc-quote]")
    assert anchors.count() == len(networks) >= 1
    for i, network in enumerate(networks):
        anchor = anchors.nth(i)
        expect(anchor).to_be_visible()
        assert anchor.get_attribute("aria-label") == network.get("label", f"Share on {network['name']}")
        href, template = urlsplit(anchor.get_attribute("href")), urlsplit(network["quote_url"])
        assert (href.scheme, href.netloc, href.path) == (template.scheme, template.netloc, template.path)
        # Decoded field by field: the quote, the link and the headline where the network expects them.
        wanted = [
            (key, value.replace("{text}", quote).replace("{url}", link).replace("{title}", title))
            for key, value in parse_qsl(template.query, keep_blank_values=True)
        ]
        assert parse_qsl(href.query, keep_blank_values=True) == wanted, network["name"]
        assert not href.fragment
    # The e-mail reads like the posts: the quote with the author's name, then the link.
    mail = dict(parse_qsl(urlsplit(page.locator('[data-oc-quote^="mailto:"]').get_attribute("href")).query))
    assert mail == {"subject": title, "body": f"{quote}\n\n{link}"}
    assert not watch.problems()


def test_native_share_sheet_gets_the_quote_and_the_link(open_page, seed):
    page, watch = open_page(init_script=SHARE_STUB)
    passage = "The Syrians are to decide their future."
    select(page, passage, paragraph=5)
    link = toolbar_link(page)
    page.locator("[data-oc-passage-share]").click()
    page.wait_for_function("window.__ocShareCalls.length > 0")
    headline = page.locator("h1.oc-headline").inner_text().strip()
    quote = f"\u201c{passage}\u201d \u2014 {author_name(seed)}"
    assert page.evaluate("window.__ocShareCalls") == [{"title": headline, "text": quote, "url": link}]
    assert not watch.problems()


# --- keyboard, placement, looks ---------------------------------------------------------------------------


def test_keyboard_reaches_the_toolbar_and_escape_closes_it_and_restores_focus(open_page):
    page, watch = open_page(permissions=CLIPBOARD)
    page.locator(".oc-body > p >> nth=2 >> a.oc-permalink").focus()  # the reader was here
    select(page, "precision-guided weapons", paragraph=3)
    toolbar_link(page)
    page.keyboard.press("Tab")
    focused = "document.activeElement.getAttribute('aria-label')"
    assert page.evaluate(focused) == "Copy link to the passage"
    page.keyboard.press("ArrowRight")
    assert page.evaluate(focused) == "Share on X"
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Enter")
    expect(page.locator("[data-oc-status]")).to_have_text("Link to the passage copied.")
    assert ":~:text=precision%2Dguided" in page.evaluate("navigator.clipboard.readText()")

    # Tab leaves the toolbar for the rest of the page, and does not bring the reader back to it.
    for _ in range(3):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.oc-share') !== null")
    for _ in range(3):
        page.keyboard.press("Shift+Tab")
    assert page.evaluate(focused) == "Copy link to the passage"  # the toolbar is one stop: its last item

    page.keyboard.press("Escape")
    expect(page.locator(TOOLBAR)).to_be_hidden()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Link to paragraph 3"
    assert page.evaluate("getSelection().toString()") == "precision-guided weapons"
    page.wait_for_timeout(400)  # the restored selection does not reopen what Escape closed
    expect(page.locator(TOOLBAR)).to_be_hidden()
    assert not watch.problems()


@pytest.fixture
def caret_page(playwright_instance, chromium_path, server):
    """A page in a Chromium with caret browsing (F7), the way a keyboard user selects text on a page."""
    browser = playwright_instance.chromium.launch(
        executable_path=chromium_path, args=[*CHROMIUM_ARGS, "--enable-caret-browsing"]
    )
    context = browser.new_context(viewport={"width": 1280, "height": 800}, permissions=CLIPBOARD)
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(server)
    yield page, errors
    browser.close()


def test_select_with_the_keyboard_alone(caret_page):
    page, errors = caret_page
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link: focus on the column
    assert page.evaluate("document.activeElement.id") == "oc-column"
    for _ in range(30):  # caret down into the body
        page.keyboard.press("ArrowDown")
        if page.evaluate("!!getSelection().anchorNode?.parentElement?.closest('.oc-body')"):
            break
    for _ in range(14):
        page.keyboard.press("Shift+ArrowRight")
    selected = page.evaluate("getSelection().toString()")
    assert len(selected.strip()) >= 10, selected
    expect(page.locator(TOOLBAR)).to_be_visible()

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Copy link to the passage"
    page.keyboard.press("Enter")
    expect(page.locator("[data-oc-status]")).to_have_text("Link to the passage copied.")
    link = page.evaluate("navigator.clipboard.readText()")
    first_word = selected.split()[0]
    assert ":~:text=" in link and first_word in unquote(link), (selected, link)
    page.keyboard.press("Escape")
    expect(page.locator(TOOLBAR)).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == "oc-column"
    assert page.evaluate("getSelection().toString()") == selected
    assert errors == [] and page.evaluate("window.__ocViolations") == []


def test_toolbar_sits_above_the_selection_with_a_mouse(open_page):
    page, watch = open_page(viewport={"width": 1280, "height": 800})
    select(page, "Russia has contributed", paragraph=2, end="air strikes")
    toolbar_link(page)
    toolbar = page.evaluate(TOOLBAR_RECT_JS)
    selection = page.evaluate(SELECTION_RECTS_JS)
    assert not any(rects_overlap(toolbar, r) for r in selection), (toolbar, selection)
    assert toolbar["bottom"] <= min(r["top"] for r in selection)
    assert not watch.problems()


# What a touch screen's own selection UI takes, as the platforms draw it: the handles hang below the
# selection's end (Android's drop-shaped ones about 22 dp); the menu (Copy, Look up, ...) sits above the
# selection, or below it, past the handles, when there is no room above (Android's floating toolbar is 48 dp
# tall, iOS's edit menu about 44 pt, each a few pixels off the selection).
HANDLES = 24
SYSTEM_MENU = 56
PHONE = {"viewport": {"width": 390, "height": 664}, "is_mobile": True, "has_touch": True}


def system_ui(selection: list[dict]) -> dict[str, tuple[float, float]]:
    """The bands of the view (top, bottom) that the selection and the system's selection UI take."""
    top, bottom = min(r["top"] for r in selection), max(r["bottom"] for r in selection)
    menu = (top - SYSTEM_MENU, top) if top >= SYSTEM_MENU else (bottom + HANDLES, bottom + HANDLES + SYSTEM_MENU)
    return {"selection": (top, bottom), "handles": (bottom, bottom + HANDLES), "system menu": menu}


def toolbar_clashes(page) -> list[str]:
    """What the open toolbar covers of the selection and the system's UI, and whether it is out of view."""
    toolbar, selection = page.evaluate(TOOLBAR_RECT_JS), page.evaluate(SELECTION_RECTS_JS)
    view = page.evaluate("({width: innerWidth, height: innerHeight})")
    found = [
        name
        for name, (top, bottom) in system_ui(selection).items()
        if min(bottom, toolbar["bottom"]) > max(top, toolbar["top"])
    ]
    if (
        toolbar["top"] < 0
        or toolbar["bottom"] > view["height"]
        or toolbar["left"] < 0
        or toolbar["right"] > view["width"]
    ):
        found.append(f"out of view: {toolbar} in {view}")
    return found


def select_at(page, y: float, start: str, *, paragraph: int):
    """Scroll the page so that the passage's first line is `y` px from the top of the view, then select it."""
    select(page, start, paragraph=paragraph)
    top = page.evaluate("getSelection().getRangeAt(0).getClientRects()[0].top")
    page.evaluate("getSelection().removeAllRanges()")
    expect(page.locator(TOOLBAR)).to_be_hidden()
    page.evaluate(f"window.scrollBy(0, {top - y})")
    select(page, start, paragraph=paragraph)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_on_a_phone_at_320px_the_toolbar_sits_below_the_selection(open_page, theme):
    page, watch = open_page(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True, color_scheme=theme)
    assert page.evaluate("matchMedia('(pointer: coarse)').matches")
    select_at(page, 250, "Russia will continue to provide assistance to Syria", paragraph=4)
    toolbar_link(page)
    toolbar = page.evaluate(TOOLBAR_RECT_JS)
    selection = page.evaluate(SELECTION_RECTS_JS)
    # Below the selection, clear of its handles; the phone's own menu sits above it.
    assert toolbar["top"] >= max(r["bottom"] for r in selection) + HANDLES, (toolbar, selection)
    assert toolbar_clashes(page) == []
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 320
    results = Axe().run(page, options={"resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()
    assert not watch.problems()


@pytest.mark.parametrize("y", [40, 200, 420, 560], ids=["top", "upper", "lower", "bottom"])
def test_on_a_phone_the_toolbar_is_in_view_and_clear_of_the_systems_menu_and_handles(open_page, y):
    # At the top of the view the system's menu goes below the selection; at the bottom nothing fits below it.
    page, watch = open_page(**PHONE)
    select_at(page, y, "Russia will continue to provide assistance to Syria", paragraph=4)
    toolbar_link(page)
    assert toolbar_clashes(page) == []
    assert not watch.problems()


def test_a_mouse_on_a_touch_screen_gets_the_toolbar_above_the_selection(open_page):
    # A laptop's touch screen: the primary pointer is coarse, but the reader selects with the mouse, and no
    # system selection menu comes up.
    page, watch = open_page(viewport={"width": 1280, "height": 800}, has_touch=True)
    assert page.evaluate("matchMedia('(pointer: coarse)').matches")
    select(page, "Palmyra", paragraph=1)  # loads the toolbar's code
    toolbar_link(page)
    page.evaluate("getSelection().removeAllRanges()")
    expect(page.locator(TOOLBAR)).to_be_hidden()
    select(page, "Russia has contributed", paragraph=2, end="air strikes")
    box = page.evaluate(
        "(() => { const r = getSelection().getRangeAt(0).getClientRects()[0];"
        " return {x: r.left, y: r.top + r.height / 2, right: r.right}; })()"
    )
    page.evaluate("getSelection().removeAllRanges()")
    page.mouse.move(box["x"] + 1, box["y"])
    page.mouse.down()
    page.mouse.move(box["right"] - 1, box["y"], steps=5)
    page.mouse.up()
    toolbar_link(page)
    toolbar, selection = page.evaluate(TOOLBAR_RECT_JS), page.evaluate(SELECTION_RECTS_JS)
    assert toolbar["bottom"] <= min(r["top"] for r in selection), (toolbar, selection)
    assert not watch.problems()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_axe_violation_while_the_toolbar_is_open(open_page, theme):
    page, watch = open_page(viewport={"width": 1280, "height": 800}, color_scheme=theme)
    select(page, "It has gained the strategic initiative.", paragraph=1)
    toolbar_link(page)
    page.keyboard.press("Tab")  # into the toolbar, so its focus ring is checked too
    results = Axe().run(page, options={"resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()
    checked = {rule["id"] for rule in results.response["passes"]}
    assert {"color-contrast", "button-name", "link-name", "aria-allowed-role"} <= checked, sorted(checked)
    assert not watch.problems()


def test_print_leaves_out_the_toolbar_and_the_paragraph_links(open_page):
    page, watch = open_page()
    select(page, "Palmyra", paragraph=1)
    toolbar_link(page)
    page.emulate_media(media="print")
    expect(page.locator(TOOLBAR)).to_be_hidden()
    for i in range(page.locator("a.oc-permalink").count()):
        expect(page.locator("a.oc-permalink").nth(i)).to_be_hidden()
    assert not watch.problems()
