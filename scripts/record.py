"""Keep the record of what went out (data/published.yml) current: after a site goes live, every page address it
has and the ids of its paragraphs are added to the record, which the build reads to stop an edit that would
break a link readers already have (hooks/column/links_guard.py). Nothing is ever dropped here: letting a link go
is an editor's deliberate edit of the record.

    python scripts/record.py SITE_DIR               add what the built site SITE_DIR publishes (make record)
    python scripts/record.py SITE_DIR --print-ids   print it as one line of JSON (the Pages workflow's build job)
    python scripts/record.py --ids FILE             add what such a line in FILE says (its record job)

`make publish` records the release it switched to (after_publish). --project names the project whose record is
kept (default: this one).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))  # the record's format is the build's (hooks/column/published.py)

from column import published  # noqa: E402
from column.data import InputError  # noqa: E402


def site_pages(site_dir: Path) -> dict[str, list[str]]:
    """What a built site publishes: its pages' addresses and their linked paragraphs' ids, in page order. Pages
    without linked paragraphs (a redirect page) and the not-found page are not columns: left out."""
    pages = {}
    for path in sorted(Path(site_dir).rglob("*.html")):
        address = published.address_of(path.relative_to(site_dir).as_posix())
        ids = [id_ for id_, _ in published.paragraphs(path.read_text(encoding="utf-8"))]
        if address and ids:
            pages[address] = ids
    return pages


def add_to_record(project: Path, pages: dict[str, list[str]]) -> bool:
    """Add `pages` to the project's record; whether the file changed."""
    path = project / published.RECORD_FILE
    before = path.read_text(encoding="utf-8") if path.is_file() else None
    if not pages:
        return False  # nothing to add: the file is left as it is, even to its spacing
    recorded = published.read_record(before).pages
    after = published.write_record(published.merge(recorded, pages))
    if after == before:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(after, encoding="utf-8")
    return True


def read_ids(path: Path) -> dict[str, list[str]]:
    """What --print-ids wrote, read back from the file the workflow's record job is given."""
    try:
        pages = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: expected one line of JSON as --print-ids writes it: {error}") from None
    if not isinstance(pages, dict) or not all(
        isinstance(ids, list) and all(isinstance(id_, str) for id_ in ids) for ids in pages.values()
    ):
        raise InputError(f"{path}: expected {{address: [paragraph ids]}}, as --print-ids writes it")
    return pages


def after_publish(project: Path, dest: Path) -> int:
    """For scripts/publish.py, once DEST serves the new release: record what it publishes. The site is live
    whatever happens here; a record that cannot be written is said, with how to write it again. A site without
    columns (no paragraph links) leaves the record alone."""
    try:
        pages = site_pages(dest)
        if not pages:
            return 0
        changed = add_to_record(project, pages)
    except (InputError, OSError) as error:
        print(f"publish: published, but {published.RECORD_FILE} was not updated: {error}", file=sys.stderr)
        print("publish: fix it, then run `make record` and commit it", file=sys.stderr)
        return 1
    what = "updated: commit it" if changed else "already lists every address and id"
    print(f"publish: {published.RECORD_FILE} {what}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Add what a published site has to data/published.yml.")
    parser.add_argument("site_dir", type=Path, nargs="?", help="the built site that went live")
    parser.add_argument("--print-ids", action="store_true", help="print the site's addresses and ids as JSON")
    parser.add_argument("--ids", type=Path, help="a file holding such JSON, to add instead of a site's")
    parser.add_argument("--project", type=Path, default=ROOT, help="the project whose record to keep")
    args = parser.parse_args(argv)
    if (args.site_dir is None) == (args.ids is None):
        parser.error("give either SITE_DIR or --ids FILE")
    try:
        pages = site_pages(args.site_dir) if args.site_dir else read_ids(args.ids)
        if args.print_ids:
            print(json.dumps(pages, ensure_ascii=False, separators=(",", ":")))
        else:
            changed = add_to_record(args.project, pages)
            print(f"record: {published.RECORD_FILE} {'updated' if changed else 'unchanged'}")
    except InputError as error:
        print(f"record: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
