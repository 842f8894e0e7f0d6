"""Publishing: `make publish DEST=...` (scripts/publish.py) swaps a checked build in atomically; a failure
or a signal at any step leaves DEST serving one whole release (the old one or the new one) and says which;
two publishes never run at once. Also the GitHub Pages workflow. The build checks: test_check_site.py.

Faults are injected from the outside, so that scripts/publish.py holds no code for its tests: most tests
run publish.main() in this process with the build replaced by a small stand-in site (fast) and the calls
that change the file system wrapped (publish_support.FileSystemSpy) so that one of them fails with EIO, or
runs and is followed by SIGTERM to this thread (main() installs the real handler). What must be real is run
for real: the end-to-end test runs scripts/publish.py with the real build; the lock is tried by two
processes; a SIGTERM is also sent from outside to a process in the middle of a real build."""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

import publish
from build_harness import ROOT, build, offline_env
from check_site import summary
from publish_support import KINDS, Call, FileSystemSpy, contents, sigterm_to_this_thread, snapshot, stand_in_site
from suite_columns import COLUMN_PAGES, OTHER_PAGES, SITE_URL

PUBLISH = ROOT / "scripts" / "publish.py"
DRIVER = ROOT / "tests" / "publish_support.py"
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
PLACEHOLDER = 'site_url: !ENV [SITE_URL, "https://example.com/"]'  # the default that lets make serve run


@dataclass
class Run:
    status: int
    out: str
    err: str


@pytest.fixture
def webroot(tmp_path) -> Path:
    folder = tmp_path / "www"
    folder.mkdir()
    return folder


def set_site_url(project: Path, line: str) -> None:
    """The copy's mkdocs.yml with this `site_url:` line instead of its own."""
    config = project / "mkdocs.yml"
    text, count = re.subn(r"^site_url:.*$", line, config.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert count == 1
    config.write_text(text, encoding="utf-8")


# --- with the real build ------------------------------------------------------------------------------


def test_publish_then_a_broken_build_leaves_dest_byte_for_byte(webroot, suite_project, project, monkeypatch, capfd):
    dest = webroot / "column"
    command = [sys.executable, str(PUBLISH), str(dest), "--project", str(suite_project)]
    first = subprocess.run(command, capture_output=True, text=True, env=offline_env(), timeout=300)  # as make does
    assert first.returncode == 0, first.stderr
    assert dest.is_symlink() and (dest / "index.html").is_file() and (dest / "404.html").is_file()
    counts = summary(dest)
    pages = len(COLUMN_PAGES) + len(OTHER_PAGES) + 1  # and 404.html
    assert f"{counts['pages']} pages" in first.stdout and counts["pages"] == pages
    assert f"{counts['bytes']:,} bytes" in first.stdout
    assert SITE_URL in (dest / "index.html").read_text(encoding="utf-8")
    before = snapshot(webroot)

    # In this process, so that the tests of mutants see it.
    for key, value in offline_env().items():
        monkeypatch.setenv(key, value)
    text = (project / "docs" / "index.md").read_text(encoding="utf-8")
    (project / "docs" / "index.md").write_text(re.sub(r"^title:", "titel:", text, count=1, flags=re.M), "utf-8")
    assert publish.main([str(dest), "--project", str(project)]) == 1
    err = capfd.readouterr().err
    assert "field 'titel'" in err  # mkdocs's own message
    assert "publish: nothing published: the build failed (mkdocs exit status 1); see its message above\n" in err
    assert f"publish: {dest} serves {os.readlink(dest)}, as before\n" in err
    assert snapshot(webroot) == before  # DEST, its release and nothing new beside it


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
        "for examples), not the site's public address: set the SITE_URL environment variable to the site's "
        "public address (SITE_URL=https://your.domain/ make publish DEST=...), or site_url in mkdocs.yml\n"
        f"publish: {dest} does not exist, as before\n"
    )
    assert list(webroot.iterdir()) == []
    # Given on the command line, the placeholder is refused as well.
    assert publish.main([str(dest), "--project", str(project), "--site-url", "https://www.example.org/"]) == 1
    assert "nothing published: the site URL 'https://www.example.org/' is a placeholder" in capsys.readouterr().err


