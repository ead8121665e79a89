"""Linear cost: the plugin's work on one file grows in step with the file.

bench/growth.py times the plugin against plain flake8 on generated files;
timings depend on the machine, so here work is counted instead.  A trace
function counts every Python-level event (call, line, return) the plugin
runs through on bench/growth.py's shapes at N, 2N and 4N: the count may
at most double each time N does (a file's fixed cost keeps it just under).
A scan repeated per candidate function, or a walk repeated per enclosing
lambda, makes it grow towards fourfold; a search over a file's top-level
statements per loader call, towards 2.2x at these sizes already.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib.util
import pathlib
import sys
import types
from typing import Any

import pytest

from flake8_sched_robustness import callbacks, codes, plugin, settings

SIZES = (100, 200, 400)
# Counts, not timings: the slack only covers set orders that vary with
# the hash seed.
MAX_GROWTH = 2.1


def _growth_module() -> types.ModuleType:
    path = pathlib.Path(__file__).parent.parent / "bench" / "growth.py"
    spec = importlib.util.spec_from_file_location("growth", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GROWTH = _growth_module()


def _lambdas_with_walrus(n: int) -> str:
    """growth.py's lambda chains, the innermost binding by a walrus."""
    depth = GROWTH.LAMBDA_DEPTH
    return "".join(
        f"handler{chain} = " + "lambda ctxt: " * min(depth, n - chain) + "(seen := ctxt)\n"
        for chain in range(0, n, depth)
    )


SHAPES = {**GROWTH.SHAPES, "lambdas_with_walrus": _lambdas_with_walrus}
# Every code, the opt-in SRB901 sweep too: the most work a file can cost.
ALL_CODES = dataclasses.replace(settings.DEFAULTS, selected=frozenset(codes.CODES))


def _write(root: pathlib.Path, source: str) -> pathlib.Path:
    package = root / "growth"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    path = package / "shape.py"
    path.write_text(source)
    return path


def _run(
    path: pathlib.Path, config: settings.Settings = ALL_CODES
) -> list[tuple[int, int, str]]:
    source = path.read_text()
    checker = plugin.Plugin(ast.parse(source), str(path), source.splitlines(True))
    checker.config = config
    return [(line, col, text) for line, col, text, _ in checker.run()]


def _events(path: pathlib.Path) -> int:
    """How many Python-level events one plugin run over ``path`` goes through."""
    count = 0

    def trace(frame: types.FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        count += 1
        return trace

    sys.settrace(trace)
    try:
        _run(path)
    finally:
        sys.settrace(None)
    return count


@pytest.fixture(scope="module")
def warmed(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Run every shape once, so lazy imports and caches are not counted."""
    root = tmp_path_factory.mktemp("warm")
    for name, make in SHAPES.items():
        _run(_write(root / name, make(10)))


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_work_grows_linearly_with_the_file(tmp_path, warmed, shape):
    make = SHAPES[shape]
    counts = [_events(_write(tmp_path / str(n), make(n))) for n in SIZES]
    growth = [later / earlier for earlier, later in zip(counts, counts[1:])]
    assert max(growth) <= MAX_GROWTH, dict(zip(SIZES, counts))


def test_callback_search_makes_one_pass_per_file(tmp_path, monkeypatch):
    counted = {"scan_text": 0, "find_callbacks": 0}
    for name in counted:
        original = getattr(callbacks, name)

        def counting(*args: object, _name: str = name, _original=original) -> object:
            counted[_name] += 1
            return _original(*args)

        monkeypatch.setattr(callbacks, name, counting)
    # Each of the 300 methods drops its context and is asked about; the
    # comment names them uncalled, so the text cannot clear them and the
    # tree walk has to.
    source = "# get: the accessor of every service\n\n\n" + GROWTH.classes(300)
    found = _run(_write(tmp_path, source))
    assert len(found) == 300
    assert counted == {"scan_text": 1, "find_callbacks": 1}


def test_default_settings_never_search_for_callbacks(tmp_path, monkeypatch):
    # Callbacks only silence the opt-in SRB901: off by default, the search
    # (the costliest pass of SRB2 on a big file) must not run at all.
    def refuse(*args: object) -> object:
        raise AssertionError("callback search ran with SRB901 off")

    monkeypatch.setattr(callbacks, "find_callbacks", refuse)
    monkeypatch.setattr(callbacks, "scan_text", refuse)
    source = "# get: the accessor of every service\n\n\n" + GROWTH.classes(30)
    assert _run(_write(tmp_path, source), settings.DEFAULTS) == []
