"""An icon's path read back as points by another parser than the build's (svgelements, which works out each
segment's points in absolute coordinates), to check the promise of hooks/column/svg_path.py: every point of the
drawing within half a grid step of where the icon's file puts it, and a subpath with an arc exactly as written."""

from __future__ import annotations

from svgelements import Path as SvgPath


def points(d: str) -> list[tuple[str, list[tuple[float, float]]]]:
    """Each segment's kind ("CubicBezier", or "SmoothCubic" for an S, whose first control point is the last one
    mirrored) and its points: start, control points, end; for an arc also its centre, the ends of its two radii
    and its sweep (as a point (sweep, 0)), so that radii, rotation and flags are compared too.
    (svgelements mirrors a T's control point from a cubic curve before it, where SVG 2 takes the current point:
    paths with a T right after a C or S cannot be checked here.)"""
    drawn = []
    for segment in SvgPath(d):
        kind = type(segment).__name__
        # A move draws nothing from where the pen was: its point is where it goes.
        names = (
            ("end",) if kind == "Move" else ("start", "control", "control1", "control2", "end", "center", "prx", "pry")
        )
        found = [(p.x, p.y) for p in (getattr(segment, name, None) for name in names) if p is not None]
        if kind == "Arc":
            found.append((segment.sweep, 0.0))
        kind = "SmoothCubic" if kind == "CubicBezier" and segment.smooth else kind
        drawn.append((kind, found))
    return drawn


def subpath_numbers(drawn: list[tuple[str, list]]) -> list[int]:
    """Each segment's subpath, counted from 0 (a Move starts one)."""
    numbers, count = [], -1
    for kind, _ in drawn:
        count += kind == "Move"
        numbers.append(max(count, 0))
    return numbers


def check_within_half_a_step(original: str, rounded: str, step: float) -> None:
    """Every point within half a step of its place, and in a subpath that has an arc where it was, to a
    hundred-thousandth: an arc's centre is worked out from its ends, and where the ends are nearly a diameter apart
    the numbers kept to nine places move it by up to a millionth."""
    before, after = points(original), points(rounded)
    assert [kind.replace("Smooth", "") for kind, _ in before] == [kind.replace("Smooth", "") for kind, _ in after]
    subpath = subpath_numbers(before)
    with_arcs = {subpath[index] for index, (kind, _) in enumerate(before) if kind == "Arc"}
    for index, ((kind, was), (_, now)) in enumerate(zip(before, after, strict=True)):
        for at, ((x0, y0), (x1, y1)) in enumerate(zip(was, now, strict=True)):
            # An S's mirrored control point: from a point and a control point each half a step off, three halves.
            steps = 3 if kind == "SmoothCubic" and at == 1 else 1
            limit = 1e-5 if subpath[index] in with_arcs else steps * step / 2 + 1e-9
            assert abs(x0 - x1) <= limit and abs(y0 - y1) <= limit, (index, kind, (x0, y0), (x1, y1), step)
