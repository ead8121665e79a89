"""SRB201, SRB202, SRB901: request context parameters dropped or replaced.

An RPC method such as ``update_aggregates(self, ctxt, aggregates)`` receives
the caller's request context (identity, roles, request id) and must pass it
on to the work it does for that caller.  SRB201 reports an RPC endpoint
method that never reads it while doing work; SRB202 a function that
replaces it by another context; SRB901 (opt-in) any other unread one.
"""

from __future__ import annotations

import ast
import fnmatch
import itertools
from collections.abc import Iterable, Iterator

from flake8_sched_robustness import (
    callbacks,
    codes,
    door,
    module_facts,
    naming,
    overrides,
    project_facts_endpoints,
    scopes,
    settings,
    stubs,
    substitutes,
)
from flake8_sched_robustness.answers import Tri

Function = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda

# Decorators that say the body is not the implementation.
STUB_DECORATORS = frozenset({
    "abc.abstractmethod",
    "abc.abstractproperty",
    "abc.abstractclassmethod",
    "abc.abstractstaticmethod",
    "typing.overload",
    "typing_extensions.overload",
})
_KNOWN_DECORATORS = STUB_DECORATORS | overrides.OVERRIDE_DECORATORS
_KNOWN_DECORATOR_NAMES = frozenset(name.rpartition(".")[2] for name in _KNOWN_DECORATORS)
UNION_WRAPPERS = frozenset({"Optional", "Union", "Annotated"})
# oslo.messaging notification listeners: the dispatcher fixes these
# signatures, context included (tests/cases/context/endpoints.py).
LISTENER_METHODS = frozenset({"audit", "critical", "debug", "error", "info", "sample", "warn"})
# oslo.versionedobjects' indirection API (VersionedObjectIndirectionAPI):
# the library fixes the signature, and the object or class it dispatches
# to carries the caller's context, set by the object serializer.
INDIRECTION_METHODS = frozenset({
    "object_action", "object_backport", "object_backport_versions",
    "object_class_action", "object_class_action_versions",
})
LIBRARY_FIXED_METHODS = LISTENER_METHODS | INDIRECTION_METHODS
# An attribute that carries a context of the same call: ``payload.context``,
# ``self.reschedule_context`` (tests/cases/context/replaced_context.py).
CARRIED_SUFFIXES = ("_context", "_ctxt")


def check(
    module: module_facts.ModuleFacts,
    file_scopes: scopes.FileScopes,
    config: settings.Settings,
    door: door.Door,
) -> Iterator[codes.Finding]:
    """Yield SRB2 findings for every function, method and lambda."""
    if not _may_mention_context(module, config):
        return
    checker = _ContextChecker(module, file_scopes, config, door)
    for function, owner in _functions(module, config):
        yield from checker.check(function, owner)


def _may_mention_context(module: module_facts.ModuleFacts, config: settings.Settings) -> bool:
    """A cheap text test: could any parameter of this file be a context?"""
    if module.lines is None:
        return True
    text = "".join(module.lines)
    return any(word in text for word in config.context_words)


def _functions(
    module: module_facts.ModuleFacts, config: settings.Settings
) -> Iterator[tuple[Function, ast.ClassDef | None]]:
    """Yield each def with its class when it is a method, then each lambda.

    Defs come from the statement pass, in source order; lambdas need an
    expression walk, done only when a line holds ``lambda`` beside a word
    that could name a context.
    """
    sites = sorted(module.function_sites, key=lambda site: site.node.lineno)
    for site in sites:
        yield site.node, site.owner
    words = config.context_words
    lines = module.lines
    if lines is not None and not any(
        "lambda" in line and any(word in line for word in words)
        for line in lines if "lambda" in line
    ):
        return
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Lambda):
            yield node, None


