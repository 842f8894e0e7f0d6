"""Valid HTML: the current W3C Nu checker (npm vnu-jar, pinned in tests/vnu) reports no error on any built
page, with no message filtered out: the suite's site (its second column has both dates, so the byline's
<time datetime> values are checked too), its columns in other languages, its corrected column, the redirect page
at a moved column's old address, and the publisher's own site."""

from __future__ import annotations

import json
import subprocess

from suite_columns import LANGUAGES

# A page with known errors, checked in the same run: proves errors are read from vnu's output at all.
BROKEN = "<!doctype html><html lang=en><title>x</title><p><div autocorrect=off></div></p></html>"


def test_every_built_page_is_valid_html(
    site, live_site, language_sites, corrected_site, moved_project_and_site, vnu, tmp_path
):
    pages = sorted(site.rglob("*.html"))
    assert {site / "index.html", site / "second" / "index.html", site / "404.html"} <= set(pages)
    languages = [path for other in language_sites.values() for path in sorted(other.rglob("*.html"))]
    # Each language's two columns, its index of columns, its author's page and its 404 page.
    assert len(languages) == 5 * len(LANGUAGES)
    # The corrected column; the redirect page at a moved column's old address.
    moved = moved_project_and_site[1] / "second" / "index.html"
    pages += [*languages, corrected_site / "index.html", moved, *sorted(live_site.rglob("*.html"))]
    control = tmp_path / "control.html"
    control.write_text(BROKEN, encoding="utf-8")

    # One JVM start for every file; vnu writes its JSON report to stderr.
    result = subprocess.run(
        [*vnu, "--errors-only", "--format", "json", str(control), *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr)["messages"]
    errors: dict[str, list[str]] = {}
    for m in messages:
        if m.get("type") in ("error", "non-document-error") or m.get("subType") == "fatal":
            where = m.get("url", "").removeprefix("file:")
            errors.setdefault(where, []).append(
                f"line {m.get('lastLine')}: {m.get('message')} [{m.get('extract', '').strip()}]"
            )

    control_errors = [v for k, v in errors.items() if k.endswith("control.html")]
    assert control_errors, f"vnu found no error in a broken page: {result.stderr[:500]}"
    site_errors = {k: v for k, v in errors.items() if not k.endswith("control.html")}
    assert site_errors == {}, json.dumps(site_errors, indent=2)
