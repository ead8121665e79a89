"""SRB101-SRB103: raises that tell the operator nothing about what failed.

When scheduling fails with ``NoValidHost(reason="")`` the operator reading
the log learns nothing.  These rules look at each ``raise`` of a class or a
constructor call and report a missing message (SRB101), a blank one (SRB102)
and a generic Exception or BaseException (SRB103).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_sched_robustness import (
    codes,
    door,
    hierarchy,
    messages,
    module_facts,
    naming,
    scopes,
    settings,
    statements,
)
from flake8_sched_robustness.answers import UNKNOWN, Tri

GENERIC_EXCEPTIONS = frozenset({"builtins.Exception", "builtins.BaseException"})


def check(
    module: module_facts.ModuleFacts,
    file_scopes: scopes.FileScopes,
    config: settings.Settings,
    door: door.Door,
) -> Iterator[codes.Finding]:
    """Yield SRB1 findings for every raise in the module."""
    checker = _RaiseChecker(module, file_scopes, config, door)
    for site in module.raises:
        yield from checker.check(site)


class _RaiseChecker:
    """Judge one raise at a time; per-file memo tables live here."""

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
        self.exempt = config.exempt_qualnames
        self._messages: dict[str, Tri] = {}
        self._ancestry: dict[str, frozenset[str]] = {}

    def check(self, site: module_facts.RaiseSite) -> Iterator[codes.Finding]:
        node = site.node
        raised = node.exc
        if raised is None:
            return  # bare re-raise
        call = raised if isinstance(raised, ast.Call) else None
        target = call.func if call else raised
        if self._is_local(target, site.scope):
            return  # an instance held in a local, or a method of one: a re-raise
        qualname = self.module.qualify(target)
        if self._caught_here(site, qualname):
            return  # a jump to a handler of the same function: nobody reads it
        name = naming.dotted_name(target) or "exception"
        short = name.rpartition(".")[2]
        selected = self.config.selected
        if call is not None and "SRB102" in selected:
            argument = messages.blank_argument(call, self.config.i18n_functions)
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
        root = naming.root_name(target)
        if root is None:
            return True  # raise of a subscript, a call result, ...: not a class
        if isinstance(function, ast.Module):
            return False
        return root in self.scopes.local_names(function)

    def _lacks_message(self, call: ast.Call | None, qualname: str) -> bool:
        if call is not None and (call.args or call.keywords):
            return False
        if self._ancestors(qualname) & self.exempt:
            return False  # a control-flow exception, or a subclass of one
        return self._default_message(qualname) is Tri.NO

    def _caught_here(self, site: module_facts.RaiseSite, qualname: str | None) -> bool:
        """Tell whether a handler of the same function catches and keeps it.

        tests/cases/raises/caught_locally.py pins the shapes.
        """
        caught_by = self._ancestors(qualname) if qualname else frozenset()
        for guard in site.guards:
            for handler in guard.handlers:
                if not self._handler_catches(handler, caught_by):
                    continue
                if not _reraises(handler):
                    return True
                break  # it leaves this try; an outer one may still catch it
        return False

    def _handler_catches(self, handler: ast.ExceptHandler, ancestry: frozenset[str]) -> bool:
        if handler.type is None:
            return True
        types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        for caught in types:
            name = self.module.qualify(caught)
            if name in ancestry or name in GENERIC_EXCEPTIONS:
                return True
        return False

    def _ancestors(self, qualname: str) -> frozenset[str]:
        """The class and every ancestor that can be resolved, by qualified name."""
        if qualname not in self._ancestry:
            found = hierarchy.ancestry(self.door.class_facts, qualname)
            self._ancestry[qualname] = found.names
        return self._ancestry[qualname]

    def _default_message(self, qualname: str) -> Tri:
        if qualname not in self._messages:
            self._messages[qualname] = self._compute_default_message(qualname)
        return self._messages[qualname]

    def _compute_default_message(self, qualname: str) -> Tri:
        """Whether a class supplies its own non-blank message.

        Walks the class and its bases depth first, left to right: the
        nearest class that sets one of the message attributes decides for
        its branch; a base that cannot be resolved makes it unknown.
        """
        walk: hierarchy.Walk[str | None] = hierarchy.Walk(qualname)
        # A hierarchy whose every base leads back into itself (through
        # aliases or an import cycle) never reaches a real root: unknown.
        grounded = False
        for current in walk:
            if current is None:
                return Tri.UNKNOWN  # a base that cannot be resolved
            facts = self.door.class_facts(current)
            if facts is None or facts is UNKNOWN:
                return Tri.UNKNOWN
            if facts.builtin:
                grounded = True
                continue
            own = [
                facts.attributes[attr]
                for attr in self.config.message_attributes
                if attr in facts.attributes
            ]
            if own:
                i18n = self.config.i18n_functions
                states = {messages.default_message_state(value, i18n) for value in own}
                if Tri.YES in states or Tri.UNKNOWN in states:
                    return Tri.YES if Tri.YES in states else Tri.UNKNOWN
                grounded = True
                continue  # blanked here: this branch has no default message
            if facts.builds_message:
                return Tri.UNKNOWN  # the class builds its own text
            grounded = grounded or not facts.bases
            walk.descend(facts.bases)
        if walk.cut_short:
            return Tri.UNKNOWN
        return Tri.NO if grounded else Tri.UNKNOWN


def _reraises(handler: ast.ExceptHandler) -> bool:
    """Tell whether an except handler lets the caught exception go on."""
    for node in statements.scope_statements(handler):
        if isinstance(node, ast.Raise) and (
            node.exc is None
            or (isinstance(node.exc, ast.Name) and node.exc.id == handler.name)
        ):
            return True
        if isinstance(node, (ast.With, ast.AsyncWith)) and any(
            "reraise" in (naming.dotted_name(getattr(item.context_expr, "func", item.context_expr))
                          or "")
            for item in node.items
        ):
            return True  # oslo_utils.excutils.save_and_reraise_exception()
    return False