class _ContextChecker:
    """Judge one function at a time; per-file memo tables live here."""

    def __init__(
        self,
        module: module_facts.ModuleFacts,
        file_scopes: scopes.FileScopes,
        config: settings.Settings,
        door: door.Door,
    ) -> None:
        self.module = module
        self.config = config
        self.door = door
        self.callbacks = callbacks.CallbackFinder(module, config.context_names)
        self.scopes = file_scopes
        self.overrides = overrides.OverrideFinder(module, file_scopes, config, door)
        self._type_matches: dict[str, bool] = {}
        self._walrus_lines: list[int] | None = None
        self._substitutes: dict[int, str] = {}

    def check(self, function: Function, owner: ast.ClassDef | None) -> Iterator[codes.Finding]:
        params = [arg for arg in _named_parameters(function) if self._is_context(arg)]
        if not params:
            return
        names = frozenset(arg.arg for arg in params)
        walrus = self._may_hold_walrus(function)
        bindings = self.scopes.first_rebindings(function, names, walrus)
        # Only a rebound name needs its earliest read; for the others any
        # read settles it, so the walk can stop at the first.
        reads = self.scopes.first_reads(function, names, frozenset(bindings))
        label = _label(function, owner)
        selected = self.config.selected
        unread = []
        for arg in params:
            read, bound = reads.get(arg.arg), bindings.get(arg.arg)
            if bound is not None and (read is None or read >= bound):
                # Rebound before any read: the caller's context is replaced,
                # unless the new one travels with an object of the same call
                # (``payload.context``): then it is judged as unread.
                value = _rebinding_value(function, arg.arg, bound)
                if value is not None and self._carried_context(value):
                    unread.append(arg)
                elif "SRB202" in selected:
                    spelled = substitutes.spell_substitute(value) if value else "another value"
                    yield self._replaced(arg, label, spelled)
            elif read is None:
                unread.append(arg)
        # Each parameter gets at most one code: SRB202, then SRB201, then SRB901.
        for arg in unread:
            code = self._unread_code(function, owner)
            if code == "SRB202":
                yield self._replaced(arg, label, self._substitute(function, owner))
            elif code is not None:
                yield codes.finding(arg.lineno, arg.col_offset, code,
                                    param=arg.arg, function=label)

    def _carried_context(self, value: ast.expr) -> bool:
        """``payload.context``, ``self.reschedule_context``: an attribute named
        like a context parameter, or ending in one of CARRIED_SUFFIXES."""
        if not isinstance(value, ast.Attribute):
            return False
        return value.attr in self.config.context_names or value.attr.endswith(CARRIED_SUFFIXES)

    def _replaced(self, arg: ast.arg, label: str, substitute: str) -> codes.Finding:
        return codes.finding(arg.lineno, arg.col_offset, "SRB202",
                             param=arg.arg, function=label, substitute=substitute)

    def _unread_code(self, function: Function, owner: ast.ClassDef | None) -> str | None:
        """The code an unread context parameter gets, or None; asked lazily, in order."""
        selected = self.config.selected
        if "SRB202" in selected and self._substitute(function, owner):
            return "SRB202"
        if "SRB201" in selected and self._is_dropped_by_endpoint(function, owner):
            return "SRB201"
        if "SRB901" in selected and not self._may_ignore(function, owner):
            return "SRB901"
        return None

    def _substitute(self, function: Function, owner: ast.ClassDef | None) -> str:
        """The other context an unreading body works with ("" for none)."""
        key = id(function)
        if key not in self._substitutes:
            finder = substitutes.SubstituteFinder(
                self.module, self.config.context_factories,
                self.config.context_names, owner,
            )
            self._substitutes[key] = finder.first_substitute(function)
        return self._substitutes[key]

    def _is_dropped_by_endpoint(self, function: Function, owner: ast.ClassDef | None) -> bool:
        """Whether an RPC endpoint method does work without its context (SRB201)."""
        if owner is None or isinstance(function, ast.Lambda):
            return False
        if function.name.startswith("_") or function.name in LIBRARY_FIXED_METHODS:
            return False  # not served, or a signature a library fixes
        if stubs.does_no_work(function, self.module, self.config.i18n_functions):
            return False  # stub_bodies.py, endpoints.py
        spelled, qualified = self._decorators(function)
        if qualified & (STUB_DECORATORS | overrides.OVERRIDE_DECORATORS):
            return False
        if _matches_any(spelled | qualified, self.config.context_decorators):
            return False
        if self._rpc_endpoint(owner) is not Tri.YES:
            return False  # unknown ends in silence
        # An installed base fixes the signature; a project base does not.
        return self.overrides.overrides_installed(owner, function.name) is Tri.NO

    def _rpc_endpoint(self, owner: ast.ClassDef) -> Tri:
        """Whether the project serves ``owner`` over RPC: a project-wide fact.

        A target in the class's own body is read from the linted tree, which
        is what an editor shows even before the file is saved.
        """
        if any(
            project_facts_endpoints.declares_target(statement, self.module.qualify)
            for statement in owner.body
        ):
            return Tri.YES
        if self.module.classes.get(owner.name) is not owner or not self.module.name:
            return Tri.UNKNOWN  # a class nested in a function or a class
        return self.door.rpc_endpoint(f"{self.module.name}.{owner.name}")

    def _may_hold_walrus(self, function: Function) -> bool:
        lines = self.module.lines
        if lines is None:
            return True
        if self._walrus_lines is None:
            # How many of the first i lines hold ``:=``, for every i: one
            # pass per file, then any function's lines are asked in O(1).
            self._walrus_lines = list(itertools.accumulate(
                (int(":=" in line) for line in lines), initial=0
            ))
        counts = self._walrus_lines
        end = min(getattr(function, "end_lineno", None) or len(lines), len(lines))
        start = min(function.lineno - 1, end)
        return counts[end] > counts[start]

    def _is_context(self, arg: ast.arg) -> bool:
        if arg.arg in self.config.context_names:
            return True
        # A leading underscore opts out, even for an annotated parameter:
        # tests/cases/context/opt_out.py.
        if arg.annotation is None or arg.arg.startswith("_"):
            return False
        return self._is_context_type(arg.annotation)

    def _is_context_type(self, annotation: ast.expr) -> bool:
        key = ast.dump(annotation)
        if key not in self._type_matches:
            members = list(_union_members(annotation))
            self._type_matches[key] = bool(members) and all(
                self._names_context_type(member) for member in members
            )
        return self._type_matches[key]

    def _names_context_type(self, node: ast.expr) -> bool:
        return naming.name_matches(node, self.module.qualify, self.config.context_types)

    def _may_ignore(self, function: Function, owner: ast.ClassDef | None) -> bool:
        """Whether a function may leave its context unread (SRB901's silences)."""
        if stubs.is_stub_body(function, self.module, self.config.i18n_functions):
            return True  # does no work for the caller: stub_bodies.py
        spelled, qualified = self._decorators(function)
        if qualified & STUB_DECORATORS:
            return True
        if _matches_any(spelled | qualified, self.config.context_decorators):
            return True  # the decorator reads it: context_decorators.py
        if self.callbacks.is_callback(function):
            return True  # its consumer fixes the signature: callbacks.py
        if isinstance(function, ast.Lambda):
            return False
        return self.overrides.is_override(function, owner, qualified)

    def _decorators(self, function: Function) -> tuple[frozenset[str], frozenset[str]]:
        """The decorators of a function, as written and as qualified names."""
        if isinstance(function, ast.Lambda):
            return frozenset(), frozenset()
        spelled, qualified = set(), set()
        for decorator in function.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            name = naming.dotted_name(target)
            if name:
                spelled.add(name)
            qualname = self.module.qualify(target)
            if qualname:
                qualified.add(self._canonical_decorator(qualname))
        return frozenset(spelled), frozenset(qualified)

    def _canonical_decorator(self, qualname: str) -> str:
        """Follow a project re-export (``utils.override``) of a known decorator."""
        if qualname in _KNOWN_DECORATORS or (
            qualname.rpartition(".")[2] not in _KNOWN_DECORATOR_NAMES
        ):
            return qualname  # only a decorator's own name can be a re-export of it
        return self.door.canonical_name(qualname)


