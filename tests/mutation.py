"""`make mutation` (mutmut; settings in pyproject.toml, [tool.mutmut]). mutmut copies hooks/, scripts/ and
the tests into mutants/, rewrites each function so that one mutant at a time can be switched on, and runs the
tests that call it.

Loaded into those test runs as a pytest plugin (-p tests.mutation), for two reasons:
- mutmut names a mutant after its file's path (hooks/column/data.py: hooks.column.data) and switches it on
  only in a module of that name, while the code and the tests import the modules by the names pytest's
  pythonpath gives them (column.data, publish). An import finder placed first answers each such short name
  with the module imported under its path's name: one module, two names, whoever imports it first.
- MkDocs loads a hook file afresh under the path written in mkdocs.yml (hooks/column_hooks.py), from
  whichever copy of the project is being built; here it gets the module mutmut names (hooks.column_hooks)
  instead, so the hooks of every in-process build (build_harness.build) are the ones mutmut switches.
- mutmut says which mutant is on in the environment (MUTANT_UNDER_TEST) and in the process. The builds that
  the tests start in a subprocess (build_harness.build_cli, publish) would inherit the environment and load
  mutmut's wrappers without its settings; dropped from the environment, they run the code as written. So a
  mutant is tried only by tests that call its function in the test process.
- mutmut learns which tests call a function by what each test calls; a session fixture (the site, built
  once) is built while the first test that uses it is set up, so only that test would be counted. The calls
  made while such a fixture is set up are counted for every test that uses it.

Run as a script after `mutmut run`, it prints the score and the mutants that were not killed, by module;
`python tests/mutation.py sample N` prints the names of up to N mutants of each module (SAMPLE=N in the Makefile).
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import json
import os
import random
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent  # mutants/ while mutmut runs the tests
SOURCES = ("hooks", "scripts")  # mutmut's source_paths; each is on pytest's pythonpath too
BUDGET = Path("bench") / "budget.yml"


def short_names() -> dict[str, str]:
    """{name the tests import: name mutmut gives the file}, for every module and package in SOURCES."""
    names = {}
    for source in SOURCES:
        for path in (ROOT / source).rglob("*.py"):
            parts = path.relative_to(ROOT / source).with_suffix("").parts
            parts = parts[:-1] if parts[-1] == "__init__" else parts
            for end in range(1, len(parts) + 1):  # the packages on the way, then the module
                names[".".join(parts[:end])] = ".".join((source, *parts[:end]))
    return names


class SameModule(importlib.abc.Loader):
    """Loads a module that is already imported: the import system then registers it under a second name."""

    def __init__(self, module) -> None:
        self.module = module

    def create_module(self, spec):
        return self.module

    def exec_module(self, module) -> None:
        pass


class ShortNames(importlib.abc.MetaPathFinder):
    def __init__(self, names: dict[str, str]) -> None:
        self.names = names

    def find_spec(self, name, path, target=None):
        if name not in self.names:
            return None
        return importlib.util.spec_from_loader(name, SameModule(importlib.import_module(self.names[name])))


def load_hook_under_its_path_name(original):
    def load_hook(self, name, path):
        module = Path(name).with_suffix("").as_posix().replace("/", ".")
        return importlib.import_module(module) if module in NAMES.values() else original(self, name, path)

    return load_hook


def pytest_configure(config) -> None:
    from mkdocs.config.config_options import Hooks

    os.environ.pop("MUTANT_UNDER_TEST", None)
    Hooks._load_hook = load_hook_under_its_path_name(Hooks._load_hook)
    # The page budget, which make check and the tests read: mutmut's also_copy copies a folder whole, and bench/
    # holds the benchmark's Lighthouse install; the one file is copied here instead.
    budget = ROOT / BUDGET
    if not budget.exists():
        budget.parent.mkdir(exist_ok=True)
        shutil.copy2(ROOT.parent / BUDGET, budget)


calls_by_fixture: dict[str, set[str]] = {}


@pytest.hookimpl(hookwrapper=True)
def pytest_fixture_setup(fixturedef, request):
    """Counts apart the calls a shared fixture makes while it is set up (mutmut counts them in _stats)."""
    from mutmut.state import state

    if fixturedef.scope == "function":
        yield
        return
    before, state()._stats = state()._stats, set()
    try:
        yield
    finally:
        calls_by_fixture[fixturedef.argname] = state()._stats
        state()._stats = before | state()._stats


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item, nextitem) -> None:
    """Before mutmut files this test's calls: add those of the shared fixtures it uses."""
    from mutmut.state import state

    for name in item.fixturenames:
        state()._stats |= calls_by_fixture.get(name, set())


def module_of(mutant: str) -> str:
    """hooks.column.data.x_check_page__mutmut_3 (and a method's, hooks.column.card.xǁScriptǁshaping__mutmut_6):
    hooks.column.data."""
    return mutant.partition(".x")[0]


def sample(per_module: int, mutants: Path = ROOT / "mutants", seed: int = 25) -> list[str]:
    """Up to `per_module` mutants of each module, drawn with a fixed seed: the same ones on every run, and in two
    checkouts of the same product code, so that two suites can be compared on them. A full run is more than a
    day on 2 cores; 12 a module take a few hours. The names are those a first run wrote in mutants/."""
    by_module: dict[str, list[str]] = defaultdict(list)
    for meta in sorted(mutants.rglob("*.meta")):
        for mutant in json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]:
            by_module[module_of(mutant)].append(mutant)
    if not by_module:
        sys.exit(
            f"{mutants}: no mutants to draw from: a first run writes every mutant's name, for example "
            "make mutation MUTANTS='hooks.column.reading.*'"
        )
    rng = random.Random(seed)
    return [
        mutant
        for module in sorted(by_module)
        for mutant in sorted(rng.sample(sorted(by_module[module]), min(per_module, len(by_module[module]))))
    ]


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
        counts[module_of(key)][status] += 1
        if status not in ("killed", "timeout"):
            not_killed.append(f"  {status}: {key}")
    print(f"{'module':<28} {'mutants':>7} {'killed':>7} {'survived':>8} {'no test':>7} {'score':>6}")
    for module, count in sorted(counts.items()):
        tried = sum(count.values())
        killed = count["killed"] + count["timeout"]
        score = 100 * killed / tried
        print(f"{module:<28} {tried:>7} {killed:>7} {count['survived']:>8} {count['no tests']:>7} {score:>5.1f}%")
    print("\n".join(["", "Not killed (`.venv/bin/mutmut show NAME` shows the change):", *not_killed]))


if __name__ == "__main__" and sys.argv[1:2] == ["sample"]:
    print(" ".join(sample(int(sys.argv[2]))))
elif __name__ == "__main__":
    report(sys.argv[1] if len(sys.argv) > 1 else "mutmut")
else:
    NAMES = short_names()
    sys.meta_path.insert(0, ShortNames(NAMES))
