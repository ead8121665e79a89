"""The door to other modules, and the only module that touches astroid.

The linted file is analysed on flake8's stdlib tree.  When a rule needs to
know something defined elsewhere (a class's default message, a base class's
methods, a constant), it asks a Door.  The door first reads the other
module's source with the stdlib parser and follows its imports and aliases
(cheap, and summaries are small); only what a plain tree cannot decide goes
to astroid, which is imported on first need.  Answers are plain data, never
astroid nodes; anything that cannot be settled (an error, ``Uninferable``,
ambiguity, recursion, a spent budget) comes back as None, which the rules
read as "unknown" and answer with silence.  Nothing is ever imported or
executed from the linted project: while astroid works, an import guard
refuses every import but the standard library's and astroid's own.
"""

from __future__ import annotations

import ast
import builtins
import collections
import contextlib
import gc
import importlib
import importlib.abc
import importlib.machinery
import logging
import os
import sys
import sysconfig
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from flake8_sched_robustness import project_index, syntax

LOG = logging.getLogger("flake8.sched_robustness")

# Module summaries, and the modules astroid builds in its process-wide
# cache, are bounded so that memory stays flat on a large project.
MAX_CACHED_MODULES = 1500
# Answers are remembered per process, keyed by strings; this bounds them.
MAX_CACHED_ANSWERS = 20000
# No class is named by a longer dotted path; each part is a module name that
# may be tried, so a generated ``a.b.b...`` of thousands of parts would cost
# thousands of module searches (tests/test_hostile.py).
MAX_DOTTED_PARTS = 32
# Re-exports (aliases, imports, star imports) followed from one name before
# the door gives up on it.
MAX_FOLLOW_DEPTH = 12
# A question is not sent to astroid when less than this much of the file's
# astroid budget (--srb-astroid-budget-per-line) is left: starting astroid
# (it builds ``builtins`` first) and a typical question cost about as much,
# so a small file would only overrun its share.
ASTROID_MIN_SECONDS = 0.25


def _configured_manager() -> Any:
    """astroid's process-wide manager, with this plugin's limits set."""
    if "astroid" not in sys.modules:
        _import_astroid()
    import astroid

    manager = astroid.MANAGER
    manager.always_load_extensions = False
    manager.extension_package_whitelist = set()
    manager.max_inferable_values = 20
    # astroid is imported by now: from here to the end of the query, no
    # other import may run (see _ImportGuard).
    for guard in _QUERIES:
        if guard not in sys.meta_path:
            sys.meta_path.insert(0, guard)
    return manager


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
    """Forget every answer, summary and module astroid has built."""
    _ANSWERS.clear()
    _SUMMARIES.clear()
    if "astroid" in sys.modules:
        _configured_manager().clear_cache()


def _directories(*names: str) -> tuple[str, ...]:
    paths = sysconfig.get_paths()
    return tuple(os.path.abspath(paths[name]) for name in names if name in paths)


# The interpreter's own library: besides astroid's package, the only place
# from which anything may be imported while astroid works (it imports a few
# of its own modules lazily, and some standard ones).
_STDLIB = _directories("stdlib", "platstdlib")
_SITE = _directories("purelib", "platlib")


class _ImportGuard(importlib.abc.MetaPathFinder):
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
        astroid = sys.modules.get("astroid")
        if astroid and _is_within(place, os.path.dirname(astroid.__file__ or "")):
            return True
        return (
            _is_within_any(place, _STDLIB)
            and not _is_within_any(place, _SITE)
            and not (self.root and _is_within(place, self.root))
        )


# The guards of the queries in progress (one, or none between queries).
_QUERIES: list[_ImportGuard] = []


def _import_astroid() -> None:
    # astroid's brains import standard modules as astroid loads; a module of
    # the linted project named like one (its root is on sys.path during a
    # query) must not be imported in its place.
    saved = list(sys.path)
    roots = {guard.root for guard in _QUERIES}
    sys.path[:] = [entry for entry in saved if os.path.abspath(entry or ".") not in roots]
    try:
        import astroid  # noqa: F401  (imported for its side effect: loaded once)
    finally:
        sys.path[:] = saved


