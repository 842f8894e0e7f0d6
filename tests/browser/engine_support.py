"""Firefox ESR and WebKitGTK, Debian's builds, driven the same way for tests/browser/test_engines.py: Firefox
through its own Marionette server (PyPI marionette-driver), WebKit through WebKitWebDriver and MiniBrowser
under Xvfb (PyPI selenium). Nothing is downloaded: no browser, no driver (selenium-manager is never called).

Each engine is one browser for the whole module, started in its own process group and ended with it, so that
a failing test leaves no firefox, WebKitWebDriver, MiniBrowser or Xvfb behind."""

from __future__ import annotations

import contextlib
import ctypes
import glob
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
import warnings
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image

FIREFOX = "/usr/bin/firefox-esr"
WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver"
MINIBROWSER_GLOB = "/usr/lib/*/webkit2gtk-4.1/MiniBrowser"
# What each engine needs, as Debian packages (.ci/run installs them).
PACKAGES = {"firefox": "firefox-esr", "webkit": "webkit2gtk-driver xvfb"}

# Installed in the page after every load (neither driver can add a script before the page's own): CSP
# violations, uncaught errors, rejected promises and console.error calls from then on. What happens during the
# load is read from Firefox's console and from the CSP reports the test server collects.
WATCH_JS = """
if (!window.__ocWatch) {
  const watch = window.__ocWatch = {violations: [], errors: []};
  document.addEventListener("securitypolicyviolation", (e) => watch.violations.push(
    {directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample}));
  window.addEventListener("error", (e) => watch.errors.push(
    e.message || "failed to load " + (e.target && (e.target.src || e.target.href))), true);
  window.addEventListener("unhandledrejection", (e) => watch.errors.push("unhandled rejection: " + e.reason));
  const consoleError = console.error;
  console.error = function (...args) {
    watch.errors.push(args.map(String).join(" "));
    return consoleError.apply(this, args);
  };
}
"""

# Firefox's console as its Browser Console holds it: errors and CSP messages from web content (not from the
# browser's own code), then emptied. Runs with chrome privileges. (console.error calls stay in the content
# process, where WATCH_JS sees them.)
FIREFOX_CONSOLE_JS = """
const found = [];
for (const message of Services.console.getMessageArray() || []) {
  if (!(message instanceof Ci.nsIScriptError) || message.isFromChromeContext) continue;
  if (/^(chrome|resource|moz-extension):/.test(message.sourceName)) continue;
  const isError = !(message.flags & (Ci.nsIScriptError.warningFlag | Ci.nsIScriptError.infoFlag));
  if (isError || message.category.startsWith("CSP")) found.push(`${message.category}: ${message.errorMessage}`);
}
Services.console.reset();
return found;
"""

# Firefox's profile: Marionette on a free port (written to MarionetteActivePort), and nothing that reaches
# beyond this machine. Marionette's recommended preferences already turn off updates, telemetry and first-run
# pages; without these, strace showed Firefox looking up the hosts of the page's share links (DNS prefetch)
# and fetching remote settings (whose server Firefox lets a test replace only with
# MOZ_REMOTE_SETTINGS_DEVTOOLS=1). The rest stops what would call out later in a run.
FIREFOX_PREFS = {
    "marionette.port": 0,
    "browser.shell.checkDefaultBrowser": False,
    "network.dns.disablePrefetch": True,
    "network.dns.disablePrefetchFromHTTPS": True,
    "network.prefetch-next": False,
    "network.predictor.enabled": False,
    "network.http.speculative-parallel-limit": 0,
    "network.trr.mode": 5,
    "network.connectivity-service.enabled": False,
    "network.captive-portal-service.enabled": False,
    "services.settings.server": "data:,#remote-settings-dummy/v1",
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "browser.safebrowsing.downloads.enabled": False,
    "browser.safebrowsing.provider.mozilla.updateURL": "",
    "browser.region.network.url": "",
    "browser.region.update.enabled": False,
    "extensions.blocklist.enabled": False,
    "media.gmp-manager.updateEnabled": False,
}

