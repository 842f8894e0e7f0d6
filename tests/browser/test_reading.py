"""The reading measure: on a desktop, the body text runs about 60-75 characters a line."""

from __future__ import annotations

# Characters a line = the paragraph's width over the average width of its own characters, in its font.
CHARACTERS_A_LINE = """() => Array.from(document.querySelectorAll(".oc-body p"), (p) => {
  const context = document.createElement("canvas").getContext("2d");
  context.font = getComputedStyle(p).font;
  const average = context.measureText(p.textContent).width / p.textContent.length;
  return p.getBoundingClientRect().width / average;
})"""


def test_reading_measure_on_a_desktop(open_page):
    page, _ = open_page(viewport={"width": 1280, "height": 800})
    measures = page.evaluate(CHARACTERS_A_LINE)
    assert len(measures) == 6  # the body; the standfirst is set larger, as a lede
    assert all(58 <= measure <= 77 for measure in measures), measures
