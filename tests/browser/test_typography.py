"""Typography in every script and engine: the page's address breaks only where a typesetter breaks an address
and reads left to right as one piece in a right-to-left page; selected text keeps its contrast in both themes;
on a touch screen the passage toolbar keeps clear of the selection handles; the headline and standfirst
balance their lines (in Chromium, Firefox ESR and WebKitGTK); Arabic shows no slanted text and its initials
do not join; no one-letter word ends a Russian line, and a hyphenated name is never split (Chromium)."""

from __future__ import annotations

import contextlib
import io
import re
import time
from collections import Counter

import pytest
from PIL import Image

from build_harness import missing_tool
from engine_support import LOOPBACK, Firefox, WebKit, find_minibrowser, missing, wait_until
from page_scripts import contrast, css_rgb

LANGUAGE_PAGES = ("en", "ru-RU", "ar")


class Chromium:
    """Chromium through Playwright, driven as engine_support drives the other two: WebDriver script bodies
    (`arguments`, `return`) and a screenshot of the view."""

    name = "chromium"

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.page = self.context.new_page()

    def run(self, script: str, *args):
        return self.page.evaluate("(args) => (function () {" + script + "\n}).apply(null, args)", list(args))

    def goto(self, url: str) -> None:
        self.page.goto(url, wait_until="load")

    def screenshot(self) -> Image.Image:
        return Image.open(io.BytesIO(self.page.screenshot())).convert("RGB")

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module", params=["chromium", "firefox", "webkit"])
def any_engine(request, tmp_path_factory):
    """Chromium, Firefox ESR and WebKitGTK in turn, one browser each for this module."""
    if request.param == "chromium":
        engine = Chromium(request.getfixturevalue("browser"))
    else:
        lacking = missing(request.param)
        if lacking:
            missing_tool(f"{request.param}: {lacking}")
        if request.param == "firefox":
            engine = Firefox(tmp_path_factory.mktemp("firefox-profile"))
        else:
            engine = WebKit(find_minibrowser())
    try:
        yield engine
    finally:
        engine.close()


@pytest.fixture(scope="module")
def urls(server, language_servers) -> dict[str, str]:
    """{language: base URL} of the suite's columns: English, Russian and Arabic."""
    return {"en": server, **language_servers}


# A window narrower than Firefox (500 px) or WebKitGTK (447 px) lets a window be: the page's own markup in a
# same-origin frame of that size, where its stylesheet's media queries and its scripts run as in a window
# that size. `frame` below is that frame's document.
OPEN_FRAME = """
const [markup, width, height] = arguments;
document.querySelectorAll("iframe[data-oc-frame]").forEach((old) => old.remove());
const frame = document.createElement("iframe");
frame.setAttribute("data-oc-frame", "");
frame.style.cssText = `position: fixed; top: 0; left: 0; width: ${width}px; height: ${height}px; border: 0; z-index: 9`;
frame.srcdoc = markup;
document.body.append(frame);
"""
FRAME = "const frame = document.querySelector('iframe[data-oc-frame]').contentDocument;\n"


def open_at_width(engine, url: str, width: int, height: int = 700) -> None:
    with LOOPBACK.open(url, timeout=10) as response:
        markup = response.read().decode("utf-8")
    engine.goto(url)
    engine.run(OPEN_FRAME, markup, width, height)
    wait_until(
        lambda: engine.run(FRAME + "return frame && frame.readyState === 'complete' && frame.defaultView.innerWidth"),
        10,
        f"{engine.name}: the page at {width} px",
    )
    assert engine.run(FRAME + "return frame.defaultView.innerWidth") == width


# --- the page's address ------------------------------------------------------------------------------------

