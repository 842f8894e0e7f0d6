"""`make bench`: this site against a default Material build of the same column and a bare hand-written
floor, each served by nginx with gzip on loopback and measured by Lighthouse (mobile preset), alternating
page by page. Writes the medians to bench/RESULTS.md, prints them and the budget verdicts.

Standard library, PyYAML and MkDocs (to build). Environment: BENCH_RUNS (Lighthouse runs per page, default 3),
BENCH_STRICT=1 (exit 1 when a budget line fails; off by default because timings move between runs and machines).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from chromium_flags import CHROMIUM_ARGS  # this file's folder
from seed import Seed, read_seed  # source/, on PYTHONPATH (Makefile)

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
# Debian's Chromium as root in a container; the networking flags stop it trying hosts it cannot reach,
# which would add noise to every run.
CHROME_FLAGS = " ".join(["--headless=new", "--disable-gpu", *CHROMIUM_ARGS])
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
RUNS = int(os.environ.get("BENCH_RUNS", "3"))

PAGES = {  # key: label in the table
    "column": "this site",
    "default": "default Material",
    "floor": "floor (bare HTML)",
    "index": "index of columns",
    "author": "author's page",
    "plain": "plain page",
}
# The other page types, measured on the suite's own site (tests/columns: three columns, two authors, a plain
# page), which has each of them: key: the page's path there.
PAGE_TYPES = {"index": "columns/", "author": "authors/nunez/", "plain": "about/"}
CATEGORIES = {
    "performance": "Performance",
    "accessibility": "Accessibility",
    "best-practices": "Best practices",
    "seo": "SEO",
}

# The budget for this site, shared with tests/test_budget.py. Ratios are to the floor measured in the same run.
_BUDGET = yaml.safe_load((BENCH / "budget.yml").read_text(encoding="utf-8"))
BUDGET_SCORE = _BUDGET["lighthouse_score"]
BUDGET_LCP_RATIO = _BUDGET["lcp_ratio"]
BUDGET_BYTES = _BUDGET["bytes"]
BUDGET_REQUESTS = _BUDGET["requests"]


# ---------------------------------------------------------------- builds


def column_markdown(seed: Seed) -> str:
    """The column as a new user would write it for a default Material site: plain Markdown, nothing else."""
    parts = [seed.column, f"# {seed.headline}", seed.standfirst, *seed.body, seed.bio, f"*{seed.disclaimer}*"]
    return "\n\n".join(parts) + "\n"


def timed_build(config: Path, site_dir: Path, *, strict: bool) -> float:
    if config.is_dir():  # a project folder: its mkdocs.yml
        config = config / "mkdocs.yml"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config), "-d", str(site_dir)]
    if strict:
        cmd.insert(4, "--strict")
    start = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=config.parent, timeout=600)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"bench: build of {config} failed:\n{result.stderr}")
    return elapsed


def suite_project(dest: Path) -> Path:
    """The suite's own columns (tests/columns: several columns, so an index, authors' pages and a plain page) as
    a project with this one's code: its hooks and templates, and its mkdocs.yml without the publisher's settings
    (scripts/changes.py), under the suite's settings. Files only: nothing of the test suite's code is run."""
    from mkdocs.utils.yaml import yaml_load  # MkDocs' own reader: its !ENV and !relative tags

    sys.path.insert(0, str(ROOT / "scripts"))
    from changes import without_publisher_settings

    columns = ROOT / "tests" / "columns"
    for part, source in (("hooks", ROOT), ("overrides", ROOT), ("docs", columns), ("data", columns)):
        shutil.copytree(source / part, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
    with open(ROOT / "mkdocs.yml", "rb") as file:
        structure = without_publisher_settings(yaml_load(file))
    (dest / "mkdocs.base.yml").write_text(yaml.safe_dump(structure, sort_keys=False, allow_unicode=True), "utf-8")
    settings = (columns / "mkdocs.yml").read_text(encoding="utf-8")
    (dest / "mkdocs.yml").write_text(f"INHERIT: mkdocs.base.yml\n{settings}", encoding="utf-8")
    return dest


def folder_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def build_all() -> dict[str, dict]:
    sites = OUT / "sites"
    shutil.rmtree(sites, ignore_errors=True)
    sites.mkdir(parents=True)
    built: dict[str, dict] = {}

    # This site, exactly as `make build` makes it (strict), into its own folder so site/ is left alone.
    seconds = timed_build(ROOT / "mkdocs.yml", sites / "column", strict=True)
    built["column"] = {"dir": sites / "column", "build_s": seconds}

    # Default Material: the committed config plus the column text as Markdown, built as a new user would.
    project = OUT / "default-project"
    shutil.rmtree(project, ignore_errors=True)
    (project / "docs").mkdir(parents=True)
    shutil.copy2(BENCH / "default" / "mkdocs.yml", project / "mkdocs.yml")
    (project / "docs" / "index.md").write_text(column_markdown(read_seed()), encoding="utf-8")
    seconds = timed_build(project / "mkdocs.yml", sites / "default", strict=False)
    built["default"] = {"dir": sites / "default", "build_s": seconds}

    # The suite's site, strict too, for the page types the publisher's site may not have yet (PAGE_TYPES).
    shutil.rmtree(OUT / "suite-project", ignore_errors=True)
    seconds = timed_build(suite_project(OUT / "suite-project"), sites / "suite", strict=True)
    built.update({key: {"dir": sites / "suite", "build_s": seconds} for key in PAGE_TYPES})

    # The floor has no build: the hand-written file is the deployed folder.
    (sites / "floor").mkdir()
    shutil.copy2(BENCH / "floor.html", sites / "floor" / "index.html")
    built["floor"] = {"dir": sites / "floor", "build_s": None}

    for info in built.values():
        info["bytes"], info["files"] = folder_size(info["dir"])
    return built


# ---------------------------------------------------------------- nginx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


NGINX_CONF = """\
daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    sendfile on;
    # gzip as a static host has it. Level 6 (nginx's default is 1) so these figures and
    # tests/test_budget.py, which gzips at level 6, measure the same thing.
    gzip on;
    gzip_comp_level 6;
    gzip_vary on;
    gzip_types text/css text/plain text/xml application/javascript application/json application/xml
               application/manifest+json application/rss+xml image/svg+xml;
{servers}
}}
"""

NGINX_SERVER = """\
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
    }}
