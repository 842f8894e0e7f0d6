"""The sharing column (tests/columns/sharing): a project to build, with the networks readers share on now and an
author with several profiles. Its expectations, written out from its files and from each network's documented
address for sharing, are here for the tests that read the built page (tests/test_sharing.py,
tests/test_author_profiles.py, tests/browser/test_fediverse_dialog.py)."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote

from build_harness import copy_project
from suite_columns import COLUMNS, SITE_URL

SHARING = COLUMNS / "sharing"
# The one line that keeps a ready entry out (its data/networks.yml has three): deleting it turns the entry on.
TURNED_OFF = "  enabled: false\n"
READY = ["Threads", "LinkedIn", "Reddit"]


def sharing_project(dest: Path, language: str | None = None, *, turned_on: bool = False) -> Path:
    """A copy of the project (support.copy_project) with the sharing column's networks and icons. In English, its
    column and author too, in place of the suite's columns; in another language (support.LANGUAGES), that
    language's columns and author stay. turned_on=True deletes each `enabled: false` line, as a publisher turns
    a ready network on."""
    project = copy_project(dest, language)
    if language is None:
        shutil.rmtree(project / "docs")
        shutil.copytree(SHARING / "docs", project / "docs")
        shutil.copy(SHARING / "data" / "authors.yml", project / "data" / "authors.yml")
    for name in ("networks.yml", "icons.yml"):
        shutil.copy(SHARING / "data" / name, project / "data" / name)
    if turned_on:
        networks = project / "data" / "networks.yml"
        text = networks.read_text(encoding="utf-8")
        assert text.count(TURNED_OFF) == len(READY)
        networks.write_text(text.replace(TURNED_OFF, ""), encoding="utf-8")
    return project


# The sharing column's headline, as its front matter writes it with escapes: 360 graphemes, 370 code points.
HEADLINE = (
    "A headline long enough to be cut for Bluesky: Zoe\u0308\u2019s cafe\u0301 reopened "
    "(readers \U0001f469\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466 \U0001f1fa\U0001f1e6 cheered), "
    "and then the council, the mayor, the press, the neighbours and every passer-by argued for weeks about "
    "whether a cafe\u0301 that serves only one dish, a soup, counts as a restaurant at all, until the soup "
    "itself became the town\u2019s symbol and its recipe went on show in the museum"
)
# What Bluesky gets: the headline cut after its last whole word that leaves room, with the address, for 300
# graphemes (Unicode's extended grapheme clusters, as Bluesky counts): 254 + "…" + " " + 41.
BLUESKY_HEADLINE = HEADLINE[: HEADLINE.index(" restaurant")] + "\u2026"
AUTHOR = "Dr Ngozi Okafor"
# The author's profiles in order: the one the bio's sentence names, then the others.
PROFILES = [
    ("X", "@ngozi_example", "https://x.com/ngozi_example"),
    ("Bluesky", "@ngozi.example.social", "https://bsky.app/profile/ngozi.example.social"),
    ("Mastodon", "@ngozi@mastodon.example", "https://mastodon.example/@ngozi"),
    ("Telegram", "@ngozi_example", "https://t.me/ngozi_example"),
]

_URL = quote(SITE_URL, safe="")
_TITLE = quote(HEADLINE, safe="")
# The share bar with the ready entries on, each network's documented address with the page's address and
# headline where it reads them, percent-encoded as UTF-8; Mastodon's with {server} left for the page's script.
SHARE_BAR = {
    "Share on Facebook": f"https://www.facebook.com/sharer/sharer.php?u={_URL}",
    "Share on X": f"https://x.com/intent/tweet?url={_URL}&text={_TITLE}",
    "Share on Bluesky": f"https://bsky.app/intent/compose?text={quote(BLUESKY_HEADLINE, safe='')}%20{_URL}",
    "Share on Mastodon": f"https://{{server}}/share?text={_TITLE}%20{_URL}",
    "Share on Threads": f"https://www.threads.com/intent/post?text={_TITLE}&url={_URL}",
    "Share on LinkedIn": f"https://www.linkedin.com/sharing/share-offsite/?url={_URL}",
    "Share on Reddit": f"https://www.reddit.com/submit?url={_URL}&title={_TITLE}",
    "Share by e-mail": f"mailto:?subject={_TITLE}&body={_URL}",
}
# The passage toolbar's networks, those that take text, in order.
TOOLBAR = ["Share on X", "Share on Bluesky", "Share on Mastodon", "Share on Threads", "Share by e-mail"]
