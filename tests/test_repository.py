"""The repository holds sources only: nothing installed or generated is tracked, and a fresh clone stays small."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from build_harness import ROOT

MAX_TRACKED_BYTES = 3 * 1024 * 1024  # a fresh clone's work tree


def git(*args: str) -> str:
    if not (ROOT / ".git").exists() or not shutil.which("git"):
        pytest.skip("not a git checkout: nothing tracked to check")
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def test_no_tracked_file_matches_gitignore():
    ignored = git("ls-files", "--cached", "--ignored", "--exclude-standard").split("\n")
    assert [path for path in ignored if path] == []


def test_gitignore_covers_what_the_project_installs_and_generates():
    # Guards the check above: paths that make serve/test/bench/clean create must be ignored.
    generated = [
        ".venv/x",
        "site/index.html",
        "screenshots/a.png",
        "bench/out/x",
        "bench/node_modules/x",
        "tests/vnu/node_modules/x",
        "tests/readability/node_modules/x",
        "mutants/x",
        "tests/__pycache__/x.pyc",
        ".ruff_cache/x",
    ]
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", "--stdin"],
        cwd=ROOT,
        input="\n".join(generated),
        capture_output=True,
        text=True,
    )
    assert sorted(result.stdout.split()) == sorted(generated)


def test_a_fresh_clone_is_small():
    tracked = [ROOT / path for path in git("ls-files", "-z").split("\0") if path]
    total = sum(path.stat().st_size for path in tracked if path.is_file())
    assert total < MAX_TRACKED_BYTES, f"tracked files add up to {total} bytes"
