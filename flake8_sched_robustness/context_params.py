"""SRB201-SRB202: request context parameters that are dropped or replaced.

An RPC method such as ``update_aggregates(self, ctxt, aggregates)`` receives
the caller's request context (identity, roles, request id) and must pass it
on to the work it does for that caller.  SRB201 reports a context parameter
the body never reads; SRB202 one that is rebound before it is read, so the
caller's context is replaced by another one.
"""

from __future__ import annotations

import ast
import dataclasses
import fnmatch
import re
from collections.abc import Iterable, Iterator

from flake8_sched_robustness import codes, door, hierarchy, settings, syntax
from flake8_sched_robustness.answers import UNKNOWN
from flake8_sched_robustness.syntax import Tri

Position = tuple[int, int]
# Names handed over as values, ids of lambdas bound to a name, and the
# Globs of method names looked up by a computed name: getattr(self, "_save_%s" % x).
Callbacks = tuple[frozenset[str], frozenset[int], frozenset[str]]
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
# Decorators that declare an override; --srb-check-overrides reports them.
OVERRIDE_DECORATORS = frozenset({
    "typing.override",
    "typing_extensions.override",
    "overrides.override",
    "overrides.overrides",
})
_KNOWN_DECORATORS = STUB_DECORATORS | OVERRIDE_DECORATORS
_KNOWN_DECORATOR_NAMES = frozenset(name.rpartition(".")[2] for name in _KNOWN_DECORATORS)
UNION_WRAPPERS = frozenset({"Optional", "Union", "Annotated"})
EMPTY_CONSTRUCTORS = frozenset({
    "builtins.dict", "builtins.list", "builtins.set", "builtins.tuple",
    "builtins.frozenset", "builtins.str",
})
LOG_METHODS = frozenset({
    "debug", "info", "warning", "warn", "error", "exception", "critical",
})
LOGGERS = frozenset({"log", "logger", "logging", "_log", "_logger"})
# getattr whose name argument is anything but a plain literal.
_DYNAMIC_GETATTR = re.compile(r"getattr\(\s*[\w.]+\s*,\s*(?![\'\"]\w*[\'\"]\s*[,)])")
_FORMAT_HOLE = re.compile(r"%(\(\w+\))?[sdr]|\{[^{}]*\}")
FRAME_READERS = frozenset({"locals", "vars"})
COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)


def check(
    module: syntax.ModuleFacts, config: settings.Settings, door: door.Door
) -> Iterator[codes.Finding]:
    """Yield SRB2 findings for every function, method and lambda."""
    if not _may_mention_context(module, config):
        return
    checker = _ContextChecker(module, config, door)
    for function, owner in _functions(module, config):
        yield from checker.check(function, owner)


def _may_mention_context(module: syntax.ModuleFacts, config: settings.Settings) -> bool:
    """A cheap text test: could any parameter of this file be a context?"""
    if module.lines is None:
        return True
    text = "".join(module.lines)
    return any(word in text for word in _literal_words(config))


def _literal_words(config: settings.Settings) -> frozenset[str]:
    """The context names, and the literal text of each context type glob."""
    words = set(config.context_names)
    for pattern in config.context_types:
        text = pattern.rpartition(".")[2]
        for wildcard in "*?[]":
            text = text.replace(wildcard, " ")
        words.update(part for part in text.split() if part)
    return frozenset(words)


def _functions(
    module: syntax.ModuleFacts, config: settings.Settings
) -> Iterator[tuple[Function, ast.ClassDef | None]]:
    """Yield each def with its class when it is a method, then each lambda.

    Defs come from the statement pass, in source order; lambdas need an
    expression walk, done only when a line holds ``lambda`` beside a word
    that could name a context.
    """
    sites = sorted(module.function_sites, key=lambda site: site.node.lineno)
    for site in sites:
        yield site.node, site.owner
    words = _literal_words(config)
    lines = module.lines
    if lines is not None and not any(
        "lambda" in line and any(word in line for word in words)
        for line in lines if "lambda" in line
    ):
        return
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Lambda):
            yield node, None


