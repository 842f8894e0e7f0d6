"""Which way the Pages workflow goes for a push: the content path when the push changed only what the site's
publisher writes (the columns, the data files and the publisher's settings in mkdocs.yml), the full path
otherwise. Decided from git itself:

    python3 scripts/changes.py BEFORE AFTER      (prints path=content or path=full, for $GITHUB_OUTPUT)

The content path builds and checks the site (`make check`) and deploys; the full path runs the whole suite
first. The suite tests the machinery on its own columns (tests/columns), so an edit of the publisher's files
cannot fail it; anything else (code, templates, tests, requirements, the workflow, the Makefile, a structural
setting of mkdocs.yml) can. When in doubt, full: a first push, an unknown BEFORE (all zeros, or gone after a
force push), a range git cannot read, a mkdocs.yml this script cannot read line by line.

Stdlib only: it runs before anything is installed. tests/build_harness.py takes the publisher's settings from here
too (the suite builds the project's mkdocs.yml without them).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable

CONTENT, FULL = "content", "full"
# The publisher's own folders: the columns (docs/) and the data files (data/: authors, networks, icons and the
# record of what went out).
CONTENT_FOLDERS = ("docs/", "data/")
SETTINGS_FILE = "mkdocs.yml"
# The publisher's settings in mkdocs.yml, as paths of keys (a list item is found by its one key, as the plugins'
# `- redirects:`): what the site is called and where it lives, its words and its redirects. Everything else there
# (theme, hooks, extensions, checks) is structure, and a change to it takes the full path.
PUBLISHER_SETTINGS: tuple[tuple[str, ...], ...] = (
    ("site_name",),
    ("site_url",),
    ("site_description",),
    ("site_author",),
    ("copyright",),
    ("nav",),
    ("extra",),
    ("theme", "language"),
    ("plugins", "redirects", "redirect_maps"),
)
NO_COMMIT = re.compile(r"0*")  # what GitHub sends as `before` for a new branch
# A line of block YAML: its indentation, an optional list dash, and a key (plain or quoted) followed by ':'.
LINE_RE = re.compile(r"(?P<indent> *)(?P<dash>- +)?(?:(?P<key>[^\s'\"#:\-?][^:#]*?|'[^']*'|\"[^\"]*\") *:(?: |$))?")


class Unreadable(Exception):
    """A mkdocs.yml this script does not read line by line (a tab in its indentation): decide full."""


def structure(text: str) -> list[str]:
    """The lines of mkdocs.yml that are not the publisher's settings, blank, or comments alone: what a content
    change leaves as it was. Read as block YAML, by indentation (a line deeper than the one above belongs to
    it), which is how mkdocs.yml is written; flow values stay on their key's line."""
    kept: list[str] = []
    stack: list[tuple[int, str | None]] = []  # (indentation, key) of the lines enclosing this one
    skip_deeper_than: int | None = None
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if "\t" in line[: len(line) - len(line.lstrip())]:
            raise Unreadable("a tab in the indentation")
        match = LINE_RE.match(line)
        indent = len(match.group("indent"))
        if skip_deeper_than is not None:
            if indent > skip_deeper_than:
                continue
            skip_deeper_than = None
        # A list item's key sits after its dash: its own indentation is the key's.
        key_indent = indent + len(match.group("dash") or "")
        while stack and stack[-1][0] >= key_indent:
            stack.pop()
        key = (match.group("key") or "").strip("'\"") or None
        path = tuple(name for _, name in stack if name) + ((key,) if key else ())
        if key and path in PUBLISHER_SETTINGS:
            skip_deeper_than = key_indent
            continue
        stack.append((key_indent, key))
        kept.append(line.rstrip())
    return kept


def without_publisher_settings(config: dict) -> dict:
    """mkdocs.yml as read (a dict) without the publisher's settings: a list item is searched by its key (the
    plugins' redirects). Changes `config` and returns it."""
    for path in PUBLISHER_SETTINGS:
        _drop(config, path)
    return config


def _drop(node: object, path: tuple[str, ...]) -> None:
    if isinstance(node, list):
        for item in node:
            if isinstance(item, dict) and path[0] in item:
                _drop(item, path)
        return
    if not isinstance(node, dict) or path[0] not in node:
        return
    if len(path) == 1:
        del node[path[0]]
    else:
        _drop(node[path[0]], path[1:])


def decide(changed: list[str], settings: Callable[[str], str | None]) -> tuple[str, str]:
    """(path, why) for a push that changed the files `changed`. `settings(which)` is mkdocs.yml's text
    "before" and "after" the push (None where it does not exist)."""
    if not changed:
        return FULL, "the push changed no file (a re-run or an empty commit): the whole suite, to be safe"
    other = [name for name in changed if not name.startswith(CONTENT_FOLDERS) and name != SETTINGS_FILE]
    if other:
        shown = ", ".join(other[:5]) + (f" and {len(other) - 5} more" if len(other) > 5 else "")
        return FULL, f"the push changed more than the publisher's files: {shown}"
    if SETTINGS_FILE in changed:
        before, after = settings("before"), settings("after")
        if before is None or after is None:
            return FULL, f"{SETTINGS_FILE} was added or removed"
        try:
            if structure(before) != structure(after):
                return FULL, f"{SETTINGS_FILE} changed beyond the publisher's settings"
        except Unreadable as error:
            return FULL, f"{SETTINGS_FILE} cannot be compared line by line ({error})"
    return CONTENT, "the push changed only the publisher's files: " + ", ".join(sorted(changed)[:5])


def git(*args: str) -> str:
    return subprocess.run(["git", *args], capture_output=True, text=True, check=True).stdout


def decide_push(before: str, after: str) -> tuple[str, str]:
    if not before or NO_COMMIT.fullmatch(before):
        return FULL, "a first push (no commit before it)"
    try:
        # --no-renames: a file moved from the code into docs/ is listed at both places.
        changed = [name for name in git("diff", "--no-renames", "--name-only", before, after).split("\n") if name]
    except (subprocess.CalledProcessError, OSError) as error:
        return FULL, f"the pushed range cannot be read ({str(error).strip() or 'git failed'})"

    def settings(which: str) -> str | None:
        try:
            return git("show", f"{before if which == 'before' else after}:{SETTINGS_FILE}")
        except subprocess.CalledProcessError:
            return None

    return decide(changed, settings)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: changes.py BEFORE AFTER", file=sys.stderr)
        return 2
    try:
        path, why = decide_push(*args)
    except Exception as error:  # whatever it is, the suite decides: never a skipped deploy, never a skipped test
        path, why = FULL, f"the push could not be read ({type(error).__name__}: {error})"
    print(f"changes: {path} path: {why}", file=sys.stderr)
    print(f"path={path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
