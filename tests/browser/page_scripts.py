"""What several browser tests do in the page: select a passage and read its toolbar, find where a phrase is
painted and whether the browser highlights it, look for sideways scrolling, run axe, stand in for the share
sheet, use the page as a reader does, and read the colours it reports."""

from __future__ import annotations

import re
from collections import Counter
from io import BytesIO
from urllib.parse import parse_qsl, urlsplit

from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from playwright.sync_api import expect

CLIPBOARD = ["clipboard-read", "clipboard-write"]
TOOLBAR = "[data-oc-passage]"
PARAGRAPHS = ".oc-body > p[id]"  # the standfirst (paragraph 0 here) and the body

# Select text by phrase: from the start of the `nth` occurrence of `start` in the `from`-th paragraph to
# the end of the first occurrence of `end` at or after it in the `to`-th paragraph (paragraph 0 is the
# standfirst). Returns nothing; the page's selection is set as a reader's would be.
SELECT_JS = """
([selector, from, start, nth, to, end]) => {
  const paragraphs = document.querySelectorAll(selector);
  function points(element) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const nodes = []; let text = "";
    while (walker.nextNode()) { nodes.push([walker.currentNode, text.length]); text += walker.currentNode.data; }
    const at = offset => {
      for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i][1] <= offset) return [nodes[i][0], offset - nodes[i][1]];
    };
    return {text, at};
  }
  const first = points(paragraphs[from]);
  let s = -1;
  for (let i = 0; i <= nth; i++) { s = first.text.indexOf(start, s + 1); if (s < 0) throw new Error("no " + start); }
  const last = points(paragraphs[to]);
  const e = last.text.indexOf(end, from === to ? s : 0);
  if (e < 0) throw new Error("no " + end);
  const range = document.createRange();
  range.setStart(...first.at(s));
  range.setEnd(...last.at(e + end.length));
  getSelection().removeAllRanges();
  getSelection().addRange(range);
}
"""

# Every rendered occurrence of a phrase in the page (ignoring case, as text fragments do), in document
# order: its first line box, the background it sits on, and whether it is the page's selection.
OCCURRENCES_JS = """
(phrase) => {
  const chosen = getSelection().rangeCount ? getSelection().getRangeAt(0) : null;
  const key = phrase.toLowerCase(), found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, data = node.data.toLowerCase();
    for (let i = data.indexOf(key); i >= 0; i = data.indexOf(key, i + 1)) {
      const range = document.createRange();
      range.setStart(node, i); range.setEnd(node, i + phrase.length);
      const rects = Array.from(range.getClientRects()).filter(r => r.width && r.height);
      if (!rects.length) continue;
      let element = node.parentElement, background = "rgba(0, 0, 0, 0)";
      while (element && (background = getComputedStyle(element).backgroundColor) === "rgba(0, 0, 0, 0)") {
        element = element.parentElement;
      }
      if (!element) background = "rgb(255, 255, 255)"; // the canvas of a page that sets no background
      const r = rects[0];
      found.push({
        left: r.left, top: r.top, right: r.right, bottom: r.bottom,
        background: background.match(/[0-9.]+/g).slice(0, 3).map(Number),
        selected: !!chosen && chosen.compareBoundaryPoints(Range.START_TO_START, range) === 0
          && chosen.compareBoundaryPoints(Range.END_TO_END, range) === 0,
      });
    }
  }
  return found;
}
"""


def occurrences(page, phrase: str) -> list[dict]:
    """OCCURRENCES_JS, plus for each one in view whether the browser paints a text-fragment highlight
    over it: its commonest pixel is no longer the background it sits on."""
    shot = Image.open(BytesIO(page.screenshot())).convert("RGB")
    width, height = shot.size
    found = page.evaluate(OCCURRENCES_JS, phrase)
    for item in found:
        item["visible"] = item["top"] >= 0 and item["bottom"] <= height and item["right"] <= width
        if item["visible"]:
            box = shot.crop(
                (int(item["left"]) + 1, int(item["top"]) + 1, int(item["right"]) - 1, int(item["bottom"]) - 1)
            )
            commonest = Counter(box.get_flattened_data()).most_common(1)[0][0]
            item["highlighted"] = max(abs(a - b) for a, b in zip(commonest, item["background"], strict=True)) > 12
    return found


def the_highlighted(found: list[dict]) -> list[int]:
    return [i for i, item in enumerate(found) if item.get("highlighted")]


def select(page, start: str, *, paragraph: int, end: str | None = None, to: int | None = None, nth: int = 0):
    to = paragraph if to is None else to
    page.evaluate(SELECT_JS, [PARAGRAPHS, paragraph, start, nth, to, end or start])


def toolbar_link(page, previous: str | None = None) -> str:
    """The passage link the toolbar offers, once it is open (and differs from `previous`)."""
    expect(page.locator(TOOLBAR)).to_be_visible()
    page.wait_for_function(
        """previous => { const a = document.querySelector('[data-oc-quote]');
                         return a && a.href && a.href !== previous; }""",
        arg=previous or "",
    )
    x = page.locator("[data-oc-quote]").first.get_attribute("href")
    return dict(parse_qsl(urlsplit(x).query))["url"]


def rects_overlap(a, b) -> bool:
    return min(a["right"], b["right"]) > max(a["left"], b["left"]) and min(a["bottom"], b["bottom"]) > max(
        a["top"], b["top"]
    )


SELECTION_RECTS_JS = """() => Array.from(getSelection().getRangeAt(0).getClientRects())
  .filter(r => r.width && r.height).map(r => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom}))"""
TOOLBAR_RECT_JS = """() => { const r = document.querySelector('[data-oc-passage]').getBoundingClientRect();
  return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; }"""


# navigator.share as a stub that records its calls; added before the page's own scripts run.
SHARE_STUB = """
window.__ocShareCalls = [];
Object.defineProperty(Navigator.prototype, "share", {
  configurable: true, writable: true,
  value: function (data) { window.__ocShareCalls.push(JSON.parse(JSON.stringify(data))); return Promise.resolve(); },
});
"""
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


def run_axe(page):
    results = Axe().run(page, options={"resultTypes": ["violations"]})
    return results


# Rules axe must have run and passed on a page: a run that checked nothing would pass vacuously.
CHECKED = {"color-contrast", "landmark-one-main", "region", "bypass", "document-title", "html-has-lang", "link-name"}


def assert_axe_passes(page) -> None:
    results = run_axe(page)
    assert results.violations_count == 0, results.generate_report()
    passed = {rule["id"] for rule in results.response["passes"]}
    assert passed >= CHECKED, sorted(CHECKED - passed)


def use_the_page(page):
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link
    page.locator("button[data-oc-theme]").click()
    page.locator("button[data-oc-copy]").click()
    page.locator("[data-oc-status]:not(:empty)").wait_for()
    page.locator("button[data-oc-share]").click()
    page.locator("button[data-oc-theme]").click()
    page.mouse.wheel(0, 5000)
    page.reload()
    page.emulate_media(media="print")
    page.emulate_media(media="screen")


def css_rgb(css_colour: str) -> tuple[int, ...]:
    """The red, green and blue of a colour as getComputedStyle gives it ("rgb(12, 34, 56)", "rgba(...)")."""
    return tuple(round(float(v)) for v in re.findall(r"[\d.]+", css_colour)[:3])


def luminance(colour: tuple[int, ...]) -> float:
    """WCAG 2's relative luminance of an sRGB colour."""
    linear = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in (c / 255 for c in colour[:3])]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """WCAG 2's contrast ratio of two colours."""
    lighter, darker = sorted((luminance(a), luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
