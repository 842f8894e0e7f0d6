"""Publish the site to a web root so that readers never see a half-written site.

    python scripts/publish.py /var/www/column          (or: make publish DEST=/var/www/column)

How: DEST is a symbolic link to a release folder. Each publish
  1. builds with `mkdocs build --strict` into a new temporary folder beside DEST (same filesystem),
  2. runs the build checks (scripts/check_site.py) on it,
  3. moves it into the releases folder beside DEST (.NAME.releases/) and flushes it to disk,
  4. points DEST at it by renaming a new link over the old one: rename(2) is atomic, so every request
     sees either the whole old site or the whole new one, and never a missing DEST,
  5. deletes old releases, keeping the newest KEEP (the previous one stays for a rollback).
Until step 4 nothing a reader can see has changed: when the build or a check fails, DEST is untouched
and the temporary folder is removed. Why not rename the new folder over the old one: rename(2) cannot
replace a non-empty directory, and "move old aside, move new in" leaves a moment with no site.

Stdlib only (mkdocs runs in its own process). A lock on DEST's parent folder keeps two publishes from
interleaving.
"""

from __future__ import annotations

import argparse
import errno
import fcntl
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from check_site import CheckError, check_site, describe, summary  # scripts/ is on sys.path: this file's folder

ROOT = Path(__file__).resolve().parent.parent
KEEP = 3  # releases kept: the live one and two to roll back to
SITE_MODE = 0o755  # mkdtemp makes 0700 folders, which the web server's user could not read
FILE_MODE = 0o644


class PublishError(Exception):
    """Publishing stopped before DEST changed; the message says why."""


# --- the steps ------------------------------------------------------------------------------------------


