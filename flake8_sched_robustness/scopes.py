"""One file's scope model: parents, scopes, local names and reaching definitions."""

from __future__ import annotations

import ast
import bisect
import collections
import itertools
from collections.abc import Iterator, Sequence

from flake8_sched_robustness import definitions, first_use, naming, statements
from flake8_sched_robustness.definitions import Definition

# Classes nested in functions deeper than this are not followed outwards.
MAX_ENCLOSING_FUNCTIONS = 50
SCOPE_OR_MODULE = (*naming.FUNCTION_NODES, ast.Module)


class ParentMap:
    """The parent of each node of one file, mapped a top-level statement at a
    time on first need (most of a big module is never asked about)."""

    def __init__(self, tree: ast.Module) -> None:
        self.tree = tree
        self._parents: dict[int, ast.AST] = {}
        self._mapped: set[int] = set()
        self._tops: list[tuple[int, int, ast.stmt]] | None = None
        self._firsts: list[int] = []

    def walk_statements(self, tops: list[ast.stmt]) -> Iterator[ast.AST]:
        """The nodes of some top-level statements, in the order walk(tree)
        visits them, noting their parents on the way (a rule that walks them
        asks next where they stand)."""
        parents = self._parents
        yield from tops
        for child, parent in _descendants(tops):
            parents[id(child)] = parent
            yield child
        for top in tops:  # only now: a walk left halfway mapped them in part
            parents[id(top)] = self.tree
            self._mapped.add(id(top))

    def parent_of(self, node: ast.AST) -> ast.AST | None:
        """A node's parent, or None for the module and nodes it cannot place."""
        key = id(node)
        if key not in self._parents:
            self._map_statement_holding(node)
        return self._parents.get(key)

    def _map_statement_holding(self, node: ast.AST) -> None:
        if self._tops is None:
            self._tops = [(top.lineno, getattr(top, "end_lineno", top.lineno) or top.lineno, top)
                          for top in self.tree.body]
            self._firsts = [first for first, _, _ in self._tops]
        line = getattr(node, "lineno", None)
        if line is None:
            return
        for first, last, top in self._tops_holding(line):
            if id(top) not in self._mapped:
                collections.deque(self.walk_statements([top]), maxlen=0)  # maps it

    def _tops_holding(self, line: int) -> list[tuple[int, int, ast.stmt]]:
        """The top-level statements whose lines hold ``line``, by bisection.

        Top-level statements follow each other, so their last lines never
        decrease: those that hold ``line`` sit just before the first one
        starting after it (several only when ``;`` joins them on a line).
        """
        tops = self._tops or []
        index = bisect.bisect_right(self._firsts, line)
        holding = []
        while index > 0 and tops[index - 1][1] >= line:
            index -= 1
            holding.append(tops[index])
        return holding[::-1]


class FileScopes:
    """The scope questions rule families ask about one file, answered lazily.

    Built once per file and shared by the families; each table fills on
    first need, since most of a big module is never asked about.  Keys are
    node ids of this file's tree, which outlives this object.
    """

    def __init__(self, tree: ast.Module) -> None:
        self.tree = tree
        self._parent_map = ParentMap(tree)
        self._locals: dict[int, frozenset[str]] = {}
        self._imported: dict[int, frozenset[str]] = {}
        self._module_definitions: dict[str, list[Definition]] | None = None
        self._walruses: dict[int, dict[str, first_use.Position]] | None = None

    # -- parents ------------------------------------------------------------

    def parent_of(self, node: ast.AST) -> ast.AST | None:
        """A node's parent (the module's own is None)."""
        return self._parent_map.parent_of(node)

    def walk_statements(self, tops: list[ast.stmt]) -> Iterator[ast.AST]:
        """ParentMap.walk_statements."""
        return self._parent_map.walk_statements(tops)

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
            self._module_definitions = definitions.scope_definitions(self.tree)
        return self._module_definitions

    def definitions(self, name: str, at: ast.AST) -> list[Definition]:
        """The bindings of ``name`` that may reach ``at`` in its scope."""
        return definitions.reaching_definitions(name, self.ancestors(at))

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
        return definitions.reaches_top(name, self.ancestors(at))

    # -- first use ----------------------------------------------------------

    def first_reads(
        self, function: first_use.Function, names: frozenset[str], earliest: frozenset[str]
    ) -> dict[str, first_use.Position]:
        """Where each of ``names`` is first read in a function (see first_use)."""
        return first_use.find_first_reads(function, names, earliest, self.local_names)

    def first_rebindings(
        self, function: first_use.Function, names: frozenset[str], walrus: bool
    ) -> dict[str, first_use.Position]:
        """Where each of ``names`` is first rebound in a function's own scope."""
        return first_use.find_first_bindings(function, names, walrus, self._lambda_walruses)

    def _lambda_walruses(self, function: ast.Lambda) -> dict[str, first_use.Position]:
        """Where each name a walrus in a lambda's body binds first lands."""
        if self._walruses is None:
            self._walruses = first_use.walrus_landings(self.tree)
        return self._walruses.get(id(function), {})


def walk(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node of a tree in ast.walk's order (breadth first), at two thirds of its cost."""
    yield tree
    for child, _ in _descendants([tree]):
        yield child


def statements_spelling(
    tree: ast.Module, lines: list[str], words: frozenset[str]
) -> list[ast.stmt]:
    """The top-level statements whose lines (decorators included) spell a word."""
    text = "".join(lines)
    starts = list(itertools.accumulate((len(line) for line in lines), initial=0))
    spelled = sorted({
        bisect.bisect_right(starts, offset)  # 1-based: the line the offset is on
        for word in words for offset in naming.word_offsets(text, word)
    })
    found = []
    for top in tree.body:
        first = min([top.lineno, *(d.lineno for d in getattr(top, "decorator_list", ()))])
        last = top.end_lineno or top.lineno
        index = bisect.bisect_left(spelled, first)
        if index < len(spelled) and spelled[index] <= last:
            found.append(top)
    return found


def _descendants(tops: Sequence[ast.AST]) -> Iterator[tuple[ast.AST, ast.AST]]:
    """Each node below ``tops`` with its parent, in ast.walk's order (breadth
    first from the tops in their order: for some statements of a module, the
    module's own order with the others left out).

    Each node's fields are read once (naming.child_nodes); ast.walk with
    iter_child_nodes read them twice, through two generators, which was
    half of the cost.
    """
    todo: collections.deque[ast.AST] = collections.deque(tops)
    popleft, append, children = todo.popleft, todo.append, naming.child_nodes
    while todo:
        parent = popleft()
        for child in children(parent):
            append(child)
            yield child, parent