@contextlib.contextmanager
def _project_on_path(root: str | None) -> Iterator[None]:
    # astroid finds modules on sys.path; the linted project's root goes first
    # and the current directory is taken out, so that no module of the
    # linted tree can shadow one astroid needs for itself.  The import guard
    # goes up when astroid is first needed (_configured_manager), so that
    # astroid itself can still be imported lazily.
    saved = list(sys.path)
    cleaned = [entry for entry in saved if entry not in ("", ".")]
    guard = _ImportGuard(root)
    sys.path[:] = ([root] if root else []) + cleaned
    _QUERIES.append(guard)
    try:
        yield
    finally:
        sys.path[:] = saved
        _QUERIES.remove(guard)
        with contextlib.suppress(ValueError):
            sys.meta_path.remove(guard)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Hold Python's cyclic garbage collector off for one file's checks.

    The checks allocate in bursts (tables over the linted tree, other
    modules parsed for a moment, astroid's trees) that reference counting
    frees or the caches keep.  Collections run meanwhile would promote the
    short-lived objects and walk the whole heap for nothing; measured on
    the stdlib, they were two thirds of the plugin's time on some small
    files.  The collector resumes, as it was, right after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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


def _astroid_class_facts(klass: Any) -> syntax.ClassFacts:
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
                method = ast.parse(binding.as_string()).body[0]
                message_built = message_built or syntax.builds_message(method)
        elif isinstance(parent, (nodes.Assign, nodes.AnnAssign)) and len(bindings) == 1:
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
        builds_message=message_built,
    )


class _OutOfBudget(Exception):
    """The file's astroid budget does not cover (the rest of) a question."""


