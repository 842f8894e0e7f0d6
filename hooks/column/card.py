"""The social card: a 1200x630 PNG drawn from the column's metadata at build time, and the same card in the
ratios of the JSON-LD image list.

Fonts come from PyPI packages (Source Serif Pro, Source Sans Pro), never from the network. Pillow writes
no timestamp into a PNG, so the same inputs give the same bytes. The headline is wrapped, then shrunk
until it fits; only a headline too long to fit even at the smallest size is cut, at a word, with "…".
"""

from __future__ import annotations

import io
from pathlib import Path

import font_source_sans_pro
import font_source_serif_pro
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630  # og:image and twitter:image
# The article images of the JSON-LD: 16:9, 4:3 and 1:1, as Google's article guidance asks (each at least
# 50,000 pixels); 1200 wide like the card, so that every one is sharp on a large screen.
RATIOS = {"16x9": (1200, 675), "4x3": (1200, 900), "1x1": (1200, 1200)}
MARGIN = 80
BAND = 20  # the accent band on the left edge
# The site's light colours, read from its stylesheet (render.light_palette): paper, ink, muted, accent.
PALETTE_NAMES = ("paper", "ink", "muted", "accent")
HEADLINE_SIZES = range(76, 21, -2)
LINE_SPACING = 1.18

SERIF_BOLD = Path(font_source_serif_pro.font_files_ttf["SourceSerifProBold"])
SANS_SEMIBOLD = Path(font_source_sans_pro.font_files_ttf["SourceSansProSemibold"])
SANS = Path(font_source_sans_pro.font_files_ttf["SourceSansPro"])


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap by rendered width; a word wider than a line is broken between characters."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for ch in word:  # only reached for a word longer than a whole line, or to start a new line
            if font.getlength(line + ch) <= width:
                line += ch
            else:
                lines.append(line)
                line = ch
    if line:
        lines.append(line)
    return lines


def fit_headline(text: str, width: int, height: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which the wrapped headline fits the box; at the smallest size, cut to fit."""
    for size in HEADLINE_SIZES:
        font = ImageFont.truetype(str(SERIF_BOLD), size)
        lines = wrap(text, font, width)
        if len(lines) * size * LINE_SPACING <= height:
            return font, lines
    # Even the smallest size is too big: keep the lines that fit (at least one) and end the last with "…".
    max_lines = max(1, int(height // (size * LINE_SPACING)))
    kept = lines[:max_lines] or [""]
    last = kept[-1]
    while last and font.getlength(last + " …") > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    kept[-1] = f"{last} …"
    return font, kept


def render_card(
    *, headline: str, column: str, author: str, palette: dict[str, str], size: tuple[int, int] = (WIDTH, HEIGHT)
) -> bytes:
    """The card at `size`: kicker at the top, byline at the bottom, the headline centred between them."""
    paper, ink, muted, accent = (palette[name] for name in PALETTE_NAMES)
    width, height = size
    image = Image.new("RGB", size, paper)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, BAND - 1, height), fill=accent)
    left, text_width = MARGIN, width - 2 * MARGIN

    kicker_font = ImageFont.truetype(str(SANS_SEMIBOLD), 34)
    kicker = wrap(column.upper(), kicker_font, text_width)[0]
    draw.text((left, MARGIN), kicker, font=kicker_font, fill=accent)

    author_font = ImageFont.truetype(str(SANS), 34)
    byline = wrap(author, author_font, text_width)[0]
    author_top = height - MARGIN - 34
    draw.line((left, author_top - 28, left + 120, author_top - 28), fill=accent, width=4)
    draw.text((left, author_top), byline, font=author_font, fill=muted)

    top = MARGIN + 34 + 40
    box_height = author_top - 60 - top
    font, lines = fit_headline(headline, text_width, box_height)
    step = font.size * LINE_SPACING
    y = top + (box_height - len(lines) * step) / 2  # centred in the space between kicker and byline
    for line in lines:
        draw.text((left, y), line, font=font, fill=ink)
        y += step

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
