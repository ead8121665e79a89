"""Walk one scope's statements and tell which names each of them binds."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_sched_robustness import naming

BLOCK_FIELDS = ("body", "orelse", "finalbody", "handlers", "cases")
TRY_NODES = (ast.Try, getattr(ast, "TryStar", ast.Try))


def _statement_fields() -> dict[type, tuple[str, ...]]:
    kinds = (ast.stmt, ast.excepthandler, ast.match_case)
    table = {}
    for value in vars(ast).values():
        if isinstance(value, type) and issubclass(value, kinds):
            table[value] = tuple(field for field in value._fields if field in BLOCK_FIELDS)
    return table


# The fields of each statement kind that hold further statements.
STATEMENT_FIELDS = _statement_fields()


def scope_statements(scope: ast.AST) -> Iterator[ast.AST]:
    """Yield a scope's statements (and except handlers), not entering nested
    functions or classes; their ``def`` and ``class`` statements are yielded."""
    body = getattr(scope, "body", ())
    stack = list(body) if isinstance(body, list) else []  # a lambda has none
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, naming.SCOPE_NODES):
            for field in STATEMENT_FIELDS.get(node.__class__, ()):
                stack.extend(getattr(node, field))


def walk_scope(node: ast.AST) -> Iterator[ast.AST]:
    """Walk a scope's nodes, expressions included, without entering nested
    functions or classes."""
    stack = list(ast.iter_child_nodes(node))
    while stack:
        child = stack.pop()
        yield child
        if not isinstance(child, naming.SCOPE_NODES):
            stack.extend(ast.iter_child_nodes(child))


def binding_targets(node: ast.AST) -> Iterator[tuple[ast.expr, ast.expr | None]]:
    """Each target a node binds or deletes, with what is evaluated before it binds.

    An annotation without a value and ``del`` come with None: they bind
    (or unbind) no value.
    """
    if isinstance(node, ast.Assign):
        for target in node.targets:
            yield target, node.value
    elif isinstance(node, ast.Delete):
        for target in node.targets:
            yield target, None
    elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.NamedExpr)):
        yield node.target, node.value
    elif isinstance(node, (ast.For, ast.AsyncFor)):
        yield node.target, node.iter
    elif isinstance(node, (ast.With, ast.AsyncWith)):
        for item in node.items:
            if item.optional_vars is not None:
                yield item.optional_vars, item.context_expr


def statement_bindings(node: ast.AST) -> Iterator[str]:
    """Yield the names one statement binds in its own scope.

    Walrus targets inside expressions are not seen: binding a name this way
    in a statement the rules care about is too rare to pay a full walk for.
    """
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        yield node.name
    elif isinstance(node, (ast.Import, ast.ImportFrom)):
        for local, _ in naming.import_bindings(node, ""):
            yield local
    elif isinstance(node, ast.ExceptHandler) and node.name:
        yield node.name
    if isinstance(node, ast.stmt):
        for target, _ in binding_targets(node):
            yield from naming.bound_names(target)


def local_names(function: ast.AST) -> frozenset[str]:
    """Names bound in a function's own scope, parameters included."""
    found: set[str] = set()
    if isinstance(function, naming.FUNCTION_NODES):
        found.update(arg.arg for arg in naming.parameters(function.args))
    declared_outer: set[str] = set()
    for node in scope_statements(function):
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            declared_outer.update(node.names)
        else:
            found.update(statement_bindings(node))
    return frozenset(found - declared_outer)


def plain_assigned_value(statement: object, name: str) -> ast.expr | None:
    """The value a plain ``name = value`` (or annotated) statement binds."""
    if isinstance(statement, ast.Assign) and any(
        isinstance(target, ast.Name) and target.id == name for target in statement.targets
    ):
        return statement.value
    if (
        isinstance(statement, ast.AnnAssign)
        and isinstance(statement.target, ast.Name)
        and statement.target.id == name
    ):
        return statement.value
    return None


def siblings(parent: ast.AST, child: ast.AST) -> tuple[list[ast.stmt], int] | None:
    """The block of ``parent`` that holds ``child``, and the child's index in it."""
    for field in ("body", "orelse", "finalbody", "handlers"):
        block = getattr(parent, field, None)
        if isinstance(block, list):
            for index, item in enumerate(block):
                if item is child:
                    return block, index
    return None


def handled(handler: ast.ExceptHandler) -> list[ast.expr]:
    """The exception expressions an except clause names (a tuple's items)."""
    if handler.type is None:
        return []
    return list(handler.type.elts) if isinstance(handler.type, ast.Tuple) else [handler.type]


def reraises(handler: ast.ExceptHandler) -> bool:
    """Tell whether an except handler lets the caught exception go on."""
    for node in scope_statements(handler):
        if isinstance(node, ast.Raise) and (
            node.exc is None
            or (isinstance(node.exc, ast.Name) and node.exc.id == handler.name)
        ):
            return True
        if isinstance(node, (ast.With, ast.AsyncWith)) and any(
            "reraise" in (naming.dotted_name(getattr(item.context_expr, "func", item.context_expr))
                          or "")
            for item in node.items
        ):
            return True  # oslo_utils.excutils.save_and_reraise_exception()
    return False
