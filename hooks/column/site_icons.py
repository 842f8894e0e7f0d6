"""The site's icons as files a crawler can fetch, drawn at build time from the tab's icon (the favicon
glyph of data/icons.yml, a Font Awesome SVG that Material ships) in the card's palette:
favicon.ico, apple-touch-icon.png and the publisher's logo.

resvg (PyPI resvg-py, a Rust renderer inside the wheel: no system library, no network) rasterises the
SVG; Pillow composes and encodes. Neither writes a timestamp, so the same inputs give the same bytes.
"""

from __future__ import annotations

import io

import resvg_py
from PIL import Image

FAVICON_SIZES = (16, 32, 48)  # favicon.ico: the tab, the taskbar, the desktop
TOUCH_ICON_SIZE = 180  # apple-touch-icon.png: iOS home screens, chat apps
LOGO_SIZE = 512  # the JSON-LD publisher.logo: square, at least 112 px
# On a tile the glyph keeps clear of the edges: iOS rounds the corners and crops about a tenth.
TILE_GLYPH = 0.6


def glyph(svg: str, size: int) -> Image.Image:
    """The SVG (already coloured) drawn into a transparent size x size square, centred, aspect kept."""
    png = resvg_py.svg_to_bytes(svg_string=svg, width=size, skip_system_fonts=True)
    drawn = Image.open(io.BytesIO(bytes(png))).convert("RGBA")
    if drawn.height > size:  # a glyph taller than it is wide: fit the height instead
        png = resvg_py.svg_to_bytes(svg_string=svg, height=size, skip_system_fonts=True)
        drawn = Image.open(io.BytesIO(bytes(png))).convert("RGBA")
    square = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    square.alpha_composite(drawn, ((size - drawn.width) // 2, (size - drawn.height) // 2))
    return square


def png_bytes(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def favicon_ico(svg: str) -> bytes:
    """The tab's icon as it is (the glyph on a transparent ground), one image per size, each drawn at
    its own size rather than scaled down from the largest."""
    images = [glyph(svg, size) for size in FAVICON_SIZES]
    out = io.BytesIO()
    images[-1].save(out, format="ICO", sizes=[(size, size) for size in FAVICON_SIZES], append_images=images[:-1])
    return out.getvalue()


def tile(svg: str, size: int, background: str) -> bytes:
    """An opaque square: the glyph centred on the page's paper colour (home screens and logo readers show
    a transparent icon on black or on whatever is behind it)."""
    square = Image.new("RGBA", (size, size), background)
    inner = round(size * TILE_GLYPH)
    offset = (size - inner) // 2
    square.alpha_composite(glyph(svg, inner), (offset, offset))
    return png_bytes(square.convert("RGB"))
