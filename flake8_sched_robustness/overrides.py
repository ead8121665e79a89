"""Tell whether a method overrides a base class method or implements an interface."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator

from flake8_sched_robustness import (
    door,
    hierarchy,
    module_facts,
    naming,
    scopes,
    settings,
    statements,
)
from flake8_sched_robustness.answers import UNKNOWN, Tri, Unknown

# Decorators that declare an override; --srb-check-overrides reports them.
OVERRIDE_DECORATORS = frozenset({
    "typing.override",
    "typing_extensions.override",
    "overrides.override",
    "overrides.overrides",
})


class OverrideFinder:
    """Find the base or interface method a method of one module stands for."""

    def __init__(
        self,
        module: module_facts.ModuleFacts,
        file_scopes: scopes.FileScopes,
        config: settings.Settings,
        door: door.Door,
    ) -> None:
        self.module = module
        self.scopes = file_scopes
        self.config = config
        self.door = door
        self._local_facts: dict[int, tuple[frozenset[str], tuple[ast.expr, ...]]] = {}

    def is_override(
        self,
        function: ast.FunctionDef | ast.AsyncFunctionDef,
        owner: ast.ClassDef | None,
        decorators: frozenset[str],
    ) -> bool:
        if self.config.check_overrides:
            return False
        if decorators & OVERRIDE_DECORATORS:
            return True
        if owner is None:
            return False
        # Unknown (a spent budget) is silence; an unresolvable base is not.
        return self._overrides(owner, function.name) is not Tri.NO or (
            self._implements_interface(owner, function.name)
        )

    def _implements_interface(self, owner: ast.ClassDef, method: str) -> bool:
        """Whether ``method`` is named in a configured interface class.

        The interface itself and its own bases are not implementations of it:
        their methods are the interface's default bodies, checked as usual.
        """
        owner_name = f"{self.module.name}.{owner.name}"
        unknown = False
        for interface in sorted(self.config.interface_classes):
            found = hierarchy.ancestry(self.door.class_facts, interface)
            if owner_name not in found.names and method in found.methods:
                return True
            unknown = unknown or found.unknown
        return unknown  # an interface not looked at: silence

    def overrides_installed(self, owner: ast.ClassDef, method: str) -> Tri:
        """Whether the nearest base defining ``method`` lies outside the linted project.

        An installed library's base fixes the signature (SRB201's silence);
        a project base does not.  Unknown (a spent budget) is unknown.
        """
        found = self._defining_base(owner, method)
        if found is UNKNOWN:
            return Tri.UNKNOWN
        if not isinstance(found, str):
            return Tri.NO  # none, or a class of this file
        project = (self.module.name or "").partition(".")[0]
        return Tri.YES if found.partition(".")[0] != project else Tri.NO

    def _overrides(self, owner: ast.ClassDef, method: str) -> Tri:
        """Whether a base class of ``owner`` (object aside) defines ``method``."""
        found = self._defining_base(owner, method)
        if found is UNKNOWN:
            return Tri.UNKNOWN
        return Tri.NO if found is None else Tri.YES

    def _defining_base(
        self, owner: ast.ClassDef, method: str
    ) -> ast.ClassDef | str | None | Unknown:
        """The nearest base class of ``owner`` (object aside) that defines ``method``.

        Bases are walked depth-first, guarding cycles; a base that cannot be
        resolved adds nothing, unless the door could not ask (budget spent
        or inference off), which makes the answer unknown.
        """
        scopes = self._enclosing_functions(owner)
        walk = hierarchy.Walk(*self._resolve_bases(owner.bases, scopes))
        unknown = False
        for base in walk:
            if base == "builtins.object":
                continue
            if isinstance(base, ast.ClassDef):
                members, base_exprs = self._local_class(base)
                if method in members:
                    return base
                walk.descend(self._resolve_bases(base_exprs, scopes))
                continue
            facts = self.door.class_facts(base)
            if facts is UNKNOWN:
                unknown = True  # not looked at, rather than not found
            elif facts is not None:
                if hierarchy.defines(facts, method):
                    return facts.qualname
                walk.descend(qualname for qualname in facts.bases if qualname)
        return UNKNOWN if unknown or walk.cut_short else None

    def _resolve_bases(
        self, bases: Iterable[ast.expr], scopes: tuple[ast.AST, ...]
    ) -> Iterator[ast.ClassDef | str]:
        """Each base as a class defined beside the owner in a function, or a qualname."""
        for base in bases:
            if isinstance(base, ast.Subscript):  # Base[T]
                base = base.value
            local = _class_in_scopes(base, scopes)
            if local is not None:
                yield local
                continue
            qualname = self.module.qualify(base)
            if qualname:
                yield qualname

    def _enclosing_functions(self, node: ast.ClassDef) -> tuple[ast.AST, ...]:
        """The functions a class is defined in, outermost first."""
        if node.name in self.module.classes and self.module.classes[node.name] is node:
            return ()
        return self.scopes.enclosing_functions(node)

    def _local_class(self, node: ast.ClassDef) -> tuple[frozenset[str], tuple[ast.expr, ...]]:
        key = id(node)
        if key not in self._local_facts:
            members = {
                name
                for statement in node.body
                if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef,
                                          ast.Assign, ast.AnnAssign))
                for name in _statement_names(statement)
            }
            self._local_facts[key] = (frozenset(members), tuple(node.bases))
        return self._local_facts[key]


def _statement_names(statement: ast.stmt) -> Iterator[str]:
    if isinstance(statement, ast.AnnAssign):
        yield from naming.bound_names(statement.target)
    else:
        yield from statements.statement_bindings(statement)


def _class_in_scopes(base: ast.expr, scopes: tuple[ast.AST, ...]) -> ast.ClassDef | None:
    """The class a bare base name names in the enclosing functions, innermost first."""
    if not isinstance(base, ast.Name) or not scopes:
        return None
    for scope in reversed(scopes):
        for node in statements.scope_statements(scope):
            if isinstance(node, ast.ClassDef) and node.name == base.id:
                return node
    return None
