"""An icon's path read back as points by another parser than the build's (svgelements, which works out each
segment's points in absolute coordinates), to check the promise of hooks/column/svg_path.py: every point of the
drawing within half a grid step of where the icon's file puts it, and a subpath with an arc exactly as written."""

from __future__ import annotations

from svgelements import Path as SvgPath


def points(d: str) -> list[tuple[str, list[tuple[float, float]]]]:
    """Each segment's kind ("CubicBezier", or "SmoothCubic" for an S, whose first control point is the last one
    mirrored) and its points: start, control points, end."""
    drawn = []
    for segment in SvgPath(d):
        kind = type(segment).__name__
        # A move draws nothing from where the pen was: its point is where it goes.
        names = ("end",) if kind == "Move" else ("start", "control", "control1", "control2", "end")
        found = [getattr(segment, name, None) for name in names]
        kind = "SmoothCubic" if kind == "CubicBezier" and segment.smooth else kind
        drawn.append((kind, [(p.x, p.y) for p in found if p is not None]))
    return drawn


def subpath_numbers(drawn: list[tuple[str, list]]) -> list[int]:
    """Each segment's subpath, counted from 0 (a Move starts one)."""
    numbers, count = [], -1
    for kind, _ in drawn:
        count += kind == "Move"
        numbers.append(max(count, 0))
    return numbers


def check_within_half_a_step(original: str, rounded: str, step: float) -> None:
    """Every point within half a step of its place, and exactly there in a subpath that has an arc."""
    before, after = points(original), points(rounded)
    assert [kind.replace("Smooth", "") for kind, _ in before] == [kind.replace("Smooth", "") for kind, _ in after]
    subpath = subpath_numbers(before)
    with_arcs = {subpath[index] for index, (kind, _) in enumerate(before) if kind == "Arc"}
    for index, ((kind, was), (_, now)) in enumerate(zip(before, after, strict=True)):
        for at, ((x0, y0), (x1, y1)) in enumerate(zip(was, now, strict=True)):
            # An S's mirrored control point: from a point and a control point each half a step off, three halves.
            steps = 3 if kind == "SmoothCubic" and at == 1 else 1
            limit = 1e-9 if subpath[index] in with_arcs else steps * step / 2 + 1e-9
            assert abs(x0 - x1) <= limit and abs(y0 - y1) <= limit, (index, kind, (x0, y0), (x1, y1), step)
