"""Typography in every script and engine: the page's address breaks only where a typesetter breaks an address
and reads left to right as one piece in a right-to-left page; selected text keeps its contrast in both themes;
on a touch screen the passage toolbar keeps clear of the selection handles; the headline and standfirst
balance their lines (in Chromium, Firefox ESR and WebKitGTK); Arabic shows no slanted text and its initials
do not join; no one-letter word ends a Russian line, and a hyphenated name is never split (Chromium)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from engine_support import LOOPBACK, Firefox, WebKit, find_minibrowser, missing, wait_until
from support import missing_tool

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
