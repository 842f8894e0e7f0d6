"""Publish the site to a web root so that readers never see a half-written site.

    python scripts/publish.py /var/www/column          (or: make publish DEST=/var/www/column)

How: DEST is a symbolic link to a release folder. Each publish, once the site URL is known to be a real
address (a placeholder such as mkdocs.yml's default is refused before anything is built),
  1. builds with `mkdocs build --strict` into a new temporary folder beside DEST (same filesystem),
  2. runs the build checks (scripts/check_site.py) on it,
  3. moves it into the releases folder beside DEST (.NAME.releases/) under the next release number,
     flushed to disk,
  4. points DEST at it by renaming a new link over the old one: rename(2) is atomic, so every request
     sees either the whole old site or the whole new one, and never a missing DEST; then flushes DEST's
     folder, so that the switch survives a crash,
  5. deletes old releases, keeping the newest KEEP (the previous one stays for a rollback).
Why not rename the new folder over the old one: rename(2) cannot replace a non-empty directory, and
"move old aside, move new in" leaves a moment with no site.

Faults. Steps 1 and 2 change nothing a reader sees: a failure there, or SIGINT/SIGTERM, removes the
temporary folder and leaves DEST as it was. Steps 3 and 4 are all or nothing: a failure undoes them
(DEST as it was); a signal is held (blocked) until DEST serves the new release, so it cannot cut them in
two; it then stops the publish before step 5 (one that arrives during step 5 lets it finish). From step 4
on the new release is live and stays live: a failure or a signal after it undoes nothing and is reported
as "published, but". What counts is what DEST points at, read after the failure, not the error: a call
can take effect and still report a failure (a network file system whose reply to a rename is lost), so a
switch that reports an error but went through is "published, but" too, and no path removes the release
DEST points at. The message always says which release DEST serves, as read from DEST.

Releases are numbered (000001-20261126T101500Z): the number, taken under the lock, orders them, so that
neither several publishes in one second nor a clock set back can make an old release look newer.

Stdlib only (mkdocs runs in its own process). A lock on DEST's parent folder keeps two publishes from
interleaving.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import fcntl
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

# scripts/ is on sys.path: this file's folder
from check_site import CheckError, check_site, describe, preview_requested, site_url_problem, summary

ROOT = Path(__file__).resolve().parent.parent
KEEP = 3  # releases kept: the live one and two to roll back to
SITE_MODE = 0o755  # whatever the umask: the web server runs as another user (make_readable)
FILE_MODE = 0o644
INTERRUPTS = frozenset({signal.SIGINT, signal.SIGTERM})
RELEASE = re.compile(r"(?P<number>\d{6,})-\d{8}T\d{6}Z(-adopted)?")


class PublishError(Exception):
    """Publishing stopped before DEST changed; the message says why."""


class PublishedWithError(Exception):
    """DEST serves the new release, but the switch reported an error, or a step after it failed or was
    interrupted. The report reads what DEST serves from the file system."""

    def __init__(self, problem: str, cause: BaseException) -> None:
        super().__init__(problem)
        self.status = exit_status(cause)


class Interrupted(BaseException):
    """SIGINT or SIGTERM (main() turns them into this), so that a stop unwinds through the clean-up."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"interrupted by {signal.Signals(signum).name}")
        self.signum = signum


# --- the steps ------------------------------------------------------------------------------------------


def mkdocs_env() -> dict[str, str]:
    """The environment mkdocs runs in: this one, without the notices MkDocs and mkdocs-redirects print about
    MkDocs 2 (tests/test_builds.py checks that ProperDocs builds the same site)."""
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")


def build(project: Path, out: Path) -> None:
    """`mkdocs build --strict` into `out`. Its own messages go straight to the terminal."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    process = None
    try:
        # Popen stopped by a signal between fork and return loses the child, which would go on writing into the
        # folder the clean-up removes: a signal is held until the child is known, then delivered here to stop it.
        with interrupts_held(drop=False):
            process = subprocess.Popen(command, cwd=project, env=mkdocs_env(), preexec_fn=allow_interrupts)
        status = process.wait()
    except BaseException:
        if process:
            process.kill()
            process.wait()
        raise
    if status != 0:
        raise PublishError(f"the build failed (mkdocs exit status {status}); see its message above")


def configured_site_url(project: Path) -> str:
    """The site_url the build used: SITE_URL if set, else mkdocs.yml's, read by mkdocs itself so that
    `!ENV` and its defaults mean exactly what they mean in the build."""
    code = "import sys\nfrom mkdocs.config import load_config\nprint(load_config(sys.argv[1]).site_url or '')"
    result = subprocess.run(
        [sys.executable, "-c", code, str(project / "mkdocs.yml")],
        cwd=project,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
    )
    url = result.stdout.strip()
    if result.returncode != 0 or not url:
        raise PublishError(f"could not read site_url from mkdocs.yml:\n{result.stderr.strip()}")
    return url  # check_site adds the trailing slash, as the build does


def run_checks(site_dir: Path, site_url: str) -> None:
    try:
        # SITE_PREVIEW=1 builds a preview (not indexed), for a staging server: checked as one.
        check_site(site_dir, site_url, preview=preview_requested())
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


def numbered(releases: Path) -> dict[Path, int]:
    """The releases publish made, each with its number; a folder of another name is not publish's."""
    if not releases.is_dir():
        return {}
    return {path: int(match["number"]) for path in releases.iterdir() if (match := RELEASE.fullmatch(path.name))}