# The address's characters as laid out: by line, top to bottom, each character's left edge; and the left edge
# of the paragraph's content box. The share bar is drawn only near the view (content-visibility), so it is
# brought into view first.
ADDRESS_LINES = (
    FRAME
    + """
const address = frame.querySelector(".oc-share__address");
address.scrollIntoView({block: "center"});
const paragraph = address.closest("p"), style = frame.defaultView.getComputedStyle(paragraph);
const edge = paragraph.getBoundingClientRect().left + parseFloat(style.paddingLeft);
const walker = frame.createTreeWalker(address, NodeFilter.SHOW_TEXT);
const lines = [];
while (walker.nextNode()) {
  const node = walker.currentNode;
  for (let i = 0; i < node.data.length; i++) {
    const range = frame.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    const box = range.getBoundingClientRect();
    let line = lines.find((l) => Math.abs(l.top - box.top) < box.height / 2);
    if (!line) lines.push((line = {top: box.top, text: "", lefts: []}));
    line.text += node.data[i];
    line.lefts.push(box.left);
  }
}
lines.sort((a, b) => a.top - b.top);
return {edge, lines, direction: frame.defaultView.getComputedStyle(paragraph).direction};
"""
)
# Where a typesetter breaks an address: after a slash, a dot, a hyphen, a question mark or an ampersand; never
# inside a word.
BREAKS_AFTER = "/.-?&"


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize("language", LANGUAGE_PAGES)
def test_the_address_breaks_only_after_punctuation_and_reads_left_to_right(any_engine, urls, language, width):
    open_at_width(any_engine, urls[language], width)
    found = any_engine.run(ADDRESS_LINES)
    lines = found["lines"]
    assert "".join(line["text"] for line in lines).startswith("https://columns.example/"), found
    if width == 320:
        assert len(lines) > 1, f"the address fits one line at {width} px: nothing here tests its breaks ({found})"
    for line in lines[:-1]:
        assert line["text"][-1] in BREAKS_AFTER, f"a line of the address ends inside a word: {found}"
    for line in lines:
        # Its characters run left to right, whatever the page's direction.
        assert line["lefts"] == sorted(line["lefts"]), found
    for line in lines[1:]:
        # Each continuation starts at the left edge, where a reader's eye goes after the line before.
        assert abs(line["lefts"][0] - found["edge"]) < 1.5, f"a continuation not at the left edge: {found}"


# --- selected text ---------------------------------------------------------------------------------------------


# The headline's first words selected (no passage toolbar opens over the headline): the first line box of the
# selection, and the page's background.
SELECT_HEADLINE = """
const text = document.querySelector(".oc-headline").firstChild;
const range = document.createRange();
range.setStart(text, 0);
range.setEnd(text, text.data.indexOf(" ", 8));
getSelection().removeAllRanges();
getSelection().addRange(range);
const box = range.getClientRects()[0];
return {box: [box.left, box.top, box.right, box.bottom], page: getComputedStyle(document.body).backgroundColor};
"""


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_selected_text_keeps_its_contrast_and_shows_against_the_page(any_engine, urls, theme):
    engine = any_engine
    engine.goto(urls["en"])
    engine.run("localStorage.setItem('oc-theme', arguments[0]);", theme)  # the reader's choice of theme
    engine.goto(urls["en"])
    found = engine.run(SELECT_HEADLINE)
    time.sleep(0.3)  # painted
    left, top, right, bottom = (round(v) for v in found["box"])
    pixels = Counter(engine.screenshot().crop((left + 2, top + 2, right - 2, bottom - 2)).get_flattened_data())
    engine.run("getSelection().removeAllRanges(); localStorage.clear();")
    highlight = pixels.most_common(1)[0][0]
    words = max(pixels, key=lambda colour: contrast(colour, highlight))
    page = css_rgb(found["page"])
    # The words on the highlight as WCAG asks of text (1.4.3), and the highlight, the state of being selected,
    # against the page as it asks of a state (1.4.11).
    measured = {"words": contrast(words, highlight), "highlight against the page": contrast(highlight, page)}
    assert measured["words"] >= 4.5 and measured["highlight against the page"] >= 3, (measured, words, highlight, page)