def test_the_placeholder_still_builds_locally(project, tmp_path):
    """make build and make serve need no address: the placeholder builds, and only publishing refuses it."""
    set_site_url(project, PLACEHOLDER)
    result = build(project, tmp_path / "site", site_url=None)
    assert result.returncode == 0, result.stderr
    assert '<link rel="canonical" href="https://example.com/">' in (tmp_path / "site" / "index.html").read_text("utf-8")


def configuration(folder: Path, text: str) -> Path:
    (folder / "docs").mkdir()  # else mkdocs refuses the configuration for that
    (folder / "mkdocs.yml").write_text(f"site_name: x\n{text}\n", encoding="utf-8")
    return folder


def test_the_site_url_is_the_builds_unless_given(tmp_path, monkeypatch):
    """Without --site-url the checks use the address the build uses, read by mkdocs: SITE_URL, else mkdocs.yml's."""
    project = configuration(tmp_path, 'site_url: !ENV [SITE_URL, "https://own.example/column/"]')
    monkeypatch.setenv("SITE_URL", "https://other.example/")
    assert publish.configured_site_url(project) == "https://other.example/"
    monkeypatch.delenv("SITE_URL")
    assert publish.configured_site_url(project) == "https://own.example/column/"


@pytest.mark.parametrize(
    ("config", "message"),
    [("docs_dir: docs", "could not read site_url from mkdocs.yml:\n"), ("site_url: [", "while parsing")],
    ids=["no site_url", "not YAML"],
)
def test_a_configuration_without_a_site_url_is_refused(tmp_path, monkeypatch, config, message):
    monkeypatch.delenv("SITE_URL", raising=False)
    with pytest.raises(publish.PublishError, match=re.escape(message)):
        publish.configured_site_url(configuration(tmp_path, config))