class Door:
    """Answers one linted file's questions about other modules, on a budget.

    ``budget`` bounds all the CPU time of the file's questions, checked
    before each; ``astroid_budget`` (at most ``budget``) bounds the part
    spent in astroid, checked before a question reaches astroid and after
    each module astroid builds for it.
    """

    def __init__(
        self,
        module: syntax.ModuleFacts,
        budget: float,
        enabled: bool,
        astroid_budget: float | None = None,
    ) -> None:
        self._module = module
        self._root = module.location.root if module.location else None
        self._budget = budget
        self._enabled = enabled
        self._spent = 0.0
        self._astroid_budget = budget if astroid_budget is None else min(astroid_budget, budget)
        self._astroid_spent = 0.0
        self._local_options: dict[str, list[project_index.OptionFacts]] | None = None
        # Questions left unanswered for want of inference (off, budget spent,
        # or astroid's share refused): a caller compares the count before and
        # after its questions to tell "unknown" from "no".
        self.refusals = 0

    @property
    def spent(self) -> bool:
        """Tell whether this file's inference budget is used up."""
        return self._spent >= self._budget

    @property
    def _in_package(self) -> bool:
        location = self._module.location
        return bool(location) and (location.is_package or "." in location.name)

    def class_facts(self, qualname: str) -> syntax.ClassFacts | None:
        """Describe the class a qualified name refers to, or None if unknown."""
        nearby = self._nearby_class(qualname)
        if nearby is not _MISSING:
            return nearby
        return self._ask(("class", qualname), lambda: self._find_class(qualname))

    def _describe_class(self, qualname: str) -> syntax.ClassFacts | None:
        """class_facts, for use inside a question (no budget of its own)."""
        nearby = self._nearby_class(qualname)
        return self._find_class(qualname) if nearby is _MISSING else nearby

    def _nearby_class(self, qualname: str) -> Any:
        """A class of the linted module or a built-in one; _MISSING for others."""
        local = self._module.local_class_facts(qualname)
        if local is not None:
            return local
        module, _, name = qualname.rpartition(".")
        return _builtin_facts(name) if module == "builtins" else _MISSING

    def canonical_name(self, qualname: str) -> str:
        """Follow the linted project's module-level re-exports of a name.

        ``nova.utils.import_class`` gives ``oslo_utils.importutils.import_class``
        when nova/utils.py says ``import_class = importutils.import_class``.
        Names outside the project come back unchanged.
        """
        if not self._in_package:
            return qualname
        project = self._module.name.partition(".")[0]
        found = self._ask(
            ("canonical", qualname), lambda: self._follow(qualname, within=project)
        )
        if isinstance(found, syntax.ClassFacts):
            return found.qualname
        return found if isinstance(found, str) else qualname

    def options(self, name: str) -> list[project_index.OptionFacts]:
        """Every declaration of an option named ``name`` in the linted package.

        Options of the linted module itself count for any file; the rest of
        the project is searched only when the file sits inside a package.
        """
        own = self._own_options().get(name, [])
        if not self._enabled or not self._root or not self._in_package:
            return own
        package = self._module.name.partition(".")[0]
        index = project_index.for_root(self._root)
        found = index.options(package, name)
        if not found and not own and not index.is_complete(package):
            self.refusals += 1  # a module the scan did not read may declare it
        return found or own

    def renamed_exports(self, names: frozenset[str]) -> frozenset[str]:
        """Other names under which the linted package re-exports ``names``."""
        if not self._enabled or not self._root or not self._in_package:
            return frozenset()
        package = self._module.name.partition(".")[0]
        return project_index.for_root(self._root).renames(package, names)

    def _own_options(self) -> dict[str, list[project_index.OptionFacts]]:
        if self._local_options is None:
            path = os.path.relpath(self._module.filename, self._root or ".").replace(
                os.sep, "/"
            )
            self._local_options = {}
            for option in project_index.options_in(self._module.tree, path):
                self._local_options.setdefault(option.name, []).append(option)
        return self._local_options

    def constant_kind(self, qualname: str) -> str | None:
        """What a module-level name of another module holds.

        "str" for a string constant, "strings" for a list or tuple of them,
        "mapping" for a dict whose values are string constants, "other" for
        anything astroid infers to something else; None when it cannot tell
        (long concatenations astroid gives up on end here, in silence).
        """
        return self._ask(("constant", qualname), lambda: self._constant_kind(qualname))

    def attribute_kind(self, class_qualname: str, attr: str) -> str | None:
        """What the nearest class along a class's bases that sets ``attr`` holds.

        Class attributes and ``self.attr = ...`` in methods both count; the
        answer is spelled as for constant_kind.
        """
        return self._ask(
            ("attribute", class_qualname, attr),
            lambda: self._attribute_kind(class_qualname, attr),
        )

    def _constant_kind(self, qualname: str) -> str | None:
        found = self._literal_constant(qualname, 0)
        if found is _NEEDS_INFERENCE:
            return self._astroid(lambda: self._infer_constant(qualname))
        return found

    def _attribute_kind(self, class_qualname: str, attr: str) -> str | None:
        found = self._literal_attribute(class_qualname, attr)
        if found is _NEEDS_INFERENCE:
            return self._astroid(lambda: self._infer_attribute(class_qualname, attr))
        return found

    def _astroid(self, query: Callable[[], _T]) -> _T:
        """Run a query that needs astroid within the file's astroid budget.

        Raises _OutOfBudget when too little is left to start, or when the
        budget runs out while astroid builds modules for the query; the
        modules built for a query stopped that way are dropped again.
        """
        left = self._astroid_budget - self._astroid_spent
        if left < ASTROID_MIN_SECONDS:
            raise _OutOfBudget(f"{left:.3f} s of astroid budget left")
        started = time.process_time()
        try:
            with _metered(started + left):
                return query()
        finally:
            self._astroid_spent += time.process_time() - started

    def _literal_constant(self, qualname: str, depth: int) -> Any:
        """A module-level name's kind, when its module's source settles it.

        A name bound once to a literal has that literal's kind; a submodule,
        a class, a function or an instance of a class of that module is
        "other"; a name bound more than once has several candidate values,
        which inference would not choose between either (None).  Imports
        are followed to the binding; anything else is _NEEDS_INFERENCE.
        """
        module, _, name = qualname.rpartition(".")
        summary = _summary(module, self._root) if module else None
        if summary is None or depth > MAX_FOLLOW_DEPTH:
            return _NEEDS_INFERENCE
        if name in summary.rebound:
            return None
        if summary.star_imports and self._star_provider(summary, name, depth) is not None:
            return _NEEDS_INFERENCE  # a star import may bind it too
        if name in summary.constant_kinds:
            return summary.constant_kinds[name]
        if name in summary.classes or name in summary.functions:
            return "other"
        if summary.instances.get(name) in summary.classes:
            return "other"  # ``CONF = ConfigOpts()``: an instance of a class there
        if name in summary.imports:
            return self._literal_constant(summary.imports[name], depth + 1)
        if not summary.binds_name(name) and _find_module_file(qualname, self._root):
            return "other"  # a submodule, read as an attribute of its package
        return _NEEDS_INFERENCE

    def _literal_attribute(self, class_qualname: str, attr: str) -> Any:
        """Where a class and its bases, read from source, bind ``attr`` to literals.

        Visits the class and its ancestors in astroid's order (each base,
        then its own ancestors); the first that binds ``attr`` decides.
        _NEEDS_INFERENCE when a class on the way cannot be read from source
        or binds ``attr`` by anything but a literal assignment.
        """
        pending: list[str | None] = [class_qualname]
        seen: set[str] = set()
        while pending:
            qualname = pending.pop()
            if qualname is None:
                return _NEEDS_INFERENCE  # a base that cannot be resolved from source
            if qualname in seen:
                continue
            seen.add(qualname)
            facts = self._describe_class(qualname)
            if facts is None:
                return _NEEDS_INFERENCE
            if facts.builtin:
                builtin = getattr(builtins, qualname.rpartition(".")[2], None)
                if attr in vars(builtin or object):
                    return _NEEDS_INFERENCE
                continue
            kinds = _class_attribute_kinds(facts.qualname, self._root)
            if kinds is None:
                return _NEEDS_INFERENCE
            if attr in kinds:
                return kinds[attr] if kinds[attr] is not None else _NEEDS_INFERENCE
            pending.extend(reversed(facts.bases))
        return None

    def _infer_attribute(self, class_qualname: str, attr: str) -> str | None:
        klass = _astroid_resolve(class_qualname, self._root)  # imports astroid safely
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

    def _infer_constant(self, qualname: str) -> str | None:
        value = _astroid_resolve(qualname, self._root)
        if value is None:
            return None
        return _constant_kind(value)

    def _ask(self, key: tuple[str, ...], compute: Callable[[], _T]) -> _T | None:
        if not self._enabled:
            self.refusals += 1
            return None
        key = (self._root or "", *key)
        answer = _ANSWERS.get(key)
        if answer is not _MISSING:
            return answer
        if self.spent:
            self.refusals += 1
            return None
        # CPU time, not wall time: on a loaded machine (flake8 --jobs, shared
        # CI) wall time would make the same file's findings vary run to run.
        started = time.process_time()
        try:
            with _project_on_path(self._root):
                answer = compute()
        except _OutOfBudget:
            self.refusals += 1
            return None  # unknown for this file only: one with more budget may ask
        except (RecursionError, ValueError, TypeError, AttributeError, LookupError,
                OSError, SyntaxError, MemoryError):
            answer = None
        except Exception:  # astroid and its brains can fail in any way
            LOG.debug("inference failed for %s", key, exc_info=True)
            answer = None
        finally:
            self._spent += time.process_time() - started
        _ANSWERS.put(key, answer)
        return answer

    def _find_class(self, qualname: str) -> syntax.ClassFacts | None:
        found = self._follow(qualname)
        if isinstance(found, syntax.ClassFacts):
            return found
        if found is _NEEDS_INFERENCE:
            return self._astroid(lambda: self._infer_class(qualname))
        return None

    def _follow(self, qualname: str, depth: int = 0, within: str | None = None) -> Any:
        """Follow a dotted name through modules' name tables, read from source.

        Returns the ClassFacts of a class it reaches, a qualified name string
        for anything else (a function, a module-level value, or a name in a
        module that cannot be found), _NEEDS_INFERENCE where only astroid
        could tell (a star import), or None for a name its module lacks.
        With ``within``, a name that leads out of that top-level package is
        returned as it is spelled there (``typing_extensions.override``):
        how a library defines it internally is not the project's re-export.
        """
        if depth > MAX_FOLLOW_DEPTH:
            return None
        parts = qualname.split(".")
        if len(parts) > MAX_DOTTED_PARTS:
            return None
        if within is not None and depth and parts[0] != within:
            return qualname
        for split in range(len(parts) - 1, 0, -1):
            summary = _summary(".".join(parts[:split]), self._root)
            if summary is not None:
                return self._follow_in(summary, parts[split:], depth, within)
        return qualname  # as far as it can be followed from source

    def _follow_in(
        self, summary: syntax.ModuleFacts, names: list[str], depth: int, within: str | None
    ) -> Any:
        """Follow ``names`` (``Class.Nested`` or ``name.attr``) from a module (see _follow)."""
        head, dotted = names[0], ".".join(names)
        facts = summary.local_class_facts(f"{summary.name}.{dotted}")
        if facts is not None:
            return facts  # a class there, or a class nested in one
        if head in summary.classes:
            return None  # some other attribute of a class
        target = summary.qualify_name(dotted)
        if summary.star_imports and not summary.binds_name(head):
            provider = self._star_provider(summary, head, depth)
            if isinstance(provider, str):
                return self._follow(f"{provider}.{dotted}", depth + 1, within)
            if provider is _NEEDS_INFERENCE and target is None:
                return _NEEDS_INFERENCE
        if target is None:
            return None
        if target == f"{summary.name}.{dotted}":
            return target  # a function or value defined right there
        return self._follow(target, depth + 1, within)

    def _star_provider(self, summary: syntax.ModuleFacts, name: str, depth: int) -> Any:
        """The module whose ``from m import *`` gives a module ``name``.

        The last star import that exports the name wins, as in Python;
        ``__all__`` decides what a module exports when it is a literal.
        Returns the module's name, None when no star import gives it, or
        _NEEDS_INFERENCE when one of them cannot be read from source (a
        compiled module, an ``__all__`` built at run time).
        """
        if depth > MAX_FOLLOW_DEPTH:
            return _NEEDS_INFERENCE
        for module in reversed(summary.star_imports):
            source = _summary(module, self._root)
            if source is None or source.exports_opaque:
                return _NEEDS_INFERENCE
            if source.exports is not None:
                if name in source.exports:
                    return module
                if name in source.maybe_exports:
                    return _NEEDS_INFERENCE  # exported on some platforms only
                continue
            if name.startswith("_"):
                continue  # a star import without __all__ skips private names
            if source.binds_name(name):
                return module
            if source.star_imports:
                inner = self._star_provider(source, name, depth + 1)
                if inner is not None:
                    return module if isinstance(inner, str) else inner
        return None

    def _infer_class(self, qualname: str) -> syntax.ClassFacts | None:
        klass = _astroid_resolve(qualname, self._root)
        if klass is None or klass.__class__.__name__ != "ClassDef":
            return None
        if klass.root().name == "builtins":
            return _builtin_facts(klass.name)
        return _astroid_class_facts(klass)