# --- the passage toolbar on a touch screen -----------------------------------------------------------------------

# Where Android and iOS draw the selection handles: below the selection's end, Android's drop-shaped handles the
# deepest, up to 28 CSS px. Past them, the toolbar keeps the 8 px that Material Design sets between two touch
# targets, so a finger aimed at a handle does not land on the toolbar's first button.
HANDLES = 28
GAP = 8

# The first words of the third body paragraph selected, that paragraph's first line 200 px from the top of the
# view; with `touch`, the reader's last press was a finger's (a pointer event, as a touch screen sends it, before
# the selection). Returns the selection's lowest line bottom.
SELECT_BY_TOUCH = """
const [touch] = arguments;
const paragraph = document.querySelectorAll(".oc-body > p[id]")[3];
const text = Array.from(paragraph.childNodes).find((node) => node.nodeType === 3 && node.data.trim());
scrollBy(0, paragraph.getBoundingClientRect().top - 200);
if (touch) {
  for (const type of ["pointerdown", "pointerup"]) {
    paragraph.dispatchEvent(new PointerEvent(type, {pointerType: "touch", isPrimary: true, bubbles: true}));
  }
}
const range = document.createRange();
range.setStart(text, 0);
range.setEnd(text, text.data.indexOf(" ", 20));
getSelection().removeAllRanges();
getSelection().addRange(range);
return Math.max(...Array.from(range.getClientRects(), (r) => r.bottom));
"""
TOOLBAR_BOX = """
const toolbar = document.querySelector("[data-oc-passage]"), box = toolbar.getBoundingClientRect();
return !toolbar.hidden && box.height > 0 ? box.toJSON() : null;
"""


@contextlib.contextmanager
def window_width(engine, width: int, height: int = 800):
    """The engine's window as narrow as it goes down to `width` (Firefox's stops at 500 px, WebKitGTK's at 447;
    a frame would do, but Firefox refuses the page's script files in a srcdoc frame), then wide again."""
    resize(engine, width, height)
    try:
        yield
    finally:
        resize(engine, 1280, 800)


def resize(engine, width: int, height: int) -> None:
    if isinstance(engine, Chromium):
        engine.page.set_viewport_size({"width": width, "height": height})
    else:
        engine.driver.set_window_rect(width=width, height=height)


def test_on_a_touch_screen_the_toolbar_keeps_clear_of_the_selection_handles(any_engine, urls):
    engine = any_engine
    with window_width(engine, 375):
        engine.goto(urls["en"])
        engine.run(SELECT_BY_TOUCH, False)  # loads the toolbar's code
        wait_until(lambda: engine.run(TOOLBAR_BOX), 10, f"{engine.name}: the passage toolbar")
        bottom = engine.run(SELECT_BY_TOUCH, True)
        # Placed again for a finger: below the selection, where a touch screen's own menu leaves room.
        toolbar = wait_until(
            lambda: (box := engine.run(TOOLBAR_BOX)) and box["top"] > bottom and box, 10, f"{engine.name}: toolbar"
        )
        width = engine.run("return innerWidth")
    assert width <= 500, width
    assert toolbar["top"] - bottom >= HANDLES + GAP, (toolbar, bottom)


# --- Arabic: no slanted text, initials that do not join ----------------------------------------------------------

# Emphasis wherever a column has it (a correction's note has it already): the standfirst, a paragraph of the body
# and the disclaimer each get an <em>. Then every element that is drawn slanted, and each <em>'s weight beside its
# parent's.
SLANTED_JS = """() => {
  for (const selector of [".oc-standfirst", ".oc-body > p:not(.oc-standfirst)", ".oc-disclaimer"]) {
    document.querySelector(selector).insertAdjacentHTML("afterbegin", "<em>كلمة</em> ");
  }
  const weight = (element) => Number(getComputedStyle(element).fontWeight);
  return {
    slanted: Array.from(document.querySelectorAll("*"))
      .filter((element) => getComputedStyle(element).fontStyle !== "normal")
      .map((element) => element.outerHTML.slice(0, 80)),
    emphasis: Array.from(document.querySelectorAll("em"), (em) => [weight(em), weight(em.parentElement)]),
  };
}"""


