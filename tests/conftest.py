"""Shared fixtures: the suite's site (the project's code with the suite's own columns, tests/columns), built
once per session with the network cut, and throw-away copies of it for tests that build from changed input
(helpers in support.py). The publisher's own site (docs/, data/) is built only by tests/test_live_site.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from seed import Seed, read_seed
from support import HOSTILE_BUILDS, HOSTILE_URLS, ROOT, build, copy_project, hostile_project


@pytest.fixture(scope="session")
def suite_project(tmp_path_factory) -> Path:
    """The project the session's site is built from (support.copy_project); not to be changed."""
    return copy_project(tmp_path_factory.mktemp("suite") / "project")


@pytest.fixture(scope="session")
def site(suite_project) -> Path:
    """The suite's site, built once: the handed-over column as the home page, and a second column beside it."""
    site_dir = suite_project.parent / "site"
    result = build(suite_project, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def live_build(tmp_path_factory):
    """The publisher's own site (docs/, data/, mkdocs.yml) as it stands, built once: (the build's result, the
    site folder). Only rules are checked on it (tests/test_live_site.py), never its words."""
    site_dir = tmp_path_factory.mktemp("live") / "site"
    return build(ROOT, site_dir), site_dir


@pytest.fixture(scope="session")
def live_site(live_build) -> Path:
    result, site_dir = live_build
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
def seed() -> Seed:
    """The column as handed over, by part (source/seed.py): where every test takes the words from."""
    return read_seed()


@pytest.fixture(scope="session")
def hostile_sites(tmp_path_factory) -> dict[str, Path]:
    """The site built from each hostile build's text (support.HOSTILE_BUILDS): {build: site dir}."""
    sites = {}
    for name, text in HOSTILE_BUILDS.items():
        work = tmp_path_factory.mktemp(f"hostile-{name}")
        result = build(hostile_project(work / "project", text), work / "site", site_url=HOSTILE_URLS["site_url"])
        assert result.returncode == 0, f"{name}: {result.stderr}"
        sites[name] = work / "site"
    return sites
