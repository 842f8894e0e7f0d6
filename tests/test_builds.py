"""The build itself: offline, the same bytes whether run in the tests' process, as `make build` runs it, again
with --dirty, or by ProperDocs (the maintained fork of MkDocs 1.6, a second builder whatever happens to MkDocs
1.x); the page's inline code, and the Content-Security-Policy and host headers that allow exactly that code."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys

import pytest

from build_harness import BASE_CONFIG, OFFLINE, build, build_cli, network_cut
from built_pages import parsed
from column import render
from policy_expectations import POLICY, expected_host_headers, expected_policy, inline_code, sha256_source
from suite_columns import COLUMN_PAGES, OTHER_PAGES

UNDATED = (
    "WARNING -  docs/index.md: field 'date' is not set: readers, link previews and article extractors cannot tell "
    "when the column was written (an extractor may take a date from its text instead). Set 'date' to the day it "
    "was first published; if that is not known, write 'date: unknown' in the front matter to say so, and this "
    "warning stops. The page shows no date rather than invent one, and the feeds leave the column out (a feed "
    "entry must carry a date).\n"
)


def tree(folder) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.mark.parametrize("tool", ["mkdocs", "properdocs"])
def test_a_build_as_a_command_gives_the_same_bytes_offline(suite_project, site, tmp_path, tool):
    # conftest builds in the test process with the network cut; `mkdocs build` run as a command, as make runs
    # it, gives the same files, images and icons included: the in-process build the tests use is the real one.
    result = build_cli(suite_project, tmp_path / "again", tool=tool)
    assert result.returncode == 0, result.stderr
    first, second = tree(site), tree(tmp_path / "again")
    assert {"favicon.ico", "apple-touch-icon.png"} <= set(first)
    # Each column's card and its three other ratios, each other page's card; the logo and the touch icon, once.
    assert sum(name.endswith(".png") for name in first) == 4 * len(COLUMN_PAGES) + len(OTHER_PAGES) + 2
    assert sorted(second) == sorted(first)
    assert [name for name in first if first[name] != second[name]] == []
    # The home page has no date: one warning, which --strict lets through; the second column, dated, has none.
    assert result.stderr.count("WARNING") == 1 and UNDATED in result.stderr


def test_date_unknown_silences_the_warning_and_the_page_still_shows_no_date(project, tmp_path):
    index = project / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("\n---\n", "\ndate: unknown\n---\n", 1), "utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "field 'date'" not in result.stderr
    page = parsed(tmp_path / "site")
    assert page.xpath("//article//time") == []  # ("More from", after it, dates the other columns)
    assert page.xpath("//meta[contains(@property, '_time')]") == []
    (ld,) = [json.loads(block) for block in page.xpath("//script[@type='application/ld+json']/text()")]
    assert not any(key.startswith("date") for key in ld)
    assert "unknown" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<lastmod>" not in (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8").split("</url>")[0]


def test_a_dirty_build_works_too(suite_project, tmp_path):
    site_dir = tmp_path / "out"
    for _ in range(2):  # the second one rebuilds nothing: the card and host files must still be right
        result = build_cli(suite_project, site_dir, args=("--dirty", "--no-strict"))  # MkDocs warns about --dirty
        assert result.returncode == 0, result.stderr
    assert list((site_dir / "assets").glob("card.*.png"))
    assert "/assets/card." in (site_dir / "_headers").read_text(encoding="utf-8")


def test_builds_in_the_tests_really_have_no_network():
    # Every build run as a command has tests/offline on PYTHONPATH: it refuses connections.
    probe = "import socket; socket.create_connection(('127.0.0.1', 9), timeout=1)"
    env = {**os.environ, "PYTHONPATH": str(OFFLINE)}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode != 0 and "network access is cut" in result.stderr
    # The builds in the test process: the same cut, undone afterwards.
    original = socket.create_connection
    with network_cut(), pytest.raises(OSError, match="network access is cut"):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    assert socket.create_connection is original


def test_in_process_builds_report_errors_as_the_command_does(project, tmp_path):
    # The error lines the bad-input tests read come out the same as from `mkdocs build` run as a command.
    text = (project / "docs/index.md").read_text(encoding="utf-8")
    (project / "docs/index.md").write_text(re.sub(r"^title: .*\n", "", text, count=1, flags=re.M), encoding="utf-8")

    def errors(result):
        assert result.returncode != 0
        return [line for line in result.stderr.splitlines() if line.startswith("ERROR")]

    here, command = errors(build(project, tmp_path / "here")), errors(build_cli(project, tmp_path / "command"))
    assert here == command and "field 'title'" in here[-1]


def test_in_process_builds_show_an_unexpected_error_with_its_traceback(project, tmp_path):
    # The bad-input tests assert that no traceback reaches the user: a crash must show one here.
    (project / "hooks/crash.py").write_text("def on_pre_build(config):\n    raise KeyError('unexpected')\n")
    config = project / BASE_CONFIG  # the project's structure, hooks included
    text = config.read_text(encoding="utf-8")
    assert "\nhooks:\n" in text
    config.write_text(text.replace("\nhooks:\n", "\nhooks:\n- hooks/crash.py\n"), encoding="utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" in result.stderr and "KeyError: 'unexpected'" in result.stderr


# --- the page's code and its policy ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["index.html", "404.html"])
def test_page_policy_is_exactly_the_policy_with_hashes_of_its_own_inline_code(site, name):
    html = (site / name).read_text(encoding="utf-8")
    scripts, style = inline_code(html)
    assert len(scripts) == 2
    assert not re.findall(r"<script[^>]* src=", html), "no script file: the page's code is inline"
    policy = expected_policy(scripts, style)
    assert parsed(site, name).xpath("//meta[@http-equiv='Content-Security-Policy']/@content") == [policy]
    assert 'name="referrer" content="strict-origin-when-cross-origin"' in html
    # The host's headers: the same policy and what only a header can say, each fingerprinted file cached.
    assert (site / "_headers").read_text(encoding="utf-8") == expected_host_headers(
        site, policy, len(COLUMN_PAGES), len(OTHER_PAGES)
    )


def test_the_policy_and_what_only_the_local_preview_relaxes():
    strict = render.content_security_policy(inline_scripts=["a()", "b()"], inline_style="b{}")
    assert strict == expected_policy(["a()", "b()"], "b{}")
    preview = render.content_security_policy(inline_scripts=["a()", "b()"], inline_style="b{}", live_reload=True)
    assert preview == POLICY.format(scripts="'unsafe-inline'", style=sha256_source("b{}"))


def test_the_palette_is_also_declared_without_light_dark_right_after_its_rule():
    css = (
        ":root {\n  --oc-paper: light-dark(#fbf9f5, #141414);\n  --oc-ink:light-dark( #111 ,#eee );\n"
        "  --oc-serif: Georgia, serif;\n}\nbody { color: var(--oc-ink); }"
    )
    assert render.colour_fallback(css) == (
        ":root {\n  --oc-paper: light-dark(#fbf9f5, #141414);\n  --oc-ink:light-dark( #111 ,#eee );\n"
        "  --oc-serif: Georgia, serif;\n}\n"
        "@supports not (color: light-dark(#000, #fff)) {\n"
        "  :root { --oc-paper:#fbf9f5;--oc-ink:#111; }\n"
        "  @media screen and (prefers-color-scheme: dark) { "
        ':root:not([data-oc-theme="light"]) { --oc-paper:#141414;--oc-ink:#eee; } }\n'
        '  @media screen { :root[data-oc-theme="dark"] { --oc-paper:#141414;--oc-ink:#eee; } }\n'
        "}\nbody { color: var(--oc-ink); }"
    )
    assert render.colour_fallback("body { color: #000; }") == "body { color: #000; }"


def test_the_inlined_stylesheet_drops_comments_and_collapses_whitespace_but_keeps_strings():
    css = 'a::before {\n  content: "/* kept */  \\"";  /* dropped */\n}\n\n/* dropped */\nb { quotes: \'"\' "\'"; }'
    assert render.compact_css(css) == 'a::before { content: "/* kept */  \\""; } b { quotes: \'"\' "\'"; }'
    # A comment, over lines too, takes no room where nothing needs it, and keeps two values apart.
    assert render.compact_css("a{/* one\n two */color:red}") == "a{color:red}"
    assert render.compact_css("a{margin:0/* one\n two */auto}") == "a{margin:0 auto}"
