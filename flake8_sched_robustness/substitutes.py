"""SRB2: the other context a function works with in place of the caller's.

A body that never reads its context parameter but calls a context factory
(``get_admin_context()``) or hands ``None`` over as a context has replaced
the caller's context (SRB202); this module finds the first such substitute.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator

from flake8_sched_robustness import codes, module_facts, naming

Function = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
NONE = "None"
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def spell_substitute(value: ast.expr) -> str:
    """Spell a substitute for a message: a call by its callee, ``f()``."""
    if isinstance(value, ast.Call):
        return codes.spell(value.func) + "()"
    return codes.spell(value)


class SubstituteFinder:
    """Find the first other context a function's body uses, in source order."""

    def __init__(
        self,
        module: module_facts.ModuleFacts,
        factories: frozenset[str],
        context_names: frozenset[str],
        owner: ast.ClassDef | None,
    ) -> None:
        self.module = module
        self.factories = factories
        self.context_names = context_names
        self.owner = owner

    def first_substitute(self, function: Function) -> str:
        """The first substitute spelled for a message, or "" when there is none."""
        calls = sorted(_calls(function), key=lambda call: (call.lineno, call.col_offset))
        for call in calls:
            found = self._substitute_in(call)
            if found:
                return found
        return ""

    def _substitute_in(self, call: ast.Call) -> str:
        if self._is_factory(call.func):
            return spell_substitute(call)
        if any(
            keyword.arg in self.context_names and _is_none(keyword.value)
            for keyword in call.keywords
        ):
            return NONE
        positions = self._context_positions(call.func)
        if any(
            index < len(call.args) and _is_none(call.args[index]) for index in positions
        ):
            return NONE
        return ""

    def _is_factory(self, func: ast.expr) -> bool:
        return naming.name_matches(func, self.module.qualify, self.factories)

    def _context_positions(self, func: ast.expr) -> list[int]:
        """Where a callee of this module takes a context positionally."""
        callee, skip = self._callee(func)
        if callee is None:
            return []
        args = callee.args
        positional = [*args.posonlyargs, *args.args][skip:]
        return [i for i, arg in enumerate(positional) if arg.arg in self.context_names]

    def _callee(self, func: ast.expr) -> tuple[ast.FunctionDef | ast.AsyncFunctionDef | None, int]:
        """A module-level function ``f(...)`` or a method ``self.m(...)`` of the owner."""
        if isinstance(func, ast.Name):
            return self.module.functions.get(func.id), 0
        if (
            self.owner is not None
            and isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id == "self"
        ):
            method = _method(self.owner.body, func.attr)
            if method is not None and not _is_static(method):
                return method, 1
        return None, 0


def _calls(function: Function) -> Iterator[ast.Call]:
    """The calls of a function's own scope: a nested def or lambda is judged
    on its own, which also keeps chains of nested lambdas linear."""
    body: Iterable[ast.AST] = [function.body] if isinstance(function, ast.Lambda) else function.body
    pending = [node for node in body if not isinstance(node, _SCOPES)]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Call):
            yield node
        pending.extend(
            child for child in ast.iter_child_nodes(node) if not isinstance(child, _SCOPES)
        )


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _method(
    body: list[ast.stmt], name: str
) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    found = None
    for statement in body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and (
            statement.name == name
        ):
            found = statement  # the last definition wins, as at run time
    return found


def _is_static(method: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any(
        naming.dotted_name(decorator) == "staticmethod" for decorator in method.decorator_list
    )
