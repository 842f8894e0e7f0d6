"""Hostile metadata, as Chromium sees it (issue 4): document.title, the <h1>, the meta tags, the parsed
JSON-LD and the decoded share URLs equal the input, and no script of the input ran."""

from __future__ import annotations

import contextlib

import pytest

from browser_support import CSP_LISTENER, serve
from support import HOSTILE

# Any script smuggled in through the metadata would call one of these.
TRAPS = """
window.__ocCalls = [];
["alert", "confirm", "prompt"].forEach(function (name) {
  window[name] = function (message) { window.__ocCalls.push(name + ":" + message); };
});
"""

READ_PAGE = """() => {
  const meta = (name) => {
    const node = document.querySelector(`meta[name="${name}"], meta[property="${name}"]`);
    return node ? node.getAttribute("content") : null;
  };
  const shares = {};
  for (const link of document.querySelectorAll(".oc-share__list a")) {
    const url = new URL(link.href);
    shares[link.getAttribute("aria-label")] = Object.fromEntries(
      url.protocol === "mailto:" ? new URLSearchParams(url.href.split("?")[1]) : url.searchParams);
  }
  return {
    title: document.title,
    h1: Array.from(document.querySelectorAll("h1"), (h) => h.textContent),
    kicker: document.querySelector(".oc-kicker").textContent,
    disclaimer: document.querySelector(".oc-disclaimer p").textContent,
    author: document.querySelector(".oc-bio__text strong").textContent,
    meta: {og: meta("og:title"), twitter: meta("twitter:title"), section: meta("article:section"),
           description: meta("description"), authorName: meta("author")},
    jsonld: JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent),
    shares: shares,
    scripts: document.scripts.length,
    images: document.images.length,
    calls: window.__ocCalls,
    violations: window.__ocViolations,
  };
}"""


@pytest.fixture(scope="module")
def hostile_urls(hostile_sites):
    with contextlib.ExitStack() as stack:
        yield {case: stack.enter_context(serve(site)) for case, site in hostile_sites.items()}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_value_is_text_everywhere_and_runs_nothing(browser, hostile_urls, case):
    value = HOSTILE[case]
    context = browser.new_context()
    context.add_init_script(CSP_LISTENER + TRAPS)
    dialogs = []
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(hostile_urls[case], wait_until="load")
        seen = page.evaluate(READ_PAGE)
    finally:
        context.close()

    assert seen["title"] == " ".join(value.split())  # document.title collapses white space
    assert seen["h1"] == [value]
    assert seen["kicker"] == seen["disclaimer"] == seen["author"] == value
    assert seen["meta"] == {
        "og": value,
        "twitter": value,
        "section": value,
        "description": value + " (standfirst)",
        "authorName": value,
    }
    assert seen["jsonld"]["headline"] == seen["jsonld"]["author"]["name"] == value
    assert seen["jsonld"]["description"] == value + " (standfirst)"
    shares = seen["shares"]
    assert shares["Share on VK"]["title"] == shares["Share on X"]["text"] == value
    assert shares["Share by e-mail"]["subject"] == value
    assert shares["Share on WhatsApp"]["text"].startswith(value + " ")
    # Three scripts of the site's own, no image, no call to alert and friends, no blocked inline code.
    assert (seen["scripts"], seen["images"]) == (3, 0)
    assert seen["calls"] == [] and dialogs == [] and seen["violations"] == []
