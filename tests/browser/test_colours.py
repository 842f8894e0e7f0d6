"""Colours in a browser without light-dark(): one from before 2024 (Safari before 17.5, Chrome
before 123, Firefox before 120) must paint the page as a current one does, in each theme. Chromium knows
light-dark(), so the test gives it the page as such a browser reads it: the function renamed to one that no
browser knows, which makes every declaration that uses it invalid, and every `@supports` test of it false."""

from __future__ import annotations

import pytest

# Every colour an element is painted with, for every element of the page.
COLOURS_JS = """() => Array.from(document.querySelectorAll("*"), (element) => {
  const style = getComputedStyle(element);
  return [element.tagName.toLowerCase() + (element.className.baseVal ?? element.className)].concat(
    ["color", "background-color", "border-top-color", "border-bottom-color", "border-left-color",
     "outline-color", "text-decoration-color", "fill", "box-shadow", "color-scheme"]
      .map((name) => name + ": " + style.getPropertyValue(name)));
})"""

# {state: (the system's scheme, the reader's stored choice or None, media)}
STATES = {
    "light system": ("light", None, "screen"),
    "dark system": ("dark", None, "screen"),
    "dark chosen on a light system": ("light", "dark", "screen"),
    "light chosen on a dark system": ("dark", "light", "screen"),
    "printed from a dark screen": ("dark", None, "print"),
}


def colours(open_page, server: str, state: str, *, without_light_dark: bool) -> list:
    system, chosen, media = STATES[state]
    store = f"localStorage.setItem('oc-theme', '{chosen}');" if chosen else "localStorage.clear();"
    # The policy allows the page's stylesheet by its hash, which the renaming changes: both pages are
    # opened with the policy bypassed, alike.
    page, watch = open_page(wait=False, color_scheme=system, bypass_csp=True, init_script=store)

    def as_an_old_browser_reads_it(route):
        response = route.fetch()
        body = response.text()
        assert "light-dark(" in body
        route.fulfill(response=response, body=body.replace("light-dark(", "no-light-dark("))

    if without_light_dark:
        page.route(server, as_an_old_browser_reads_it)
    page.goto(server, wait_until="load")
    page.emulate_media(media=media)
    assert page.evaluate("document.documentElement.getAttribute('data-oc-theme')") == chosen
    found = page.evaluate(COLOURS_JS)
    assert not watch.problems()
    return found


@pytest.mark.parametrize("state", STATES)
def test_a_browser_without_light_dark_paints_the_page_in_the_same_colours(open_page, server, state):
    current = colours(open_page, server, state, without_light_dark=False)
    old = colours(open_page, server, state, without_light_dark=True)
    assert len(old) == len(current)
    assert [row for row, expected in zip(old, current, strict=True) if row != expected] == []
