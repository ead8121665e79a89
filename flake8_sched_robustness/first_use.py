"""Where a function first reads and first rebinds a name, by source position."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Iterator

from flake8_sched_robustness import naming, statements

Position = tuple[int, int]
Function = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
LocalNames = Callable[[ast.AST], frozenset[str]]
LambdaWalruses = Callable[[ast.Lambda], dict[str, Position]]
# Calls that read every local name at once.
FRAME_READERS = frozenset({"locals", "vars"})


def _start(node: ast.AST) -> Position:
    # Every node asked about is a statement, an expression or a pattern.
    line: int = getattr(node, "lineno", 0)
    column: int = getattr(node, "col_offset", 0)
    return line, column


def _end(node: ast.AST) -> Position:
    line: int = getattr(node, "end_lineno", 0) or getattr(node, "lineno", 0)
    column: int = getattr(node, "end_col_offset", 0) or 0
    return line, column


def find_first_reads(
    function: Function,
    names: frozenset[str],
    earliest: frozenset[str] | None = None,
    local_names: LocalNames = statements.local_names,
) -> dict[str, Position]:
    """Where each of ``names`` is first read in a function's body, by source position.

    Reads in nested functions, lambdas, classes and comprehensions count
    unless that scope binds the name for itself; ``locals()`` and
    ``vars()`` read every name; ``x += 1`` reads ``x``.  Only the names in
    ``earliest`` (all, when None) get their earliest read; for the others
    any read will do, and the walk stops once each of them has one.
    ``local_names`` gives a nested scope's own names (a memo, in a file's
    scope model).
    """
    first: dict[str, Position] = {}
    exact = names if earliest is None else earliest
    body = function.body if isinstance(function.body, list) else [function.body]
    stack: list[tuple[ast.AST, frozenset[str]]] = [(node, frozenset()) for node in body]
    while stack:
        node, hidden = stack.pop()
        kind = node.__class__
        if kind in _MAY_READ:
            _note_reads(node, names, hidden, first)
            if not exact and len(first) == len(names):
                break
            if kind is ast.Name:
                continue
        if kind in _NESTED_SCOPES:
            stack.extend(_children_with_hidden(node, names, hidden, local_names))
        else:
            stack.extend([(child, hidden) for child in naming.child_nodes(node)])
    return first


def _note_reads(
    node: ast.AST, names: frozenset[str], hidden: frozenset[str], first: dict[str, Position]
) -> None:
    for name, where in _reads_at(node, names, hidden):
        position = _start(where)
        if name not in first or position < first[name]:
            first[name] = position


# The node types _reads_at can find a read in, and those that open a scope.
_MAY_READ = frozenset({ast.Name, ast.AugAssign, ast.Call})
_NESTED_SCOPES = frozenset({*naming.FUNCTION_NODES, *naming.COMPREHENSIONS})


def _reads_at(
    node: ast.AST, names: frozenset[str], hidden: frozenset[str]
) -> Iterator[tuple[str, ast.AST]]:
    """The reads of ``names`` that this node itself makes."""
    if isinstance(node, ast.Name):
        if node.id in names and node.id not in hidden and isinstance(node.ctx, ast.Load):
            yield node.id, node
    elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
        if node.target.id in names and node.target.id not in hidden:
            yield node.target.id, node.target
    elif _is_frame_read(node):
        for name in names - hidden:
            yield name, node


def _is_frame_read(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in FRAME_READERS
        and not node.args
        and not node.keywords
    )


def _children_with_hidden(
    node: ast.AST, names: frozenset[str], hidden: frozenset[str], local_names: LocalNames
) -> Iterator[tuple[ast.AST, frozenset[str]]]:
    """A node's children, each with the names a nested scope binds for itself."""
    if isinstance(node, naming.FUNCTION_NODES):
        args = node.args
        outer: list[ast.AST] = [*args.defaults, *(d for d in args.kw_defaults if d)]
        if not isinstance(node, ast.Lambda):
            outer.extend(node.decorator_list)
        inner_hidden = hidden | (names & local_names(node))
        yield from ((child, hidden) for child in outer)
        if names <= inner_hidden:
            return  # nothing read in there can be ours: nested lambda chains stay linear
        inner = node.body if isinstance(node.body, list) else [node.body]
        yield from ((child, inner_hidden) for child in inner)
        return
    if isinstance(node, naming.COMPREHENSIONS):
        bound = {
            name for generator in node.generators
            for name in naming.bound_names(generator.target)
        }
        inner_hidden = hidden | (names & bound)
        first_iter = node.generators[0].iter  # evaluated in the enclosing scope
        yield first_iter, hidden
        if names <= inner_hidden:
            return
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.comprehension):
                for part in (child.target, *child.ifs):
                    yield part, inner_hidden
                if child.iter is not first_iter:
                    yield child.iter, inner_hidden
            else:
                yield child, inner_hidden
        return
    yield from ((child, hidden) for child in ast.iter_child_nodes(node))


