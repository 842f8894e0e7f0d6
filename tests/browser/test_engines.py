"""The column in the two engines besides Chromium's that readers use: Gecko (Debian's Firefox ESR) and WebKit
(Safari's engine; Debian's WebKitGTK). In each, one browser for the whole module (conftest.py `engine`), on
the session's site served with its headers: the page loads with no error and no policy violation, the theme
toggle works and is remembered, every share link is right, the passage toolbar opens on a selection and its
link lands on the passage, highlighted, and without JavaScript the share and paragraph links are there."""

from __future__ import annotations

from collections import Counter
from urllib.parse import parse_qsl, urlsplit

import pytest

from engine_support import problems, wait_until
from page_scripts import css_rgb, luminance
from suite_columns import SHARE_LINKS


@pytest.fixture
def opened(engine, reporting_server):
    """The column opened afresh in the engine: (engine, base URL)."""
    url, reports = reporting_server
    reports.clear()
    engine.console()
    engine.goto(url)
    return engine, url


def test_loads_with_no_error_and_no_policy_violation(opened, reporting_server):
    engine, _ = opened
    # The policy let the page's own inline script (theme-init) and inline stylesheet apply.
    assert "oc-js" in engine.run("return document.documentElement.className").split()
    assert engine.run("return getComputedStyle(document.body).marginTop") == "0px"
    assert problems(engine, reporting_server) == {}


def test_policy_violations_are_caught(opened, reporting_server):
    """Control: an inline script and an inline style the policy forbids are blocked, reported by the browser,
    and seen by `problems` (in Firefox's console too)."""
    engine, _ = opened
    engine.run("""const script = document.createElement("script");
      script.textContent = "window.__ocInjected = true;";
      document.head.append(script);
      document.body.setAttribute("style", "outline: 1px solid red");""")
    found = problems(engine, reporting_server)
    assert engine.run("return window.__ocInjected === undefined")
    directives = {r["csp-report"]["violated-directive"].split()[0] for r in found["CSP reports"]}
    assert {d.split("-")[0] for d in directives} == {"script", "style"}, found
    assert len(found["in-page CSP violations"]) >= 2, found
    if engine.name == "firefox":
        assert found["console"], found


THEME = """return {
  chosen: document.documentElement.getAttribute("data-oc-theme"),
  stored: localStorage.getItem("oc-theme"),
  pressed: document.querySelector("button[data-oc-theme]").getAttribute("aria-pressed"),
  background: getComputedStyle(document.body).backgroundColor,
};"""


def test_theme_toggle_switches_and_is_remembered(opened, reporting_server):
    engine, _ = opened
    system = engine.run("return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';")
    other = "light" if system == "dark" else "dark"
    before = engine.run(THEME)
    assert (before["chosen"], before["stored"], before["pressed"]) == (None, None, str(system == "dark").lower())

    engine.click("button[data-oc-theme]")
    chosen = engine.run(THEME)
    assert (chosen["chosen"], chosen["stored"], chosen["pressed"]) == (other, other, str(other == "dark").lower())
    darker = luminance(css_rgb(chosen["background"])) < luminance(css_rgb(before["background"]))
    assert darker == (other == "dark"), (before, chosen)

    engine.reload()
    assert engine.run(THEME) == chosen

    # Back to the system's theme: the choice is dropped, and a reload keeps following the system.
    engine.click("button[data-oc-theme]")
    engine.reload()
    assert engine.run(THEME) == before
    assert problems(engine, reporting_server) == {}


SHARE_BAR = """return Array.from(DOC.querySelectorAll("section.oc-share a.oc-button[aria-label^='Share ']"),
  (a) => [a.getAttribute("aria-label"), a.href,
          a.getClientRects().length > 0 && a.ownerDocument.defaultView.getComputedStyle(a).visibility]);"""


def test_every_share_link_is_right(opened, reporting_server):
    engine, _ = opened
    # The URLs as the engine resolved them (a.href), against this column's links written out.
    shown = engine.run(SHARE_BAR.replace("DOC", "document"))
    assert [(label, href) for label, href, _ in shown] == list(SHARE_LINKS.items())
    assert {visible for _, _, visible in shown} == {"visible"}, shown
    assert problems(engine, reporting_server) == {}


# A Range over characters start..end of a paragraph's text, across the elements inside it.
RANGE_OF = """
function rangeOf(paragraph, start, end) {
  const range = document.createRange();
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
  let seen = 0;
  while (walker.nextNode()) {
    const node = walker.currentNode, length = node.data.length;
    if (seen <= start && start < seen + length) range.setStart(node, start - seen);
    if (seen < end && end <= seen + length) range.setEnd(node, end - seen);
    seen += length;
  }
  return range;
}
"""

# Selects the last sentence of the column's longest paragraph, as a reader would: a Range over those words in
# the page's selection. Returns the paragraph's id and index, and where the words start and end in its text.
SELECT_PASSAGE = (
    RANGE_OF
    + """
const paragraphs = Array.from(document.querySelectorAll(".oc-body > p[id]"));
const paragraph = paragraphs.reduce((a, b) => (b.textContent.length > a.textContent.length ? b : a));
const text = paragraph.textContent.trimEnd();
const sentences = text.split(/(?<=[.!?])\\s+/);
const passage = sentences[sentences.length - 1];
const start = text.lastIndexOf(passage), end = start + passage.length;
const range = rangeOf(paragraph, start, end);
getSelection().removeAllRanges();
getSelection().addRange(range);
return {id: paragraph.id, index: paragraphs.indexOf(paragraph), start, end, passage};
"""
)

