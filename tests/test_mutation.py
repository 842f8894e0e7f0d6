"""`make mutation SAMPLE=N` (tests/mutation.py, sample): up to N mutants of each module, the same ones on every
run and whatever order mutmut wrote them in, so that two suites can be scored on the same mutants."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from build_harness import ROOT

# What mutmut writes in mutants/<path>.meta: each mutant's result (null: not tried yet), by name.
MUTANTS = {
    "hooks/column/card.py": [
        *(f"hooks.column.card.x_wrap__mutmut_{n}" for n in range(1, 4)),
        *(f"hooks.column.card.xǁScriptǁshaping__mutmut_{n}" for n in range(1, 4)),
    ],
    "hooks/column_hooks.py": ["hooks.column_hooks.x_on_config__mutmut_1"],
    "scripts/publish.py": [f"scripts.publish.x_main__mutmut_{n}" for n in range(1, 5)],
}


def draw(project: Path, per_module: int, mutants: dict[str, list[str]] | None) -> subprocess.CompletedProcess:
    """`python tests/mutation.py sample N` in a copy of the script whose project holds these mutants."""
    (project / "tests").mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "mutation.py", project / "tests")
    for path, names in (mutants or {}).items():
        meta = project / "mutants" / f"{path}.meta"
        meta.parent.mkdir(parents=True, exist_ok=True)
        meta.write_text(json.dumps({"exit_code_by_key": dict.fromkeys(names)}), encoding="utf-8")
    command = [sys.executable, str(project / "tests" / "mutation.py"), "sample", str(per_module)]
    return subprocess.run(command, capture_output=True, text=True, cwd=project)


def test_a_sample_takes_up_to_n_mutants_of_each_module_the_same_ones_every_time(tmp_path):
    drawn = draw(tmp_path / "a", 2, MUTANTS).stdout.split()
    by_module = {module: [name for name in drawn if name in names] for module, names in MUTANTS.items()}
    assert {module: len(names) for module, names in by_module.items()} == {
        "hooks/column/card.py": 2,  # of six, a method's mutants among them
        "hooks/column_hooks.py": 1,  # all it has
        "scripts/publish.py": 2,
    }
    assert len(drawn) == 5 and len(set(drawn)) == 5
    reordered = {path: names[::-1] for path, names in reversed(MUTANTS.items())}
    assert draw(tmp_path / "b", 2, reordered).stdout.split() == drawn
    every = sorted(name for names in MUTANTS.values() for name in names)
    assert draw(tmp_path / "c", 6, MUTANTS).stdout.split() == every  # as many as a module has, no more


def test_a_sample_before_any_run_stops_and_says_how_to_write_the_names(tmp_path):
    result = draw(tmp_path, 12, None)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (
        f"{tmp_path / 'mutants'}: no mutants to draw from: a first run writes every mutant's name, for example "
        "make mutation MUTANTS='hooks.column.reading.*'\n"
    )
