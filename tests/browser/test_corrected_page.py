"""A corrected column in a browser (issue 19): the editor's corrections are shown after the column's last
paragraph, on screen and in print; a link made to a paragraph before its opening was reworded still lands
on it (its pinned id); the page stays valid HTML."""

from __future__ import annotations

import json
import subprocess

import pytest
from test_corrections import CORRECTIONS, PUBLISHED_ID, REWORDED, reword_and_pin
from test_validity import BROKEN

from browser_support import page_opener, serve
from support import add_front_matter, build, copy_project


@pytest.fixture(scope="module")
def corrected_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("corrected-browser")
    project = copy_project(work / "project")
    add_front_matter(project / "docs" / "index.md", CORRECTIONS)
    reword_and_pin(project / "docs" / "index.md")
    result = build(project, work / "site")
    assert result.returncode == 0, result.stderr
    return work / "site"


@pytest.fixture(scope="module")
def corrected_url(corrected_site):
    with serve(corrected_site) as url:
        yield url


@pytest.fixture
def open_corrected(browser, corrected_url):
    """open_corrected(fragment="") -> (page, problems): the corrected page in Chromium, and a list that
    collects console errors and page errors (CSP violations: window.__ocViolations)."""
    yield from page_opener(browser, corrected_url, viewport={"width": 1280, "height": 800})


def test_corrections_are_shown_and_printed(open_corrected):
    page, problems = open_corrected()
    note = page.locator(".oc-corrections")
    last_paragraph = page.locator(".oc-body > p[id]").last
    assert note.is_visible()
    assert note.bounding_box()["y"] > last_paragraph.bounding_box()["y"]
    assert note.locator("p").count() == 2

    page.emulate_media(media="print")
    assert note.is_visible(), "the corrections are not printed"
    assert note.locator("time").first.inner_text() == "30 March 2016"
    assert note.bounding_box()["y"] > last_paragraph.bounding_box()["y"]
    # Printed in the page's print colours: dark ink on white, the rule beside it still drawn.
    colours = note.evaluate(
        "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor, getComputedStyle(e).borderLeftWidth]"
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)", "3px"], colours
    page.emulate_media(media="screen")
    assert problems == [] and page.evaluate("window.__ocViolations") == []


def test_a_link_shared_before_the_rewording_still_lands_on_its_paragraph(open_corrected):
    page, problems = open_corrected(f"#{PUBLISHED_ID}")
    target = page.locator(":target")
    assert target.count() == 1
    assert target.inner_text().startswith(REWORDED)
    assert problems == []


def test_the_corrected_page_is_valid_html(corrected_site, vnu, tmp_path):
    control = tmp_path / "control.html"
    control.write_text(BROKEN, encoding="utf-8")
    result = subprocess.run(
        [*vnu, "--errors-only", "--format", "json", str(control), str(corrected_site / "index.html")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    errors = [
        (m.get("url", "").rsplit("/", 1)[-1], m.get("message"))
        for m in json.loads(result.stderr)["messages"]
        if m.get("type") in ("error", "non-document-error") or m.get("subType") == "fatal"
    ]
    assert any(name == "control.html" for name, _ in errors), "vnu found no error in a broken page"
    assert [message for name, message in errors if name == "index.html"] == []
