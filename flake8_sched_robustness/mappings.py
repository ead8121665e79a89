"""Tell whether an expression is a table whose values are all constants."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Iterator

from flake8_sched_robustness import definitions, door, hierarchy, module_facts, naming, scopes
from flake8_sched_robustness.answers import UNKNOWN, Answer, Tri
from flake8_sched_robustness.verdicts import MAX_DEPTH, Judge, State


class ConstantMappings:
    """Judge ``MAP[key]`` and ``MAP.get(key)``: a key into constants is checked.

    A table the door could not read (budget spent, inference off) is answered
    Tri.UNKNOWN, so that its finding stays silent rather than wrong.
    """

    def __init__(
        self,
        module: module_facts.ModuleFacts,
        file_scopes: scopes.FileScopes,
        door: door.Door,
        judge: Judge,
        literal_keywords: Callable[[ast.AST], bool],
    ) -> None:
        self.module = module
        self.scopes = file_scopes
        self.door = door
        self.judge = judge
        # literal_keywords(function): every call passes only literals by keyword
        self.literal_keywords = literal_keywords

    def is_constant_mapping(self, node: ast.expr, at: ast.AST, depth: int) -> Tri:
        """Tell whether an expression is a dict whose values are all constants."""
        if isinstance(node, ast.Dict):
            return Tri.YES if all(
                self.judge(value, at, depth).state is State.CONSTANT for value in node.values
            ) else Tri.NO
        if isinstance(node, ast.Name):
            return self._is_mapping_name(node, at, depth)
        if isinstance(node, ast.Attribute):
            return self._is_mapping_attribute(node, at, depth)
        container = _selected_from(node)
        table = None if container is None else self._dict_literal(container, at)
        if table is None or depth >= MAX_DEPTH:
            return Tri.NO
        # REGISTRY.get(family) where REGISTRY maps to constant mappings
        return _all_of(self.is_constant_mapping(value, at, depth + 1) for value in table.values)

    def _is_mapping_name(self, node: ast.Name, at: ast.AST, depth: int) -> Tri:
        if node.id in self.module.imports:
            qualname = self.door.canonical_name(self.module.imports[node.id])
            return _is_mapping_kind(self.door.constant_kind(qualname))
        defs = self.scopes.visible_definitions(node.id, at)
        if not defs and self._is_literal_keywords(node.id, at):
            return Tri.YES  # ``**backends`` that every call fills with literals
        if not defs or depth > MAX_DEPTH:
            return Tri.NO
        return _all_of(
            self.is_constant_mapping(value, stmt, depth + 1)
            if kind == "value" and value is not None else Tri.NO
            for stmt, value, kind in defs
        )

    def _is_literal_keywords(self, name: str, at: ast.AST) -> bool:
        scope = self.scopes.scope_of(at)
        kwarg = scope.args.kwarg if isinstance(scope, naming.FUNCTION_NODES) else None
        return kwarg is not None and kwarg.arg == name and self.literal_keywords(scope)

    def _is_mapping_attribute(self, node: ast.Attribute, at: ast.AST, depth: int) -> Tri:
        root = naming.root_name(node)
        if root in self.module.imports:
            qualname = self.module.qualify(node)
            if not qualname:
                return Tri.NO
            return _is_mapping_kind(self.door.constant_kind(self.door.canonical_name(qualname)))
        if root not in ("self", "cls") or not isinstance(node.value, ast.Name):
            return Tri.NO
        klass = self.scopes.enclosing_class(at)
        return Tri.NO if klass is None else self._class_has_mapping(klass, node.attr, depth)

    def _class_has_mapping(self, klass: ast.ClassDef, attr: str, depth: int) -> Tri:
        """Whether a class (or the nearest base that sets it) maps ``attr`` to constants.

        A class the door could not read, met before the answer, makes it UNKNOWN.
        """
        unread = False
        walk: hierarchy.Walk[ast.ClassDef | str] = hierarchy.Walk(klass)
        for current in walk:
            if isinstance(current, str):
                answer = _is_mapping_kind(
                    self.door.attribute_kind(self.door.canonical_name(current), attr)
                )
            else:
                defs = list(definitions.attribute_definitions(current, attr))
                if not defs:
                    walk.descend(self._class_bases(current))
                    continue
                answer = Tri.NO if depth >= MAX_DEPTH else _all_of(
                    self.is_constant_mapping(value, stmt, depth + 1) for stmt, value in defs
                )
            if answer is Tri.YES:
                return Tri.UNKNOWN if unread else Tri.YES
            unread = unread or answer is Tri.UNKNOWN
        return Tri.UNKNOWN if unread else Tri.NO

    def _class_bases(self, klass: ast.ClassDef) -> Iterator[ast.ClassDef | str]:
        """Each base of a class: a class of this module, or a qualified name."""
        for base in klass.bases:
            qualname = self.module.qualify(base)
            if qualname is None:
                continue
            prefix, _, name = qualname.rpartition(".")
            local = self.module.classes.get(name) if prefix == self.module.name else None
            yield qualname if local is None else local

    def _dict_literal(self, node: ast.expr, at: ast.AST) -> ast.Dict | None:
        if isinstance(node, ast.Dict):
            return node
        if isinstance(node, ast.Name):
            defs = self.scopes.visible_definitions(node.id, at)
            if len(defs) == 1 and isinstance(defs[0][1], ast.Dict):
                return defs[0][1]
        return None


def _is_mapping_kind(kind: Answer[str]) -> Tri:
    """What the door's kind of a constant says: a mapping, not one, or unread."""
    if kind is UNKNOWN:
        return Tri.UNKNOWN
    return Tri.YES if kind == "mapping" else Tri.NO


def _all_of(answers: Iterable[Tri]) -> Tri:
    """YES when every answer is; else the first that is not (later ones are not asked)."""
    for answer in answers:
        if answer is not Tri.YES:
            return answer
    return Tri.YES


def _selected_from(node: ast.expr) -> ast.expr | None:
    """The mapping in ``MAP[key]`` or ``MAP.get(key)``."""
    if isinstance(node, ast.Subscript):
        return node.value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and (
        node.func.attr == "get"
    ):
        return node.func.value
    return None