def test_make_publish_needs_dest_and_keep_at_least_one(capsys):
    env = {k: v for k, v in os.environ.items() if k != "DEST"}
    result = subprocess.run(["make", "-s", "publish"], cwd=ROOT, capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode != 0 and "make publish needs DEST" in result.stderr
    with pytest.raises(SystemExit) as stop:
        publish.main(["/nowhere/column", "--keep", "0"])
    assert stop.value.code == 2 and "error: --keep must be at least 1" in capsys.readouterr().err


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


def test_each_release_is_numbered_reported_and_the_newest_three_kept(webroot, publish_here, monkeypatch):
    """Numbered whatever the clock says: three publishes in one second, then two with the clock set back."""
    clock = iter([1_800_000_000.0] * 3 + [1_700_000_000.0, 1_600_000_000.0])
    real_gmtime = time.gmtime
    monkeypatch.setattr(time, "gmtime", lambda when=None: real_gmtime(next(clock) if when is None else when))
    dest, releases = webroot / "column", webroot / ".column.releases"
    first = publish_here(dest)
    assert first.status == 0, first.err
    (release,) = releases.iterdir()
    assert release.name == "000001-20270115T080000Z"
    assert os.readlink(dest) == f".column.releases/{release.name}"  # relative: survives a move
    files = sorted(path for path in release.rglob("*") if path.is_file())
    assert first.out == (
        f"publish: published 2 pages, {len(files)} files, {sum(path.stat().st_size for path in files):,} bytes "
        f"to {dest} (release .column.releases/{release.name})\n"
    )
    (releases / "notes").mkdir()  # not a release: left alone
    runs = [publish_here(dest) for _ in range(3)]
    assert [run.status for run in runs] == [0, 0, 0] and "removed" not in runs[0].out + runs[1].out
    assert runs[2].out.endswith(f"publish: removed old releases: {release.name}\n")
    kept = sorted(path.name for path in releases.iterdir())[:-1]
    assert kept == ["000002-20270115T080000Z", "000003-20270115T080000Z", "000004-20231114T221320Z"]
    last = publish_here(dest, "--keep", "1")
    assert last.out.endswith(f"publish: removed old releases: {', '.join(reversed(kept))}\n")  # newest first
    assert sorted(path.name for path in releases.iterdir()) == ["000005-20200913T122640Z", "notes"]
    assert label_of(dest) == "build 5"
    assert sorted(path.name for path in webroot.iterdir()) == [".column.releases", "column"]


def test_every_published_file_is_readable_whatever_the_umask(webroot, publish_here):
    dest = webroot / "column"
    umask = os.umask(0o077)
    try:
        assert publish_here(dest).status == 0
    finally:
        os.umask(umask)
    for path in [dest.resolve().parent, dest.resolve(), *dest.resolve().rglob("*")]:
        assert path.stat().st_mode & 0o777 == (0o755 if path.is_dir() else 0o644), path


def test_a_build_that_fails_the_checks_leaves_dest_unchanged(webroot, publish_here):
    dest = webroot / "column"
    assert publish_here(dest).status == 0
    before = snapshot(webroot)
    failed = publish_here(dest, "--site-url", "https://elsewhere.example/")  # not the address it was built for
    assert failed.status == 1 and failed.out == ""
    assert failed.err.startswith("publish: nothing published: the build checks failed:\n  - index.html: canonical")
    assert snapshot(webroot) == before


def plain_folder(dest: Path) -> None:
    dest.mkdir()
    (dest / "index.html").write_text("the old site", encoding="utf-8")


def test_a_plain_folder_is_adopted_as_the_release_before(webroot, publish_here):
    dest = webroot / "column"
    plain_folder(dest)
    os.utime(dest, (1_700_000_000, 1_700_000_000))  # the adopted release is named by its last change
    run = publish_here(dest, "--adopt")
    assert run.status == 0, run.err
    adopted, new = sorted((webroot / ".column.releases").iterdir())
    assert adopted.name == "000001-20231114T221320Z-adopted"
    assert (adopted / "index.html").read_text(encoding="utf-8") == "the old site"
    assert new.name.startswith("000002-") and dest.resolve() == new.resolve()
    (empty := webroot / "empty").mkdir()  # needs no --adopt: there is nothing to lose
    assert publish_here(empty).status == 0 and label_of(empty) == "build 2"


@pytest.mark.parametrize(
    ("where", "prepare", "message"),
    [
        ("column", lambda dest: dest.write_text("a file"), "{dest} exists and is not a folder or a link; refusing to"),
        (
            "column",
            plain_folder,
            "{dest} is a folder, not a link to a release. Publishing replaces it by a link; run again with --adopt "
            "to move the folder into the releases (it is then the previous release and is deleted in time), or "
            "move it away yourself.\n",
        ),
        ("missing/column", lambda dest: None, "{dest.parent} does not exist; create it first (DEST is created"),
    ],
    ids=["a file", "a plain folder", "no parent folder"],
)
def test_what_publish_refuses(webroot, publish_here, builds, where, prepare, message):
    dest = webroot / where
    prepare(dest)
    before = snapshot(webroot)
    refused = publish_here(dest)
    assert (refused.status, refused.out, builds) == (1, "", [])
    assert refused.err.startswith("publish: nothing published: " + message.format(dest=dest))
    assert snapshot(webroot) == before


# --- faults ------------------------------------------------------------------------------------------------


def one_release(dest: Path, publish_here) -> None:
    assert publish_here(dest).status == 0


REPUBLISH, ADOPT = "republish, pruning the old release", "adopting a plain folder"
SCENARIOS = {  # a web root before a publish, and that publish's arguments
    "first publish": (lambda dest, publish_here: None, ()),
    REPUBLISH: (one_release, ("--keep", "1")),
    ADOPT: (lambda dest, publish_here: plain_folder(dest), ("--adopt",)),
}


def dest_state(dest: Path) -> str:
    """What DEST is, in the words of the report (README, "A plain web server")."""
    if dest.is_symlink():
        return f"serves {os.readlink(dest)}"
    return "is a plain folder" if dest.is_dir() else "does not exist"


def prepared(tmp_path: Path, publish_here, scenario: str, name: str) -> tuple[Path, dict, str]:
    """A web root for `scenario`: the folder, what it holds, and what DEST is."""
    (webroot := tmp_path / name).mkdir()
    SCENARIOS[scenario][0](webroot / "column", publish_here)
    return webroot, snapshot(webroot), dest_state(webroot / "column")


def fault_run(tmp_path, monkeypatch, publish_here, scenario: str, spy: FileSystemSpy, name: str):
    """Publish into a web root prepared for `scenario`, under `spy`; the run, the web root, and what it held
    and what DEST was before."""
    webroot, before, was = prepared(tmp_path, publish_here, scenario, name)
    run = spy.run(monkeypatch, lambda: publish_here(webroot / "column", *SCENARIOS[scenario][1]))
    return run, webroot, before, was


def outcome(webroot: Path, before: dict, was: str, new_site: dict) -> str:
    """ "old": DEST as it was, with nothing changed or left over beside it; "new": DEST serves the whole new
    build, with nothing left over beside it. Anything else fails."""
    dest = webroot / "column"
    if dest_state(dest) == was:
        assert snapshot(webroot) == before, "DEST kept, but something beside it changed or was left over"
        return "old"
    assert dest.is_symlink(), f"DEST {dest_state(dest)}"
    assert contents(dest) == new_site, "DEST serves a release that is not the whole new build"
    assert sorted(path.name for path in webroot.iterdir()) == [".column.releases", "column"], "left over"
    return "new"


def phases(calls: list[Call]) -> list[str]:
    """The phase of the publish each call of a successful run belongs to: readying the build (up to the move
    into the releases), installing it (the move, an adopted folder's, the new link), the switch, flushing
    DEST's folder, pruning."""
    install = next(c.index for c in calls if ".column.releases" in (Path(c.path).name, Path(c.to).parent.name))
    switch = next(c.index for c in calls if c.name == "replace" and Path(c.to).name == "column")
    assert calls[switch + 1].name == "fsync" and calls[switch + 1].path == str(Path(calls[switch].to).parent)
    prune = len(calls) - switch - 2
    return ["ready"] * install + ["install"] * (switch - install) + ["switch", "flush"] + ["prune"] * prune


# What a fault in each phase leaves, for each kind of fault (KINDS): "old" (DEST as before) or "new" (DEST
# serves the new build). From the move on, a signal waits until DEST serves the new build, then stops the
# publish before pruning; one that arrives while pruning lets it finish, so that no old release is left half
# deleted. A call that takes effect and then reports a failure is judged by what it did: once DEST points at
# the new release, the new release is live, whatever the call said. From the switch on, nothing is undone.
OUTCOMES = {"ready": "old old old", "install": "old old new", "switch": "old new new", "flush": "new new new"}
OUTCOMES["prune"] = OUTCOMES["flush"]


def report(kind: str, phase: str, call: Call, dest: Path, was: str) -> tuple[int, str]:
    """The exit status and the error output for a fault of `kind` at `call` (README, "A plain web server")."""
    fault = {
        "error": f"[Errno 5] injected fault: {call}",
        "after": f"[Errno 5] injected fault after the call took effect: {call}",
        "sigterm": "interrupted by SIGTERM",
    }[kind]
    status = 128 + signal.SIGTERM if kind == "sigterm" else 1
    if OUTCOMES[phase].split()[KINDS.index(kind)] == "old":
        return status, f"publish: nothing published: {fault}\npublish: {dest} {was}, as before\n"
    published = f"publish: published, {dest} now serves {os.readlink(dest)}; but "
    if kind == "sigterm":
        return (0, "") if phase == "prune" else (status, f"{published}{fault} before removing old releases\n")
    failed = {"switch": "the switch reported an error", "flush": f"flushing {dest.parent} to disk failed"}
    return status, f"{published}{failed.get(phase, 'removing old releases failed')}: {fault}\n"


def assert_on_disk_before_the_switch(calls: list[Call], webroot: Path) -> None:
    """fsync: every file and folder of the new release, and the releases folder after the move, before the
    switch; DEST's folder after it, so that the switch itself survives a crash."""
    (move,) = [call for call in calls if call.name == "rename" and ".column.new-" in call.path]
    (switch,) = [call for call in calls if call.name == "replace"]
    fsyncs = [call for call in calls if call.name == "fsync"]
    flushed_first = {call.path.replace(move.path, move.to) for call in fsyncs if call.index < move.index}
    assert {str(path) for path in [Path(move.to), *Path(move.to).rglob("*")]} <= flushed_first, "not flushed first"
    assert any(c.path == str(webroot / ".column.releases") and move.index < c.index < switch.index for c in fsyncs)
    assert any(c.path == str(webroot) and c.index > switch.index for c in fsyncs)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_fault_at_any_call_leaves_dest_serving_one_whole_release(
    tmp_path, monkeypatch, publish_here, builds, scenario
):
    """Without a fault, DEST serves the old site or the whole new one after every call (missing only for a
    moment while a plain folder is adopted), and the new one is on disk before DEST points to it. Then every
    call that changes the file system, in turn: failing (EIO) before it runs, failing (EIO) after it took
    effect, or followed by SIGTERM. DEST serves the old release or the whole new one, as OUTCOMES says, and
    the report says which; a failure is never reported as success, a signal gives the shell's status."""
    webroot, _, _ = prepared(tmp_path, publish_here, scenario, "survey")
    dest, new = webroot / "column", site_of(f"build {len(builds) + 1}", tmp_path)
    old = contents(dest) if dest.exists() else None

    def whole(call: Call) -> None:
        served = contents(dest) if dest.exists() else None
        assert served in (old, new) or (served is None and scenario == ADOPT), (
            f"after {call}: DEST is {'missing' if served is None else 'partial'}"
        )

    survey = FileSystemSpy(after_each=whole)
    run = survey.run(monkeypatch, lambda: publish_here(dest, *SCENARIOS[scenario][1]))
    assert run.status == 0 and contents(dest) == new, run.err
    assert_on_disk_before_the_switch(survey.calls, webroot)
    steps = phases(survey.calls)
    assert {"ready", "install", "switch", "flush"} <= set(steps) and (scenario != REPUBLISH or "prune" in steps)
    for index, phase in enumerate(steps):
        for kind in KINDS:
            spy = FileSystemSpy([lambda call, index=index: call.index == index], kind=kind)
            run, webroot, before, was = fault_run(tmp_path, monkeypatch, publish_here, scenario, spy, f"{kind}-{index}")
            dest, expected = webroot / "column", OUTCOMES[phase].split()[KINDS.index(kind)]
            try:
                assert spy.broken, "the calls changed between runs"
                assert outcome(webroot, before, was, site_of(builds[-1], tmp_path)) == expected
                assert (run.status, run.err) == report(kind, phase, spy.broken[0], dest, was)
                if run.status == 0:  # a signal while pruning lets it finish
                    removed = f"publish: removed old releases: {was.split('/')[-1]}\n"
                    assert run.out.endswith(f" to {dest} (release {os.readlink(dest)})\n{removed}")
                else:
                    assert run.out == ""
            except AssertionError as error:
                raise AssertionError(f"{kind} at call {index} ({phase}): {error}\n{run.out}{run.err}") from None
            shutil.rmtree(webroot)


def test_a_second_signal_does_not_cut_the_clean_up_short(tmp_path, monkeypatch, publish_here, builds):
    """SIGTERM in the build, then again while its temporary folder is being removed."""
    in_build = [lambda call: call.name == "mkdir" and call.path.endswith("/assets")]
    in_clean_up = [lambda call: call.name == "unlink" and ".column.new-" in call.path]
    spy = FileSystemSpy(in_build + in_clean_up, kind="sigterm")
    run, webroot, before, was = fault_run(tmp_path, monkeypatch, publish_here, REPUBLISH, spy, "two")
    assert len(spy.broken) == 2 and outcome(webroot, before, was, {}) == "old"
    assert (run.status, run.err) == (
        128 + signal.SIGTERM,
        report("sigterm", "ready", spy.broken[0], webroot / "column", was)[1],
    )


def test_the_report_does_not_claim_dest_unchanged_when_the_undo_failed(tmp_path, monkeypatch, publish_here, builds):
    """Adopting a folder: the switch fails, and so does putting the folder back. DEST is missing (the one
    moment it can be, see publish.install), and the report says so rather than "as before"."""
    switch = [lambda call: call.name == "symlink"]
    put_back = [lambda call: call.name == "rename" and call.to.endswith("/column")]
    spy = FileSystemSpy(switch + put_back)
    run, webroot, _, _ = fault_run(tmp_path, monkeypatch, publish_here, ADOPT, spy, "www")
    assert len(spy.broken) == 2 and run.status == 1
    assert run.err.endswith(f"publish: {webroot / 'column'} does not exist\n")


def test_a_release_dest_may_serve_is_never_removed(webroot, monkeypatch, publish_here, builds, tmp_path):
    """The switch takes effect and reports a failure, and then DEST cannot be read: the new release may be
    live, so it is kept whole, and the report claims nothing it cannot see."""
    dest = webroot / "column"
    assert publish_here(dest).status == 0
    real_readlink = os.readlink
    spy = FileSystemSpy([lambda call: call.name == "replace" and Path(call.to) == dest], kind="after")

    def readlink(path, *args, **kwargs):
        if spy.broken and os.fspath(path) == str(dest):
            raise OSError(errno.EIO, "injected fault: readlink")
        return real_readlink(path, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(os, "readlink", readlink)
        run = spy.run(monkeypatch, lambda: publish_here(dest))
    assert spy.broken and os.readlink(dest).startswith(".column.releases/000002-")
    assert contents(dest) == site_of("build 2", tmp_path)
    assert run.status == 1 and run.err.startswith("publish: failed: [Errno 5] injected fault after the call took")
    assert run.err.endswith(f"publish: {dest} cannot be read ([Errno 5] injected fault: readlink)\n")


def test_pruning_never_removes_the_release_dest_serves(webroot, monkeypatch, publish_here, builds):
    """A rollback by hand between the switch and the pruning (README: one atomic command) points DEST at
    an old release: the pruning keeps it, whatever its number."""
    dest = webroot / "column"
    assert publish_here(dest).status == 0
    first = os.readlink(dest)

    def roll_back(call: Call) -> None:
        if call.name == "replace" and Path(call.to) == dest:
            (webroot / ".rollback").symlink_to(first)
            os.rename(webroot / ".rollback", dest)

    run = FileSystemSpy(after_each=roll_back).run(monkeypatch, lambda: publish_here(dest, "--keep", "1"))
    assert run.status == 0, run.err
    assert os.readlink(dest) == first and label_of(dest) == "build 1"
    assert "removed old releases" not in run.out


# --- in processes of their own, signals from outside ----------------------------------------------------


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.005)


def test_a_second_publish_is_refused_while_one_runs_and_a_killed_ones_leftovers_go(
    webroot, suite_project, publish_here
):
    """Two real processes: the second (scripts/publish.py itself) is refused and changes nothing. The first,
    held in its build meanwhile, is then killed (SIGKILL cannot be caught): its lock goes with it, and the
    temporary folder it leaves is removed by the next publish."""
    dest, held = webroot / "column", webroot.parent / "held"
    assert publish_here(dest).status == 0
    env = offline_env()
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "scripts"), str(ROOT / "tests"), env["PYTHONPATH"]])
    command = [sys.executable, str(DRIVER), str(held), str(dest), "--site-url", SITE_URL]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        wait_for(lambda: held.exists() or first.poll() is not None, "the first publish to reach its build")
        assert first.poll() is None, first.communicate()
        during = snapshot(webroot)
        command = [sys.executable, str(PUBLISH), str(dest), "--project", str(suite_project), "--site-url", SITE_URL]
        second = subprocess.run(command, capture_output=True, text=True, env=offline_env(), timeout=300)
        assert second.returncode == 1
        assert f"publish: nothing published: another publish into {webroot} is running\n" in second.stderr
        assert snapshot(webroot) == during
    finally:
        first.kill()
        first.communicate()
    assert any(path.name.startswith(".column.new-") for path in webroot.iterdir())
    (webroot / ".column.link-0badf00d").symlink_to(".column.releases/gone")
    assert publish_here(dest).status == 0 and label_of(dest) == "build 2"
    assert sorted(path.name for path in webroot.iterdir()) == [".column.releases", "column"]