_NEEDS_INFERENCE = object()
_SUMMARIES = _BoundedCache(MAX_CACHED_MODULES)


def _find_module_file(
    modname: str, root: str | None, search_path: bool = True
) -> str | None:
    """Locate a module's source file on the project root, then sys.path."""
    parts = modname.split(".")
    entries = [root] if root else []
    if search_path:
        entries.extend(p for p in sys.path if p not in ("", "."))
    for entry in entries:
        base = os.path.join(entry, *parts)
        if os.path.isfile(base + ".py"):
            return base + ".py"
        init = os.path.join(base, "__init__.py")
        if os.path.isfile(init):
            return init
    return None


def _summary(modname: str, root: str | None) -> syntax.ModuleFacts | None:
    """Name tables and class facts of a module, parsed from source, cached."""
    key = (root or "", "module", modname)
    cached = _SUMMARIES.get(key)
    if cached is not _MISSING:
        return cached
    path = _find_module_file(modname, root)
    summary = None
    if path is not None:
        with open(path, "rb") as handle:
            tree = ast.parse(handle.read(), filename=path)
        summary = syntax.ModuleFacts(tree, path, module_name=modname).summarize()
    _SUMMARIES.put(key, summary)
    return summary


def _class_attribute_kinds(qualname: str, root: str | None) -> dict[str, str | None] | None:
    """What a module-level class binds each attribute to, read from its source."""
    key = (root or "", "attributes", qualname)
    cached = _SUMMARIES.get(key)
    if cached is not _MISSING:
        return cached
    module, _, name = qualname.rpartition(".")
    summary = _summary(module, root)
    kinds = None
    if summary is not None and summary.local_class_facts(qualname) is not None:
        path = _find_module_file(module, root)
        if path is not None:
            with open(path, "rb") as handle:
                tree = ast.parse(handle.read(), filename=path)
            for node in syntax.scope_statements(tree):
                if isinstance(node, ast.ClassDef) and node.name == name:
                    kinds = syntax.attribute_kinds(node)
                    break
    _SUMMARIES.put(key, kinds)
    return kinds