@dataclasses.dataclass
class _ContextChecker:
    """Judge one function at a time; per-file memo tables live here."""

    module: syntax.ModuleFacts
    config: settings.Settings
    door: door.Door
    _type_matches: dict[str, bool] = dataclasses.field(default_factory=dict)
    _local_facts: dict[int, tuple[frozenset[str], tuple[ast.expr, ...]]] = (
        dataclasses.field(default_factory=dict)
    )
    _callbacks: Callbacks | None = None
    _parents: dict[int, ast.AST] | None = None
    _walrus_in_file: bool | None = None

    @property
    def report_dropped(self) -> bool:
        return "SRB201" in self.config.selected

    @property
    def report_replaced(self) -> bool:
        return "SRB202" in self.config.selected

    def check(self, function: Function, owner: ast.ClassDef | None) -> Iterator[codes.Finding]:
        params = [arg for arg in _named_parameters(function) if self._is_context(arg)]
        if not params:
            return
        names = frozenset(arg.arg for arg in params)
        bindings = find_first_bindings(function, names, self._may_hold_walrus(function))
        # Only a rebound name needs its earliest read; for the others any
        # read settles it, so the walk can stop at the first.
        reads = find_first_reads(function, names, frozenset(bindings))
        label = _label(function, owner)
        dropped = []
        for arg in params:
            read, bound = reads.get(arg.arg), bindings.get(arg.arg)
            if bound is not None and (read is None or read >= bound):
                if self.report_replaced:
                    yield codes.finding(arg.lineno, arg.col_offset, "SRB202",
                                        param=arg.arg, function=label)
            elif read is None:
                dropped.append(arg)
        if dropped and self.report_dropped and not self._may_ignore(function, owner):
            for arg in dropped:
                yield codes.finding(arg.lineno, arg.col_offset, "SRB201",
                                    param=arg.arg, function=label)

    def _may_be_handed_over(self, name: str) -> bool:
        """A text test before the tree walk: is ``name`` ever used uncalled?"""
        lines = self.module.lines
        if lines is None:
            return True
        uncalled = re.compile(rf"\b{re.escape(name)}\b(?!\s*\()")
        return any(
            (name in line and uncalled.search(line))
            or ("getattr(" in line and _DYNAMIC_GETATTR.search(line))
            for line in lines
        )

    def _may_hold_walrus(self, function: Function) -> bool:
        lines = self.module.lines
        if lines is None:
            return True
        if self._walrus_in_file is None:
            self._walrus_in_file = any(":=" in line for line in lines)
        if not self._walrus_in_file:
            return False
        end = getattr(function, "end_lineno", None) or len(lines)
        return any(":=" in line for line in lines[function.lineno - 1:end])

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
        dotted = syntax.dotted_name(node)
        if dotted is None:
            return False
        last = dotted.rpartition(".")[2]
        for pattern in self.config.context_types:
            if "." not in pattern:
                if fnmatch.fnmatchcase(last, pattern):
                    return True
            elif fnmatch.fnmatchcase(dotted, pattern) or fnmatch.fnmatchcase(
                self.module.qualify(node) or "", pattern
            ):
                return True
        return False

    def _may_ignore(self, function: Function, owner: ast.ClassDef | None) -> bool:
        """Whether a function may leave its context unread (SRB201 only)."""
        if is_stub_body(function, self.module, self.config.i18n_functions):
            return True  # does no work for the caller: stub_bodies.py
        spelled, qualified = self._decorators(function)
        if qualified & STUB_DECORATORS:
            return True
        if _matches_any(spelled | qualified, self.config.context_decorators):
            return True  # the decorator reads it: context_decorators.py
        if self._is_callback(function):
            return True  # its consumer fixes the signature: callbacks.py
        if isinstance(function, ast.Lambda):
            return False
        return self._is_override(function, owner, qualified)

    def _is_callback(self, function: Function) -> bool:
        if not isinstance(function, ast.Lambda) and not self._may_be_handed_over(
            function.name
        ):
            return False
        if self._callbacks is None:
            self._callbacks = find_callbacks(self.module.tree, self.config.context_names)
        names, named_lambdas, templates = self._callbacks
        if isinstance(function, ast.Lambda):
            return id(function) not in named_lambdas
        return function.name in names or any(
            fnmatch.fnmatchcase(function.name, glob) for glob in templates
        )

    def _is_override(
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

    def _decorators(self, function: Function) -> tuple[frozenset[str], frozenset[str]]:
        """The decorators of a function, as written and as qualified names."""
        if isinstance(function, ast.Lambda):
            return frozenset(), frozenset()
        spelled, qualified = set(), set()
        for decorator in function.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            name = syntax.dotted_name(target)
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

    def _overrides(self, owner: ast.ClassDef, method: str) -> Tri:
        """Whether a base class of ``owner`` (object aside) defines ``method``.

        Bases are walked depth-first, guarding cycles; a base that cannot be
        resolved adds nothing, unless the door could not ask (budget spent
        or inference off), which makes the answer unknown.
        """
        scopes = self._enclosing_functions(owner)
        walk = hierarchy.Walk(*self._resolve_bases(owner.bases, scopes))
        answer = Tri.NO
        for base in walk:
            if base == "builtins.object":
                continue
            if isinstance(base, ast.ClassDef):
                members, base_exprs = self._local_class(base)
                if method in members:
                    return Tri.YES
                walk.descend(self._resolve_bases(base_exprs, scopes))
                continue
            facts = self.door.class_facts(base)
            if facts is UNKNOWN:
                answer = Tri.UNKNOWN  # not looked at, rather than not found
            elif facts is not None:
                if hierarchy.defines(facts, method):
                    return Tri.YES
                walk.descend(qualname for qualname in facts.bases if qualname)
        return Tri.UNKNOWN if walk.cut_short else answer

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
        if self._parents is None:
            self._parents = {
                id(inner): site.node
                for site in self.module.function_sites
                for inner in syntax.scope_statements(site.node)
                if isinstance(inner, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            }
        chain = []
        parent = self._parents.get(id(node))
        while parent is not None and len(chain) < 50:
            chain.append(parent)
            parent = self._parents.get(id(parent))
        return tuple(reversed(chain))

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
        yield from syntax.bound_names(statement.target)
    else:
        yield from syntax.statement_bindings(statement)


def _class_in_scopes(base: ast.expr, scopes: tuple[ast.AST, ...]) -> ast.ClassDef | None:
    """The class a bare base name names in the enclosing functions, innermost first."""
    if not isinstance(base, ast.Name) or not scopes:
        return None
    for scope in reversed(scopes):
        for node in syntax.scope_statements(scope):
            if isinstance(node, ast.ClassDef) and node.name == base.id:
                return node
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
        if isinstance(node.value, str):
            try:
                parsed = ast.parse(node.value.strip(), mode="eval").body
            except (SyntaxError, ValueError, RecursionError):
                yield node
                return
            yield from _union_members(parsed, depth + 1)
        elif node.value is not None:
            yield node
        return
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        yield from _union_members(node.left, depth + 1)
        yield from _union_members(node.right, depth + 1)
        return
    if isinstance(node, ast.Subscript):
        wrapper = (syntax.dotted_name(node.value) or "").rpartition(".")[2]
        if wrapper in UNION_WRAPPERS:
            inner = node.slice
            elements = inner.elts if isinstance(inner, ast.Tuple) else [inner]
            if wrapper == "Annotated":
                elements = elements[:1]
            for element in elements:
                yield from _union_members(element, depth + 1)
            return
    yield node


def is_stub_body(
    function: Function, module: syntax.ModuleFacts, i18n: frozenset[str]
) -> bool:
    """Whether a body only stands in for an implementation.

    After an optional docstring: nothing, ``pass``, ``...``, a bare
    ``return``, ``return`` of a literal or of a parameter unchanged, or a
    ``raise`` (possibly after assigning its message).  A lambda is a stub
    when it returns a literal.
    """
    if isinstance(function, ast.Lambda):
        return _is_literal(function.body, module)
    body = function.body
    if body and _is_docstring(body[0]):
        body = body[1:]
    if not body:
        return True
    *before, last = body
    if isinstance(last, ast.Raise):
        return all(
            _assigns_message(statement, i18n) or _is_logging(statement)
            for statement in before
        )
    if before:
        return False
    if isinstance(last, ast.Pass):
        return True
    if isinstance(last, ast.Expr):
        return isinstance(last.value, ast.Constant) and last.value.value is ...
    if isinstance(last, ast.Return):
        value = last.value
        return value is None or _is_literal(value, module) or (
            isinstance(value, ast.Name)
            and value.id in {arg.arg for arg in syntax.parameters(function.args)}
        )
    return False


def _assigns_message(statement: ast.stmt, i18n: frozenset[str]) -> bool:
    """``msg = _("...") % {...}``: text prepared for the raise that follows."""
    return (
        isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
        and _is_message(statement.value, i18n)
    )


def _is_logging(statement: ast.stmt) -> bool:
    """``LOG.error(msg)``: a log call that explains the raise that follows."""
    if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)):
        return False
    callee = statement.value.func
    return (
        isinstance(callee, ast.Attribute)
        and callee.attr in LOG_METHODS
        and (syntax.dotted_name(callee.value) or "").rpartition(".")[2].lower()
        in LOGGERS
    )


