"""What the tests share: building the site (offline) from the project or from a changed copy of it, and
the hostile-metadata corpus. Fixtures built on these are in conftest.py."""

from __future__ import annotations

import base64
import hashlib
import io
import json
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
from urllib.parse import quote

import offline_network
import pytest
import yaml
from PIL import Image

from changes import without_publisher_settings

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "hooks"
OFFLINE = Path(__file__).resolve().parent / "offline"  # sitecustomize.py that refuses sockets
# The suite's own columns, data and site settings (tests/columns/README.md): what every test builds, so that
# the publisher's docs/, data/ and settings can change without failing a test.
COLUMNS = Path(__file__).resolve().parent / "columns"
CODE_PARTS = ("overrides", "hooks")  # taken from the project as it is: the code under test
CONTENT_PARTS = ("docs", "data")  # taken from tests/columns
BASE_CONFIG = "mkdocs.base.yml"
# The public address the tests build with (through SITE_URL, as a deploy preview would).
SITE_URL = "https://columns.example/ambassadors-view/"
# The suite's column pages (tests/columns/docs) and the address each is published at: the handed-over column
# as the home page, a second column beside it, and a third, by the first one's author.
COLUMN_PAGES = {"index.md": SITE_URL, "second.md": SITE_URL + "second/", "third.md": SITE_URL + "third/"}
# The suite's pages that are not columns, each with its own link-preview card: its plain page, the index of
# columns and a page for each of the two authors (tests/columns/data/authors.yml).
OTHER_PAGES = {
    "about.md": SITE_URL + "about/",
    "columns/index.md": SITE_URL + "columns/",
    "authors/nunez/index.md": SITE_URL + "authors/nunez/",
    "authors/yakovenko/index.md": SITE_URL + "authors/yakovenko/",
}
# The suite's columns in other languages (tests/columns/languages/<theme.language>/): each holds its own docs/,
# the data files that differ (authors and share networks named in that language) and its site settings.
LANGUAGES = ("ru-RU", "ar")
SECOND_URL = COLUMN_PAGES["second.md"]
# Where the column was first published (source/README.md): an expectation, not read from docs/index.md.
ORIGINAL = "https://www.rt.com/op-ed/338799-liberation-palmyra-defeat-isis-russia/"
# Set for every test build, whichever way it runs: Material would otherwise print a banner about MkDocs 2.0.
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}  # and mkdocs-redirects' one
IN_CI = os.environ.get("CI", "").lower() == "true"


def missing_tool(reason: str):
    """For a check that needs a tool the machine lacks (a browser, Java, Node): under CI=true every check must
    run, so it fails; locally it skips, loudly."""
    if IN_CI:
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(f"!!! BROWSER CHECK NOT RUN: {reason} !!!")


