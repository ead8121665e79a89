"""Tell whether a function body only stands in for an implementation."""

from __future__ import annotations

import ast

from flake8_sched_robustness import module_facts, naming

Function = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
# Calls that build an empty container: ``return dict()`` is a literal.
EMPTY_CONSTRUCTORS = frozenset({
    "builtins.dict", "builtins.list", "builtins.set", "builtins.tuple",
    "builtins.frozenset", "builtins.str",
})
LOG_METHODS = frozenset({
    "debug", "info", "warning", "warn", "error", "exception", "critical",
})
LOGGERS = frozenset({"log", "logger", "logging", "_log", "_logger"})


def is_stub_body(
    function: Function, module: module_facts.ModuleFacts, i18n: frozenset[str]
) -> bool:
    """Whether a body only stands in for an implementation.

    After an optional docstring: nothing, ``pass``, ``...``, a bare
    ``return``, ``return`` of a literal or of a parameter unchanged, or a
    ``raise`` (possibly after assigning its message).  A lambda is a stub
    when it returns a literal.
    """
    if isinstance(function, ast.Lambda):
        return _is_literal(function.body, module)
    body = function.body
    if body and _is_docstring(body[0]):
        body = body[1:]
    if not body:
        return True
    *before, last = body
    if isinstance(last, ast.Raise):
        return all(
            _assigns_message(statement, i18n) or _is_logging(statement)
            for statement in before
        )
    if before:
        return False
    if isinstance(last, ast.Pass):
        return True
    if isinstance(last, ast.Expr):
        return isinstance(last.value, ast.Constant) and last.value.value is ...
    if isinstance(last, ast.Return):
        value = last.value
        return value is None or _is_literal(value, module) or (
            isinstance(value, ast.Name)
            and value.id in {arg.arg for arg in naming.parameters(function.args)}
        )
    return False


def does_no_work(
    function: Function, module: module_facts.ModuleFacts, i18n: frozenset[str]
) -> bool:
    """Whether a body does no work for its caller (SRB201's silence).

    A stub; a body that only returns a module-level constant or an
    attribute of ``self``; or one that only logs (then perhaps returns a
    literal).
    """
    if is_stub_body(function, module, i18n):
        return True
    if isinstance(function, ast.Lambda):
        return False
    body = function.body
    if body and _is_docstring(body[0]):
        body = body[1:]
    *before, last = body
    if isinstance(last, ast.Return) and not before:
        return last.value is not None and _is_fixed_value(last.value, module)
    if isinstance(last, ast.Return) and (last.value is None or _is_literal(last.value, module)):
        body = before
    return all(_is_logging(statement) for statement in body)


def _is_fixed_value(node: ast.expr, module: module_facts.ModuleFacts) -> bool:
    """A module-level constant, or an attribute of ``self`` (``return self.x``)."""
    if isinstance(node, ast.Name):
        return node.id in module.constant_kinds and node.id not in module.rebound
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    )


def _assigns_message(statement: ast.stmt, i18n: frozenset[str]) -> bool:
    """``msg = _("...") % {...}``: text prepared for the raise that follows."""
    return (
        isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
        and naming.is_literal_text(statement.value, i18n, calls_in_arguments=False)
    )


def _is_logging(statement: ast.stmt) -> bool:
    """``LOG.error(msg)``: a log call that explains the raise that follows."""
    if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)):
        return False
    callee = statement.value.func
    return (
        isinstance(callee, ast.Attribute)
        and callee.attr in LOG_METHODS
        and (naming.dotted_name(callee.value) or "").rpartition(".")[2].lower()
        in LOGGERS
    )


def _is_docstring(statement: ast.stmt) -> bool:
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )


def _is_literal(node: ast.expr, module: module_facts.ModuleFacts) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name):
        return node.id == "NotImplemented"
    if isinstance(node, ast.UnaryOp):
        return _is_literal(node.operand, module)
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return all(_is_literal(element, module) for element in node.elts)
    if isinstance(node, ast.Dict):
        return all(
            key is not None and _is_literal(key, module) for key in node.keys
        ) and all(_is_literal(value, module) for value in node.values)
    if isinstance(node, ast.Call) and not node.args and not node.keywords:
        return module.qualify(node.func) in EMPTY_CONSTRUCTORS
    return False
