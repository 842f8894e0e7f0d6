"""An icon's drawing with fewer digits: its path data on a grid of about a thousandth of the icon's size.

Every inline icon's path is in the first view (the sprite, the favicon's data: URL), and Font Awesome writes its
coordinates to a tenth of a unit on a 512-unit square: a precision no screen shows at icon size. On a grid of
1/500 of the view box (1 unit there) each point moves at most half a step, 0.02 px on an 18 px icon; the page's
icons lose a quarter of their bytes.

Rounding each relative coordinate on its own would let the errors add up along a path. So every point is
worked out where it really is, rounded there, and written relative to the rounded point before it: no written
point is ever further than half a step from its true place (an S curve's first control point, the last one
mirrored, three half steps; a T is written out as a Q, as its mirrored point could drift down a run of them).
A subpath with an arc is kept as written.

Pure functions of text in and text out.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

# How many numbers each command takes per repeat (SVG 2, "Path data"); an arc's 4th and 5th are flags.
ARITY = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7, "Z": 0}
NUMBER_RE = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
SEPARATOR_RE = re.compile(r"[\s,]*")
FLAG_RE = re.compile(r"[01]")
COMMAND_RE = re.compile(r"[MLHVCSQTAZmlhvcsqtaz]")
PATH_D_RE = re.compile(r'(<path\b[^>]*?\sd=")([^"]*)(")')
VIEWBOX_RE = re.compile(r'\bviewBox="([^"]*)"')
# The grid: the largest power of ten no bigger than this share of the view box's larger side.
GRID_SHARE = 1 / 500
# A kept subpath's numbers are written as read, to this many places: far below anything a screen shows.
EXACT_PLACES = 9


def parse(d: str) -> list[tuple[str, list[float]]]:
    """[(command letter, its numbers)] of path data; ValueError where it is not path data."""
    commands, at = [], SEPARATOR_RE.match(d, 0).end()
    while at < len(d):
        letter = COMMAND_RE.match(d, at)
        if not letter:
            raise ValueError(f"path data: expected a command letter at {at}: {d[at : at + 20]!r}")
        name, at = letter.group(0), letter.end()
        arity, numbers = ARITY[name.upper()], []
        while True:
            at = SEPARATOR_RE.match(d, at).end()
            index = len(numbers) % arity if arity else 0
            pattern = FLAG_RE if name.upper() == "A" and index in (3, 4) else NUMBER_RE
            found = pattern.match(d, at) if arity else None
            if not found:
                other = pattern is FLAG_RE and NUMBER_RE.match(d, at)
                if other:
                    raise ValueError(f"path data: an arc's flags are 0 or 1, got {other.group(0)}")
                break
            numbers.append(float(found.group(0)))
            at = found.end()
        if (arity and not numbers) or (arity and len(numbers) % arity) or (not arity and numbers):
            raise ValueError(f"path data: {name} takes {arity or 'no'} numbers a time, got {len(numbers)}")
        commands.append((name, numbers))
    return commands


def grid_places(view_box: str) -> int | None:
    """Decimal places of the grid for an icon of this view box ("minx miny width height"); None when it is not
    four numbers with a width and a height."""
    try:
        sides = [float(side) for side in view_box.replace(",", " ").split()]
    except ValueError:
        return None
    if len(sides) != 4 or min(sides[2:]) <= 0:
        return None
    return max(0, -math.floor(math.log10(max(sides[2:]) * GRID_SHARE)))


def number(value: float, places: int) -> str:
    text = f"{value:.{places}f}".rstrip("0").rstrip(".") if places else str(round(value))
    text = text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text
    return "0" if text in ("-0", "", "-") else text


def join(numbers: list[str]) -> str:
    """Numbers as path data writes them: a space only where the next would otherwise run into the one before
    (a sign starts a number; so does a second decimal point)."""
    out, last = "", ""
    for text in numbers:
        runs_on = text.startswith("-") or (text.startswith(".") and "." in last)
        out += text if runs_on or not last else " " + text
        last = text
    return out


def subpaths(commands: list[tuple[str, list[float]]]) -> list[list[tuple[str, list[float]]]]:
    """The commands cut where each M or m starts a subpath."""
    cut: list[list[tuple[str, list[float]]]] = []
    for command in commands:
        if command[0] in "Mm" or not cut:
            cut.append([])
        cut[-1].append(command)
    return cut


@lru_cache(maxsize=256)  # each page's sprite draws the same few icons
def rounded(d: str, places: int) -> str:
    """Path data with every point on the grid of `places` decimals, each at most half a step from where it was.
    A subpath with an arc is kept as written: an arc between two points nearly a diameter apart (a half circle,
    common in icons) turns on its radius, and a point moved by half a step can move its centre by many."""

    def snap(value: float) -> float:
        return round(value, places)

    def kept(value: float) -> float:
        return value

    x = y = start_x = start_y = 0.0  # where the pen truly is, and where its subpath began
    rx = ry = rstart_x = rstart_y = 0.0  # where the pen is drawn, and where the drawn subpath began
    quad_x = quad_y = 0.0  # the last quadratic curve's true control point
    last = ""  # the command before
    out = []
    for subpath in subpaths(parse(d)):
        exact = any(name in "Aa" for name, _ in subpath)
        precision = EXACT_PLACES if exact else places
        place = kept if exact else snap
        for index, (name, numbers) in enumerate(subpath):
            upper, relative = name.upper(), name.islower()
            arity = ARITY[upper]
            if upper == "Z":
                x, y, rx, ry = start_x, start_y, rstart_x, rstart_y
                out.append(name)
                last = upper
                continue
            # A subpath's first move is written absolute when the drawn pen is not where the true one is (a
            # kept subpath follows the true pen) or is off the grid (a rounded one after a kept one).
            on_grid = snap(rx) == rx and snap(ry) == ry
            if index == 0 and relative and (exact or not on_grid):
                absolute, px, py = [], x, y
                for at in range(0, len(numbers), 2):
                    px, py = px + numbers[at], py + numbers[at + 1]
                    absolute += [px, py]
                name, relative, numbers = "M", False, absolute
            written = []
            for at in range(0, len(numbers), arity):
                args = numbers[at : at + arity]
                base_x, base_y = (x, y) if relative else (0.0, 0.0)
                rbase_x, rbase_y = (rx, ry) if relative else (0.0, 0.0)
                previous, last = last, upper

                if upper == "H":
                    x = base_x + args[0]
                    rx = place(x)
                    written.append(number(rx - rbase_x, precision))
                    continue
                if upper == "V":
                    y = base_y + args[0]
                    ry = place(y)
                    written.append(number(ry - rbase_y, precision))
                    continue
                pairs = args
                if upper == "T":
                    # Its control point is the last one mirrored: mirrored from a rounded point it would move
                    # by three half steps, and more down a run of T. Written out (a Q), it moves by half a step.
                    cx, cy = (2 * x - quad_x, 2 * y - quad_y) if previous in ("Q", "T") else (x, y)
                    pairs = [cx - base_x, cy - base_y, *args]
                if upper in ("Q", "T"):
                    quad_x, quad_y = base_x + pairs[0], base_y + pairs[1]
                if upper == "A":  # only in a kept subpath: the radii, rotation and flags as written
                    written += [number(value, EXACT_PLACES) for value in args[:3]]
                    written += [str(int(args[3])), str(int(args[4]))]
                    pairs = args[5:7]
                for pair in range(0, len(pairs), 2):
                    px, py = base_x + pairs[pair], base_y + pairs[pair + 1]
                    written += [number(place(px) - rbase_x, precision), number(place(py) - rbase_y, precision)]
                x, y = base_x + pairs[-2], base_y + pairs[-1]
                rx, ry = place(x), place(y)
                if upper == "M" and at == 0:
                    start_x, start_y, rstart_x, rstart_y = x, y, rx, ry
            name = {"T": "Q", "t": "q"}.get(name, name)
            out.append(name + join(written))
    return "".join(out)


def coarser_drawing(svg: str) -> str:
    """An SVG file with each <path>'s data on the grid of its view box (unchanged without a usable view box)."""
    view_box = VIEWBOX_RE.search(svg)
    places = grid_places(view_box.group(1)) if view_box else None
    if places is None:
        return svg
    return PATH_D_RE.sub(lambda match: match.group(1) + rounded(match.group(2), places) + match.group(3), svg)
