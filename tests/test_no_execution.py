"""The plugin never imports or executes the code it lints.

Every module of the generated project writes a sentinel file when it is
executed; the linted file makes the plugin resolve classes through plain,
relative and ``importlib.import_module("literal")`` imports, through bases,
and through the astroid brains that import modules themselves (``gi``,
``numpy``).  Modules named like every standard-library module sit at the
project root as well.  The sentinel directory must stay empty, while the
cross-module answers still come (the control findings prove that inference
ran).
"""

from __future__ import annotations

import ast
import dataclasses
import importlib.machinery
import json
import os
import pathlib
import subprocess
import sys
import textwrap

import pytest

import lintrun
from flake8_sched_robustness import astroid_backend, door, settings

WRITE_SENTINEL = (
    "import os as _os\n"
    "open(_os.path.join({where!r}, __name__ + '.ran'), 'w').close()\n"
)

PROJECT = {
    "victim/__init__.py": "",
    "victim/base.py": """\
        class Base(Exception):
            pass


        class Worded(Exception):
            msg_fmt = "worded"
        """,
    "victim/errors.py": """\
        from .base import Base, Worded


        class Failure(Base):
            pass


        class Quiet(Worded):
            pass
        """,
    "victim/plugins/__init__.py": """\
        import importlib

        loaded = importlib.import_module("victim.plugins.impl")
        """,
    "victim/plugins/impl.py": """\
        class ImplError(Exception):
            pass
        """,
    "victim/gtk_user.py": """\
        import gi

        gi.require_version("Gtk", "3.0")
        from gi.repository import Gtk


        class GtkFailure(Gtk.Error):
            pass


        class Plain(Exception):
            pass
        """,
    "victim/numeric.py": """\
        import numpy
        import numpy as np


        class NumericError(numpy.AxisError):
            pass


        value = np.zeros_like(numpy.ndarray((1,)))
        """,
    "victim/starred.py": """\
        from gi.repository.GLib import *
        from victim.gtk_user import *
        from victim.numeric import *
        """,
    "victim/api.py": """\
        import importlib

        import gi
        import numpy
        from gi.repository import GLib

        from victim import errors
        from victim import gtk_user
        from victim import numeric
        from victim import starred
        from . import plugins
        from .plugins import impl

        gi.require_version("Gtk", "3.0")
        dynamic = importlib.import_module("victim.errors")


        class Local(errors.Base):
            pass


        def act(flag):
            if flag == 1:
                raise errors.Failure  # control: SRB101
            if flag == 2:
                raise errors.Quiet
            if flag == 3:
                raise impl.ImplError  # control: SRB101
            if flag == 4:
                raise plugins.loaded.ImplError
            if flag == 5:
                raise gtk_user.GtkFailure  # control: SRB101
            if flag == 6:
                raise gtk_user.Plain  # control: SRB101
            if flag == 7:
                raise numeric.NumericError  # control: SRB101
            if flag == 8:
                raise GLib.Error
            if flag == 9:
                raise dynamic.Failure
            if flag == 10:
                raise numpy.AxisError  # control: SRB101
            if flag == 11:
                raise starred.Plain  # control: SRB101
            if flag == 12:
                raise starred.GtkFailure  # control: SRB101
            if flag == 13:
                raise starred.NumericError  # control: SRB101
            if flag == 14:
                raise starred.GError
            raise Local  # control: SRB101
        """,
    "gi/__init__.py": """\
        def require_version(name, version):
            pass
        """,
    "gi/repository/__init__.py": "",
    "gi/repository/Gtk.py": "class Error(Exception):\n    pass\n",
    "numpy/__init__.py": """\
        class AxisError(ValueError):
            pass


        class ndarray:
            pass
        """,
}


def _build(root: pathlib.Path, sentinels: pathlib.Path) -> None:
    prologue = WRITE_SENTINEL.format(where=str(sentinels))
    for name, body in PROJECT.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(prologue + textwrap.dedent(body))
    # A module named like each standard-library module, at the root that
    # goes on sys.path while astroid works.
    for name in sorted(getattr(sys, "stdlib_module_names", ())):
        if name.isidentifier() and name not in sys.builtin_module_names:
            (root / f"{name}.py").write_text(prologue)


def _controls(root: pathlib.Path) -> set[int]:
    lines = (root / "victim/api.py").read_text().splitlines()
    return {number for number, text in enumerate(lines, 1) if "control: SRB101" in text}


def test_linting_executes_nothing(tmp_path):
    root = tmp_path / "project"
    sentinels = tmp_path / "sentinels"
    sentinels.mkdir()
    _build(root, sentinels)
    run = lintrun.flake8(
        sorted(root.rglob("*.py")), "--srb-inference-budget=30", cwd=tmp_path / "sentinels"
    )
    run.assert_clean()
    assert sorted(path.name for path in sentinels.iterdir()) == []
    api = str(root / "victim/api.py")
    found = {line for path, line, code in run.reports if path == api and code == "SRB101"}
    assert found == _controls(root), run.stdout


def test_linting_in_process_executes_nothing(tmp_path):
    # In one process the answers and astroid's modules are shared, and a
    # module imported once would stay in sys.modules: check both.
    root = tmp_path / "project"
    sentinels = tmp_path / "sentinels"
    sentinels.mkdir()
    _build(root, sentinels)
    door.clear_caches()
    before = set(sys.modules)
    cwd = os.getcwd()
    path = root / "victim/api.py"
    config = dataclasses.replace(settings.DEFAULTS, inference_budget=30.0)
    found = lintrun.run_plugin(ast.parse(path.read_text()), str(path), config)
    door.clear_caches()
    assert os.getcwd() == cwd
    assert sorted(p.name for p in sentinels.iterdir()) == []
    assert {line for line, _, _ in found} == _controls(root)
    loaded = {
        name for name in set(sys.modules) - before
        if str(root) in str(getattr(sys.modules[name], "__file__", "") or "")
    }
    assert not loaded
    assert str(root) not in sys.path
    assert not any(isinstance(f, astroid_backend.ImportGuard) for f in sys.meta_path)