def _rebinding_value(function: Function, name: str, where: tuple[int, int]) -> ast.expr | None:
    """What a plain rebinding of ``name`` at ``where`` assigns; None for a
    loop, ``with`` or unpacking target."""
    for node in ast.walk(function):
        value = _assigned_value(node, name)
        if value is not None and value.lineno <= where[0] <= (value.end_lineno or value.lineno):
            return value
    return None


def _assigned_value(node: ast.AST, name: str) -> ast.expr | None:
    """The value a plain assignment, annotated assignment or walrus gives ``name``."""
    if isinstance(node, ast.Assign):
        if any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return node.value
    elif isinstance(node, (ast.AnnAssign, ast.NamedExpr)):
        if isinstance(node.target, ast.Name) and node.target.id == name:
            return node.value
    return None


def _named_parameters(function: Function) -> list[ast.arg]:
    """Parameters that take one argument each: *args and **kwargs aside."""
    args = function.args
    return [*args.posonlyargs, *args.args, *args.kwonlyargs]


def _label(function: Function, owner: ast.ClassDef | None) -> str:
    if isinstance(function, ast.Lambda):
        return "<lambda>"
    return f"{owner.name}.{function.name}" if owner else function.name


def _union_members(node: ast.expr, depth: int = 0) -> Iterator[ast.expr]:
    """The types an annotation allows, None aside: ``Optional[X]`` gives X."""
    if depth > 10:
        yield node
        return
    if isinstance(node, ast.Constant):
        yield from _constant_members(node, depth)
        return
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        yield from _union_members(node.left, depth + 1)
        yield from _union_members(node.right, depth + 1)
        return
    wrapped = _wrapped_types(node)
    if wrapped is None:
        yield node
        return
    for element in wrapped:
        yield from _union_members(element, depth + 1)


def _constant_members(node: ast.Constant, depth: int) -> Iterator[ast.expr]:
    """A string annotation read as the types it spells; None allows nothing."""
    if isinstance(node.value, str):
        try:
            parsed = ast.parse(node.value.strip(), mode="eval").body
        except (SyntaxError, ValueError, RecursionError):
            yield node
            return
        yield from _union_members(parsed, depth + 1)
    elif node.value is not None:
        yield node


def _wrapped_types(node: ast.expr) -> list[ast.expr] | None:
    """The types inside ``Optional[X]``, ``Union[X, Y]`` or ``Annotated[X, ...]``."""
    if not isinstance(node, ast.Subscript):
        return None
    wrapper = (naming.dotted_name(node.value) or "").rpartition(".")[2]
    if wrapper not in UNION_WRAPPERS:
        return None
    inner = node.slice
    elements = inner.elts if isinstance(inner, ast.Tuple) else [inner]
    return elements[:1] if wrapper == "Annotated" else elements


def _matches_any(names: Iterable[str], patterns: Iterable[str]) -> bool:
    return any(
        fnmatch.fnmatchcase(name, pattern) for name in names for pattern in patterns
    )
