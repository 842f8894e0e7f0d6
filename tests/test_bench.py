"""The benchmark's own plumbing, without nginx or a browser: it never leaves nginx running or its folder
behind, whichever step fails."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from build_harness import ROOT, build_cli


@pytest.fixture
def bench(monkeypatch, tmp_path):
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where mkdtemp puts nginx's folder
    return module


def fake_nginx(tmp_path: Path, script: str) -> str:
    path = tmp_path / "fake-nginx"
    path.write_text("#!/bin/sh\n" + script + "\n")
    path.chmod(0o755)
    return str(path)


def leftovers(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.glob("bench-nginx-*"))


def test_a_config_nginx_rejects_leaves_no_folder(bench, monkeypatch, tmp_path):
    monkeypatch.setattr(bench, "NGINX", fake_nginx(tmp_path, "echo 'bad config' >&2; exit 1"))
    with pytest.raises(SystemExit, match="rejects its config"), bench.Nginx({"column": tmp_path}):
        pass
    assert leftovers(tmp_path) == []


def test_an_nginx_that_never_serves_is_stopped_and_its_folder_removed(bench, monkeypatch, tmp_path):
    # `nginx -t` passes; the "server" then sleeps without listening, so waiting for it fails.
    monkeypatch.setattr(bench, "NGINX", fake_nginx(tmp_path, 'case "$1" in -t) exit 0;; esac; exec sleep 60'))
    monkeypatch.setattr(bench.time, "monotonic", iter(range(0, 10**6, 5)).__next__)  # the 10 s wait, fast
    server = bench.Nginx({"column": tmp_path})
    with pytest.raises(SystemExit, match="did not serve"), server:
        pass
    assert server.proc.poll() is not None, "the nginx process was left running"
    assert leftovers(tmp_path) == []


def test_a_clean_run_stops_nginx_and_removes_its_folder(bench, monkeypatch, tmp_path):
    monkeypatch.setattr(bench, "NGINX", fake_nginx(tmp_path, 'case "$1" in -t) exit 0;; esac; exec sleep 60'))
    monkeypatch.setattr(bench.Nginx, "_wait", lambda self, key: None)
    with bench.Nginx({"column": tmp_path}) as server:
        assert len(leftovers(tmp_path)) == 1
    assert server.proc.poll() is not None
    assert leftovers(tmp_path) == []


# Run in a fresh interpreter with only bench's own path: which of the suite's modules did making the project load?
SUITE_PROJECT = """import pathlib, runpy, sys
bench = runpy.run_path(sys.argv[1])
bench["suite_project"](pathlib.Path(sys.argv[2]))
suite = pathlib.Path(sys.argv[3])  # the repository's tests/ (the repository's own path may hold "/tests/" too)
files = [pathlib.Path(getattr(m, "__file__", None) or "/") for m in list(sys.modules.values())]
print([str(file) for file in files if suite in file.parents])
"""


def test_the_suites_columns_are_benched_without_the_suites_code(bench, tmp_path):
    """For the page types the publisher's site may not have yet, bench builds the suite's columns: it reads their
    files and runs none of the suite's code (the suite's helpers would cut the network of the process)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), str(ROOT / "source")])}
    project = tmp_path / "project"
    found = subprocess.run(
        [sys.executable, "-c", SUITE_PROJECT, str(ROOT / "bench" / "run.py"), str(project), str(ROOT / "tests")],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert found.stdout.strip() == "[]"
    result = build_cli(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    # Every page type bench measures on it is there.
    for path in ("", *bench.PAGE_TYPES.values()):
        assert (tmp_path / "site" / path / "index.html").is_file(), path