# Loopback only: no proxy from the environment stands between the tests and their own server or driver.
LOOPBACK = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(check, timeout: float, what: str, interval: float = 0.05):
    """check()'s first truthy value within `timeout` seconds, else a TimeoutError naming `what`."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout} s (last value {value!r})")
        time.sleep(interval)


PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _end_with_parent() -> None:
    """In the child: SIGTERM when the test process dies, even if it is killed and cannot clean up (Linux's
    PR_SET_PDEATHSIG). Firefox's processes end with Firefox, and MiniBrowser's with the Xvfb it draws on."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def start(command: list[str], **options) -> subprocess.Popen:
    """A process in a process group of its own, so that it ends with everything it started."""
    return subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
        preexec_fn=_end_with_parent,
        **options,
    )


def end(process: subprocess.Popen | None, grace: float = 10) -> None:
    """SIGTERM to the process (a browser shuts down its children), then SIGKILL to its whole group."""
    if process is None:
        return
    if process.poll() is None:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(grace)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(5)


def quietly(call) -> None:
    with contextlib.suppress(Exception):
        call()


class Engine:
    """What the tests do in a browser, said once for both engines. Scripts are WebDriver script bodies:
    `arguments` holds the arguments, `return` gives the result."""

    name = ""

    def __init__(self, *args):
        # Whatever has started is ended again if a later step fails: close() runs it all, last first.
        self._cleanup = contextlib.ExitStack()
        try:
            self._start(*args)
        except BaseException:
            self.close()
            raise

    def _start(self, *args) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self._cleanup.close()

    def run(self, script: str, *args):
        raise NotImplementedError

    def _navigate(self, url: str) -> None:
        raise NotImplementedError

    def goto(self, url: str) -> None:
        """Open `url` as a new document (not a same-document jump) and watch it."""
        self._navigate("about:blank")
        self._navigate(url)
        self.run(WATCH_JS)

    def reload(self) -> None:
        self.driver.refresh()
        self.run(WATCH_JS)

    def click(self, selector: str) -> None:
        """A WebDriver click, at the element's centre, as a reader's pointer would."""
        self.driver.find_element(self._by.CSS_SELECTOR, selector).click()

    def screenshot(self) -> Image.Image:
        raise NotImplementedError

    def console(self) -> list[str]:
        """Console errors and CSP messages the driver can see, since the last call."""
        return []

    @contextlib.contextmanager
    def without_javascript(self, url: str):
        """Open `url` with JavaScript off; yields a script expression for that document."""
        raise NotImplementedError
        yield


