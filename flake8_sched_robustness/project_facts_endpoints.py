"""Tell from source how a module serves classes over oslo.messaging RPC.

Two ways: a class declares a ``target`` (``declares_target``), or an
instance of it is handed to an RPC server as an endpoint (``EndpointFinder``).
The module walk in ``project_facts`` feeds every call and assignment to the
finder; once the walk is over, each item of an endpoints list is named by
the class it is an instance of, or recorded as unknown when the source
cannot tell (``self.manager`` built from a class that configuration names).
An unknown item is kept, never guessed.  The ``Scope`` a walk carries is
defined here, since the finder keys the lists it collects by it.
"""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Callable
from typing import NamedTuple

from flake8_sched_robustness import naming, statements

ENDPOINTS = "endpoints"
SERVER_CALLS = frozenset({"get_rpc_server", "get_server"})
# Notification endpoints have signatures oslo.messaging fixes; a list handed
# to a listener is no RPC endpoint list even when it is named ``endpoints``.
LISTENER_CALLS = frozenset({"get_notification_listener", "get_batch_notification_listener"})
MAX_ITEMS = 64  # per endpoints expression: real lists hold a few
TARGET_CLASSES = frozenset({"oslo_messaging.Target", "oslo_messaging.target.Target"})


class Scope(NamedTuple):
    """Where a node sits: its class, its function, their receiver and locals."""

    owner_class: str | None
    function: str | None
    receiver: str | None  # ``self`` (or ``cls`` in a classmethod)
    receiver_is_class: bool
    shadowed: frozenset[str]  # names the function binds, imports excepted
    parameters: frozenset[str]

    def owner(self, module: str) -> str:
        """The innermost function or class, else the module."""
        return self.function or self.owner_class or module


def function_scope(
    node: ast.FunctionDef | ast.AsyncFunctionDef, scope: Scope, module: str
) -> Scope:
    """The scope of a function's body, entered from the scope of its ``def``."""
    owner = scope.owner(module)
    qualname = f"{owner}.<locals>.{node.name}" if scope.function else f"{owner}.{node.name}"
    parameters = frozenset(arg.arg for arg in naming.parameters(node.args))
    bound = {
        name
        for statement in statements.scope_statements(node)
        if not isinstance(statement, (ast.Import, ast.ImportFrom))
        for name in statements.statement_bindings(statement)
    }
    # A closure inside a method still sees the method's ``self``.
    receiver, is_class = scope.receiver, scope.receiver_is_class
    if receiver in parameters or receiver in bound:
        receiver, is_class = None, False
    positional = [*node.args.posonlyargs, *node.args.args]
    decorators = {naming.dotted_name(d) for d in node.decorator_list}
    if scope.owner_class and not scope.function and positional and (
        "staticmethod" not in decorators
    ):
        receiver, is_class = positional[0].arg, "classmethod" in decorators
    return Scope(
        scope.owner_class if receiver else None,
        qualname,
        receiver,
        is_class,
        frozenset(bound | parameters | scope.shadowed) - {receiver},
        parameters,
    )


# The qualified name an expression spells at module level, or None.
Qualify = Callable[[ast.expr], "str | None"]
# The qualified name a callee spells at module level (not through
# ``self`` or ``super()``), or None.
Resolve = Callable[[ast.expr, Scope], "str | None"]
Key = tuple[str, str]  # (function, name) or (class, ".attr")


@dataclasses.dataclass(frozen=True, slots=True)
class EndpointEntry:
    """One item of an endpoints list; qualname None when the source cannot tell."""

    qualname: str | None
    text: str  # as written: ``SchedulerManager()``, ``self.manager``
    owner: str  # the function or class that builds the list
    line: int


