"""What the browser tests and `make screenshots` share: serving a built site on loopback the way the host
would (with the headers from its `_headers` file and a real 404), and finding and launching Chromium."""

from __future__ import annotations

import contextlib
import html
import http.server
import json
import os
import re
import shutil
import threading
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

SYSTEM_CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")

# Added to every page before its own scripts: collects Content-Security-Policy violations, so that a
# test can fail on any of them (the console message alone is easy to miss).
CSP_LISTENER = """
window.__ocViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__ocViolations.push({directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample});
});
"""


def parse_headers(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The `_headers` format of static hosts: a path pattern, then indented `Name: value` lines."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif rules:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def headers_for(rules, path: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for pattern, headers in rules:
        regex = "".join(".*" if part == "*" else re.escape(part) for part in re.split(r"(\*)", pattern))
        if re.fullmatch(regex, path):
            out.extend(headers)
    return out


def site_base_path(site: Path) -> str:
    """The path the site is published under (from the canonical URL it was built with): the 404 page
    links its assets from there, so the test server serves the site there too."""
    match = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text(encoding="utf-8"))
    path = urlsplit(html.unescape(match.group(1))).path if match else "/"
    return path if path.endswith("/") else path + "/"


# Where serve(site, csp_reports=...) asks browsers to report violations (the `report-uri` it adds).
CSP_REPORT_PATH = "__csp-report"


def make_handler(site: Path, base: str, csp_reports: list | None = None):
    headers_file = site / "_headers"
    rules = parse_headers(headers_file.read_text(encoding="utf-8")) if headers_file.is_file() else []
    report_uri = base + CSP_REPORT_PATH

    def in_site(path: str) -> str | None:
        """The path inside the site folder, or None outside the base path."""
        path = path.split("?", 1)[0].split("#", 1)[0]
        return "/" + path[len(base) :] if path.startswith(base) else None

    class Handler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self):
            # _headers paths are relative to where the site is deployed.
            for name, value in headers_for(rules, in_site(self.path) or ""):
                if csp_reports is not None and name.lower() == "content-security-policy":
                    value += f"; report-uri {report_uri}"
                self.send_header(name, value)
            super().end_headers()

        def do_POST(self):
            # The reports the browser sends when csp_reports is given; nothing else is accepted.
            if csp_reports is None or self.path != report_uri:
                self.send_error(405)
                return
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            try:
                csp_reports.append(json.loads(body))
            except ValueError:
                csp_reports.append({"unreadable report": body.decode("utf-8", "replace")})
            self.send_response(204)
            self.end_headers()

        def translate_path(self, path):
            return super().translate_path(in_site(path) or "/")

        def send_head(self):
            local = in_site(self.path)
            # Outside the base path nothing is published; the host reads _headers but never serves it.
            if local is None or local == "/_headers":
                self.send_error(404)
                return None
            return super().send_head()

        def send_error(self, code, message=None, explain=None):
            page = site / "404.html"
            if code != 404 or not page.is_file():
                return super().send_error(code, message, explain)
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def log_message(self, *args):
            pass

    return partial(Handler, directory=str(site))


@contextlib.contextmanager
def serve(site: Path, *, csp_reports: list | None = None):
    """Serve `site` on 127.0.0.1 on a free port, under the path it was built for; yields its URL. With a list
    as csp_reports, the policy header also asks for violation reports (`report-uri`, which blocks nothing
    more), and each report the browser posts is appended to that list: a browser whose driver cannot watch a
    page from its first byte still tells what its policy blocked."""
    base = site_base_path(site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(site, base, csp_reports))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def serve_each(sites: dict[str, Path]):
    """Each site served (`serve`); yields {key: its URL}."""
    with contextlib.ExitStack() as stack:
        yield {key: stack.enter_context(serve(site)) for key, site in sites.items()}


def find_chromium(playwright) -> tuple[str | None, str]:
    """CHROME_PATH, else the system's Chromium, else a Chromium Playwright already has. Never downloads a
    browser: .ci/run installs Debian's. Returns (path or None, what was tried)."""
    env = os.environ.get("CHROME_PATH")
    if env:
        # An explicit choice that does not work is reported, not silently replaced by another browser.
        if os.access(env, os.X_OK):
            return env, ""
        return None, f"CHROME_PATH={env} is not an executable"
    for path in SYSTEM_CHROMIUM:
        if os.access(path, os.X_OK):
            return path, ""
    bundled = playwright.chromium.executable_path
    if bundled and os.access(bundled, os.X_OK):
        return bundled, ""
    return None, f"no {' or '.join(SYSTEM_CHROMIUM)} (Debian: apt-get install chromium), no CHROME_PATH"


VNU_JAR = Path(__file__).resolve().parents[1] / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def find_vnu() -> tuple[list[str] | None, str]:
    """The command that runs the current W3C Nu checker: java plus npm vnu-jar (tests/vnu/package-lock.json)."""
    java = shutil.which("java")
    missing = []
    if not java:
        missing.append("no `java` on PATH (Debian: apt-get install default-jre-headless)")
    if not VNU_JAR.is_file():
        missing.append(f"no {VNU_JAR} (make test installs it with npm ci in tests/vnu)")
    if missing:
        return None, "; ".join(missing)
    return [java, "-jar", str(VNU_JAR)], ""


def canonical_url(page) -> str:
    """The page's canonical address, as the page itself states it."""
    return page.locator('link[rel="canonical"]').get_attribute("href")