class Firefox(Engine):
    """Debian's Firefox ESR, headless, with Marionette on a free port and chrome access for its console."""

    name = "firefox"

    def _start(self, profile: Path):
        # marionette-driver imports mozrunner and mozinfo, which use APIs Python deprecates (telnetlib,
        # distro.linux_distribution); their warnings say nothing about this page.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            from marionette_driver.by import By
            from marionette_driver.marionette import Marionette

        self._by = By
        (profile / "user.js").write_text(
            "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in FIREFOX_PREFS.items())
        )
        env = os.environ | {"MOZ_HEADLESS": "1", "MOZ_CRASHREPORTER_DISABLE": "1", "MOZ_REMOTE_SETTINGS_DEVTOOLS": "1"}
        command = [FIREFOX, "--headless", "--marionette", "-remote-allow-system-access", "--no-remote"]
        process = start([*command, "--profile", str(profile)], env=env, stderr=subprocess.DEVNULL)
        self._cleanup.callback(end, process)
        port_file = profile / "MarionetteActivePort"
        wait_until(lambda: port_file.is_file() or process.poll() is not None, 60, "Firefox's Marionette port")
        if process.poll() is not None:
            raise RuntimeError(f"{FIREFOX} exited with {process.returncode} before Marionette started")
        port = wait_until(lambda: port_file.read_text().strip(), 10, "Marionette port file")
        self.driver = Marionette(host="127.0.0.1", port=int(port))
        self.driver.start_session()
        # A browser that has crashed cannot end its session; it is ended as a process all the same.
        self._cleanup.callback(quietly, self.driver.delete_session)
        self.console()  # start-up messages are not the page's

    def run(self, script: str, *args):
        return self.driver.execute_script(script, script_args=args, sandbox=None, new_sandbox=False)

    def _chrome(self, script: str, *args):
        with self.driver.using_context("chrome"):
            return self.driver.execute_script(script, script_args=args)

    def _navigate(self, url: str) -> None:
        self.driver.navigate(url)

    def screenshot(self) -> Image.Image:
        return Image.open(io.BytesIO(self.driver.screenshot(format="binary", full=False))).convert("RGB")

    def console(self) -> list[str]:
        return self._chrome(FIREFOX_CONSOLE_JS)

    @contextlib.contextmanager
    def forced_colours(self):
        """The reader's "Override the colours specified by the page: Always" (Settings, Colours), which Firefox
        reports to pages as forced-colors: active, as Windows' contrast themes do."""
        self._chrome("Services.prefs.setIntPref('browser.display.document_color_use', 2)")
        try:
            yield
        finally:
            self._chrome("Services.prefs.clearUserPref('browser.display.document_color_use')")

    @contextlib.contextmanager
    def without_javascript(self, url: str):
        # The reader's own switch (about:config), read again by every new document.
        set_pref = "Services.prefs.setBoolPref('javascript.enabled', arguments[0])"
        self._chrome(set_pref, False)
        try:
            self._navigate("about:blank")
            self._navigate(url)
            yield "document"
        finally:
            self._chrome(set_pref, True)


