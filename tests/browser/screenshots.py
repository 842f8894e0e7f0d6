"""`make screenshots`: build the site, serve it on loopback as the tests do, and draw it in Chromium.

Writes screenshots/light.png and screenshots/dark.png (1280 px wide, full page), screenshots/phone.png
(375 px wide, full page) and the README's picture, assets/readme/column.png (light, the first screen at
1280 x 800, small enough to commit)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from browser_support import CHROMIUM_ARGS, find_chromium, serve  # this file's folder is on sys.path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "screenshots"
README_PICTURE = ROOT / "assets" / "readme" / "column.png"

SHOTS = [
    # file, context options, full page
    (OUT / "light.png", {"viewport": {"width": 1280, "height": 800}, "color_scheme": "light"}, True),
    (OUT / "dark.png", {"viewport": {"width": 1280, "height": 800}, "color_scheme": "dark"}, True),
    (
        OUT / "phone.png",
        {"viewport": {"width": 375, "height": 812}, "color_scheme": "light", "is_mobile": True, "has_touch": True},
        True,
    ),
    (README_PICTURE, {"viewport": {"width": 1280, "height": 800}, "color_scheme": "light"}, False),
]


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
            cwd=ROOT,
            env=env,
            check=True,
        )
        with serve(site) as url, sync_playwright() as playwright:
            chromium, tried = find_chromium(playwright)
            if chromium is None:
                print(f"make screenshots: no Chromium ({tried})", file=sys.stderr)
                return 1
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for path, options, full_page in SHOTS:
                context = browser.new_context(**options)
                # Never reach the network while drawing (the page makes no such request anyway).
                context.route(
                    "**/*", lambda route: route.continue_() if route.request.url.startswith(url) else route.abort()
                )
                page = context.new_page()
                page.goto(url, wait_until="load")
                path.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(path), full_page=full_page, animations="disabled")
                context.close()
                print(path.relative_to(ROOT))
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