def offline_env(*, site_url: str | None = SITE_URL, offline: bool = True) -> dict[str, str]:
    """The environment of a build the tests start: their SITE_URL, never a preview (SITE_PREVIEW), and with
    offline=True every socket connection refused (tests/offline/offline_network.py)."""
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "SITE_PREVIEW")} | BUILD_ENV
    if site_url is not None:
        env["SITE_URL"] = site_url
    if offline:
        env["PYTHONPATH"] = os.pathsep.join([str(OFFLINE), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def meta(page, name: str) -> str:
    """The content of the one <meta name|property=NAME> in the page's head."""
    (value,) = page.xpath(f"//head/meta[@name='{name}' or @property='{name}']/@content")
    return value


def build_cli(
    project: Path, site_dir: Path, *, site_url: str | None = SITE_URL, offline: bool = True, args: tuple = ()
) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as a separate process, as `make build` runs it; with offline=True every socket
    connection fails."""
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
    like build_cli's: returncode, and stderr with MkDocs' log lines ("ERROR    -  ...") and any traceback.
    test_link_previews checks that the two give the same bytes. `preview` is SITE_PREVIEW's value (unset
    by default, whatever the test run's environment says)."""
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


# --- independent expectations --------------------------------------------------------------------------

# The page's Content-Security-Policy, written out: the one place to edit when the policy changes.
# {scripts} stands for a sha256 source of each inline script, in page order, and {style} for the inline
# stylesheet's: the tests compute them with hashlib from the blocks of the served page (sha256_source).
# Script files come from the site itself only (the passage toolbar's).
POLICY = (
    "default-src 'self'; script-src 'self' {scripts}; style-src 'self' {style}; img-src 'self' data:; "
    "font-src 'none'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'"
)
# The host's `_headers` file: the same policy plus what only a header can say, then a year's caching for
# each fingerprinted file (FINGERPRINTED), in path order.
HOST_HEADERS = (
    "/*\n"
    "  Content-Security-Policy: {policy}; frame-ancestors 'none'\n"
    "  Referrer-Policy: strict-origin-when-cross-origin\n"
    "  X-Content-Type-Options: nosniff\n"
    "  Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=(), usb=()\n"
)
CACHED = "/{path}\n  Cache-Control: public, max-age=31536000, immutable\n"
# The files whose name carries the first 10 hex digits of the SHA-256 of their content: the social cards,
# the publisher logo and the passage toolbar's script.
FINGERPRINTED = [
    "assets/card.*.png",
    "assets/card-16x9.*.png",
    "assets/card-4x3.*.png",
    "assets/card-1x1.*.png",
    "assets/logo.*.png",
    "assets/passage.*.js",
]
# Fingerprinted too, and only on a site that redirects an old address (mkdocs.yml's redirects): their script.
FINGERPRINTED_IF_REDIRECTS = ["assets/redirect.*.js"]


def expected_host_headers(
    site: Path, policy: str, columns: int = len(COLUMN_PAGES), others: int = len(OTHER_PAGES)
) -> str:
    """HOST_HEADERS for a built site with this policy, this many column pages (each has its card in four ratios)
    and this many other pages (each has its card). Each fingerprinted file is found on disk, and its name's hash
    checked against its content here, with hashlib."""
    cached = []
    for pattern in FINGERPRINTED:
        paths = list(site.glob(pattern))
        count = columns + others if pattern == "assets/card.*.png" else columns if "card" in pattern else 1
        assert len(paths) == count, f"{pattern}: {paths}"
        for path in paths:
            fingerprint = path.name.rsplit(".", 2)[1]
            assert fingerprint == hashlib.sha256(path.read_bytes()).hexdigest()[:10], f"{path.name}: not its hash"
            cached.append(path.relative_to(site).as_posix())
    for pattern in FINGERPRINTED_IF_REDIRECTS:
        paths = list(site.glob(pattern))
        assert len(paths) <= 1, f"{pattern}: {paths}"
        cached += [path.relative_to(site).as_posix() for path in paths]
    return HOST_HEADERS.format(policy=policy) + "".join(CACHED.format(path=path) for path in sorted(cached))


def sha256_source(code: str) -> str:
    """A CSP hash source for an inline block (CSP Level 3: base64 of the SHA-256 of its UTF-8 text)."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"


def expected_policy(scripts: list[str], style: str) -> str:
    """POLICY for a page whose inline scripts and stylesheet are these."""
    return POLICY.format(scripts=" ".join(sha256_source(code) for code in scripts), style=sha256_source(style))


# This column's share links when built for SITE_URL, written out: each network's documented endpoint, the
# canonical URL and the headline percent-encoded as UTF-8 (spaces as %20). Not read from data/networks.yml.
_URL = "https%3A%2F%2Fcolumns.example%2Fambassadors-view%2F"
_TITLE = "Liberation%20of%20Palmyra%20as%20a%20sign%20of%20inevitable%20defeat%20of%20ISIS"
SHARE_LINKS = {
    "Share on Facebook": f"https://www.facebook.com/sharer/sharer.php?u={_URL}",
    "Share on VK": f"https://vk.com/share.php?url={_URL}&title={_TITLE}",
    "Share on X": f"https://twitter.com/intent/tweet?url={_URL}&text={_TITLE}",
    "Share on Telegram": f"https://t.me/share/url?url={_URL}&text={_TITLE}",
    "Share on Odnoklassniki": f"https://connect.ok.ru/offer?url={_URL}&title={_TITLE}",
    "Share on WhatsApp": f"https://api.whatsapp.com/send?text={_TITLE}%20{_URL}",
    "Share by e-mail": f"mailto:?subject={_TITLE}&body={_URL}",
}
# The light colours of overrides/assets/column.css (`--oc-NAME: light-dark(#light, #dark)`) that the
# social card is drawn in, as RGB.
PALETTE = {
    "paper": (0xFB, 0xF9, 0xF5),
    "ink": (0x1A, 0x1A, 0x1A),
    "muted": (0x55, 0x55, 0x55),
    "accent": (0xA3, 0x16, 0x1A),
}


# Where the card draws what (1200 x 630 pixels), as (left, top, right, bottom) boxes: the accent band down
# the left edge, the kicker at the top, the headline in the middle, the byline at the bottom, and margins
# left bare. A right-to-left card is the mirror image (mirrored_box): the band down the right edge.
CARD_BOXES = {
    "band": (0, 0, 16, 630),
    "kicker": (60, 60, 1140, 140),
    "headline": (60, 150, 1140, 470),
    "byline": (60, 500, 1140, 600),
    "margins": [(24, 0, 1200, 56), (1130, 0, 1200, 630), (24, 604, 1200, 630)],
}
# Where the text starts: each line of the kicker and the byline begins within this many pixels of the 80-pixel
# margin on the band's side (a glyph's side bearing, not a centred or far-aligned line).
CARD_MARGIN, CARD_START_SLACK = 80, 12


def mirrored_box(box: tuple[int, int, int, int], width: int = 1200) -> tuple[int, int, int, int]:
    left, top, right, bottom = box
    return (width - right, top, width - left, bottom)


def rgb(colour: str) -> tuple[int, int, int]:
    """'#rrggbb' as an (r, g, b) tuple."""
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def card_problems(png: bytes, palette: dict[str, tuple[int, int, int]], *, rtl: bool = False) -> list[str]:
    """What is wrong with a card drawn in `palette` ({paper, ink, muted, accent: (r, g, b)}), judged on its
    pixels: the size, the paper, the band and the kicker in the accent, the headline in ink, the byline
    in the muted colour, each in its own box, the kicker and byline starting at the margin on the band's side
    (rtl=True: everything mirrored, from the right). Glyph edges are blended, so counts are of exact colours."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    if image.size != (1200, 630):
        return [f"size {image.size}"]

    def place(box):
        return mirrored_box(box) if rtl else box

    def count(box, name: str) -> int:
        colours = image.crop(box).getcolors(maxcolors=area(box))
        return sum(number for number, colour in colours if colour == palette[name])

    def area(box) -> int:
        return (box[2] - box[0]) * (box[3] - box[1])

    problems = []
    side = "right" if rtl else "left"
    if count(place(CARD_BOXES["band"]), "accent") != area(CARD_BOXES["band"]):
        problems.append(f"the band down the {side} edge is not all accent")
    for box in map(place, CARD_BOXES["margins"]):
        if count(box, "paper") != area(box):
            problems.append(f"the margin {box} is not bare paper")
    expected = {"kicker": "accent", "headline": "ink", "byline": "muted"}
    for part, colour in expected.items():
        box = place(CARD_BOXES[part])
        if count(box, colour) < 200:  # a short name in Amiri's thin strokes has about 270 such pixels
            problems.append(f"no {part} drawn in {colour} in {box}")
        for other_part, other in expected.items():
            if other_part != part and count(box, other) > 0:
                problems.append(f"{other} ({other_part}'s colour) drawn in the {part}'s box")
    for part in ("kicker", "byline"):
        box = place(CARD_BOXES[part])
        columns = [
            x
            for x in range(box[0], box[2])
            if any(image.getpixel((x, y)) == palette[expected[part]] for y in range(box[1], box[3]))
        ]
        start = (1200 - max(columns) - 1) if rtl and columns else (min(columns) if columns else None)
        if start is not None and not CARD_MARGIN <= start <= CARD_MARGIN + CARD_START_SLACK:
            problems.append(f"the {part} starts {start} px from the {side} edge, not at the {CARD_MARGIN} px margin")
    return problems


# --- hostile input -------------------------------------------------------------------------------------

# Hostile text: cases that a template printing a value unescaped, or escaping it for the wrong context,
# would turn into markup, a broken attribute, a closed <script> block or a mangled string.
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
# Two builds carry the corpus (a build is the expensive part): every short case together, and the long
# one on its own, since its length is the point.
HOSTILE_BUILDS = {
    "together": " | ".join(value for case, value in HOSTILE.items() if case != "long"),
    "long": HOSTILE["long"],
}
# Every free-text field that reaches a page: {label: (file, key as set_fields finds it)}. Each field gets
# the build's text followed by its own label (hostile_text), so a template printing the wrong field fails.
HOSTILE_FIELDS = {
    "title": ("docs/index.md", "title"),
    "description": ("docs/index.md", "description"),
    "column": ("docs/index.md", "column"),
    "disclaimer": ("docs/index.md", "disclaimer"),
    "original_publisher": ("docs/index.md", "original_publisher"),
    "author.name": ("data/authors.yml", "  name"),
    "author.roles": ("data/authors.yml", "  roles"),
    "profile.network": ("data/authors.yml", "    network"),
    "profile.follow": ("data/authors.yml", "    follow"),
    "profile.handle": ("data/authors.yml", "    handle"),
    "network.name": ("data/networks.yml", "  name"),  # the first network's: Facebook
    "network.label": ("data/networks.yml", "  label"),  # the first network with a label: e-mail
    "site_name": ("mkdocs.yml", "site_name"),
    "publisher.name": ("mkdocs.yml", "    name"),
}
# Hostile but well-formed URLs, which the checks let through: each must reach the page exactly as written.
# `&lt;`, `&quot;` and `&amp;` are plain characters in a URL; printed unescaped into HTML they would be
# read as <, " and &.
HOSTILE_URLS = {
    "original_url": "https://hostile.example/op-ed/?a=1&amp;b=&lt;script&gt;alert(1)&lt;/script&gt;#&quot;&gt;",
    "profile.url": "https://hostile.example/@x?q=&quot;&gt;&lt;img/src=x/onerror=alert(3)&gt;&copy;(1)*!$,;=~",
    "site_url": "https://columns.example/hostile&amp;view&lt;b&gt;/",
    # The first network's share URL: {url} and {title} are filled in, percent-encoded.
    "network.url": "https://www.facebook.com/sharer/sharer.php?u={url}&amp;t={title}&lt;b&gt;",
    # The first network's quote URL (X's): {title} is filled in; {text} and {url} are the passage toolbar's.
    "network.quote_url": "https://twitter.com/intent/tweet?text={text}&url={url}&amp;via={title}&lt;b&gt;",
}
HOSTILE_URL_FIELDS = {
    "original_url": ("docs/index.md", "original_url"),
    "profile.url": ("data/authors.yml", "    url"),
    "network.url": ("data/networks.yml", "  url"),
    "network.quote_url": ("data/networks.yml", "  quote_url"),
}
# Hostile Markdown that is allowed: markup in inline code, character references and a lone "<" show as
# text; the links are plain links. Appended to the body; what it must look like on the page is written
# out in tests/test_hostile_input.py.
HOSTILE_BODY = """
Inline code is text: `<div>`, `<script>alert(1)</script>` and `"><img src=x onerror=alert(3)>`.

References stay text: &lt;b&gt;bold?&lt;/b&gt; &amp;amp; and a lone < and a bare & too.

A [*link* with "quotes"](https://hostile.example/?a=1&amp;b=%3Cc%3E&d "title <b> & more") and \
<https://hostile.example/auto?x=1&y=2>.

> A quote holding `</blockquote>` and **strong** words.

- an item holding `<li>`
"""
# The card and the favicon are drawn in the stylesheet's light colours: the hostile builds change them.
HOSTILE_PALETTE = {"paper": "#f0f8ff", "ink": "#102030", "muted": "#405060", "accent": "#006400"}


def hostile_text(text: str, field: str) -> str:
    """What hostile_project puts into one field (a label of HOSTILE_FIELDS)."""
    return f"{text} ({field})"


# Where the fields land on the page: {context: (CSS selector of exactly one element, "text" or an
# attribute)}. tests/test_hostile_input.py reads them with lxml, tests/browser/test_hostile.py in Chromium.
CONTEXTS = {
    "<title>": ("title", "text"),
    "headline": ("h1", "text"),
    "kicker": (".oc-kicker", "text"),
    "standfirst": (".oc-standfirst", "text"),
    "byline": (".oc-byline a", "text"),
    "disclaimer": (".oc-disclaimer", "text"),
    "bio name": (".oc-bio__text strong", "text"),
    "bio handle": (".oc-bio__text a.u-url", "text"),
    "bio handle link": (".oc-bio__text a.u-url", "href"),
    "profile link": (".oc-bio__profile", "href"),
    "profile label": (".oc-bio__profile", "aria-label"),
    "profile title": (".oc-bio__profile", "title"),
    "original link": (".oc-original a", "href"),
    "original link text": (".oc-original a", "text"),
    "site name": (".oc-header__site", "text"),
    "canonical": ('link[rel="canonical"]', "href"),
    "description": ('meta[name="description"]', "content"),
    "author": ('meta[name="author"]', "content"),
    "og:title": ('meta[property="og:title"]', "content"),
    "og:description": ('meta[property="og:description"]', "content"),
    "og:url": ('meta[property="og:url"]', "content"),
    "og:site_name": ('meta[property="og:site_name"]', "content"),
    "og:image:alt": ('meta[property="og:image:alt"]', "content"),
    "article:section": ('meta[property="article:section"]', "content"),
    "twitter:title": ('meta[name="twitter:title"]', "content"),
    "twitter:description": ('meta[name="twitter:description"]', "content"),
    "twitter:image:alt": ('meta[name="twitter:image:alt"]', "content"),
    "twitter:creator": ('meta[name="twitter:creator"]', "content"),
    "copy link": ("[data-oc-copy]", "data-oc-copy"),
    "share sheet title": ("[data-oc-share]", "data-oc-title"),
    "share sheet url": ("[data-oc-share]", "data-oc-url"),
    "address": (".oc-share__address", "text"),
    "printed address": (".oc-print-url", "text"),
    "passage toolbar url": (".oc-passage", "data-oc-url"),
    "passage toolbar author": (".oc-passage", "data-oc-author"),
    "passage toolbar title": (".oc-passage", "data-oc-title"),
}


def hostile_expectations(text: str) -> dict[str, str]:
    """What each of CONTEXTS must hold on a page built by hostile_project(text): the input, unchanged."""

    def field(name: str) -> str:
        return hostile_text(text, name)

    site, alt = HOSTILE_URLS["site_url"], f"{field('column')}: {field('title')}, by {field('author.name')}"
    return {
        "<title>": field("title"),
        "headline": field("title"),
        "kicker": field("column"),
        "standfirst": field("description"),
        "byline": field("author.name"),
        "disclaimer": field("disclaimer"),
        "bio name": field("author.name"),
        "bio handle": field("profile.handle"),
        "bio handle link": HOSTILE_URLS["profile.url"],
        "profile link": HOSTILE_URLS["profile.url"],
        "profile label": f"{field('profile.handle')} on {field('profile.network')}",
        "profile title": f"{field('profile.handle')} on {field('profile.network')}",
        "original link": HOSTILE_URLS["original_url"],
        "original link text": field("original_publisher"),
        "site name": field("site_name"),
        "canonical": site,
        "description": field("description"),
        "author": field("author.name"),
        "og:title": field("title"),
        "og:description": field("description"),
        "og:url": site,
        "og:site_name": field("site_name"),
        "og:image:alt": alt,
        "article:section": field("column"),
        "twitter:title": field("title"),
        "twitter:description": field("description"),
        "twitter:image:alt": alt,
        "twitter:creator": field("profile.handle"),
        "copy link": site,
        "share sheet title": field("title"),
        "share sheet url": site,
        "address": site,
        "printed address": f"Read online: {site}",
        "passage toolbar url": site,
        "passage toolbar author": field("author.name"),
        "passage toolbar title": field("title"),
    }


def hostile_share_links(text: str) -> dict[str, str]:
    """{label: href} of the share bar built by hostile_project(text): the endpoints this column uses
    (written out, as in SHARE_LINKS), with the hostile site URL and headline percent-encoded as UTF-8."""
    url, title = quote(HOSTILE_URLS["site_url"], safe=""), quote(hostile_text(text, "title"), safe="")
    return {
        f"Share on {hostile_text(text, 'network.name')}": (
            f"https://www.facebook.com/sharer/sharer.php?u={url}&amp;t={title}&lt;b&gt;"
        ),
        "Share on VK": f"https://vk.com/share.php?url={url}&title={title}",
        "Share on X": f"https://twitter.com/intent/tweet?url={url}&text={title}",
        "Share on Telegram": f"https://t.me/share/url?url={url}&text={title}",
        "Share on Odnoklassniki": f"https://connect.ok.ru/offer?url={url}&title={title}",
        "Share on WhatsApp": f"https://api.whatsapp.com/send?text={title}%20{url}",
        hostile_text(text, "network.label"): f"mailto:?subject={title}&body={url}",
    }


def hostile_quote_links(text: str) -> dict[str, str]:
    """{label: data-oc-quote} of the passage toolbar built by hostile_project(text): each quote URL with the
    headline percent-encoded, {text} and {url} left for the toolbar's script."""
    title = quote(hostile_text(text, "title"), safe="")
    return {
        "Share on X": f"https://twitter.com/intent/tweet?text={{text}}&url={{url}}&amp;via={title}&lt;b&gt;",
        "Share on Telegram": "https://t.me/share/url?url={url}&text={text}",
        "Share on WhatsApp": "https://api.whatsapp.com/send?text={text}%20{url}",
        hostile_text(text, "network.label"): f"mailto:?subject={title}&body={{text}}%0A%0A{{url}}",
    }


# How HOSTILE_BODY must show on the page: markup in code as text, references decoded once, plain links.
HOSTILE_BODY_SHOWN = {
    "code": ["<div>", "<script>alert(1)</script>", '"><img src=x onerror=alert(3)>', "</blockquote>", "<li>"],
    "references": "References stay text: <b>bold?</b> &amp; and a lone < and a bare & too.",
    "links": [
        ["https://hostile.example/?a=1&b=%3Cc%3E&d", 'link with "quotes"', "title <b> & more"],
        ["https://hostile.example/auto?x=1&y=2", "https://hostile.example/auto?x=1&y=2", None],
    ],
    # Every element the body holds: the allowed ones only.
    "elements": ["a", "blockquote", "code", "em", "li", "p", "strong", "ul"],
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


def hostile_project(dest: Path, text: str) -> Path:
    """A copy of the project with hostile text in every free-text field (HOSTILE_FIELDS), the hostile
    URLs in every URL field, the hostile Markdown at the end of the body, the optional dates and the site's
    handle set (DATES, TWITTER_SITE: exact values among the hostile ones) and HOSTILE_PALETTE as the
    stylesheet's light colours. Build it with site_url=HOSTILE_URLS["site_url"]."""
    project = copy_project(dest)
    add_optional_fields(project, DATES, TWITTER_SITE)
    for field, (name, key) in HOSTILE_FIELDS.items():
        set_fields(project / name, {key: hostile_text(text, field)})
    for field, (name, key) in HOSTILE_URL_FIELDS.items():
        set_fields(project / name, {key: HOSTILE_URLS[field]})
    with (project / "docs" / "index.md").open("a", encoding="utf-8") as page:
        page.write(HOSTILE_BODY)
    css = project / "overrides" / "assets" / "column.css"
    style = css.read_text(encoding="utf-8")
    for name, colour in HOSTILE_PALETTE.items():
        style, count = re.subn(rf"(--oc-{name}: light-dark\()#[0-9a-fA-F]+", rf"\g<1>{colour}", style)
        assert count == 1, f"--oc-{name} not in {css}"
    css.write_text(style, encoding="utf-8")
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
