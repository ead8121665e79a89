"""The statement pass over one module: its names, classes, raises and defs."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterator
from typing import Any, NamedTuple

from flake8_sched_robustness import class_facts, locations, naming
from flake8_sched_robustness.class_facts import ClassFacts
from flake8_sched_robustness.naming import dotted_name, import_bindings, literal_kind, qualify_in
from flake8_sched_robustness.statements import (
    STATEMENT_FIELDS,
    TRY_NODES,
    plain_assigned_value,
    scope_statements,
    statement_bindings,
)


@dataclasses.dataclass(frozen=True)
class RaiseSite:
    """A raise found by the statement pass.

    ``scope`` is the innermost enclosing function (or the module); ``guards``
    are the ``try`` statements of that same function whose body holds the
    raise, innermost first.
    """

    node: ast.Raise
    scope: ast.AST
    guards: tuple[ast.Try, ...] = ()


@dataclasses.dataclass(frozen=True)
class FunctionSite:
    """A def found by the statement pass, with its class if it is a method."""

    node: ast.FunctionDef | ast.AsyncFunctionDef
    owner: ast.ClassDef | None
    # The innermost function around the def (through classes), or the module.
    scope: ast.AST | None = None


class ModuleFacts:
    """What one statement-level pass learns about the linted module.

    The pass visits statements only (never expressions), so its cost is a
    small fraction of a full tree walk; rule families start from its lists.
    """

    def __init__(
        self,
        tree: ast.Module,
        filename: str,
        lines: list[str] | None = None,
        module_name: str | None = None,
    ) -> None:
        self.tree = tree
        self.filename = filename
        # The source as flake8 read it (stdin included), for cheap text
        # pre-filters; None when an embedder passes only a tree.
        self.lines = lines
        self.location = locations.locate_module(filename)
        self.name, package = _name_and_package(filename, module_name, self.location)
        self.imports: dict[str, str] = {}
        self.classes: dict[str, ast.ClassDef] = {}
        self.functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
        self.aliases: dict[str, ast.expr] = {}
        self.module_names: set[str] = set()
        # ``exception = CommonException()``: module-level instances of a
        # class called by its bare name (also in module_names).
        self.instances: dict[str, str] = {}
        bindings, stars = _group_bindings(tree, package)
        # The modules of ``from m import *``, in source order.
        self.star_imports: tuple[str, ...] = stars
        # Module-level names bound once, by an assignment of a literal, and
        # names bound more than once (each binding is a candidate value).
        self.constant_kinds, self.rebound = _constant_kinds(bindings)
        exports = _read_exports(tree, bindings.get("__all__"))
        # ``__all__`` when it is one literal list or tuple of strings; with
        # exports_opaque, a module whose ``__all__`` is built some other way.
        self.exports: frozenset[str] | None = exports.names
        self.maybe_exports: frozenset[str] = exports.maybe_names  # and names added after
        self.exports_opaque = exports.opaque
        self._fill_tables(bindings)
        walked = _walk_statements(tree, package)
        # Every raise with its innermost enclosing function (or the module),
        # and every def with its class when it is a method.
        self.raises: list[RaiseSite] = walked.raises
        # Every except handler, nested functions' included (SRB1 signals).
        self.handlers: list[ast.ExceptHandler] = walked.handlers
        self.function_sites: list[FunctionSite] = walked.function_sites
        self._closures_of: dict[int, ast.FunctionDef | ast.AsyncFunctionDef] = {
            id(site.node): site.scope for site in walked.function_sites
            if site.owner is None and isinstance(site.scope, (ast.FunctionDef,
                                                              ast.AsyncFunctionDef))
        }
        # Imports inside functions (lazy imports are common in OpenStack)
        # count where they do not clash with a module-level name.
        for local, targets in walked.nested_imports.items():
            if local != "*" and len(targets) == 1 and not self.binds_name(local):
                self.imports[local] = targets.pop()
        for name in walked.declared_global:
            self.constant_kinds.pop(name, None)  # a function rebinds it
            self.rebound.add(name)
        self._class_table: dict[str, ClassFacts] = {}

    def _fill_tables(self, bindings: dict[str, list[_Binding]]) -> None:
        # The payload's type follows its kind (see _module_bindings).
        tables: dict[str, dict[str, Any]] = {
            "import": self.imports, "class": self.classes,
            "function": self.functions, "alias": self.aliases,
        }
        for name, found in bindings.items():
            kind, payload = found[0]
            # A name bound two different ways (try/except ImportError,
            # conditional definitions) is ambiguous: forget it, never guess.
            if len(found) > 1 and not (kind == "import" and all(
                other == ("import", payload) for other in found
            )):
                kind = "other"
            if kind in tables:
                tables[kind][name] = payload
            else:
                self.module_names.add(name)
                if kind == "instance":
                    self.instances[name] = str(payload)

    @property
    def line_count(self) -> int:
        """The number of lines of the module's source."""
        if self.lines is not None:
            return len(self.lines)
        return max((getattr(node, "end_lineno", 0) or 0 for node in self.tree.body), default=0)

    def enclosing_function(
        self, function: ast.AST
    ) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        """The function a def is nested in directly (a closure's), or None
        for a module-level function, a method, or anything else."""
        return self._closures_of.get(id(function))

    def binds_name(self, name: str) -> bool:
        """Tell whether the module binds a name in its own scope."""
        return naming.binds_in(self, name)

    def qualify(self, node: ast.expr, _depth: int = 0) -> str | None:
        """The qualified name an expression refers to at module level.

        ``exception.NoValidHost`` after ``from nova import exception`` gives
        ``nova.exception.NoValidHost``; a built-in gives ``builtins.X``; a
        class or function of this module gives ``<module>.X``.
        """
        dotted = dotted_name(node)
        return None if dotted is None else self.qualify_name(dotted, _depth)

    def qualify_name(self, dotted: str, _depth: int = 0) -> str | None:
        """Like qualify, for a dotted name given as text."""
        return qualify_in(self, dotted, _depth)

    def alias_target(self, name: str) -> str | None:
        """The dotted name a module-level ``name = a.b`` aliases, or None."""
        value = self.aliases.get(name)
        return None if value is None else dotted_name(value)

    def local_class_facts(self, qualname: str) -> ClassFacts | None:
        """Describe a class of this module, nested ones included, by qualname."""
        if not qualname.startswith(self.name + "."):
            return None
        path = qualname[len(self.name) + 1:]
        if path not in self._class_table:
            node = class_facts.find_class(self.classes, path)
            if node is None:
                return None
            self._class_table[path] = class_facts.describe_class(node, qualname, self.qualify)
        return self._class_table[path]