def test_arabic_is_never_slanted_and_its_emphasis_is_set_heavier(open_language_page):
    page, watch = open_language_page("ar", viewport={"width": 375, "height": 800})
    found = page.evaluate(SLANTED_JS)
    assert len(found["emphasis"]) == 4, found  # the correction's, and the three added
    # Arabic has no italic: a browser slants its letters (a fake italic). Emphasis is a heavier weight.
    assert found["slanted"] == [], found
    assert all(em > parent for em, parent in found["emphasis"]), found
    assert not watch.problems()


# The avatar's text, and its width beside the sum of each letter's drawn alone in the same face: two letters
# that join are drawn in their joined forms, narrower than the two standing alone.
INITIALS_JS = """() => {
  const avatar = document.querySelector(".oc-bio__avatar");
  avatar.scrollIntoView();
  avatar.style.fontKerning = "none"; // a kerned pair (Latin AY) is narrower too, but its letters are apart
  const letters = Array.from(avatar.textContent.trim()).filter((c) => /\\p{L}/u.test(c));
  const width = (text) => {
    const probe = document.createElement("span");
    probe.textContent = text;
    avatar.append(probe);
    const measured = probe.getBoundingClientRect().width;
    probe.remove();
    return measured;
  };
  const range = document.createRange();
  range.selectNodeContents(avatar);
  return {letters, width: range.getBoundingClientRect().width, apart: letters.reduce((sum, c) => sum + width(c), 0)};
}"""


@pytest.mark.parametrize("language", LANGUAGE_PAGES)
def test_the_initials_are_two_letters_that_do_not_join(open_language_page, open_page, language):
    page, watch = open_page() if language == "en" else open_language_page(language)
    found = page.evaluate(INITIALS_JS)
    assert len(found["letters"]) == 2, found
    assert abs(found["width"] - found["apart"]) < 0.5, found
    assert not watch.problems()


# --- where lines break -------------------------------------------------------------------------------------------

# Every line break in the page's text blocks but the address (whose breaks are its own): the words either side
# of it. A break is found where a character after a space or a hyphen starts lower than the character before it.
# The parts below the first screen, laid out only near the view (content-visibility), are laid out first.
BREAKS_JS = """() => {
  for (const part of document.querySelectorAll(".oc-share, .oc-column__foot, .oc-footer")) {
    part.style.contentVisibility = "visible";
  }
  const found = [];
  const box = (node, i) => {
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    return range.getClientRects()[0];
  };
  for (const block of document.querySelectorAll("body :is(h1, h2, p, li):not(.oc-share__url)")) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let text = "", before = null; // the text so far, and where its last visible character is
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (!node.parentElement.getClientRects().length) continue;
      for (let i = 0; i < node.data.length; i++) {
        const character = node.data[i];
        if (!character.trim()) { text += character; continue; }
        if (before && /[\\s\\-]$/.test(text)) {
          const [previous, here] = [box(...before), box(node, i)];
          if (previous && here && here.top >= previous.bottom - 1) {
            found.push({before: text.trimEnd().split(/\\s/).pop(), after: node.data.slice(i).split(/\\s/)[0]});
          }
        }
        text += character;
        before = [node, i];
      }
    }
  }
  return found;
}"""


def line_breaks(page, width: int) -> list[dict]:
    page.set_viewport_size({"width": width, "height": 800})
    return page.evaluate(BREAKS_JS)


# From phones to a desktop window, in steps that move every line's end.
WIDTHS = range(320, 1281, 32)


# A word of one letter, after any opening quotation mark or bracket.
ONE_LETTER = re.compile(r"[^\w]*[^\W\d_]")