# The toolbar, once it is shown, and the passage link its first quote-share link carries.
TOOLBAR = """
const toolbar = document.querySelector("[data-oc-passage]"), quote = document.querySelector("[data-oc-quote]");
const box = toolbar.getBoundingClientRect();
return !toolbar.hidden && box.width > 0 && box.height > 0 && quote && quote.href ? quote.href : null;
"""

# Where the passage (arguments: paragraph index, start, end in its text) is now: its first line's box, the
# viewport, the scroll position, the URL's fragment as the page sees it, and the colour behind the words.
PASSAGE_BOX = (
    RANGE_OF
    + """
const [index, start, end] = arguments;
const paragraph = document.querySelectorAll(".oc-body > p[id]")[index];
const range = rangeOf(paragraph, start, end);
// The background the words sit on: the nearest one set (the paragraph's own, as the page marks a :target).
let element = paragraph, background = "rgba(0, 0, 0, 0)";
while (element && (background = getComputedStyle(element).backgroundColor) === "rgba(0, 0, 0, 0)") {
  element = element.parentElement;
}
const whole = range.getBoundingClientRect();
const first = Array.from(range.getClientRects()).find((r) => r.width > 0 && r.height > 0);
return {
  top: whole.top, bottom: whole.bottom, line: [first.left, first.top, first.right, first.bottom],
  height: innerHeight, width: innerWidth, scrollY, hash: location.hash,
  background, supported: typeof document.fragmentDirective === "object",
};
"""
)


def test_passage_toolbar_link_scrolls_to_and_highlights_the_passage(opened, reporting_server):
    engine, url = opened
    canonical = engine.run("return document.querySelector('link[rel=canonical]').href;")
    chosen = engine.run(SELECT_PASSAGE)
    # The engine's own selectionchange opens the toolbar (no event is made up here).
    quote = wait_until(lambda: engine.run(TOOLBAR), 10, f"{engine.name}: the passage toolbar")
    link = dict(parse_qsl(urlsplit(quote).query))["url"]
    assert link.startswith(f"{canonical}#{chosen['id']}:~:text="), (chosen, link)
    assert problems(engine, reporting_server) == {}

    # Opened as a new document: the engine scrolls to the words and paints its text-fragment highlight.
    engine.goto(url + link[len(canonical) :])
    where = wait_until(
        lambda: (
            (box := engine.run(PASSAGE_BOX, chosen["index"], chosen["start"], chosen["end"]))["scrollY"] > 0 and box
        ),
        5,
        f"{engine.name}: scrolling to the passage",
    )
    assert where["supported"], "no document.fragmentDirective: the engine has no text fragments"
    # The directive was taken out of the URL the page sees, as an engine that acts on it does.
    assert where["hash"] == "#" + chosen["id"], where
    # In view, and placed as text fragments are (centred), not at the top as the paragraph's id alone would.
    assert where["top"] >= 0 and where["bottom"] <= where["height"], where
    middle = (where["top"] + where["bottom"]) / 2
    assert abs(middle - where["height"] / 2) < where["height"] / 4, where

    shot = engine.screenshot()
    assert shot.size == (where["width"], where["height"]), (shot.size, where)
    left, top, right, bottom = (int(v) for v in where["line"])
    commonest = Counter(shot.crop((left + 1, top + 1, right - 1, bottom - 1)).get_flattened_data()).most_common(1)[0][0]
    # The engine paints its highlight (::target-text) over the words: their commonest colour is not the
    # background they sit on.
    behind = css_rgb(where["background"])
    assert max(abs(a - b) for a, b in zip(commonest, behind, strict=True)) > 12, (commonest, behind, where)
    assert problems(engine, reporting_server) == {}


# What a reader without JavaScript has, in the document DOC.
NO_JS = """
const doc = DOC;
return {
  classes: doc.documentElement.className.split(/\\s+/),
  scriptControls: Array.from(doc.querySelectorAll("button[data-oc-copy], button[data-oc-share], button[data-oc-theme]"),
    (button) => button.getClientRects().length > 0),
  paragraphs: Array.from(doc.querySelectorAll(".oc-body > p[id]"), (p) => {
    const link = p.querySelector("a.oc-permalink");
    return {id: p.id, href: link && link.getAttribute("href"), label: link && link.getAttribute("aria-label"),
            rendered: !!link && link.getClientRects().length > 0};
  }),
};
"""


def test_share_and_paragraph_links_are_there_without_javascript(engine, reporting_server, seed):
    url, reports = reporting_server
    reports.clear()
    engine.console()
    with engine.without_javascript(url) as document:
        state = engine.run(NO_JS.replace("DOC", document))
        shown = engine.run(SHARE_BAR.replace("DOC", document))
    # No script ran: the page is as a reader without JavaScript gets it.
    assert "no-js" in state["classes"] and "oc-js" not in state["classes"], state["classes"]
    # The controls that need the script are not offered.
    assert state["scriptControls"] == [False] * 3, state

    assert [(label, href) for label, href, _ in shown] == list(SHARE_LINKS.items())
    assert {visible for _, _, visible in shown} == {"visible"}, shown

    paragraphs = state["paragraphs"]
    assert len(paragraphs) == len(seed.body) + 1  # the standfirst, then the body
    for number, paragraph in enumerate(paragraphs, start=1):
        assert paragraph["id"] and paragraph["href"] == "#" + paragraph["id"], paragraph
        assert paragraph["label"] == f"Link to paragraph {number}" and paragraph["rendered"], paragraph
    assert len({p["id"] for p in paragraphs}) == len(paragraphs)
    assert problems(engine, reporting_server) == {}
