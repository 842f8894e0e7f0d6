"""Each icon drawn once (hooks/column/sprite.py): the templates write a <use> of a symbol, and the finished page gets
one hidden <svg> with a symbol for each icon it uses, made from the icon set's own file, its notice kept once.
Called directly; the built page is checked in tests/test_column_page.py and in the browsers
(tests/browser/test_fediverse_dialog.py)."""

from __future__ import annotations

import pytest

from column import data, sprite

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
