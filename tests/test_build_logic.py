"""The hooks' pure functions, called directly, and what they leave in the built site."""

from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys

import pytest
from lxml import html as lxml_html
from PIL import Image, ImageFont

from column import card, data, material, render, site_icons
from support import (
    BASE_CONFIG,
    OFFLINE,
    POLICY,
    ROOT,
    SITE_URL,
    build,
    build_cli,
    expected_host_headers,
    expected_policy,
    network_cut,
    rgb,
    sha256_source,
)

# --- data loading -------------------------------------------------------------------------------------


def test_yaml_errors_and_fields_carry_their_line():
    doc = data.load_yaml("a: 1\nb:\n  c: x\nd:\n  - e\n  - f\n", "x.yml")
    assert doc.lines == {"a": 1, "b": 2, "b.c": 3, "d": 4, "d.0": 5, "d.1": 6}
    with pytest.raises(data.InputError, match=r"^x\.yml, line 2: not valid YAML"):
        data.load_yaml("a: 1\nb: c: d\ne: 3\n", "x.yml")


def test_front_matter_lines_count_from_the_file_start():
    doc = data.split_front_matter("---\ntitle: x\nauthor: y\n---\nbody\n", "p.md")
    assert doc.value == {"title": "x", "author": "y"} and doc.lines == {"title": 2, "author": 3}


def test_control_characters_are_refused():
    doc = data.Located({"title": "a\x00b"}, {"title": 2}, "p.md")
    with pytest.raises(data.InputError, match=r"p\.md, line 2: field 'title'.*without control characters"):
        data.check_value(doc, "title", "a\x00b", data.TEXT)


def test_site_url_gets_a_trailing_slash():
    assert data.check_site_url("https://a.example/col", "mkdocs.yml") == "https://a.example/col/"


# --- share links, CSP, initials ---------------------------------------------------------------------------


def test_share_links_percent_encode_utf8():
    networks = [{"icon": "vk", "name": "VK", "url": "https://vk.com/share.php?url={url}&title={title}"}]
    (link,) = render.share_links(networks, "https://a.example/п?x=1&y=2", "Пальмира & co", "Share on {network}")
    assert link["href"] == (
        "https://vk.com/share.php?url=https%3A%2F%2Fa.example%2F%D0%BF%3Fx%3D1%26y%3D2"
        "&title=%D0%9F%D0%B0%D0%BB%D1%8C%D0%BC%D0%B8%D1%80%D0%B0%20%26%20co"
    )
    assert link["label"] == "Share on VK" and link["new_tab"] is True


def test_a_share_label_is_the_networks_own_or_the_languages_words():
    # The words come in the site's language; a network's own `label` (publisher's data) is used as it is.
    assert render.share_label({"name": "VK"}, "Поделиться в {network}") == "Поделиться в VK"
    assert render.share_label({"name": "{title}"}, "Share on {network}") == "Share on {title}"
    assert render.share_label({"name": "e-mail", "label": "Отправить по почте"}, "Share on {network}") == (
        "Отправить по почте"
    )


def test_the_kicker_is_left_out_where_the_header_says_the_same():
    assert render.kicker("Ambassador's view", "Ambassador's view") is None
    assert render.kicker("Ambassador’s  View", "ambassador's view") is None  # case, spacing, apostrophe
    assert render.kicker("Ambassador's view", "Columns") == "Ambassador's view"
    assert render.kicker("Ambassador's view", "Ambassador's views") == "Ambassador's view"


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


def test_initials_skip_honorifics():
    assert render.initials("Dr Alexander Yakovenko") == "AY"
    assert render.initials("Prof. Jane Q. Public") == "JP"
    assert render.initials("Cher") == "C"


def inline_code(html: str) -> tuple[list[str], list[str]]:
    """The page's inline scripts (not the JSON-LD data block) and inline stylesheets, as served."""
    return re.findall(r"<script>(.*?)</script>", html, flags=re.S), re.findall(
        r"<style>(.*?)</style>", html, flags=re.S
    )