def _is_message(node: ast.expr, i18n: frozenset[str]) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add)):
        return _is_message(node.left, i18n) and not any(
            isinstance(part, ast.Call) for part in ast.walk(node.right)
        )
    if isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords:
        callee = syntax.dotted_name(node.func) or ""
        return callee.rpartition(".")[2] in i18n and _is_message(node.args[0], i18n)
    return False


def _is_docstring(statement: ast.stmt) -> bool:
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )


def _is_literal(node: ast.expr, module: syntax.ModuleFacts) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name):
        return node.id == "NotImplemented"
    if isinstance(node, ast.UnaryOp):
        return _is_literal(node.operand, module)
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return all(_is_literal(element, module) for element in node.elts)
    if isinstance(node, ast.Dict):
        return all(
            key is not None and _is_literal(key, module) for key in node.keys
        ) and all(_is_literal(value, module) for value in node.values)
    if isinstance(node, ast.Call) and not node.args and not node.keywords:
        return module.qualify(node.func) in EMPTY_CONSTRUCTORS
    return False


def _start(node: ast.AST) -> Position:
    return node.lineno, node.col_offset  # type: ignore[attr-defined]


def _end(node: ast.AST) -> Position:
    return (
        node.end_lineno or node.lineno,  # type: ignore[attr-defined]
        node.end_col_offset or 0,  # type: ignore[attr-defined]
    )


