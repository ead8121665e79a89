"""Bounded work: past its budgets a file's open questions stay silent.

--srb-inference-budget is checked before each question, so a file overruns
it by at most one question.  The part of a file's questions that needs
astroid has a smaller share, --srb-astroid-budget-per-line times the file's
length: astroid is not started when less than ASTROID_MIN_SECONDS of that
share is left, and a question stops (and leaves astroid's cache as it found
it) after the first module astroid finishes building past the share.

The budgets count CPU time.  Here a step clock stands in for it: every read
of time.process_time advances it by a fixed step, so how far a file gets
within its budget depends on the work done, not on the machine.  What the
same inputs cost in real CPU time, against plain flake8, is bench/stress.py's
to measure.
"""

from __future__ import annotations

import ast
import dataclasses
import pathlib
import time

import pytest

import lintrun
from flake8_sched_robustness import door as doors
from flake8_sched_robustness import module_facts, settings
from flake8_sched_robustness.answers import UNKNOWN

SWARM = 1000


class StepClock:
    """A CPU clock that advances by a fixed step each time it is read."""

    def __init__(self, step: float) -> None:
        self.step = step
        self.now = 0.0
        self.reads = 0

    def __call__(self) -> float:
        self.reads += 1
        self.now += self.step
        return self.now


@pytest.fixture
def clock(monkeypatch) -> StepClock:
    """Replace the CPU clock the budgets read with a StepClock of 10 ms."""
    stepper = StepClock(0.01)
    monkeypatch.setattr(time, "process_time", stepper)
    return stepper


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


def _run_with_budget(tree: ast.Module, path: pathlib.Path, budget: float) -> int:
    doors.clear_caches()
    config = dataclasses.replace(settings.DEFAULTS, inference_budget=budget)
    found = lintrun.run_plugin(tree, str(path), config)
    assert {text.split()[0] for _, _, text in found} <= {"SRB101"}
    return len(found)


def test_thousands_of_cross_module_raises_stop_at_the_budget(tmp_path, clock):
    user = _write_swarm(tmp_path)
    tree = ast.parse(user.read_text())
    budget = 0.2
    try:
        silent = _run_with_budget(tree, user, 0.0)
        found = _run_with_budget(tree, user, budget)
        ample = _run_with_budget(tree, user, 1e6)
    finally:
        doors.clear_caches()
    assert silent == 0
    # Every answered question costs at least one step of the clock, and the
    # budget is checked before each question: at most the budget's worth of
    # steps plus one question are answered, however fast the machine.
    assert 0 < found <= budget / clock.step + 1
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
    ample = lintrun.flake8([user], "--srb-astroid-budget-per-line=1000")
    small.assert_clean()
    ample.assert_clean()
    # Eight lines earn 1.2 ms of astroid by default: the name stays unknown.
    assert small.reports == []
    assert [(line, code) for _, line, code in ample.reports] == [(7, "SRB301")]


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


def _chain_answer(
    user: pathlib.Path, astroid_budget: float, clock: StepClock
) -> tuple[object, float]:
    module = module_facts.ModuleFacts(ast.parse(""), str(user))
    door = doors.Door(module, budget=60.0, enabled=True, astroid_budget=astroid_budget)
    started = clock.now
    answer = door.constant_kind("chain.m00.NAME")
    return answer, clock.now - started


def test_a_question_stops_inside_astroid_at_the_files_share(tmp_path, clock):
    import astroid

    # Only astroid can follow the chain of module constants.  Each module
    # astroid builds reads the clock once, so the share of ten steps runs
    # out a few modules into the chain of twelve.
    clock.step = 0.03
    budget = 0.3  # above ASTROID_MIN_SECONDS
    user = _write_chain(tmp_path)
    doors.clear_caches()
    try:
        before = set(astroid.MANAGER.astroid_cache)
        stopped, elapsed = _chain_answer(user, budget, clock)
        # Unknown, stopped at the first module past the share...
        assert stopped is UNKNOWN
        assert elapsed <= budget + 5 * clock.step
        # ...with no module of the stopped question left in astroid's cache,
        assert not {name for name in astroid.MANAGER.astroid_cache if name.startswith("chain")}
        assert set(astroid.MANAGER.astroid_cache) <= before | {"builtins"}
        # and no answer remembered: a file with more budget gets one.
        answered, _ = _chain_answer(user, 60.0, clock)
        assert answered == "str"
    finally:
        doors.clear_caches()