def signals_blocked(pid: int) -> int:
    """SIGTERM and SIGINT, where process `pid` blocks them."""
    status = Path(f"/proc/{pid}/status").read_text()
    blocked = int(next(line for line in status.splitlines() if line.startswith("SigBlk")).split()[1], 16)
    return blocked & (1 << (signal.SIGTERM - 1) | 1 << (signal.SIGINT - 1))


def test_sigterm_from_outside_during_a_real_build(webroot, publish_here):
    """scripts/publish.py, real build: SIGTERM while mkdocs runs stops it, removes the temporary folder,
    and leaves DEST as it was."""
    dest = webroot / "column"
    assert publish_here(dest).status == 0
    before = snapshot(webroot)
    command = [sys.executable, str(PUBLISH), str(dest), "--site-url", SITE_URL]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=offline_env())
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    wait_for(lambda: process.poll() is not None or children.read_text().split(), "mkdocs to start")
    (build_pid,) = map(int, children.read_text().split())
    wait_for(lambda: b"mkdocs" in Path(f"/proc/{build_pid}/cmdline").read_bytes(), "mkdocs to be running")
    assert signals_blocked(build_pid) == 0, "mkdocs deaf to signals"
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM, err
    assert "publish: nothing published: interrupted by SIGTERM\n" in err
    assert f"publish: {dest} serves {os.readlink(dest)}, as before\n" in err
    assert snapshot(webroot) == before
    assert not Path(f"/proc/{build_pid}").exists(), "mkdocs still running"


