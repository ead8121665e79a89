"""Bounded work: past its budgets a file's open questions stay silent.

The budgets count module reads (flake8_sched_robustness.work): each lookup
of another module's source, remembered or not, and each module astroid
builds for a question, from the same starting state every time.
--srb-inference-modules bounds a file's reads; --srb-astroid-modules-per-line
times the file's length bounds what astroid builds, and astroid is not
started when fewer than ASTROID_MIN_MODULES of that share are left.  A
question that does not fit stays unanswered, and a remembered answer is
charged what it cost, so what a file is told does not depend on what the
process answered before.  --srb-inference-budget is only a wall-clock
valve; a step clock stands in for the wall clock to test it.  What the same
inputs cost in real time, against plain flake8, is bench/stress.py's to
measure.
"""

from __future__ import annotations

import ast
import dataclasses
import pathlib
import time

import lintrun
from flake8_sched_robustness import door as doors
from flake8_sched_robustness import module_facts, settings
from flake8_sched_robustness.answers import UNKNOWN

SWARM = 1000


class StepClock:
    """A wall clock that advances by a fixed step each time it is read."""

    def __init__(self, step: float) -> None:
        self.step = step
        self.now = 0.0

    def __call__(self) -> float:
        self.now += self.step
        return self.now


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
    with_budget = lintrun.flake8([user])
    no_reads = lintrun.flake8([user], "--srb-inference-modules=0")
    no_time = lintrun.flake8([user], "--srb-inference-budget=0")
    for run in (with_budget, no_reads, no_time):
        run.assert_clean()
    assert [(line, code) for _, line, code in with_budget.reports] == [(5, "SRB101")]
    assert no_reads.reports == []
    assert no_time.reports == []


def _write_swarm(root: pathlib.Path) -> pathlib.Path:
    package = root / "swarm"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    lines = []
    for n in range(SWARM):
        (package / f"m{n:04d}.py").write_text(
            f"class Root{n}(Exception):\n    pass\n\n\nclass Leaf(Root{n}):\n    pass\n"
        )
        lines.append(f"from swarm import m{n:04d}\n")
    lines.append("\n\ndef act(n):\n")
    for n in range(SWARM):
        lines.append(f"    if n == {n}:\n        raise m{n:04d}.Leaf\n")
    user = package / "user.py"
    user.write_text("".join(lines))
    return user


def _run_with_budget(tree: ast.Module, path: pathlib.Path, modules: int) -> int:
    config = dataclasses.replace(settings.DEFAULTS, inference_modules=modules)
    found = lintrun.run_plugin(tree, str(path), config)
    assert {text.split()[0] for _, _, text in found} <= {"SRB101"}
    return len(found)


def test_thousands_of_cross_module_raises_stop_at_the_budget(tmp_path):
    user = _write_swarm(tmp_path)
    tree = ast.parse(user.read_text())
    budget = 300
    doors.clear_caches()
    try:
        silent = _run_with_budget(tree, user, 0)
        cold = _run_with_budget(tree, user, budget)
        ample = _run_with_budget(tree, user, 10**6)
        # Every answer is remembered now; each is charged again all the same.
        warm = _run_with_budget(tree, user, budget)
    finally:
        doors.clear_caches()
    assert silent == 0
    # Every answered raise reads at least its own module: at most the
    # budget's worth are answered...
    assert 0 < cold <= budget
    # ...and exactly as many whether the answers were computed or remembered.
    assert warm == cold
    # With budget to spare, every raise is answered (each Leaf is SRB101).
    assert ample == SWARM


def _write_computed_constant(root: pathlib.Path) -> pathlib.Path:
    package = root / "computed"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    # Only astroid can tell that NAME holds a number, not a module name.
    (package / "drivers.py").write_text("def pick():\n    return 3\n\n\nNAME = pick()\n")
    user = package / "user.py"
    user.write_text(
        "import importlib\n\nfrom computed import drivers\n\n\n"
        "def load():\n    return importlib.import_module(drivers.NAME)\n"
    )
    return user


def test_astroid_is_not_started_for_a_small_file(tmp_path):
    user = _write_computed_constant(tmp_path)
    small = lintrun.flake8([user])
    ample = lintrun.flake8([user], "--srb-astroid-modules-per-line=10")
    # The deprecated CPU-time share is read at 30 ms a module.
    deprecated = lintrun.flake8([user], "--srb-astroid-budget-per-line=1000")
    for run in (small, ample, deprecated):
        run.assert_clean()
    # Eight lines earn no module build by default: the name stays unknown.
    assert small.reports == []
    assert [(line, code) for _, line, code in ample.reports] == [(7, "SRB301")]
    assert deprecated.reports == ample.reports


CHAIN = 12


def _write_chain(root: pathlib.Path) -> pathlib.Path:
    package = root / "chain"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    for n in range(CHAIN):
        value = f"m{n + 1:02d}.NAME + 'x'" if n + 1 < CHAIN else "'x'"
        head = f"from chain import m{n + 1:02d}\n" if n + 1 < CHAIN else ""
        (package / f"m{n:02d}.py").write_text(f"{head}NAME = {value}\n")
    user = package / "user.py"
    user.write_text("")
    return user


def _chain_answer(user: pathlib.Path, astroid_modules: int) -> object:
    module = module_facts.ModuleFacts(ast.parse(""), str(user))
    door = doors.Door(module, budget=600.0, enabled=True, astroid_modules=astroid_modules)
    return door.constant_kind("chain.m00.NAME")


def test_a_question_stops_inside_astroid_at_the_files_share(tmp_path):
    import astroid

    # Only astroid can follow the chain of module constants; it builds one
    # module per link, more than the share of 10.
    share = 10
    user = _write_chain(tmp_path)
    doors.clear_caches()
    try:
        stopped = _chain_answer(user, share)
        # Unknown, with no module of the stopped question left in astroid's cache,
        assert stopped is UNKNOWN
        assert not {name for name in astroid.MANAGER.astroid_cache if name.startswith("chain")}
        # and no answer remembered: a file with more budget gets one.
        assert _chain_answer(user, 10 * CHAIN) == "str"
        # Remembered now, the answer still costs what it took to build.
        assert _chain_answer(user, share) is UNKNOWN
        assert _chain_answer(user, doors.ASTROID_MIN_MODULES - 1) is UNKNOWN
    finally:
        doors.clear_caches()


def test_the_wall_clock_valve_stops_a_files_questions(tmp_path, monkeypatch):
    user = _write_swarm(tmp_path)
    tree = ast.parse(user.read_text())
    # A clock that runs 10 ms a read: a valve of 0.5 s passes within a
    # few dozen questions, where the default work budget answers all.
    monkeypatch.setattr(time, "monotonic", StepClock(0.01))
    config = dataclasses.replace(settings.DEFAULTS, inference_budget=0.5)
    doors.clear_caches()
    try:
        found = len(lintrun.run_plugin(tree, str(user), config))
    finally:
        doors.clear_caches()
    assert 0 < found < SWARM // 10
