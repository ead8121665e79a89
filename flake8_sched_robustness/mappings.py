"""Tell whether an expression is a table whose values are all constants."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator

from flake8_sched_robustness import definitions, door, hierarchy, module_facts, naming, scopes
from flake8_sched_robustness.answers import UNKNOWN, Answer
from flake8_sched_robustness.verdicts import MAX_DEPTH, Judge, State


class ConstantMappings:
    """Judge ``MAP[key]`` and ``MAP.get(key)``: a key into constants is checked.

    A table the door could not read (budget spent, inference off) sets
    ``undecided``, so that its finding stays silent rather than wrong.
    """

    def __init__(
        self,
        module: module_facts.ModuleFacts,
        file_scopes: scopes.FileScopes,
        door: door.Door,
        judge: Judge,
    ) -> None:
        self.module = module
        self.scopes = file_scopes
        self.door = door
        self.judge = judge
        self._mapping_undecided = False

    @property
    def undecided(self) -> bool:
        """Whether a table was left unread since the last reset."""
        return self._mapping_undecided

    def reset(self) -> None:
        """Forget tables left unread: a new loader call is judged."""
        self._mapping_undecided = False

    def is_constant_mapping(self, node: ast.expr, at: ast.AST, depth: int) -> bool:
        """Whether an expression is a dict whose values are all constants."""
        if isinstance(node, ast.Dict):
            return all(
                self.judge(value, at, depth).state is State.CONSTANT for value in node.values
            )
        if isinstance(node, ast.Name):
            if node.id in self.module.imports:
                qualname = self.door.canonical_name(self.module.imports[node.id])
                return self._is_mapping_kind(lambda: self.door.constant_kind(qualname))
            defs = self.scopes.visible_definitions(node.id, at)
            if not defs or depth > MAX_DEPTH:
                return False
            return all(
                kind == "value" and value is not None
                and self.is_constant_mapping(value, stmt, depth + 1)
                for stmt, value, kind in defs
            )
        if isinstance(node, ast.Attribute):
            return self._is_mapping_attribute(node, at, depth)
        container = _selected_from(node)
        if container is not None:
            # REGISTRY.get(family) where REGISTRY maps to constant mappings
            table = self._dict_literal(container, at)
            return table is not None and depth < MAX_DEPTH and all(
                self.is_constant_mapping(value, at, depth + 1) for value in table.values
            )
        return False

    def _is_mapping_kind(self, ask: Callable[[], Answer[str]]) -> bool:
        """Whether the door says "mapping"; note a question it could not answer."""
        kind = ask()
        if kind is UNKNOWN:
            self._mapping_undecided = True
        return kind == "mapping"

    def _is_mapping_attribute(self, node: ast.Attribute, at: ast.AST, depth: int) -> bool:
        root = naming.root_name(node)
        if root in self.module.imports:
            qualname = self.module.qualify(node)
            if not qualname:
                return False
            found: str = qualname
            return self._is_mapping_kind(
                lambda: self.door.constant_kind(self.door.canonical_name(found))
            )
        if root not in ("self", "cls") or not isinstance(node.value, ast.Name):
            return False
        klass = self.scopes.enclosing_class(at)
        return klass is not None and self._class_has_mapping(klass, node.attr, depth)

    def _class_has_mapping(self, klass: ast.ClassDef, attr: str, depth: int) -> bool:
        """Whether a class (or the nearest base that sets it) maps ``attr`` to constants."""
        walk: hierarchy.Walk[ast.ClassDef | str] = hierarchy.Walk(klass)
        for current in walk:
            if isinstance(current, str):
                found: str = current
                if self._is_mapping_kind(
                    lambda: self.door.attribute_kind(self.door.canonical_name(found), attr)
                ):
                    return True
                continue
            defs = list(definitions.attribute_definitions(current, attr))
            if not defs:
                walk.descend(self._class_bases(current))
            elif depth < MAX_DEPTH and all(
                self.is_constant_mapping(value, stmt, depth + 1) for stmt, value in defs
            ):
                return True
        return False

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


def _selected_from(node: ast.expr) -> ast.expr | None:
    """The mapping in ``MAP[key]`` or ``MAP.get(key)``."""
    if isinstance(node, ast.Subscript):
        return node.value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and (
        node.func.attr == "get"
    ):
        return node.func.value
    return None