@pytest.mark.parametrize("moment", ["in Popen", "as signals are let through again"])
def test_a_signal_while_mkdocs_starts_leaves_no_build_running(webroot, monkeypatch, capsys, moment):
    """SIGTERM between the fork of mkdocs (the real build) and Popen's return, or just as publish stops holding
    signals after it: mkdocs is stopped, not left writing into the temporary folder after it is removed."""
    real_execute, real_sigmask, blocked = subprocess.Popen._execute_child, signal.pthread_sigmask, []

    def execute_child(self, *args, **kwargs):
        real_execute(self, *args, **kwargs)
        blocked.append(signals_blocked(self.pid))  # mkdocs runs now: the signals held here are not held there
        if moment == "in Popen":
            sigterm_to_this_thread()

    def pthread_sigmask(how, mask):
        if moment != "in Popen" and how == signal.SIG_SETMASK and len(blocked) == 1:
            blocked.append("sent")
            sigterm_to_this_thread()
        return real_sigmask(how, mask)

    monkeypatch.setattr(subprocess.Popen, "_execute_child", execute_child)
    monkeypatch.setattr(signal, "pthread_sigmask", pthread_sigmask)
    status = publish.main([str(webroot / "column"), "--site-url", SITE_URL])
    monkeypatch.undo()
    tasks = Path("/proc/self/task").iterdir()
    left = [pid for task in tasks for pid in map(int, (task / "children").read_text().split())]
    left = [pid for pid in left if b"mkdocs" in Path(f"/proc/{pid}/cmdline").read_bytes()]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    assert left == [], "mkdocs still running"
    assert blocked[0] == 0, "mkdocs deaf to signals"
    assert status == 128 + signal.SIGTERM and "nothing published: interrupted by SIGTERM" in capsys.readouterr().err
    assert list(webroot.iterdir()) == []