"""


class Nginx:
    """nginx in the foreground with every path in a temp dir; stopped (and the dir removed) on exit."""

    def __init__(self, roots: dict[str, Path]):
        self.roots = roots
        self.ports = {key: free_port() for key in roots}
        self.tmp: Path | None = None
        self.proc: subprocess.Popen | None = None

    def url(self, key: str) -> str:
        return f"http://127.0.0.1:{self.ports[key]}/"

    def __enter__(self) -> Nginx:
        # `with` calls __exit__ only once __enter__ has returned: a failure here (a bad config, nginx not
        # serving, Ctrl-C) must stop nginx and remove the folder itself.
        try:
            return self._start()
        except BaseException:
            self.__exit__()
            raise

    def _start(self) -> Nginx:
        self.tmp = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
        # Workers drop to an unprivileged user when nginx starts as root: they must be able to read here.
        self.tmp.chmod(0o755)
        servers = "".join(NGINX_SERVER.format(port=self.ports[k], root=self.roots[k]) for k in self.roots)
        conf = self.tmp / "nginx.conf"
        conf.write_text(NGINX_CONF.format(tmp=self.tmp, servers=servers))
        check = subprocess.run(
            [NGINX, "-t", "-p", str(self.tmp), "-e", str(self.tmp / "error.log"), "-c", str(conf)],
            capture_output=True,
            text=True,
        )
        if check.returncode != 0:
            sys.exit(f"bench: nginx rejects its config:\n{check.stderr}")
        self.proc = subprocess.Popen([NGINX, "-p", str(self.tmp), "-e", str(self.tmp / "error.log"), "-c", str(conf)])
        for key in self.ports:
            self._wait(key)
        return self

    def _wait(self, key: str) -> None:
        deadline = time.monotonic() + 10
        request = urllib.request.Request(self.url(key), headers={"Accept-Encoding": "gzip"})
        while True:
            try:
                with urllib.request.urlopen(request, timeout=2) as response:
                    # A host without compression would skew every byte figure: refuse to measure.
                    if response.headers.get("Content-Encoding") != "gzip":
                        sys.exit(f"bench: nginx did not gzip {self.url(key)}")
                    return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    error_log = self.tmp / "error.log"
                    log = error_log.read_text(errors="replace")[-2000:] if error_log.exists() else "(none)"
                    sys.exit(f"bench: nginx did not serve {self.url(key)}; its error log:\n{log}")
                time.sleep(0.1)

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)  # graceful stop of master and worker
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)


# ---------------------------------------------------------------- Lighthouse


def lighthouse(url: str, output: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROME}
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={output}",
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    if result.returncode != 0 or not output.exists():
        sys.exit(f"bench: lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    return json.loads(output.read_text(encoding="utf-8"))


def audit_value(audit: dict) -> str:
    return audit.get("displayValue") or audit.get("explanation") or "score " + format(audit["score"], ".2f")


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def read_run(lhr: dict, served: str) -> dict:
    if lhr.get("runtimeError"):
        sys.exit(f"bench: lighthouse runtime error on {served}: {lhr['runtimeError']}")
    audits = lhr["audits"]
    # Data URLs are not requests on the wire; everything else counts.
    items = [
        i for i in audits["network-requests"]["details"]["items"] if urlsplit(i["url"]).scheme in ("http", "https")
    ]
    third = [i for i in items if origin(i["url"]) != origin(served)]
    return {
        **{key: round(lhr["categories"][key]["score"] * 100) for key in CATEGORIES},
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
        "requests": len(items),
        "third_party": len(third),
        # statusCode is -1 (or missing) when the request never got an answer, e.g. no network.
        "third_party_urls": sorted({(i["url"], i.get("statusCode", -1)) for i in third}),
        "benchmark_index": lhr.get("environment", {}).get("benchmarkIndex"),
        "lighthouse": lhr.get("lighthouseVersion"),
        "warnings": lhr.get("runWarnings", []),
        # Scored audits below full marks: what each category score lost points on.
        "failed": sorted(
            f"{cat}: {ref['id']} ({audit_value(audits[ref['id']])})"
            for cat in CATEGORIES
            for ref in lhr["categories"][cat]["auditRefs"]
            if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
        ),
    }


def measure(urls: dict[str, str]) -> dict[str, list[dict]]:
    reports = OUT / "lighthouse"
    shutil.rmtree(reports, ignore_errors=True)
    reports.mkdir(parents=True)
    runs: dict[str, list[dict]] = {key: [] for key in urls}
    keys = list(urls)
    # One discarded run first: the first Chromium start on a cold disk cache is slower and would
    # penalise whichever page went first.
    print("bench: warm-up run (discarded)", flush=True)
    lighthouse(urls[keys[-1]], reports / "warm-up.json")
    for n in range(RUNS):
        # Pages alternate, and the starting page rotates each round so no page always goes first.
        order = keys[n % len(keys) :] + keys[: n % len(keys)]
        for key in order:
            print(f"bench: run {n + 1}/{RUNS} {PAGES[key]} ({urls[key]})", flush=True)
            lhr = lighthouse(urls[key], reports / f"{key}-{n + 1}.json")
            runs[key].append(read_run(lhr, urls[key]))
    return runs


# ---------------------------------------------------------------- report


def median(runs: list[dict], field: str) -> float:
    return statistics.median(r[field] for r in runs)


def kb(n: float) -> str:
    return f"{n / 1024:.1f} KB"


def version(cmd: list[str]) -> str:
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except OSError:
        return "?"
    # nginx prints its version on stderr; Debian's chromium wrapper prints shell noise there.
    text = (result.stdout.strip() or result.stderr.strip()).splitlines()
    return text[0] if text else "?"


def budget(runs: dict[str, list[dict]]) -> list[tuple[str, str, str, bool]]:
    col = runs["column"]
    lines = []
    for key, name in CATEGORIES.items():
        value = median(col, key)
        lines.append((f"Lighthouse {name}", f"{value:.0f}", f"{BUDGET_SCORE}", value >= BUDGET_SCORE))
    ratio = median(col, "lcp") / median(runs["floor"], "lcp")
    lines.append(
        (
            "LCP / floor LCP",
            f"{ratio:.2f}x ({median(col, 'lcp'):.0f} ms / {median(runs['floor'], 'lcp'):.0f} ms)",
            f"<= {BUDGET_LCP_RATIO}x",
            ratio <= BUDGET_LCP_RATIO,
        )
    )
    value = median(col, "bytes")
    lines.append(
        ("First view transferred", f"{kb(value)} ({value:.0f} B)", f"<= {kb(BUDGET_BYTES)}", value <= BUDGET_BYTES)
    )
    value = median(col, "requests")
    lines.append(("Requests", f"{value:.0f}", f"<= {BUDGET_REQUESTS}", value <= BUDGET_REQUESTS))
    value = max(r["third_party"] for r in col)  # any run with one is a failure, not just the median
    lines.append(("Third-party requests (any run)", f"{value}", "0", value == 0))
    value = median(col, "cls")
    lines.append(("CLS", f"{value:.3f}", "0", value == 0))
    for key in PAGE_TYPES:  # each other page type: the same scores, bytes and requests
        value = min(median(runs[key], category) for category in CATEGORIES)
        lines.append(
            (f"{PAGES[key]}: lowest Lighthouse category", f"{value:.0f}", f"{BUDGET_SCORE}", value >= BUDGET_SCORE)
        )
        value = median(runs[key], "bytes")
        lines.append(
            (f"{PAGES[key]}: first view transferred", kb(value), f"<= {kb(BUDGET_BYTES)}", value <= BUDGET_BYTES)
        )
        value = median(runs[key], "requests")
        lines.append((f"{PAGES[key]}: requests", f"{value:.0f}", f"<= {BUDGET_REQUESTS}", value <= BUDGET_REQUESTS))
    return lines


def report(built: dict[str, dict], runs: dict[str, list[dict]], verdicts, facts: dict[str, str]) -> str:
    keys = list(PAGES)
    floor_lcp = median(runs["floor"], "lcp")

    def row(label: str, cell) -> str:
        return f"| {label} | " + " | ".join(cell(k) for k in keys) + " |"

    out = [
        "# Benchmark: this site, a default Material build and the floor",
        "",
        f"Written by `make bench` (bench/run.py) on {facts['date']}. Medians of {RUNS} Lighthouse runs per page,",
        "pages alternating run by run; each page served by nginx with gzip (level 6) on 127.0.0.1. Absolute times",
        "depend on the machine: compare the pages with each other, measured in the same run.",
        "",
        f"Machine: {facts['nproc']} CPUs, {facts['platform']}; {facts['chromium']}; Lighthouse {facts['lighthouse']}",
        f"(mobile preset, simulated throttling); Node {facts['node']}; {facts['nginx']}; "
        f"Lighthouse benchmarkIndex {facts['benchmark_index']}.",
        "",
        "| | " + " | ".join(PAGES[k] for k in keys) + " |",
        "|---|" + "---|" * len(keys),
    ]
    for cat, name in CATEGORIES.items():
        out.append(row(name, lambda k, c=cat: f"{median(runs[k], c):.0f}"))
    out += [
        row("FCP", lambda k: f"{median(runs[k], 'fcp'):.0f} ms"),
        row("LCP", lambda k: f"{median(runs[k], 'lcp'):.0f} ms"),
        row("LCP / floor LCP", lambda k: f"{median(runs[k], 'lcp') / floor_lcp:.2f}x"),
        row("TBT", lambda k: f"{median(runs[k], 'tbt'):.0f} ms"),
        row("CLS", lambda k: f"{median(runs[k], 'cls'):.3f}"),
        row("Bytes transferred", lambda k: kb(median(runs[k], "bytes"))),
        row("Requests", lambda k: f"{median(runs[k], 'requests'):.0f}"),
        row(
            "Third-party requests",
            lambda k: (
                f"{median(runs[k], 'third_party'):.0f}"
                + (" (failed: offline)" if any(s <= 0 for r in runs[k] for _, s in r["third_party_urls"]) else "")
            ),
        ),
        row(
            "Build time",
            lambda k: "none (hand-written)" if built[k]["build_s"] is None else f"{built[k]['build_s']:.2f} s",
        ),
        row(
            "Deployed folder",
            lambda k: f"{kb(built[k]['bytes'])}, {built[k]['files']} file{'s' if built[k]['files'] != 1 else ''}",
        ),
        "",
        "Bytes transferred: Lighthouse's total-byte-weight (compressed bodies plus headers). Requests: every http(s)",
        "request Lighthouse saw, third-party ones included. Build time: one `mkdocs build` "
        "(this site with `--strict`),",
        "wall clock, Python start-up included.",
        "",
    ]
    notes = []
    for k in keys:
        urls = sorted({u for r in runs[k] for u in r["third_party_urls"]})
        for url, status in urls:
            state = "failed, no answer (this machine is offline)" if status <= 0 else f"HTTP {status}"
            notes.append(f"- {PAGES[k]}: third-party request to `{url}`: {state}.")
    if notes:
        out += ["Third-party requests:", "", *notes, ""]
    out += ["## Budget for this site", "", "| line | figure | goal | verdict |", "|---|---|---|---|"]
    out += [f"| {label} | {figure} | {goal} | {'PASS' if ok else 'FAIL'} |" for label, figure, goal, ok in verdicts]
    out += ["", "Audits below full marks on this site (runs where seen):", ""]
    failed = [{f.split(" (")[0]: f for f in r["failed"]} for r in runs["column"]]
    out += [
        f"- {next(d[k] for d in failed if k in d)}: {sum(k in d for d in failed)}/{RUNS}"
        for k in sorted(set().union(*failed))
    ] or ["- none"]
    out += [
        "",
        "## LCP of each run (ms)",
        "",
        "| run | " + " | ".join(PAGES[k] for k in keys) + " |",
        "|---|" + "---|" * len(keys),
    ]
    for n in range(RUNS):
        out.append(f"| {n + 1} | " + " | ".join(f"{runs[k][n]['lcp']:.0f}" for k in keys) + " |")
    warnings = sorted({f"{PAGES[k]}: {w}" for k in keys for r in runs[k] for w in r["warnings"]})
    if warnings:
        out += ["", "Lighthouse warnings:", "", *(f"- {html.escape(w)}" for w in warnings)]
    return "\n".join(out) + "\n"


def main() -> int:
    if RUNS < 1:
        sys.exit("bench: BENCH_RUNS must be at least 1")
    if not LIGHTHOUSE.exists():
        sys.exit("bench: Lighthouse is missing; run `npm ci` in bench/ (or `make bench`)")
    if not Path(CHROME).exists():
        sys.exit(f"bench: no Chromium at {CHROME}; `apt-get install -y chromium` or set CHROME_PATH")
    OUT.mkdir(exist_ok=True)
    built = build_all()
    with Nginx({k: info["dir"] for k, info in built.items()}) as server:
        runs = measure({k: server.url(k) + PAGE_TYPES.get(k, "") for k in PAGES})
    facts = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": str(os.cpu_count()),
        "platform": platform.platform(terse=True),
        "chromium": version([CHROME, "--version"]),
        "lighthouse": runs["column"][0]["lighthouse"],
        "node": version(["node", "--version"]).lstrip("v"),
        "nginx": version([NGINX, "-v"]),
        "benchmark_index": f"{statistics.median(r['benchmark_index'] or 0 for rs in runs.values() for r in rs):.0f}",
    }
    verdicts = budget(runs)
    text = report(built, runs, verdicts, facts)
    (BENCH / "RESULTS.md").write_text(text, encoding="utf-8")
    print(text)
    print("Budget for this site:")
    for label, figure, goal, ok in verdicts:
        print(f"  {'PASS' if ok else 'FAIL'}  {label}: {figure} (goal {goal})")
    print(f"Written to {BENCH / 'RESULTS.md'}; Lighthouse reports in {OUT / 'lighthouse'}")
    failed = not all(ok for *_, ok in verdicts)
    return 1 if failed and os.environ.get("BENCH_STRICT") == "1" else 0


if __name__ == "__main__":
    sys.exit(main())
