"""Each icon drawn once (hooks/column/sprite.py): the templates write a <use> of a symbol, and the finished page gets
one hidden <svg> with a symbol for each icon it uses, made from the icon set's own file, its notice kept once.
Called directly; the built page is checked in tests/test_column_page.py and in the browsers
(tests/browser/test_fediverse_dialog.py)."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from column import data, sprite, svg_path
from icon_points import check_within_half_a_step

# Two icon files as Material ships them (Font Awesome Free: a viewBox, the licence notice, one path).
NOTICE = (
    "Font Awesome Free 7.1.0 by @fontawesome - https://fontawesome.com License - https://fontawesome.com/license/free"
)
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="{}"><!--! {}--><path d="{}"/></svg>'
SVGS = {"a": SVG.format("0 0 448 512", NOTICE, "M1 2h3z"), "b-2": SVG.format("0 0 640 512", NOTICE, "M5 6v7z") + "\n"}


def use(key: str) -> str:
    return f'<span class="oc-icon" aria-hidden="true"><svg><use href="#oc-icon--{key}"></use></svg></span>'


def test_a_symbol_keeps_the_files_view_and_drawing_and_hands_back_its_notice():
    drawn, notices = sprite.symbol("a", SVGS["a"])
    assert drawn == '<symbol id="oc-icon--a" viewBox="0 0 448 512"><path d="M1 2h3z"/></symbol>'
    assert notices == [NOTICE]


def test_a_page_gets_the_symbols_it_uses_once_each_before_its_end():
    page = f"<html><body><p>{use('b-2')} {use('a')} {use('b-2')}</p></body>\n</html>"
    done = sprite.with_sprite(page, {**SVGS, "unused": SVGS["a"]})
    assert done == (
        f"<html><body><p>{use('b-2')} {use('a')} {use('b-2')}</p>"
        f'<svg class="oc-sprite" width="0" height="0" aria-hidden="true"><!-- {NOTICE} -->'
        '<symbol id="oc-icon--b-2" viewBox="0 0 640 512"><path d="M5 6v7z"/></symbol>'
        '<symbol id="oc-icon--a" viewBox="0 0 448 512"><path d="M1 2h3z"/></symbol>'
        "</svg></body>\n</html>"
    )


def test_each_sets_notice_is_kept_once_in_the_order_the_icons_come():
    material = SVG.format("0 0 24 24", "Material's notice", "M0 0h1z")
    done = sprite.sprite(["a", "m", "b-2"], {**SVGS, "m": material})
    assert done.count("<!--") == 2 and f"<!-- {NOTICE} --><!-- Material's notice --><symbol" in done


def test_notices_of_icons_shown_otherwise_are_kept_once_after_the_symbols():
    other = "Another set's notice"
    done = sprite.with_sprite(f"<body>{use('a')}</body>", SVGS, (other, NOTICE))
    assert f"<!-- {NOTICE} --><!-- {other} --><symbol" in done and done.count(NOTICE) == 1
    # A page with no icon of its own still carries them.
    assert sprite.with_sprite("<body>x</body>", SVGS, (other,)) == (
        f'<body>x<svg class="oc-sprite" width="0" height="0" aria-hidden="true"><!-- {other} --></svg></body>'
    )


def test_a_file_split_from_its_notices_keeps_all_else():
    assert sprite.split_notices(SVGS["a"]) == (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 448 512"><path d="M1 2h3z"/></svg>',
        [NOTICE],
    )


def test_a_page_without_icons_is_left_as_it_is():
    assert sprite.with_sprite("<html><body>x</body></html>", SVGS) == "<html><body>x</body></html>"


def test_an_icon_the_mapping_lacks_stops_the_build():
    with pytest.raises(data.InputError) as error:
        sprite.with_sprite(f"<body>{use('zz')}</body>", SVGS)
    assert str(error.value) == "data/icons.yml: field 'zz': expected an icon path; the page templates use this key."


def test_a_file_that_is_not_one_svg_is_refused():
    with pytest.raises(ValueError, match="'a': expected an SVG file with one <svg> element"):
        sprite.symbol("a", "<png/>")


# The paths' digits (hooks/column/svg_path.py). The promise: every point of the drawing stays within half a grid
# step of where the icon's file puts it, however long the path, and an arc's subpath is drawn exactly as written.
# Read back by another parser (tests/icon_points.py).
ICON_SET = Path(material.__file__).parent / "templates" / ".icons"
# Real icons of the kinds a page draws: long relative paths (threads, whatsapp), arcs a diameter apart (itunes),
# curves with reflected control points (reddit), a 24-unit box (simple, material, octicons).
ICONS = [
    "fontawesome/brands/threads",
    "fontawesome/brands/whatsapp",
    "fontawesome/brands/itunes",
    "fontawesome/brands/reddit",
    "fontawesome/solid/moon",
    "simple/upstash",
    "material/github",
    "octicons/bookmark-slash-24",
]
# A path of the test's own: relative and absolute commands, implicit repeats, H and V, S and T, a packed arc's
# flags, an exponent, numbers run together, and a subpath after an arc's.
OWN = (
    "M10.35 20.45l.4.4.4.4.4.4h7.3v-3.3c1.25 2.5 3.75 2.5 5 0s3.75-2.5 5 0q2.5 2.5 5 0t5 0 5.3 0 5.3 0"
    "L40.2 40.7zm-3.3-3.3a4.4 4.4 0 0110 0zM1e1 2.5E1l-.35-.35z"
)


@pytest.mark.parametrize("name", ICONS)
def test_every_point_of_an_icon_stays_within_half_a_grid_step(name):
    svg = (ICON_SET / f"{name}.svg").read_text(encoding="utf-8")
    view_box = re.search(r'viewBox="([^"]*)"', svg).group(1)
    step = 10.0 ** -svg_path.grid_places(view_box)
    original = re.search(r' d="([^"]*)"', svg).group(1)
    rounded = re.search(r' d="([^"]*)"', svg_path.coarser_drawing(svg)).group(1)
    check_within_half_a_step(original, rounded, step)


@pytest.mark.parametrize("places", [0, 1, 2])
def test_every_point_of_a_path_of_every_command_stays_within_half_a_grid_step(places):
    check_within_half_a_step(OWN, svg_path.rounded(OWN, places), 10.0**-places)


def test_errors_do_not_add_up_along_a_path():
    # Three steps of 0.4: the true points are at 0.4, 0.8 and 1.2, on a grid of 1 at 0, 1 and 1.
    assert svg_path.rounded("m0 0l.4 0l.4 0l.4 0", 0) == "m0 0l0 0l1 0l0 0"


def test_an_arcs_subpath_is_kept_and_the_next_starts_from_where_the_pen_truly_is():
    assert svg_path.rounded("M10.3 10a5.25 5.25 0 1 0 10 0zm3.3 3h.6v.6z", 0) == (
        "M10.3 10a5.25 5.25 0 1 0 10 0zM14 13h0v1z"
    )


def test_the_grid_is_a_power_of_ten_near_a_five_hundredth_of_the_icon():
    assert [svg_path.grid_places(box) for box in ("0 0 512 512", "0 0 640 512", "0 0 24 24", "0 0 16 16")] == [
        0,
        0,
        2,
        2,
    ]


def test_the_icons_on_a_page_are_a_quarter_smaller():
    svgs = {name: (ICON_SET / f"{name}.svg").read_text(encoding="utf-8") for name in ICONS[:5]}
    before = sum(len(sprite.split_notices(svg)[0]) for svg in svgs.values())
    after = len(sprite.sprite(list(svgs), svgs))
    assert after < 0.8 * before


def test_a_kept_subpath_keeps_its_numbers_however_small_or_long():
    # A radius of a ten-millionth stays a radius (0 would draw a line); a long number keeps its places.
    assert svg_path.rounded("M0 0a1e-7 1 0 0 1 2 0h3.3333333", 0) == "M0 0a.0000001 1 0 0 1 2 0h3.3333333"


def test_the_checker_sees_an_arcs_radius_and_flags():
    # The arcs' own parameters are compared, not only their ends.
    for changed in ("M0 0A12 12 0 0 1 10 0", "M0 0A10 10 0 1 1 10 0", "M0 0A10 10 0 0 0 10 0", "M0 0A10 5 30 0 1 10 0"):
        with pytest.raises(AssertionError):
            check_within_half_a_step(
                "M0 0A10 5 0 0 1 10 0" if "30" in changed else "M0 0A10 10 0 0 1 10 0", changed, 1.0
            )
    check_within_half_a_step("M0 0A10 10 0 0 1 10 0", "M0 0A10 10 0 0 1 10 0", 1.0)


def test_an_icon_without_a_usable_view_box_is_left_as_it_is():
    for box in ("0 0 0 0", "0 0", "0 0 24", "a b c d"):
        svg = f'<svg viewBox="{box}"><path d="M1.25 2.5"/></svg>'
        assert svg_path.coarser_drawing(svg) == svg


def test_what_is_not_path_data_is_refused():
    with pytest.raises(ValueError, match="M takes 2 numbers a time, got 1"):
        svg_path.rounded("M1", 0)
    with pytest.raises(ValueError, match="expected a command letter at 0"):
        svg_path.rounded("1 2", 0)
    with pytest.raises(ValueError, match="an arc's flags are 0 or 1, got 2"):
        svg_path.rounded("M0 0a1 1 0 2 0 1 1", 0)
    # An icon's path that is not path data is refused with the icon's key.
    with pytest.raises(ValueError, match="icon 'a': path data: M takes 2 numbers a time, got 1"):
        sprite.symbol("a", '<svg viewBox="0 0 512 512"><path d="M1"/></svg>')
