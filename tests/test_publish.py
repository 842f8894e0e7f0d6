"""Publishing: `make publish DEST=...` (scripts/publish.py) swaps a checked build in atomically and leaves
DEST untouched when anything fails; the build checks (scripts/check_site.py); the Pages workflow."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from check_site import CheckError, check_site, summary
from support import ROOT, SITE_URL, offline_env

PUBLISH = ROOT / "scripts" / "publish.py"
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def run_publish(dest: Path, *args: str, project: Path = ROOT, umask: int | None = None) -> subprocess.CompletedProcess:
    """scripts/publish.py as `make publish` runs it, with the network cut as in conftest.build."""
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


# --- make publish ---------------------------------------------------------------------------------------


def test_publish_then_a_broken_build_leaves_dest_byte_for_byte(webroot, project):
    dest = webroot / "column"
    first = run_publish(dest)
    assert first.returncode == 0, first.stderr
    assert dest.is_symlink() and (dest / "index.html").is_file() and (dest / "404.html").is_file()
    counts = summary(dest)
    assert f"{counts['pages']} pages" in first.stdout and counts["pages"] == 2
    assert f"{counts['bytes']:,} bytes" in first.stdout
    assert SITE_URL in (dest / "index.html").read_text(encoding="utf-8")
    before = snapshot(webroot)

    break_front_matter(project)
    failed = run_publish(dest, project=project)

    assert failed.returncode != 0
    assert "title" in failed.stderr and "nothing published" in failed.stderr
    assert snapshot(webroot) == before  # DEST, its release and nothing new beside it


def test_a_failed_check_leaves_dest_unchanged(webroot):
    dest = webroot / "column"
    assert run_publish(dest).returncode == 0
    before = snapshot(webroot)
    # The build is fine, but its canonical URL is not the address being published to.
    failed = run_publish(dest, "--site-url", "https://elsewhere.example/")
    assert failed.returncode != 0
    assert "canonical" in failed.stderr
    assert snapshot(webroot) == before


def test_first_publish_that_fails_leaves_nothing(webroot, project):
    break_front_matter(project)
    failed = run_publish(webroot / "column", project=project)
    assert failed.returncode != 0
    assert list(webroot.iterdir()) == []


def test_republish_switches_the_link_and_keeps_a_rollback(webroot):
    dest = webroot / "column"
    for _ in range(3):
        assert run_publish(dest, "--keep", "2").returncode == 0
    releases = sorted((webroot / ".column.releases").iterdir())
    assert len(releases) == 2  # the live one and the previous one
    assert dest.resolve() == releases[-1].resolve()
    assert os.readlink(dest) == f".column.releases/{releases[-1].name}"  # relative: survives a move
    assert oct(releases[-1].stat().st_mode & 0o777) == oct(0o755)  # readable by the web server
    assert sorted(p.name for p in webroot.iterdir()) == [".column.releases", "column"]


def test_every_published_file_is_readable_whatever_the_umask(webroot):
    dest = webroot / "column"
    assert run_publish(dest, umask=0o077).returncode == 0
    for path in [dest.resolve(), *dest.resolve().rglob("*")]:
        wanted = 0o755 if path.is_dir() else 0o644
        assert path.stat().st_mode & 0o777 == wanted, path


def test_a_plain_folder_dest_is_not_replaced_without_adopt(webroot):
    dest = webroot / "column"
    dest.mkdir()
    (dest / "index.html").write_text("old site", encoding="utf-8")
    before = snapshot(webroot)
    refused = run_publish(dest)
    assert refused.returncode != 0 and "--adopt" in refused.stderr
    assert snapshot(webroot) == before


def test_make_publish_requires_dest():
    env = {k: v for k, v in os.environ.items() if k != "DEST"}
    result = subprocess.run(["make", "-s", "publish"], cwd=ROOT, capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode != 0
    assert "make publish needs DEST" in result.stderr


# --- the build checks -----------------------------------------------------------------------------------


@pytest.fixture
def built(site, tmp_path) -> Path:
    """A copy of the built site to doctor."""
    return Path(shutil.copytree(site, tmp_path / "site"))


def test_the_built_site_passes_the_checks(site):
    check_site(site, SITE_URL)


def test_a_missing_index_is_caught(built):
    (built / "index.html").unlink()
    with pytest.raises(CheckError, match=r"missing index\.html"):
        check_site(built, SITE_URL)


@pytest.mark.parametrize(
    "name", ["404.html", "_headers", "robots.txt", "sitemap.xml", "favicon.ico", "apple-touch-icon.png"]
)
def test_a_missing_host_file_is_caught(built, name):
    (built / name).unlink()
    with pytest.raises(CheckError, match=f"missing {re.escape(name)}"):
        check_site(built, SITE_URL)


def test_a_missing_asset_is_caught(built):
    card = next((built / "assets").glob("card.*.png"))
    card.unlink()
    with pytest.raises(CheckError, match=re.escape(card.name)):
        check_site(built, SITE_URL)


def test_a_second_headline_and_a_missing_policy_are_caught(built):
    index = built / "index.html"
    html = index.read_text(encoding="utf-8")
    html = html.replace("</h1>", "</h1><h1>again</h1>", 1)
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    index.write_text(html, encoding="utf-8")
    with pytest.raises(CheckError) as error:
        check_site(built, SITE_URL)
    assert "exactly one <h1>, found 2" in str(error.value)
    assert "Content-Security-Policy" in str(error.value)


def test_the_local_preview_policy_is_caught(built):
    index = built / "index.html"
    html = index.read_text(encoding="utf-8").replace(
        "script-src ", "script-src &#39;self&#39; &#39;unsafe-inline&#39; ", 1
    )
    index.write_text(html, encoding="utf-8")
    with pytest.raises(CheckError, match="unsafe-inline"):
        check_site(built, SITE_URL)


def test_headers_file_lacking_a_header_is_caught(built):
    headers = built / "_headers"
    headers.write_text(
        headers.read_text(encoding="utf-8").replace("X-Content-Type-Options: nosniff", ""), encoding="utf-8"
    )
    with pytest.raises(CheckError, match="nosniff"):
        check_site(built, SITE_URL)


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


def test_every_action_is_pinned(workflow):
    uses = [step["uses"] for step in all_steps(workflow) if "uses" in step]
    assert uses
    for action in uses:
        assert PINNED.fullmatch(action), f"{action}: pin to a full commit SHA"
