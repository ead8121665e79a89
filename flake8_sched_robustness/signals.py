"""SRB1 signals: raises whose exception no operator reads, or reads explained.

A raise is a signal when a handler nearby takes the exception (in the same
function or, for a closure, in the function around it; a handler of the
same module that names its project class; or a module beside it, see
``beside``),
when a Python protocol method raises it by definition (``KeyError`` in
``__getitem__``), or when the statement just before it logs the
explanation at warning level or above.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from flake8_sched_robustness import module_facts, naming, scopes, statements
from flake8_sched_robustness.statements import TRY_NODES, handled, reraises

GENERIC_EXCEPTIONS = frozenset({"builtins.Exception", "builtins.BaseException"})

_LOOKUP = frozenset({"builtins.KeyError", "builtins.IndexError", "builtins.LookupError"})
_ATTRIBUTE = frozenset({"builtins.AttributeError"})
_OPERAND = frozenset({"builtins.TypeError", "builtins.ValueError"})
# Operator and conversion methods: the interpreter turns their TypeError or
# ValueError into the caller's own error ("unsupported operand", "invalid
# literal"), so the raise itself is the protocol's answer.
_OPERATORS = ("add", "sub", "mul", "matmul", "truediv", "floordiv", "mod", "divmod",
              "pow", "lshift", "rshift", "and", "xor", "or")
OPERATOR_DUNDERS = frozenset(
    [f"__{op}__" for op in _OPERATORS]
    + [f"__r{op}__" for op in _OPERATORS]
    + [f"__i{op}__" for op in _OPERATORS if op != "divmod"]
    + [f"__{name}__" for name in (
        "neg", "pos", "abs", "invert", "eq", "ne", "lt", "le", "gt", "ge", "hash",
        "index", "int", "float", "complex", "bool", "round", "trunc", "floor", "ceil",
        "bytes", "fspath", "format",
    )]
)
PROTOCOL_SIGNALS: dict[str, frozenset[str]] = {
    **{name: _LOOKUP for name in ("__getitem__", "__delitem__", "__missing__")},
    **{name: _ATTRIBUTE for name in ("__getattr__", "__getattribute__", "__delattr__")},
    **{name: _OPERAND for name in OPERATOR_DUNDERS},
}
# Logger methods at warning level or above; info and debug explain nothing
# to an operator who reads warnings and errors.
WARNING_METHODS = frozenset({"warning", "warn", "error", "exception", "critical", "fatal"})
# The words of a receiver's last name that make it a logger: LOG, _LOG,
# logger, audit_log, logging (not catalog, dialog).
LOGGER_WORDS = frozenset({"log", "logger", "logging"})

# ancestors(qualname): the class and every ancestor that can be resolved.
Ancestors = Callable[[str], frozenset[str]]


class Signals:
    """Tell, for one module, whether a raise is a signal."""

    def __init__(
        self,
        module: module_facts.ModuleFacts,
        file_scopes: scopes.FileScopes,
        ancestors: Ancestors,
    ) -> None:
        self.module = module
        self.scopes = file_scopes
        self.ancestors = ancestors
        self._project_prefix = module.name.partition(".")[0] + "."
        self._module_caught: frozenset[str] | None = None

    def caught_here(self, site: module_facts.RaiseSite, qualname: str | None) -> bool:
        """Whether a handler of the same function catches it and does not re-raise.

        tests/cases/raises/caught_locally.py pins the shapes.
        """
        caught_by = self.ancestors(qualname) if qualname else frozenset()
        return any(self._keeps(guard, caught_by) for guard in site.guards)

    def _keeps(self, guard: ast.Try, caught_by: frozenset[str]) -> bool:
        """Whether the try's first handler that catches the exception keeps it
        (does not re-raise); when it re-raises, an outer try may still catch it."""
        for handler in guard.handlers:
            if self._handler_catches(handler, caught_by):
                return not reraises(handler)
        return False

    def caught_by_enclosing(self, site: module_facts.RaiseSite, qualname: str | None) -> bool:
        """Whether the raise sits in a closure that its enclosing function only
        calls, each call under a handler there that catches it and does not
        re-raise.  A closure used any other way (returned, handed over) may be
        called from anywhere.  tests/cases/raises/caught_by_enclosing.py pins it.
        """
        closure = site.scope
        # The statement pass knows each def's enclosing function: no parent
        # map of a big module is built for the many raises in methods.
        outer = self.module.enclosing_function(closure)
        if outer is None or not isinstance(closure, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return False
        caught_by = self.ancestors(qualname) if qualname else frozenset()
        uses = [
            node for node in ast.walk(outer)
            if isinstance(node, ast.Name) and node.id == closure.name
            and isinstance(node.ctx, ast.Load)
        ]
        return bool(uses) and all(self._call_caught(use, outer, caught_by) for use in uses)

    def _call_caught(self, use: ast.Name, outer: ast.AST, caught_by: frozenset[str]) -> bool:
        """Whether ``use`` is the callee of a call that a handler of ``outer`` ends."""
        call = self.scopes.parent_of(use)
        if not (isinstance(call, ast.Call) and call.func is use):
            return False
        for child, parent in self.scopes.ancestors(call):
            if isinstance(parent, naming.SCOPE_NODES):
                return False  # another scope: called from wherever that one runs
            if isinstance(parent, TRY_NODES) and child in parent.body and (
                self._keeps(parent, caught_by)
            ):
                return True
        return False

    def is_project_class(self, qualname: str) -> bool:
        """Whether a qualified name lies in the linted module's own project."""
        return qualname.startswith(self._project_prefix)

    def caught_in_module(self, qualname: str) -> bool:
        """Whether the module names a project class, or a project ancestor of it,
        in one of its handlers.

        A class that cannot be resolved has no known ancestors: only its own
        name counts.  tests/cases/raises/lantern/ pins the shapes.
        """
        if not self.is_project_class(qualname):
            return False
        caught = self._caught_names()
        if qualname in caught:
            return True
        if not caught:
            return False
        project = {name for name in self.ancestors(qualname)
                   if name.startswith(self._project_prefix)}
        return bool(project & caught)

    def _caught_names(self) -> frozenset[str]:
        if self._module_caught is None:
            names: set[str] = set()
            for handler in self.module.handlers:
                names.update(
                    name for name in map(self.module.qualify, handled(handler)) if name
                )
            self._module_caught = frozenset(names - GENERIC_EXCEPTIONS)
        return self._module_caught

    def _handler_catches(self, handler: ast.ExceptHandler, ancestry: frozenset[str]) -> bool:
        if handler.type is None:
            return True
        for caught in handled(handler):
            name = self.module.qualify(caught)
            if name in ancestry or name in GENERIC_EXCEPTIONS:
                return True
        return False


