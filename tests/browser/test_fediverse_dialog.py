"""Sharing on the reader's own server (Mastodon): the button opens a dialog in the page, in its language and
direction, that takes the server as readers write it (mastodon.social, @me@example.social, https://example.social),
refuses what is not a host name, keeps the server in the browser for next time (to change or forget), and only on
confirming opens https://<server>/share. Nothing is requested before; the policy is kept; the keyboard and the
focus work as in a dialog; without JavaScript the button is not there. In Chromium (Playwright, which intercepts
the navigation to the server), Firefox and WebKit (engine_support, where the page's window.open is recorded).

Also the icons, each drawn once in a sprite: shown in the three engines, in forced colours (Chromium and Firefox;
WebKitGTK has none), and out of print.
Built from the sharing column (tests/columns/sharing), English and Arabic; expectations written out here and in
sharing_support."""

from __future__ import annotations

import io
import json
import subprocess
import time
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from playwright.sync_api import expect

from browser_support import CSP_LISTENER, serve, serve_each
from build_harness import build
from engine_support import problems, wait_until
from page_scripts import css_rgb, select
from sharing_support import AUTHOR, HEADLINE, sharing_project
from suite_columns import SITE_URL

SHARED_TEXT = f"{HEADLINE} {SITE_URL}"  # what Mastodon gets from the share bar: the headline and the address
BAR_BUTTON = ".oc-share__list button[data-oc-fediverse]"
TOOLBAR_BUTTON = ".oc-passage button[data-oc-fediverse]"
FIELD = "#oc-fediverse-server"
# What the dialog says when the server is not one, in English and in Arabic (overrides/translations.yml).
REFUSED = {
    "en": "\u201c{server}\u201d is not a server\u2019s address: write it like mastodon.social.",
    "ar": "\u00ab{server}\u00bb ليس عنوان خادم: اكتبه هكذا: mastodon.social.",
}
EMPTY = "Write your server\u2019s address, such as mastodon.social."
FORGOTTEN = "Server forgotten: this browser no longer keeps it."
# Names that are not a server's host name: a sentence, a single label, an underscore, a port, a path alone.
NOT_SERVERS = ["not a server", "localhost", "exa_mple.social", "mastodon.social:8443", "/share", "@me@", "1.2.3.4"]
# How readers write their server, and the host each names.
SERVERS = {
    "mastodon.social": "mastodon.social",
    "@me@Example.Social": "example.social",
    "https://example.social": "example.social",
    "https://social.example/@me": "social.example",
    "  me@mastodon.example  ": "mastodon.example",
}


def share_address(server: str, text: str = SHARED_TEXT) -> str:
    return f"https://{server}/share?text={quote(text, safe='')}"


@pytest.fixture(scope="module")
def sites(every_network_site, tmp_path_factory) -> dict[str, object]:
    """The sharing column with its ready entries on, in English ("en", the session's) and Arabic ("ar"):
    {language: site dir}."""
    work = tmp_path_factory.mktemp("fediverse-ar")
    result = build(sharing_project(work / "project", "ar", turned_on=True), work / "site")
    assert result.returncode == 0, result.stderr
    return {"en": every_network_site, "ar": work / "site"}


@pytest.fixture(scope="module")
def servers(sites):
    with serve_each(sites) as urls:
        yield urls


@pytest.fixture
def open_sharing(browser, servers):
    """open(language="en", **context options) -> (page, seen): seen["requests"] every request the page made,
    seen["foreign"] the addresses on another origin it asked for (each aborted: the test never reaches the
    network; Chromium asks twice for an aborted window's address, which is counted once), seen["windows"] the
    windows it opened."""
    contexts = []

    def _open(language: str = "en", **options):
        url = servers[language]
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
        context = browser.new_context(viewport={"width": 1280, "height": 800}, **options)
        contexts.append(context)
        context.add_init_script(CSP_LISTENER)
        seen = {"requests": [], "foreign": [], "errors": [], "windows": []}
        context.on("request", lambda request: seen["requests"].append(request.url))
        context.on("page", lambda opened: seen["windows"].append(opened))

        def route(route):
            if not route.request.url.startswith(origin):
                if route.request.url not in seen["foreign"]:
                    seen["foreign"].append(route.request.url)
                route.abort()
            else:
                route.continue_()

        context.route("**/*", route)
        page = context.new_page()
        page.on("pageerror", lambda error: seen["errors"].append(str(error)))
        page.goto(url, wait_until="load")
        return page, seen

    yield _open
    for context in contexts:
        context.close()


