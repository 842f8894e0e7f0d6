"""Publishing: `make publish DEST=...` (scripts/publish.py) swaps a checked build in atomically; a failure
or a signal at any step leaves DEST serving one whole release (the old one or the new one) and says which;
two publishes never run at once. Also the GitHub Pages workflow. The build checks: test_check_site.py.

Faults are injected from the outside, so that scripts/publish.py holds no code for its tests: most tests
run publish.main() in this process with the build replaced by a small stand-in site (fast) and the calls
that change the file system wrapped (FileSystemSpy) so that one of them fails with EIO, or runs and is
followed by SIGTERM to this thread (main() installs the real handler). What must be real is run for real:
the end-to-end tests run scripts/publish.py with the real build; the lock is tried by two processes; a
SIGTERM is also sent from outside to a process in the middle of a real build."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

import publish
from check_site import summary
from publish_support import stand_in_site
from support import COLUMN_PAGES, OTHER_PAGES, ROOT, SITE_URL, build, offline_env

PUBLISH = ROOT / "scripts" / "publish.py"
DRIVER = ROOT / "tests" / "publish_support.py"
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
# A release folder's name: its number, then the UTC time to the second (README, "A plain web server").
NUMBERED = re.compile(r"\d{6}-\d{8}T\d{6}Z")
SUITE_PROJECT: Path  # set for every test by _suite_project


@pytest.fixture(autouse=True)
def _suite_project(suite_project):
    """What a publish builds unless a test gives another project: the suite's (conftest.suite_project)."""
    global SUITE_PROJECT
    SUITE_PROJECT = suite_project