def protocol_signal(function: ast.AST, ancestry: frozenset[str]) -> bool:
    """Whether a protocol method raises the exception its protocol defines."""
    if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    return bool(PROTOCOL_SIGNALS.get(function.name, frozenset()) & ancestry)


def explained_before(raise_node: ast.Raise, file_scopes: scopes.FileScopes) -> bool:
    """Whether the statement just before the raise, in its block, logs or
    prints the explanation at warning level or above."""
    parent = file_scopes.parent_of(raise_node)
    located = statements.siblings(parent, raise_node) if parent is not None else None
    if located is None:
        return False
    block, index = located
    return index > 0 and _warns(block[index - 1])


def _warns(statement: ast.stmt) -> bool:
    """``LOG.error(...)`` on a logger-like receiver, or ``print(..., file=sys.stderr)``."""
    if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)):
        return False
    call = statement.value
    func = call.func
    if isinstance(func, ast.Attribute):
        receiver = (naming.dotted_name(func.value) or "").rpartition(".")[2]
        words = set(receiver.lower().split("_"))
        return func.attr in WARNING_METHODS and bool(words & LOGGER_WORDS)
    if isinstance(func, ast.Name) and func.id == "print":
        return any(
            keyword.arg == "file" and naming.dotted_name(keyword.value) == "sys.stderr"
            for keyword in call.keywords
        )
    return False
