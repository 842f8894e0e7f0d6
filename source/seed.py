"""What each line of column.txt is (source/README.md says it in words). The one place that knows the
layout: the tests take their expectations from here, and the benchmark its default-Material page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

COLUMN_TXT = Path(__file__).with_name("column.txt")


@dataclass(frozen=True)
class Seed:
    icons: str  # line 1: the original page's icon names, run together
    headline: str  # line 3 (line 7 repeats it)
    column: str  # line 5: the column's name
    bio: str  # line 6
    standfirst: str  # line 8
    body: tuple[str, ...]  # lines 10 to 20, even lines: six paragraphs
    disclaimer: str  # the last line


def read_seed(path: Path = COLUMN_TXT) -> Seed:
    lines = path.read_text(encoding="utf-8").split("\n")
    return Seed(
        icons=lines[0],
        headline=lines[2],
        column=lines[4],
        bio=lines[5],
        standfirst=lines[7],
        body=tuple(lines[9:20:2]),
        disclaimer=lines[-1],
    )
