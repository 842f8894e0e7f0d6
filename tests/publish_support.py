"""For the publish tests: a stand-in for the build, and scripts/publish.py run in a process of its own with
that stand-in, held at a step until the test releases it (two real publishes and the lock, a signal sent
from outside).

    python tests/publish_support.py HOLD_AT STATE_DIR PUBLISH_ARGS...

HOLD_AT is "build" (held in the middle of the build) or "switch" (held right after DEST is switched):
the process creates STATE_DIR/held there and goes on once STATE_DIR/go exists. With "switch-error" it is
not held: the switch takes effect and then reports a failure (EIO), as a network file system may.
"""

from __future__ import annotations

import errno
import sys
import time
from pathlib import Path

from support import SITE_URL

POLICY = "default-src 'self'"


def stand_in_site(out: Path, label: str) -> None:
    """A small site that passes scripts/check_site.py, its pages marked with `label` so that a test can
    tell one build from another. Written file by file, as a build writes: the pages, then the assets folder."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
    files = {
        "index.html": (
            f'<!doctype html><html lang="en"><head>{meta}<link rel="canonical" href="{SITE_URL}">'
            f'<title>{label}</title></head><body><h1>{label}</h1><a href="assets/note.txt">note</a></body></html>'
        ),
        "404.html": f"<!doctype html><html><head>{meta}<title>Not found</title></head><body></body></html>",
        "_headers": (
            f"/*\n  Content-Security-Policy: {POLICY}\n  Referrer-Policy: no-referrer\n"
            "  X-Content-Type-Options: nosniff\n  Permissions-Policy: camera=()\n"
        ),
        "robots.txt": "User-agent: *\n",
        "sitemap.xml": '<?xml version="1.0"?><urlset/>',
        "favicon.ico": "icon",
        "apple-touch-icon.png": "icon",
    }
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
    (out / "assets").mkdir()
    (out / "assets" / "note.txt").write_text(label, encoding="utf-8")


def hold(state: Path) -> None:
    (state / "held").touch()
    while not (state / "go").exists():
        time.sleep(0.005)


def main(argv: list[str]) -> int:
    hold_at, state, publish_args = argv[0], Path(argv[1]), argv[2:]
    import publish  # scripts/ is on PYTHONPATH

    def build(project: Path, out: Path) -> None:
        stand_in_site(out, "held build")
        if hold_at == "build":
            hold(state)

    real_switch = publish.switch_link

    def switch_link(dest: Path, target: str) -> None:
        real_switch(dest, target)
        if hold_at == "switch":
            hold(state)
        if hold_at == "switch-error":
            raise OSError(errno.EIO, "injected fault after the switch took effect")

    publish.build = build
    publish.switch_link = switch_link
    return publish.main(publish_args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
