"""Shared fixtures: the real site, built once per session with the network cut, and throw-away copies
of the project for tests that build from changed input."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "hooks"
SEED = ROOT / "source" / "column.txt"  # the column as handed over (see source/README.md)
OFFLINE = Path(__file__).resolve().parent / "offline"  # sitecustomize.py that refuses sockets
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks", "data")
# The public address the tests build with (through SITE_URL, as a deploy preview would).
SITE_URL = "https://columns.example/ambassadors-view/"

sys.path.insert(0, str(HOOKS))


def build(project: Path, site_dir: Path, *, site_url: str | None = SITE_URL, offline: bool = True) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as a separate process; with offline=True every socket connection fails."""
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if site_url is not None:
        env["SITE_URL"] = site_url
    if offline:
        env["PYTHONPATH"] = os.pathsep.join([str(OFFLINE), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
        timeout=300,
    )


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / part)
    return dest


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The project's site, built once."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build(ROOT, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def page(site):
    """The built column page, parsed."""
    return lxml_html.fromstring((site / "index.html").read_bytes())


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project to change and build."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")
