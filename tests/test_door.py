"""The door answers from source where the source settles the question.

Star imports, module constants bound to literals and attributes a class
sets to literals are read with the stdlib parser; astroid is asked only for
what the text cannot decide.  Each test records whether astroid was asked,
so that a question falling back to it (and costing a module build) fails.
"""

from __future__ import annotations

import ast
import gc
import pathlib

import pytest

import lintrun
from flake8_sched_robustness import astroid_backend, module_facts, source_reader
from flake8_sched_robustness import door as doors
from flake8_sched_robustness import summary as summary_module


@pytest.fixture
def astroid_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The qualified names astroid is asked to resolve (it answers nothing)."""
    calls: list[str] = []

    def record(qualname: str, root: str | None) -> None:
        calls.append(qualname)

    # Answers are remembered per source root, and each test has its own.
    monkeypatch.setattr(astroid_backend, "resolve", record)
    return calls


def _package(root: pathlib.Path, files: dict[str, str]) -> pathlib.Path:
    package = root / "pkg"
    package.mkdir()
    for name, text in {"__init__.py": "", **files}.items():
        (package / name).write_text(text)
    user = package / "user.py"
    user.write_text("")
    return user


def _door(user: pathlib.Path) -> doors.Door:
    module = module_facts.ModuleFacts(ast.parse(user.read_text()), str(user))
    return doors.Door(module, budget=30.0, enabled=True)


def test_star_import_with_all_is_followed_in_source(tmp_path, astroid_calls):
    user = _package(tmp_path, {
        "__init__.py": "from .errors import *\nfrom .other import *\n",
        "errors.py": "__all__ = ['Shown']\n\nclass Shown(Exception):\n    pass\n\n"
                     "class Hidden(Exception):\n    pass\n",
        "other.py": "__all__ = ('helper',)\n\ndef helper():\n    pass\n",
    })
    door = _door(user)
    facts = door.class_facts("pkg.Shown")
    assert facts is not None and facts.qualname == "pkg.errors.Shown"
    assert door.class_facts("pkg.Hidden") is None  # not in __all__
    assert astroid_calls == []


def test_star_import_without_all_gives_public_names_and_the_last_wins(tmp_path, astroid_calls):
    user = _package(tmp_path, {
        "__init__.py": "from .first import *\nfrom .second import *\n",
        "first.py": "class Fault(Exception):\n    pass\n\nclass _Private(Exception):\n    pass\n",
        "second.py": "class Fault(ValueError):\n    pass\n",
    })
    door = _door(user)
    facts = door.class_facts("pkg.Fault")
    assert facts is not None and facts.qualname == "pkg.second.Fault"
    assert door.class_facts("pkg._Private") is None
    assert astroid_calls == []


def test_a_name_added_to_all_on_some_platforms_is_left_to_astroid(tmp_path, astroid_calls):
    user = _package(tmp_path, {
        "__init__.py": "from .streams import *\n",
        "streams.py": "import sys\n__all__ = ('Reader',)\nif sys.platform == 'win32':\n"
                      "    __all__ += ('Pipe',)\n\nclass Reader(Exception):\n    pass\n\n"
                      "class Pipe(Exception):\n    pass\n",
    })
    door = _door(user)
    assert door.class_facts("pkg.Reader").qualname == "pkg.streams.Reader"
    assert astroid_calls == []
    assert door.class_facts("pkg.Pipe") is None
    assert astroid_calls == ["pkg.Pipe"]


@pytest.mark.parametrize(("name", "kind"), [
    ("constants.NAME", "str"),
    ("constants.NAMES", "strings"),
    ("constants.TABLE", "mapping"),
    ("constants.NESTED", "other"),
    ("constants.NUMBER", "other"),
    ("constants.Klass", "other"),
    ("sub", "other"),  # a submodule, as an attribute of its package
    ("constants.IMPORTED", "mapping"),
    ("constants.TWICE", None),  # two candidate values: inference picks none either
    ("constants.SET_BY_FUNCTION", None),
])
def test_module_constants_bound_to_literals_need_no_astroid(tmp_path, astroid_calls, name, kind):
    user = _package(tmp_path, {
        "constants.py": "from pkg.tables import TABLE as IMPORTED\n"
                        "NAME = 'pkg.driver'\nNAMES = ['a', 'b']\nTABLE = {'a': 'pkg.a'}\n"
                        "NESTED = {'a': ('pkg.a', 1)}\nNUMBER = 3\nTWICE = 'a'\n"
                        "if NUMBER:\n    TWICE = 'b'\nSET_BY_FUNCTION = 'a'\n\n"
                        "def reset():\n    global SET_BY_FUNCTION\n    SET_BY_FUNCTION = None\n\n"
                        "class Klass:\n    pass\n",
        "tables.py": "TABLE = {'x': 'pkg.x'}\n",
        "sub.py": "",
    })
    assert _door(user).constant_kind(f"pkg.{name}") == kind
    assert astroid_calls == []


def test_computed_constants_are_left_to_astroid(tmp_path, astroid_calls):
    user = _package(tmp_path, {"constants.py": "BASE = 'pkg.'\nNAME = BASE + 'driver'\n"})
    assert _door(user).constant_kind("pkg.constants.NAME") is None
    assert astroid_calls == ["pkg.constants.NAME"]


def test_an_attribute_a_base_class_sets_to_a_literal_needs_no_astroid(tmp_path, astroid_calls):
    user = _package(tmp_path, {
        "driver.py": "class Base(object):\n    def __init__(self, conf):\n"
                     "        self.targets = {'lio': 'pkg.targets.Lio'}\n"
                     "        self.conf = conf\n\n"
                     "class Middle(Base):\n    names = ('a', 'b')\n\n"
                     "class Driver(Middle):\n    pass\n",
    })
    door = _door(user)
    assert door.attribute_kind("pkg.driver.Driver", "targets") == "mapping"
    assert door.attribute_kind("pkg.driver.Driver", "names") == "strings"
    assert door.attribute_kind("pkg.driver.Driver", "missing") is None
    assert astroid_calls == []
    # A value that is not a literal: only inference can tell.
    assert door.attribute_kind("pkg.driver.Driver", "conf") is None
    assert astroid_calls == ["pkg.driver.Driver"]


def test_a_shadowed_receiver_leaves_attributes_to_astroid(tmp_path, astroid_calls):
    user = _package(tmp_path, {
        "driver.py": "class Base:\n    def __init__(self):\n"
                     "        self.targets = {'lio': 'pkg.Lio'}\n"
                     "        def later(self):\n            self.targets = None\n",
    })
    assert _door(user).attribute_kind("pkg.driver.Base", "targets") is None
    assert astroid_calls == ["pkg.driver.Base"]


def test_the_collector_is_paused_for_the_checks_and_restored(tmp_path, monkeypatch):
    user = _package(tmp_path, {"errors.py": "class Silent(Exception):\n    pass\n"})
    user.write_text("from pkg import errors\n\n\ndef act():\n    raise errors.Silent\n")
    during: list[bool] = []
    summary = source_reader.module_summary

    def watched(modname: str, root: str | None) -> summary_module.ModuleSummary | None:
        during.append(gc.isenabled())
        return summary(modname, root)

    monkeypatch.setattr(source_reader, "module_summary", watched)
    tree = ast.parse(user.read_text())
    for enabled in (True, False):
        doors.clear_caches()
        if not enabled:
            gc.disable()
        try:
            found = lintrun.run_plugin(tree, str(user))
            assert gc.isenabled() is enabled
        finally:
            gc.enable()
        assert [text.split()[0] for _, _, text in found] == ["SRB101"]
    assert during and not any(during)
