"""The page works under its Content-Security-Policy, enforced both from the <meta> tag and from the
host's header (site/_headers), and any violation fails the test."""

from __future__ import annotations

import pytest
from test_interaction import SHARE_STUB
from test_network import use_the_page

from support import expected_policy

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


def test_page_works_with_zero_violations(open_page):
    page, watch = open_page(init_script=SHARE_STUB, permissions=["clipboard-read", "clipboard-write"])
    # The inline init script and the hashed inline stylesheet ran: the policy allows what the page needs.
    assert "oc-js" in page.locator("html").get_attribute("class").split()
    assert page.evaluate("getComputedStyle(document.body).margin") == "0px"
    use_the_page(page)
    assert page.evaluate("navigator.clipboard.readText()") == page.locator("button[data-oc-copy]").get_attribute(
        "data-oc-copy"
    )
    assert watch.violations() == []
    assert watch.problems() == {}


def test_violations_are_caught(open_page):
    """Control: an inline script and an inline style the policy does not allow are blocked and reported."""
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