@pytest.mark.parametrize("name", ["index.html", "404.html"])
def test_page_policy_is_exactly_the_policy_with_hashes_of_its_own_inline_code(site, name):
    html = (site / name).read_text(encoding="utf-8")
    policies = lxml_html.fromstring(html).xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    scripts, styles = inline_code(html)
    assert len(scripts) == 2 and len(styles) == 1
    assert not re.findall(r"<script[^>]* src=", html), "no script file: the page's code is inline"
    assert policies == [expected_policy(scripts, styles[0])]
    assert 'name="referrer" content="strict-origin-when-cross-origin"' in html


def test_host_headers_are_exactly_the_policy_and_the_host_rules(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    scripts, styles = inline_code(html)
    expected = expected_host_headers(site, expected_policy(scripts, styles[0]))
    assert (site / "_headers").read_text(encoding="utf-8") == expected


def test_share_links_carry_no_tracking_parameters(page):
    for link in page.cssselect(".oc-share__list a"):
        keys = set(re.findall(r"[?&]([^=&]+)=", link.get("href")))
        assert keys <= {"u", "url", "title", "text", "subject", "body"}, link.get("href")


# --- Material's unused toggles -------------------------------------------------------------------------


def test_unused_toggles_are_dropped_whatever_the_attribute_order():
    html = (
        '<body><input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
        "<input autocomplete=off id=__search type=checkbox data-md-toggle=search class=md-toggle>"
        "<label for='__drawer' class='md-overlay'></label>"
        '<input type="checkbox" id="keep"><label for="keep">Keep</label></body>'
    )
    assert (
        material.drop_unused_toggles(html)
        == '<body><input type="checkbox" id="keep"><label for="keep">Keep</label></body>'
    )


# --- the social card -----------------------------------------------------------------------------------------


# At the smallest size, where a headline too long for its box is cut.
SMALLEST = ImageFont.truetype(str(card.SERIF_BOLD), min(card.HEADLINE_SIZES))


@pytest.mark.parametrize(
    "headline, width, height",
    [
        *[(("Liberation of Palmyra " * 100)[:length].strip(), 1040, 330) for length in (10, 60, 200, 500, 2000)],
        ("Liberation of Palmyra Liberatio", 1040, 10),  # no line fits its box: one cut line at the least
        # The kept line fills the width (a width as wide as its text): a word goes, to make room for "…".
        (" ".join(["army"] * 20), SMALLEST.getlength("army army army"), 10),
        # A line of one word, longer than the box is wide: cut between characters.
        ("x" * 50, SMALLEST.getlength("x" * 10), 10),
    ],
)
def test_card_headline_always_fits(headline, width, height):
    font, lines = card.fit_headline(headline, width, height)
    assert lines and all(font.getlength(line) <= width for line in lines)

    def fits(count: int) -> bool:
        return count * font.size * card.LINE_SPACING <= height

    shown = " ".join(lines)
    if not shown.endswith(" …"):
        assert shown == headline and fits(len(lines))
        return
    # Only a headline too long for the smallest size is cut: as many lines as fit (at least one) are kept,
    # and the last one ends in " …" after as many of its words as leave room for it (or, for a line of one
    # word, as many characters).
    assert font.size == min(card.HEADLINE_SIZES)
    assert (fits(len(lines)) or len(lines) == 1) and not fits(len(lines) + 1)
    kept, last = shown.removesuffix(" …"), lines[-1].removesuffix(" …")
    assert last.strip() and headline.startswith(kept)
    rest = headline[len(kept) :]
    if not rest:  # all of it, on the one line a box too low for any line still gets
        assert len(lines) == 1
    elif rest.startswith(" "):  # cut between words: the next one would not fit
        assert font.getlength(f"{last} {rest.split()[0]} …") > width
    else:  # cut inside the line's one word: the next character would not fit
        assert " " not in last and font.getlength(f"{last}{rest[0]} …") > width


def test_card_text_exactly_as_wide_or_tall_as_its_box_fits():
    # "Fits" is "no wider (taller) than the box", also at the limit: each box below is the size of its text.
    assert card.wrap("army army army", SMALLEST, SMALLEST.getlength("army army")) == ["army army", "army"]
    assert card.wrap("x" * 10, SMALLEST, SMALLEST.getlength("x" * 4)) == ["x" * 4, "x" * 4, "x" * 2]
    largest = max(card.HEADLINE_SIZES)
    font, lines = card.fit_headline("Palmyra", 1040, largest * card.LINE_SPACING)
    assert (font.size, lines) == (largest, ["Palmyra"])
    # Cut to one line at the smallest size: "army army …" is as wide as the box, so it is kept whole.
    font, lines = card.fit_headline(" ".join(["army"] * 20), SMALLEST.getlength("army army …"), 10)
    assert (font.size, lines) == (min(card.HEADLINE_SIZES), ["army army …"])


def test_card_wraps_a_word_longer_than_a_line():
    font = ImageFont.truetype(str(card.SERIF_BOLD), 40)
    lines = card.wrap("x" * 300, font, 400)
    assert "".join(lines) == "x" * 300 and all(font.getlength(line) <= 400 for line in lines)


@pytest.mark.parametrize(
    "css, palette",
    [
        ("--oc-accent: light-dark(#123456, #fff);", {"accent": "#123456"}),
        ("--oc-ink: light-dark(#abc, #fff);", {"ink": "#abc"}),
        # Only #rgb or #rrggbb: what the card's drawing and the favicon take.
        *[(f"--oc-accent: light-dark({colour}, #fff);", {}) for colour in ["#abcd", "#abcde", "#1234567", "#ggg"]],
    ],
)
def test_card_colours_are_the_stylesheets_light_ones(css, palette):
    assert render.light_palette(css) == palette
    stylesheet = (ROOT / "overrides" / "assets" / "column.css").read_text(encoding="utf-8")
    assert set(card.PALETTE_NAMES) <= set(render.light_palette(stylesheet))


PALETTE = {"paper": "#ffffff", "ink": "#000000", "muted": "#444444", "accent": "#aa0000"}


def test_card_is_the_same_for_the_same_input():
    args = dict(headline="Пальмира & <ISIS>", column="Ambassador's view", author="Dr A", palette=PALETTE)
    assert card.render_card(**args) == card.render_card(**args)
    assert card.render_card(**args) != card.render_card(**{**args, "headline": "Other"})


def test_build_uses_the_site_url_everywhere(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "https://example.com" not in html and SITE_URL in html


def test_the_policy_and_what_only_the_local_preview_relaxes():
    strict = render.content_security_policy(inline_scripts=["a()", "b()"], inline_style="b{}")
    assert strict == expected_policy(["a()", "b()"], "b{}")
    preview = render.content_security_policy(inline_scripts=["a()", "b()"], inline_style="b{}", live_reload=True)
    assert preview == POLICY.format(scripts="'unsafe-inline'", style=sha256_source("b{}"))


def test_builds_in_the_tests_really_have_no_network():
    # Every test build runs with tests/offline on PYTHONPATH; prove that it refuses connections.
    probe = "import socket; socket.create_connection(('127.0.0.1', 9), timeout=1)"
    env = {**os.environ, "PYTHONPATH": str(OFFLINE)}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode != 0 and "network access is cut" in result.stderr


def test_in_process_builds_have_no_network_either():
    # support.build runs MkDocs in the test process: the same cut, undone afterwards.
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


def test_a_dirty_build_works_too(suite_project, tmp_path):
    site_dir = tmp_path / "out"
    for _ in range(2):  # the second one rebuilds nothing: the card and host files must still be right
        result = build_cli(suite_project, site_dir, args=("--dirty", "--no-strict"))  # MkDocs warns about --dirty
        assert result.returncode == 0, result.stderr
    assert list((site_dir / "assets").glob("card.*.png"))
    assert "/assets/card." in (site_dir / "_headers").read_text(encoding="utf-8")


# --- the site's icons ------------------------------------------------------------------------------------


def box_svg(width: int, height: int, colour: str = "#aa0000") -> str:
    """A filled rectangle filling its viewBox: its drawn box is the glyph's."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}">'
        f'<rect width="{width}" height="{height}" fill="{colour}"/></svg>'
    )


@pytest.mark.parametrize(
    "width, height, box",
    [
        (20, 10, (0, 8, 32, 24)),  # wider than tall: the width fills the square, centred top to bottom
        (10, 20, (8, 0, 24, 32)),  # taller than wide: the height fills it, centred left to right
        (10, 10, (0, 0, 32, 32)),
    ],
)
def test_a_glyph_is_drawn_centred_with_its_aspect_kept(width, height, box):
    square = site_icons.glyph(box_svg(width, height), 32)
    assert square.size == (32, 32) and square.mode == "RGBA"
    assert square.getbbox() == box  # the bounding box of what is not transparent
    assert square.getpixel((16, 16)) == (0xAA, 0, 0, 255)


def test_a_tile_is_opaque_paper_with_the_glyph_centred_clear_of_the_edges():
    image = Image.open(io.BytesIO(site_icons.tile(box_svg(10, 10), 180, "#fafafa")))
    assert image.format == "PNG" and image.mode == "RGB" and image.size == (180, 180)
    left, top, right, bottom = (
        image.point(lambda value: 255 - value).convert("L").point(lambda v: v > 8 and 255).getbbox()
    )
    # Centred, at least half the tile, and clear of the tenth that iOS crops on each side.
    assert left == 180 - right and top == 180 - bottom and left == top
    assert left >= 18 and right - left >= 90
    assert image.getpixel((0, 0)) == image.getpixel((179, 179)) == (0xFA, 0xFA, 0xFA)
    assert image.getpixel((90, 90)) == (0xAA, 0, 0)


def test_favicon_ico_draws_each_size_on_its_own():
    icon = Image.open(io.BytesIO(site_icons.favicon_ico(box_svg(20, 10))))
    assert icon.format == "ICO" and sorted(icon.info["sizes"]) == [(16, 16), (32, 32), (48, 48)]
    for size in (16, 32, 48):
        icon.size = (size, size)
        image = icon.convert("RGBA")
        assert image.getbbox() == (0, size // 4, size, size - size // 4)  # transparent above and below


def rows_with(image, colour, x0=card.BAND, x1=card.WIDTH) -> list[int]:
    """The rows of `image` that hold `colour` between x0 and x1 (the accent band left out)."""
    return [
        y
        for y in range(image.height)
        if colour in {found for _, found in image.crop((x0, y, x1, y + 1)).getcolors(maxcolors=x1 - x0)}
    ]


def runs(rows: list[int]) -> list[tuple[int, int]]:
    """Consecutive rows as (first, last) runs."""
    found: list[list[int]] = []
    for y in rows:
        if found and y == found[-1][1] + 1:
            found[-1][1] = y
        else:
            found.append([y, y])
    return [tuple(run) for run in found]


def test_card_layout_kicker_headline_rule_byline(seed):
    colours = {name: rgb(value) for name, value in PALETTE.items()}
    image = Image.open(
        io.BytesIO(
            card.render_card(
                headline=seed.headline, column=seed.column, author="Dr Alexander Yakovenko", palette=PALETTE
            )
        )
    ).convert("RGB")
    kicker, *rule = runs(rows_with(image, colours["accent"]))
    headline = runs(rows_with(image, colours["ink"]))
    # The muted grey is also a shade on the edges of black letters: the byline is the grey below the rule.
    (byline,) = [run for run in runs(rows_with(image, colours["muted"])) if run[0] > rule[-1][1]]
    # Top to bottom: the kicker, the headline's lines, a short accent rule, the byline.
    assert kicker[1] < headline[0][0] and headline[-1][1] < rule[0][0] and rule[-1][1] < byline[0]
    assert image.height - byline[1] >= card.MARGIN // 2
    # The rule: one stroke a few pixels thick, from the text's left edge, about a tenth of the card wide.
    ((top, bottom),) = rule
    assert 3 <= bottom - top + 1 <= 6
    stroke = [x for x in range(card.WIDTH) if image.getpixel((x, top + 1)) == colours["accent"] and x >= card.BAND]
    assert stroke[0] == card.MARGIN and 100 <= len(stroke) <= 160 and stroke[-1] - stroke[0] == len(stroke) - 1
    # Each line of the headline stands apart, and the block sits in the middle of the space it has.
    assert len(headline) >= 2
    above, below = headline[0][0] - kicker[1], rule[0][0] - headline[-1][1]
    assert abs(above - below) <= 0.25 * (above + below), (above, below)
