"""SRB101-SRB104: raises that tell the operator nothing about what failed.

When scheduling fails with ``NoValidHost(reason="")`` the operator reading
the log learns nothing.  These rules look at each ``raise`` of a class or a
constructor call and report a missing message (SRB101), a blank one (SRB102),
a generic Exception or BaseException (SRB103) and a default-message template
whose placeholders the call leaves unfilled (SRB104).  Signals, whose
exception no operator reads, stay silent (see ``signals``).
"""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterator

from flake8_sched_robustness import (
    beside,
    codes,
    door,
    hierarchy,
    messages,
    module_facts,
    naming,
    scopes,
    settings,
    signals,
)
from flake8_sched_robustness.answers import UNKNOWN, Tri

GENERIC_EXCEPTIONS = signals.GENERIC_EXCEPTIONS
# Methods by which a class below its template may fill or replace it.
_TEMPLATE_METHODS = frozenset({"__init__", "__str__"})


@dataclasses.dataclass(frozen=True)
class DefaultMessage:
    """Whether a class supplies its own non-blank message, and its text when
    written out whole (the template whose placeholders keywords fill)."""

    state: Tri
    template: str | None = None
    # An ``__init__`` or ``__str__`` in the class that sets the template or
    # in a class walked before it: it may supply or compute the keywords.
    own_init: bool = False


