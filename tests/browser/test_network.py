"""Zero requests to other origins, zero console errors and no cookies while loading and using the page."""

from __future__ import annotations

from test_interaction import SHARE_STUB


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


def test_no_other_origin_and_no_console_errors(open_page, origin):
    page, watch = open_page(init_script=SHARE_STUB, permissions=["clipboard-read", "clipboard-write"])
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    use_the_page(page)
    page.wait_for_load_state("networkidle")
    assert watch.problems() == {}
    assert requests and all(url.startswith(origin + "/") for url in requests), requests
    assert watch.response.status == 200
    # Privacy: no cookie is set, by the page or by anything it loads; the only thing stored is a theme
    # choice, and only when it differs from the system setting.
    assert page.context.cookies() == [] and page.evaluate("document.cookie") == ""
    assert set(page.evaluate("Object.keys(localStorage)")) <= {"oc-theme"}


def test_watch_catches_other_origins_and_console_errors(open_page):
    """Control: the same watch reports a request to another origin and a console error."""
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


def test_missing_page_is_a_real_404(open_page):
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
