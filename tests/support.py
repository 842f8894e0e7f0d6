"""What the tests share: building the site (offline) from the project or from a changed copy of it, and
the hostile-metadata corpus. Fixtures built on these are in conftest.py."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "hooks"
OFFLINE = Path(__file__).resolve().parent / "offline"  # sitecustomize.py that refuses sockets
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks", "data")
# The public address the tests build with (through SITE_URL, as a deploy preview would).
SITE_URL = "https://columns.example/ambassadors-view/"
# Where the column was first published (source/README.md): an expectation, not read from docs/index.md.
ORIGINAL = "https://www.rt.com/op-ed/338799-liberation-palmyra-defeat-isis-russia/"


def offline_env(*, site_url: str | None = SITE_URL, offline: bool = True) -> dict[str, str]:
    """The environment of a build the tests start: their SITE_URL, and with offline=True every socket
    connection refused (tests/offline/sitecustomize.py)."""
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if site_url is not None:
        env["SITE_URL"] = site_url
    if offline:
        env["PYTHONPATH"] = os.pathsep.join([str(OFFLINE), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def meta(page, name: str) -> str:
    """The content of the one <meta name|property=NAME> in the page's head."""
    (value,) = page.xpath(f"//head/meta[@name='{name}' or @property='{name}']/@content")
    return value


def build(
    project: Path, site_dir: Path, *, site_url: str | None = SITE_URL, offline: bool = True, args: tuple = ()
) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as a separate process; with offline=True every socket connection fails."""
    env = offline_env(site_url=site_url, offline=offline)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site_dir),
            *args,
        ],
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


# Hostile metadata: each value goes into the headline, standfirst, column name, disclaimer and author name.
HOSTILE = {
    "quotes": "Quotes \"double\" and 'single' and `back`",
    "ampersands": "Fish & chips &amp; &lt;b&gt; entities",
    "script": "<script>alert(1)</script>",
    "close-script": "</script><script>alert(2)</script><!--",
    "attribute-breakout": '"><img src=x onerror=alert(3)>',
    "rtl-override": "Palmyra \u202eSISI fo taefed\u202c liberated",
    "long": ("A 500-character headline keeps every tag intact. " * 11)[:500],
    "cyrillic-emoji": "Освобождение Пальмиры 🕊️ — знак неизбежного поражения ИГИЛ",
    "mixed": 'Liberation "of" <Palmyra> & </script> ‘ISIS’ — Пальмира 🕊️',
}


def yaml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def set_fields(path: Path, fields: dict[str, str]) -> None:
    """Set the first `key: ...` line to a quoted value; the key includes its indentation."""
    text = path.read_text(encoding="utf-8")
    for key, value in fields.items():
        pattern = rf"^{re.escape(key)}: .*$"
        assert re.search(pattern, text, flags=re.M), f"{key!r} not in {path}"
        line = f"{key}: {yaml_string(value)}"
        text = re.sub(pattern, lambda _, line=line: line, text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


def hostile_project(dest: Path, value: str) -> Path:
    """A copy of the project with `value` in every free-text field that reaches the page."""
    project = copy_project(dest)
    set_fields(
        project / "docs" / "index.md",
        {
            "title": value,
            "description": value + " (standfirst)",
            "column": value,
            "disclaimer": value,
            "original_publisher": value,
        },
    )
    set_fields(
        project / "data" / "authors.yml",
        {
            "  name": value,
            "  roles": value,
            "    network": value,
            "    follow": value,
            "    handle": value,
        },
    )
    set_fields(project / "data" / "networks.yml", {"  name": value})  # the first network's
    set_fields(project / "mkdocs.yml", {"site_name": value, "    name": value})  # the site's and the publisher's
    return project


# The optional fields this column leaves unset (issue 13), set as the next column would set them: dates as an
# author types them (unquoted), and a site handle made up for the tests (the real site has none).
DATES = {"date": "2016-03-28", "updated": "2016-03-29T10:15:00+01:00"}
TWITTER_SITE = "@ColumnsExample"


def add_front_matter(path: Path, fields: dict[str, str]) -> None:
    """Add `key: value` lines, as written, at the end of the page's front matter."""
    text = path.read_text(encoding="utf-8")
    start = text.index("---\n") + 4
    end = text.index("\n---\n", start) + 1
    lines = "".join(f"{key}: {value}\n" for key, value in fields.items())
    path.write_text(text[:end] + lines + text[end:], encoding="utf-8")


def dated_project(dest: Path, dates: dict[str, str] = DATES, *, twitter_site: str | None = TWITTER_SITE) -> Path:
    """A copy of the project with the optional dates set, and the site's own handle when one is given."""
    project = copy_project(dest)
    add_optional_fields(project, dates, twitter_site)
    return project


def add_optional_fields(project: Path, dates: dict[str, str], twitter_site: str | None) -> None:
    add_front_matter(project / "docs" / "index.md", dates)
    if twitter_site is not None:
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert "\nextra:\n" in text
        line = f"  twitter_site: {yaml_string(twitter_site)}\n"
        config.write_text(text.replace("\nextra:\n", "\nextra:\n" + line, 1), encoding="utf-8")
