"""`make check`, the editor's command: build the site as it stands, strictly, and check it as every publish does
and more, with no browser, in seconds. Run it before pushing.

    python scripts/check.py [--project DIR] [--site-dir DIR]

1. `mkdocs build --strict` into site/ (the build itself stops on a bad input, and on an edit that would break a
   link that went out: data/published.yml);
2. scripts/check_site.py, as `make publish` and the Pages workflow run it;
3. scripts/page_checks.py on every column page: link previews, images, share links, the policy, the sitemap, and
   the first view's budget (bench/budget.yml).
The site's address is SITE_URL or mkdocs.yml's site_url. Its placeholder (https://example.com/) is fine here:
`make publish` and the Pages workflow refuse it, and say how to set the real one.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import yaml

from check_site import CheckError, check_site, describe, preview_requested, site_url_problem, summary
from page_checks import check_pages
from publish import PublishError, build, configured_site_url

ROOT = Path(__file__).resolve().parent.parent
BUDGET = Path("bench") / "budget.yml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the site strictly and check it, as a publish would.")
    parser.add_argument("--project", type=Path, default=ROOT, help="the project to check (default: this one)")
    parser.add_argument("--site-dir", type=Path, help="where to build (default: the project's site/)")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    site_dir = (args.site_dir or project / "site").resolve()
    started = time.monotonic()
    try:
        build(project, site_dir)  # as `make publish` builds
    except PublishError:
        print("check: the build stopped; its message is above", file=sys.stderr)
        return 1
    built = time.monotonic()
    site_url = os.environ.get("SITE_URL") or configured_site_url(project)
    placeholder = site_url_problem(site_url)
    preview = preview_requested()
    problems = []
    try:
        check_site(site_dir, site_url, preview=preview, placeholder_ok=True)
    except CheckError as error:
        problems.append(str(error))
    budget = yaml.safe_load((ROOT / BUDGET).read_text(encoding="utf-8"))
    pages, found = check_pages(site_dir, site_url, budget["bytes"], budget["requests"], preview=preview)
    problems += [f"  - {problem}" for problem in found]
    if problems:
        print(f"check: {site_dir} must not be published:\n" + "\n".join(problems), file=sys.stderr)
        return 1
    done = time.monotonic()
    print(
        f"check: OK, {pages} column page{'' if pages == 1 else 's'} ({describe(summary(site_dir))}); "
        f"built in {built - started:.1f} s, checked in {done - built:.1f} s"
    )
    if placeholder:
        print(f"check: note: {placeholder}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
