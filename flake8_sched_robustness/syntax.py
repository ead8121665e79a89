"""The statement pass over one module: its names, classes, raises and defs."""

from __future__ import annotations

import ast
import dataclasses
import os
from collections.abc import Collection, Iterator, Mapping
from typing import Protocol

from flake8_sched_robustness.messages import builds_message
from flake8_sched_robustness.naming import (
    BUILTIN_NAMES,
    bound_names,
    dotted_name,
    import_bindings,
    literal_kind,
)
from flake8_sched_robustness.statements import STATEMENT_FIELDS as _STATEMENT_FIELDS
from flake8_sched_robustness.statements import TRY_NODES as _TRY_NODES
from flake8_sched_robustness.statements import plain_assigned_value as _assigned_value
from flake8_sched_robustness.statements import scope_statements, statement_bindings


@dataclasses.dataclass(frozen=True)
class ClassFacts:
    """What the rules need to know about one class, in plain data.

    ``bases`` holds each base's qualified name, or None where a base cannot
    be resolved; ``attributes`` maps class-level names assigned by a plain
    assignment to their value (a stdlib expression), or to None where the
    name is bound some other way.
    """

    qualname: str
    bases: tuple[str | None, ...] = ()
    attributes: Mapping[str, ast.expr | None] = dataclasses.field(
        default_factory=dict
    )
    methods: frozenset[str] = frozenset()
    builtin: bool = False
    # A __str__, or an __init__ that hands its base a text of its own making.
    builds_message: bool = False


@dataclasses.dataclass(frozen=True)
class ModuleLocation:
    """Where a linted file sits: its source root and dotted module name."""

    root: str
    name: str
    is_package: bool

    @property
    def package(self) -> str:
        """The package that relative imports in this module start from."""
        return self.name if self.is_package else self.name.rpartition(".")[0]


def locate_module(filename: str) -> ModuleLocation | None:
    """Find the source root and module name of a file by walking up packages."""
    if not filename or filename in ("-", "stdin") or not filename.endswith(".py"):
        return None
    path = os.path.abspath(filename)
    directory, base = os.path.split(path)
    stem = base[: -len(".py")]
    is_package = stem == "__init__"
    root, packages = _package_chain(directory)
    if root is None:
        return None
    parts = packages if is_package else [*packages, stem]
    if not parts or not all(part.isidentifier() for part in parts):
        return None
    return ModuleLocation(root, ".".join(parts), is_package)


def _package_chain(directory: str) -> tuple[str | None, list[str]]:
    """The source root above ``directory`` and the packages down to it.

    The root is the top of the contiguous chain of packages that holds the
    directory: the walk up stops at the first directory that breaks it, so a
    stray ``__init__.py`` above the project does not move the root.  Only the
    directory that holds the file may lack ``__init__.py`` and still count,
    as a portion of the regular package above it (cinder's
    volume/drivers/datacore).  None as the root when the chain reaches ``/``.
    """
    packages: list[str] = []
    while True:
        parent, name = os.path.split(directory)
        is_regular = os.path.isfile(os.path.join(directory, "__init__.py"))
        is_portion = not packages and parent != directory and os.path.isfile(
            os.path.join(parent, "__init__.py")
        )
        if not (is_regular or is_portion):
            return directory, packages
        if not name:
            return None, packages
        packages.insert(0, name)
        directory = parent


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


# Classes nested deeper than this inside a class are not described.
MAX_CLASS_NESTING = 3