def dialog_state(page) -> dict:
    return page.evaluate("""() => {
      const dialog = document.querySelector("dialog"), field = dialog.querySelector("input");
      return {open: dialog.open, modal: dialog.matches(":modal"), title: dialog.querySelector("h2").textContent,
              focused: document.activeElement && (document.activeElement.id
                || document.activeElement.getAttribute("aria-label") || document.activeElement.textContent.trim()),
              value: field.value, invalid: field.getAttribute("aria-invalid"),
              message: dialog.querySelector("#oc-fediverse-error").textContent,
              forget: !dialog.querySelector("[data-oc-forget]").hidden,
              stored: localStorage.getItem("oc-fediverse-server")};
    }""")


def wait_for(seen: dict, key: str, count: int, page) -> None:
    for _ in range(100):
        if len(seen[key]) >= count:
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"{key}: {seen[key]}")


def test_the_server_is_asked_for_checked_kept_and_shared_on_only_when_confirmed(open_sharing):
    page, seen = open_sharing()
    loaded = len(seen["requests"])
    button = page.locator(BAR_BUTTON)
    expect(button).to_be_visible()
    button.click()
    state = dialog_state(page)
    assert state["open"] and state["modal"] and state["title"] == "Share on Mastodon"
    assert state["focused"] == "oc-fediverse-server" and state["value"] == "" and not state["forget"]

    # What is not a host name is refused in the dialog, which stays open with the focus in the field.
    page.keyboard.press("Enter")
    assert (dialog_state(page)["message"], dialog_state(page)["invalid"]) == (EMPTY, "true")
    for name in NOT_SERVERS:
        page.fill(FIELD, name)
        page.keyboard.press("Enter")
        state = dialog_state(page)
        assert state["message"] == REFUSED["en"].format(server=name.strip()), name
        assert state["open"] and state["invalid"] == "true" and state["focused"] == "oc-fediverse-server", name
    # Nothing was requested, nor stored.
    assert seen["requests"][loaded:] == [] and state["stored"] is None

    page.fill(FIELD, "@me@Example.Social")
    page.locator("[data-oc-go]").click()
    wait_for(seen, "foreign", 1, page)
    # The only request is the share page on the reader's server, with the headline and the address as its text.
    assert seen["foreign"] == [share_address("example.social")]
    wait_for(seen, "windows", 2, page)  # the page itself, and the one window it opened
    assert set(seen["requests"][loaded:]) == set(seen["foreign"]) and len(seen["windows"]) == 2
    assert dict(parse_qsl(urlsplit(seen["foreign"][0]).query)) == {"text": SHARED_TEXT}
    state = dialog_state(page)
    assert not state["open"] and state["stored"] == "example.social"
    assert state["focused"] == "Share on Mastodon"  # back on the button that opened it
    assert page.evaluate("window.__ocViolations") == [] and seen["errors"] == []


@pytest.mark.parametrize("written, server", list(SERVERS.items()))
def test_a_server_is_taken_as_readers_write_it(open_sharing, written, server):
    page, seen = open_sharing()
    page.locator(BAR_BUTTON).click()
    page.fill(FIELD, written)
    page.keyboard.press("Enter")
    wait_for(seen, "foreign", 1, page)
    assert seen["foreign"] == [share_address(server)]