# --- the GitHub Pages workflow --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def all_steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_workflow_tests_builds_checks_and_deploys_on_push_to_main(workflow):
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as true
    # Only the deploy job may write to Pages; the build job runs third-party code (pip, apt, tests).
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "write" not in workflow["jobs"]["build"]["permissions"].values()
    build = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in build]
    install = next(i for i, run in enumerate(runs) if ".installed" in run)
    test = next(i for i, run in enumerate(runs) if run.strip() in (".ci/run", "make test"))
    strict = next(i for i, run in enumerate(runs) if run.strip() == "make check")
    assert install < test < strict
    assert "mkdocs build --strict" in (ROOT / "scripts" / "check.py").read_text(encoding="utf-8")  # `make check`
    # The build's address is Pages' own, checked by check_site.py, which refuses the placeholder.
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "steps.pages.outputs.base_url" in text and "SITE_URL=" in text
    (check,) = [run for run in runs[strict:] if "check_site.py" in run]
    assert '--site-url "$SITE_URL"' in check
    assert "actions/configure-pages" in [step.get("uses", "").split("@")[0] for step in all_steps(workflow)]
    upload = next(step for step in build if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in deploy["steps"])


def test_every_action_is_pinned_to_a_commit(workflow):
    uses = [step["uses"] for step in all_steps(workflow) if "uses" in step]
    assert uses
    for action in uses:  # a tag, even an exact one, can be moved
        assert re.fullmatch(r"[^@\s]+@[0-9a-f]{40}", action), f"{action}: pin to a full commit SHA"