def _own_scope(
    function: ast.FunctionDef | ast.AsyncFunctionDef, walrus: bool
) -> Iterator[ast.AST]:
    """The nodes of a def's own scope that can bind a name.

    Its statements, from the shared statement pass, and match patterns;
    expressions are entered only when ``walrus`` says one could bind there.
    """
    for statement in statements.scope_statements(function):
        yield statement
        if isinstance(statement, ast.Match):
            for case in statement.cases:
                yield from ast.walk(case.pattern)
        if walrus and not isinstance(statement, naming.SCOPE_NODES):
            yield from (
                node for node in _statement_expressions(statement)
                if isinstance(node, ast.NamedExpr)
            )


def _statement_expressions(statement: ast.AST) -> Iterator[ast.AST]:
    """The expressions of one statement, not those of the statements it holds."""
    for field, value in ast.iter_fields(statement):
        if field in ("body", "orelse", "finalbody", "handlers", "cases"):
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, ast.AST):
                yield from ast.walk(item)


def _landings(node: ast.AST) -> Iterator[tuple[str, Position]]:
    """The names a node binds in its scope, each with where the binding lands.

    An assignment binds after its value is evaluated, so a read in the
    value (``context = context.elevated()``) comes first.
    """
    for target, evaluated_first in statements.binding_targets(node):
        # ``del x`` and ``x: int`` bind no new value; ``x += 1`` reads x first.
        if evaluated_first is None or isinstance(node, ast.AugAssign):
            continue
        landing = _end(evaluated_first)
        for name in naming.bound_names(target):
            yield name, landing
    if isinstance(node, (ast.ExceptHandler, ast.Import, ast.ImportFrom, ast.FunctionDef,
                         ast.AsyncFunctionDef, ast.ClassDef)):
        for name in statements.statement_bindings(node):
            yield name, _start(node)
    elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
        yield node.name, _start(node)
    elif isinstance(node, ast.MatchMapping) and node.rest:
        yield node.rest, _start(node)


def find_first_bindings(
    function: Function,
    names: frozenset[str],
    walrus: bool = True,
    lambda_walruses: LambdaWalruses | None = None,
) -> dict[str, Position]:
    """Where each of ``names`` is first rebound in the function's own scope.

    ``walrus`` False says the function's text holds no ``:=``, which spares
    a walk through its expressions.  Only a walrus binds in a lambda:
    ``lambda_walruses`` gives where each name one binds there first lands
    (a file's table, from its scope model), else the lambda is walked.
    """
    if isinstance(function, ast.Lambda):
        if not walrus:
            return {}
        landings = (lambda_walruses or _walruses_of)(function)
        return {name: landings[name] for name in names if name in landings}
    first: dict[str, Position] = {}
    for node in _own_scope(function, walrus):
        for name, position in _landings(node):
            if name in names and (name not in first or position < first[name]):
                first[name] = position
    return first


def _walruses_of(function: ast.Lambda) -> dict[str, Position]:
    return walrus_landings(function)[id(function)]


def walrus_landings(tree: ast.AST) -> dict[int, dict[str, Position]]:
    """For each lambda in ``tree``, by id: where each name a walrus in its
    body binds first lands.

    One walk for the whole tree.  A lambda's table is its own walruses'
    merged with those of the lambdas nested in its body (which the walk
    finishes first), so a chain of nested lambdas costs one pass, not one
    per lambda.
    """
    tables: dict[int, dict[str, Position]] = {}
    # (node, the lambda whose body holds it, whether the node is a lambda
    # whose body is done)
    stack: list[tuple[ast.AST, ast.Lambda | None, bool]] = [(tree, None, False)]
    while stack:
        node, owner, done = stack.pop()
        if done:
            if owner is not None:
                _keep_earliest(tables[id(owner)], tables[id(node)].items())
            continue
        if owner is not None and isinstance(node, ast.NamedExpr):
            _keep_earliest(tables[id(owner)], _landings(node))
        if isinstance(node, ast.Lambda):
            tables[id(node)] = {}
            stack.append((node, owner, True))
            stack.append((node.args, owner, False))  # defaults: evaluated outside
            stack.append((node.body, node, False))
        else:
            stack.extend((child, owner, False) for child in ast.iter_child_nodes(node))
    return tables


def _keep_earliest(
    first: dict[str, Position], landings: Iterable[tuple[str, Position]]
) -> None:
    for name, position in landings:
        if name not in first or position < first[name]:
            first[name] = position