def test_the_kept_server_is_offered_again_and_can_be_changed_or_forgotten(open_sharing):
    page, seen = open_sharing()
    page.locator(BAR_BUTTON).click()
    page.fill(FIELD, "mastodon.social")
    page.keyboard.press("Enter")
    wait_for(seen, "foreign", 1, page)

    page.reload(wait_until="load")
    page.locator(BAR_BUTTON).click()
    state = dialog_state(page)
    assert (state["value"], state["forget"], state["focused"]) == ("mastodon.social", True, "oc-fediverse-server")
    # Selected, so that typing changes it.
    assert page.evaluate("[document.activeElement.selectionStart, document.activeElement.selectionEnd]") == [0, 15]
    page.keyboard.type("social.example")
    page.keyboard.press("Enter")
    wait_for(seen, "foreign", 2, page)
    assert seen["foreign"][1] == share_address("social.example")
    assert dialog_state(page)["stored"] == "social.example"

    page.locator(BAR_BUTTON).click()
    page.locator("[data-oc-forget]").click()
    state = dialog_state(page)
    assert (state["stored"], state["value"], state["forget"]) == (None, "", False)
    assert state["message"] == FORGOTTEN and state["invalid"] is None and state["focused"] == "oc-fediverse-server"
    page.locator("[data-oc-cancel]").click()
    assert not dialog_state(page)["open"] and dialog_state(page)["focused"] == "Share on Mastodon"
    page.reload(wait_until="load")
    page.locator(BAR_BUTTON).click()
    assert dialog_state(page)["value"] == ""
    wait_for(seen, "windows", 3, page)
    assert (
        len(seen["foreign"]) == len(seen["windows"]) - 1 == 2
    )  # forgetting, cancelling and asking again requested nothing


def test_the_keyboard_opens_and_escape_closes_it(open_sharing):
    page, seen = open_sharing()
    loaded = len(seen["requests"])
    page.locator(BAR_BUTTON).focus()
    page.keyboard.press("Enter")
    assert dialog_state(page)["open"] and dialog_state(page)["focused"] == "oc-fediverse-server"
    # Tab goes through the dialog's controls (Forget is there only with a kept server).
    order = []
    for key in ("Tab", "Tab", "Shift+Tab", "Shift+Tab"):
        page.keyboard.press(key)
        order.append(dialog_state(page)["focused"])
    assert order == ["Share", "Cancel", "Share", "oc-fediverse-server"]
    page.keyboard.press("Escape")
    state = dialog_state(page)
    assert not state["open"] and state["focused"] == "Share on Mastodon"
    assert seen["requests"][loaded:] == []


