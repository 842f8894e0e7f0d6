"""Every icon on a page drawn once: the templates write each icon as a <use> of a symbol (main.html, `icon`), and
the finished page gets one inline <svg> of those symbols, the icons it uses and no other. A page with nine share
networks and several profiles then carries each glyph's path once, not once per button.

Pure functions of text in and text out.
"""

from __future__ import annotations

import re

from column import svg_path
from column.data import missing_template_icon

# A symbol's id: the icon's key (data/icons.yml) after a double hyphen, which no paragraph id has (paragraphs.py
# joins words with one), so that the two never clash.
SYMBOL_ID = "oc-icon--{}"
USE_RE = re.compile(r'<use href="#oc-icon--([A-Za-z0-9][A-Za-z0-9_-]*)"')
SVG_RE = re.compile(r"\A\s*<svg\b([^>]*)>(.*)</svg>\s*\Z", re.S)
VIEWBOX_RE = re.compile(r'\bviewBox="([^"]*)"')
COMMENT_RE = re.compile(r"<!--(.*?)-->", re.S)
BODY_END = "</body>"


def split_notices(svg: str) -> tuple[str, list[str]]:
    """An SVG without its comments, and the notices they carry (Font Awesome's licence)."""
    notices = [notice.strip().removeprefix("!").strip() for notice in COMMENT_RE.findall(svg)]
    return COMMENT_RE.sub("", svg), notices


def coarser(key: str, svg: str) -> str:
    """The icon's file with its paths on its grid (svg_path.py); a path that is not path data is refused with
    the icon's key."""
    try:
        return svg_path.coarser_drawing(svg)
    except ValueError as error:
        raise ValueError(f"icon {key!r}: {error}") from None


def symbol(key: str, svg: str) -> tuple[str, list[str]]:
    """An icon's SVG file (Material's bundled sets) as a <symbol> with the file's viewBox and drawing, and the
    notices its comments carry, which the sprite keeps once each. Its paths on a grid of its size
    (svg_path.py): every byte of the sprite is in the first view."""
    match = SVG_RE.match(coarser(key, svg))
    if not match:
        raise ValueError(f"icon {key!r}: expected an SVG file with one <svg> element")
    view_box = VIEWBOX_RE.search(match.group(1))
    drawing, notices = split_notices(match.group(2))
    drawing = drawing.strip()
    view = f' viewBox="{view_box.group(1)}"' if view_box else ""
    return f'<symbol id="{SYMBOL_ID.format(key)}"{view}>{drawing}</symbol>', notices


def used_icons(page: str) -> list[str]:
    """The keys of the icons a page uses, in the order of their first use."""
    return list(dict.fromkeys(USE_RE.findall(page)))


def sprite(keys: list[str], svgs: dict[str, str], other_notices: tuple[str, ...] = ()) -> str:
    """One hidden <svg> holding a symbol for each key (svgs: the icon files by key), and each notice once: the
    symbols', then `other_notices`."""
    symbols, notices = [], []
    for key in keys:
        if key not in svgs:
            raise missing_template_icon(key)
        drawn, found = symbol(key, svgs[key])
        symbols.append(drawn)
        notices += found
    notices = list(dict.fromkeys([*notices, *other_notices]))
    comments = "".join(f"<!-- {notice} -->" for notice in notices)
    # width and height 0: no room taken where the stylesheet does not apply (a reader view, a feed reader).
    return f'<svg class="oc-sprite" width="0" height="0" aria-hidden="true">{comments}{"".join(symbols)}</svg>'


def with_sprite(page: str, svgs: dict[str, str], other_notices: tuple[str, ...] = ()) -> str:
    """The page with the sprite of the icons it uses just before </body>: after the text, so that the bytes before
    the column's words stay few; a <use> draws as soon as its symbol is parsed. `other_notices`: those of icons
    the page carries without their comments (the favicon, a data: URL), kept in the sprite with the symbols'.
    A page without icons or notices is left as it is."""
    keys = used_icons(page)
    if not keys and not other_notices:
        return page
    end = page.rfind(BODY_END)
    if end < 0:
        raise ValueError("expected a page with </body>, where the icons' symbols go")
    return page[:end] + sprite(keys, svgs, other_notices) + page[end:]