def build(project: Path, out: Path) -> None:
    """`mkdocs build --strict` into `out`. Its own messages go straight to the terminal."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    result = subprocess.run(command, cwd=project, env=env)
    if result.returncode != 0:
        raise PublishError(f"the build failed (mkdocs exit status {result.returncode}); see its message above")


def configured_site_url(project: Path) -> str:
    """The site_url the build used: SITE_URL if set, else mkdocs.yml's, read by mkdocs itself so that
    `!ENV` and its defaults mean exactly what they mean in the build."""
    code = "import sys\nfrom mkdocs.config import load_config\nprint(load_config(sys.argv[1]).site_url or '')"
    result = subprocess.run(
        [sys.executable, "-c", code, str(project / "mkdocs.yml")],
        cwd=project,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
    )
    url = result.stdout.strip()
    if result.returncode != 0 or not url:
        raise PublishError(f"could not read site_url from mkdocs.yml:\n{result.stderr.strip()}")
    return url  # check_site adds the trailing slash, as the build does


def run_checks(site_dir: Path, site_url: str) -> None:
    try:
        check_site(site_dir, site_url)
    except CheckError as error:
        raise PublishError(f"the build checks failed:\n{error}") from None


def make_readable(folder: Path) -> None:
    """Whatever the umask, the web server (another user) must read every file and enter every folder."""
    os.chmod(folder, SITE_MODE)
    for path in folder.rglob("*"):
        os.chmod(path, SITE_MODE if path.is_dir() else FILE_MODE)


def fsync_tree(folder: Path) -> None:
    """Flush every file and folder to disk, so that a crash right after the switch cannot leave DEST
    pointing at files that were never written."""
    for dirpath, _, filenames in os.walk(folder):
        for name in filenames:
            fsync_path(Path(dirpath, name))
        fsync_path(Path(dirpath))


def fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def release_name(when: float | None = None) -> str:
    """Sorts by time; the random part keeps two publishes in the same second apart."""
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(when)) + "-" + secrets.token_hex(3)


def switch_link(dest: Path, target: str) -> None:
    """Point DEST at `target` (relative to DEST's folder) in one rename(2)."""
    link = dest.parent / f".{dest.name}.link-{secrets.token_hex(4)}"
    os.symlink(target, link)
    try:
        os.replace(link, dest)
    except BaseException:
        link.unlink(missing_ok=True)
        raise
    fsync_path(dest.parent)


def prune(releases: Path, live: Path, keep: int) -> list[str]:
    """Delete all but the newest `keep` releases; never the live one."""
    names = sorted((p.name for p in releases.iterdir() if p.is_dir() and not p.is_symlink()), reverse=True)
    removed = []
    for name in names[keep:]:
        if (releases / name).resolve() != live.resolve():
            shutil.rmtree(releases / name)
            removed.append(name)
    return removed


# --- the whole publish ----------------------------------------------------------------------------------


def check_dest(dest: Path, adopt: bool) -> None:
    """DEST must be missing, a link (from an earlier publish), or with --adopt a folder to take over."""
    if dest.is_symlink() or not dest.exists():
        return
    if not dest.is_dir():
        raise PublishError(f"{dest} exists and is not a folder or a link; refusing to replace it")
    if not adopt and any(dest.iterdir()):
        raise PublishError(
            f"{dest} is a folder, not a link to a release. Publishing replaces it by a link; run again with "
            f"--adopt to move the folder into the releases (it is then the previous release and is deleted "
            f"in time), or move it away yourself."
        )


def adopt_folder(dest: Path, releases: Path) -> Path | None:
    """Turn a plain DEST folder into a release; return where it went (None: it was empty and is gone).
    The one moment DEST is missing is between this rename and the link's; it happens once, the first time."""
    if any(dest.iterdir()):
        # Named by its last change, so that it sorts (and is pruned) before the releases made here.
        adopted = releases / (release_name(dest.stat().st_mtime) + "-adopted")
        os.rename(dest, adopted)
        return adopted
    dest.rmdir()
    return None


@contextmanager
def parent_lock(folder: Path):
    """An exclusive lock on DEST's parent folder: no lock file left beside DEST."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno in (errno.EAGAIN, errno.EACCES):
                raise PublishError(f"another publish into {folder} is running") from None
            raise
        yield
    finally:
        os.close(fd)


def publish(
    dest: Path, *, project: Path = ROOT, site_url: str | None = None, keep: int = KEEP, adopt: bool = False
) -> dict:
    dest = Path(os.path.abspath(dest))
    parent = dest.parent
    if not parent.is_dir():
        raise PublishError(f"{parent} does not exist; create it first (DEST is created inside it)")
    releases = parent / f".{dest.name}.releases"
    with parent_lock(parent):
        check_dest(dest, adopt)
        staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.new-", dir=parent))
        try:
            build(project, staging)
            run_checks(staging, site_url or configured_site_url(project))
            counts = summary(staging)
            make_readable(staging)
            fsync_tree(staging)
            # Nothing a reader sees has changed up to here.
            releases.mkdir(exist_ok=True)
            os.chmod(releases, SITE_MODE)
            name = release_name()
            os.rename(staging, releases / name)
            adopting = dest.is_dir() and not dest.is_symlink()
            adopted = None
            try:
                fsync_path(releases)
                if adopting:
                    adopted = adopt_folder(dest, releases)
                switch_link(dest, f"{releases.name}/{name}")
            except BaseException:
                # Not live: put an adopted DEST back and remove the release, so that a failed publish
                # leaves DEST as it was and nothing beside it.
                if adopting and not os.path.lexists(dest):
                    os.rename(adopted, dest) if adopted else dest.mkdir()
                shutil.rmtree(releases / name, ignore_errors=True)
                raise
        finally:
            # Gone already when it became a release; otherwise a failed build or check.
            shutil.rmtree(staging, ignore_errors=True)
        removed = prune(releases, dest, keep)
    return {**counts, "release": f"{releases.name}/{name}", "removed": removed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build, check and atomically publish the site into DEST.")
    parser.add_argument("dest", type=Path, help="the web root to publish to, e.g. /var/www/column (becomes a link)")
    parser.add_argument("--project", type=Path, default=ROOT, help="the project to build (default: this one)")
    parser.add_argument(
        "--site-url", help="the public address to check the build against (default: the build's site_url)"
    )
    parser.add_argument(
        "--keep", type=int, default=KEEP, help=f"releases to keep, the live one included (default {KEEP})"
    )
    parser.add_argument(
        "--adopt", action="store_true", help="take over a DEST that is a plain folder (first publish only)"
    )
    args = parser.parse_args(argv)
    if args.keep < 1:
        parser.error("--keep must be at least 1")
    # `kill` (SIGTERM) unwinds like Ctrl-C, so the temporary folder is still removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    try:
        result = publish(
            args.dest, project=args.project.resolve(), site_url=args.site_url, keep=args.keep, adopt=args.adopt
        )
    except (PublishError, OSError) as error:
        print(f"publish: nothing published, {args.dest} is unchanged: {error}", file=sys.stderr)
        return 1
    print(f"publish: published {describe(result)} to {args.dest} (release {result['release']})")
    if result["removed"]:
        print(f"publish: removed old releases: {', '.join(result['removed'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
