"""SRB101-SRB103: raises that tell the operator nothing about what failed.

When scheduling fails with ``NoValidHost(reason="")`` the operator reading
the log learns nothing.  These rules look at each ``raise`` of a class or a
constructor call and report a missing message (SRB101), a blank one (SRB102)
and a generic Exception or BaseException (SRB103).
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator

from flake8_sched_robustness import codes, inference, settings, syntax
from flake8_sched_robustness.syntax import Tri

GENERIC_EXCEPTIONS = frozenset({"builtins.Exception", "builtins.BaseException"})
# Real hierarchies are a handful of classes deep; a longer chain of bases is
# left undecided rather than followed into a RecursionError (a generated
# 3,000-class chain in tests/test_hostile.py).
MAX_ANCESTRY = 64


def check(
    module: syntax.ModuleFacts, config: settings.Settings, door: inference.Door
) -> Iterator[codes.Finding]:
    """Yield SRB1 findings for every raise in the module."""
    checker = _RaiseChecker(module, config, door)
    for raise_node, function in _raises_with_scope(module.tree):
        yield from checker.check(raise_node, function)


def _raises_with_scope(tree: ast.AST) -> Iterator[tuple[ast.Raise, ast.AST]]:
    """Yield each raise with its innermost enclosing function (or module)."""
    stack: list[tuple[ast.AST, ast.AST]] = [(tree, tree)]
    while stack:
        node, scope = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Raise):
                yield child, scope
            inner = child if isinstance(child, syntax.FUNCTION_NODES) else scope
            stack.append((child, inner))


class _RaiseChecker:
    """Judge one raise at a time; per-file memo tables live here."""

    def __init__(
        self, module: syntax.ModuleFacts, config: settings.Settings, door: inference.Door
    ) -> None:
        self.module = module
        self.config = config
        self.door = door
        self.exempt = frozenset(
            name if "." in name else f"builtins.{name}" for name in config.exempt_exceptions
        )
        self._locals: dict[int, frozenset[str]] = {}
        self._messages: dict[str, Tri] = {}

    def check(self, node: ast.Raise, function: ast.AST) -> Iterator[codes.Finding]:
        raised = node.exc
        if raised is None:
            return  # bare re-raise
        call = raised if isinstance(raised, ast.Call) else None
        target = call.func if call else raised
        if self._is_local(target, function):
            return  # an instance held in a local, or a method of one: a re-raise
        qualname = self.module.qualify(target)
        name = syntax.dotted_name(target) or "exception"
        short = name.rpartition(".")[2]
        selected = self.config.selected
        if call is not None and "SRB102" in selected:
            argument = self._blank_argument(call)
            if argument is not None:
                yield codes.finding(node.lineno, node.col_offset, "SRB102",
                                    exception=short, argument=argument)
        if qualname is None:
            return
        if qualname in GENERIC_EXCEPTIONS and "SRB103" in selected:
            yield codes.finding(node.lineno, node.col_offset, "SRB103", exception=short)
        if "SRB101" in selected and self._lacks_message(call, qualname):
            yield codes.finding(node.lineno, node.col_offset, "SRB101", exception=short)

    def _is_local(self, target: ast.expr, function: ast.AST) -> bool:
        root = syntax.root_name(target)
        if root is None:
            return True  # raise of a subscript, a call result, ...: not a class
        if isinstance(function, ast.Module):
            return False
        key = id(function)
        if key not in self._locals:
            self._locals[key] = syntax.local_names(function)
        return root in self._locals[key]

    def _blank_argument(self, call: ast.Call) -> str | None:
        """Describe the first blank message argument of a call, if any."""
        i18n = self.config.i18n_functions
        if call.args and syntax.blank_text(call.args[0], i18n) is Tri.YES:
            return f"message {_spell(call.args[0])}"
        for keyword in call.keywords:
            if keyword.arg and syntax.blank_text(keyword.value, i18n) is Tri.YES:
                return f"{keyword.arg}={_spell(keyword.value)}"
        return None

    def _lacks_message(self, call: ast.Call | None, qualname: str) -> bool:
        if call is not None and (call.args or call.keywords):
            return False
        if qualname in self.exempt:
            return False
        return self._default_message(qualname) is Tri.NO

    def _default_message(self, qualname: str, depth: int = 0) -> Tri:
        if depth > MAX_ANCESTRY:
            return Tri.UNKNOWN
        if qualname not in self._messages:
            self._messages[qualname] = Tri.UNKNOWN  # guards inheritance cycles
            self._messages[qualname] = self._compute_default_message(qualname, depth)
        return self._messages[qualname]

    def _compute_default_message(self, qualname: str, depth: int) -> Tri:
        """Whether a class supplies its own non-blank message.

        The nearest class along the bases that sets one of the message
        attributes decides; a base that cannot be resolved makes it unknown.
        """
        facts = self.door.class_facts(qualname)
        if facts is None:
            return Tri.UNKNOWN
        if facts.builtin:
            return Tri.NO
        own = [
            facts.attributes[attr]
            for attr in self.config.message_attributes
            if attr in facts.attributes
        ]
        if own:
            states = {self._literal_state(value) for value in own}
            if Tri.YES in states:
                return Tri.YES
            return Tri.UNKNOWN if Tri.UNKNOWN in states else Tri.NO
        if "__str__" in facts.methods:
            return Tri.UNKNOWN  # the class builds its own text
        for base in facts.bases:
            state = Tri.UNKNOWN if base is None else self._default_message(base, depth + 1)
            if state is not Tri.NO:
                return state
        return Tri.NO

    def _literal_state(self, value: ast.expr | None) -> Tri:
        """YES for a non-blank literal message, NO for a blank or None one."""
        if value is None:
            return Tri.UNKNOWN
        if isinstance(value, ast.Constant) and value.value is None:
            return Tri.NO
        blank = syntax.blank_text(value, self.config.i18n_functions)
        if blank is Tri.YES:
            return Tri.NO
        if blank is Tri.NO and _is_literal_text(value, self.config.i18n_functions):
            return Tri.YES
        return Tri.UNKNOWN


def _spell(value: ast.expr) -> str:
    """Show a blank message as users write it: ``""`` rather than ``''``."""
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return json.dumps(value.value)
    return ast.unparse(value)


def _is_literal_text(value: ast.expr, i18n: frozenset[str]) -> bool:
    """A string literal, possibly wrapped in a translation call or joined."""
    if isinstance(value, ast.Constant):
        return isinstance(value.value, str)
    if isinstance(value, ast.JoinedStr):
        return True
    if isinstance(value, ast.BinOp) and isinstance(value.op, (ast.Add, ast.Mod)):
        return _is_literal_text(value.left, i18n)
    if isinstance(value, ast.Call) and len(value.args) == 1 and not value.keywords:
        callee = syntax.dotted_name(value.func)
        return bool(callee) and callee.rpartition(".")[2] in i18n and (
            _is_literal_text(value.args[0], i18n)
        )
    return False
