"""One file's scope model: parents, scopes, local names and reaching definitions."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_sched_robustness import definitions, naming, statements
from flake8_sched_robustness.definitions import Definition

# Classes nested in functions deeper than this are not followed outwards.
MAX_ENCLOSING_FUNCTIONS = 50
SCOPE_OR_MODULE = (*naming.FUNCTION_NODES, ast.Module)


class FileScopes:
    """The scope questions rule families ask about one file, answered lazily.

    Built once per file and shared by the families; each table fills on
    first need, since most of a big module is never asked about.  Keys are
    node ids of this file's tree, which outlives this object.
    """

    def __init__(self, tree: ast.Module) -> None:
        self.tree = tree
        self._parents: dict[int, ast.AST] = {}
        self._mapped: set[int] = set()
        self._tops: list[tuple[int, int, ast.stmt]] | None = None
        self._locals: dict[int, frozenset[str]] = {}
        self._imported: dict[int, frozenset[str]] = {}
        self._module_definitions: dict[str, list[Definition]] | None = None

    # -- parents ------------------------------------------------------------

    def parent_of(self, node: ast.AST) -> ast.AST | None:
        """A node's parent; parents are mapped one top-level statement at a
        time, on first need."""
        key = id(node)
        if key not in self._parents:
            self._map_statement_holding(node)
        return self._parents.get(key)

    def _map_statement_holding(self, node: ast.AST) -> None:
        if self._tops is None:
            self._tops = [(top.lineno, getattr(top, "end_lineno", top.lineno) or top.lineno, top)
                          for top in self.tree.body]
        line = getattr(node, "lineno", None)
        if line is None:
            return
        for first, last, top in self._tops:
            if first <= line <= last and id(top) not in self._mapped:
                self._mapped.add(id(top))
                self._parents[id(top)] = self.tree
                for parent in ast.walk(top):
                    for child in ast.iter_child_nodes(parent):
                        self._parents[id(child)] = parent

    def ancestors(self, node: ast.AST) -> Iterator[tuple[ast.AST, ast.AST]]:
        """Yield (child, parent) pairs up to the enclosing scope."""
        while True:
            parent = self.parent_of(node)
            if parent is None:
                return
            yield node, parent
            if isinstance(parent, SCOPE_OR_MODULE):
                return
            node = parent

    def scope_of(self, node: ast.AST) -> ast.AST:
        """The function, lambda or module whose names a node sees."""
        parent = self.parent_of(node)
        while parent is not None and not isinstance(parent, SCOPE_OR_MODULE):
            parent = self.parent_of(parent)
        return parent if parent is not None else self.tree

    def enclosing_class(self, node: ast.AST) -> ast.ClassDef | None:
        """The nearest class around a node, across any functions between."""
        parent = self.parent_of(node)
        while parent is not None:
            if isinstance(parent, ast.ClassDef):
                return parent
            parent = self.parent_of(parent)
        return None

    def enclosing_functions(self, node: ast.ClassDef) -> tuple[ast.AST, ...]:
        """The functions a class is defined in, outermost first.

        The chain stops at a class body: a class inside a class sees the
        names of neither the outer class nor what encloses it.
        """
        chain: list[ast.AST] = []
        parent = self.parent_of(node)
        while parent is not None and len(chain) < MAX_ENCLOSING_FUNCTIONS:
            if isinstance(parent, (ast.ClassDef, ast.Module)):
                break
            if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)):
                chain.append(parent)
            parent = self.parent_of(parent)
        return tuple(reversed(chain))

    # -- names --------------------------------------------------------------

    def local_names(self, scope: ast.AST) -> frozenset[str]:
        """Names bound in a function's own scope, parameters included."""
        key = id(scope)
        if key not in self._locals:
            self._locals[key] = statements.local_names(scope)
        return self._locals[key]

    def imported_names(self, scope: ast.AST) -> frozenset[str]:
        """Names a scope binds by an import statement of its own."""
        key = id(scope)
        if key not in self._imported:
            self._imported[key] = frozenset(
                name
                for node in statements.walk_scope(scope)
                if isinstance(node, (ast.Import, ast.ImportFrom))
                for name in statements.statement_bindings(node)
            )
        return self._imported[key]

    def shadows(self, name: str, scope: ast.AST) -> bool:
        """Whether a function around ``scope`` binds ``name`` other than by import."""
        while not isinstance(scope, ast.Module):
            if isinstance(scope, naming.FUNCTION_NODES):
                if name in self.local_names(scope) and name not in self.imported_names(scope):
                    return True
            scope = self.scope_of(scope)
        return False

    # -- reaching definitions ------------------------------------------------

    def module_definitions(self) -> dict[str, list[Definition]]:
        """Every module-level binding of each name, in source order."""
        if self._module_definitions is None:
            found: dict[str, list[Definition]] = {}
            for stmt in statements.walk_scope(self.tree):
                if isinstance(stmt, ast.stmt):
                    for name, value, kind in definitions.statement_definitions(stmt):
                        found.setdefault(name, []).append(Definition(stmt, value, kind))
            self._module_definitions = found
        return self._module_definitions

    def definitions(self, name: str, at: ast.AST) -> list[Definition]:
        """The bindings of ``name`` that may reach ``at`` in its scope.

        Walks back through the statements before ``at`` and out through the
        blocks that enclose it; an unconditional binding ends the walk.
        """
        found: list[Definition] = []
        for child, parent in self.ancestors(at):
            bound_by_loop = _loop_definition(parent, child, name)
            if bound_by_loop is not None:
                return [bound_by_loop] if isinstance(parent, naming.COMPREHENSIONS) else [
                    *found, bound_by_loop
                ]
            located = siblings(parent, child)
            if located is None:
                continue
            block, index = located
            for sibling in reversed(block[:index]):
                found.extend(definitions.definitions_within(sibling, name))
                if definitions.always_binds(sibling, name):
                    return found
            if isinstance(parent, ast.Try) and block is not parent.body:
                for stmt in parent.body:
                    found.extend(definitions.definitions_within(stmt, name))
        return found

    def visible_definitions(self, name: str, at: ast.AST) -> list[Definition]:
        """The bindings of ``name`` in the innermost scope around ``at`` that binds it."""
        scope = self.scope_of(at)
        while not isinstance(scope, ast.Module):
            if name in self.local_names(scope):
                return self.definitions(name, at)
            at, scope = scope, self.scope_of(scope)
        return self.module_definitions().get(name, [])

    def reaches_top(self, name: str, at: ast.AST) -> bool:
        """Whether some path from the scope's start reaches ``at`` unbound."""
        for child, parent in self.ancestors(at):
            if _loop_definition(parent, child, name) is not None:
                return False
            located = siblings(parent, child)
            if located is None:
                continue
            block, index = located
            if any(definitions.always_binds(sibling, name) for sibling in block[:index]):
                return False
        return True


def _loop_definition(parent: ast.AST, child: ast.AST, name: str) -> Definition | None:
    """The binding of ``name`` by a loop or comprehension that ``child`` runs in."""
    if isinstance(parent, naming.COMPREHENSIONS):
        for generator in parent.generators:
            if name in definitions.target_names(generator.target):
                return Definition(parent, generator.iter, "value")
    if isinstance(parent, (ast.For, ast.AsyncFor)) and child in parent.body and (
        name in definitions.target_names(parent.target)
    ):
        return Definition(parent, parent.iter, "value")
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
