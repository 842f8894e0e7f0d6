"""The Pages workflow's two paths: a push that changes only the publisher's files (docs/, data/, the publisher's
settings in mkdocs.yml) takes the content path (requirements.txt, `make check`, deploy); anything else, a first
push or a range git cannot read takes the full path (the whole suite first). scripts/changes.py decides, from
git itself; its cases are written out here, on mkdocs.yml texts and git repositories the tests make. Then the
workflow file: which steps run on which path, the caches, and the record job, the one that writes.
(The workflow's triggers, permissions and pinned actions: tests/test_publish.py.)"""

from __future__ import annotations

import subprocess

import pytest
import yaml

import changes
from build_harness import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"

SETTINGS = """\
# A comment.
site_name: Ambassador's view
site_url: !ENV [SITE_URL, "https://example.com/"]
strict: true

theme:
  name: material
  custom_dir: overrides
  language: en-GB
  font: false

extra:
  publisher:
    name: Ambassador's view

plugins:
  - redirects:
      redirect_maps: {}

hooks:
  - hooks/column_hooks.py
"""


def changed(old: str, new: str) -> str:
    assert old in SETTINGS
    return SETTINGS.replace(old, new)


# --- mkdocs.yml: the publisher's settings and the structure ------------------------------------------------


def test_the_structure_is_mkdocs_yml_without_the_publishers_settings():
    assert changes.structure(SETTINGS) == [
        "strict: true",
        "theme:",
        "  name: material",
        "  custom_dir: overrides",
        "  font: false",
        "plugins:",
        "  - redirects:",
        "hooks:",
        "  - hooks/column_hooks.py",
    ]


@pytest.mark.parametrize(
    "old, new",
    [
        ("site_name: Ambassador's view", "site_name: The ambassador's view"),
        ('site_url: !ENV [SITE_URL, "https://example.com/"]', "site_url: https://column.example/"),
        ("  language: en-GB", "  language: ar"),
        ("    name: Ambassador's view", "    name: The Embassy"),
        ("extra:\n", "extra:\n  twitter_site: '@embassy'\n"),
        ("      redirect_maps: {}", "      redirect_maps:\n        old.md: index.md\n        older.md: index.md"),
        ("strict: true\n", "strict: true\nsite_description: A column.\ncopyright: © 2016\nnav:\n  - index.md\n"),
        ("# A comment.\n", "# Another comment.\n\n"),
    ],
)
def test_the_publishers_settings_take_the_content_path(old, new):
    text = changed(old, new)
    assert changes.structure(text) == changes.structure(SETTINGS)
    assert changes.decide(["mkdocs.yml"], {"before": SETTINGS, "after": text}.get)[0] == "content"


@pytest.mark.parametrize(
    "old, new",
    [
        ("  name: material", "  name: readthedocs"),
        ("  font: false", "  font: false\n  features: [navigation.instant]"),
        ("strict: true", "strict: false"),
        ("  - redirects:\n", "  - search\n  - redirects:\n"),
        ("  - hooks/column_hooks.py", "  - hooks/other.py"),
        ("hooks:\n", "markdown_extensions: [toc]\nhooks:\n"),
        ("  font: false", "  font: false # a comment after a value is read with it"),
    ],
)
def test_a_structural_setting_takes_the_full_path(old, new):
    text = changed(old, new)
    assert changes.decide(["mkdocs.yml"], {"before": SETTINGS, "after": text}.get)[0] == "full"


def test_a_settings_file_that_cannot_be_read_by_lines_takes_the_full_path():
    tabbed = changed("  font: false", "\tfont: false")
    assert changes.decide(["mkdocs.yml"], {"before": SETTINGS, "after": tabbed}.get) == (
        "full",
        "mkdocs.yml cannot be compared line by line (a tab in the indentation)",
    )
    assert changes.decide(["mkdocs.yml"], {"before": None, "after": SETTINGS}.get)[0] == "full"


def test_the_publishers_settings_are_left_out_of_mkdocs_yml_as_read():
    config = yaml.load(SETTINGS.replace("!ENV ", ""), Loader=yaml.SafeLoader)
    assert changes.without_publisher_settings(config) == {
        "strict": True,
        "theme": {"name": "material", "custom_dir": "overrides", "font": False},
        "plugins": [{"redirects": {}}],
        "hooks": ["hooks/column_hooks.py"],
    }


