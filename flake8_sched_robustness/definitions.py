"""What one statement binds, with which value, and whether every path binds it."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from flake8_sched_robustness import naming, statements

EXITS = (ast.Raise, ast.Return, ast.Continue, ast.Break)
# Methods that add to a collection in place: ``names.append(x)``.
MUTATORS = frozenset({"append", "extend", "insert", "add", "update"})


class Definition(NamedTuple):
    """One binding of a name: where it lands, its value when known, and its kind.

    ``kind`` is "value" for a binding whose value is an expression (or
    the iterable a loop takes it from), "fallback" for ``name = name or
    DEFAULT``, "import" for an import and "other" for a def, a class, a
    with-target or an except handler.
    """

    node: ast.AST
    value: ast.expr | None
    kind: str


def scope_definitions(scope: ast.AST) -> dict[str, list[Definition]]:
    """Every binding of each name in a scope's own statements, in source order."""
    found: dict[str, list[Definition]] = {}
    for stmt in statements.walk_scope(scope):
        if isinstance(stmt, ast.stmt):
            for name, value, kind in statement_definitions(stmt):
                found.setdefault(name, []).append(Definition(stmt, value, kind))
    return found


def statement_definitions(stmt: ast.stmt) -> Iterator[tuple[str, ast.expr | None, str]]:
    """(name, value, kind) for each name one statement binds by itself."""
    if isinstance(stmt, ast.Assign):
        for target in stmt.targets:
            for name in target_names(target):
                yield name, unpacked_value(target, stmt.value, name), "value"
    elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
        if stmt.value is not None:
            for name in target_names(stmt.target):
                yield name, stmt.value, "value"
    elif isinstance(stmt, (ast.For, ast.AsyncFor)):
        for name in target_names(stmt.target):
            yield name, stmt.iter, "value"
    else:
        yield from _opaque_definitions(stmt)


def _opaque_definitions(stmt: ast.stmt) -> Iterator[tuple[str, ast.expr | None, str]]:
    """Bindings whose value is no string: imports, definitions, with-targets."""
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        for name in statements.statement_bindings(stmt):
            yield name, None, "import"
    elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        yield stmt.name, None, "other"
    elif isinstance(stmt, (ast.With, ast.AsyncWith)):
        for item in stmt.items:
            if item.optional_vars is not None:
                for name in naming.bound_names(item.optional_vars):
                    yield name, None, "other"


def target_names(target: ast.expr) -> Iterator[str]:
    """Names and attribute chains (``self.driver``) an assignment target binds."""
    if isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            yield from target_names(element)
    elif isinstance(target, ast.Starred):
        yield from target_names(target.value)
    else:
        dotted = naming.dotted_name(target)
        if dotted:
            yield dotted


def unpacked_value(target: ast.expr, value: ast.expr, name: str) -> ast.expr:
    """The part of ``value`` that ``name`` receives in ``a, b = x, y``."""
    if isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, (ast.Tuple, ast.List)):
        if len(target.elts) == len(value.elts):
            for element, part in zip(target.elts, value.elts):
                if name in target_names(element):
                    return unpacked_value(element, part, name)
    return value


def definitions_within(stmt: ast.stmt, name: str) -> Iterator[Definition]:
    """Every binding of ``name`` in a statement and the blocks inside it."""
    for node in [stmt, *statements.walk_scope(stmt)]:
        added = added_by_mutation(node, name)
        if added is not None:
            yield Definition(node, added, "value")
        elif isinstance(node, ast.NamedExpr) and node.target.id == name:
            yield Definition(node, node.value, "value")
        elif isinstance(node, ast.ExceptHandler) and node.name == name:
            yield Definition(node, None, "other")
        elif isinstance(node, ast.stmt):
            for bound, value, kind in statement_definitions(node):
                if bound != name:
                    continue
                if (
                    isinstance(value, ast.BoolOp) and isinstance(value.op, ast.Or)
                    and isinstance(value.values[0], ast.Name) and value.values[0].id == name
                ):
                    kind = "fallback"
                yield Definition(node, value, kind)


