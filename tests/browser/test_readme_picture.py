"""The README's picture is one that `make screenshots` writes, and it is there."""

from __future__ import annotations

import re
import struct

import screenshots


def test_readme_picture_is_written_by_make_screenshots():
    readme = (screenshots.ROOT / "README.md").read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", readme)
    assert pictures, "README.md shows no picture"
    written = {
        path.relative_to(screenshots.ROOT).as_posix(): (options, full) for path, options, full in screenshots.SHOTS
    }
    for picture in pictures:
        assert picture in written, f"README.md shows {picture}, which `make screenshots` does not write"
        png = (screenshots.ROOT / picture).read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n", picture
        width, height = struct.unpack(">II", png[16:24])
        options, full_page = written[picture]
        assert width == options["viewport"]["width"], (picture, width)
        if not full_page:
            assert height == options["viewport"]["height"], (picture, height)
