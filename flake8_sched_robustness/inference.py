"""The only module that touches astroid: facts about *other* modules.

The linted file is analysed on flake8's stdlib tree.  When a rule needs to
know something defined elsewhere (a class's default message, a base class's
methods, a constant), it asks a Door.  Answers are plain data, never astroid
nodes; anything astroid cannot settle (an error, ``Uninferable``, ambiguity,
recursion, a spent budget) comes back as None, which the rules read as
"unknown" and answer with silence.  Modules are built from source by astroid
and never imported: while astroid works, an import guard refuses every import
but the standard library's and astroid's own.
"""

from __future__ import annotations

import ast
import builtins
import collections
import contextlib
import importlib.abc
import importlib.machinery
import logging
import os
import sys
import sysconfig
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import astroid
from astroid import nodes

from flake8_sched_robustness import syntax

LOG = logging.getLogger("flake8.sched_robustness")

# astroid keeps every module it builds in a process-wide cache; past this
# many it is emptied so memory stays bounded on a large project.
MAX_CACHED_MODULES = 1500
# Answers are remembered per process, keyed by strings; this bounds them.
MAX_CACHED_ANSWERS = 20000

# No class is named by a longer dotted path; each part is a module name that
# _resolve may try, so a generated ``a.b.b...`` of thousands of parts would
# cost thousands of module searches.
MAX_DOTTED_PARTS = 32

_MANAGER = astroid.MANAGER
_MANAGER.always_load_extensions = False
_MANAGER.extension_package_whitelist = set()
_MANAGER.max_inferable_values = 20

_T = TypeVar("_T")
_MISSING = object()


class _BoundedCache:
    """A small LRU map from string keys to answers."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._data: collections.OrderedDict[tuple[str, ...], Any] = (
            collections.OrderedDict()
        )

    def get(self, key: tuple[str, ...]) -> Any:
        value = self._data.get(key, _MISSING)
        if value is not _MISSING:
            self._data.move_to_end(key)
        return value

    def put(self, key: tuple[str, ...], value: Any) -> None:
        self._data[key] = value
        if len(self._data) > self._size:
            self._data.popitem(last=False)

    def clear(self) -> None:
        self._data.clear()


_ANSWERS = _BoundedCache(MAX_CACHED_ANSWERS)


def clear_caches() -> None:
    """Forget every answer and every module astroid has built."""
    _ANSWERS.clear()
    _MANAGER.clear_cache()


def _directories(*names: str) -> tuple[str, ...]:
    paths = sysconfig.get_paths()
    return tuple(os.path.abspath(paths[name]) for name in names if name in paths)


# The interpreter's own library and astroid's package: the only places from
# which anything may be imported while astroid works (it imports a few of its
# own modules lazily, and some standard ones).
_STDLIB = _directories("stdlib", "platstdlib")
_SITE = _directories("purelib", "platlib")
_ASTROID = os.path.dirname(os.path.abspath(astroid.__file__))


class _ImportGuard(importlib.abc.MetaPathFinder):
    """Refuse every import, during a query, but the stdlib's and astroid's own.

    astroid builds modules from source, but a few of its brains import
    modules themselves (``__import__("gi.repository.X")``, ``import gi`` for
    ``gi.require_version``, ``import numpy``) and it imports any extension
    module named like a standard one; with the linted tree first on sys.path
    those imports would run the linted code (tests/test_no_execution.py).
    Standing first on ``sys.meta_path``, this finder lets built-in, frozen,
    standard-library and astroid's own modules through and makes any other
    import fail.
    """

    def __init__(self, root: str | None) -> None:
        self._root = os.path.abspath(root) if root else None

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> None:
        if fullname in sys.builtin_module_names or (
            importlib.machinery.FrozenImporter.find_spec(fullname) is not None
        ):
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None:
            return None  # not on the path at all: the import fails anyway
        places = [spec.origin] if spec.origin else []
        places.extend(spec.submodule_search_locations or [])
        if all(self._is_allowed(place) for place in places):
            return None
        # ModuleNotFoundError, so that astroid's own probes read "not here".
        raise ModuleNotFoundError(
            f"flake8-sched-robustness does not import {fullname}", name=fullname
        )

    def _is_allowed(self, place: str) -> bool:
        if _is_within(place, _ASTROID):
            return True
        return (
            _is_within_any(place, _STDLIB)
            and not _is_within_any(place, _SITE)
            and not (self._root and _is_within(place, self._root))
        )


@contextlib.contextmanager
def _project_on_path(root: str | None) -> Iterator[None]:
    # astroid finds modules on sys.path; the linted project's root goes first
    # and the current directory is taken out, so that no module of the
    # linted tree can shadow one astroid needs for itself.  The import guard
    # makes sure that nothing on that path is ever imported meanwhile.
    saved = list(sys.path)
    cleaned = [entry for entry in saved if entry not in ("", ".")]
    guard = _ImportGuard(root)
    sys.path[:] = ([root] if root else []) + cleaned
    sys.meta_path.insert(0, guard)
    try:
        yield
    finally:
        sys.path[:] = saved
        with contextlib.suppress(ValueError):
            sys.meta_path.remove(guard)


def _builtin_facts(name: str) -> syntax.ClassFacts | None:
    value = getattr(builtins, name, None)
    if not isinstance(value, type):
        return None
    inherited_from_object = set(vars(object))
    methods = {
        attr
        for klass in value.__mro__[:-1]
        for attr, member in vars(klass).items()
        if callable(member) and attr not in inherited_from_object
    }
    return syntax.ClassFacts(
        qualname=f"builtins.{name}", methods=frozenset(methods), builtin=True
    )


def _single_inferred(node: nodes.NodeNG) -> Any:
    """safe_infer's rule: one inferred value, or None."""
    found = None
    for value in node.infer():
        if value is astroid.Uninferable:
            return None
        if found is not None and value is not found:
            return None
        found = value
    return found


