"""`make screenshots`: build the site, serve it on loopback as the tests do, and draw it in Chromium.

Writes screenshots/light.png and screenshots/dark.png (1280 px wide, full page), screenshots/phone.png
(375 px wide, full page) and the README's pictures, small enough to commit: assets/readme/column.png
(light, the first screen at 1280 x 800) and assets/readme/passage.png (a passage selected, its toolbar
open, 720 x 400)."""

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
PASSAGE_PICTURE = ROOT / "assets" / "readme" / "passage.png"

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
    (PASSAGE_PICTURE, {"viewport": {"width": 720, "height": 400}, "color_scheme": "light"}, False),
]

PASSAGE = "The Russian Air Force used only precision-guided weapons."
SELECT_PASSAGE_JS = """passage => {
  const paragraph = Array.from(document.querySelectorAll('.oc-body > p')).find(p => p.textContent.includes(passage));
  const text = paragraph.firstChild, at = text.data.indexOf(passage);
  const range = document.createRange();
  range.setStart(text, at);
  range.setEnd(text, at + passage.length);
  paragraph.scrollIntoView({block: 'center'});
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  return paragraph.getBoundingClientRect().toJSON();
}"""


def select_a_passage(page) -> None:
    """A reader has selected a sentence: the toolbar is open by it, the pointer on its paragraph."""
    box = page.evaluate(SELECT_PASSAGE_JS, PASSAGE)
    page.locator("[data-oc-passage]").wait_for(state="visible")
    page.wait_for_timeout(300)  # the toolbar follows the selection after a short pause
    page.mouse.move(box["x"] + box["width"] - 20, box["y"] + box["height"] - 10)


# What to do on the page before drawing it, by picture.
PREPARE = {PASSAGE_PICTURE: select_a_passage}


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
                if path in PREPARE:
                    PREPARE[path](page)
                path.parent.mkdir(parents=True, exist_ok=True)
                for _ in range(3 if full_page else 0):
                    # The whole page in view: parts drawn only near the view (content-visibility) are drawn,
                    # and take their own height, which the next pass fits.
                    height = page.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
                    page.set_viewport_size({"width": options["viewport"]["width"], "height": height})
                    page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
                page.screenshot(path=str(path), full_page=full_page, animations="disabled")
                context.close()
                print(path.relative_to(ROOT))
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