def _name_and_package(
    filename: str, module_name: str | None, location: locations.ModuleLocation | None
) -> tuple[str, str | None]:
    """The module's dotted name and the package its relative imports start from."""
    if module_name is not None:
        is_package = filename.endswith("__init__.py")
        return module_name, module_name if is_package else module_name.rpartition(".")[0]
    if location is None:
        return "__main__", None
    return location.name, location.package


class _StarImport(NamedTuple):
    """``from module import *`` at a line."""

    line: int
    module: str


# (kind, payload) of one module-level binding; see _module_bindings.
_Binding = tuple[str, object]


def _module_bindings(tree: ast.Module, package: str | None) -> Iterator[tuple[str, str, object]]:
    """Yield (name, kind, payload) for each binding in the module's own scope.

    A star import is yielded as ("*", "star", _StarImport); an "import" carries
    the qualified name, a "class" or "function" its def, an "alias" the
    aliased expression, an "instance" the bare name of the class called, and
    a binding of no other kind ("other") its statement.
    """
    for node in scope_statements(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for local, qualified in import_bindings(node, package):
                if local == "*":
                    yield local, "star", _StarImport(node.lineno, qualified)
                else:
                    yield local, "import", qualified
        elif isinstance(node, ast.ClassDef):
            yield node.name, "class", node
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node.name, "function", node
        elif (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and dotted_name(node.value)
        ):
            yield node.targets[0].id, "alias", node.value
        elif (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name)
        ):
            yield node.targets[0].id, "instance", node.value.func.id
        else:
            for name in statement_bindings(node):
                yield name, "other", node


def _group_bindings(
    tree: ast.Module, package: str | None
) -> tuple[dict[str, list[_Binding]], tuple[str, ...]]:
    """The module-level bindings by name, and the star-imported modules in source order."""
    bindings: dict[str, list[_Binding]] = {}
    stars: list[_StarImport] = []
    for name, kind, payload in _module_bindings(tree, package):
        if isinstance(payload, _StarImport):
            stars.append(payload)
            continue
        bindings.setdefault(name, []).append((kind, payload))
    return bindings, tuple(star.module for star in sorted(stars))


def _constant_kinds(bindings: dict[str, list[_Binding]]) -> tuple[dict[str, str], set[str]]:
    """The literal kind of each name bound once by a literal, and the names bound twice."""
    kinds: dict[str, str] = {}
    rebound: set[str] = set()
    for name, found in bindings.items():
        if len(found) > 1:
            rebound.add(name)
        if len(found) != 1 or found[0][0] != "other":
            continue
        kind = literal_kind(plain_assigned_value(found[0][1], name))
        if kind is not None:
            kinds[name] = kind
    return kinds, rebound