def added_by_mutation(node: ast.AST, name: str) -> ast.expr | None:
    """What ``name.append(x)`` / ``name.extend(xs)`` adds to a collection."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return None
    method = node.func.attr
    if method not in MUTATORS or naming.dotted_name(node.func.value) != name or not node.args:
        return None
    return node.args[-1]


def always_binds(stmt: ast.stmt, name: str) -> bool:
    """Whether every path through a statement binds ``name``."""
    if isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.Import, ast.ImportFrom,
                         ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
                         ast.With, ast.AsyncWith)):
        if any(bound == name for bound, _, _ in statement_definitions(stmt)):
            return True
    if isinstance(stmt, (ast.With, ast.AsyncWith)):
        return any(always_binds(inner, name) for inner in stmt.body)
    if isinstance(stmt, ast.If):
        return _block_binds(stmt.body, name) and _block_binds(stmt.orelse, name)
    return False


def _block_binds(block: list[ast.stmt], name: str) -> bool:
    for stmt in block:
        if always_binds(stmt, name):
            return True
        if isinstance(stmt, EXITS):
            return True  # this path never reaches the code after the block
    return False


def attribute_definitions(klass: ast.ClassDef, attr: str) -> Iterator[tuple[ast.AST, ast.expr]]:
    """Class-body and ``self.attr = ...`` assignments of an attribute."""
    for stmt in klass.body:
        if isinstance(stmt, ast.Assign) and any(
            attr in naming.bound_names(target) for target in stmt.targets
        ):
            yield stmt, stmt.value
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield from _method_assignments(stmt, attr)


def _method_assignments(
    method: ast.FunctionDef | ast.AsyncFunctionDef, attr: str
) -> Iterator[tuple[ast.AST, ast.expr]]:
    for node in ast.walk(method):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Attribute) and t.attr == attr
            and isinstance(t.value, ast.Name) and t.value.id in ("self", "cls")
            for t in node.targets
        ):
            yield node, node.value
        for receiver in ("self", "cls"):
            added = added_by_mutation(node, f"{receiver}.{attr}")
            if added is not None:
                yield node, added


def reaching_definitions(
    name: str, ancestry: Iterable[tuple[ast.AST, ast.AST]]
) -> list[Definition]:
    """The bindings of ``name`` that may reach a node, given its (child, parent) chain.

    Walks back through the statements before the node and out through the
    blocks that enclose it; an unconditional binding ends the walk.
    """
    found: list[Definition] = []
    for child, parent in ancestry:
        bound_by_loop = _loop_definition(parent, child, name)
        if bound_by_loop is not None:
            if isinstance(parent, naming.COMPREHENSIONS):
                return [bound_by_loop]
            return [*found, bound_by_loop]
        located = statements.siblings(parent, child)
        if located is None:
            continue
        block, index = located
        for sibling in reversed(block[:index]):
            found.extend(definitions_within(sibling, name))
            if always_binds(sibling, name):
                return found
        if isinstance(parent, ast.Try) and block is not parent.body:
            for stmt in parent.body:
                found.extend(definitions_within(stmt, name))
    return found


def reaches_top(name: str, ancestry: Iterable[tuple[ast.AST, ast.AST]]) -> bool:
    """Whether some path from the scope's start reaches a node with ``name`` unbound."""
    for child, parent in ancestry:
        if _loop_definition(parent, child, name) is not None:
            return False
        located = statements.siblings(parent, child)
        if located is None:
            continue
        block, index = located
        if any(always_binds(sibling, name) for sibling in block[:index]):
            return False
    return True


def _loop_definition(parent: ast.AST, child: ast.AST, name: str) -> Definition | None:
    """The binding of ``name`` by a loop or comprehension that ``child`` runs in."""
    if isinstance(parent, naming.COMPREHENSIONS):
        for generator in parent.generators:
            if name in target_names(generator.target):
                return Definition(parent, generator.iter, "value")
    if isinstance(parent, (ast.For, ast.AsyncFor)) and child in parent.body and (
        name in target_names(parent.target)
    ):
        return Definition(parent, parent.iter, "value")
    return None
