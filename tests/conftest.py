"""Shared fixtures: the suite's site (the project's code with the suite's own columns, tests/columns), built
once per session with the network cut, its variants (other languages, hostile input, a corrected column, a
moved column, one column alone, the sharing column as it is and with every network on),
and throw-away copies of the project for tests that build from changed input (build_harness.py). The
publisher's own site (docs/, data/) is built only by tests/test_live_site.py and read for rules alone."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from build_harness import ROOT, build, built, copy_project
from built_pages import parsed
from hostile_corpus import HOSTILE_BUILDS, HOSTILE_URLS, hostile_project
from project_edits import corrected_project, moved_project
from seed import Seed, read_seed
from sharing_support import sharing_project
from suite_columns import LANGUAGES


@pytest.fixture(scope="session")
def suite_project(tmp_path_factory) -> Path:
    """The project the session's site is built from (build_harness.copy_project); not to be changed."""
    return copy_project(tmp_path_factory.mktemp("suite") / "project")


@pytest.fixture(scope="session")
def site(suite_project) -> Path:
    """The suite's site, built once: the handed-over column as the home page, and a second column beside it."""
    return built(suite_project, suite_project.parent / "site")


@pytest.fixture(scope="session")
def sharing_site(tmp_path_factory) -> Path:
    """The sharing column (tests/columns/sharing) built as it is: the default share bar and an author with four
    profiles."""
    work = tmp_path_factory.mktemp("sharing-off")
    return built(sharing_project(work / "project"), work / "site")


@pytest.fixture(scope="session")
def every_network_site(tmp_path_factory) -> Path:
    """The sharing column with its ready entries turned on, as a publisher does: twelve networks, the most icons
    a page carries, and a headline long enough to be cut for Bluesky."""
    work = tmp_path_factory.mktemp("sharing-on")
    return built(sharing_project(work / "project", turned_on=True), work / "site")


@pytest.fixture(scope="session")
def page(site):
    """The built home page, parsed."""
    return parsed(site)


@pytest.fixture(scope="session")
def second(site):
    """The built second column, parsed."""
    return parsed(site, "second/index.html")


@pytest.fixture(scope="session")
def language_sites(tmp_path_factory) -> dict[str, Path]:
    """The suite's columns in each other language (tests/columns/languages), each built once: {tag: site dir}."""
    work = {language: tmp_path_factory.mktemp(f"language-{language}") for language in LANGUAGES}
    return {language: built(copy_project(path / "project", language), path / "site") for language, path in work.items()}


@pytest.fixture(scope="session")
def hostile_sites(tmp_path_factory) -> dict[str, Path]:
    """The site built from each hostile build's text (hostile_corpus.HOSTILE_BUILDS): {build: site dir}."""
    sites = {}
    for name, text in HOSTILE_BUILDS.items():
        work = tmp_path_factory.mktemp(f"hostile-{name}")
        sites[name] = built(hostile_project(work / "project", text), work / "site", site_url=HOSTILE_URLS["site_url"])
    return sites


@pytest.fixture(scope="session")
def corrected_site(tmp_path_factory) -> Path:
    """The suite's site with its home page corrected (project_edits.corrected_project)."""
    work = tmp_path_factory.mktemp("corrected")
    return built(corrected_project(work / "project"), work / "site")


@pytest.fixture(scope="session")
def one_column_build(tmp_path_factory) -> tuple[Path, str]:
    """The suite's site with its home page alone, an undated column: (the site, what the build printed to stderr,
    where the hooks say what it cannot offer)."""
    work = tmp_path_factory.mktemp("one-column")
    project = copy_project(work / "project")
    for name in ("second.md", "third.md", "about.md"):
        (project / "docs" / name).unlink()
    printed = io.StringIO()
    with contextlib.redirect_stderr(printed):
        site = built(project, work / "site")
    return site, printed.getvalue()


@pytest.fixture(scope="session")
def moved_project_and_site(tmp_path_factory) -> tuple[Path, Path]:
    """The suite's site with its second column moved to /ceasefire/ and redirected (project_edits.moved_project):
    (the project, the site)."""
    work = tmp_path_factory.mktemp("moved")
    project = moved_project(work / "project")
    return project, built(project, work / "site")


@pytest.fixture(scope="session")
def live_build(tmp_path_factory):
    """The publisher's own site (docs/, data/, mkdocs.yml) as it stands, built once: (the build's result, the
    site folder)."""
    site_dir = tmp_path_factory.mktemp("live") / "site"
    return build(ROOT, site_dir), site_dir


@pytest.fixture(scope="session")
def live_site(live_build) -> Path:
    result, site_dir = live_build
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project to change and build."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def seed() -> Seed:
    """The column as handed over, by part (source/seed.py): where every test takes the words from."""
    return read_seed()
