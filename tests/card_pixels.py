"""The social card judged on its pixels: drawn in the page's light colours, each part in its own box, the text
starting at the margin on the band's side (mirrored for a right-to-left language)."""

from __future__ import annotations

import io

from PIL import Image

# The light colours of overrides/assets/column.css (`--oc-NAME: light-dark(#light, #dark)`) that the
# social card is drawn in, as RGB.
PALETTE = {
    "paper": (0xFB, 0xF9, 0xF5),
    "ink": (0x1A, 0x1A, 0x1A),
    "muted": (0x55, 0x55, 0x55),
    "accent": (0xA3, 0x16, 0x1A),
}


# Where the card draws what (1200 x 630 pixels), as (left, top, right, bottom) boxes: the accent band down
# the left edge, the kicker at the top, the headline in the middle, the byline at the bottom, and margins
# left bare. A right-to-left card is the mirror image (mirrored_box): the band down the right edge.
CARD_BOXES = {
    "band": (0, 0, 16, 630),
    "kicker": (60, 60, 1140, 140),
    "headline": (60, 150, 1140, 470),
    "byline": (60, 500, 1140, 600),
    "margins": [(24, 0, 1200, 56), (1130, 0, 1200, 630), (24, 604, 1200, 630)],
}
# Where the text starts: each line of the kicker and the byline begins within this many pixels of the 80-pixel
# margin on the band's side (a glyph's side bearing, not a centred or far-aligned line).
CARD_MARGIN, CARD_START_SLACK = 80, 12


def mirrored_box(box: tuple[int, int, int, int], width: int = 1200) -> tuple[int, int, int, int]:
    left, top, right, bottom = box
    return (width - right, top, width - left, bottom)


def rgb(colour: str) -> tuple[int, int, int]:
    """'#rrggbb' as an (r, g, b) tuple."""
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def hex_colours(palette: dict[str, tuple[int, int, int]]) -> dict[str, str]:
    """A palette of (r, g, b) tuples as the card's drawing takes it: {name: '#rrggbb'}."""
    return {name: "#{:02x}{:02x}{:02x}".format(*colour) for name, colour in palette.items()}


def card_problems(png: bytes, palette: dict[str, tuple[int, int, int]], *, rtl: bool = False) -> list[str]:
    """What is wrong with a card drawn in `palette` ({paper, ink, muted, accent: (r, g, b)}), judged on its
    pixels: the size, the paper, the band and the kicker in the accent, the headline in ink, the byline
    in the muted colour, each in its own box, the kicker and byline starting at the margin on the band's side
    (rtl=True: everything mirrored, from the right). Glyph edges are blended, so counts are of exact colours."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    if image.size != (1200, 630):
        return [f"size {image.size}"]

    def place(box):
        return mirrored_box(box) if rtl else box

    def count(box, name: str) -> int:
        colours = image.crop(box).getcolors(maxcolors=area(box))
        return sum(number for number, colour in colours if colour == palette[name])

    def area(box) -> int:
        return (box[2] - box[0]) * (box[3] - box[1])

    problems = []
    side = "right" if rtl else "left"
    if count(place(CARD_BOXES["band"]), "accent") != area(CARD_BOXES["band"]):
        problems.append(f"the band down the {side} edge is not all accent")
    for box in map(place, CARD_BOXES["margins"]):
        if count(box, "paper") != area(box):
            problems.append(f"the margin {box} is not bare paper")
    expected = {"kicker": "accent", "headline": "ink", "byline": "muted"}
    for part, colour in expected.items():
        box = place(CARD_BOXES[part])
        if count(box, colour) < 200:  # a short name in Amiri's thin strokes has about 270 such pixels
            problems.append(f"no {part} drawn in {colour} in {box}")
        for other_part, other in expected.items():
            if other_part != part and count(box, other) > 0:
                problems.append(f"{other} ({other_part}'s colour) drawn in the {part}'s box")
    for part in ("kicker", "byline"):
        box = place(CARD_BOXES[part])
        columns = [
            x
            for x in range(box[0], box[2])
            if any(image.getpixel((x, y)) == palette[expected[part]] for y in range(box[1], box[3]))
        ]
        start = (1200 - max(columns) - 1) if rtl and columns else (min(columns) if columns else None)
        if start is not None and not CARD_MARGIN <= start <= CARD_MARGIN + CARD_START_SLACK:
            problems.append(f"the {part} starts {start} px from the {side} edge, not at the {CARD_MARGIN} px margin")
    return problems