def find_first_reads(
    function: Function, names: frozenset[str], earliest: frozenset[str] | None = None
) -> dict[str, Position]:
    """Where each of ``names`` is first read in a function's body, by source position.

    Reads in nested functions, lambdas, classes and comprehensions count
    unless that scope binds the name for itself; ``locals()`` and
    ``vars()`` read every name; ``x += 1`` reads ``x``.  Only the names in
    ``earliest`` (all, when None) get their earliest read; for the others
    any read will do, and the walk stops once each of them has one.
    """
    first: dict[str, Position] = {}
    exact = names if earliest is None else earliest
    body = function.body if isinstance(function.body, list) else [function.body]
    stack: list[tuple[ast.AST, frozenset[str]]] = [(node, frozenset()) for node in body]
    while stack:
        node, hidden = stack.pop()
        for name, where in _reads_at(node, names, hidden):
            position = _start(where)
            if name not in first or position < first[name]:
                first[name] = position
        if not exact and len(first) == len(names):
            break
        if not isinstance(node, ast.Name):
            stack.extend(_children_with_hidden(node, names, hidden))
    return first


def _reads_at(
    node: ast.AST, names: frozenset[str], hidden: frozenset[str]
) -> Iterator[tuple[str, ast.AST]]:
    """The reads of ``names`` that this node itself makes."""
    if isinstance(node, ast.Name):
        if node.id in names and node.id not in hidden and isinstance(node.ctx, ast.Load):
            yield node.id, node
    elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
        if node.target.id in names and node.target.id not in hidden:
            yield node.target.id, node.target
    elif _is_frame_read(node):
        for name in names - hidden:
            yield name, node


def _is_frame_read(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in FRAME_READERS
        and not node.args
        and not node.keywords
    )


def _children_with_hidden(
    node: ast.AST, names: frozenset[str], hidden: frozenset[str]
) -> Iterator[tuple[ast.AST, frozenset[str]]]:
    """A node's children, each with the names a nested scope binds for itself."""
    if isinstance(node, syntax.FUNCTION_NODES):
        args = node.args
        outer: list[ast.AST] = [*args.defaults, *(d for d in args.kw_defaults if d)]
        if not isinstance(node, ast.Lambda):
            outer.extend(node.decorator_list)
        inner_hidden = hidden | (names & syntax.local_names(node))
        inner = node.body if isinstance(node.body, list) else [node.body]
        yield from ((child, hidden) for child in outer)
        yield from ((child, inner_hidden) for child in inner)
        return
    if isinstance(node, COMPREHENSIONS):
        bound = {
            name for generator in node.generators
            for name in syntax.bound_names(generator.target)
        }
        inner_hidden = hidden | (names & bound)
        first_iter = node.generators[0].iter  # evaluated in the enclosing scope
        yield first_iter, hidden
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.comprehension):
                for part in (child.target, *child.ifs):
                    yield part, inner_hidden
                if child.iter is not first_iter:
                    yield child.iter, inner_hidden
            else:
                yield child, inner_hidden
        return
    yield from ((child, hidden) for child in ast.iter_child_nodes(node))