@pytest.mark.parametrize("suffix", importlib.machinery.EXTENSION_SUFFIXES[:1])
def test_import_guard_refuses_extensions_and_the_linted_tree(tmp_path, suffix):
    (tmp_path / f"fake_extension{suffix}").write_bytes(b"\x7fELF not really")
    (tmp_path / "linted_module.py").write_text("raise SystemExit\n")
    (tmp_path / "json.py").write_text("raise SystemExit\n")
    guard = astroid_backend.ImportGuard(str(tmp_path))
    with astroid_backend.project_on_path(str(tmp_path)):
        astroid_backend.configured_manager()  # astroid in: the query's guard goes up
        for name in ("fake_extension", "linted_module"):
            with pytest.raises(ImportError):
                guard.find_spec(name)
            with pytest.raises(ImportError):
                __import__(name)
        # The standard library and astroid's own modules stay importable;
        # a standard module comes from the standard library even where the
        # linted tree shadows it.
        json_spec = guard.find_spec("json")
        assert json_spec is not None and json_spec.origin == json.__file__
        assert guard.find_spec("astroid") is None
    assert "linted_module" not in sys.modules


# A module of the linted repository named like one astroid or the standard
# library provides.  Run, it leaves a marker and then puts the real module in
# its own place, so that the run goes on as it would have.
SHADOWS = ("astroid", "unicodedata", "_decimal", "typing", "ast")
SHADOW = """\
import os as _os
import sys as _sys

open(_os.path.join({markers!r}, __name__ + "@" + {place!r}), "w").close()
_here = _os.path.dirname(_os.path.abspath(__file__))
_saved = list(_sys.path)
_sys.path[:] = [p for p in _saved if _os.path.abspath(p or ".") != _here]
del _sys.modules[__name__]
try:
    import importlib as _importlib

    _sys.modules[__name__] = _importlib.import_module(__name__)
finally:
    _sys.path[:] = _saved
"""
# Only astroid can tell that NAME holds a number, not a module name: the
# SRB301 on the load proves that astroid ran.
LOADER = {
    "__init__.py": "",
    "drivers.py": "def pick():\n    return 3\n\n\nNAME = pick()\n",
    "user.py": (
        "import importlib\n\nfrom pkg import drivers\n\n\n"
        "def load():\n    return importlib.import_module(drivers.NAME)\n"
    ),
}
ASTROID_SHARE = "--srb-astroid-budget-per-line=1000"
# flake8 with this plugin left out, started as `python -m flake8` would be
# (the current directory first on sys.path).
PLAIN_FLAKE8 = (
    "import runpy, sys\n"
    "from flake8.plugins import finder\n"
    "finder.BANNED_PLUGINS['flake8-sched-robustness'] = '0'\n"
    "sys.argv[0] = 'flake8'\n"
    "runpy.run_module('flake8', run_name='__main__', alter_sys=True)\n"
)


def _shadowed_tree(top: pathlib.Path, package: pathlib.Path, markers: pathlib.Path) -> None:
    package.mkdir(parents=True)
    for name, body in LOADER.items():
        (package / name).write_text(body)
    place = package
    while True:
        for name in SHADOWS:
            tag = str(place.relative_to(top.parent)).replace(os.sep, "-")
            (place / f"{name}.py").write_text(SHADOW.format(markers=str(markers), place=tag))
        if place == top:
            break
        place = place.parent


def _markers_of(command: list[str], cwd: pathlib.Path, markers: pathlib.Path,
                env: dict[str, str], stdin: bytes | None) -> tuple[set[str], str]:
    for old in markers.iterdir():
        old.unlink()
    done = subprocess.run(command, cwd=cwd, env=env, input=stdin, capture_output=True,
                          timeout=120)
    output = done.stdout.decode() + done.stderr.decode()
    assert "Traceback" not in output, output
    return {path.name for path in markers.iterdir()}, output


@pytest.mark.parametrize("layout", ["root", "subdirectory", "pythonpath-src", "stdin"])
def test_the_plugin_imports_nothing_plain_flake8_does_not(tmp_path, layout):
    markers = tmp_path / "markers"
    markers.mkdir()
    top = tmp_path / "repo"
    src = top / "src" if layout == "pythonpath-src" else top
    _shadowed_tree(top, src / "pkg", markers)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    cwd, target, stdin = top, str((src / "pkg/user.py").relative_to(top)), None
    if layout == "subdirectory":
        cwd, target = src / "pkg", "user.py"
    elif layout == "pythonpath-src":
        env["PYTHONPATH"] = "."
    options = ["--isolated", "--jobs=1", ASTROID_SHARE]
    if layout == "stdin":
        stdin = (src / "pkg/user.py").read_bytes()
        options += ["--stdin-display-name", target]
        target = "-"
    plain, plain_output = _markers_of(
        [sys.executable, "-c", PLAIN_FLAKE8, *options, "--select=E", target],
        cwd, markers, env, stdin,
    )
    ours, output = _markers_of(
        [sys.executable, "-m", "flake8", *options, "--select=SRB,E9", target],
        cwd, markers, env, stdin,
    )
    assert "SRB301" in output, output  # astroid answered the question
    assert ours - plain == set(), (plain, output)
