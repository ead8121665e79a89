"""What one module tells the rest of the project, as plain data.

``read_module`` turns a stdlib tree into a frozen ``ModuleRecord``: its
classes and their bases, which of them declare an oslo.messaging target,
the classes it hands to an RPC server as endpoints, the calls it makes into
its own project with what each argument is, and the exception classes it
catches by name.  No AST node survives in the record, so a project's worth
of records costs kilobytes per module and can be cached, pickled or sent to
another process.  ``project_facts_index.ProjectFacts`` answers questions
across many records.
"""

from __future__ import annotations

import ast
import dataclasses
import enum
import sys
from collections.abc import Sequence
from typing import TypeGuard

from flake8_sched_robustness import module_facts, naming
from flake8_sched_robustness.project_facts_endpoints import (
    EndpointEntry,
    EndpointFinder,
    Scope,
    declares_target,
    function_scope,
    last_name,
)

# A generated module with thousands of calls must not make one record huge;
# past the caps the record says it is truncated and the index is unsure.
MAX_CALLS = 3000
MAX_UNRESOLVED = 3000
MAX_NODES = 300_000
# Deeper than this, a tree is generated or hostile, not a service's code.
MAX_DEPTH = 120
MAX_TEXT = 200


class Via(enum.Enum):
    """How a call names its callee, which says where dispatch may land."""

    NAME = "name"  # a module-level name or an import: that very function
    SELF = "self"  # ``self.m()``: this class's m, or an override of it
    SUPER = "super"  # ``super().m()``: an ancestor's m, never this class's


class ArgKind(enum.Enum):
    """What a call passes at one argument, as far as the text says."""

    STRING = "string"  # a str literal; text holds its value
    CONSTANT = "constant"  # None, a number, a bool; text holds its repr
    NAME = "name"  # a bare name; text holds it
    ATTRIBUTE = "attribute"  # an attribute chain; text holds ``CONF.x.y``
    OTHER = "other"  # anything else; text is empty


@dataclasses.dataclass(frozen=True, slots=True)
class Argument:
    """One argument of a recorded call."""

    kind: ArgKind
    text: str
    # A NAME that is a parameter of the calling function: its value is
    # decided one level further up.
    parameter: bool = False


@dataclasses.dataclass(frozen=True, slots=True)
class CallSite:
    """A call into the project, with what it passes."""

    callee: str  # qualified: ``pkg.utils.load_driver``, ``pkg.mod.Cls.method``
    caller: str  # the enclosing function's qualified name, or the module's
    path: str
    line: int
    positional: tuple[Argument, ...]
    keywords: tuple[tuple[str, Argument], ...]
    star_args: bool  # ``*args``: positions from the first star on are unknown
    star_kwargs: bool  # ``**kwargs``: any keyword may be filled
    via: Via

    def where(self) -> str:
        """Spell the call's place as an editor can follow."""
        return f"{self.path}:{self.line}"


@dataclasses.dataclass(frozen=True, slots=True)
class ClassRecord:
    """One class: its bases (None where unresolvable) and its RPC target."""

    qualname: str
    line: int
    bases: tuple[str | None, ...]
    declares_target: bool
    methods: frozenset[str]


@dataclasses.dataclass(frozen=True, slots=True)
class ModuleRecord:
    """Everything one module tells the rest of the project."""

    module: str
    path: str
    classes: tuple[ClassRecord, ...]
    endpoints: tuple[EndpointEntry, ...]
    calls: tuple[CallSite, ...]
    # The last name of each call whose callee could not be resolved: a
    # function of that name may have callers the index cannot see.
    unresolved_calls: frozenset[str]
    # The last name of each name or attribute handed over as a value (a call
    # argument, a container item, an assigned or returned value): a function
    # passed as a callback has callers the index cannot see.
    referenced: frozenset[str]
    caught: frozenset[str]
    caught_opaque: bool  # an ``except`` whose class could not be named
    reexports: tuple[tuple[str, str], ...]  # (local name, project qualname)
    truncated: bool


def _child_fields() -> dict[type, tuple[str, ...]]:
    """Each node type's fields that may hold nodes worth a visit."""
    skipped = {"ctx", "op", "ops", "type_comment", "kind"}
    return {
        value: tuple(field for field in value._fields if field not in skipped)
        for value in vars(ast).values()
        if isinstance(value, type) and issubclass(value, ast.AST)
    }


# Visiting a Name, a literal or a ``Load`` context can find nothing: the walk
# skips them, which halves its cost on real modules.
_CHILD_FIELDS = _child_fields()
_LEAVES = frozenset({
    ast.Name, ast.Constant, ast.Pass, ast.Break, ast.Continue, ast.alias, ast.arg,
    ast.Import, ast.ImportFrom, ast.Global, ast.Nonlocal,
})
# The node types _Reader._visit reads; the walk only descends through the others.
_VISITED = frozenset({
    ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef, ast.Call, ast.Assign, ast.AnnAssign,
    ast.ExceptHandler, ast.List, ast.Tuple, ast.Set, ast.Return, ast.Dict,
})