def next_number(releases: Path) -> int:
    return 1 + max(numbered(releases).values(), default=0)


def release_name(number: int, when: float | None = None) -> str:
    """The number orders releases; the time (UTC, to the second) is for the people who read the list."""
    return f"{number:06d}-" + time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(when))


def move_in(staging: Path, release: Path) -> None:
    """Rename the checked build into the releases folder and flush that folder."""
    if not release.parent.exists():
        release.parent.mkdir()
        os.chmod(release.parent, SITE_MODE)
        fsync_path(release.parent.parent)
    os.rename(staging, release)
    fsync_path(release.parent)


def switch_link(dest: Path, target: str) -> None:
    """Point DEST at `target` (relative to DEST's folder) in one rename(2)."""
    link = dest.parent / f".{dest.name}.link-{secrets.token_hex(4)}"
    try:
        os.symlink(target, link)
        os.replace(link, dest)
    except BaseException:
        # Either call may have taken effect before it failed: the new link is removed if it is still there
        # (once the rename went through it is DEST itself). Left over, the next publish removes it.
        with contextlib.suppress(OSError):
            if os.path.lexists(link):
                link.unlink()
        raise


def points_at(dest: Path, target: str) -> bool | None:
    """Whether DEST is now a link to `target`, read from the file system: the one thing that says whether a
    release is live, whatever a call reported. None when the link cannot be read."""
    try:
        return os.readlink(dest) == target
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as error:
        return False if error.errno == errno.EINVAL else None  # EINVAL: DEST is not a link


def prune(releases: Path, keep: int, dest: Path) -> list[str]:
    """Delete all but the newest `keep` releases (the live one is the newest: it has the highest number),
    no folder that publish did not make, and never the one DEST points at (a rollback by hand may have
    pointed it at an older one)."""
    numbers = numbered(releases)
    ours = [path for path in numbers if not path.is_symlink()]
    live = os.readlink(dest)
    removed = []
    for path in sorted(ours, key=numbers.get, reverse=True)[keep:]:
        if f"{releases.name}/{path.name}" != live:
            shutil.rmtree(path)
            removed.append(path.name)
    return removed


# --- signals --------------------------------------------------------------------------------------------


def raise_interrupted(signum: int, frame: object) -> None:
    raise Interrupted(signum)