def _expression(node: nodes.NodeNG | None) -> ast.expr | None:
    """Reparse an astroid expression as a stdlib one, so one evaluator serves."""
    if node is None:
        return None
    try:
        parsed = ast.parse(node.as_string(), mode="eval")
    except (SyntaxError, ValueError, RecursionError):
        return None
    return parsed.body


def _astroid_class_facts(klass: nodes.ClassDef) -> syntax.ClassFacts:
    attributes: dict[str, ast.expr | None] = {}
    methods: set[str] = set()
    for name, bindings in klass.locals.items():
        binding = bindings[-1]
        parent = binding.parent
        if isinstance(binding, (nodes.FunctionDef, nodes.AsyncFunctionDef)):
            methods.add(name)
            attributes[name] = None
        elif isinstance(parent, nodes.Assign) and len(bindings) == 1:
            attributes[name] = _expression(parent.value)
        elif isinstance(parent, nodes.AnnAssign) and len(bindings) == 1:
            attributes[name] = _expression(parent.value)
        else:
            attributes[name] = None
    bases: list[str | None] = []
    for base in klass.bases:
        inferred = _single_inferred(base)
        bases.append(inferred.qname() if isinstance(inferred, nodes.ClassDef) else None)
    return syntax.ClassFacts(
        qualname=klass.qname(),
        bases=tuple(bases),
        attributes=attributes,
        methods=frozenset(methods),
    )


class Door:
    """Answers one linted file's questions about other modules, on a budget."""

    def __init__(self, module: syntax.ModuleFacts, budget: float, enabled: bool) -> None:
        self._module = module
        self._root = module.location.root if module.location else None
        self._budget = budget
        self._enabled = enabled
        self._spent = 0.0

    @property
    def spent(self) -> bool:
        """Tell whether this file's inference budget is used up."""
        return self._spent >= self._budget

    def class_facts(self, qualname: str) -> syntax.ClassFacts | None:
        """Describe the class a qualified name refers to, or None if unknown."""
        local = self._module.local_class(qualname)
        if local is not None:
            return self._module.class_facts(local)
        module, _, name = qualname.rpartition(".")
        if module == "builtins":
            return _builtin_facts(name)
        return self._ask(("class", qualname), lambda: self._infer_class(qualname))

    def _ask(self, key: tuple[str, ...], compute: Callable[[], _T]) -> _T | None:
        if not self._enabled:
            return None
        key = (self._root or "", *key)
        answer = _ANSWERS.get(key)
        if answer is not _MISSING:
            return answer
        if self.spent:
            return None
        # CPU time of this process, so that a loaded machine (parallel CI
        # jobs) does not change which questions get answered.
        started = time.process_time()
        try:
            with _project_on_path(self._root):
                answer = compute()
        except (astroid.AstroidError, RecursionError, ValueError, TypeError,
                AttributeError, LookupError, OSError, SyntaxError):
            answer = None
        except Exception:  # astroid brains can fail in any way; never crash
            LOG.debug("inference failed for %s", key, exc_info=True)
            answer = None
        finally:
            self._spent += time.process_time() - started
        _ANSWERS.put(key, answer)
        if len(_MANAGER.astroid_cache) > MAX_CACHED_MODULES:
            _MANAGER.clear_cache()
        return answer

    def _module_node(self, modname: str) -> nodes.Module | None:
        try:
            module = _MANAGER.ast_from_module_name(modname)
        except astroid.AstroidError:
            return None
        if self._root and module.file and not _is_within(module.file, self._root):
            # Another project's module of the same name is cached: the one
            # under this root wins, so forget the cached one.
            if os.path.exists(os.path.join(self._root, *modname.split("."))) or (
                os.path.exists(os.path.join(self._root, *modname.split(".")) + ".py")
            ):
                _MANAGER.astroid_cache.pop(modname, None)
                module = _MANAGER.ast_from_module_name(modname)
        return module

    def _resolve(self, qualname: str) -> Any:
        """Infer what a dotted name refers to, trying the longest module first."""
        parts = qualname.split(".")
        if len(parts) > MAX_DOTTED_PARTS:
            return None
        for split in range(len(parts) - 1, 0, -1):
            module = self._module_node(".".join(parts[:split]))
            if module is None:
                continue
            value: Any = module
            for attr in parts[split:]:
                candidates = list(value.igetattr(attr))
                if len(candidates) != 1 or candidates[0] is astroid.Uninferable:
                    return None
                value = candidates[0]
            return value
        return None

    def _infer_class(self, qualname: str) -> syntax.ClassFacts | None:
        klass = self._resolve(qualname)
        if not isinstance(klass, nodes.ClassDef):
            return None
        if klass.root().name == "builtins":
            return _builtin_facts(klass.name)
        return _astroid_class_facts(klass)


def _is_within_any(path: str, roots: tuple[str, ...]) -> bool:
    return any(_is_within(path, root) for root in roots)


def _is_within(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([os.path.abspath(path), os.path.abspath(root)]) == (
            os.path.abspath(root)
        )
    except ValueError:
        return False