def read_module(tree: ast.Module, module: str, package: str, path: str = "") -> ModuleRecord:
    """Record what a module tells the rest of its project.

    ``package`` is where its relative imports start (the module itself for
    an ``__init__``).  Only calls into the module's own top-level package
    are kept, since only they can be questions about the project.
    """
    return _Reader(tree, module, package, path).record()


def _names_of(tree: ast.Module, module: str, package: str) -> module_facts.ModuleFacts:
    # ModuleFacts reads "is a package" from a file name ending in __init__.py;
    # for that name alone it also stats the working directory (locate_module),
    # an answer unused when the module name is given.  A plain module's
    # made-up name does not end in .py, so it touches no file at all.
    filename = "__init__.py" if package == module else "<module>"
    return module_facts.ModuleFacts(tree, filename, module_name=module)


class _Reader:
    """One iterative walk over a module, filling the record's tables."""

    def __init__(self, tree: ast.Module, module: str, package: str, path: str) -> None:
        self.module = module
        self.path = path
        self.names = _names_of(tree, module, package)
        self.project = module.partition(".")[0] + "."
        self.tree = tree
        self.classes: list[ClassRecord] = []
        self.calls: list[CallSite] = []
        self.unresolved: set[str] = set()
        self.referenced: set[str] = set()
        self.caught: set[str] = set()
        self.caught_opaque = False
        self.truncated = False
        self.shared: dict[Argument, Argument] = {}
        self.endpoints = EndpointFinder(self._resolve_name, module)

    def record(self) -> ModuleRecord:
        """Walk the module once and freeze what it found."""
        self._walk()
        return ModuleRecord(
            module=self.module,
            path=self.path,
            # The walk pops a stack; source order reads better in reports.
            classes=tuple(sorted(self.classes, key=lambda item: item.line)),
            endpoints=self.endpoints.entries(),
            calls=tuple(sorted(self.calls, key=lambda site: site.line)),
            unresolved_calls=frozenset(self.unresolved),
            referenced=frozenset(self.referenced),
            caught=frozenset(self.caught),
            caught_opaque=self.caught_opaque,
            reexports=_reexports(self.names, self.project),
            truncated=self.truncated,
        )

    def _walk(self) -> None:
        top = Scope(None, None, None, False, frozenset(), frozenset())
        stack: list[tuple[ast.AST, Scope, int]] = [(self.tree, top, 0)]
        push = stack.append
        child_fields, leaves, visited_kinds, node_type = (
            _CHILD_FIELDS, _LEAVES, _VISITED, ast.AST
        )
        visited = 0
        while stack:
            node, scope, depth = stack.pop()
            visited += 1
            if depth > MAX_DEPTH or visited > MAX_NODES:
                self.truncated = True
                continue
            kind = node.__class__
            inner = self._visit(node, scope) if kind in visited_kinds else scope
            depth += 1
            for field in child_fields.get(kind, ()):
                value = getattr(node, field, None)
                if value.__class__ is list:
                    for child in value:
                        if child.__class__ not in leaves and isinstance(child, node_type):
                            push((child, inner, depth))
                elif value.__class__ not in leaves and isinstance(value, node_type):
                    push((value, inner, depth))

    def _visit(self, node: ast.AST, scope: Scope) -> Scope:
        """Read one node; return the scope its children sit in."""
        if isinstance(node, ast.ClassDef):
            return self._read_class(node, scope)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return function_scope(node, scope, self.module)
        if isinstance(node, ast.Call):
            self._read_call(node, scope)
            self._note_values([*node.args, *(k.value for k in node.keywords)])
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            self._read_assignment(node, scope)
            self._note_values([node.value] if node.value else [])
        elif isinstance(node, ast.ExceptHandler) and node.type is not None:
            self._read_handler(node.type)
        elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            self._note_values(node.elts)
        elif isinstance(node, (ast.Return, ast.Dict)):
            self._note_values(node.values if isinstance(node, ast.Dict) else [node.value])
        return scope

    def _note_values(self, values: Sequence[ast.expr | None]) -> None:
        for value in values:
            if len(self.referenced) >= MAX_UNRESOLVED:
                return
            if isinstance(value, (ast.Name, ast.Attribute)):
                self.referenced.add(value.id if isinstance(value, ast.Name) else value.attr)

    def _read_class(self, node: ast.ClassDef, scope: Scope) -> Scope:
        owner = scope.owner(self.module)
        qualname = f"{owner}.<locals>.{node.name}" if scope.function else f"{owner}.{node.name}"
        methods = frozenset(
            s.name for s in node.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))
        )
        self.classes.append(ClassRecord(
            qualname=qualname,
            line=node.lineno,
            bases=tuple(self.names.qualify(base) for base in node.bases),
            declares_target=any(declares_target(s, self.names.qualify) for s in node.body),
            methods=methods,
        ))
        return Scope(qualname, None, None, False, frozenset(), frozenset())

    def _read_handler(self, caught: ast.expr) -> None:
        for item in caught.elts if isinstance(caught, ast.Tuple) else [caught]:
            qualname = self.names.qualify(item)
            if qualname is None:
                self.caught_opaque = True
            else:
                self.caught.add(qualname)

    def _resolve(self, func: ast.expr, scope: Scope) -> tuple[str | None, Via]:
        """The qualified callee of a call, and how the call reaches it."""
        if _is_super_call(func) and scope.owner_class:
            # Recorded on the calling class; ProjectFacts looks it up from
            # the ancestors' side.
            return f"{scope.owner_class}.{func.attr}", Via.SUPER
        dotted = naming.dotted_name(func)
        if dotted is None:
            return None, Via.NAME
        head, _, rest = dotted.partition(".")
        if head == scope.receiver and scope.owner_class:
            if scope.receiver_is_class and not rest:
                return scope.owner_class, Via.NAME  # ``cls(...)`` builds the class
            if rest and "." not in rest:
                return f"{scope.owner_class}.{rest}", Via.SELF
            return None, Via.NAME
        if head in scope.shadowed:
            return None, Via.NAME  # a local or a parameter, not the module's name
        return self.names.qualify_name(dotted), Via.NAME

    def _resolve_name(self, func: ast.expr, scope: Scope) -> str | None:
        callee, via = self._resolve(func, scope)
        return callee if via is Via.NAME else None

    def _read_call(self, call: ast.Call, scope: Scope) -> None:
        self.endpoints.read_call(call, scope)
        callee, via = self._resolve(call.func, scope)
        if callee is None:
            last = last_name(call.func)
            if last and len(self.unresolved) < MAX_UNRESOLVED:
                self.unresolved.add(last)
            return
        if not callee.startswith(self.project):
            return
        if len(self.calls) >= MAX_CALLS:
            self.truncated = True
            return
        caller = scope.owner(self.module)
        self.calls.append(
            _call_site(call, scope, (sys.intern(callee), caller, self.path), via, self.shared)
        )

    def _read_assignment(self, node: ast.Assign | ast.AnnAssign, scope: Scope) -> None:
        if node.value is None:
            return
        for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
            self.endpoints.read_assignment(target, node.value, scope)


