"""Fixtures for the browser tests: the built site (tests/conftest.py `site`) served on loopback with the
host's headers, Chromium through Playwright, Firefox and WebKit (engine_support.py), and pages that record
everything that can go wrong."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from browser_support import CSP_LISTENER, find_chromium, find_vnu, serve, serve_each
from build_harness import missing_tool
from chromium_flags import CHROMIUM_ARGS
from engine_support import Firefox, WebKit, find_minibrowser, missing


@pytest.fixture(scope="session")
def server(site):
    """Base URL of the built site, served as the host would serve it."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def origin(server):
    parts = urlsplit(server)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture(scope="module")
def reporting_server(site):
    """(base URL, CSP reports): the built site served as `server` serves it, its policy header also asking
    the browser to report violations (browser_support.serve); for engines no driver watches from the start."""
    reports: list = []
    with serve(site, csp_reports=reports) as url:
        yield url, reports


@pytest.fixture(scope="module", params=["firefox", "webkit"])
def engine(request, tmp_path_factory):
    """Firefox ESR, then WebKitGTK (engine_support): one browser each for the module that uses it."""
    lacking = missing(request.param)
    if lacking:
        missing_tool(f"{request.param}: {lacking}")
    if request.param == "firefox":
        browser = Firefox(tmp_path_factory.mktemp("firefox-profile"))
    else:
        browser = WebKit(find_minibrowser())
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def chromium_path(playwright_instance):
    path, tried = find_chromium(playwright_instance)
    if path is None:
        missing_tool(f"no Chromium found ({tried}); install Debian's chromium or set CHROME_PATH")
    return path


@pytest.fixture(scope="session")
def browser(playwright_instance, chromium_path):
    browser = playwright_instance.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def vnu():
    command, missing = find_vnu()
    if command is None:
        missing_tool(f"the W3C Nu validator cannot run: {missing}")
    return command


@dataclass
class Watch:
    """What a page did that it should not: console errors, uncaught exceptions, failed or error
    responses, requests to any origin but the test server's, CSP violations."""

    page: object
    origin: str
    console_errors: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    bad_status: list = field(default_factory=list)
    foreign: list = field(default_factory=list)
    csp_console: list = field(default_factory=list)

    def attach(self):
        page = self.page
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("requestfailed", lambda request: self.failed.append(f"{request.url} {request.failure}"))
        page.on(
            "response",
            lambda response: response.status >= 400 and self.bad_status.append(f"{response.status} {response.url}"),
        )
        return self

    def _console(self, message):
        if "content security policy" in message.text.lower():
            self.csp_console.append(message.text)
        if message.type == "error":
            self.console_errors.append(message.text)

    def violations(self) -> list:
        return self.page.evaluate("window.__ocViolations || []")

    def problems(self) -> dict:
        found = {
            "console errors": self.console_errors,
            "uncaught exceptions": self.page_errors,
            "failed requests": self.failed,
            "error responses": self.bad_status,
            "requests to other origins": self.foreign,
            "CSP console messages": self.csp_console,
            "CSP violations": self.violations(),
        }
        return {name: items for name, items in found.items() if items}


def page_opener(browser, server: str, contexts: list):
    """open(path="", init_script=None, at=None, **context options) -> (page, watch) on the site served at `server`
    (or at `at`, another site's base URL). Every request to another origin is recorded and aborted, so a test
    never reaches the network and still sees the attempt."""

    def _open(path: str = "", *, init_script: str | None = None, wait: bool = True, at: str | None = None, **options):
        base = at or server
        parts = urlsplit(base)
        origin = f"{parts.scheme}://{parts.netloc}"
        options.setdefault("viewport", {"width": 1280, "height": 800})
        context = browser.new_context(**options)
        contexts.append(context)
        context.add_init_script(CSP_LISTENER)
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        watch = Watch(page, origin).attach()

        def route(route):
            url = route.request.url
            parts = urlsplit(url)
            if parts.scheme in ("http", "https", "ws", "wss") and f"{parts.scheme}://{parts.netloc}" != origin:
                watch.foreign.append(url)
                route.abort()
            else:
                route.continue_()

        context.route("**/*", route)
        if wait:
            response = page.goto(base + path, wait_until="load")
            watch.response = response
        return page, watch

    return _open


@pytest.fixture
def open_page(browser, server):
    """open_page(path="", init_script=None, **context options) -> (page, watch) on the suite's site."""
    contexts = []
    yield page_opener(browser, server, contexts)
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def language_servers(language_sites):
    """The suite's columns in other languages (tests/conftest.py `language_sites`), each served: {tag: base URL}."""
    with serve_each(language_sites) as urls:
        yield urls


@pytest.fixture
def open_language_page(open_page, language_servers):
    """open_language_page(language, path="", **as open_page) -> (page, watch) on that language's site."""
    return lambda language, path="", **options: open_page(path, at=language_servers[language], **options)