# --- which files ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "files, path",
    [
        (["docs/index.md"], "content"),
        (["docs/index.md", "docs/second.md", "data/authors.yml", "data/published.yml"], "content"),
        (["docs/index.md", "hooks/column/body.py"], "full"),
        (["overrides/column.html"], "full"),
        (["tests/test_column_page.py"], "full"),
        (["requirements.txt"], "full"),
        (["Makefile"], "full"),
        ([".github/workflows/pages.yml"], "full"),
        (["scripts/changes.py"], "full"),
        (["README.md"], "full"),
        (["docsx/index.md"], "full"),
        ([], "full"),
    ],
)
def test_which_files_a_push_changed(files, path):
    assert changes.decide(files, {"before": SETTINGS, "after": SETTINGS}.get)[0] == path


def test_a_full_run_says_which_files_made_it_one():
    def why(files: list[str]) -> tuple[str, str]:
        return changes.decide(files, {"before": SETTINGS, "after": SETTINGS}.get)

    code = [f"hooks/column/m{n}.py" for n in range(6)]
    shown = "hooks/column/m0.py, hooks/column/m1.py, hooks/column/m2.py, hooks/column/m3.py, hooks/column/m4.py"
    assert why(["docs/index.md", *code[:5]]) == ("full", f"the push changed more than the publisher's files: {shown}")
    assert why(code) == ("full", f"the push changed more than the publisher's files: {shown} and 1 more")
    assert why([]) == ("full", "the push changed no file (a re-run or an empty commit): the whole suite, to be safe")


# --- from git itself -----------------------------------------------------------------------------------


def git(repo, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True, env=GIT_ENV
    ).stdout.strip()


GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
    "PATH": "/usr/bin:/bin",
}


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository with mkdocs.yml, a column and a hook, committed; the tests' changes are committed on top."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "hooks").mkdir()
    (tmp_path / "mkdocs.yml").write_text(SETTINGS, encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text("A column.\n", encoding="utf-8")
    (tmp_path / "hooks" / "x.py").write_text("X = 1\n", encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "first")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def commit(repo, message: str = "edit") -> tuple[str, str]:
    before = git(repo, "rev-parse", "HEAD")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return before, git(repo, "rev-parse", "HEAD")


def test_a_push_of_columns_and_publisher_settings_takes_the_content_path(repo):
    (repo / "docs" / "index.md").write_text("A corrected column.\n", encoding="utf-8")
    (repo / "mkdocs.yml").write_text(changed("  language: en-GB", "  language: en-US"), encoding="utf-8")
    assert changes.decide_push(*commit(repo))[0] == "content"


def test_a_push_of_code_takes_the_full_path(repo):
    (repo / "hooks" / "x.py").write_text("X = 2\n", encoding="utf-8")
    first, _ = commit(repo)
    (repo / "docs" / "index.md").write_text("A corrected column.\n", encoding="utf-8")
    _, last = commit(repo)
    assert changes.decide_push(first, last) == ("full", "the push changed more than the publisher's files: hooks/x.py")


def test_a_file_moved_from_the_code_into_docs_takes_the_full_path(repo):
    (repo / "hooks" / "x.py").rename(repo / "docs" / "x.py")
    path, why = changes.decide_push(*commit(repo))
    assert path == "full" and "hooks/x.py" in why


@pytest.mark.parametrize(
    "before, why",
    [
        ("0000000000000000000000000000000000000000", "a first push (no commit before it)"),
        ("", "a first push (no commit before it)"),
        ("1234567890abcdef1234567890abcdef12345678", "the pushed range cannot be read"),
    ],
)
def test_a_first_push_or_an_unknown_range_takes_the_full_path(repo, before, why):
    path, said = changes.decide_push(before, git(repo, "rev-parse", "HEAD"))
    assert path == "full" and said.startswith(why)


def test_the_decision_is_one_line_for_github_output(repo, capsys):
    (repo / "docs" / "index.md").write_text("A corrected column.\n", encoding="utf-8")
    assert changes.main(list(commit(repo))) == 0
    out, err = capsys.readouterr()
    assert out == "path=content\n"
    assert err.startswith("changes: content path: the push changed only the publisher's files: docs/index.md")


# --- the workflow file ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_the_first_job_decides_the_path_from_the_pushed_range(workflow):
    job = workflow["jobs"]["changes"]
    (checkout, decide) = job["steps"]
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}
    assert decide["env"] == {"BEFORE": "${{ github.event.before }}", "AFTER": "${{ github.sha }}"}
    assert decide["run"] == 'python3 scripts/changes.py "$BEFORE" "$AFTER" >> "$GITHUB_OUTPUT"'
    assert job["outputs"]["path"] == "${{ steps.decide.outputs.path }}"
    assert workflow["jobs"]["build"]["needs"] == "changes"


