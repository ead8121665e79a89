"""Ask astroid, the only module that imports it: settings, import guard, metering.

astroid is imported by the first question that needs it (load), from the
interpreter's and installed packages' directories only, whatever sys.path
holds then; it builds other modules from source,
and never imports the linted project: while it works, an import guard
refuses every import but the standard library's and astroid's own, and takes
a standard module from the standard library even where the linted tree, the
current directory or PYTHONPATH holds a module of that name.  Results come
back as plain data (class_facts.ClassFacts, kind strings), never as astroid nodes.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import importlib.abc
import importlib.machinery
import os
import site
import sys
import sysconfig
from collections.abc import Callable, Iterator
from typing import Any

from flake8_sched_robustness import class_facts, messages, source_reader, work


class ImportRefused(ModuleNotFoundError):
    """The import guard refused an import astroid (or one of its brains) tried."""


def failures() -> tuple[type[BaseException], ...]:
    """What ends a question as "cannot tell": astroid's AstroidError family,
    and an import the guard refused that astroid did not catch itself.

    AstroidError is only looked up once astroid is imported; before, none
    of it can be raised.
    """
    astroid = sys.modules.get("astroid")
    return (ImportRefused, astroid.AstroidError) if astroid is not None else (ImportRefused,)


def configured_manager() -> Any:
    """astroid's process-wide manager, with this plugin's limits set."""
    load()
    import astroid  # type: ignore[import-untyped]  # astroid ships no type information

    manager = astroid.MANAGER
    manager.always_load_extensions = False
    manager.extension_package_whitelist = set()
    manager.max_inferable_values = 20
    # Set on the class: astroid's nodes ask managers of their own (they share
    # the cache), not astroid.MANAGER.
    manager_class = type(manager)
    if not getattr(manager_class.ast_from_file, "srb_capped", False):
        manager_class.ast_from_file = _capped(
            manager_class.ast_from_file, astroid.AstroidBuildingError
        )
    # astroid is imported by now: from here to the end of the query, no
    # other import may run (see ImportGuard).
    for guard in _QUERIES:
        if guard not in sys.meta_path:
            sys.meta_path.insert(0, guard)
    return manager


def _capped(build: Callable[..., Any], refused: Callable[..., Exception]) -> Callable[..., Any]:
    """astroid's ast_from_file, refusing a module over the per-file byte cap.

    The same cap as the source reader's (source_reader.is_within_cap): such
    a module is not built, and astroid reads it as a module it cannot find.
    """

    def ast_from_file(manager: Any, filepath: str, *args: Any, **kwargs: Any) -> Any:
        # Outside this plugin's questions, astroid is left as it is.
        if _QUERIES and filepath.endswith(".py") and not source_reader.is_within_cap(filepath):
            raise refused(f"{filepath} is over the per-file byte cap", modname=None)
        return build(manager, filepath, *args, **kwargs)

    ast_from_file.srb_capped = True  # type: ignore[attr-defined]
    return ast_from_file


def clear() -> None:
    """Forget every module astroid has built, if it was ever imported."""
    if "astroid" in sys.modules:
        configured_manager().clear_cache()


def _directories(*names: str) -> tuple[str, ...]:
    paths = sysconfig.get_paths()
    return tuple(os.path.abspath(paths[name]) for name in names if name in paths)


# The interpreter's own library: besides astroid's package, the only place
# from which anything may be imported while astroid works (it imports a few
# of its own modules lazily, and some standard ones).
_STDLIB = _directories("stdlib", "platstdlib")
_SITE = _directories("purelib", "platlib")


def _is_trusted(entry: str) -> bool:
    """Whether a sys.path entry is the interpreter's or an installed packages' one.

    The current directory never is, nor any PYTHONPATH entry outside those
    directories: the linted tree may sit there.
    """
    if entry in ("", "."):
        return False
    place = os.path.abspath(entry)
    if place == os.getcwd():
        return False
    user_site = site.getusersitepackages() if site.ENABLE_USER_SITE else None
    return (
        _is_within_any(place, _STDLIB + _SITE)
        or bool(user_site and _is_within(place, user_site))
        or (place.endswith(".zip") and _is_within(place, sys.base_prefix))
    )


def trusted_path() -> list[str]:
    """sys.path without any entry that may lead into the linted tree."""
    return [entry for entry in sys.path if _is_trusted(entry)]


class ImportGuard(importlib.abc.MetaPathFinder):
    """Refuse every import, while astroid works, but the stdlib's and its own.

    astroid builds modules from source, but a few of its brains import
    modules themselves (``__import__("gi.repository.X")``, ``import gi`` for
    ``gi.require_version``, ``import numpy``) and it imports any extension
    module named like a standard one; with the linted tree first on sys.path
    those imports would run the linted code (tests/test_no_execution.py).
    Standing first on ``sys.meta_path`` once astroid is imported, this finder
    lets built-in, frozen, standard-library and astroid's own modules through
    and makes any other import fail.
    """

    def __init__(self, root: str | None) -> None:
        self.root = os.path.abspath(root) if root else None

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        """Let an allowed import through (None, or the standard module's spec); refuse any other."""
        if fullname in sys.builtin_module_names or (
            importlib.machinery.FrozenImporter.find_spec(fullname) is not None
        ):
            return None
        if path is None and fullname in getattr(sys, "stdlib_module_names", ()):
            # The standard module itself, whatever shadows it on sys.path
            # (astroid imports compiled ones such as _decimal to read them).
            return importlib.machinery.PathFinder.find_spec(fullname, trusted_path())
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None:
            return None  # not on the path at all: the import fails anyway
        places = [spec.origin] if spec.origin else []
        places.extend(spec.submodule_search_locations or [])
        if all(self._is_allowed(place) for place in places):
            return None
        # A ModuleNotFoundError, so that astroid's own probes read "not here".
        raise ImportRefused(
            f"flake8-sched-robustness does not import {fullname}", name=fullname
        )

    def _is_allowed(self, place: str) -> bool:
        astroid = sys.modules.get("astroid")
        if astroid and _is_within(place, os.path.dirname(astroid.__file__ or "")):
            return True
        return (
            _is_within_any(place, _STDLIB)
            and not _is_within_any(place, _SITE)
            and not (self.root and _is_within(place, self.root))
        )


# The guards of the queries in progress (one, or none between queries).
_QUERIES: list[ImportGuard] = []


def load() -> None:
    """Import astroid once, from trusted directories only.

    astroid and its brains import standard modules as astroid loads; a
    module of the linted tree named like one of them (on sys.path as the
    current directory, a PYTHONPATH entry or, during a query, the project
    root) must not be imported in their place.  Imported on first need, not
    when the plugin loads: most runs never start astroid (nova's never
    does), and a process that imported it for nothing holds several MiB
    more of long-lived objects, which also delays the collections that free
    the previous file's trees (nova 34, -j1: peak RSS 83 MiB against 75).
    """
    if "astroid" in sys.modules:
        return
    saved = list(sys.path)
    sys.path[:] = trusted_path()
    try:
        import astroid  # noqa: F401  (imported for its side effect: loaded once)
    finally:
        sys.path[:] = saved


@contextlib.contextmanager
def project_on_path(root: str | None) -> Iterator[None]:
    """Put the linted project's root first on sys.path for one question."""
    # astroid finds modules on sys.path; the current directory is taken out,
    # so that no module of the linted tree can shadow one astroid needs for
    # itself.  The import guard goes up when astroid is first needed
    # (configured_manager), so that astroid itself can still be imported lazily.
    saved = list(sys.path)
    cleaned = [entry for entry in saved if entry not in ("", ".")]
    guard = ImportGuard(root)
    sys.path[:] = ([root] if root else []) + cleaned
    _QUERIES.append(guard)
    try:
        yield
    finally:
        sys.path[:] = saved
        _QUERIES.remove(guard)
        with contextlib.suppress(ValueError):
            sys.meta_path.remove(guard)


# What astroid's cache holds once astroid has started: where each query starts.
_START: set[str] = set()


@contextlib.contextmanager
def metered() -> Iterator[None]:
    """Count each module astroid builds for a query (work.charge_build).

    Every query starts from the same state: astroid's cache holds what its
    start built (``builtins``) and nothing a query built before, and its
    inference caches are empty.  So the modules a query builds, and where
    a budget stops it, depend on the query and the tree alone, never on the
    files linted before.  A transform on modules counts each one as
    astroid finishes building it; past the file's bounds it raises
    OutOfBudget, which astroid does not catch.  What the query built is
    dropped again when it ends.
    """
    manager = configured_manager()
    manager.ast_from_module_name("builtins")  # astroid's start, outside the count
    from astroid import nodes

    def meter(module: Any) -> None:
        work.charge_build()

    if not _START:
        _START.update(manager.astroid_cache)
    start = set(_START)
    _forget_modules(manager, start)
    manager.register_transform(nodes.Module, meter)
    try:
        yield
    finally:
        with contextlib.suppress(ValueError):
            manager.unregister_transform(nodes.Module, meter)
        _forget_modules(manager, start)


def _forget_modules(manager: Any, keep: set[str]) -> None:
    """Drop from astroid's cache every module not in ``keep``, and what was inferred."""
    for name in [name for name in manager.astroid_cache if name not in keep]:
        del manager.astroid_cache[name]
    try:
        # (``astroid.inference_tip`` the attribute is a function, not the module.)
        importlib.import_module("astroid.context")._invalidate_cache()
        importlib.import_module("astroid.inference_tip").clear_inference_tip_cache()
    except (ImportError, AttributeError):  # another astroid: start afresh
        manager.clear_cache()


def resolve(qualname: str, root: str | None) -> Any:
    """Infer what a dotted name refers to with astroid, longest module first."""
    manager = configured_manager()
    import astroid

    parts = qualname.split(".")
    if len(parts) > source_reader.MAX_DOTTED_PARTS:
        return None
    for split in range(len(parts) - 1, 0, -1):
        try:
            value: Any = manager.ast_from_module_name(".".join(parts[:split]))
        except astroid.AstroidError:
            continue
        if root and value.file and not _is_within(value.file, root) and (
            source_reader.find_module_file(value.name, root, search_path=False) is not None
        ):
            return None  # the project has a module of that name: not this one
        for attr in parts[split:]:
            candidates = list(value.igetattr(attr))
            if len(candidates) != 1 or candidates[0] is astroid.Uninferable:
                return None
            value = candidates[0]
        return value
    return None


def infer_class(qualname: str, root: str | None) -> class_facts.ClassFacts | None:
    """Describe the class a dotted name refers to, as astroid infers it."""
    klass = resolve(qualname, root)
    if klass is None or klass.__class__.__name__ != "ClassDef":
        return None
    if klass.root().name == "builtins":
        return source_reader.builtin_facts(klass.name)
    return _class_facts(klass)


def infer_attribute(class_qualname: str, attr: str, root: str | None) -> str | None:
    """The kind of what the nearest class along a class's MRO binds ``attr`` to."""
    klass = resolve(class_qualname, root)  # imports astroid safely
    from astroid import nodes

    if not isinstance(klass, nodes.ClassDef):
        return None
    for candidate in [klass, *klass.ancestors()]:
        assigned = [*candidate.locals.get(attr, ()), *candidate.instance_attrs.get(attr, ())]
        if not assigned:
            continue
        kinds = set()
        for node in assigned:
            parent = node.parent
            if not isinstance(parent, (nodes.Assign, nodes.AnnAssign)) or parent.value is None:
                return "other"
            kinds.add(_constant_kind(_single_inferred(parent.value) or parent.value))
        return kinds.pop() if len(kinds) == 1 else "other"
    return None


def infer_constant(qualname: str, root: str | None) -> str | None:
    """The kind of what a module-level name holds, as astroid infers it."""
    value = resolve(qualname, root)
    if value is None:
        return None
    return _constant_kind(value)


def _single_inferred(node: Any) -> Any:
    """safe_infer's rule: one inferred value, or None."""
    import astroid

    found = None
    for value in node.infer():
        if value is astroid.Uninferable:
            return None
        if found is not None and value is not found:
            return None
        found = value
    return found


def _expression(node: Any) -> ast.expr | None:
    """Reparse an astroid expression as a stdlib one, so one evaluator serves."""
    if node is None:
        return None
    try:
        parsed = ast.parse(node.as_string(), mode="eval")
    except (SyntaxError, ValueError, RecursionError):
        return None
    return parsed.body


def _reparsed(method: Any) -> ast.FunctionDef | ast.AsyncFunctionDef:
    """Reparse an astroid method as a stdlib one, so one message test serves.

    astroid's rendering of a method may not parse (syntax newer than the
    astroid installed): like a module that does not parse, nothing can be
    told from it.
    """
    try:
        parsed = ast.parse(method.as_string()).body[0]
    except (SyntaxError, ValueError, RecursionError, IndexError) as error:
        raise source_reader.Unreadable(method.qname()) from error
    if not isinstance(parsed, (ast.FunctionDef, ast.AsyncFunctionDef)):
        raise source_reader.Unreadable(method.qname())
    return parsed


def _class_facts(klass: Any) -> class_facts.ClassFacts:
    from astroid import nodes

    attributes: dict[str, ast.expr | None] = {}
    methods: set[str] = set()
    message_built = False
    for name, bindings in klass.locals.items():
        binding = bindings[-1]
        parent = binding.parent
        if isinstance(binding, (nodes.FunctionDef, nodes.AsyncFunctionDef)):
            methods.add(name)
            attributes[name] = None
            if name in ("__init__", "__str__"):
                message_built = message_built or messages.builds_message(_reparsed(binding))
        elif isinstance(parent, (nodes.Assign, nodes.AnnAssign)) and len(bindings) == 1:
            attributes[name] = _expression(parent.value)
        else:
            attributes[name] = None
    bases: list[str | None] = []
    for base in klass.bases:
        inferred = _single_inferred(base)
        bases.append(inferred.qname() if isinstance(inferred, nodes.ClassDef) else None)
    return class_facts.ClassFacts(
        qualname=klass.qname(),
        bases=tuple(bases),
        attributes=attributes,
        methods=frozenset(methods),
        builds_message=message_built,
    )


def _is_string(node: Any) -> bool:
    from astroid import nodes

    return isinstance(node, nodes.Const) and isinstance(node.value, str)


def _constant_kind(value: Any) -> str:
    from astroid import nodes

    if _is_string(value):
        return "str"
    if isinstance(value, (nodes.List, nodes.Tuple, nodes.Set)):
        elements = [_single_inferred(element) for element in value.elts]
        return "strings" if all(_is_string(e) for e in elements) else "other"
    if isinstance(value, nodes.Dict):
        values = [_single_inferred(item) for _, item in value.items]
        return "mapping" if all(_is_string(v) for v in values) else "other"
    return "other"


def _is_within_any(path: str, roots: tuple[str, ...]) -> bool:
    return any(_is_within(path, root) for root in roots)


def _is_within(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([os.path.abspath(path), os.path.abspath(root)]) == (
            os.path.abspath(root)
        )
    except ValueError:
        return False
