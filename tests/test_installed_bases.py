"""Bases from installed packages are read where the project's tox env has them.

An installed library (on sys.path, outside the linted root) that re-exports
its classes with a star import, as oslo.messaging's ``__init__`` does with
``from .serializer import *``: a method that overrides one of those classes
stays silent, while a new method of the subclass is still reported.
"""

from __future__ import annotations

import ast
import pathlib
import textwrap

import pytest

import lintrun
from flake8_sched_robustness import door

LIBRARY = {
    "libmsg/__init__.py": "from .serializer import *  # noqa\n",
    "libmsg/serializer.py": """\
        __all__ = ["NoOpSerializer"]


        class NoOpSerializer:
            def serialize_entity(self, ctxt, entity):
                return entity
        """,
}
PROJECT = {
    "app/__init__.py": "",
    "app/rpc.py": """\
        import libmsg


        class JsonSerializer(libmsg.NoOpSerializer):
            def serialize_entity(self, ctxt, entity):
                return str(entity)

            def to_text(self, ctxt, entity):
                return str(entity)
        """,
}


def _write(top: pathlib.Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = top / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))


@pytest.fixture
def fresh_caches():
    door.clear_caches()
    yield
    door.clear_caches()


def test_an_override_of_an_installed_star_exported_base_is_silent(
    tmp_path, monkeypatch, fresh_caches
):
    _write(tmp_path / "site", LIBRARY)
    _write(tmp_path / "project", PROJECT)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    linted = tmp_path / "project" / "app" / "rpc.py"
    found = lintrun.run_plugin(ast.parse(linted.read_text()), str(linted))
    assert [(line, text.split()[0]) for line, _, text in found] == [(8, "SRB901")]


def test_a_project_module_named_like_the_library_hides_it(
    tmp_path, monkeypatch, fresh_caches
):
    # The project's own libmsg is what its code imports: the installed one
    # (which has the method) must not answer for it.
    _write(tmp_path / "site", LIBRARY)
    _write(tmp_path / "project", PROJECT)
    _write(tmp_path / "project", {"libmsg/__init__.py": "class NoOpSerializer:\n    pass\n"})
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    linted = tmp_path / "project" / "app" / "rpc.py"
    found = lintrun.run_plugin(ast.parse(linted.read_text()), str(linted))
    assert [(line, text.split()[0]) for line, _, text in found] == [
        (5, "SRB901"), (8, "SRB901"),
    ]


FAULT_LIBRARY = {
    "libfault/__init__.py": "",
    "libfault/errors.py": """\
        class FaultBase(Exception):
            msg_fmt = "Something failed."
            code = 500

            def __init__(self, message=None, **kwargs):
                kwargs.setdefault("code", self.code)
                super().__init__(message or self.msg_fmt % kwargs)


        class NotFound(FaultBase):
            msg_fmt = "%(kind)s %(ident)s not found (status %(code)s)."
        """,
}
FAULT_PROJECT = {
    "app/__init__.py": "",
    "app/api.py": """\
        from libfault import errors


        class ImageNotFound(errors.NotFound):
            pass


        def show(ident):
            if ident is None:
                raise ImageNotFound(kind="image")
            raise ImageNotFound(kind="image", ident=ident)
        """,
}


def test_an_installed_base_template_is_read_from_its_source(
    tmp_path, monkeypatch, fresh_caches
):
    # SRB104: the template and the code attribute come from the installed
    # library's source (never imported); only the missing ident is named.
    _write(tmp_path / "site", FAULT_LIBRARY)
    _write(tmp_path / "project", FAULT_PROJECT)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    linted = tmp_path / "project" / "app" / "api.py"
    found = lintrun.run_plugin(ast.parse(linted.read_text()), str(linted))
    assert [(line, text) for line, _, text in found] == [
        (10, "SRB104 ImageNotFound raised without ident=, which its message needs; "
             "the operator sees the raw template; pass ident=... or give a message"),
    ]