@contextlib.contextmanager
def _metered(deadline: float) -> Iterator[None]:
    """Stop astroid's work on a query once CPU time passes the deadline.

    A transform on modules runs as astroid finishes building each one; past
    the deadline it raises _OutOfBudget, which astroid does not catch.  A
    query so stopped may leave modules half built (one whose star imports
    were being read) and inference results that point into them: every
    module built for the query is dropped and the inference caches are
    cleared, so that a later query starts from the state before this one.
    """
    manager = _configured_manager()
    manager.ast_from_module_name("builtins")  # astroid's start, outside the meter
    from astroid import nodes

    def meter(module: Any) -> None:
        if time.process_time() > deadline:
            raise _OutOfBudget(module.name)

    before = set(manager.astroid_cache)
    manager.register_transform(nodes.Module, meter)
    try:
        yield
    except _OutOfBudget:
        _forget_modules(manager, before)
        raise
    finally:
        with contextlib.suppress(ValueError):
            manager.unregister_transform(nodes.Module, meter)


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


def _astroid_resolve(qualname: str, root: str | None) -> Any:
    """Infer what a dotted name refers to with astroid, longest module first."""
    # astroid is imported on first need (most runs never pay for it), by
    # _configured_manager, away from the linted tree.
    manager = _configured_manager()
    import astroid

    parts = qualname.split(".")
    if len(parts) > MAX_DOTTED_PARTS:
        return None
    for split in range(len(parts) - 1, 0, -1):
        try:
            value: Any = manager.ast_from_module_name(".".join(parts[:split]))
        except astroid.AstroidError:
            continue
        if root and value.file and not _is_within(value.file, root) and (
            _find_module_file(value.name, root, search_path=False) is not None
        ):
            return None  # the project has a module of that name: not this one
        for attr in parts[split:]:
            candidates = list(value.igetattr(attr))
            if len(candidates) != 1 or candidates[0] is astroid.Uninferable:
                return None
            value = candidates[0]
        if len(manager.astroid_cache) > MAX_CACHED_MODULES:
            manager.clear_cache()
        return value
    return None


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
