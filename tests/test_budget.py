"""Bounded work: past its budgets a file's open questions stay silent.

--srb-inference-budget is checked before each question, so a file overruns
it by at most one question.  The part of a file's questions that needs
astroid has a smaller share, --srb-astroid-budget-per-line times the file's
length: astroid is not started when less than ASTROID_MIN_SECONDS of that
share is left, and a question stops (and leaves astroid's cache as it found
it) after the first module astroid finishes building past the share.
"""

from __future__ import annotations

import ast
import dataclasses
import pathlib
import time

import lintrun
from flake8_sched_robustness import door as doors
from flake8_sched_robustness import settings, syntax
from flake8_sched_robustness.answers import UNKNOWN

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
    doors.clear_caches()
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
        doors.clear_caches()
    assert silent == 0
    # Some questions were answered within the budget, most were not asked.
    assert 0 < found < SWARM
    # Besides the stdlib pass, about the budget plus one question.
    assert elapsed - baseline < 0.2 + 1.5


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


# Deep enough to cost a second or two, shallow enough for astroid to answer.
CHAIN = 12


def _write_chain(root: pathlib.Path) -> pathlib.Path:
    package = root / "chain"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    filler = "".join(f"\n\ndef helper_{i}(value):\n    return value + {i}\n" for i in range(750))
    for n in range(CHAIN):
        value = f"m{n + 1:02d}.NAME + 'x'" if n + 1 < CHAIN else "'x'"
        head = f"from chain import m{n + 1:02d}\n" if n + 1 < CHAIN else ""
        (package / f"m{n:02d}.py").write_text(f"{head}NAME = {value}\n{filler}")
    user = package / "user.py"
    user.write_text("")
    return user


def _chain_answer(user: pathlib.Path, astroid_budget: float) -> tuple[object, float]:
    module = syntax.ModuleFacts(ast.parse(""), str(user))
    door = doors.Door(module, budget=60.0, enabled=True, astroid_budget=astroid_budget)
    started = time.process_time()
    answer = door.constant_kind("chain.m00.NAME")
    return answer, time.process_time() - started


def test_a_question_stops_inside_astroid_at_the_files_share(tmp_path):
    import astroid

    budget = 0.3  # above ASTROID_MIN_SECONDS, far below the question's cost
    user = _write_chain(tmp_path)
    doors.clear_caches()
    try:
        before = set(astroid.MANAGER.astroid_cache)
        stopped, elapsed = _chain_answer(user, budget)
        # Unknown, after about the share plus one module's build...
        assert stopped is UNKNOWN
        assert elapsed < budget + 0.5
        # ...with no module of the stopped question left in astroid's cache,
        assert not {name for name in astroid.MANAGER.astroid_cache if name.startswith("chain")}
        assert set(astroid.MANAGER.astroid_cache) <= before | {"builtins"}
        # and no answer remembered: a file with more budget gets one.
        answered, _ = _chain_answer(user, 60.0)
        assert answered == "str"
    finally:
        doors.clear_caches()
