"""Hostile input, as Chromium sees it: every context of every field, the share URLs, the
parsed JSON-LD and the body equal the input (hostile_corpus.hostile_expectations), no script of the input ran,
no element of it was created, and the policy blocked nothing of the page's own."""

from __future__ import annotations

import contextlib

import pytest

from browser_support import CSP_LISTENER, serve
from hostile_corpus import (
    CONTEXTS,
    HOSTILE_BODY_SHOWN,
    HOSTILE_BUILDS,
    HOSTILE_URLS,
    hostile_expectations,
    hostile_quote_links,
    hostile_share_links,
    hostile_text,
)
from page_scripts import OVERFLOW_JS

# Any script smuggled in through the input would call one of these.
TRAPS = """
window.__ocCalls = [];
["alert", "confirm", "prompt"].forEach(function (name) {
  window[name] = function (message) { window.__ocCalls.push(name + ":" + message); };
});
"""

READ_PAGE = """(contexts) => {
  const read = ([selector, what]) => {
    const found = document.querySelectorAll(selector);
    if (found.length !== 1) return `${found.length} elements match ${selector}`;
    return what === "text" ? found[0].textContent : found[0].getAttribute(what);
  };
  // The Markdown body: the column's text but for the template's standfirst, credit and disclaimer.
  const body = Array.from(document.querySelector(".oc-body").children)
    .filter((e) => !e.matches(".oc-standfirst, .oc-original, .oc-disclaimer"));
  const all = (selector) => body.flatMap((e) => [e, ...e.querySelectorAll("*")].filter((x) => x.matches(selector)));
  return {
    contexts: Object.fromEntries(Object.entries(contexts).map(([name, where]) => [name, read(where)])),
    shares: Object.fromEntries(Array.from(document.querySelectorAll(".oc-share__list a"),
      (a) => [a.getAttribute("aria-label"), a.getAttribute("href")])),
    quotes: Object.fromEntries(Array.from(document.querySelectorAll(".oc-passage a[data-oc-quote]"),
      (a) => [a.getAttribute("aria-label"), a.getAttribute("data-oc-quote")])),
    jsonld: JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent),
    code: all("code").map((c) => c.textContent),
    paragraphs: all("p").map((p) => p.textContent),
    links: all("a:not(.oc-permalink)").map((a) => [a.getAttribute("href"), a.textContent, a.getAttribute("title")]),
    // The author's elements; not the page's own that keep words on one line (hooks/column/typography.py).
    elements: Array.from(new Set(all("*:not(.oc-nowrap)").map((e) => e.localName))).sort(),
    scripts: document.scripts.length,
    images: document.images.length + document.querySelectorAll("iframe, object, embed").length,
    strangeSvgs: Array.from(document.querySelectorAll("svg")).filter((s) => !s.closest(".oc-icon, .oc-sprite")).length,
    handlers: Array.from(document.querySelectorAll("*")).filter(
      (e) => Array.from(e.attributes).some((a) => a.name.startsWith("on"))).length,
    calls: window.__ocCalls,
    violations: window.__ocViolations,
  };
}"""


@pytest.fixture(scope="module")
def hostile_urls(hostile_sites):
    with contextlib.ExitStack() as stack:
        yield {name: stack.enter_context(serve(site)) for name, site in hostile_sites.items()}


@pytest.fixture
def hostile_page(browser):
    """open(url) -> (page, dialogs): a page with the traps and the policy listener set before its scripts."""
    contexts = []

    def _open(url: str, **options):
        context = browser.new_context(**options)
        contexts.append(context)
        context.add_init_script(CSP_LISTENER + TRAPS)
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(url, wait_until="load")
        return page, dialogs

    yield _open
    for context in contexts:
        context.close()


@pytest.mark.parametrize("name", list(HOSTILE_BUILDS))
def test_hostile_input_is_text_everywhere_and_runs_nothing(hostile_page, hostile_urls, name):
    text = HOSTILE_BUILDS[name]
    page, dialogs = hostile_page(hostile_urls[name])
    seen = page.evaluate(READ_PAGE, CONTEXTS)

    assert seen["contexts"] == hostile_expectations(text)
    assert seen["shares"] == hostile_share_links(text)
    assert seen["quotes"] == hostile_quote_links(text)
    jsonld = seen["jsonld"]
    assert jsonld["headline"] == hostile_text(text, "title")
    assert jsonld["author"]["name"] == hostile_text(text, "author_name")
    assert jsonld["author"]["sameAs"] == [HOSTILE_URLS["profile_url"]]
    assert jsonld["isBasedOn"]["url"] == HOSTILE_URLS["original_url"]
    assert seen["code"] == HOSTILE_BODY_SHOWN["code"]
    assert HOSTILE_BODY_SHOWN["references"] in seen["paragraphs"]
    assert seen["links"] == HOSTILE_BODY_SHOWN["links"]
    assert seen["elements"] == HOSTILE_BODY_SHOWN["elements"]
    # Four scripts of the site's own (the theme's, the JSON-LD, the scripts' words, the page's), no image or
    # frame, no SVG but the icons, no event handler, no call to alert and friends, nothing blocked by the policy.
    assert (seen["scripts"], seen["images"], seen["strangeSvgs"], seen["handlers"]) == (4, 0, 0, 0)
    assert seen["calls"] == [] and dialogs == [] and seen["violations"] == []


@pytest.mark.parametrize("name", list(HOSTILE_BUILDS))
def test_hostile_site_name_on_the_404_page(hostile_page, hostile_urls, name):
    site_name = hostile_text(HOSTILE_BUILDS[name], "site_name")
    page, dialogs = hostile_page(hostile_urls[name] + "no/such/page/")
    assert page.evaluate("document.querySelector('title').textContent") == f"Page not found · {site_name}"
    assert page.locator(".oc-header__site").text_content() == site_name
    assert page.evaluate("window.__ocCalls") == [] and dialogs == []
    assert page.evaluate("window.__ocViolations") == []
    assert page.evaluate("document.scripts.length") == 2


@pytest.mark.parametrize("name", list(HOSTILE_BUILDS))
def test_hostile_input_does_not_make_a_phone_scroll_sideways(hostile_page, hostile_urls, name):
    # Long words, long URLs (the address, the original link) and long names still reflow at 320 px.
    page, _ = hostile_page(hostile_urls[name], viewport={"width": 320, "height": 640})
    found = page.evaluate(OVERFLOW_JS)
    assert found["scrollWidth"] <= found["clientWidth"] and found["wide"] == [], found