class WebKit(Engine):
    """Debian's WebKitGTK: MiniBrowser in automation mode, driven by WebKitWebDriver, on a private Xvfb."""

    name = "webkit"

    def _start(self, minibrowser: str):
        from selenium import webdriver
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.proxy import Proxy, ProxyType
        from selenium.webdriver.remote.client_config import ClientConfig
        from selenium.webdriver.remote.remote_connection import RemoteConnection
        from selenium.webdriver.webkitgtk.options import Options

        self._by = By
        display = self._start_xvfb()
        # No session bus to find or start (GTK's accessibility bridge would try): nothing is left running.
        env = os.environ | {"DISPLAY": display, "NO_AT_BRIDGE": "1", "DBUS_SESSION_BUS_ADDRESS": "disabled:"}
        port = free_port()
        driver = start([WEBKIT_DRIVER, f"--port={port}"], env=env, stderr=subprocess.DEVNULL)
        self._cleanup.callback(end, driver)
        url = f"http://127.0.0.1:{port}"
        wait_until(lambda: self._answers(url + "/status") or driver.poll() is not None, 30, "WebKitWebDriver")
        if driver.poll() is not None:
            raise RuntimeError(f"{WEBKIT_DRIVER} exited with {driver.returncode}")
        options = Options()
        options.binary_location = minibrowser
        options.add_argument("--automation")
        # Straight to the driver on loopback, whatever proxy the environment names.
        config = ClientConfig(remote_server_addr=url, proxy=Proxy({"proxyType": ProxyType.DIRECT}))
        self.driver = webdriver.Remote(command_executor=RemoteConnection(client_config=config), options=options)
        self._cleanup.callback(quietly, self.driver.quit)

    def _start_xvfb(self) -> str:
        """Xvfb on the first free display (it writes the number to a pipe); returns ':N'."""
        read, write = os.pipe()
        try:
            xvfb = start(
                ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                pass_fds=(write,),
                stderr=subprocess.DEVNULL,
            )
        finally:
            os.close(write)
        self._cleanup.callback(end, xvfb)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()  # empty if Xvfb died
        if not number.isdigit():
            raise RuntimeError(f"Xvfb did not start (exit status {xvfb.poll()})")
        return f":{number}"

    @staticmethod
    def _answers(url: str) -> bool:
        try:
            with LOOPBACK.open(url, timeout=1):
                return True
        except OSError:
            return False

    def run(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    def _navigate(self, url: str) -> None:
        self.driver.get(url)

    def screenshot(self) -> Image.Image:
        return Image.open(io.BytesIO(self.driver.get_screenshot_as_png())).convert("RGB")

    @contextlib.contextmanager
    def without_javascript(self, url: str):
        """MiniBrowser's switch (--enable-javascript=false) holds for a whole browser, and this module has one
        browser per engine; so the page's own bytes are loaded where scripting is disabled by the HTML
        standard's rule: an iframe sandboxed without allow-scripts (`<noscript>` is parsed as markup, no script
        runs, `(scripting: none)` matches). The page is fetched here, from the test server, and laid out in
        the iframe at the window's size."""
        with LOOPBACK.open(url, timeout=10) as response:
            markup = response.read().decode("utf-8")
        self.goto(url)
        self.run(
            """const frame = document.createElement("iframe");
            frame.setAttribute("sandbox", "allow-same-origin");
            frame.setAttribute("data-oc-nojs", "");
            frame.style.cssText = "position: fixed; inset: 0; width: 100vw; height: 100vh; border: 0; z-index: 9";
            frame.srcdoc = arguments[0];
            document.body.append(frame);""",
            markup,
        )
        document = "document.querySelector('iframe[data-oc-nojs]').contentDocument"
        wait_until(lambda: self.run(f"const d = {document}; return d && d.readyState === 'complete'"), 10, "no-JS page")
        yield document


def find_minibrowser() -> str | None:
    found = sorted(glob.glob(MINIBROWSER_GLOB))
    return found[0] if found else None


def missing(engine: str) -> str:
    """What the engine lacks on this machine, or '' when it can run."""
    needs = {
        "firefox": [(FIREFOX, os.access(FIREFOX, os.X_OK))],
        "webkit": [
            (WEBKIT_DRIVER, os.access(WEBKIT_DRIVER, os.X_OK)),
            (MINIBROWSER_GLOB, find_minibrowser() is not None),
            ("Xvfb", shutil.which("Xvfb") is not None),
        ],
    }[engine]
    lacking = [path for path, present in needs if not present]
    if not lacking:
        return ""
    return f"no {', '.join(lacking)} (Debian: apt-get install {PACKAGES[engine]})"


# A violation the page never makes, caused by the test after everything else (an image from another origin,
# which img-src forbids): once its report is in, the reports of what came before are in too. It is blocked
# before any request is made.
CONTROL_PATH = "/oc-csp-control.png"


def control_url(server: str) -> str:
    return f"http://localhost:{urlsplit(server).port}{CONTROL_PATH}"


def is_control(report: dict) -> bool:
    # Only the control names localhost: the page and the test server use 127.0.0.1.
    return "localhost:" in str(report.get("csp-report", {}).get("blocked-uri", ""))


def problems(engine, reporting_server) -> dict:
    """Everything the page did wrong since it was opened: CSP reports the browser posted, the console (where
    the driver reads it) and what the in-page watch saw (WATCH_JS)."""
    url, reports = reporting_server
    control = control_url(url)
    engine.run("new Image().src = arguments[0];", control)
    wait_until(lambda: any(is_control(r) for r in reports), 10, f"{engine.name}: the control violation's report")
    watch = engine.run("return window.__ocWatch || {violations: [], errors: []};")
    found = {
        "CSP reports": [r for r in reports if not is_control(r)],
        "console": [m for m in engine.console() if "localhost:" not in m],
        "in-page CSP violations": [v for v in watch["violations"] if "localhost:" not in str(v["blocked"])],
        "in-page errors": watch["errors"],
    }
    reports.clear()
    return {name: items for name, items in found.items() if items}
