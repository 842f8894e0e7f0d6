"""`make screenshots`: build the sites, serve each on loopback as the tests do, and draw them in Chromium.

For the publisher's site (docs/, in its own language) and for the suite's columns in each other language
(tests/columns/languages: Russian and Arabic), writes screenshots/<language>/<width>-<theme>.png at 375 and
1280 px wide, light and dark, full page, and screenshots/<language>/passage.png (a passage selected, its toolbar
open); then screenshots/375-light.png and 375-dark.png: the phone pages side by side, the publisher's first,
then Russian and Arabic, so that a reviewer sees the three scripts' typesetting at a glance. From the
publisher's site it also writes the README's pictures, small enough to commit: assets/readme/column.png (light,
the first screen at 1280 x 800) and assets/readme/passage.png (720 x 400)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# the tests' helpers, as the tests import them (with scripts/changes.py), and bench/chromium_flags.py
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "offline"), str(ROOT / "scripts"), str(ROOT / "bench")]

from browser_support import find_chromium, serve  # noqa: E402 (this file's folder is on sys.path)
from build_harness import build_cli, copy_project  # noqa: E402
from chromium_flags import CHROMIUM_ARGS  # noqa: E402
from suite_columns import LANGUAGES  # noqa: E402

OUT = ROOT / "screenshots"
README_PICTURE = ROOT / "assets" / "readme" / "column.png"
PASSAGE_PICTURE = ROOT / "assets" / "readme" / "passage.png"

WIDTHS = (375, 1280)
THEMES = ("light", "dark")
PHONE = {"is_mobile": True, "has_touch": True}
PASSAGE_VIEW = {"viewport": {"width": 720, "height": 400}, "color_scheme": "light"}

FIRST_SCREEN = {"viewport": {"width": 1280, "height": 800}, "color_scheme": "light"}
# The README's pictures, by site (None: the publisher's; else the suite's columns in that language):
# (file, context options, full page).
README_SHOTS = {
    None: [(README_PICTURE, FIRST_SCREEN, False), (PASSAGE_PICTURE, PASSAGE_VIEW, False)],
    "ar": [(ROOT / "assets" / "readme" / "column-ar.png", FIRST_SCREEN, False)],
}
SHOTS = [shot for shots in README_SHOTS.values() for shot in shots]


def language_shots(language: str) -> list[tuple[Path, dict, bool]]:
    """Every width in both themes, full page, and a selected passage, for one language."""
    shots = []
    for width in WIDTHS:
        for theme in THEMES:
            options = {"viewport": {"width": width, "height": 800 if width > 500 else 812}, "color_scheme": theme}
            shots.append((OUT / language / f"{width}-{theme}.png", options | (PHONE if width < 500 else {}), True))
    shots.append((OUT / language / "passage.png", PASSAGE_VIEW, False))
    return shots


# The first sentence of the column's first body paragraph, whatever the column says: the sentence as the
# browser's sentence breaker finds it in the page's language, within the paragraph's first run of text.
SELECT_PASSAGE_JS = """() => {
  const paragraph = document.querySelector('.oc-body > p[id]:not(.oc-standfirst)');
  const text = Array.from(paragraph.childNodes).find(node => node.nodeType === 3 && node.data.trim());
  const segmenter = new Intl.Segmenter(document.documentElement.lang, {granularity: 'sentence'});
  const first = segmenter.segment(text.data)[Symbol.iterator]().next().value.segment;
  const start = text.data.indexOf(first.trim());
  const range = document.createRange();
  range.setStart(text, start);
  range.setEnd(text, start + first.trim().length);
  paragraph.scrollIntoView({block: 'center'});
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  return paragraph.getBoundingClientRect().toJSON();
}"""


def select_a_passage(page) -> None:
    """A reader has selected a sentence: the toolbar is open by it, the pointer on its paragraph."""
    box = page.evaluate(SELECT_PASSAGE_JS)
    page.locator("[data-oc-passage]").wait_for(state="visible")
    page.wait_for_timeout(300)  # the toolbar follows the selection after a short pause
    page.mouse.move(box["x"] + box["width"] - 20, box["y"] + box["height"] - 10)


def build_publishers_site(site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)]
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def build_language(language: str, work: Path) -> Path:
    project, site = copy_project(work / language / "project", language), work / language / "site"
    result = build_cli(project, site)
    if result.returncode:
        raise SystemExit(f"make screenshots: the {language} columns did not build:\n{result.stderr}")
    return site


def site_language(site: Path) -> str:
    return re.search(r'<html[^>]* lang="([^"]+)"', (site / "index.html").read_text(encoding="utf-8")).group(1)


def draw(browser, url: str, shots) -> None:
    for path, options, full_page in shots:
        context = browser.new_context(**options)
        # Never reach the network while drawing (the page makes no such request anyway).
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url) else route.abort())
        page = context.new_page()
        page.goto(url, wait_until="load")
        if path.name.startswith("passage"):
            select_a_passage(page)
        path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(3 if full_page else 0):
            # The whole page in view: parts drawn only near the view (content-visibility) are drawn, and take
            # their own height, which the next pass fits.
            height = page.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
            page.set_viewport_size({"width": options["viewport"]["width"], "height": height})
            page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        page.screenshot(path=str(path), full_page=full_page, animations="disabled")
        context.close()
        print(path.relative_to(ROOT))


SIDE_BY_SIDE_GAP = 24
SIDE_BY_SIDE_BACKGROUND = (128, 128, 128)  # neither theme's paper: each page's edges show


def side_by_side(pictures: list[Path], path: Path) -> None:
    """The pictures in a row, top-aligned, on a grey ground."""
    from PIL import Image

    images = [Image.open(picture).convert("RGB") for picture in pictures]
    width = sum(image.width for image in images) + SIDE_BY_SIDE_GAP * (len(images) + 1)
    height = max(image.height for image in images) + 2 * SIDE_BY_SIDE_GAP
    row = Image.new("RGB", (width, height), SIDE_BY_SIDE_BACKGROUND)
    left = SIDE_BY_SIDE_GAP
    for image in images:
        row.paste(image, (left, SIDE_BY_SIDE_GAP))
        left += image.width + SIDE_BY_SIDE_GAP
    row.save(path, optimize=True)
    print(path.relative_to(ROOT))


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        publishers = Path(tmp) / "site"
        build_publishers_site(publishers)
        # The publisher's pictures under its language (its name marked if the suite has columns in it too).
        language = site_language(publishers)
        sites = {language if language not in LANGUAGES else f"{language}-site": publishers}
        sites.update({language: build_language(language, Path(tmp)) for language in LANGUAGES})
        with sync_playwright() as playwright:
            chromium, tried = find_chromium(playwright)
            if chromium is None:
                print(f"make screenshots: no Chromium ({tried})", file=sys.stderr)
                return 1
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for language, site in sites.items():
                with serve(site) as url:
                    shots = language_shots(language) + README_SHOTS.get(None if site == publishers else language, [])
                    draw(browser, url, shots)
            browser.close()
    for theme in THEMES:
        side_by_side(
            [OUT / language / f"{WIDTHS[0]}-{theme}.png" for language in sites], OUT / f"{WIDTHS[0]}-{theme}.png"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