@contextmanager
def interrupts_raised():
    """SIGINT and SIGTERM raise Interrupted while publishing, so that a stop unwinds through the clean-up."""
    previous = {signum: signal.signal(signum, raise_interrupted) for signum in INTERRUPTS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def allow_interrupts() -> None:
    """In a child: the held signals of its parent are not its own."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, INTERRUPTS)


def held_interrupt() -> int | None:
    """The signal that arrived while held, if any; it is not delivered again. Never waits."""
    info = signal.sigtimedwait(INTERRUPTS, 0)
    return info.si_signo if info else None


@contextmanager
def interrupts_held(*, drop: bool = True):
    """Block SIGINT and SIGTERM (in this thread: publish runs as a command, in one) for steps that must not be
    cut in two. A signal that arrives meanwhile waits for held_interrupt(); one still waiting at the end is
    dropped (the steps it waited for are done and the publish ends with its own report), or with drop=False
    delivered then."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, INTERRUPTS)
    try:
        yield
    finally:
        while drop and held_interrupt():
            pass
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


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


def remove_leftovers(dest: Path) -> None:
    """A temporary folder or link beside DEST can only be left by a publish that was killed (SIGKILL, a
    power cut): under the lock, no other publish is using it."""
    for path in dest.parent.glob(f".{dest.name}.new-*"):
        shutil.rmtree(path)
    for path in dest.parent.glob(f".{dest.name}.link-*"):
        path.unlink()


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


def install(staging: Path, dest: Path, releases: Path) -> str:
    """Steps 3 and 4: move the build in and point DEST at it, all or nothing. Returns the link's target.
    A failure is judged by what DEST points at, not by the error alone: a call can take effect and still
    report a failure (a network file system whose reply is lost), and a release DEST points at is live."""
    number = next_number(releases)
    adopted = None
    if dest.is_dir() and not dest.is_symlink():
        # A folder DEST becomes a release too, numbered before the new one: it was there before it.
        adopted = releases / (release_name(number, dest.stat().st_mtime) + "-adopted")
        number += 1
    release = releases / release_name(number)
    target = f"{releases.name}/{release.name}"
    try:
        move_in(staging, release)
        if adopted:
            # The one moment DEST is missing, between this rename and the link's; the first publish only.
            os.rename(dest, adopted)
        switch_link(dest, target)
    except BaseException as error:
        live = points_at(dest, target)
        if live:
            # The switch went through though it reported a failure: the new release is live and stays.
            raise PublishedWithError(f"the switch reported an error: {error}", error) from error
        if live is None:
            raise  # DEST cannot be read, so it may serve the new release: nothing is removed
        # Not live: put DEST back as it was and remove what was made, the releases folder if it is new.
        if adopted and not os.path.lexists(dest):
            os.rename(adopted, dest)
        shutil.rmtree(release, ignore_errors=True)
        with contextlib.suppress(OSError):  # the error reported is the one that stopped the publish
            if releases.is_dir() and not any(releases.iterdir()):
                releases.rmdir()
        raise
    return target


def publish(
    dest: Path, *, project: Path = ROOT, site_url: str | None = None, keep: int = KEEP, adopt: bool = False
) -> dict:
    dest = Path(os.path.abspath(dest))
    parent = dest.parent
    if not parent.is_dir():
        raise PublishError(f"{parent} does not exist; create it first (DEST is created inside it)")
    releases = parent / f".{dest.name}.releases"
    # Before anything is built: a placeholder address must not go live (the checks refuse it too).
    site_url = site_url or configured_site_url(project)
    if problem := site_url_problem(site_url):
        raise PublishError(problem)
    with parent_lock(parent):
        check_dest(dest, adopt)
        remove_leftovers(dest)
        # Named first and made inside the try, so that an interrupt right after mkdir still removes it.
        staging = parent / f".{dest.name}.new-{secrets.token_hex(4)}"
        try:
            staging.mkdir()
            build(project, staging)
            run_checks(staging, site_url)
            counts = summary(staging)
            make_readable(staging)
            fsync_tree(staging)
            with interrupts_held():
                target = install(staging, dest, releases)
                # DEST serves the new release from here on: nothing below undoes that.
                step = f"flushing {parent} to disk"
                try:
                    fsync_path(parent)
                    step = "removing old releases"
                    if signum := held_interrupt():  # a signal held since the move stops the publish here
                        raise Interrupted(signum)
                    removed = prune(releases, keep, dest)
                except BaseException as error:
                    problem = f"{error} before {step}" if isinstance(error, Interrupted) else f"{step} failed: {error}"
                    raise PublishedWithError(problem, error) from error
        except BaseException:
            # Gone already when it became a release; otherwise a failed or interrupted build or check.
            with interrupts_held():
                shutil.rmtree(staging, ignore_errors=True)
            raise
    return {**counts, "release": target, "removed": removed}


def serving(dest: Path) -> str:
    """What DEST is now, read from the filesystem: the one source of truth for the report."""
    try:
        if dest.is_symlink():
            return f"serves {os.readlink(dest)}"
        return "is a plain folder" if dest.is_dir() else "does not exist"
    except OSError as error:
        return f"cannot be read ({error})"


def exit_status(error: BaseException) -> int:
    return 128 + error.signum if isinstance(error, Interrupted) else 1


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
    before = serving(args.dest)
    with interrupts_raised():
        try:
            result = publish(
                args.dest, project=args.project.resolve(), site_url=args.site_url, keep=args.keep, adopt=args.adopt
            )
        except PublishedWithError as error:
            print(f"publish: published, {args.dest} now {serving(args.dest)}; but {error}", file=sys.stderr)
            return error.status
        except (PublishError, OSError, Interrupted) as error:
            # "Nothing published" only when DEST reads as it did before (an undo can fail too, or DEST can be
            # unreadable); the next line says what it is now, either way.
            now = serving(args.dest)
            print(f"publish: {'nothing published' if now == before else 'failed'}: {error}", file=sys.stderr)
            print(f"publish: {args.dest} {now}{', as before' if now == before else ''}", file=sys.stderr)
            return exit_status(error)
    print(f"publish: published {describe(result)} to {args.dest} (release {result['release']})")
    if result["removed"]:
        print(f"publish: removed old releases: {', '.join(result['removed'])}")
    from record import after_publish  # what went out, into data/published.yml (scripts/record.py)

    return after_publish(args.project.resolve(), args.dest)


if __name__ == "__main__":
    sys.exit(main())
