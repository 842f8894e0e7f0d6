"""The page under its Content-Security-Policy, enforced both from the <meta> tag and from the host's header
(site/_headers): it works with no violation while a reader uses it, asks nothing of any other origin, logs no
error and sets no cookie; and the watch that says so does see each of those when there is one."""

from __future__ import annotations

import pytest

from page_scripts import SHARE_STUB, use_the_page
from policy_expectations import expected_policy

# The page's inline code as the browser holds it: the scripts it runs (not the JSON-LD data block) and
# its stylesheet.
INLINE_CODE = """() => ({
  scripts: Array.from(document.querySelectorAll("script:not([type])"), (s) => s.textContent),
  styles: Array.from(document.querySelectorAll("style"), (s) => s.textContent),
})"""


@pytest.mark.parametrize("path", ["", "no/such/page/"])
def test_policy_is_exactly_the_written_policy_in_header_and_meta(open_page, path):
    page, watch = open_page(path)
    code = page.evaluate(INLINE_CODE)
    assert len(code["scripts"]) == 2 and len(code["styles"]) == 1
    # Hashes computed here with hashlib from the served blocks; the rest of the policy written out.
    policy = expected_policy(code["scripts"], code["styles"][0])
    assert watch.response.headers.get("content-security-policy") == policy + "; frame-ancestors 'none'"
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content") == policy


def test_using_the_page_breaks_no_rule_and_reaches_no_other_origin(open_page, origin):
    page, watch = open_page(init_script=SHARE_STUB, permissions=["clipboard-read", "clipboard-write"])
    # The inline init script and the hashed inline stylesheet ran: the policy allows what the page needs.
    assert "oc-js" in page.locator("html").get_attribute("class").split()
    assert page.evaluate("getComputedStyle(document.body).margin") == "0px"
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    use_the_page(page)
    page.wait_for_load_state("networkidle")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("button[data-oc-copy]").get_attribute("data-oc-copy")
    assert watch.violations() == [] and watch.problems() == {}
    assert requests and all(url.startswith(origin + "/") for url in requests), requests
    assert watch.response.status == 200
    # Privacy: no cookie is set, by the page or by anything it loads; the only thing stored is a theme
    # choice, and only when it differs from the system setting.
    assert page.context.cookies() == [] and page.evaluate("document.cookie") == ""
    assert set(page.evaluate("Object.keys(localStorage)")) <= {"oc-theme"}


def test_the_watch_catches_violations_other_origins_and_console_errors(open_page):
    """Control: an inline script and an inline style the policy does not allow are blocked and reported; with
    the policy bypassed, a request to another origin and a console error are reported too."""
    page, watch = open_page()
    page.evaluate("""() => {
      const script = document.createElement('script');
      script.textContent = 'window.__ocInjected = true;';
      document.head.append(script);
      document.body.setAttribute('style', 'outline: 1px solid red');
    }""")
    page.wait_for_function("window.__ocViolations.length >= 2")
    assert page.evaluate("window.__ocInjected") is None
    directives = {v["directive"] for v in watch.violations()}
    assert any(d.startswith("script-src") for d in directives), directives
    assert any(d.startswith("style-src") for d in directives), directives
    assert watch.problems()["CSP console messages"]

    page, watch = open_page(bypass_csp=True)
    page.evaluate("""() => {
      const img = document.createElement('img');
      img.src = 'https://third-party.example/pixel.gif';
      document.body.append(img);
      console.error('control error');
    }""")
    page.wait_for_load_state("networkidle")
    problems = watch.problems()
    assert "https://third-party.example/pixel.gif" in problems.get("requests to other origins", [])
    assert "control error" in problems.get("console errors", [])


def test_a_missing_page_is_a_real_404(open_page):
    page, watch = open_page("no/such/page/")
    assert watch.response.status == 404
    assert page.locator("h1").text_content() == "Page not found"
    # Not indexed; its links lead to the column, wherever the 404 page is served.
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex"
    assert page.locator(".oc-not-found a").get_attribute("href") == "/ambassadors-view/"
    assert page.locator(".oc-header__site").get_attribute("href") == "/ambassadors-view/"
    # The 404 page loads nothing from elsewhere either; its own status is the only error response.
    problems = watch.problems()
    assert problems.pop("error responses", []) == [f"404 {page.url}"]
    # Chromium logs the page's own 404 status as a console error; nothing else may be logged.
    assert [e for e in problems.pop("console errors", []) if "404" not in e] == []
    assert problems == {}
