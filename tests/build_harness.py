"""Building a site as the tests do: a project made of this repository's code and the suite's own columns
(tests/columns), built offline, in the test process (build) or as `make build` runs it (build_cli). The
fixtures built on these are in conftest.py; what the suite's columns say is in suite_columns.py."""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import subprocess
import sys
import traceback
from collections.abc import Iterator
from contextlib import chdir, contextmanager
from pathlib import Path

import offline_network
import pytest
import yaml

from changes import without_publisher_settings
from suite_columns import COLUMNS, SITE_URL

ROOT = Path(__file__).resolve().parent.parent
OFFLINE = Path(__file__).resolve().parent / "offline"  # sitecustomize.py that refuses sockets
CODE_PARTS = ("overrides", "hooks")  # taken from the project as it is: the code under test
CONTENT_PARTS = ("docs", "data")  # taken from tests/columns
BASE_CONFIG = "mkdocs.base.yml"
# Set for every test build, whichever way it runs: Material would otherwise print a banner about MkDocs 2.0 (and
# mkdocs-redirects its own). SOURCE_DATE_EPOCH fixes the build day MkDocs stamps into sitemap.xml.gz's gzip header
# (its mtime), so that two builds compared byte for byte agree when a run crosses UTC midnight between them; it is
# the column's first day, 2016-03-28 00:00 UTC, and nothing on a page shows it.
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "SOURCE_DATE_EPOCH": "1459123200"}
IN_CI = os.environ.get("CI", "").lower() == "true"


def missing_tool(reason: str):
    """For a check that needs a tool the machine lacks (a browser, Java, Node): under CI=true every check must
    run, so it fails; locally it skips, loudly."""
    if IN_CI:
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(f"!!! BROWSER CHECK NOT RUN: {reason} !!!")


def offline_env(*, site_url: str | None = SITE_URL) -> dict[str, str]:
    """The environment of a build the tests start: their SITE_URL, never a preview (SITE_PREVIEW), and every
    socket connection refused (tests/offline/offline_network.py)."""
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "SITE_PREVIEW")} | BUILD_ENV
    if site_url is not None:
        env["SITE_URL"] = site_url
    env["PYTHONPATH"] = os.pathsep.join([str(OFFLINE), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def build_cli(
    project: Path, site_dir: Path, *, site_url: str | None = SITE_URL, args: tuple = (), tool: str = "mkdocs"
) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` (or the same command of another builder, `tool`) as a separate process, as
    `make build` runs it, with every socket connection refused."""
    command = [sys.executable, "-m", tool, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)]
    env = offline_env(site_url=site_url)
    return subprocess.run([*command, *args], capture_output=True, text=True, env=env, cwd=project, timeout=300)


@contextmanager
def network_cut() -> Iterator[None]:
    """Every socket connection fails until the end, as in the builds run as a command (offline_network)."""
    restore = offline_network.cut()
    try:
        yield
    finally:
        restore()


@contextmanager
def environment(**values: str | None) -> Iterator[None]:
    """os.environ with these names set (None: unset), put back afterwards."""
    saved = {name: os.environ.get(name) for name in values}

    def apply(changes):
        for name, value in changes.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value

    apply(values)
    try:
        yield
    finally:
        apply(saved)


def build(
    project: Path, site_dir: Path, *, site_url: str | None = SITE_URL, preview: str | None = None
) -> subprocess.CompletedProcess:
    """What `mkdocs build --strict` does, run in the test process with the network cut: the hooks run where
    the tests (and `make mutation`) can see them, without a new interpreter for each build. The result reads
    like build_cli's: returncode, and stderr with MkDocs' log lines ("ERROR    -  ...") and any traceback
    (tests/test_builds.py checks that the two agree). `preview` is SITE_PREVIEW's value (unset by default,
    whatever the test run's environment says)."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    log = io.StringIO()
    handler = logging.StreamHandler(log)
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    returncode = 0
    try:
        with chdir(project), environment(SITE_URL=site_url, SITE_PREVIEW=preview, **BUILD_ENV), network_cut():
            config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
    except exceptions.Abort as error:
        returncode = 1
        log.write(f"Aborted: {error}\n")
    except Exception:
        returncode = 1
        log.write(traceback.format_exc())
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return subprocess.CompletedProcess(["mkdocs build --strict (in process)"], returncode, "", log.getvalue())


def built(project: Path, site_dir: Path, **options) -> Path:
    """build(), which must succeed: the site folder."""
    result = build(project, site_dir, **options)
    assert result.returncode == 0, result.stderr
    return site_dir


def build_error(project: Path, site_dir: Path, **options) -> str:
    """The message of the error that stops build() (its last ERROR line, without the level), checking that
    the build stopped cleanly: no traceback, and no page published."""
    result = build(project, site_dir, **options)
    assert result.returncode != 0, "the build went through"
    assert "Traceback" not in result.stderr, result.stderr
    assert not (site_dir / "index.html").exists(), "no page is published from bad input"
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors, result.stderr
    return re.match(r"ERROR +- +(.*)", errors[-1])[1]


def copy_project(dest: Path, language: str | None = None) -> Path:
    """A project to build: the code of this one (hooks, templates, and mkdocs.yml's structure: theme, hooks,
    extensions, checks) with the suite's own columns, data and site settings (tests/columns) as its content.
    Its mkdocs.yml is tests/columns/mkdocs.yml, which inherits the project's structure from mkdocs.base.yml.
    With a `language` (one of LANGUAGES), the columns, data files and settings of tests/columns/languages/<it>
    take the place of the English ones (its docs/ whole, its data files one by one)."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in CODE_PARTS:
        shutil.copytree(ROOT / part, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
    columns = COLUMNS
    if language is not None:
        columns = COLUMNS / "languages" / language
        assert columns.is_dir(), f"no fixture columns in {columns}"
        shutil.copytree(COLUMNS / "data", dest / "data")
    for part in CONTENT_PARTS:
        shutil.copytree(columns / part, dest / part, dirs_exist_ok=True)
    (dest / BASE_CONFIG).write_text(project_structure(), encoding="utf-8")
    settings = (columns / "mkdocs.yml").read_text(encoding="utf-8")
    (dest / "mkdocs.yml").write_text(f"INHERIT: {BASE_CONFIG}\n{settings}", encoding="utf-8")
    return dest


def project_structure() -> str:
    """The project's mkdocs.yml without the publisher's settings (scripts/changes.py, which the Pages workflow
    reads them from too), as YAML."""
    from mkdocs.utils.yaml import yaml_load  # MkDocs' own reader: its !ENV and !relative tags

    with open(ROOT / "mkdocs.yml", "rb") as file:
        config = without_publisher_settings(yaml_load(file))
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)