def test_no_one_letter_word_ends_a_russian_line(open_language_page):
    page, watch = open_language_page("ru-RU")
    hanging = {}
    for width in WIDTHS:
        breaks = line_breaks(page, width)
        assert breaks, width
        hanging.update(
            {f"{width}: {b['before']} | {b['after']}": b for b in breaks if ONE_LETTER.fullmatch(b["before"])}
        )
    assert list(hanging) == []
    assert not watch.problems()


def split_whole(before: str, after: str) -> bool:
    """Whether a break after `before`'s hyphen splits what a typesetter keeps whole: a name (two parts that start
    with a capital) or, in Russian, a word with a part of one or two letters."""
    if not before.endswith("-"):
        return False
    left, right = re.findall(r"[^\W_]+", before)[-1], re.findall(r"[^\W_]+", after)[0]
    return (left[0].isupper() and right[0].isupper()) or min(len(left), len(right)) < 3


def test_a_hyphenated_name_or_short_part_is_never_split(open_language_page):
    # The Russian bio's «Пример-Медиа», a name in two parts joined by a hyphen, and the text's words with a part of
    # two letters (the Russian for "somewhere", "in Russian"); a compound of longer parts may break at its hyphen.
    page, watch = open_language_page("ru-RU")
    split, hyphens = set(), 0
    for width in WIDTHS:
        breaks = line_breaks(page, width)
        hyphens += sum(b["before"].endswith("-") for b in breaks)
        split |= {f"{width}: {b['before']}{b['after']}" for b in breaks if split_whole(b["before"], b["after"])}
    assert hyphens, "no line broke at a hyphen: nothing here tests where one may"
    assert sorted(split) == []
    assert not watch.problems()


# --- balanced headline and standfirst ----------------------------------------------------------------------------

# The lines of an element of the frame: the words on each, and each line's width.
LINES_OF = (
    FRAME
    + """
const [selector] = arguments;
const element = frame.querySelector(selector);
const walker = frame.createTreeWalker(element, NodeFilter.SHOW_TEXT);
const lines = [];
while (walker.nextNode()) {
  const node = walker.currentNode;
  if (node.parentElement.closest(".oc-permalink")) continue;
  for (const match of node.data.matchAll(/\\S+/g)) {
    const range = frame.createRange();
    range.setStart(node, match.index);
    range.setEnd(node, match.index + match[0].length);
    for (const box of range.getClientRects()) {
      let line = lines.find((l) => Math.abs(l.top - box.top) < box.height / 2);
      if (!line) lines.push((line = {top: box.top, words: [], left: box.left, right: box.right}));
      line.words.push(match[0]);
      line.left = Math.min(line.left, box.left);
      line.right = Math.max(line.right, box.right);
    }
  }
}
lines.sort((a, b) => a.top - b.top);
return lines.map((l) => ({words: l.words.join(" "), width: l.right - l.left}));
"""
)


WRAP_STYLE = (
    FRAME
    + """
const style = frame.defaultView.getComputedStyle(frame.querySelector(arguments[0]));
return style.getPropertyValue("text-wrap-style") || style.getPropertyValue("text-wrap");
"""
)


@pytest.mark.parametrize("width", [320, 375, 414, 768])
@pytest.mark.parametrize("language", LANGUAGE_PAGES)
def test_the_headline_and_standfirst_balance_their_lines(any_engine, urls, language, width):
    open_at_width(any_engine, urls[language], width)
    for selector in (".oc-headline", ".oc-standfirst"):
        # The engine balances the lines (it keeps text-wrap only when it knows the value)...
        assert any_engine.run(WRAP_STYLE, selector) == "balance", selector
        lines = any_engine.run(LINES_OF, selector)
        widths = [line["width"] for line in lines]
        # ... and the last line is neither a lone word nor much shorter than the others.
        if len(lines) > 1:
            assert len(lines[-1]["words"].split()) > 1, f"{selector}: a lone last word: {lines}"
            assert widths[-1] >= max(widths) / 2, f"{selector}: a short last line: {lines}"
