"""Edits of a copied project (build_harness.copy_project) as a publisher would make them: a field of a YAML
file or of a page's front matter set, fields added, a site setting changed, a paragraph reworded."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from build_harness import copy_project
from suite_columns import COLUMNS

# The optional fields the suite's home page leaves unset, set as the next column would set them: dates as an
# author types them (unquoted), and a site handle made up for the tests.
DATES = {"date": "2016-03-28", "updated": "2016-03-29T10:15:00+01:00"}
TWITTER_SITE = "@ColumnsExample"


def yaml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def edit(path: Path, pattern: str, replacement: str) -> None:
    """Replace the first match of a regular expression (multi-line mode), which must be there."""
    text = path.read_text(encoding="utf-8")
    assert re.search(pattern, text, flags=re.M), f"{pattern!r} not in {path}"
    path.write_text(re.sub(pattern, replacement, text, count=1, flags=re.M), encoding="utf-8")


def replace_text(path: Path, old: str, new: str) -> None:
    """Replace the first `old`, which must be there, by `new`: an edit of plain text, not a pattern."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def set_fields(path: Path, fields: dict[str, str]) -> None:
    """Set the first `key: ...` line to a quoted value; the key includes its indentation."""
    for key, value in fields.items():
        edit(path, rf"^{re.escape(key)}: .*$", f"{key}: {yaml_string(value)}".replace("\\", "\\\\"))


def add_front_matter(path: Path, fields: dict[str, str]) -> None:
    """Add `key: value` lines, as written, at the end of the page's front matter."""
    text = path.read_text(encoding="utf-8")
    end = text.index("\n---\n", 4) + 1
    lines = "".join(f"{key}: {value}\n" for key, value in fields.items())
    path.write_text(text[:end] + lines + text[end:], encoding="utf-8")


def set_language(project: Path, language: str) -> None:
    """theme.language, as written in mkdocs.yml."""
    edit(project / "mkdocs.yml", r"^  language: en-GB$", f"  language: {language}")


def set_twitter_site(project: Path, handle: str) -> None:
    """The site's own X handle, extra.twitter_site."""
    edit(project / "mkdocs.yml", r"^extra:$", f"extra:\n  twitter_site: {yaml_string(handle)}")


# A corrected column: two corrections (Markdown, with a link to a paragraph, code and character references),
# and the first body paragraph's opening reworded, the id it was published with pinned at its end.
CORRECTIONS = (
    "\n"
    "  - date: 2016-03-30\n"
    '    text: "An earlier version said the Russian Air Force flew *50* sorties; it flew '
    '[500](#russia-has-contributed-to-the-battle)."\n'
    "  - date: 2016-04-02T09:00:00+01:00\n"
    '    text: "The opening of the column\'s first paragraph was reworded, and `Palmyra` & &lt;co&gt; spelt out."\n'
)
CORRECTED = (
    "An earlier version said the Russian Air Force flew 50 sorties; it flew 500.",
    "The opening of the column's first paragraph was reworded, and Palmyra & <co> spelt out.",
)
PUBLISHED_ID = "the-liberation-of-palmyra-is-compelling"  # the id the first body paragraph was published with
REWORDED = "Palmyra's liberation is compelling proof"


def corrected_project(dest: Path) -> Path:
    """The suite's project with the home page dated and corrected, and its first paragraph reworded and pinned."""
    project = copy_project(dest)
    index = project / "docs" / "index.md"
    add_front_matter(index, {"date": "2016-03-28", "corrections": CORRECTIONS})
    opening = "The liberation of Palmyra is compelling proof"
    edit(index, rf"^{opening}(.*)$", REWORDED + r"\1\n{#" + PUBLISHED_ID + "}")
    return project


# A record of what went out for the suite's columns (tests/columns/README.md), for the link guard.
RECORD = COLUMNS / "records" / "published.yml"


def recorded_project(dest: Path) -> Path:
    """The suite's project with its record of what went out in data/: built with the link guard on."""
    project = copy_project(dest)
    shutil.copy(RECORD, project / "data" / "published.yml")
    return project


def moved_project(dest: Path) -> Path:
    """A recorded project whose second column's file is renamed, its old address redirected as the build asks."""
    project = recorded_project(dest)
    (project / "docs" / "second.md").rename(project / "docs" / "ceasefire.md")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "plugins:\n  - redirects:\n      redirect_maps:\n        second.md: ceasefire.md\n",
        encoding="utf-8",
    )
    return project