def _reexports(names: module_facts.ModuleFacts, project: str) -> tuple[tuple[str, str], ...]:
    # ``from fleet.base import Manager`` and ``Manager = base.Manager``
    # both let another module name the class as ``<this module>.Manager``.
    bound = dict(names.imports)
    for local, value in names.aliases.items():
        bound[local] = names.qualify(value) or ""
    return tuple(sorted(
        (local, target) for local, target in bound.items() if target.startswith(project)
    ))


def _is_super_call(func: ast.expr) -> TypeGuard[ast.Attribute]:
    """``super().m`` or ``super(Cls, self).m``."""
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Call)
        and isinstance(func.value.func, ast.Name)
        and func.value.func.id == "super"
    )


def _call_site(
    call: ast.Call,
    scope: Scope,
    names: tuple[str, str, str],
    via: Via,
    shared: dict[Argument, Argument],
) -> CallSite:
    """What a call passes; ``names`` are its callee, caller and path."""
    # The same few arguments (``context``, ``None``) recur across calls:
    # one shared object each keeps a project's records small.
    positional: list[Argument] = []
    star_args = False
    for argument in call.args:
        if isinstance(argument, ast.Starred):
            star_args = True
            break
        classified = _classify(argument, scope)
        positional.append(shared.setdefault(classified, classified))
    keywords = []
    for keyword in call.keywords:
        if keyword.arg is not None:
            classified = _classify(keyword.value, scope)
            keywords.append((keyword.arg, shared.setdefault(classified, classified)))
    callee, caller, path = names
    return CallSite(
        callee=callee,
        caller=caller,
        path=path,
        line=call.lineno,
        positional=tuple(positional),
        keywords=tuple(keywords),
        star_args=star_args,
        star_kwargs=any(k.arg is None for k in call.keywords),
        via=via,
    )


def _classify(node: ast.expr, scope: Scope) -> Argument:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str):
            # A driver or option name is short; a translated message kept
            # whole would only cost memory.
            return Argument(ArgKind.STRING, node.value[:MAX_TEXT])
        if node.value is None or isinstance(node.value, (bool, int, float)):
            return Argument(ArgKind.CONSTANT, repr(node.value))
        return Argument(ArgKind.OTHER, "")
    if isinstance(node, ast.Name):
        return Argument(ArgKind.NAME, node.id, node.id in scope.parameters)
    dotted = naming.dotted_name(node)
    if dotted is not None:
        return Argument(ArgKind.ATTRIBUTE, dotted)
    return Argument(ArgKind.OTHER, "")
