"""Describe a class in plain data (ClassFacts) from its stdlib-ast definition."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Callable, Mapping

from flake8_sched_robustness.messages import builds_message
from flake8_sched_robustness.naming import bound_names

# Classes nested deeper than this inside a class are not described.
MAX_CLASS_NESTING = 3

# Class attribute values kept in summaries: enough to judge a message.
_COMPACT_VALUES = (ast.Constant, ast.JoinedStr, ast.Name, ast.Attribute, ast.Call, ast.BinOp)


@dataclasses.dataclass(frozen=True)
class ClassFacts:
    """What the rules need to know about one class, in plain data.

    ``bases`` holds each base's qualified name, or None where a base cannot
    be resolved; ``attributes`` maps class-level names assigned by a plain
    assignment to their value (a stdlib expression), or to None where the
    name is bound some other way.
    """

    qualname: str
    bases: tuple[str | None, ...] = ()
    attributes: Mapping[str, ast.expr | None] = dataclasses.field(
        default_factory=dict
    )
    methods: frozenset[str] = frozenset()
    builtin: bool = False
    # A __str__, or an __init__ that hands its base a text of its own making.
    builds_message: bool = False


def find_class(classes: Mapping[str, ast.ClassDef], path: str) -> ast.ClassDef | None:
    """The ClassDef at ``Outer.Inner`` among a module's classes, or None."""
    outer, *inner = path.split(".")
    if len(inner) > MAX_CLASS_NESTING:
        return None
    node = classes.get(outer)
    for name in inner:
        if node is None:
            return None
        node = next(
            (s for s in node.body if isinstance(s, ast.ClassDef) and s.name == name),
            None,
        )
    return node


def describe_class(
    node: ast.ClassDef, qualname: str, qualify: Callable[[ast.expr], str | None]
) -> ClassFacts:
    """Describe a class definition; ``qualify`` resolves its bases."""
    attributes: dict[str, ast.expr | None] = {}
    methods: set[str] = set()
    message_built = False
    for statement in node.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            methods.add(statement.name)
            attributes[statement.name] = None
            if statement.name in ("__init__", "__str__"):
                message_built = message_built or builds_message(statement)
        elif isinstance(statement, ast.Assign):
            for target in statement.targets:
                for name in bound_names(target):
                    single = isinstance(target, ast.Name)
                    attributes[name] = _compact(statement.value) if single else None
        elif isinstance(statement, ast.AnnAssign) and isinstance(
            statement.target, ast.Name
        ):
            attributes[statement.target.id] = _compact(statement.value)
    bases = tuple(qualify(base) for base in node.bases)
    return ClassFacts(
        qualname=qualname,
        bases=bases,
        attributes=attributes,
        methods=frozenset(methods),
        builds_message=message_built,
    )


def _compact(value: ast.expr | None) -> ast.expr | None:
    return value if isinstance(value, _COMPACT_VALUES) else None