def _module_bindings(
    tree: ast.Module, package: str | None
) -> Iterator[tuple[str, str, object]]:
    """Yield (name, kind, payload) for each binding in the module's own scope.

    A star import is yielded as ("*", "star", (line, module)); a binding of
    no other kind carries its statement.
    """
    for node in scope_statements(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for local, qualified in import_bindings(node, package):
                if local == "*":
                    yield local, "star", (node.lineno, qualified)
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


# Class attribute values kept in summaries: enough to judge a message.
_COMPACT_VALUES = (ast.Constant, ast.JoinedStr, ast.Name, ast.Attribute, ast.Call, ast.BinOp)


def _compact(value: ast.expr | None) -> ast.expr | None:
    return value if isinstance(value, _COMPACT_VALUES) else None


class NameTables(Protocol):
    """A module's name tables, as qualify_in reads them."""

    @property
    def name(self) -> str:
        """The module's dotted name."""

    @property
    def imports(self) -> Mapping[str, str]:
        """Local name to the qualified name it imports."""

    @property
    def classes(self) -> Collection[str]:
        """Names of module-level classes."""

    @property
    def functions(self) -> Collection[str]:
        """Names of module-level functions."""

    @property
    def instances(self) -> Mapping[str, str]:
        """Module-level instances, by the bare name of the class called."""

    @property
    def module_names(self) -> Collection[str]:
        """Other names bound at module level."""

    def alias_target(self, name: str) -> str | None:
        """The dotted name a module-level alias stands for, or None."""


def qualify_in(tables: NameTables, dotted: str, depth: int = 0) -> str | None:
    """The qualified name a dotted name refers to at a module's level."""
    if depth > 8:
        return None
    head, _, rest = dotted.partition(".")
    if head in tables.imports:
        base = tables.imports[head]
    elif head in tables.classes or head in tables.functions:
        base = f"{tables.name}.{head}"
    elif (alias := tables.alias_target(head)) is not None:
        found = qualify_in(tables, alias, depth + 1)
        if found is None:
            return None
        base = found
    elif head in tables.instances and rest and tables.instances[head] in tables.classes:
        # an attribute of an instance is looked up on its class
        base = f"{tables.name}.{tables.instances[head]}"
    elif head in tables.module_names:
        return None
    elif head in BUILTIN_NAMES:
        base = f"builtins.{head}"
    else:
        return None
    return f"{base}.{rest}" if rest else base


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
        self.location = locate_module(filename)
        if module_name is not None:
            self.name = module_name
            is_package = filename.endswith("__init__.py")
            package = module_name if is_package else module_name.rpartition(".")[0]
        else:
            self.name = self.location.name if self.location else "__main__"
            package = self.location.package if self.location else None
        self.imports: dict[str, str] = {}
        self.classes: dict[str, ast.ClassDef] = {}
        self.functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
        self.aliases: dict[str, ast.expr] = {}
        self.module_names: set[str] = set()
        # ``exception = CommonException()``: module-level instances of a
        # class called by its bare name (also in module_names).
        self.instances: dict[str, str] = {}
        # Every raise with its innermost enclosing function (or the module),
        # and every def with its class when it is a method.
        self.raises: list[RaiseSite] = []
        self.function_sites: list[FunctionSite] = []
        # The modules of ``from m import *``, in source order.
        self.star_imports: tuple[str, ...] = ()
        # ``__all__`` when it is one literal list or tuple of strings; with
        # exports_opaque, a module whose ``__all__`` is built some other way.
        self.exports: frozenset[str] | None = None
        self.maybe_exports: frozenset[str] = frozenset()  # exports, and names added after
        self.exports_opaque = False
        # Module-level names bound once, by an assignment of a literal, and
        # names bound more than once (each binding is a candidate value).
        self.constant_kinds: dict[str, str] = {}
        self.rebound: set[str] = set()
        self._declared_global: set[str] = set()
        self._class_table: dict[str, ClassFacts] = {}
        self._collect_module_level(tree, package)
        self._collect_statements(tree, package)
        for name in self._declared_global:
            self.constant_kinds.pop(name, None)  # a function rebinds it
            self.rebound.add(name)

    def _collect_module_level(self, tree: ast.Module, package: str | None) -> None:
        bindings: dict[str, list[tuple[str, object]]] = {}
        stars: list[tuple[int, str]] = []
        for name, kind, payload in _module_bindings(tree, package):
            if kind == "star":
                stars.append(payload)  # type: ignore[arg-type]
                continue
            bindings.setdefault(name, []).append((kind, payload))
        self.star_imports = tuple(module for _, module in sorted(stars))
        self._collect_constants(tree, bindings)
        tables = {"import": self.imports, "class": self.classes,
                  "function": self.functions, "alias": self.aliases}
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
                    self.instances[name] = payload  # type: ignore[assignment]

    def _collect_constants(
        self, tree: ast.Module, bindings: dict[str, list[tuple[str, object]]]
    ) -> None:
        for name, found in bindings.items():
            if len(found) > 1:
                self.rebound.add(name)
            if len(found) != 1 or found[0][0] != "other":
                continue
            kind = literal_kind(_assigned_value(found[0][1], name))
            if kind is not None:
                self.constant_kinds[name] = kind
        if "__all__" not in bindings:
            return
        # One literal assignment, then perhaps ``__all__ += (...)`` of
        # literals (asyncio.streams adds names on some platforms only).
        assigned, added = [], []
        for _, statement in bindings["__all__"]:
            value = _assigned_value(statement, "__all__")
            if isinstance(statement, ast.AugAssign) and isinstance(statement.op, ast.Add):
                value = statement.value
                added.append(value)
            else:
                assigned.append(value)
            if not isinstance(value, (ast.List, ast.Tuple)) or literal_kind(value) != "strings":
                self.exports_opaque = True
        if len(assigned) != 1 or _mutates_all(tree):
            self.exports_opaque = True
        if not self.exports_opaque:
            self.exports = _string_elements(assigned[0])
            self.maybe_exports = self.exports.union(*map(_string_elements, added))

    @property
    def line_count(self) -> int:
        """The number of lines of the module's source."""
        if self.lines is not None:
            return len(self.lines)
        return max((getattr(node, "end_lineno", 0) or 0 for node in self.tree.body), default=0)

    def binds_name(self, name: str) -> bool:
        """Tell whether the module binds a name in its own scope."""
        return self._is_module_level(name)

    def _collect_statements(self, tree: ast.Module, package: str | None) -> None:
        # Imports inside functions (lazy imports are common in OpenStack)
        # count where they do not clash with a module-level name.
        nested: dict[str, set[str]] = {}
        Entry = tuple[ast.AST, ast.AST, "ast.ClassDef | None", tuple[ast.Try, ...]]
        stack: list[Entry] = [(node, tree, None, ()) for node in tree.body]
        while stack:
            node, scope, owner, guards = stack.pop()
            kind = node.__class__
            if kind is ast.Raise:
                self.raises.append(RaiseSite(node, scope, guards))
            elif kind is ast.FunctionDef or kind is ast.AsyncFunctionDef:
                self.function_sites.append(FunctionSite(node, owner))
                stack.extend((child, node, None, ()) for child in node.body)
                continue
            elif kind is ast.ClassDef:
                stack.extend((child, scope, node, ()) for child in node.body)
                continue
            elif kind is ast.Global:
                self._declared_global.update(node.names)  # type: ignore[attr-defined]
            elif (kind is ast.Import or kind is ast.ImportFrom) and scope is not tree:
                for local, qualified in import_bindings(node, package):
                    nested.setdefault(local, set()).add(qualified)
            for field in _STATEMENT_FIELDS.get(kind, ()):
                # Only a try's own body is guarded by its handlers.
                inner = (node, *guards) if field == "body" and kind in _TRY_NODES else guards
                stack.extend((child, scope, None, inner) for child in getattr(node, field))
        for local, targets in nested.items():
            if local != "*" and len(targets) == 1 and not self._is_module_level(local):
                self.imports[local] = targets.pop()

    def _is_module_level(self, name: str) -> bool:
        return (
            name in self.imports
            or name in self.classes
            or name in self.functions
            or name in self.aliases
            or name in self.module_names
        )

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
            node = self._class_node(path)
            if node is None:
                return None
            self._class_table[path] = self._describe_class(node, path)
        return self._class_table[path]

    def _class_node(self, path: str) -> ast.ClassDef | None:
        """The ClassDef at ``Outer.Inner``, or None."""
        outer, *inner = path.split(".")
        if len(inner) > MAX_CLASS_NESTING:
            return None
        node = self.classes.get(outer)
        for name in inner:
            if node is None:
                return None
            node = next(
                (s for s in node.body if isinstance(s, ast.ClassDef) and s.name == name),
                None,
            )
        return node

    def _describe_class(self, node: ast.ClassDef, path: str) -> ClassFacts:
        attributes: dict[str, ast.expr | None] = {}
        methods: set[str] = set()
        message_built = False
        for statement in node.body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                methods.add(statement.name)
                attributes[statement.name] = None
                if statement.name in ("__init__", "__str__"):
                    message_built = message_built or builds_message(statement)
            elif isinstance(statement, ast.Assign):
                for target in statement.targets:
                    for name in bound_names(target):
                        single = isinstance(target, ast.Name)
                        attributes[name] = _compact(statement.value) if single else None
            elif isinstance(statement, ast.AnnAssign) and isinstance(
                statement.target, ast.Name
            ):
                attributes[statement.target.id] = _compact(statement.value)
        bases = tuple(self.qualify(base) for base in node.bases)
        return ClassFacts(
            qualname=f"{self.name}.{path}",
            bases=bases,
            attributes=attributes,
            methods=frozenset(methods),
            builds_message=message_built,
        )
