"""Another module over the per-file byte cap is unknown: silence, never "no".

The project scan reads no module over project_files.MAX_FILE_BYTES; the
source reader and astroid refuse such a module too, before parsing it, so
one generated module of hundreds of thousands of classes cannot cost
seconds and hundreds of megabytes.  The test is fast because the module is
refused.
"""

from __future__ import annotations

import ast
import pathlib

import pytest

import lintrun
from flake8_sched_robustness import astroid_backend, door, module_facts, project_files

FILLER = "class Filler{n}(Exception):\n    pass\n\n\n"


def _write_big(path: pathlib.Path, head: str) -> None:
    """``head``, then exception classes until the module is over the cap."""
    chunk = "".join(FILLER.format(n=n) for n in range(1000))
    with path.open("w") as handle:
        handle.write(head)
        written = len(head)
        while written <= project_files.MAX_FILE_BYTES:
            handle.write(chunk)
            written += len(chunk)


def _project(root: pathlib.Path, big: bool) -> pathlib.Path:
    package = root / "heavy"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    head = (
        "class Silent(Exception):\n    pass\n\n\n"
        "def pick():\n    return 3\n\n\nNAME = pick()\n\n\n"
    )
    if big:
        _write_big(package / "errors.py", head)
    else:
        (package / "errors.py").write_text(head)
    user = package / "user.py"
    user.write_text(
        "import importlib\n\nfrom heavy import errors\n\n\n"
        "def act():\n    raise errors.Silent\n\n\n"
        "def load():\n    return importlib.import_module(errors.NAME)\n"
    )
    return user


def test_a_small_module_is_read(tmp_path):
    # The control: the same module under the cap gives both findings.
    user = _project(tmp_path, big=False)
    run = lintrun.flake8([user], "--srb-astroid-budget-per-line=1000")
    run.assert_clean()
    assert [(line, code) for _, line, code in run.reports] == [(7, "SRB101"), (11, "SRB301")]


def test_a_module_over_the_cap_is_unknown(tmp_path):
    user = _project(tmp_path, big=True)
    assert (user.parent / "errors.py").stat().st_size > project_files.MAX_FILE_BYTES
    run = lintrun.flake8([user], "--srb-astroid-budget-per-line=1000")
    run.assert_clean()
    assert run.reports == []
    module = module_facts.ModuleFacts(ast.parse(user.read_text()), str(user))
    door.clear_caches()
    try:
        asked = door.Door(module, budget=60.0, enabled=True, astroid_budget=60.0)
        assert asked.class_facts("heavy.errors.Silent") is None  # cannot tell
        assert asked.constant_kind("heavy.errors.NAME") is None
        # astroid, asked directly, refuses the module too: "cannot tell".
        astroid_backend.load()
        with astroid_backend.project_on_path(str(tmp_path)):
            with pytest.raises(astroid_backend.failures()):
                astroid_backend.infer_constant("heavy.errors.NAME", str(tmp_path))
    finally:
        door.clear_caches()