def _own_scope(function: Function, walrus: bool) -> Iterator[ast.AST]:
    """The nodes of a function's own scope that can bind a name.

    Its statements, from the shared statement pass, and match patterns;
    expressions are entered only when ``walrus`` says one could bind there.
    """
    if isinstance(function, ast.Lambda):
        yield from ast.walk(function.body)
        return
    for statement in syntax.scope_statements(function):
        yield statement
        if isinstance(statement, ast.Match):
            for case in statement.cases:
                yield from ast.walk(case.pattern)
        if walrus and not isinstance(statement, syntax.SCOPE_NODES):
            yield from (
                node for node in _statement_expressions(statement)
                if isinstance(node, ast.NamedExpr)
            )


def _statement_expressions(statement: ast.AST) -> Iterator[ast.AST]:
    """The expressions of one statement, not those of the statements it holds."""
    for field, value in ast.iter_fields(statement):
        if field in ("body", "orelse", "finalbody", "handlers", "cases"):
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, ast.AST):
                yield from ast.walk(item)


def _bindings(node: ast.AST) -> Iterator[tuple[str, Position]]:
    """The names a node binds in its scope, each with where the binding lands.

    An assignment binds after its value is evaluated, so a read in the
    value (``context = context.elevated()``) comes first.
    """
    for target, evaluated_first in _binding_targets(node):
        landing = _end(evaluated_first) if evaluated_first is not None else _start(node)
        for name in syntax.bound_names(target):
            yield name, landing
    if isinstance(node, (ast.ExceptHandler, ast.Import, ast.ImportFrom, ast.FunctionDef,
                         ast.AsyncFunctionDef, ast.ClassDef)):
        for name in syntax.statement_bindings(node):
            yield name, _start(node)
    elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
        yield node.name, _start(node)
    elif isinstance(node, ast.MatchMapping) and node.rest:
        yield node.rest, _start(node)


def _binding_targets(node: ast.AST) -> Iterator[tuple[ast.AST, ast.AST | None]]:
    """Each binding target of a node, with what is evaluated before it binds."""
    if isinstance(node, ast.Assign):
        for target in node.targets:
            yield target, node.value
    elif isinstance(node, ast.AnnAssign) and node.value is not None:
        yield node.target, node.value
    elif isinstance(node, (ast.For, ast.AsyncFor)):
        yield node.target, node.iter
    elif isinstance(node, (ast.With, ast.AsyncWith)):
        for item in node.items:
            if item.optional_vars is not None:
                yield item.optional_vars, item.context_expr
    elif isinstance(node, ast.NamedExpr):
        yield node.target, node.value


def find_first_bindings(
    function: Function, names: frozenset[str], walrus: bool = True
) -> dict[str, Position]:
    """Where each of ``names`` is first rebound in the function's own scope.

    ``walrus`` False says the function's text holds no ``:=``, which spares
    a walk through its expressions.
    """
    first: dict[str, Position] = {}
    for node in _own_scope(function, walrus):
        for name, position in _bindings(node):
            if name in names and (name not in first or position < first[name]):
                first[name] = position
    return first


