"""The social card: a 1200x630 PNG drawn from the column's metadata at build time, and the same card in the
ratios of the JSON-LD image list.

Fonts come from PyPI packages (Source Serif Pro and Source Sans Pro for Latin and Cyrillic, Amiri for Arabic),
never from the network, chosen by the script of the site's language. A right-to-left language is drawn from the
right: the band on the right edge, the text aligned right, shaped by libraqm (Pillow's wheel ships it). Pillow
writes no timestamp into a PNG, so the same inputs give the same bytes. The headline is wrapped, then shrunk
until it fits; only a headline too long to fit even at the smallest size is cut, at a word, with "…".
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import font_source_sans_pro
import font_source_serif_pro
import fontpkg_amiri
from PIL import Image, ImageDraw, ImageFont, features

from column.data import InputError

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
AMIRI = fontpkg_amiri.ROOT / "files"


@dataclass(frozen=True)
class Fonts:
    headline: Path
    kicker: Path
    byline: Path


# The card's fonts by the script of the site's language (ISO 15924, as CLDR names it): each set covers its
# script and Latin, for the names and words a column quotes. Amiri, a Naskh type, has Arabic and Latin.
FONTS = {
    "Latn": Fonts(SERIF_BOLD, SANS_SEMIBOLD, SANS),
    "Cyrl": Fonts(SERIF_BOLD, SANS_SEMIBOLD, SANS),
    "Arab": Fonts(AMIRI / "Amiri-Bold.ttf", AMIRI / "Amiri-Bold.ttf", AMIRI / "Amiri-Regular.ttf"),
}


@dataclass(frozen=True)
class Script:
    """How the card's text is set: the script (its fonts), the direction, and the language for shaping."""

    code: str = "Latn"
    direction: str = "ltr"
    language: str = "en"

    def shaping(self) -> dict:
        """Pillow's layout arguments: libraqm's direction and language for a right-to-left script; none for a
        left-to-right one, which Pillow lays out as it always has (and without libraqm, if need be)."""
        return {"direction": self.direction, "language": self.language} if self.direction == "rtl" else {}


def check_script(code: str, tag: str) -> None:
    """A language whose script has no fonts here would be drawn as empty boxes: stop the build instead."""
    if code not in FONTS:
        raise InputError(
            f"mkdocs.yml: field 'theme.language': expected a language whose script the social card has fonts for "
            f"({', '.join(FONTS)}: hooks/column/card.py, FONTS), got {tag!r} (script {code or 'unknown'})."
        )
    if code == "Arab" and not features.check("raqm"):
        raise InputError(
            "The social card needs Pillow with libraqm to shape Arabic (Pillow's wheels ship it); this Pillow has "
            "none, and would draw the letters unjoined."
        )


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int, script: Script = Script()) -> list[str]:
    """Greedy word wrap by rendered width (shaped, in the script's direction); a word wider than a line is
    broken between characters."""

    def length(line: str) -> float:
        return font.getlength(line, **script.shaping())

    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if length(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for ch in word:  # only reached for a word longer than a whole line, or to start a new line
            if length(line + ch) <= width:
                line += ch
            else:
                lines.append(line)
                line = ch
    if line:
        lines.append(line)
    return lines


def fit_headline(
    text: str, width: int, height: int, script: Script = Script()
) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which the wrapped headline fits the box; at the smallest size, cut to fit."""
    fonts = FONTS[script.code]
    for size in HEADLINE_SIZES:
        font = ImageFont.truetype(str(fonts.headline), size)
        lines = wrap(text, font, width, script)
        if len(lines) * size * LINE_SPACING <= height:
            return font, lines
    # Even the smallest size is too big: keep the lines that fit (at least one) and end the last with "…".
    max_lines = max(1, int(height // (size * LINE_SPACING)))
    kept = lines[:max_lines] or [""]
    last = kept[-1]
    while last and font.getlength(last + " …", **script.shaping()) > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    kept[-1] = f"{last} …"
    return font, kept


def render_card(
    *,
    headline: str,
    column: str,
    author: str,
    palette: dict[str, str],
    size: tuple[int, int] = (WIDTH, HEIGHT),
    script: Script = Script(),
) -> bytes:
    """The card at `size`: kicker at the top, byline at the bottom, the headline centred between them; from the
    left edge, or from the right one in a right-to-left script."""
    paper, ink, muted, accent = (palette[name] for name in PALETTE_NAMES)
    fonts = FONTS[script.code]
    width, height = size
    rtl = script.direction == "rtl"
    image = Image.new("RGB", size, paper)
    draw = ImageDraw.Draw(image)
    # The band on the edge the text starts from; the text anchored at the start of its line.
    draw.rectangle((width - BAND, 0, width, height) if rtl else (0, 0, BAND - 1, height), fill=accent)
    start, text_width = (width - MARGIN if rtl else MARGIN), width - 2 * MARGIN
    sign = -1 if rtl else 1
    layout = {"anchor": "ra" if rtl else "la", **script.shaping()}

    kicker_font = ImageFont.truetype(str(fonts.kicker), 34)
    kicker = wrap(column.upper(), kicker_font, text_width, script)[0]
    draw.text((start, MARGIN), kicker, font=kicker_font, fill=accent, **layout)

    author_font = ImageFont.truetype(str(fonts.byline), 34)
    byline = wrap(author, author_font, text_width, script)[0]
    author_top = height - MARGIN - 34
    draw.line((start, author_top - 28, start + sign * 120, author_top - 28), fill=accent, width=4)
    draw.text((start, author_top), byline, font=author_font, fill=muted, **layout)

    top = MARGIN + 34 + 40
    box_height = author_top - 60 - top
    font, lines = fit_headline(headline, text_width, box_height, script)
    step = font.size * LINE_SPACING
    y = top + (box_height - len(lines) * step) / 2  # centred in the space between kicker and byline
    for line in lines:
        draw.text((start, y), line, font=font, fill=ink, **layout)
        y += step

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
