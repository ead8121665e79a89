"""Bounded work: past --srb-inference-budget a file's open questions stay silent.

The budget is checked before each question to astroid, so a file overruns
it by at most one question (one module built from source).
"""

from __future__ import annotations

import ast
import dataclasses
import pathlib
import time

import lintrun
from flake8_sched_robustness import inference, settings

SWARM = 1000


def _write_pair(root: pathlib.Path) -> pathlib.Path:
    package = root / "budgeted"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "errors.py").write_text("class Silent(Exception):\n    pass\n")
    user = package / "user.py"
    user.write_text("from budgeted import errors\n\n\ndef act():\n    raise errors.Silent\n")
    return user


def test_budget_zero_leaves_cross_module_questions_unasked(tmp_path):
    user = _write_pair(tmp_path)
    with_budget = lintrun.flake8([user], "--srb-inference-budget=2")
    without = lintrun.flake8([user], "--srb-inference-budget=0")
    with_budget.assert_clean()
    without.assert_clean()
    assert [(line, code) for _, line, code in with_budget.reports] == [(5, "SRB101")]
    assert without.reports == []


def _write_swarm(root: pathlib.Path) -> pathlib.Path:
    package = root / "swarm"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    lines = []
    # Each module has some bulk, so that every question costs a little.
    filler = "".join(f"\n\ndef helper_{i}(value):\n    return value + {i}\n" for i in range(150))
    for n in range(SWARM):
        (package / f"m{n:04d}.py").write_text(
            f"class Root{n}(Exception):\n    pass\n\n\nclass Leaf(Root{n}):\n    pass\n"
            + filler
        )
        lines.append(f"from swarm import m{n:04d}\n")
    lines.append("\n\ndef act(n):\n")
    for n in range(SWARM):
        lines.append(f"    if n == {n}:\n        raise m{n:04d}.Leaf\n")
    user = package / "user.py"
    user.write_text("".join(lines))
    return user


def _timed_run(tree: ast.Module, path: pathlib.Path, budget: float) -> tuple[int, float]:
    inference.clear_caches()
    config = dataclasses.replace(settings.DEFAULTS, inference_budget=budget)
    started = time.process_time()  # the budget counts CPU time too
    found = lintrun.run_plugin(tree, str(path), config)
    elapsed = time.process_time() - started
    assert {text.split()[0] for _, _, text in found} <= {"SRB101"}
    return len(found), elapsed


def test_thousands_of_cross_module_raises_stop_at_the_budget(tmp_path):
    user = _write_swarm(tmp_path)
    tree = ast.parse(user.read_text())
    try:
        silent, baseline = _timed_run(tree, user, 0.0)
        found, elapsed = _timed_run(tree, user, 0.2)
    finally:
        inference.clear_caches()
    assert silent == 0
    # Some questions were answered within the budget, most were not asked.
    assert 0 < found < SWARM
    # Besides the stdlib pass, about the budget plus one question.
    assert elapsed - baseline < 0.2 + 1.5