def steps_by_path(workflow: dict) -> dict[str, list[str]]:
    """Each build step's command or action, by the path it runs on: "content", "full" or "both". A step runs on
    the full path unless the push is known to be content: no output at all (a failed decision) runs the suite."""
    found: dict[str, list[str]] = {"content": [], "full": [], "both": []}
    for step in workflow["jobs"]["build"]["steps"]:
        condition = step.get("if")
        path = {
            None: "both",
            "needs.changes.outputs.path == 'content'": "content",
            "needs.changes.outputs.path != 'content'": "full",
        }[condition]
        found[path].append(step.get("run") or step["uses"].split("@")[0])
    return found


def test_the_content_path_installs_the_build_alone_and_runs_make_check(workflow):
    steps = steps_by_path(workflow)
    assert steps["content"] == ["make .venv/.installed"]
    assert ".ci/run" in steps["full"] and "make .venv/.installed-test" in steps["full"]
    both = steps["both"]
    assert both.index("make check") < both.index("actions/upload-pages-artifact")
    assert '.venv/bin/python scripts/check_site.py site --site-url "$SITE_URL"' in both


def test_the_full_path_caches_apt_and_npm_downloads(workflow):
    steps = workflow["jobs"]["build"]["steps"]
    caches = {step["with"]["path"]: step for step in steps if step.get("uses", "").startswith("actions/cache@")}
    assert set(caches) == {"/root/.cache/pip", "/var/cache/apt/archives/*.deb", "/root/.npm"}
    assert "tests/vnu/package-lock.json" in caches["/root/.npm"]["with"]["key"]
    assert "tests/readability/package-lock.json" in caches["/root/.npm"]["with"]["key"]
    runs = [step.get("run", "") for step in steps]
    keep = next(i for i, run in enumerate(runs) if "rm -f /etc/apt/apt.conf.d/docker-clean" in run)
    assert keep < runs.index(".ci/run")
    # The pip cache of one path is not the other's: the content path's holds no test requirement.
    assert "needs.changes.outputs.path" in caches["/root/.cache/pip"]["with"]["key"]


def test_the_record_job_alone_writes_and_only_after_the_deploy(workflow):
    jobs = workflow["jobs"]
    record = jobs["record"]
    assert record["needs"] == ["build", "deploy"] and record["permissions"] == {"contents": "write"}
    assert [name for name, job in jobs.items() if "write" in (job.get("permissions") or {}).values()] == [
        "deploy",
        "record",
    ]
    runs = "\n".join(step.get("run", "") for step in record["steps"])
    assert '.venv/bin/python scripts/record.py --ids "$RUNNER_TEMP/published.json"' in runs
    assert 'git -c http.https://github.com/.extraheader="$auth" push --quiet origin HEAD:main' in runs
    # The token is not kept by the checkout: only the push step has it.
    assert record["steps"][0]["with"] == {"ref": "main", "persist-credentials": False}
    assert [step["name"] for step in record["steps"] if "github.token" in str(step.get("env", ""))] == [
        "Commit and push the record"
    ]
    assert jobs["build"]["outputs"]["published"] == "${{ steps.published.outputs.published }}"
    (listing,) = [step for step in jobs["build"]["steps"] if step.get("id") == "published"]
    assert "scripts/record.py site --print-ids" in listing["run"]


def test_no_expression_is_pasted_into_a_shell_command(workflow):
    """Values from the event or a job reach the shell through the environment, never spliced into its text."""
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            assert "${{" not in step.get("run", ""), step


def test_a_decision_that_fails_is_the_full_path(monkeypatch, capsys):
    def broken(before, after):
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    monkeypatch.setattr(changes, "decide_push", broken)
    assert changes.main(["a", "b"]) == 0
    out, err = capsys.readouterr()
    assert out == "path=full\n" and "could not be read (UnicodeDecodeError" in err