def run_publish(
    dest: Path, *args: str, project: Path | None = None, umask: int | None = None
) -> subprocess.CompletedProcess:
    """scripts/publish.py as `make publish` runs it, with the network cut as in conftest.build."""
    project = project or SUITE_PROJECT
    env = offline_env()
    return subprocess.run(
        [sys.executable, str(PUBLISH), str(dest), "--project", str(project), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        umask=-1 if umask is None else umask,
    )


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry under `folder`: file contents hashed, link targets, folders, and their modes."""
    state = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        info = path.lstat()
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


def break_front_matter(project: Path) -> None:
    index = project / "docs" / "index.md"
    text = index.read_text(encoding="utf-8")
    broken = re.sub(r"^title:", "titel:", text, count=1, flags=re.M)
    assert broken != text
    index.write_text(broken, encoding="utf-8")


@pytest.fixture
def webroot(tmp_path) -> Path:
    folder = tmp_path / "www"
    folder.mkdir()
    return folder


# --- with the real build ------------------------------------------------------------------------------


@dataclass
class Run:
    status: int
    out: str
    err: str


@pytest.fixture
def publish_for_real(monkeypatch, capfd) -> Callable[..., Run]:
    """publish.main() in this process with the real build (mkdocs in a process of its own), in the
    environment run_publish gives the script: SITE_URL set, the build's network cut."""
    for key, value in offline_env().items():
        monkeypatch.setenv(key, value)

    def run(dest: Path, *args: str, project: Path | None = None) -> Run:
        status = publish.main([str(dest), "--project", str(project or SUITE_PROJECT), *args])
        captured = capfd.readouterr()
        return Run(status, captured.out, captured.err)

    return run


def test_publish_then_a_broken_build_leaves_dest_byte_for_byte(webroot, project, publish_for_real):
    dest = webroot / "column"
    first = run_publish(dest)  # scripts/publish.py itself, as make publish runs it
    assert first.returncode == 0, first.stderr
    assert dest.is_symlink() and (dest / "index.html").is_file() and (dest / "404.html").is_file()
    counts = summary(dest)
    pages = len(COLUMN_PAGES) + len(OTHER_PAGES) + 1  # and 404.html
    assert f"{counts['pages']} pages" in first.stdout and counts["pages"] == pages
    assert f"{counts['bytes']:,} bytes" in first.stdout
    assert SITE_URL in (dest / "index.html").read_text(encoding="utf-8")
    before = snapshot(webroot)

    break_front_matter(project)
    failed = publish_for_real(dest, project=project)

    assert failed.status == 1
    assert "field 'titel'" in failed.err  # mkdocs's own message
    assert "publish: nothing published: the build failed (mkdocs exit status 1); see its message above\n" in failed.err
    assert f"publish: {dest} serves {os.readlink(dest)}, as before\n" in failed.err
    assert snapshot(webroot) == before  # DEST, its release and nothing new beside it


def test_a_failed_check_leaves_dest_unchanged(webroot, publish_for_real):
    dest = webroot / "column"
    assert publish_for_real(dest).status == 0
    before = snapshot(webroot)
    # The build is fine, but its canonical URL is not the address being published to.
    failed = publish_for_real(dest, "--site-url", "https://elsewhere.example/")
    assert failed.status == 1
    # The first page in path order: the plain page, docs/about.md.
    assert "publish: nothing published: the build checks failed:\n  - about/index.html: canonical" in failed.err
    assert snapshot(webroot) == before


def set_site_url(project: Path, line: str) -> None:
    """The copy's mkdocs.yml with this `site_url:` line instead of its own."""
    config = project / "mkdocs.yml"
    text, count = re.subn(r"^site_url:.*$", line, config.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert count == 1
    config.write_text(text, encoding="utf-8")


def test_the_site_url_is_the_builds_unless_given(webroot, project, publish_for_real, monkeypatch):
    """Without --site-url the checks use the address the build used: SITE_URL, else mkdocs.yml's."""
    dest = webroot / "column"
    set_site_url(project, 'site_url: !ENV [SITE_URL, "https://own.example/column/"]')
    monkeypatch.setenv("SITE_URL", "https://other.example/column/")
    assert publish_for_real(dest, project=project).status == 0
    assert '<link rel="canonical" href="https://other.example/column/">' in (dest / "index.html").read_text("utf-8")
    monkeypatch.delenv("SITE_URL")
    assert publish_for_real(dest, project=project).status == 0
    assert '<link rel="canonical" href="https://own.example/column/">' in (dest / "index.html").read_text("utf-8")


PLACEHOLDER = 'site_url: !ENV [SITE_URL, "https://example.com/"]'  # the default that lets make serve run
HOW_TO_SET = (
    "set the SITE_URL environment variable to the site's public address "
    "(SITE_URL=https://your.domain/ make publish DEST=...), or site_url in mkdocs.yml"
)


def test_publish_without_the_real_address_is_refused_before_building(webroot, project, monkeypatch, capsys):
    """make publish without SITE_URL, while mkdocs.yml has only the placeholder: nothing is built or changed,
    and the message says how to set the real address."""
    set_site_url(project, PLACEHOLDER)
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setattr(publish, "build", lambda project, out: pytest.fail("built for the placeholder"))
    dest = webroot / "column"
    assert publish.main([str(dest), "--project", str(project)]) == 1
    assert capsys.readouterr().err == (
        "publish: nothing published: the site URL 'https://example.com/' is a placeholder (a domain reserved "
        f"for examples), not the site's public address: {HOW_TO_SET}\n"
        f"publish: {dest} does not exist, as before\n"
    )
    assert list(webroot.iterdir()) == []
    # Given on the command line, the placeholder is refused as well.
    assert publish.main([str(dest), "--project", str(project), "--site-url", "https://www.example.org/"]) == 1
    assert "publish: nothing published: the site URL 'https://www.example.org/' is a placeholder" in (
        capsys.readouterr().err
    )


def test_the_placeholder_still_builds_locally(project, tmp_path):
    """make build and make serve need no address: the placeholder builds, and only publishing refuses it."""
    set_site_url(project, PLACEHOLDER)
    result = build(project, tmp_path / "site", site_url=None)
    assert result.returncode == 0, result.stderr
    assert '<link rel="canonical" href="https://example.com/">' in (tmp_path / "site" / "index.html").read_text("utf-8")


@pytest.mark.parametrize(
    ("config", "message"),
    [("site_name: x\n", "could not read site_url from mkdocs.yml:\n"), ("site_url: [\n", "while parsing")],
    ids=["no site_url", "not YAML"],
)
def test_a_configuration_without_a_site_url_is_refused(tmp_path, monkeypatch, config, message):
    monkeypatch.delenv("SITE_URL", raising=False)
    (tmp_path / "docs").mkdir()  # else mkdocs refuses the configuration for that
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    with pytest.raises(publish.PublishError, match=re.escape(message)):
        publish.configured_site_url(tmp_path)


def test_first_publish_that_fails_leaves_nothing(webroot, project, publish_for_real):
    break_front_matter(project)
    failed = publish_for_real(webroot / "column", project=project)
    assert failed.status == 1
    assert f"publish: {webroot / 'column'} does not exist, as before\n" in failed.err
    assert list(webroot.iterdir()) == []


def test_republish_switches_the_link_and_keeps_a_rollback(webroot, publish_for_real):
    dest = webroot / "column"
    for _ in range(3):  # within a second or two: names by the second alone sorted these wrongly
        assert publish_for_real(dest, "--keep", "2").status == 0
    releases = sorted((webroot / ".column.releases").iterdir())
    assert [path.name[:6] for path in releases] == ["000002", "000003"]  # the live one and the previous one
    assert all(NUMBERED.fullmatch(path.name) for path in releases)
    assert dest.resolve() == releases[-1].resolve()
    assert os.readlink(dest) == f".column.releases/{releases[-1].name}"  # relative: survives a move
    assert oct(releases[-1].stat().st_mode & 0o777) == oct(0o755)  # readable by the web server
    assert sorted(p.name for p in webroot.iterdir()) == [".column.releases", "column"]


def test_every_published_file_is_readable_whatever_the_umask(webroot, publish_for_real):
    dest = webroot / "column"
    umask = os.umask(0o077)
    try:
        assert publish_for_real(dest).status == 0
    finally:
        os.umask(umask)
    for path in [dest.resolve(), *dest.resolve().rglob("*")]:
        wanted = 0o755 if path.is_dir() else 0o644
        assert path.stat().st_mode & 0o777 == wanted, path


def test_a_plain_folder_dest_is_not_replaced_without_adopt(webroot, publish_for_real):
    dest = webroot / "column"
    dest.mkdir()
    (dest / "index.html").write_text("old site", encoding="utf-8")
    before = snapshot(webroot)
    refused = publish_for_real(dest)
    assert refused.status == 1
    assert f"publish: nothing published: {dest} is a folder, not a link to a release." in refused.err
    assert "run again with --adopt" in refused.err
    assert snapshot(webroot) == before


def test_make_publish_requires_dest():
    env = {k: v for k, v in os.environ.items() if k != "DEST"}
    result = subprocess.run(["make", "-s", "publish"], cwd=ROOT, capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode != 0
    assert "make publish needs DEST" in result.stderr


# --- in this process, with a stand-in build -------------------------------------------------------------


@pytest.fixture
def builds(monkeypatch) -> list[str]:
    """publish.build replaced by the stand-in site; the labels of the builds made, in order."""
    labels = []

    def build(project: Path, out: Path) -> None:
        labels.append(f"build {len(labels) + 1}")
        stand_in_site(out, labels[-1])

    monkeypatch.setattr(publish, "build", build)
    return labels


@pytest.fixture
def publish_here(capsys, builds) -> Callable[..., Run]:
    """publish.main() in this process, as `make publish` calls it, with the stand-in build."""

    def run(dest: Path, *args: str) -> Run:
        status = publish.main([str(dest), "--site-url", SITE_URL, *args])
        captured = capsys.readouterr()
        return Run(status, captured.out, captured.err)

    return run


def label_of(folder: Path) -> str:
    """Which stand-in build a folder holds."""
    return (folder / "assets" / "note.txt").read_text(encoding="utf-8")


def site_of(label: str, scratch: Path) -> dict[str, bytes | None]:
    """What the stand-in build labelled `label` gives a reader."""
    folder = scratch / f"expected-{label.replace(' ', '-')}"
    if not folder.exists():
        folder.mkdir()
        stand_in_site(folder, label)
    return contents(folder)


def test_publish_reports_and_numbers_each_release(webroot, publish_here):
    dest = webroot / "column"
    first = publish_here(dest)
    assert first.status == 0, first.err
    (release,) = (webroot / ".column.releases").iterdir()
    assert NUMBERED.fullmatch(release.name) and release.name.startswith("000001-")
    assert os.readlink(dest) == f".column.releases/{release.name}"
    assert label_of(dest) == "build 1"
    files = sorted(path for path in release.rglob("*") if path.is_file())
    size = sum(path.stat().st_size for path in files)
    assert first.out == (
        f"publish: published 2 pages, {len(files)} files, {size:,} bytes to {dest} (release .column.releases/"
        f"{release.name})\n"
    )
    second = publish_here(dest, "--keep", "1")
    assert second.status == 0 and label_of(dest) == "build 2"
    assert f"publish: removed old releases: {release.name}\n" in second.out
    assert [path.name[:7] for path in (webroot / ".column.releases").iterdir()] == ["000002-"]


def test_release_order_does_not_depend_on_the_clock(webroot, publish_here, monkeypatch):
    """Five publishes in one second, then with the clock set back: the newest is the last one made."""
    clock = iter([1_800_000_000.0] * 3 + [1_700_000_000.0, 1_600_000_000.0])
    real_gmtime = time.gmtime
    monkeypatch.setattr(time, "gmtime", lambda when=None: real_gmtime(next(clock) if when is None else when))
    dest = webroot / "column"
    for _ in range(5):
        assert publish_here(dest, "--keep", "2").status == 0
    kept = sorted((webroot / ".column.releases").iterdir())
    assert [label_of(path) for path in kept] == ["build 4", "build 5"]
    assert [path.name for path in kept] == ["000004-20231114T221320Z", "000005-20200913T122640Z"]
    assert label_of(dest) == "build 5"


def test_releases_named_by_the_second_alone_sort_before_numbered_ones(webroot, publish_here):
    """Releases made before they were numbered are older than every numbered one, whatever their date; a
    folder that is not a release is left alone."""
    releases = webroot / ".column.releases"
    for name in ["20261125T125310Z-ae49d6", "20991231T235959Z-0a1b2c-adopted", "notes"]:
        (releases / name).mkdir(parents=True)
        stand_in_site(releases / name, name)
    dest = webroot / "column"
    dest.symlink_to(".column.releases/20991231T235959Z-0a1b2c-adopted")
    run = publish_here(dest, "--keep", "2")
    assert run.status == 0, run.err
    kept = sorted(path.name for path in releases.iterdir())
    assert kept[0].startswith("000001-") and kept[1:] == ["20991231T235959Z-0a1b2c-adopted", "notes"]
    assert run.out.endswith("publish: removed old releases: 20261125T125310Z-ae49d6\n")
    assert label_of(dest) == "build 1"


def test_a_plain_folder_is_adopted_as_the_release_before(webroot, publish_here):
    dest = webroot / "column"
    dest.mkdir()
    (dest / "index.html").write_text("the old site", encoding="utf-8")
    run = publish_here(dest, "--adopt")
    assert run.status == 0, run.err
    adopted, new = sorted((webroot / ".column.releases").iterdir())
    assert adopted.name.startswith("000001-") and adopted.name.endswith("-adopted")
    assert (adopted / "index.html").read_text(encoding="utf-8") == "the old site"
    assert new.name.startswith("000002-") and dest.resolve() == new.resolve()


def test_the_adopted_folder_is_named_by_its_last_change(webroot, publish_here):
    dest = webroot / "column"
    dest.mkdir()
    (dest / "index.html").write_text("the old site", encoding="utf-8")
    os.utime(dest, (1_700_000_000, 1_700_000_000))
    assert publish_here(dest, "--adopt").status == 0
    assert (webroot / ".column.releases" / "000001-20231114T221320Z-adopted" / "index.html").is_file()


def test_an_empty_folder_is_taken_over_without_adopt(webroot, publish_here):
    dest = webroot / "column"
    dest.mkdir()
    assert publish_here(dest).status == 0
    assert label_of(dest) == "build 1"


def test_publish_adopts_nothing_unless_asked(webroot, builds):
    dest = webroot / "column"
    dest.mkdir()
    (dest / "index.html").write_text("the old site", encoding="utf-8")
    with pytest.raises(publish.PublishError, match="run again with --adopt"):
        publish.publish(dest, site_url=SITE_URL)


def test_what_publish_refuses(tmp_path, webroot, publish_here, capsys):
    (webroot / "column").write_text("a file", encoding="utf-8")
    refused = publish_here(webroot / "column")
    assert refused.status == 1
    assert (
        f"publish: nothing published: {webroot / 'column'} exists and is not a folder or a link; refusing"
        in refused.err
    )
    missing = tmp_path / "no-such-folder" / "column"
    refused = publish_here(missing)
    assert refused.status == 1
    assert f"publish: nothing published: {missing.parent} does not exist; create it first" in refused.err
    with pytest.raises(SystemExit) as stop:
        publish.main([str(webroot / "elsewhere"), "--keep", "0"])
    assert stop.value.code == 2 and "error: --keep must be at least 1" in capsys.readouterr().err


def test_removed_releases_are_listed(webroot, publish_here):
    dest = webroot / "column"
    for _ in range(3):
        assert publish_here(dest).status == 0
    first, second, third = sorted(path.name for path in (webroot / ".column.releases").iterdir())
    removed = f"publish: removed old releases: {third}, {second}, {first}\n"  # newest first
    assert publish_here(dest, "--keep", "1").out.endswith(removed)


# --- faults ------------------------------------------------------------------------------------------------


def sigterm_to_this_thread() -> None:
    """SIGTERM as the command gets it, in its one thread. Sent to the process, the kernel may hand it to
    another thread of the test run (the browser tests' driver), which does not hold it."""
    signal.pthread_kill(threading.get_ident(), signal.SIGTERM)


# The calls through which publish changes the file system (and pathlib, shutil and tempfile call them).
CHANGES = ("mkdir", "chmod", "fsync", "rename", "symlink", "replace", "unlink", "rmdir")
# How a call goes wrong (FileSystemSpy): it fails, it takes effect and then reports a failure, or a signal follows it.
KINDS = ("error", "after", "sigterm")


def fd_path(fd: int) -> str:
    return os.readlink(f"/proc/self/fd/{fd}")


@dataclass
class Call:
    name: str
    path: str  # what it acts on, absolute
    to: str = ""  # rename, replace: where to; symlink: the link's target

    def __str__(self) -> str:
        return f"{self.name}({self.path}{' -> ' + self.to if self.to else ''})"


def describe_call(name: str, args: tuple, kwargs: dict) -> Call:
    def absolute(path, dir_fd: int | None) -> str:
        path = os.fsdecode(path)
        return os.path.join(fd_path(dir_fd), path) if dir_fd is not None else os.path.abspath(path)

    if name == "fsync":
        return Call(name, fd_path(args[0]))
    if name == "symlink":
        return Call(name, absolute(args[1], kwargs.get("dir_fd")), os.fsdecode(args[0]))
    if name in ("rename", "replace"):
        return Call(name, absolute(args[0], kwargs.get("src_dir_fd")), absolute(args[1], kwargs.get("dst_dir_fd")))
    return Call(name, absolute(args[0], kwargs.get("dir_fd")))


@dataclass
class FileSystemSpy:
    """Records the calls in CHANGES, and publish.run_checks, while publish runs. `fault(call, calls)` picks
    the calls to break: with kind "error" the call fails with EIO instead of running; with "after" it runs,
    takes effect, and then fails with EIO (a network file system whose reply to a rename is lost: the retry
    finds nothing); with "sigterm" it runs and this thread then gets SIGTERM. `after_each(call)` runs after
    every call."""

    fault: Callable[[Call, list[Call]], bool] = lambda call, calls: False
    kind: str = "error"
    after_each: Callable[[Call], None] = lambda call: None
    calls: list[Call] = field(default_factory=list)
    broken: list[Call] = field(default_factory=list)

    def wrap(self, name: str, real: Callable) -> Callable:
        def spy(*args, **kwargs):
            call = Call("run_checks", str(args[0])) if name == "run_checks" else describe_call(name, args, kwargs)
            self.calls.append(call)
            breaking = self.fault(call, self.calls[:-1])
            if breaking:
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

    def run(self, monkeypatch, action: Callable[[], Run]) -> Run:
        with monkeypatch.context() as patch:
            for name in CHANGES:
                patch.setattr(os, name, self.wrap(name, getattr(os, name)))
            patch.setattr(publish, "run_checks", self.wrap("run_checks", publish.run_checks))
            return action()


def once(condition: Callable[[Call, list[Call]], bool]) -> Callable[[Call, list[Call]], bool]:
    """The first call that meets `condition`, and no other."""
    fired = []

    def first(call: Call, calls: list[Call]) -> bool:
        if not fired and condition(call, calls):
            fired.append(call)
            return True
        return False

    return first


@dataclass
class Scenario:
    """A web root before a publish, and that publish's arguments."""

    name: str
    args: tuple[str, ...]
    prepare: Callable[[Path, Callable[..., Run]], None]


def prepare_nothing(webroot: Path, publish_here) -> None:
    pass


def prepare_one_release(webroot: Path, publish_here) -> None:
    assert publish_here(webroot / "column").status == 0


def prepare_plain_folder(webroot: Path, publish_here) -> None:
    (webroot / "column").mkdir()
    (webroot / "column" / "index.html").write_text("the old site", encoding="utf-8")


SCENARIOS = [
    Scenario("first publish", (), prepare_nothing),
    Scenario("republish, pruning the old release", ("--keep", "1"), prepare_one_release),
    Scenario("adopting a plain folder", ("--adopt",), prepare_plain_folder),
]


def dest_state(dest: Path) -> str:
    """What DEST is, in the words of the report (README, "A plain web server")."""
    if dest.is_symlink():
        return f"serves {os.readlink(dest)}"
    return "is a plain folder" if dest.is_dir() else "does not exist"


def assert_one_whole_release(run: Run, webroot: Path, before: dict, was: str, new_site: dict) -> str:
    """DEST serves what it served before, with nothing changed or left over beside it, or the whole new
    release; the report says which. Returns "old" or "new"."""
    dest = webroot / "column"
    if dest_state(dest) == was:
        assert snapshot(webroot) == before, "DEST kept, but something beside it changed or was left over"
        assert "publish: nothing published: " in run.err
        assert f"publish: {dest} {was}, as before\n" in run.err
        assert run.status != 0 and run.out == ""
        return "old"
    assert dest.is_symlink(), f"DEST {dest_state(dest)}"
    assert contents(dest) == new_site, "DEST serves a release that is not the whole new build"
    assert sorted(path.name for path in webroot.iterdir()) == [".column.releases", "column"], "left over"
    target = os.readlink(dest)
    if run.status == 0:
        assert f" to {dest} (release {target})\n" in run.out
    else:
        assert f"publish: published, {dest} now serves {target}; but " in run.err
        assert "nothing published" not in run.err
    return "new"


def fault_run(tmp_path, monkeypatch, publish_here, builds, scenario: Scenario, spy: FileSystemSpy, name: str):
    """Prepare a web root for `scenario`, publish into it under `spy`; the run, its web root, and what
    DEST was and held before."""
    webroot = tmp_path / name
    webroot.mkdir()
    scenario.prepare(webroot, publish_here)
    before, was = snapshot(webroot), dest_state(webroot / "column")
    run = spy.run(monkeypatch, lambda: publish_here(webroot / "column", *scenario.args))
    return run, webroot, before, was


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.name)
def test_no_single_fault_anywhere_leaves_dest_broken(tmp_path, monkeypatch, publish_here, builds, scenario):
    """Every call that changes the file system, in turn: failing (EIO) before it runs, failing (EIO) after it
    took effect, or followed by SIGTERM."""
    survey = FileSystemSpy()
    run, webroot, _, _ = fault_run(tmp_path, monkeypatch, publish_here, builds, scenario, survey, "survey")
    assert run.status == 0, run.err
    assert any(call.name == "replace" for call in survey.calls) and len(survey.calls) > 20
    outcomes = {}
    for index, _call in enumerate(survey.calls):
        for kind in KINDS:
            spy = FileSystemSpy(fault=lambda call, calls, index=index: len(calls) == index, kind=kind)
            run, webroot, before, was = fault_run(
                tmp_path, monkeypatch, publish_here, builds, scenario, spy, f"{kind}-{index}"
            )
            assert spy.broken, f"{kind} at call {index}: the calls changed between runs"
            where = f"{kind} at {spy.broken[0]}"
            try:
                outcome = assert_one_whole_release(run, webroot, before, was, site_of(builds[-1], tmp_path))
            except AssertionError as error:
                raise AssertionError(f"{where}: {error}\n{run.out}{run.err}") from None
            # A failure is never reported as success; a signal gives the shell's status for it.
            assert run.status == (128 + signal.SIGTERM if kind == "sigterm" else 1) or (
                run.status == 0 and kind == "sigterm" and outcome == "new" and "removed old releases" in run.out
            ), f"{where}: exit status {run.status}"
            outcomes[where] = outcome
            shutil.rmtree(webroot)
    assert {"old", "new"} <= set(outcomes.values())


def in_releases(path: str) -> bool:
    return Path(path).parent.name == ".column.releases"


def after_the_switch(call: Call, calls: list[Call]) -> bool:
    """An fsync of DEST's folder once DEST has been switched."""
    switched = [c for c in calls if c.name == "replace" and Path(c.to).name == "column"]
    return call.name == "fsync" and bool(switched) and call.path == str(Path(switched[0].to).parent)


# Each step of a republish (one release live, --keep 1), the call in it where the fault lands, and what must
# follow, for each kind of fault (KINDS): "old" (DEST as before) or "new" (DEST serves the new build).
# From the move on, a signal waits until DEST serves the new build, then stops the publish before pruning;
# one that arrives while pruning lets it finish, so that no old release is left half deleted. A call that
# takes effect and then reports a failure is judged by what it did: once DEST points at the new release,
# the new release is live, whatever the call said.
STEPS = {
    "build": (lambda call, calls: call.name == "mkdir" and call.path.endswith("/assets"), "old", "old", "old"),
    "checks": (lambda call, calls: call.name == "run_checks", "old", "old", "old"),
    "moving the release in": (lambda call, calls: call.name == "rename" and in_releases(call.to), "old", "old", "new"),
    "flushing the releases": (
        lambda call, calls: call.name == "fsync" and Path(call.path).name == ".column.releases",
        "old",
        "old",
        "new",
    ),
    "the new link": (lambda call, calls: call.name == "symlink", "old", "old", "new"),
    "the switch": (lambda call, calls: call.name == "replace" and Path(call.to).name == "column", "old", "new", "new"),
    "the fsync after it": (after_the_switch, "new", "new", "new"),
    "pruning": (lambda call, calls: call.name == "unlink" and "/000001-" in call.path, "new", "new", "new"),
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("step", list(STEPS))
def test_a_fault_at_each_step(tmp_path, monkeypatch, publish_here, builds, step, kind):
    condition, *outcomes = STEPS[step]
    spy = FileSystemSpy(fault=once(condition), kind=kind)
    run, webroot, before, was = fault_run(tmp_path, monkeypatch, publish_here, builds, SCENARIOS[1], spy, "www")
    assert spy.broken, f"no call matched the step {step!r}"
    outcome = assert_one_whole_release(run, webroot, before, was, site_of(builds[-1], tmp_path))
    assert outcome == dict(zip(KINDS, outcomes, strict=True))[kind]
    dest = webroot / "column"
    fault = {
        "error": f"[Errno 5] injected fault: {spy.broken[0]}",
        "after": f"[Errno 5] injected fault after the call took effect: {spy.broken[0]}",
    }.get(kind)
    kept = f"publish: {dest} {was}, as before\n"
    published = f"publish: published, {dest} now serves {os.readlink(dest)}; but "
    failed = {"pruning": "removing old releases failed", "the switch": "the switch reported an error"}.get(
        step, f"flushing {webroot} to disk failed"
    )
    expected = {
        ("error", "old"): (1, f"publish: nothing published: {fault}\n{kept}"),
        ("after", "old"): (1, f"publish: nothing published: {fault}\n{kept}"),
        ("sigterm", "old"): (143, f"publish: nothing published: interrupted by SIGTERM\n{kept}"),
        ("error", "new"): (1, f"{published}{failed}: {fault}\n"),
        ("after", "new"): (1, f"{published}{failed}: {fault}\n"),
        ("sigterm", "new"): (143, f"{published}interrupted by SIGTERM before removing old releases\n"),
    }[kind, outcome]
    if kind == "sigterm" and step == "pruning":
        expected = (0, "")
        assert run.out.endswith("publish: removed old releases: " + was.split("/")[-1] + "\n")
    assert (run.status, run.err) == expected


def test_a_second_signal_does_not_cut_the_clean_up_short(tmp_path, monkeypatch, publish_here, builds):
    """SIGTERM in the build, then again while its temporary folder is being removed."""
    first = once(lambda call, calls: call.name == "mkdir" and call.path.endswith("/assets"))
    second = once(lambda call, calls: call.name == "unlink" and ".column.new-" in call.path)
    spy = FileSystemSpy(fault=lambda call, calls: first(call, calls) or second(call, calls), kind="sigterm")
    run, webroot, before, was = fault_run(tmp_path, monkeypatch, publish_here, builds, SCENARIOS[1], spy, "two")
    assert len(spy.broken) == 2
    assert assert_one_whole_release(run, webroot, before, was, {}) == "old"
    assert run.status == 128 + signal.SIGTERM


def test_the_report_does_not_claim_dest_unchanged_when_the_undo_failed(tmp_path, monkeypatch, publish_here, builds):
    """Adopting a folder: the switch fails, and so does putting the folder back. DEST is missing (the one
    moment it can be, see publish.install), and the report says so rather than "as before"."""
    switch = once(lambda call, calls: call.name == "symlink")
    put_back = once(lambda call, calls: call.name == "rename" and call.to.endswith("/column"))
    spy = FileSystemSpy(fault=lambda call, calls: switch(call, calls) or put_back(call, calls))
    adopting = SCENARIOS[2]
    run, webroot, _, _ = fault_run(tmp_path, monkeypatch, publish_here, builds, adopting, spy, "www")
    assert len(spy.broken) == 2 and run.status == 1
    assert run.err.endswith(f"publish: {webroot / 'column'} does not exist\n")


def test_a_release_dest_may_serve_is_never_removed(tmp_path, monkeypatch, publish_here, builds):
    """The switch takes effect and reports a failure, and then DEST cannot be read: the new release may be
    live, so it is kept whole, and the report claims nothing it cannot see."""
    webroot = tmp_path / "www"
    webroot.mkdir()
    dest = webroot / "column"
    assert publish_here(dest).status == 0
    real_readlink = os.readlink
    switched = []

    def readlink(path, *args, **kwargs):
        if switched and os.fspath(path) == str(dest):
            raise OSError(errno.EIO, "injected fault: readlink")
        return real_readlink(path, *args, **kwargs)

    def switch(call: Call, calls: list[Call]) -> bool:
        if call.name == "replace" and Path(call.to) == dest:
            switched.append(call)
            return True
        return False

    spy = FileSystemSpy(fault=switch, kind="after")
    monkeypatch.setattr(os, "readlink", readlink)
    run = spy.run(monkeypatch, lambda: publish_here(dest))
    monkeypatch.setattr(os, "readlink", real_readlink)
    assert switched and os.readlink(dest).startswith(".column.releases/000002-")
    assert contents(dest) == site_of("build 2", tmp_path)
    assert run.status == 1 and "nothing published" not in run.err
    assert run.err.endswith(f"publish: {dest} cannot be read ([Errno 5] injected fault: readlink)\n")


def test_pruning_never_removes_the_release_dest_serves(tmp_path, monkeypatch, publish_here, builds):
    """A rollback by hand between the switch and the pruning (README: one atomic command) points DEST at
    an old release: the pruning keeps it, whatever its number."""
    webroot = tmp_path / "www"
    webroot.mkdir()
    dest = webroot / "column"
    assert publish_here(dest).status == 0
    first = os.readlink(dest)

    def roll_back(call: Call) -> None:
        if call.name == "replace" and Path(call.to) == dest:
            (webroot / ".rollback").symlink_to(first)
            os.rename(webroot / ".rollback", dest)

    spy = FileSystemSpy(after_each=roll_back)
    run = spy.run(monkeypatch, lambda: publish_here(dest, "--keep", "1"))
    assert run.status == 0, run.err
    assert os.readlink(dest) == first and label_of(dest) == "build 1"
    assert "removed old releases" not in run.out


def test_dest_serves_a_whole_release_after_every_call(tmp_path, monkeypatch, publish_here, builds):
    """Watched after each call of a republish: DEST is never missing, nor a link to a partial folder."""
    webroot = tmp_path / "www"
    webroot.mkdir()
    dest = webroot / "column"
    assert publish_here(dest).status == 0
    old = contents(dest)
    new = site_of("build 2", tmp_path)
    seen = []

    def look(call: Call) -> None:
        served = contents(dest) if dest.exists() else "missing"
        assert served in (old, new), f"after {call}: DEST is {'missing' if served == 'missing' else 'partial'}"
        seen.append(served == new)

    spy = FileSystemSpy(after_each=look)
    assert spy.run(monkeypatch, lambda: publish_here(dest)).status == 0
    assert seen[0] is False and seen[-1] is True and len(seen) > 20


def test_the_release_is_on_disk_before_dest_points_to_it(tmp_path, monkeypatch, publish_here, builds):
    """fsync: every file and folder of the new release, and the releases folder after the move, before
    the switch; DEST's folder after it, so that the switch itself survives a crash."""
    webroot = tmp_path / "www"
    webroot.mkdir()
    dest = webroot / "column"
    assert publish_here(dest).status == 0
    spy = FileSystemSpy()
    assert spy.run(monkeypatch, lambda: publish_here(dest)).status == 0
    names = [call.name for call in spy.calls]
    move = next(i for i, call in enumerate(spy.calls) if call.name == "rename" and in_releases(call.to))
    switch = names.index("replace")
    staging, release = spy.calls[move].path, spy.calls[move].to
    flushed_first = {call.path.replace(staging, release) for call in spy.calls[:move] if call.name == "fsync"}
    on_disk = {str(path) for path in [Path(release), *Path(release).rglob("*")]}
    assert on_disk - flushed_first == set(), "not flushed before the move"
    assert any(c.name == "fsync" and c.path == str(webroot / ".column.releases") for c in spy.calls[move:switch])
    assert any(c.name == "fsync" and c.path == str(webroot) for c in spy.calls[switch:])


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.005)


@pytest.fixture
def start_held(tmp_path) -> Iterator[Callable[[Path, str], subprocess.Popen]]:
    """publish_support.py: a publish with the stand-in build in a process of its own, held at a step (its
    state folder: tmp_path/state). Killed at the end of the test if it is still running."""
    processes = []
    state = tmp_path / "state"

    def start(dest: Path, hold_at: str) -> subprocess.Popen:
        state.mkdir()
        env = offline_env()
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "scripts"), str(ROOT / "tests"), env["PYTHONPATH"]])
        process = subprocess.Popen(
            [sys.executable, str(DRIVER), hold_at, str(state), str(dest), "--site-url", SITE_URL],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        processes.append(process)
        wait_for(lambda: (state / "held").exists() or process.poll() is not None, f"the publish to reach {hold_at}")
        assert process.poll() is None, process.communicate()
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            process.kill()
        process.communicate()


def test_a_second_publish_is_refused_while_one_runs(webroot, publish_here, tmp_path, start_held):
    """Two real processes: the second (scripts/publish.py itself, with the real build) is refused and
    changes nothing; the first, held in its build meanwhile, then finishes."""
    dest = webroot / "column"
    assert publish_here(dest).status == 0
    first = start_held(dest, "build")
    during = snapshot(webroot)
    second = run_publish(dest, "--site-url", SITE_URL)
    assert second.returncode == 1
    assert f"publish: nothing published: another publish into {webroot} is running\n" in second.stderr
    assert snapshot(webroot) == during
    (tmp_path / "state" / "go").touch()
    _, err = first.communicate(timeout=60)
    assert first.returncode == 0, err
    assert label_of(dest) == "held build"


def test_sigterm_from_outside_during_a_real_build(webroot, publish_here):
    """scripts/publish.py, real build: SIGTERM while mkdocs runs stops it, removes the temporary folder,
    and leaves DEST as it was."""
    dest = webroot / "column"
    assert publish_here(dest).status == 0
    before = snapshot(webroot)
    process = subprocess.Popen(
        [sys.executable, str(PUBLISH), str(dest), "--site-url", SITE_URL],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=offline_env(),
    )
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    wait_for(lambda: process.poll() is not None or children.read_text().split(), "mkdocs to start")
    (build_pid,) = map(int, children.read_text().split())
    wait_for(lambda: b"mkdocs" in Path(f"/proc/{build_pid}/cmdline").read_bytes(), "mkdocs to be running")
    blocked = next(line for line in Path(f"/proc/{build_pid}/status").read_text().splitlines() if "SigBlk" in line)
    assert int(blocked.split()[1], 16) & (1 << (signal.SIGTERM - 1) | 1 << (signal.SIGINT - 1)) == 0, "mkdocs deaf"
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM, err
    assert "publish: nothing published: interrupted by SIGTERM\n" in err
    assert f"publish: {dest} serves {os.readlink(dest)}, as before\n" in err
    assert snapshot(webroot) == before
    assert not Path(f"/proc/{build_pid}").exists(), "mkdocs still running"


def children_running(word: str) -> list[int]:
    """This process's children whose command line holds `word`."""
    pids = [int(pid) for task in Path("/proc/self/task").iterdir() for pid in (task / "children").read_text().split()]
    return [pid for pid in pids if word.encode() in Path(f"/proc/{pid}/cmdline").read_bytes()]


def test_a_signal_while_mkdocs_starts_leaves_no_build_running(webroot, monkeypatch, capsys):
    """SIGTERM between the fork of mkdocs (the real build) and Popen's return: mkdocs is stopped, not left
    writing into the temporary folder after it is removed."""
    real = subprocess.Popen._execute_child
    blocked = []

    def execute_child(self, *args, **kwargs):
        real(self, *args, **kwargs)
        # mkdocs runs now (Popen has seen it exec): the signals held here must not be held in it.
        status = Path(f"/proc/{self.pid}/status").read_text()
        blocked.append(int(next(line for line in status.splitlines() if line.startswith("SigBlk")).split()[1], 16))
        sigterm_to_this_thread()

    monkeypatch.setattr(subprocess.Popen, "_execute_child", execute_child)
    status = publish.main([str(webroot / "column"), "--site-url", SITE_URL])
    monkeypatch.undo()
    left = children_running("mkdocs")
    for pid in left:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    assert left == [], "mkdocs still running"
    assert blocked[0] & (1 << (signal.SIGTERM - 1) | 1 << (signal.SIGINT - 1)) == 0, "mkdocs deaf to signals"
    assert status == 128 + signal.SIGTERM and "nothing published: interrupted by SIGTERM" in capsys.readouterr().err
    assert list(webroot.iterdir()) == []


def test_sigterm_from_outside_right_after_the_switch(webroot, publish_here, tmp_path, start_held):
    """The signal is held until the switch is flushed, then stops the publish: the new release stays."""
    dest = webroot / "column"
    assert publish_here(dest).status == 0
    process = start_held(dest, "switch")
    target = os.readlink(dest)
    process.send_signal(signal.SIGTERM)
    (tmp_path / "state" / "go").touch()
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM
    assert err == (
        f"publish: published, {dest} now serves {target}; but interrupted by SIGTERM before removing old releases\n"
    )
    assert label_of(dest) == "held build" and target.startswith(".column.releases/000002-")


def test_a_switch_that_reports_an_error_but_took_effect_is_published(webroot, publish_here, tmp_path):
    """scripts/publish.py as a command: the switch goes through and reports EIO. DEST serves the new release,
    which stays whole, and the command says so and fails."""
    dest = webroot / "column"
    assert publish_here(dest).status == 0
    env = offline_env()
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "scripts"), str(ROOT / "tests"), env["PYTHONPATH"]])
    (tmp_path / "state").mkdir()
    run = subprocess.run(
        [sys.executable, str(DRIVER), "switch-error", str(tmp_path / "state"), str(dest), "--site-url", SITE_URL],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    target = os.readlink(dest)
    assert target.startswith(".column.releases/000002-") and label_of(dest) == "held build"
    assert contents(dest) == site_of("held build", tmp_path)
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr == (
        f"publish: published, {dest} now serves {target}; but the switch reported an error: [Errno 5] injected "
        "fault after the switch took effect\n"
    )


def test_what_a_killed_publish_leaves_is_removed_by_the_next(webroot, publish_here, tmp_path, start_held):
    """SIGKILL cannot be caught: the temporary folder stays until the next publish, which removes it."""
    dest = webroot / "column"
    assert publish_here(dest).status == 0
    process = start_held(dest, "build")
    process.kill()
    process.communicate()
    assert any(path.name.startswith(".column.new-") for path in webroot.iterdir())
    (webroot / ".column.link-0badf00d").symlink_to(".column.releases/gone")
    assert publish_here(dest).status == 0
    assert sorted(path.name for path in webroot.iterdir()) == [".column.releases", "column"]


# --- the GitHub Pages workflow --------------------------------------------------------------------------

PINNED = re.compile(r"[^@\s]+@[0-9a-f]{40}")  # a commit; a tag, even an exact one, can be moved


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def all_steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_workflow_runs_on_push_to_main(workflow):
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"]
    # Only the deploy job may write to Pages; the build job runs third-party code (pip, apt, tests).
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "write" not in workflow["jobs"]["build"]["permissions"].values()


def test_workflow_installs_tests_builds_and_deploys(workflow):
    build = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in build]
    uses = [step.get("uses", "").split("@")[0] for step in all_steps(workflow)]
    install = next(i for i, run in enumerate(runs) if ".installed" in run)
    test = next(i for i, run in enumerate(runs) if run.strip() in (".ci/run", "make test"))
    strict = next(i for i, run in enumerate(runs) if run.strip() == "make build")
    assert install < test < strict
    assert "mkdocs build --strict" in (ROOT / "Makefile").read_text(encoding="utf-8")  # what `make build` runs
    assert any("check_site.py" in run for run in runs[strict:])
    assert "actions/configure-pages" in uses
    upload = next(step for step in build if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in deploy["steps"])


def test_workflow_site_url_comes_from_the_pages_configuration(workflow):
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "steps.pages.outputs.base_url" in text and "SITE_URL=" in text
    # The build's address is checked by check_site.py, which refuses the placeholder (test_check_site.py).
    (check,) = [step["run"] for step in all_steps(workflow) if "check_site.py" in step.get("run", "")]
    assert '--site-url "$SITE_URL"' in check


def test_every_action_is_pinned(workflow):
    uses = [step["uses"] for step in all_steps(workflow) if "uses" in step]
    assert uses
    for action in uses:
        assert PINNED.fullmatch(action), f"{action}: pin to a full commit SHA"
