"""The column with its optional dates and the site's handle set (issue 13) is valid HTML as well: the
<time datetime> values in the byline are checked by the current W3C Nu checker, like the published page."""

from __future__ import annotations

import json
import subprocess

from test_validity import BROKEN

from support import build, dated_project


def test_the_dated_page_is_valid_html(vnu, tmp_path):
    site = tmp_path / "site"
    result = build(dated_project(tmp_path / "project"), site)
    assert result.returncode == 0, result.stderr
    control = tmp_path / "control.html"
    control.write_text(BROKEN, encoding="utf-8")
    result = subprocess.run(
        [*vnu, "--errors-only", "--format", "json", str(control), str(site / "index.html")],
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
