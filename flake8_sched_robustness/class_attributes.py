"""Classify what each attribute of a class holds, as the door reports it."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_sched_robustness import naming, statements


def attribute_kinds(node: ast.ClassDef) -> dict[str, str | None] | None:
    """What each attribute a class binds holds, spelled as literal_kind spells it.

    Names bound in the class body and ``self.name = ...`` in its methods
    count, as astroid counts them; a name bound in any way other than a
    plain assignment of a literal maps to None.  The answer is None as a
    whole when a method's receiver is rebound or shadowed, so that which
    attributes it sets cannot be told from the text.
    """
    found: dict[str, list[str | None]] = {}
    for statement in statements.scope_statements(node):
        for name in statements.statement_bindings(statement):
            value = statements.plain_assigned_value(statement, name)
            found.setdefault(name, []).append(naming.literal_kind(value))
    for method in node.body:
        if isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)) and not (
            _collect_receiver_bindings(method, found)
        ):
            return None
    return {
        name: (kinds[0] if len(set(kinds)) == 1 else "other") if None not in kinds else None
        for name, kinds in found.items()
    }


def _collect_receiver_bindings(
    method: ast.FunctionDef | ast.AsyncFunctionDef, found: dict[str, list[str | None]]
) -> bool:
    """Add what ``self.name = ...`` binds in a method; False if it cannot be told."""
    receiver, on_class = _receiver(method)
    if receiver is None:
        return True
    for inner in ast.walk(method):
        if inner is not method and isinstance(inner, naming.SCOPE_NODES) and (
            isinstance(inner, ast.ClassDef)
            or receiver in {arg.arg for arg in naming.parameters(inner.args)}
        ):
            return False  # another ``self`` in a nested scope
        for target, value in _attribute_bindings(inner):
            if isinstance(target, ast.Name):
                if target.id == receiver:
                    return False  # ``self = ...``
                continue
            owner = target.value
            if isinstance(owner, ast.Name) and owner.id == receiver:
                # ``cls.name = ...`` in a classmethod: left to astroid.
                kind = None if on_class else naming.literal_kind(value)
                found.setdefault(target.attr, []).append(kind)
    return True


def _receiver(method: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[str | None, bool]:
    """The name of a method's first parameter, and whether it is the class."""
    decorators = {naming.dotted_name(item) for item in method.decorator_list}
    positional = [*method.args.posonlyargs, *method.args.args]
    if "staticmethod" in decorators or not positional:
        return None, False
    return positional[0].arg, "classmethod" in decorators


def _attribute_bindings(
    node: ast.AST,
) -> Iterator[tuple[ast.Attribute | ast.Name, ast.expr | None]]:
    """Yield each Name or Attribute a statement binds, with the value when plain.

    A target inside an unpacking, an augmented assignment, a ``for`` or a
    ``with`` comes with None: its value is not one literal.
    """
    if isinstance(node, ast.Assign):
        for target in node.targets:
            if isinstance(target, (ast.Attribute, ast.Name)):
                yield target, node.value
            else:
                yield from ((inner, None) for inner in _nested_targets(target))
    elif isinstance(node, ast.AnnAssign) and isinstance(node.target, (ast.Attribute, ast.Name)):
        yield node.target, node.value
    elif not isinstance(node, ast.NamedExpr):  # a walrus cannot bind an attribute
        for target, _ in statements.binding_targets(node):
            yield from ((inner, None) for inner in _nested_targets(target))


def _nested_targets(target: ast.AST) -> Iterator[ast.Attribute | ast.Name]:
    stack = [target]
    while stack:
        item = stack.pop()
        if isinstance(item, (ast.Attribute, ast.Name)):
            yield item
        elif isinstance(item, (ast.Tuple, ast.List)):
            stack.extend(item.elts)
        elif isinstance(item, ast.Starred):
            stack.append(item.value)