def find_callbacks(tree: ast.Module, context_names: frozenset[str]) -> Callbacks:
    """Names of functions and methods the module hands over as values.

    ``[require_image, ...]``, ``partial(self._create_swap, ...)`` or
    ``fetch_func=self._create_swap``: whoever calls them fixes their
    signature.  A reference passed along with a positional context argument
    (``spawn(self._build, context, ...)``) is not counted: there the author
    chose to pass the context.  Lambdas are handed over unless assigned to
    a name; the ids of those that are come second.  Methods found by a
    computed name, ``getattr(self, "_save_%s" % field)(context)``, come
    third as globs (``_save_*``); where getattr takes a name built elsewhere
    (``name = "{}_{}_log".format(...)``), every name template in the module
    counts.
    """
    templates: set[str] = set()
    elsewhere: set[str] = set()
    dynamic_getattr = False
    # ast.walk visits parents first, so one pass can mark a callee, a
    # receiver (x.attr, x[i]) or an argument beside a context before it
    # reaches that child.
    not_handed: set[int] = set()
    named_lambdas: set[int] = set()
    names: set[str] = set()
    # ``subnet_create_end = subnet_update_end`` in a class body publishes a
    # method under a second name; that hands nothing over, unless the new
    # name is handed over in turn.
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        kind = node.__class__
        if kind is ast.Name:
            if id(node) not in not_handed and isinstance(node.ctx, ast.Load):
                names.add(node.id)
        elif kind is ast.Attribute:
            not_handed.add(id(node.value))
            if id(node) not in not_handed and isinstance(node.value, ast.Name) and (
                isinstance(node.ctx, ast.Load)
            ):
                names.add(node.attr)
        elif kind is ast.Subscript:
            not_handed.add(id(node.value))
        elif kind is ast.Call:
            not_handed.add(id(node.func))
            dynamic_getattr |= _note_call(node, context_names, not_handed, templates)
        if kind is ast.BinOp or kind is ast.JoinedStr or kind is ast.Call:
            glob = _name_glob(node)
            if glob is not None:
                elsewhere.add(glob)
        elif kind is ast.Assign or kind is ast.AnnAssign:
            _note_assignment(node, named_lambdas, aliases, not_handed)  # type: ignore[arg-type]
    if dynamic_getattr:
        templates |= elsewhere
    names.update(original for alias, original in aliases.items() if alias in names)
    return frozenset(names), frozenset(named_lambdas), frozenset(templates)


def _note_assignment(
    node: ast.Assign | ast.AnnAssign,
    named_lambdas: set[int],
    aliases: dict[str, str],
    not_handed: set[int],
) -> None:
    """A lambda bound to a name is not handed over; nor is ``b`` in ``a = b``."""
    value = node.value
    if isinstance(value, ast.Lambda):
        named_lambdas.add(id(value))
        return
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    if isinstance(value, ast.Name) and len(targets) == 1 and isinstance(targets[0], ast.Name):
        not_handed.add(id(value))
        aliases[targets[0].id] = value.id


def _note_call(
    call: ast.Call,
    context_names: frozenset[str],
    not_handed: set[int],
    templates: set[str],
) -> bool:
    """Note what a call hands over; tell whether it is a computed getattr."""
    if any(
        isinstance(argument, ast.Name) and argument.id in context_names
        for argument in call.args
    ):
        not_handed.update(id(argument) for argument in call.args)
    if not (
        isinstance(call.func, ast.Name) and call.func.id == "getattr" and len(call.args) >= 2
    ) or isinstance(call.args[1], ast.Constant):
        return False
    glob = _name_glob(call.args[1])
    if glob is not None:
        templates.add(glob)
    return True


def _name_glob(spelled: ast.expr) -> str | None:
    """A method-name template as a glob: ``"_save_%s" % x`` gives ``_save_*``.

    Also ``"{}_{}_log".format(...)`` and ``f"_load_{x}_extra"``; only
    identifier-like templates with three fixed letters or digits count.
    """
    if (
        isinstance(spelled, ast.BinOp)
        and isinstance(spelled.op, ast.Mod)
        and isinstance(spelled.left, ast.Constant)
    ):
        text = spelled.left.value
    elif (
        isinstance(spelled, ast.Call)
        and isinstance(spelled.func, ast.Attribute)
        and spelled.func.attr == "format"
        and isinstance(spelled.func.value, ast.Constant)
    ):
        text = spelled.func.value.value
    elif isinstance(spelled, ast.JoinedStr):
        text = "".join(
            part.value if isinstance(part, ast.Constant) else "{}" for part in spelled.values
        )
    else:
        return None
    if not isinstance(text, str):
        return None
    glob = _FORMAT_HOLE.sub("*", text)
    fixed = glob.replace("*", "")
    letters = sum(char.isalnum() for char in fixed)
    if "*" not in glob or letters < 3 or not fixed.replace("_", "a").isalnum():
        return None
    return glob


def _matches_any(names: Iterable[str], patterns: Iterable[str]) -> bool:
    return any(
        fnmatch.fnmatchcase(name, pattern) for name in names for pattern in patterns
    )
