"""`make mutation` (mutmut; settings in pyproject.toml, [tool.mutmut]). mutmut copies hooks/, scripts/ and
the tests into mutants/, rewrites each function so that one mutant at a time can be switched on, and runs the
tests that call it.

Loaded into those test runs as a pytest plugin (-p tests.mutation), for two reasons:
- mutmut names a mutant after its file's path (hooks/column/data.py: hooks.column.data) and switches it on
  only in a module of that name, while the tests import the modules by the names pytest's pythonpath gives
  them (column.data, publish). Each module is imported here under its path's name and registered under the
  tests' name too: one module, two names.
- mutmut says which mutant is on in the environment (MUTANT_UNDER_TEST) and in the process. The builds that
  the tests start in a subprocess would inherit the environment and load mutmut's wrappers without its
  settings; dropped from the environment, they run the code as written. So a mutant is tried only by tests
  that call its function in the test process.

Run as a script after `mutmut run`, it prints the score and the mutants that survived, by module.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from collections import Counter, defaultdict

# The name the tests import: the name mutmut gives the file. column before column_hooks, check_site
# before publish: each imports the other by its short name.
MODULES = {
    "column": "hooks.column",
    "column.card": "hooks.column.card",
    "column.data": "hooks.column.data",
    "column.render": "hooks.column.render",
    "column_hooks": "hooks.column_hooks",
    "check_site": "scripts.check_site",
    "publish": "scripts.publish",
}


def pytest_configure(config) -> None:
    os.environ.pop("MUTANT_UNDER_TEST", None)


def alias_modules() -> None:
    for short, full in MODULES.items():
        sys.modules[short] = importlib.import_module(full)


def report(mutmut: str) -> None:
    """Per module: mutants tried, killed (or timed out: the mutant hung), survived, and not reached by any
    test in the test process; the score is killed over tried. Mutants not tried yet (a run limited by
    MUTANTS) are left out."""
    lines = subprocess.run([mutmut, "results", "--all=true"], capture_output=True, text=True, check=True).stdout
    counts: dict[str, Counter] = defaultdict(Counter)
    not_killed = []
    for line in lines.splitlines():
        key, _, status = line.strip().rpartition(": ")
        if "__mutmut_" not in key or status == "not checked":
            continue
        counts[key.partition(".x")[0]][status] += 1
        if status not in ("killed", "timeout"):
            not_killed.append(f"  {status}: {key}")
    print(f"{'module':<22} {'mutants':>7} {'killed':>7} {'survived':>8} {'no test':>7} {'score':>6}")
    for module, count in sorted(counts.items()):
        tried = sum(count.values())
        killed = count["killed"] + count["timeout"]
        score = 100 * killed / tried
        print(f"{module:<22} {tried:>7} {killed:>7} {count['survived']:>8} {count['no tests']:>7} {score:>5.1f}%")
    print("\n".join(["", "Not killed (`.venv/bin/mutmut show NAME` shows the change):", *not_killed]))


if __name__ == "__main__":
    report(sys.argv[1] if len(sys.argv) > 1 else "mutmut")
else:
    alias_modules()