def check(
    module: module_facts.ModuleFacts,
    file_scopes: scopes.FileScopes,
    config: settings.Settings,
    door: door.Door,
) -> Iterator[codes.Finding]:
    """Yield SRB1 findings for every raise in the module."""
    checker = _RaiseChecker(module, file_scopes, config, door)
    try:
        for site in module.raises:
            yield from checker.check(site)
    finally:
        # The signals hold a method of the checker: left in place, that
        # cycle kept the file's tree and models until the next collection
        # (nova: 0.15 s more in the collector over a run).
        del checker.signals


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
        self.signals = signals.Signals(module, file_scopes, self._ancestors)
        self._messages: dict[str, DefaultMessage] = {}
        self._ancestry: dict[str, frozenset[str]] = {}
        self._ended_here: dict[tuple[str, str], Tri] = {}

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
        found = list(self._findings(site, call, qualname, target))
        # Asked last, and only of a raise that would be reported: a handler
        # of the same function, or of the function around a closure that
        # raises, ends it where nobody reads its message.
        if found and not (self.signals.caught_here(site, qualname)
                          or self.signals.caught_by_enclosing(site, qualname)):
            yield from found

    def _findings(
        self,
        site: module_facts.RaiseSite,
        call: ast.Call | None,
        qualname: str | None,
        target: ast.expr,
    ) -> Iterator[codes.Finding]:
        node = site.node
        short = (naming.dotted_name(target) or "exception").rpartition(".")[2]
        selected = self.config.selected
        if call is not None and "SRB102" in selected:
            argument = self._blank_message(call, qualname)
            if argument is not None:
                yield codes.finding(node.lineno, node.col_offset, "SRB102",
                                    exception=short, argument=argument)
        if qualname is None:
            return
        if qualname in GENERIC_EXCEPTIONS and "SRB103" in selected:
            yield codes.finding(node.lineno, node.col_offset, "SRB103", exception=short)
        if "SRB101" in selected and self._lacks_message(site, call, qualname):
            yield codes.finding(node.lineno, node.col_offset, "SRB101", exception=short)
        if "SRB104" in selected:
            missing = self._unfilled(site, call, qualname)
            if missing:
                yield codes.finding(
                    node.lineno, node.col_offset, "SRB104", exception=short,
                    missing=", ".join(f"{name}=" for name in missing),
                    remedy=", ".join(f"{name}=..." for name in missing),
                )

    def _is_local(self, target: ast.expr, function: ast.AST) -> bool:
        root = naming.root_name(target)
        if root is None:
            return True  # raise of a subscript, a call result, ...: not a class
        if isinstance(function, ast.Module):
            return False
        return root in self.scopes.local_names(function)

    def _blank_message(self, call: ast.Call, qualname: str | None) -> str | None:
        """The first blank argument that fills the message, spelled; None if none.

        A blank keyword fills it when it is a placeholder of the class's
        default-message template (not one alone between quotes, which shows
        the blank as ``""``), or, with no template to tell, when it is a
        configured message keyword; any other blank keyword is data.
        """
        filling: frozenset[str] | None = None
        for blank in messages.blank_arguments(call, self.config.i18n_functions):
            if blank.keyword is None:
                return blank.spelled
            if filling is None:
                filling = self._filling_keywords(qualname)
            if blank.keyword in filling:
                return blank.spelled
        return None

    def _filling_keywords(self, qualname: str | None) -> frozenset[str]:
        template = self._default_message(qualname).template if qualname else None
        if template is not None:
            # A quoted field shows a blank value as "": the message still says it.
            return messages.placeholders(template) - messages.quoted_placeholders(template)
        return self.config.message_keywords

    def _lacks_message(
        self, site: module_facts.RaiseSite, call: ast.Call | None, qualname: str
    ) -> bool:
        if call is not None and (call.args or call.keywords):
            return False
        ancestry = self._ancestors(qualname)
        if ancestry & self.exempt:
            return False  # a control-flow exception, or a subclass of one
        if signals.protocol_signal(site.scope, ancestry):
            return False  # KeyError from __getitem__: the protocol's answer
        if self._default_message(qualname).state is not Tri.NO:
            return False
        if signals.explained_before(site.node, self.scopes):
            return False  # the log line just before says what failed
        return not (self.signals.caught_in_module(qualname)
                    or self._caught_beside(site, qualname))

    def _caught_beside(self, site: module_facts.RaiseSite, qualname: str) -> bool:
        """Whether a module beside this one ends the project class raised here
        (beside.ends_raise), while this module never calls the raising
        function where the class would escape."""
        function = site.scope
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return False
        if not self.signals.is_project_class(qualname):
            return False  # only the project's own classes are its signals
        key = (qualname.rpartition(".")[2], function.name)
        if key not in self._ended_here:
            self._ended_here[key] = beside.ends_raise(self.scopes.tree, *key, home=True)
        if self._ended_here[key] is Tri.NO:
            return False  # this module calls the function where the class escapes
        return self.door.caught_beside(qualname, function.name) is Tri.YES

    def _unfilled(
        self, site: module_facts.RaiseSite, call: ast.Call | None, qualname: str
    ) -> list[str]:
        """The placeholders of the class's template that nothing fills, sorted.

        A message, positional or by a message keyword the template does
        not name (``message=msg``), replaces the template and ``**kwargs``
        may fill anything; a class attribute of the placeholder's name fills
        it (``code``); an ``__init__`` on the way to the template may
        supply keywords of its own, so it is trusted to.  Of the signals only
        a handler of the same function silences it: a handler elsewhere in
        the module may show the raw template (SRB102 judges so too).
        """
        if call is not None and (call.args or any(k.arg is None for k in call.keywords)):
            return []
        message = self._default_message(qualname)
        if message.template is None or message.own_init:
            return []
        wanted = messages.template_fields(message.template)
        passed = {keyword.arg for keyword in call.keywords if keyword.arg} if call else set()
        if (passed & self.config.message_keywords) - wanted:
            return []  # ``message=msg``: a message by keyword replaces the template
        wanted -= passed
        if not wanted:
            return []
        ancestry = self._ancestors(qualname)
        if ancestry & self.exempt or signals.protocol_signal(site.scope, ancestry):
            return []
        wanted -= self._class_attributes(ancestry)
        return sorted(wanted)

    def _class_attributes(self, ancestry: frozenset[str]) -> frozenset[str]:
        """Every name a class attribute binds along the class's ancestors."""
        names: set[str] = set()
        for name in ancestry:
            facts = self.door.class_facts(name)
            if facts is not None and facts is not UNKNOWN:
                names.update(facts.attributes)
        return frozenset(names)

    def _ancestors(self, qualname: str) -> frozenset[str]:
        """The class and every ancestor that can be resolved, by qualified name."""
        if qualname not in self._ancestry:
            found = hierarchy.ancestry(self.door.class_facts, qualname)
            self._ancestry[qualname] = found.names
        return self._ancestry[qualname]

    def _default_message(self, qualname: str) -> DefaultMessage:
        if qualname not in self._messages:
            self._messages[qualname] = self._compute_default_message(qualname)
        return self._messages[qualname]

    def _compute_default_message(self, qualname: str) -> DefaultMessage:
        """Whether a class supplies its own non-blank message, and its template.

        Walks the class and its bases depth first, left to right: the
        nearest class that sets one of the message attributes decides for
        its branch; a base that cannot be resolved makes it unknown.
        """
        unknown = DefaultMessage(Tri.UNKNOWN)
        walk: hierarchy.Walk[str | None] = hierarchy.Walk(qualname)
        # A hierarchy whose every base leads back into itself (through
        # aliases or an import cycle) never reaches a real root: unknown.
        grounded = False
        own_init = False
        for current in walk:
            if current is None:
                return unknown  # a base that cannot be resolved
            facts = self.door.class_facts(current)
            if facts is None or facts is UNKNOWN:
                return unknown
            if facts.builtin:
                grounded = True
                continue
            own_init = own_init or not _TEMPLATE_METHODS.isdisjoint(facts.methods)
            own = [
                facts.attributes[attr]
                for attr in sorted(self.config.message_attributes)
                if attr in facts.attributes
            ]
            if own:
                decided = self._own_message(own)
                if decided is not None:
                    return dataclasses.replace(decided, own_init=own_init)
                grounded = True
                continue  # blanked here: this branch has no default message
            if facts.builds_message:
                return unknown  # the class builds its own text
            grounded = grounded or not facts.bases
            walk.descend(facts.bases)
        if walk.cut_short:
            return unknown
        return DefaultMessage(Tri.NO) if grounded else unknown

    def _own_message(self, values: list[ast.expr | None]) -> DefaultMessage | None:
        """Judge the message attributes one class sets; None when all are blank."""
        i18n = self.config.i18n_functions
        states = [messages.default_message_state(value, i18n) for value in values]
        for state, value in zip(states, values):
            if state is Tri.YES:
                return DefaultMessage(Tri.YES, messages.literal_text(value, i18n))
        return DefaultMessage(Tri.UNKNOWN) if Tri.UNKNOWN in states else None
