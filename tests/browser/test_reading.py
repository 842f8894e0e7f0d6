"""Reading the column in Chromium: the measure on a desktop; a byline that breaks only
between its whole parts; paragraph marks that never take a line of their own and stay off touch screens; a
credit link that reads as words and never breaks inside one; the footer's rule as wide as the column."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from PIL import Image
from playwright.sync_api import expect

from browser_support import CSP_LISTENER, serve
from build_harness import built, copy_project

# Characters a line = the paragraph's width over the average width of its own characters, in its font.
CHARACTERS_A_LINE = """() => Array.from(document.querySelectorAll(".oc-body > p[id]:not(.oc-standfirst)"), (p) => {
  const context = document.createElement("canvas").getContext("2d");
  context.font = getComputedStyle(p).font;
  const average = context.measureText(p.textContent).width / p.textContent.length;
  return p.getBoundingClientRect().width / average;
})"""

# The text of an element as it is laid out: one string per line, from the characters that are painted (a
# character is read only where the browser finds it at its own place: one that is clipped away is not).
LINES_JS = """(selector) => {
  const element = document.querySelector(selector);
  element.scrollIntoView({block: "center"});
  const lines = [];
  let top = null;
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = Array.from(range.getClientRects()).find((r) => r.width > 0);
      if (!box) continue;
      const hit = document.elementFromPoint((box.left + box.right) / 2, (box.top + box.bottom) / 2);
      if (!hit || !node.parentElement.contains(hit)) continue;
      if (top === null || Math.abs(box.top - top) > box.height / 2) { lines.push(""); top = box.top; }
      lines[lines.length - 1] += node.data[i];
    }
  }
  return lines.map((line) => line.replace(/\\s+/g, " ").trim());
}"""


def test_reading_measure_on_a_desktop(open_page):
    page, _ = open_page(viewport={"width": 1280, "height": 800})
    measures = page.evaluate(CHARACTERS_A_LINE)
    assert len(measures) == 6  # the body; the standfirst is set larger, as a lede
    assert all(58 <= measure <= 77 for measure in measures), measures


# --- the byline ---------------------------------------------------------------------------------------------


def byline_parts(lines: list[str]) -> list[list[str]]:
    """Each line's parts, split at the dots between them; an empty part is a dot at a line's start or end."""
    return [[part.strip() for part in line.split("·")] for line in lines]


@pytest.mark.parametrize("dated", [False, True], ids=["undated", "dated"])
def test_the_byline_breaks_only_between_whole_parts(browser, server, dated, seed):
    # Dated: the suite's second column (tests/columns/docs/second.md), whose byline has four parts; its author,
    # and its date and update (2016-04-04, 2016-04-05T08:30:00+01:00) as the site's language (en-GB) writes them.
    author = "Prof Ana María Núñez" if dated else seed.bio.split(",")[0]  # "Dr Alexander Yakovenko, Russian ..."
    middle = ["4 April 2016", "Updated 5 April 2016"] if dated else []
    context = browser.new_context()
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.goto(server + "second/" if dated else server)
    seen = {}
    for width in range(300, 801, 5):
        page.set_viewport_size({"width": width, "height": 800})
        seen[width] = page.evaluate(LINES_JS, ".oc-byline")
    for width, lines in seen.items():
        parts = byline_parts(lines)
        assert all(parts_of_line and "" not in parts_of_line for parts_of_line in parts), (width, lines)
        flat = [part for line in parts for part in line]
        assert flat[:-1] == [f"By {author}", *middle], (width, lines)
        assert re.fullmatch(r"\d+ min read", flat[-1]), (width, lines)
    # The widths tried break the byline at more than one place (it takes more lines at some than at others).
    counts = {len(lines) for lines in seen.values()}
    assert len(counts) >= 2 and max(counts) >= 2, counts
    assert page.evaluate("window.__ocViolations") == []
    context.close()


# --- paragraph marks ----------------------------------------------------------------------------------------

# For each paragraph's mark: the line boxes of the paragraph's text before it, and the mark's own boxes.
MARKS_JS = """() => Array.from(document.querySelectorAll("p[id] > a.oc-permalink"), (mark) => {
  const before = document.createRange();
  before.setStart(mark.parentElement, 0);
  before.setEndBefore(mark);
  const lines = Array.from(before.getClientRects()).filter((r) => r.width > 0);
  const last = lines[lines.length - 1];
  return {
    id: mark.parentElement.id,
    lastLine: [last.top, last.bottom],
    mark: Array.from(mark.getClientRects()).filter((r) => r.width > 0).map((r) => [r.top, r.bottom]),
  };
})"""


# Paragraphs that end otherwise than this column's (with a full stop): after "?", a closing quote or bracket,
# a figure, the mark could be left alone on a line where the full stop keeps it.
OTHER_ENDINGS = [
    "Is this the end of the war against terrorism in the desert, or the beginning of a longer campaign?",
    "The ambassador said: “Time and space count, and we must force the terrorists to run out of both.”",
    "The talks in Geneva resume next week, the third round this year (the United Nations sponsors them)",
    "The Syrian Army backed by the Russian Air Force liberated Palmyra on 27 March 2016",
]


@pytest.fixture(scope="module")
def other_endings_url(tmp_path_factory):
    """The column with OTHER_ENDINGS added as paragraphs at the end of its body, served."""
    work = tmp_path_factory.mktemp("other-endings")
    project = copy_project(work / "project")
    with (project / "docs" / "index.md").open("a", encoding="utf-8") as page:
        page.write("".join(f"\n{paragraph}\n" for paragraph in OTHER_ENDINGS))
    with serve(built(project, work / "site")) as url:
        yield url


@pytest.mark.parametrize("column", ["this column", "other endings"])
def test_a_paragraph_mark_never_takes_a_line_of_its_own(browser, server, other_endings_url, column, seed):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server if column == "this column" else other_endings_url)
    count = 1 + len(seed.body) + (len(OTHER_ENDINGS) if column == "other endings" else 0)
    alone = []
    for width in [*range(320, 481, 2), 600, 768, 1024, 1280]:
        page.set_viewport_size({"width": width, "height": 800})
        marks = page.evaluate(MARKS_JS)
        assert len(marks) == count
        for mark in marks:
            # One box, whose middle is on the line of the paragraph's last word.
            (top, bottom), (line_top, line_bottom) = mark["mark"][0], mark["lastLine"]
            if len(mark["mark"]) != 1 or not line_top <= (top + bottom) / 2 <= line_bottom:
                alone.append((width, mark["id"]))
    assert alone == []
    context.close()


MARK_BOXES_JS = """() => Array.from(document.querySelectorAll("a.oc-permalink"), (mark) => {
  const r = mark.getBoundingClientRect(), style = getComputedStyle(mark);
  return {area: r.width * r.height, opacity: style.opacity, label: mark.getAttribute("aria-label")};
})"""


def test_paragraph_marks_stay_off_touch_screens_but_a_keyboard_still_finds_them(open_page, seed):
    page, watch = open_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    assert page.evaluate("matchMedia('(hover: none)').matches")
    marks = page.evaluate(MARK_BOXES_JS)
    assert len(marks) == len(seed.body) + 1
    # Nothing drawn and nothing to tap by chance: no mark takes more than a pixel.
    assert [mark for mark in marks if mark["area"] > 1] == []
    # Each is still a link, named, for screen readers and keyboards; focused, it shows.
    assert [mark["label"] for mark in marks] == [f"Link to paragraph {n}" for n in range(1, len(marks) + 1)]
    third = page.locator(".oc-body > p[id] >> nth=2 >> a.oc-permalink")
    for _ in range(40):
        page.keyboard.press("Tab")
        if third.evaluate("el => el === document.activeElement"):
            break
    assert third.evaluate("el => el === document.activeElement")
    box = third.bounding_box()
    assert box["width"] > 5 and box["height"] > 5 and third.evaluate("el => getComputedStyle(el).opacity") == "1"
    assert not watch.problems()


def test_with_a_mouse_a_paragraph_mark_shows_on_its_paragraph(open_page):
    page, watch = open_page(viewport={"width": 1280, "height": 800})
    paragraph = page.locator(".oc-body > p[id] >> nth=3")
    mark = paragraph.locator("a.oc-permalink")
    page.mouse.move(0, 0)
    assert mark.evaluate("el => getComputedStyle(el).opacity") == "0"
    paragraph.hover()
    expect(mark).to_be_visible()
    assert mark.evaluate("el => getComputedStyle(el).opacity") == "1"
    assert mark.bounding_box()["width"] > 5
    assert not watch.problems()


# --- the credit -----------------------------------------------------------------------------------------------


def test_the_credit_link_reads_as_words_and_never_breaks_inside_one(open_page):
    page, watch = open_page()
    credit = " ".join(page.locator(".oc-original").inner_text().split())
    for width in range(300, 481, 5):
        page.set_viewport_size({"width": width, "height": 800})
        lines = page.evaluate(LINES_JS, ".oc-original")
        # Lines joined with a space give the text back: every break fell between two words.
        assert " ".join(lines) == credit, (width, lines)
    assert "://" not in page.locator(".oc-original a").inner_text()
    assert not watch.problems()


def test_on_paper_the_credit_gives_the_address(open_page):
    page, watch = open_page()
    link = page.locator(".oc-original a")
    page.emulate_media(media="print")
    after = link.evaluate("el => getComputedStyle(el, '::after').content")
    assert link.get_attribute("href") in after, after
    page.emulate_media(media="screen")
    assert link.evaluate("el => getComputedStyle(el, '::after').content") in ("none", "normal")
    assert not watch.problems()


# --- the footer -----------------------------------------------------------------------------------------------


# To the end of the page, as a reader scrolls: parts drawn only near the view take their real height as they
# come into it, and the end moves; until it stays put.
SCROLL_TO_THE_END_JS = """async () => {
  const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  let still = 0;
  for (let i = 0; i < 20 && still < 3; i++) {
    const height = document.scrollingElement.scrollHeight;
    window.scrollTo(0, height - innerHeight);
    await frame();
    still = document.scrollingElement.scrollHeight === height ? still + 1 : 0;
  }
}"""


def rule_extent(page, top: float) -> tuple[int, int] | None:
    """Left and right of the first horizontal rule drawn from 2 px above `top` (in the view) to 40 px below
    it: the first unbroken run of 200 px or more that is not the paper (the band's commonest colour)."""
    shot = Image.open(BytesIO(page.screenshot())).convert("RGB")
    width = shot.size[0]
    band = shot.crop((0, int(top) - 2, width, int(top) + 40))
    paper = max(band.getcolors(band.size[0] * band.size[1]), key=lambda pair: pair[0])[1]
    for y in range(band.size[1]):
        start = None
        for x in range(width + 1):
            inked = x < width and band.getpixel((x, y)) != paper
            if inked and start is None:
                start = x
            elif not inked and start is not None:
                if x - start >= 200:
                    return start, x
                start = None
    return None


@pytest.mark.parametrize("width", [320, 375, 768, 1280])
def test_the_footer_rule_is_as_wide_as_the_column(open_page, width):
    page, watch = open_page(viewport={"width": width, "height": 800})
    page.evaluate(SCROLL_TO_THE_END_JS)  # where a reader sees the footer
    column = page.locator("#oc-column").bounding_box()
    footer = page.locator("footer.oc-footer").bounding_box()
    extent = rule_extent(page, footer["y"])
    assert extent is not None, "no rule drawn at the footer's top"
    left, right = extent
    assert abs(left - column["x"]) <= 1 and abs(right - (column["x"] + column["width"])) <= 1, (extent, column)
    text = page.locator("footer.oc-footer p").bounding_box()
    assert abs(text["x"] - column["x"]) <= 1
    assert not watch.problems()