def test_the_open_dialog_passes_axe(open_sharing):
    page, _ = open_sharing()
    page.locator(BAR_BUTTON).click()
    page.fill(FIELD, "not a server")
    page.keyboard.press("Enter")
    results = Axe().run(page, options={"resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()


def test_a_passage_is_shared_on_the_readers_server_and_cut_for_bluesky(open_sharing):
    page, seen = open_sharing()
    passage = "one soup on the menu"
    select(page, passage, paragraph=1)
    expect(page.locator(TOOLBAR_BUTTON)).to_be_visible()
    page.wait_for_function("() => document.querySelector('[data-oc-quote]').href.includes('%23')")
    x = page.locator("[data-oc-quote]").first.get_attribute("href")
    link = dict(parse_qsl(urlsplit(x).query))["url"]
    assert link.startswith(SITE_URL + "#") and ":~:text=" in link
    loaded = len(seen["requests"])
    page.locator(TOOLBAR_BUTTON).click()
    page.fill(FIELD, "mastodon.social")
    page.keyboard.press("Enter")
    wait_for(seen, "foreign", 1, page)
    assert set(seen["requests"][loaded:]) == set(seen["foreign"])
    quote_text = f"\u201c{passage}\u201d \u2014 {AUTHOR}"
    assert seen["foreign"] == [share_address("mastodon.social", f"{quote_text} {link}")]

    # A passage longer than a Bluesky post: the quote is cut at a word's end with "…", the link kept whole, 300
    # graphemes at most as Bluesky counts them (Intl.Segmenter, as its app does).
    page.evaluate("getSelection().removeAllRanges()")
    select(page, "Nobody in the queue", paragraph=2, end="first café in the town.")
    page.wait_for_function("() => document.querySelector('[data-oc-quote]').href.includes('nobody')")
    bluesky = page.locator(".oc-passage a[aria-label='Share on Bluesky']").get_attribute("href")
    x = page.locator("[data-oc-quote]").first.get_attribute("href")
    link = dict(parse_qsl(urlsplit(x).query))["url"]
    (text,) = dict(parse_qsl(urlsplit(bluesky).query)).values()
    count = "(text) => Array.from(new Intl.Segmenter(undefined, {granularity: 'grapheme'}).segment(text)).length"
    assert page.evaluate(count, text) <= 300
    kept, ending = text.split("\u2026\u201d \u2014 ")
    assert ending == f"{AUTHOR} {link}"
    full = page.locator(".oc-body > p[id]").nth(2).inner_text().strip()
    assert kept.startswith("\u201cNobody in the queue") and full.startswith(kept[1:])
    # One more word would not fit.
    next_word = full[len(kept) - 1 :].split()[0]
    longer = f"{kept} {next_word}\u2026\u201d \u2014 {AUTHOR} {link}"
    assert page.evaluate(count, longer) > 300
    assert page.evaluate("window.__ocViolations") == [] and seen["errors"] == []


def test_in_arabic_the_dialog_speaks_arabic_right_to_left(open_sharing):
    page, seen = open_sharing("ar")
    page.locator(BAR_BUTTON).click()
    state = dialog_state(page)
    assert state["open"] and state["title"] == "المشاركة على Mastodon"
    texts = page.evaluate("""() => Array.from(
      document.querySelectorAll("dialog h2, dialog p, dialog label, dialog button"), (e) => e.textContent.trim()
    ).filter(Boolean)""")
    assert texts == [
        "المشاركة على Mastodon",
        "ليس لـ Mastodon وسائر الفديفيرس موقع واحد: لكل حساب خادمه الخاص. "
        "اكتب خادمك، فيُفتح المنشور هناك لتراجعه وترسله.",
        "خادمك",
        "مثل mastodon.social أو https://mastodon.social، أو عنوان حسابك كاملًا. يحفظه هذا المتصفح للمرة القادمة.",
        "مشاركة",
        "انسَ هذا الخادم",
        "إلغاء",
    ]
    layout = page.evaluate("""() => { const d = document.querySelector("dialog"), f = d.querySelector("input");
      const go = d.querySelector("[data-oc-go]").getBoundingClientRect();
      const cancel = d.querySelector("[data-oc-cancel]").getBoundingClientRect();
      return {dialog: getComputedStyle(d).direction, field: getComputedStyle(f).direction,
              goRightOfCancel: go.left > cancel.left}; }""")
    # The dialog right to left, its buttons from the right; the server's address left to right.
    assert layout == {"dialog": "rtl", "field": "ltr", "goRightOfCancel": True}
    page.fill(FIELD, "خادمي")
    page.keyboard.press("Enter")
    assert dialog_state(page)["message"] == REFUSED["ar"].format(server="خادمي")
    page.fill(FIELD, "mastodon.social")
    page.keyboard.press("Enter")
    wait_for(seen, "foreign", 1, page)
    assert urlsplit(seen["foreign"][0]).netloc == "mastodon.social"
    assert page.evaluate("window.__ocViolations") == []


def test_without_javascript_there_is_no_mastodon_button(open_sharing):
    page, _ = open_sharing(java_script_enabled=False)
    assert page.locator(BAR_BUTTON).count() == 1 and not page.locator(BAR_BUTTON).is_visible()
    assert not page.locator("dialog").is_visible()
    # The links need no script: every other network is there.
    labels = page.locator(".oc-share__list a.oc-button").evaluate_all("(links) => links.map((a) => a.ariaLabel)")
    assert labels == [
        "Share on Facebook",
        "Share on X",
        "Share on Bluesky",
        "Share on Threads",
        "Share on LinkedIn",
        "Share on Reddit",
        "Share by e-mail",
    ]


# --- the icons, each drawn once -----------------------------------------------------------------------------------

# Every icon the page shows once scrolled to the share bar and the bio: its box, and the page's background.
ICON_BOXES = """
const ratio = window.devicePixelRatio || 1;
return Array.from(document.querySelectorAll(".oc-share .oc-icon, .oc-bio .oc-icon, .oc-header .oc-icon"))
  .filter((icon) => icon.getClientRects().length > 0)
  .map((icon) => { const r = icon.getBoundingClientRect();
    return {name: icon.closest("[aria-label]").getAttribute("aria-label"),
            box: [r.left * ratio, r.top * ratio, r.right * ratio, r.bottom * ratio].map(Math.round)}; });
"""
# Scrolled there, then two frames for the engine to lay out and paint what came into view.
TO_THE_ICONS = """document.querySelector('.oc-share').scrollIntoView({block: 'start'});
return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));"""
BACKGROUND = "return getComputedStyle(document.body).backgroundColor;"


def inked(shot: Image.Image, box: list[int], background: tuple[int, ...]) -> float:
    """The share of an icon's box painted in a colour far from the page's background."""
    pixels = list(shot.crop(box).get_flattened_data())
    far = [p for p in pixels if sum(abs(a - b) for a, b in zip(p[:3], background, strict=True)) > 120]
    return len(far) / max(len(pixels), 1)


def icons_drawn(run, screenshot) -> dict[str, float]:
    run(TO_THE_ICONS)
    boxes = run(ICON_BOXES)
    shot, background = screenshot(), css_rgb(run(BACKGROUND))
    shown = [icon for icon in boxes if icon["box"][1] >= 0 and icon["box"][3] <= shot.height]
    return {icon["name"]: inked(shot, icon["box"], background) for icon in shown}


def chromium_run(page):
    return lambda script: page.evaluate(f"() => {{ {script} }}")


def chromium_shot(page):
    return lambda: Image.open(io.BytesIO(page.screenshot())).convert("RGB")


@pytest.mark.parametrize("forced", [False, True])
def test_every_icon_is_drawn_in_chromium(open_sharing, forced):
    options = {"forced_colors": "active"} if forced else {}
    page, _ = open_sharing(**options)
    page.wait_for_timeout(100)
    drawn = icons_drawn(chromium_run(page), chromium_shot(page))
    # The bar's networks, copy and share sheet, the author's four profiles, the theme toggle's icon.
    assert len(drawn) >= 8 + 4, drawn
    assert {name: share for name, share in drawn.items() if share < 0.08} == {}, drawn
    # Control: without the sprite nothing is drawn.
    page.evaluate("document.querySelector('.oc-sprite').remove()")
    page.wait_for_timeout(100)
    assert max(icons_drawn(chromium_run(page), chromium_shot(page)).values()) < 0.02
    assert page.evaluate("window.__ocViolations") == []


def test_the_sprite_takes_no_room_on_screen_or_paper(open_sharing):
    page, _ = open_sharing()
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        box = page.evaluate(
            "(() => { const r = document.querySelector('.oc-sprite').getBoundingClientRect();"
            " return [r.width, r.height]; })()"
        )
        assert box == [0, 0], media
    # On paper no control shows, icons included.
    assert (
        page.locator(".oc-icon").evaluate_all("(icons) => icons.filter((i) => i.getClientRects().length).length") == 0
    )


# --- Firefox and WebKit -------------------------------------------------------------------------------------------

# The page's window.open, recorded instead of run: where the page would have sent the reader, and how.
RECORD_OPEN = """window.__ocOpened = [];
window.open = function (url, target, features) { window.__ocOpened.push([url, target, features]); return null; };"""
STATE = """const d = document.querySelector("dialog"), f = d.querySelector("input");
return {open: d.open, focused: document.activeElement.id || document.activeElement.getAttribute("aria-label"),
        message: d.querySelector("#oc-fediverse-error").textContent, value: f.value,
        stored: localStorage.getItem("oc-fediverse-server"), opened: window.__ocOpened,
        resources: performance.getEntriesByType("resource").map((entry) => entry.name)};"""
ENTER, ESCAPE = "\ue007", "\ue00c"


@pytest.fixture(scope="module")
def reporting(sites):
    reports: list = []
    with serve(sites["en"], csp_reports=reports) as url:
        yield url, reports


def type_into(engine, selector: str, keys: str) -> None:
    field = engine.driver.find_element(engine._by.CSS_SELECTOR, selector)
    field.clear()
    field.send_keys(keys)


def press(engine, selector: str) -> None:
    """A reader's click on a control of the share bar, once it is in view (and so laid out and painted: it is
    below the first screen, where the page leaves it unrendered until it comes near)."""
    engine.run(
        "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});"
        "return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));",
        selector,
    )
    engine.click(selector)


def settled_state(engine) -> dict:
    """The page's state once the share bar is in view and the page has stopped loading (two reads of its
    resources 300 ms apart agree): what the page fetches by itself, on a busy machine late, is not the dialog's."""
    engine.run(
        "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});"
        "return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));",
        BAR_BUTTON,
    )
    last, deadline = engine.run(STATE), time.monotonic() + 10
    while True:
        time.sleep(0.3)
        state = engine.run(STATE)
        settled = state["resources"] == last["resources"] and engine.run("return document.readyState;") == "complete"
        if settled or time.monotonic() > deadline:
            return state
        last = state


def test_the_dialog_in_firefox_and_webkit(engine, reporting):
    url, reports = reporting
    reports.clear()
    engine.console()
    engine.goto(url)
    engine.run("localStorage.clear();")
    engine.run(RECORD_OPEN)
    before = settled_state(engine)
    press(engine, BAR_BUTTON)
    state = wait_until(lambda: (s := engine.run(STATE))["open"] and s, 5, f"{engine.name}: the dialog")
    assert state["focused"] == "oc-fediverse-server"
    type_into(engine, FIELD, "not a server" + ENTER)
    state = engine.run(STATE)
    assert state["open"] and state["message"] == REFUSED["en"].format(server="not a server")
    assert (state["opened"], state["stored"], state["resources"]) == ([], None, before["resources"])

    type_into(engine, FIELD, "https://example.social/@me" + ENTER)
    state = wait_until(lambda: (s := engine.run(STATE))["opened"] and s, 5, f"{engine.name}: the share page")
    assert state["opened"] == [[share_address("example.social"), "_blank", "noopener,noreferrer"]]
    assert (state["open"], state["stored"], state["focused"]) == (False, "example.social", "Share on Mastodon")
    assert state["resources"] == before["resources"]  # nothing requested before or while asking

    # Next time the kept server is offered; Escape closes the dialog and gives the focus back.
    engine.reload()
    engine.run(RECORD_OPEN)
    press(engine, BAR_BUTTON)
    state = wait_until(lambda: (s := engine.run(STATE))["open"] and s, 5, f"{engine.name}: the dialog again")
    assert state["value"] == "example.social"
    engine.driver.find_element(engine._by.CSS_SELECTOR, FIELD).send_keys(ESCAPE)
    state = wait_until(lambda: (s := engine.run(STATE))["open"] is False and s, 5, f"{engine.name}: Escape")
    assert state["focused"] == "Share on Mastodon" and state["opened"] == []
    assert problems(engine, reporting) == {}


def test_every_icon_is_drawn_in_firefox_and_webkit(engine, reporting):
    url, reports = reporting
    reports.clear()
    engine.console()
    engine.goto(url)
    drawn = icons_drawn(engine.run, engine.screenshot)
    assert len(drawn) >= 8 + 4, drawn
    assert {name: share for name, share in drawn.items() if share < 0.08} == {}, drawn
    if engine.name == "firefox":  # WebKitGTK has no forced-colours mode
        with engine.forced_colours():
            engine.goto(url)
            assert engine.run("return matchMedia('(forced-colors: active)').matches")
            forced = icons_drawn(engine.run, engine.screenshot)
        assert len(forced) >= 8 + 4 and {name: share for name, share in forced.items() if share < 0.08} == {}, forced
        engine.goto(url)
    engine.run("document.querySelector('.oc-sprite').remove();")
    assert max(icons_drawn(engine.run, engine.screenshot).values()) < 0.02
    assert problems(engine, reporting) == {}


def test_without_javascript_firefox_and_webkit_show_no_mastodon_button(engine, reporting):
    url, _ = reporting
    with engine.without_javascript(url) as document:
        shown = engine.run(
            f"return Array.from({document}.querySelectorAll('[data-oc-fediverse], dialog'),"
            " (e) => e.getClientRects().length > 0);"
        )
    assert shown == [False, False, False]  # the bar's button, the toolbar's, the dialog


def test_the_sharing_pages_are_valid_html(sites, vnu):
    # The dialog, the toolbar's buttons and the bio's profiles, in English and in Arabic (Nu checker, errors only).
    pages = [str(site / "index.html") for site in sites.values()]
    result = subprocess.run(
        [*vnu, "--errors-only", "--format", "json", *pages], capture_output=True, text=True, timeout=300
    )
    messages = json.loads(result.stderr)["messages"]
    assert [m for m in messages if m.get("type") in ("error", "non-document-error")] == []
