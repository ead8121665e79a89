"""SRB1: whether a module beside the raising one ends a raised class.

A project class raised without a message is still a signal when a module
of the same package directory takes it: the module that defines the class
catches it by name (ironic's ``periodics.Stop``), or the raising function
is only ever called there under a handler that catches the class (cinder's
zadara driver translates ``ZadaraInvalidAccessKey`` of its connection
helper).  Handlers and calls are matched by their last name: the modules
sit side by side and name the same class and function.
"""

from __future__ import annotations

import ast
import dataclasses

from flake8_sched_robustness import naming
from flake8_sched_robustness.answers import Tri
from flake8_sched_robustness.statements import TRY_NODES, handled, reraises


@dataclasses.dataclass(frozen=True)
class _Place:
    """Where a node sits: the try bodies around it and its class."""

    guards: tuple[ast.Try, ...]
    owner: ast.ClassDef | None


def ends_raise(tree: ast.Module, class_name: str, function: str, home: bool = False) -> Tri:
    """Tell whether this module ends a raise of ``class_name`` in ``function``.

    YES when it defines the class and catches it, or when it calls the
    function and every such call sits under a handler that catches the
    class and does not re-raise it; NO when a call escapes; UNKNOWN when
    the module tells neither.  In another module (not ``home``, the raising
    one), a method call on ``self`` in a class with its own method of that
    name is that class's, not the raising function.
    """
    defines = catches = False
    guarded = escaped = False
    stack: list[tuple[ast.AST, _Place]] = [(tree, _Place((), None))]
    while stack:
        node, place = stack.pop()
        if isinstance(node, ast.ClassDef):
            defines = defines or node.name == class_name
        elif isinstance(node, ast.ExceptHandler) and _ends(node, class_name):
            catches = True
        elif isinstance(node, ast.Call) and _calls(node, function, None if home else place.owner):
            if any(_try_ends(guard, class_name) for guard in place.guards):
                guarded = True
            else:
                escaped = True
        stack.extend(_children(node, place))
    if escaped:
        return Tri.NO
    return Tri.YES if guarded or (defines and catches) else Tri.UNKNOWN


def _children(node: ast.AST, place: _Place) -> list[tuple[ast.AST, _Place]]:
    owner = node if isinstance(node, ast.ClassDef) else place.owner
    if isinstance(node, TRY_NODES):
        inner = _Place((node, *place.guards), owner)
        body = {id(statement) for statement in node.body}
        return [(child, inner if id(child) in body else _Place(place.guards, owner))
                for child in ast.iter_child_nodes(node)]
    if isinstance(node, naming.FUNCTION_NODES):
        place = _Place((), owner)  # a try outside a function does not guard its body
    return [(child, _Place(place.guards, owner)) for child in ast.iter_child_nodes(node)]


def _try_ends(guard: ast.Try, class_name: str) -> bool:
    return any(_ends(handler, class_name) for handler in guard.handlers)


def _ends(handler: ast.ExceptHandler, class_name: str) -> bool:
    """A handler that names the class and does not let it go on."""
    named = any(
        (naming.dotted_name(item) or "").rpartition(".")[2] == class_name
        for item in handled(handler)
    )
    return named and not reraises(handler)


def _calls(call: ast.Call, function: str, owner: ast.ClassDef | None) -> bool:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id == function
    if not isinstance(func, ast.Attribute) or func.attr != function:
        return False
    own_method = owner is not None and isinstance(func.value, ast.Name) and (
        func.value.id == "self"
        and any(isinstance(s, naming.FUNCTION_NODES) and getattr(s, "name", None) == function
                for s in owner.body)
    )
    return not own_method