class EndpointFinder:
    """Collect endpoint lists during a walk; name their items afterwards."""

    def __init__(self, resolve: Resolve, module: str) -> None:
        self.resolve = resolve
        self.module = module
        self.project = module.partition(".")[0] + "."
        # Values bound to ``self.attr`` per class and to names per function.
        self.values: dict[Key, list[ast.expr]] = {}
        self.lists: list[tuple[ast.expr, Scope, int, Key | None]] = []
        self.listener_lists: set[Key] = set()
        # Lists named ``endpoints`` that some call receives: a keystone
        # catalogue's ``endpoints`` that is only read is no RPC list.
        self.handed: set[Key] = set()

    def read_call(self, call: ast.Call, scope: Scope) -> None:
        """Note a call that hands a list to an RPC server or a listener."""
        name = last_name(call.func)
        grown = _grown_list(call, scope)
        if grown is not None:
            self.lists.append((call.args[0], scope, call.lineno, grown))
            return
        if isinstance(call.func, ast.Name) and name in naming.BUILTIN_NAMES:
            return  # len(endpoints) reads a list, it does not hand it over
        arguments = [list_key(a, scope) for a in [*call.args, *(k.value for k in call.keywords)]]
        keys = {key for key in arguments if key is not None}
        if name in LISTENER_CALLS:
            self.listener_lists.update(keys)
        else:
            self.handed.update(keys)
        if name in SERVER_CALLS:
            endpoints = _endpoints_argument(call, name)
            if endpoints is not None:
                self.lists.append((endpoints, scope, call.lineno, list_key(endpoints, scope)))

    def read_assignment(self, target: ast.expr, value: ast.expr, scope: Scope) -> None:
        """Note what a name or ``self.attr`` is bound to, and ``endpoints = [...]``."""
        key = list_key(target, scope)
        if key is None:
            return
        self.values.setdefault(key, []).append(value)
        if key[1].lstrip(".") == ENDPOINTS:
            self.lists.append((value, scope, value.lineno, key))

    def entries(self) -> tuple[EndpointEntry, ...]:
        """Every item handed over, once per (class, text, owner), first line kept."""
        found: dict[tuple[str | None, str, str], EndpointEntry] = {}
        for value, scope, line, key in sorted(self.lists, key=lambda item: item[2]):
            if key is not None and (key in self.listener_lists or key not in self.handed):
                continue
            owner = scope.owner(self.module)
            for item in self._listed(value, scope):
                entry = EndpointEntry(self._instance_class(item, scope), _text(item), owner, line)
                found.setdefault((entry.qualname, entry.text, owner), entry)
        return tuple(found.values())

    def _listed(self, value: ast.expr, scope: Scope) -> list[ast.expr]:
        """The items an endpoints expression lists; an opaque one is its own item."""
        stack, items = [value], list[ast.expr]()
        while stack and len(items) < MAX_ITEMS:
            node = stack.pop()
            if isinstance(node, (ast.List, ast.Tuple)):
                stack.extend(reversed(node.elts))
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
                stack.extend([node.right, node.left])
            elif self._single_list(node, scope) is not None:
                stack.append(self._single_list(node, scope))  # type: ignore[arg-type]
            else:
                items.append(node)
        return items

    def _single_list(self, node: ast.expr, scope: Scope) -> ast.expr | None:
        """The list a name is bound to, when it is bound once, to a list."""
        key = list_key(node, scope)
        values = self.values.get(key, []) if key is not None else []
        if len(values) == 1 and isinstance(values[0], (ast.List, ast.Tuple)):
            return values[0]
        return None

    def _instance_class(self, item: ast.expr, scope: Scope) -> str | None:
        """The project class an item is an instance of, when every binding agrees."""
        if isinstance(item, ast.Call):
            return self._built_class(item, scope)
        if isinstance(item, ast.Name) and item.id == scope.receiver:
            # ``endpoints=[self]``: the service serves itself (Barbican's TaskServer).
            return None if scope.receiver_is_class else scope.owner_class
        key = list_key(item, scope)
        if key is None or key[1] in scope.parameters:
            return None
        # ``self.manager = manager_cls(...)`` with manager_cls taken from
        # importutils or a parameter stays unknown: its callee does not resolve.
        classes = {
            self._built_class(v, scope) if isinstance(v, ast.Call) else None
            for v in self.values.get(key, [])
        }
        return classes.pop() if len(classes) == 1 else None

    def _built_class(self, call: ast.Call, scope: Scope) -> str | None:
        # A library callee (importutils.import_object) builds a class that
        # configuration names: unknown.  A project callee may still be a
        # factory function; ProjectFacts tells, knowing every class.
        callee = self.resolve(call.func, scope)
        if callee is None or not callee.startswith(self.project):
            return None
        return callee


def declares_target(statement: ast.stmt, qualify: Qualify) -> bool:
    """``target = Target(...)`` in a class body, or a ``target`` method returning one."""
    if isinstance(statement, ast.Assign):
        named = any(isinstance(t, ast.Name) and t.id == "target" for t in statement.targets)
        return named and _is_target(statement.value, qualify)
    if isinstance(statement, ast.AnnAssign):
        named = isinstance(statement.target, ast.Name) and statement.target.id == "target"
        return named and _is_target(statement.value, qualify)
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return statement.name == "target" and _returns_target(statement, qualify)
    return False


def _is_target(value: ast.expr | None, qualify: Qualify) -> bool:
    return isinstance(value, ast.Call) and qualify(value.func) in TARGET_CLASSES


def _returns_target(function: ast.FunctionDef | ast.AsyncFunctionDef, qualify: Qualify) -> bool:
    # ``return Target(...)``, or ``t = Target(...)`` (or ``self._t``, built
    # once and kept, as Manila's Manager does) and later ``return t``.
    built: set[str | None] = set()
    returned: set[str | None] = set()
    for node in statements.scope_statements(function):
        if isinstance(node, ast.Assign) and _is_target(node.value, qualify):
            built.update(naming.dotted_name(t) for t in node.targets)
        elif isinstance(node, ast.Return) and node.value is not None:
            if _is_target(node.value, qualify):
                return True
            returned.add(naming.dotted_name(node.value))
    return bool((built & returned) - {None})


def list_key(node: ast.expr, scope: Scope) -> Key | None:
    """Key a name by its function, ``self.attr`` by its class (as ``.attr``)."""
    if isinstance(node, ast.Name) and scope.function:
        return scope.function, node.id
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == scope.receiver
        and scope.owner_class
    ):
        return scope.owner_class, "." + node.attr
    return None


def _grown_list(call: ast.Call, scope: Scope) -> Key | None:
    """The endpoints list of ``endpoints.append(x)`` or ``self.endpoints.extend(xs)``."""
    func = call.func
    if not (
        isinstance(func, ast.Attribute)
        and func.attr in ("append", "extend")
        and len(call.args) == 1
    ):
        return None
    key = list_key(func.value, scope)
    return key if key is not None and key[1].lstrip(".") == ENDPOINTS else None


def _endpoints_argument(call: ast.Call, name: str | None) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == ENDPOINTS:
            return keyword.value
    # oslo's get_rpc_server(transport, target, endpoints); the wrappers
    # projects write take (target, endpoints, ...).
    position = 2 if name == "get_rpc_server" else 1
    if len(call.args) > position and not isinstance(call.args[position], ast.Starred):
        return call.args[position]
    return None


def last_name(func: ast.expr) -> str | None:
    """The last name of a callee: ``load`` for ``utils.load`` and ``load``."""
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else None


def _text(node: ast.expr) -> str:
    if isinstance(node, ast.Call):
        inner = naming.dotted_name(node.func)
        return f"{inner}()" if inner else "<call>"
    return naming.dotted_name(node) or f"<{type(node).__name__}>"
