"""ProperDocs, the maintained fork of MkDocs 1.6, builds this site byte for byte as MkDocs does: the site
has a builder whatever happens to MkDocs 1.x (README: "A second builder")."""

from __future__ import annotations

import subprocess
import sys

from support import offline_env


def tree(folder) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_properdocs_builds_the_same_bytes(suite_project, site, tmp_path):
    out = tmp_path / "properdocs-site"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "properdocs",
            "build",
            "--strict",
            "-f",
            str(suite_project / "mkdocs.yml"),
            "-d",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=offline_env(),
        cwd=suite_project,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    mkdocs_files, properdocs_files = tree(site), tree(out)
    assert sorted(properdocs_files) == sorted(mkdocs_files)
    differing = [name for name in mkdocs_files if mkdocs_files[name] != properdocs_files[name]]
    assert differing == []
