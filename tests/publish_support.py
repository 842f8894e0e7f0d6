"""For the publish tests: a stand-in for the build, what a web root holds, a spy on the calls that change the
file system, and scripts/publish.py run in a process of its own with the stand-in build, held in the middle of
it until the test kills it (the lock; a publish killed outright):

    python tests/publish_support.py HELD PUBLISH_ARGS...

In the build, the process creates the file HELD, then waits.
"""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import publish  # scripts/, on the tests' path and on the driver's PYTHONPATH
from suite_columns import SITE_URL

POLICY = "default-src 'self'"
# The calls through which publish changes the file system (pathlib and shutil call them too).
CHANGES = ("mkdir", "chmod", "fsync", "rename", "symlink", "replace", "unlink", "rmdir")
# How a call goes wrong (FileSystemSpy): it fails, it takes effect and then reports a failure, or a signal follows it.
KINDS = ("error", "after", "sigterm")


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


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry under `folder`: file contents hashed, link targets, folders, and their modes."""
    state = {}
    for path in sorted(folder.rglob("*")):
        key, info = path.relative_to(folder).as_posix(), path.lstat()
        if path.is_symlink():
            state[key] = ("link", os.readlink(path))
        elif path.is_dir():
            state[key] = ("dir", info.st_mode)
        else:
            state[key] = ("file", info.st_mode, hashlib.sha256(path.read_bytes()).hexdigest())
    return state


def contents(folder: Path) -> dict[str, bytes | None]:
    """What a reader gets from a folder (followed if it is a link): each file's bytes, each folder."""
    return {
        path.relative_to(folder).as_posix(): None if path.is_dir() else path.read_bytes()
        for path in sorted(folder.rglob("*"))
    }


def sigterm_to_this_thread() -> None:
    """SIGTERM as the command gets it, in its one thread. Sent to the process, the kernel may hand it to
    another thread of the test run (the browser tests' driver), which does not hold it."""
    signal.pthread_kill(threading.get_ident(), signal.SIGTERM)


@dataclass
class Call:
    index: int  # the how-manieth call of the publish
    name: str
    path: str  # what it acts on, absolute
    to: str = ""  # rename, replace: where to; symlink: the link's target

    def __str__(self) -> str:
        return f"{self.name}({self.path}{' -> ' + self.to if self.to else ''})"


def fd_path(fd: int) -> str:
    return os.readlink(f"/proc/self/fd/{fd}")


def describe_call(index: int, name: str, args: tuple, kwargs: dict) -> Call:
    def absolute(path, dir_fd: int | None) -> str:
        return os.path.join(fd_path(dir_fd), os.fsdecode(path)) if dir_fd is not None else os.path.abspath(path)

    if name in ("run_checks", "fsync"):
        return Call(index, name, str(args[0]) if name == "run_checks" else fd_path(args[0]))
    if name == "symlink":
        return Call(index, name, absolute(args[1], kwargs.get("dir_fd")), os.fsdecode(args[0]))
    if name in ("rename", "replace"):
        to = absolute(args[1], kwargs.get("dst_dir_fd"))
        return Call(index, name, absolute(args[0], kwargs.get("src_dir_fd")), to)
    return Call(index, name, absolute(args[0], kwargs.get("dir_fd")))


@dataclass
class FileSystemSpy:
    """Records the calls in CHANGES, and publish.run_checks, while publish runs. Each of `faults` breaks the
    first call it is true of: with kind "error" the call fails with EIO instead of running; with "after" it
    runs, takes effect, and then fails with EIO (a network file system whose reply to a rename is lost: the
    retry finds nothing); with "sigterm" it runs and this thread then gets SIGTERM. `after_each(call)` runs
    after every call."""

    faults: list[Callable[[Call], bool]] = field(default_factory=list)
    kind: str = "error"
    after_each: Callable[[Call], None] = lambda call: None
    calls: list[Call] = field(default_factory=list)
    broken: list[Call] = field(default_factory=list)

    def wrap(self, name: str, real: Callable) -> Callable:
        def spy(*args, **kwargs):
            call = describe_call(len(self.calls), name, args, kwargs)
            self.calls.append(call)
            breaking = next((fault for fault in self.faults if fault(call)), None)
            if breaking:
                self.faults.remove(breaking)
                self.broken.append(call)
                if self.kind == "error":
                    raise OSError(errno.EIO, f"injected fault: {call}")
            result = real(*args, **kwargs)
            if breaking and self.kind == "after":
                raise OSError(errno.EIO, f"injected fault after the call took effect: {call}")
            if breaking and self.kind == "sigterm":
                sigterm_to_this_thread()
            self.after_each(call)
            return result

        return spy

    def run(self, monkeypatch, action: Callable):
        with monkeypatch.context() as patch:
            for name in CHANGES:
                patch.setattr(os, name, self.wrap(name, getattr(os, name)))
            patch.setattr(publish, "run_checks", self.wrap("run_checks", publish.run_checks))
            return action()


def main(argv: list[str]) -> int:
    held = Path(argv[0])

    def build(project: Path, out: Path) -> None:
        stand_in_site(out, "held build")
        held.touch()
        time.sleep(600)  # until the test kills it

    publish.build = build
    return publish.main(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
