"""Tell whether a name passed an allowlist check on every path to where it is used."""

from __future__ import annotations

import ast
from collections.abc import Callable

from flake8_sched_robustness import door, module_facts, naming, scopes, statements
from flake8_sched_robustness.definitions import EXITS

EXIT_CALLS = frozenset({"sys.exit", "os._exit"})
# is_safe(value, where it is evaluated): the value is constant or checked.
SafeValue = Callable[[ast.expr, ast.AST], bool]


class AllowlistGuards:
    """Find the tests, asserts and validator calls that guard a name."""

    def __init__(
        self,
        module: module_facts.ModuleFacts,
        file_scopes: scopes.FileScopes,
        door: door.Door,
        validators: frozenset[str],
        is_safe: SafeValue,
    ) -> None:
        self.module = module
        self.scopes = file_scopes
        self.door = door
        self.validators = validators
        self.is_safe = is_safe

    def is_guarded(self, text: str, at: ast.AST) -> bool:
        """Whether ``text`` passed an allowlist check on every path to ``at``."""
        root = text.partition(".")[0]
        for child, parent in self.scopes.ancestors(at):
            if self._enclosing_test_checks(parent, child, text):
                return True
            located = statements.siblings(parent, child)
            if located is None:
                continue
            block, index = located
            for sibling in reversed(block[:index]):
                if self._is_guard(sibling, text):
                    return True
                if _rebinds(sibling, text, root):
                    return False
        return False

    def is_validator(self, func: ast.expr) -> bool:
        """Whether a callee is a configured validator (``self.m`` as Class.m)."""
        if not self.validators:
            return False
        qualname = self.module.qualify(func)
        if isinstance(func, ast.Attribute) and naming.dotted_name(func.value) in ("self", "cls"):
            klass = self.scopes.enclosing_class(func)
            if klass is not None and self.module.classes.get(klass.name) is klass:
                qualname = f"{self.module.name}.{klass.name}.{func.attr}"
        if not qualname:
            return False
        return qualname in self.validators or (
            self.door.canonical_name(qualname) in self.validators
        )

    def _enclosing_test_checks(self, parent: ast.AST, child: ast.AST, text: str) -> bool:
        if isinstance(parent, (ast.If, ast.IfExp, ast.While)):
            body = parent.body if isinstance(parent.body, list) else [parent.body]
            orelse = parent.orelse if isinstance(parent.orelse, list) else [parent.orelse]
            if any(child is item for item in body):
                return self._positive(parent.test, text)
            if any(child is item for item in orelse):
                return self._negative(parent.test, text)
            return False
        if isinstance(parent, ast.BoolOp) and isinstance(parent.op, ast.And):
            before = parent.values[: [id(v) for v in parent.values].index(id(child))]
            return any(self._positive(value, text) for value in before)
        if isinstance(parent, naming.COMPREHENSIONS) and not any(
            g is child for g in parent.generators
        ):
            return any(
                self._positive(condition, text)
                for generator in parent.generators for condition in generator.ifs
            )
        return False

    def _is_guard(self, stmt: ast.stmt, text: str) -> bool:
        if isinstance(stmt, ast.Assert):
            return self._positive(stmt.test, text)
        if isinstance(stmt, ast.Expr):
            return self._is_validation(stmt.value, text)
        if isinstance(stmt, ast.If):
            if self._negative(stmt.test, text):
                return _always_exits(stmt.body) or self._replaces(stmt.body, text)
            if self._positive(stmt.test, text):
                return bool(stmt.orelse) and _always_exits(stmt.orelse)
        return False

    def _replaces(self, body: list[ast.stmt], text: str) -> bool:
        """``if x not in ALLOWED: x = DEFAULT``: x ends up allowed either way."""
        for stmt in body:
            if isinstance(stmt, ast.Assign) and any(
                naming.dotted_name(target) == text for target in stmt.targets
            ):
                return self.is_safe(stmt.value, stmt)
        return False

    def _is_validation(self, node: ast.expr, text: str) -> bool:
        if not isinstance(node, ast.Call):
            return False
        if not self.is_validator(node.func):
            return False
        arguments = [*node.args, *(keyword.value for keyword in node.keywords)]
        return any(naming.dotted_name(argument) == text for argument in arguments)

    def _positive(self, test: ast.expr, text: str) -> bool:
        """A test that is true only when ``text`` is allowed."""
        return self._decides(test, text, True)

    def _negative(self, test: ast.expr, text: str) -> bool:
        """A test that is true whenever ``text`` is not allowed."""
        return self._decides(test, text, False)

    def _decides(self, test: ast.expr, text: str, positive: bool) -> bool:
        if isinstance(test, ast.BoolOp):
            # x in A and y / x not in A or y: one operand is enough; with the
            # other operator every operand must decide (x != "a" and x not in A).
            enough = ast.And if positive else ast.Or
            values = (self._decides(value, text, positive) for value in test.values)
            return any(values) if isinstance(test.op, enough) else all(values)
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            return self._decides(test.operand, text, not positive)
        if positive and self._is_validation(test, text):
            return True
        return _membership(test, text, ast.In if positive else ast.NotIn)


def _membership(test: ast.expr, text: str, operator: type) -> bool:
    """``text in ALLOWED`` (or ``not in``), where ALLOWED is not ``text`` itself.

    ``text == "name"`` (or ``!=``) is membership in a one-name allowlist.
    """
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return False
    if naming.dotted_name(test.left) != text:
        return False
    collection = test.comparators[0]
    equality = ast.Eq if operator is ast.In else ast.NotEq
    if isinstance(test.ops[0], equality):
        return isinstance(collection, ast.Constant) and isinstance(collection.value, str)
    if not isinstance(test.ops[0], operator):
        return False
    return not any(
        naming.dotted_name(node) == text
        for node in ast.walk(collection) if isinstance(node, (ast.Name, ast.Attribute))
    )


def _always_exits(block: list[ast.stmt]) -> bool:
    """Whether a block always ends by raise, return, continue or break."""
    if not block:
        return False
    last = block[-1]
    if isinstance(last, EXITS):
        return True
    if isinstance(last, ast.If):
        return _always_exits(last.body) and _always_exits(last.orelse)
    if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call):
        return naming.dotted_name(last.value.func) in EXIT_CALLS
    return False


def _rebinds(stmt: ast.stmt, text: str, root: str) -> bool:
    """Whether a statement may assign ``text`` or the name it starts from."""
    for node in [stmt, *statements.walk_scope(stmt)]:
        if isinstance(node, (ast.Name, ast.Attribute)) and isinstance(node.ctx, ast.Store):
            if naming.dotted_name(node) in (text, root):
                return True
    return False