@dataclasses.dataclass(frozen=True)
class _Exports:
    """What ``__all__`` says, when it is literal; ``opaque`` when it is not."""

    names: frozenset[str] | None = None
    maybe_names: frozenset[str] = frozenset()
    opaque: bool = False


def _read_exports(tree: ast.Module, bindings: list[_Binding] | None) -> _Exports:
    """Read ``__all__`` from its module-level bindings (None: no ``__all__``)."""
    if bindings is None:
        return _Exports()
    # One literal assignment, then perhaps ``__all__ += (...)`` of
    # literals (asyncio.streams adds names on some platforms only).
    assigned, added = [], []
    opaque = False
    for _, statement in bindings:
        value = plain_assigned_value(statement, "__all__")
        if isinstance(statement, ast.AugAssign) and isinstance(statement.op, ast.Add):
            value = statement.value
            added.append(value)
        else:
            assigned.append(value)
        if not isinstance(value, (ast.List, ast.Tuple)) or literal_kind(value) != "strings":
            opaque = True
    if opaque or len(assigned) != 1 or _mutates_all(tree):
        return _Exports(opaque=True)
    names = _string_elements(assigned[0])
    return _Exports(names, names.union(*map(_string_elements, added)))


def _string_elements(value: ast.expr | None) -> frozenset[str]:
    elements = value.elts if isinstance(value, (ast.List, ast.Tuple)) else []
    return frozenset(
        item.value for item in elements
        if isinstance(item, ast.Constant) and isinstance(item.value, str)
    )


def _mutates_all(tree: ast.Module) -> bool:
    """Tell whether module-level code calls a method of ``__all__`` (extend, append)."""
    for node in scope_statements(tree):
        if (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Attribute)
            and isinstance(node.value.func.value, ast.Name)
            and node.value.func.value.id == "__all__"
        ):
            return True
    return False


@dataclasses.dataclass
class _StatementPass:
    """What the walk over every statement of a module finds."""

    tree: ast.Module
    package: str | None
    raises: list[RaiseSite] = dataclasses.field(default_factory=list)
    handlers: list[ast.ExceptHandler] = dataclasses.field(default_factory=list)
    function_sites: list[FunctionSite] = dataclasses.field(default_factory=list)
    declared_global: set[str] = dataclasses.field(default_factory=set)
    # Imports inside functions: each local name and what it may import.
    nested_imports: dict[str, set[str]] = dataclasses.field(default_factory=dict)

    def note(self, node: ast.AST, scope: ast.AST, guards: tuple[ast.Try, ...]) -> None:
        """Record a raise, an except handler, a ``global`` or an import inside a function."""
        if isinstance(node, ast.Raise):
            self.raises.append(RaiseSite(node, scope, guards))
        elif isinstance(node, ast.ExceptHandler):
            self.handlers.append(node)
        elif isinstance(node, ast.Global):
            self.declared_global.update(node.names)
        elif isinstance(node, (ast.Import, ast.ImportFrom)) and scope is not self.tree:
            for local, qualified in import_bindings(node, self.package):
                self.nested_imports.setdefault(local, set()).add(qualified)


# (statement, innermost function or the module, class when a direct member, guards)
_Entry = tuple[ast.AST, ast.AST, "ast.ClassDef | None", tuple[ast.Try, ...]]


def _walk_statements(tree: ast.Module, package: str | None) -> _StatementPass:
    """Visit every statement of a module, never an expression."""
    found = _StatementPass(tree, package)
    stack: list[_Entry] = [(node, tree, None, ()) for node in tree.body]
    while stack:
        node, scope, owner, guards = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.function_sites.append(FunctionSite(node, owner, scope))
            stack.extend((child, node, None, ()) for child in node.body)
        elif isinstance(node, ast.ClassDef):
            stack.extend((child, scope, node, ()) for child in node.body)
        else:
            kind = node.__class__
            if kind in _NOTED:
                found.note(node, scope, guards)
            if STATEMENT_FIELDS.get(kind):  # a simple statement holds none
                stack.extend(_inner_statements(node, scope, guards))
    return found


# The statements _StatementPass.note records; the pass skips the call for the others.
_NOTED = frozenset({ast.Raise, ast.ExceptHandler, ast.Global, ast.Import, ast.ImportFrom})


def _inner_statements(
    node: ast.AST, scope: ast.AST, guards: tuple[ast.Try, ...]
) -> Iterator[_Entry]:
    """The statements a compound statement holds, with the guards over each."""
    for field in STATEMENT_FIELDS.get(node.__class__, ()):
        # Only a try's own body is guarded by its handlers.
        inner = guards
        if field == "body" and isinstance(node, TRY_NODES):
            inner = (node, *guards)
        for child in getattr(node, field):
            yield child, scope, None, inner
