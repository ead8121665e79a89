"""SRB301-SRB302: code and drivers loaded by a name nobody checked.

Nova's scheduler loads ``DriverManager("nova.scheduler.driver", name)``
with a name taken from configuration and accepts whatever it says.  These
rules find loaders (SRB301) and entry-point managers (SRB302) whose name
argument is computed, and stay silent when it is built from constants only
or was checked against an allowlist on every path to the call.
"""

from __future__ import annotations

import ast
import dataclasses
import enum
from collections.abc import Callable, Iterable, Iterator

from flake8_sched_robustness import codes, inference, project_index, settings, syntax


@dataclasses.dataclass(frozen=True)
class Loader:
    """A callable that loads code by name, and where its name argument sits."""

    code: str
    position: int | None
    keywords: tuple[str, ...] = ()


_OSLO = "oslo_utils.importutils."
LOADERS: dict[str, Loader] = {
    "importlib.import_module": Loader("SRB301", 0, ("name",)),
    "importlib.__import__": Loader("SRB301", 0, ("name",)),
    "builtins.__import__": Loader("SRB301", 0, ("name",)),
    _OSLO + "import_class": Loader("SRB301", 0, ("import_str",)),
    _OSLO + "import_object": Loader("SRB301", 0, ("import_str",)),
    _OSLO + "import_object_ns": Loader("SRB301", 1, ("import_str",)),
    _OSLO + "import_module": Loader("SRB301", 0, ("import_str",)),
    _OSLO + "try_import": Loader("SRB301", 0, ("import_str",)),
    _OSLO + "import_versioned_module": Loader("SRB301", 0, ("module",)),
    "pkgutil.resolve_name": Loader("SRB301", 0, ("name",)),
    "pydoc.locate": Loader("SRB301", 0, ("path",)),
    "runpy.run_module": Loader("SRB301", 0, ("mod_name",)),
    "runpy.run_path": Loader("SRB301", 0, ("path_name",)),
    "stevedore.driver.DriverManager": Loader("SRB302", 1, ("name",)),
    "stevedore.DriverManager": Loader("SRB302", 1, ("name",)),
    "stevedore.named.NamedExtensionManager": Loader("SRB302", 1, ("names",)),
    "stevedore.NamedExtensionManager": Loader("SRB302", 1, ("names",)),
    "stevedore.hook.HookManager": Loader("SRB302", 1, ("name",)),
    "stevedore.HookManager": Loader("SRB302", 1, ("name",)),
    "pkg_resources.load_entry_point": Loader("SRB302", 2, ("name",)),
    "importlib.metadata.entry_points": Loader("SRB302", None, ("name",)),
    "importlib_metadata.entry_points": Loader("SRB302", None, ("name",)),
}
# EntryPoints.select(name=...) is a method; its receiver decides.
SELECT = Loader("SRB302", None, ("name",))
ENTRY_POINT_FUNCTIONS = frozenset(
    {"importlib.metadata.entry_points", "importlib_metadata.entry_points"}
)

# Names whose values are read from oslo.config: CONF.group.name, conf.name.
CONFIG_OBJECTS = frozenset({"conf", "_conf", "configuration", "config", "_config"})
CONFIG_GETTERS = frozenset({"get", "safe_get"})
STRING_METHODS = frozenset({
    "lower", "upper", "strip", "lstrip", "rstrip", "replace", "title",
    "capitalize", "casefold", "removeprefix", "removesuffix", "format", "join",
    "split", "rsplit", "partition", "rpartition", "encode", "decode",
})
WHOLE_NAMESPACE_MANAGERS = frozenset({
    "stevedore.extension.ExtensionManager", "stevedore.ExtensionManager",
})
# type(x).__name__ and friends say no more than x itself.
DESCRIBING_ATTRIBUTES = frozenset({"__module__", "__name__", "__qualname__"})
MUTATORS = frozenset({"append", "extend", "insert", "add", "update"})
MAPPING_VIEWS = frozenset({"keys", "values", "items"})
TRANSPARENT_BUILTINS = frozenset(
    "builtins." + name
    for name in ("str", "sorted", "list", "tuple", "set", "frozenset", "reversed")
)
EXITS = (ast.Raise, ast.Return, ast.Continue, ast.Break)
EXIT_CALLS = frozenset({"sys.exit", "os._exit"})
COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)
MAX_DEPTH = 40
MAX_NAME_TEXT = 40


class State(enum.IntEnum):
    """How much is known about a name; the higher one wins when combined."""

    CONSTANT = 0
    CHECKED = 1
    UNDECIDED = 2
    COMPUTED = 3


@dataclasses.dataclass(frozen=True)
class Verdict:
    """A judgement of one expression, with where a computed value came from."""

    state: State
    source: str = ""  # "config" or "caller" for a computed value
    option: project_index.OptionFacts | None = None


CONSTANT = Verdict(State.CONSTANT)
CHECKED = Verdict(State.CHECKED)
UNDECIDED = Verdict(State.UNDECIDED)
COMPUTED = Verdict(State.COMPUTED)
CALLER = Verdict(State.COMPUTED, "caller")


def combine(verdicts: Iterable[Verdict]) -> Verdict:
    """The verdict of a value built from parts: the worst part decides."""
    worst = CONSTANT
    for verdict in verdicts:
        if verdict.state > worst.state:
            worst = verdict
    return worst


def check(
    module: syntax.ModuleFacts, config: settings.Settings, door: inference.Door
) -> Iterator[codes.Finding]:
    """Yield SRB3 findings for every loader call with an unchecked name."""
    table = dict(LOADERS)
    table.update(_configured(config.loader_functions, "SRB301", 0, ()))
    table.update(_configured(config.entry_point_managers, "SRB302", 1, ("name", "names")))
    table = {name: spec for name, spec in table.items() if spec.code in config.selected}
    own_names = frozenset(name.rpartition(".")[2] for name in table)
    # ``Loader = DriverManager`` in a project module: ``utils.Loader(...)``
    renamed = door.renamed_exports(own_names)
    shorts = set(own_names | renamed)
    # ``from importlib import import_module as im``: the alias is the name
    shorts.update(local for local, qualname in module.imports.items() if qualname in table)
    shorts.update(
        local for local, value in module.aliases.items() if module.qualify(value) in table
    )
    if "importlib.metadata.entry_points" in table:
        shorts.add("select")
    if any(spec.code == "SRB302" for spec in table.values()):
        shorts.add("__init__")  # super().__init__(...) in a manager's subclass
    if module.lines is not None:
        # Every loader, alias, re-export and manager subclass spells a
        # loader's own name somewhere in the file: most files stop here.
        words = shorts - {"__init__", "select"}
        if not syntax.mentions_any("".join(module.lines), words):
            return
    candidates: list[ast.Call] = []
    subclasses_manager = False
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Call):
            if _short_name(node.func) in shorts:
                candidates.append(node)
        elif isinstance(node, ast.ClassDef) and not subclasses_manager:
            subclasses_manager = any(_short_name(base) in shorts for base in node.bases)
    if not candidates:
        return
    checker = _LoaderChecker(module, config, door, table, subclasses_manager, own_names | renamed)
    for call in candidates:
        yield from checker.check(call)


def _configured(
    entries: Iterable[str], code: str, position: int, keywords: tuple[str, ...]
) -> Iterator[tuple[str, Loader]]:
    """Read ``pkg.mod.func[:N][:keyword]`` option entries."""
    for entry in entries:
        name, *details = entry.split(":")
        spec_position, spec_keywords = position, keywords
        for detail in details:
            if detail.isdigit():
                spec_position = int(detail)
            elif detail.isidentifier():
                spec_keywords = (detail,)
        if name:
            yield name, Loader(code, spec_position, spec_keywords)


def _short_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else None


def _name_argument(call: ast.Call, spec: Loader) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg in spec.keywords:
            return keyword.value
    position = spec.position
    if position is None or len(call.args) <= position:
        return None
    if any(isinstance(arg, ast.Starred) for arg in call.args[: position + 1]):
        return None
    return call.args[position]


def _spell(node: ast.expr) -> str:
    text = ast.unparse(node)
    if len(text) > MAX_NAME_TEXT:
        text = text[: MAX_NAME_TEXT - 3] + "..."
    return f"'{text}'"


def _describe(verdict: Verdict) -> tuple[str, str]:
    """The message's source and advice for a computed name."""
    if verdict.source == "config":
        source = " chosen from configuration"
        if verdict.option is not None:
            source += f" ({verdict.option.describe()} without choices=)"
        return source, (
            "check it against the allowed names or declare the option with choices="
        )
    if verdict.source == "caller":
        return " passed in by the caller", "check it against the allowed names first"
    return "", "check it against the allowed names first"


def _config_read(node: ast.expr) -> tuple[str | None, str] | None:
    """(group, option) for ``CONF.group.name``, ``self.conf.name``, ``conf.get('x')``.

    The group is None where the object may be bound to any group (a
    driver's ``self.configuration``); ``CONF.name`` is in DEFAULT.
    """
    if isinstance(node, ast.Call):
        if not (isinstance(node.func, ast.Attribute) and node.func.attr in CONFIG_GETTERS):
            return None
        if len(node.args) != 1 or not isinstance(node.args[0], ast.Constant):
            return None
        option = node.args[0].value
        dotted = syntax.dotted_name(node.func.value)
        if not isinstance(option, str) or not dotted:
            return None
        parts = [*dotted.split("."), option]
    else:
        dotted = syntax.dotted_name(node)
        if not dotted:
            return None
        parts = dotted.split(".")
    marks = [i for i, part in enumerate(parts) if part.lower() in CONFIG_OBJECTS]
    if not marks:
        return None
    rest = parts[marks[-1] + 1:]
    if len(rest) == 2:
        return rest[0], rest[1]
    if len(rest) == 1:
        return ("DEFAULT" if parts[marks[-1]] == "CONF" else None), rest[0]
    return None


class _LoaderChecker:
    """Judge the name argument of each loader call in one module."""

    def __init__(
        self,
        module: syntax.ModuleFacts,
        config: settings.Settings,
        door: inference.Door,
        table: dict[str, Loader],
        subclasses_manager: bool,
        loader_names: frozenset[str],
    ) -> None:
        self.module = module
        self.door = door
        self.table = table
        self.validators = config.validator_functions
        self._parents: dict[int, ast.AST] | None = None
        self._shorts = loader_names  # the table's short names and their renamed re-exports
        self.subclasses_manager = subclasses_manager
        self._locals: dict[int, frozenset[str]] = {}
        self._imported_locals: dict[int, frozenset[str]] = {}
        self._memo: dict[tuple[int, int], Verdict] = {}
        self._mapping_undecided = False
        self._module_defs: dict[str, list[tuple[ast.AST, ast.expr | None, str]]] | None = None

    def parent_of(self, node: ast.AST) -> ast.AST | None:
        """A node's parent; parents are mapped one top-level statement at a
        time, on first need, since most of a big module is never asked about."""
        if self._parents is None:
            self._parents = {}
            self._mapped: set[int] = set()
            self._tops = [(top.lineno, getattr(top, "end_lineno", top.lineno), top)
                          for top in self.module.tree.body]
        key = id(node)
        if key not in self._parents:
            line = getattr(node, "lineno", None)
            for first, last, top in self._tops:
                if line is not None and first <= line <= last and id(top) not in self._mapped:
                    self._mapped.add(id(top))
                    self._parents[id(top)] = self.module.tree
                    for parent in ast.walk(top):
                        for child in ast.iter_child_nodes(parent):
                            self._parents[id(child)] = parent
        return self._parents.get(key)

    # -- which calls are loaders ------------------------------------------

    def check(self, call: ast.Call) -> Iterator[codes.Finding]:
        found = self._loader_of(call)
        if found is None:
            return
        qualname, spec = found
        argument = _name_argument(call, spec)
        if argument is None:
            return
        self._mapping_undecided = False
        try:
            verdict = self.judge(argument, call, 0)
        except RecursionError:
            return
        if verdict.state is not State.COMPUTED or self._mapping_undecided:
            return  # constant, checked, or a table left unread for want of inference
        source, advice = _describe(verdict)
        loader = qualname.rpartition(".")[2]
        yield codes.finding(
            argument.lineno, argument.col_offset, spec.code,
            loader=loader, name=_spell(argument), source=source, advice=advice,
        )

    def _loader_of(self, call: ast.Call) -> tuple[str, Loader] | None:
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr == "select":
            if "importlib.metadata.entry_points" in self.table and self._is_entry_points(
                func.value, call
            ):
                return "EntryPoints.select", SELECT
            return None
        if isinstance(func, ast.Attribute) and func.attr == "__init__":
            return self._base_initializer(call, func)
        qualname = self._callee(func, call)
        spec = self.table.get(qualname) if qualname else None
        return (qualname, spec) if spec else None  # type: ignore[return-value]

    def _callee(self, func: ast.expr, call: ast.Call) -> str | None:
        """The qualified name of a loader a called expression refers to, or None."""
        root = syntax.root_name(func)
        if root is None:
            return None
        qualname = self._loader_name(func)
        if qualname is None and (root in ("self", "cls") or self._is_module_name(root)):
            return None  # something else, known at module level: no local alias
        if not self._shadows(root, self.scope_of(call)):
            return qualname
        alias = self._local_alias(func, root, call)  # importutils = oslo_utils.importutils
        return self._loader_name(alias) if alias is not None else None

    def _is_module_name(self, name: str) -> bool:
        module = self.module
        return any(
            name in names
            for names in (module.imports, module.classes, module.functions, module.aliases,
                          module.module_names)
        )

    def _loader_name(self, func: ast.expr) -> str | None:
        qualname = self.module.qualify(func)
        if qualname is None or qualname in self.table:
            return qualname
        if qualname.rpartition(".")[2] not in self._shorts:
            return None  # only a loader's own or renamed name can be a re-export of it
        qualname = self.door.canonical_name(qualname)
        return qualname if qualname in self.table else None

    def _local_alias(self, func: ast.expr, root: str, call: ast.Call) -> ast.expr | None:
        """Rewrite ``alias.f`` when a local ``alias`` only ever holds a module path."""
        defs = self.definitions(root, call)
        values = {ast.dump(value) for _, value, _ in defs if value is not None}
        if not defs or len(values) != 1 or self._reaches_top(root, call):
            return None
        value = defs[0][1]
        dotted = syntax.dotted_name(value) if value is not None else None
        if dotted is None or syntax.root_name(value) in self.local_names(self.scope_of(call)):
            return None
        text = syntax.dotted_name(func)
        if text is None:
            return None
        return _parse_dotted(dotted + text[len(root):])

    def _base_initializer(self, call: ast.Call, func: ast.Attribute) -> tuple[str, Loader] | None:
        """``super().__init__(namespace, names)`` in a subclass of a manager."""
        receiver = func.value
        if isinstance(receiver, ast.Call) and syntax.dotted_name(receiver.func) == "super":
            if not self.subclasses_manager:
                return None  # spares the parent map in the many files with super()
            klass = self._enclosing_class(call)
            for base in klass.bases if klass is not None else ():
                qualname = self._callee(base, call)
                if qualname in self.table:
                    return qualname, self.table[qualname]
            return None
        qualname = self._callee(receiver, call)  # Base.__init__(self, namespace, names)
        spec = self.table.get(qualname) if qualname else None
        if spec is None or spec.position is None:
            return None
        return qualname, dataclasses.replace(spec, position=spec.position + 1)

    def _shadows(self, name: str, scope: ast.AST) -> bool:
        while not isinstance(scope, ast.Module):
            if isinstance(scope, syntax.FUNCTION_NODES):
                if name in self.local_names(scope) and name not in self._imported(scope):
                    return True
            scope = self.scope_of(scope)
        return False

    def _imported(self, scope: ast.AST) -> frozenset[str]:
        key = id(scope)
        if key not in self._imported_locals:
            self._imported_locals[key] = frozenset(
                name
                for node in _walk_scope(scope)
                if isinstance(node, (ast.Import, ast.ImportFrom))
                for name in syntax.statement_bindings(node)
            )
        return self._imported_locals[key]

    def _is_entry_points(self, node: ast.expr, at: ast.AST) -> bool:
        """Whether an expression holds importlib.metadata's EntryPoints."""
        if isinstance(node, ast.Call):
            func = node.func
            return self.module.qualify(func) in ENTRY_POINT_FUNCTIONS or (
                isinstance(func, ast.Attribute) and func.attr == "entry_points"
            )
        if isinstance(node, ast.Attribute):
            return node.attr == "entry_points"
        if isinstance(node, ast.Name):
            defs = self.definitions(node.id, at)
            return bool(defs) and all(
                kind == "value" and value is not None and self._is_entry_points(value, stmt)
                for stmt, value, kind in defs
            )
        return False

    # -- scopes -------------------------------------------------------------

    def scope_of(self, node: ast.AST) -> ast.AST:
        """The function, lambda or module whose names a node sees."""
        parent = self.parent_of(node)
        while parent is not None and not isinstance(parent, (*syntax.FUNCTION_NODES, ast.Module)):
            parent = self.parent_of(parent)
        return parent if parent is not None else self.module.tree

    def local_names(self, scope: ast.AST) -> frozenset[str]:
        key = id(scope)
        if key not in self._locals:
            self._locals[key] = syntax.local_names(scope)
        return self._locals[key]

    def _siblings(self, parent: ast.AST, child: ast.AST) -> tuple[list[ast.stmt], int] | None:
        for field in ("body", "orelse", "finalbody", "handlers"):
            block = getattr(parent, field, None)
            if isinstance(block, list):
                for index, item in enumerate(block):
                    if item is child:
                        return block, index
        return None

    def _ancestors(self, node: ast.AST) -> Iterator[tuple[ast.AST, ast.AST]]:
        """Yield (child, parent) pairs up to the enclosing scope."""
        while True:
            parent = self.parent_of(node)
            if parent is None:
                return
            yield node, parent
            if isinstance(parent, (*syntax.FUNCTION_NODES, ast.Module)):
                return
            node = parent

    # -- judging a name -----------------------------------------------------

    def judge(self, node: ast.expr, at: ast.AST, depth: int) -> Verdict:
        """Judge what an expression evaluated at ``at`` can hold."""
        if depth > MAX_DEPTH:
            return UNDECIDED
        key = (id(node), id(at))
        if key in self._memo:
            return self._memo[key]
        self._memo[key] = UNDECIDED  # a cycle through assignments decides nothing
        verdict = self._judge(node, at, depth + 1)
        self._memo[key] = verdict
        return verdict

    def _judge(self, node: ast.expr, at: ast.AST, depth: int) -> Verdict:
        if isinstance(node, ast.Constant):
            return CONSTANT
        text = syntax.dotted_name(node)
        if text is not None and self.is_guarded(text, at):
            return CHECKED
        if isinstance(node, ast.Name):
            return self._judge_name(node.id, at, depth)
        if isinstance(node, ast.Attribute):
            return self._judge_attribute(node, at, depth)
        if isinstance(node, ast.Call):
            return self._judge_call(node, at, depth)
        if isinstance(node, ast.Subscript):
            if self.is_constant_mapping(node.value, at, depth):
                return CHECKED
            return self.judge(node.value, at, depth)
        if isinstance(node, (ast.Await, ast.NamedExpr, ast.Starred)):
            return self.judge(node.value, at, depth)
        parts = _parts(node)
        if parts is None:
            return UNDECIDED
        return combine(self.judge(part, at, depth) for part in parts)

    def _judge_name(self, name: str, at: ast.AST, depth: int) -> Verdict:
        if name == "__name__":
            return CONSTANT
        scope = self.scope_of(at)
        in_function = False
        while not isinstance(scope, ast.Module):
            if name in self.local_names(scope):
                return self._judge_definitions(name, at, depth)
            at, scope, in_function = scope, self.scope_of(scope), True
        if not in_function and self.definitions(name, at):
            # Code at module level sees only the bindings made before it.
            return self._judge_definitions(name, at, depth)
        return self._judge_module_name(name, depth)

    def _judge_module_name(self, name: str, depth: int) -> Verdict:
        qualname = self.module.imports.get(name)
        if qualname is not None:
            return self._judge_imported(qualname)
        defs = self.module_definitions().get(name)
        if not defs:
            return UNDECIDED  # a builtin, a star import, a name bound elsewhere
        return combine(self._judge_definition(d, depth) for d in defs)

    def _judge_imported(self, qualname: str) -> Verdict:
        kind = self.door.constant_kind(self.door.canonical_name(qualname))
        if kind in ("str", "strings", "mapping"):
            return CONSTANT
        return COMPUTED if kind == "other" else UNDECIDED

    def _judge_definitions(self, name: str, at: ast.AST, depth: int) -> Verdict:
        defs = self.definitions(name, at)
        verdicts = [self._judge_definition(d, depth) for d in defs]
        scope = self.scope_of(at)
        if isinstance(scope, syntax.FUNCTION_NODES) and self._reaches_top(name, at):
            verdicts.append(self._judge_parameter(name, scope, defs, depth))
        if not verdicts:
            return UNDECIDED
        return combine(verdicts)

    def _judge_definition(
        self, definition: tuple[ast.AST, ast.expr | None, str], depth: int
    ) -> Verdict:
        stmt, value, kind = definition
        if value is None:
            return UNDECIDED if kind == "import" else COMPUTED
        if kind == "fallback":
            # ``name = name or DEFAULT``: the caller's own value is the override.
            values = value.values[1:] if isinstance(value, ast.BoolOp) else [value]
            return combine(self.judge(item, stmt, depth) for item in values)
        return self.judge(value, stmt, depth)

    def _judge_parameter(
        self, name: str, function: ast.AST, defs: list, depth: int
    ) -> Verdict:
        args = function.args  # type: ignore[attr-defined]
        if name not in {arg.arg for arg in syntax.parameters(args)}:
            return UNDECIDED
        if any(kind == "fallback" or self._is_fallback(stmt, name) for stmt, _, kind in defs):
            return CONSTANT  # the parameter overrides a default chosen below
        default = _default_of(args, name)
        if default is None or (isinstance(default, ast.Constant) and default.value is None):
            return CALLER
        return self.judge(default, function, depth)

    def _is_fallback(self, stmt: ast.AST, name: str) -> bool:
        """Whether an assignment sits under ``if not name:`` / ``if name is None:``."""
        for child, parent in self._ancestors(stmt):
            if isinstance(parent, ast.If) and child in parent.body and _tests_missing(
                parent.test, name
            ):
                return True
        return False

    def _judge_attribute(self, node: ast.Attribute, at: ast.AST, depth: int) -> Verdict:
        read = _config_read(node)
        if read is not None:
            return self._judge_option(*read)
        if node.attr in DESCRIBING_ATTRIBUTES:
            return self.judge(node.value, at, depth)
        root = syntax.root_name(node)
        scope = self.scope_of(at)
        if root in ("self", "cls"):
            return self._judge_instance_attribute(node, at, depth)
        if root is not None and not self._shadows(root, scope) and root in self.module.imports:
            qualname = self.module.qualify(node)
            return self._judge_imported(qualname) if qualname else UNDECIDED
        return COMPUTED

    def _judge_instance_attribute(self, node: ast.Attribute, at: ast.AST, depth: int) -> Verdict:
        text = syntax.dotted_name(node)
        if not isinstance(node.value, ast.Name) or text is None:
            return COMPUTED
        local = self.definitions(text, at)
        verdicts = [self._judge_definition(d, depth) for d in local]
        if local and not self._reaches_top(text, at):
            return combine(verdicts)  # assigned on every path in this method
        klass = self._enclosing_class(at)
        if klass is not None:
            verdicts.extend(
                self.judge(value, stmt, depth)
                for stmt, value in _attribute_definitions(klass, node.attr)
            )
        return combine(verdicts) if verdicts else COMPUTED

    def _enclosing_class(self, node: ast.AST) -> ast.ClassDef | None:
        parent = self.parent_of(node)
        while parent is not None:
            if isinstance(parent, ast.ClassDef):
                return parent
            parent = self.parent_of(parent)
        return None

    def _judge_option(self, group: str | None, name: str) -> Verdict:
        refusals = self.door.refusals
        declared = [
            option for option in self.door.options(name)
            if group is None or option.group in (group, None)
        ]
        if not declared and self.door.refusals != refusals:
            return UNDECIDED  # the project index did not read every module
        if declared and all(option.choices for option in declared):
            return CHECKED
        unchecked = [option for option in declared if not option.choices]
        shown = unchecked[0] if unchecked else None
        if shown is not None and shown.group is None and group is not None:
            shown = dataclasses.replace(shown, group=group)  # registered elsewhere
        return Verdict(State.COMPUTED, "config", shown)

    def _judge_call(self, node: ast.Call, at: ast.AST, depth: int) -> Verdict:
        read = _config_read(node)
        if read is not None:
            return self._judge_option(*read)
        func = node.func
        arguments = [*node.args, *(keyword.value for keyword in node.keywords)]
        if isinstance(func, ast.Attribute):
            if func.attr == "get" and self.is_constant_mapping(func.value, at, depth):
                return combine([CHECKED, *(self.judge(a, at, depth) for a in arguments[1:])])
            if func.attr in MAPPING_VIEWS:
                if self.is_constant_mapping(func.value, at, depth):
                    return CONSTANT
                return self.judge(func.value, at, depth)
            if func.attr in STRING_METHODS:
                return combine(self.judge(part, at, depth) for part in [func.value, *arguments])
        qualname = self.module.qualify(func)
        if qualname in TRANSPARENT_BUILTINS:
            return combine(self.judge(part, at, depth) for part in arguments)
        if self._is_validator(func) or self._lists_installed_plugins(func, at):
            return CHECKED
        return self._judge_result(node, at, depth)

    def _judge_result(self, node: ast.Call, at: ast.AST, depth: int) -> Verdict:
        """A loader's result follows its name; a local function's, its returns."""
        found = self._loader_of(node)
        if found is not None:
            argument = _name_argument(node, found[1])
            return self.judge(argument, at, depth) if argument is not None else COMPUTED
        function = self._local_function(node.func, at)
        if function is None:
            return COMPUTED
        returns = [
            stmt for stmt in _walk_scope(function)
            if isinstance(stmt, ast.Return) and stmt.value is not None
        ]
        if not returns:
            return COMPUTED
        return combine(self.judge(stmt.value, stmt, depth) for stmt in returns)

    def _local_function(self, func: ast.expr, at: ast.AST) -> ast.AST | None:
        """The def of ``helper`` or ``self.helper`` when it is in this module."""
        if isinstance(func, ast.Name) and not self._shadows(func.id, self.scope_of(at)):
            return self.module.functions.get(func.id)
        if isinstance(func, ast.Attribute) and syntax.dotted_name(func.value) in ("self", "cls"):
            klass = self._enclosing_class(at)
            for stmt in klass.body if klass is not None else ():
                if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and (
                    stmt.name == func.attr
                ):
                    return stmt
        return None

    def _lists_installed_plugins(self, func: ast.expr, at: ast.AST) -> bool:
        """``ExtensionManager(namespace).names()``: every installed plugin, none chosen."""
        if not (isinstance(func, ast.Attribute) and func.attr == "names"):
            return False
        receiver = func.value
        if isinstance(receiver, ast.Name):
            defs = self._all_definitions(receiver.id, at)
            if len(defs) != 1 or defs[0][1] is None:
                return False
            receiver = defs[0][1]
        return isinstance(receiver, ast.Call) and (
            self.module.qualify(receiver.func) in WHOLE_NAMESPACE_MANAGERS
        )

    def _is_validator(self, func: ast.expr) -> bool:
        """Whether a callee is a configured validator (``self.m`` as Class.m)."""
        if not self.validators:
            return False
        qualname = self.module.qualify(func)
        if isinstance(func, ast.Attribute) and syntax.dotted_name(func.value) in ("self", "cls"):
            klass = self._enclosing_class(func)
            if klass is not None and self.module.classes.get(klass.name) is klass:
                qualname = f"{self.module.name}.{klass.name}.{func.attr}"
        return bool(qualname) and (
            qualname in self.validators
            or self.door.canonical_name(qualname) in self.validators  # type: ignore[arg-type]
        )

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
            defs = self._all_definitions(node.id, at)
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

    def _is_mapping_kind(self, ask: Callable[[], str | None]) -> bool:
        """Whether the door says "mapping"; note a question it could not answer."""
        refusals = self.door.refusals
        kind = ask()
        if kind is None and self.door.refusals != refusals:
            self._mapping_undecided = True
        return kind == "mapping"

    def _is_mapping_attribute(self, node: ast.Attribute, at: ast.AST, depth: int) -> bool:
        root = syntax.root_name(node)
        if root in self.module.imports:
            qualname = self.module.qualify(node)
            return bool(qualname) and self._is_mapping_kind(
                lambda: self.door.constant_kind(self.door.canonical_name(qualname))
            )
        if root not in ("self", "cls") or not isinstance(node.value, ast.Name):
            return False
        klass = self._enclosing_class(at)
        return klass is not None and self._class_has_mapping(klass, node.attr, depth, 0)

    def _class_has_mapping(self, klass: ast.ClassDef, attr: str, depth: int, hops: int) -> bool:
        """Whether a class (or the nearest base that sets it) maps ``attr`` to constants."""
        defs = list(_attribute_definitions(klass, attr))
        if defs:
            return depth < MAX_DEPTH and all(
                self.is_constant_mapping(value, stmt, depth + 1) for stmt, value in defs
            )
        for base in klass.bases:
            qualname = self.module.qualify(base)
            if qualname is None or hops > 8:
                continue
            prefix, _, name = qualname.rpartition(".")
            local = self.module.classes.get(name) if prefix == self.module.name else None
            if local is not None:
                if self._class_has_mapping(local, attr, depth, hops + 1):
                    return True
            elif self._is_mapping_kind(
                lambda: self.door.attribute_kind(self.door.canonical_name(qualname), attr)
            ):
                return True
        return False

    def _dict_literal(self, node: ast.expr, at: ast.AST) -> ast.Dict | None:
        if isinstance(node, ast.Dict):
            return node
        if isinstance(node, ast.Name):
            defs = self._all_definitions(node.id, at)
            if len(defs) == 1 and isinstance(defs[0][1], ast.Dict):
                return defs[0][1]
        return None

    def _all_definitions(self, name: str, at: ast.AST) -> list:
        scope = self.scope_of(at)
        while not isinstance(scope, ast.Module):
            if name in self.local_names(scope):
                return self.definitions(name, at)
            at, scope = scope, self.scope_of(scope)
        return self.module_definitions().get(name, [])

    # -- where a name was bound ---------------------------------------------

    def module_definitions(self) -> dict[str, list[tuple[ast.AST, ast.expr | None, str]]]:
        """Every module-level binding of each name, in source order."""
        if self._module_defs is None:
            self._module_defs = {}
            for stmt in _walk_scope(self.module.tree):
                if isinstance(stmt, ast.stmt):
                    for name, value, kind in _bindings(stmt):
                        self._module_defs.setdefault(name, []).append((stmt, value, kind))
        return self._module_defs

    def definitions(self, name: str, at: ast.AST) -> list[tuple[ast.AST, ast.expr | None, str]]:
        """The bindings of ``name`` that may reach ``at`` in its scope.

        Walks back through the statements before ``at`` and out through the
        blocks that enclose it; an unconditional binding ends the walk.
        """
        found: list[tuple[ast.AST, ast.expr | None, str]] = []
        for child, parent in self._ancestors(at):
            if isinstance(parent, COMPREHENSIONS):
                for generator in parent.generators:
                    if name in _target_names(generator.target):
                        return [(parent, generator.iter, "value")]
            if isinstance(parent, (ast.For, ast.AsyncFor)) and child in parent.body and (
                name in _target_names(parent.target)
            ):
                return [*found, (parent, parent.iter, "value")]
            located = self._siblings(parent, child)
            if located is None:
                continue
            block, index = located
            for sibling in reversed(block[:index]):
                found.extend(_bindings_within(sibling, name))
                if _always_binds(sibling, name):
                    return found
            if isinstance(parent, ast.Try) and block is not parent.body:
                for stmt in parent.body:
                    found.extend(_bindings_within(stmt, name))
        return found

    def _reaches_top(self, name: str, at: ast.AST) -> bool:
        """Whether some path from the scope's start reaches ``at`` unbound."""
        for child, parent in self._ancestors(at):
            if isinstance(parent, (ast.For, ast.AsyncFor)) and child in parent.body and (
                name in _target_names(parent.target)
            ):
                return False
            if isinstance(parent, COMPREHENSIONS):
                if any(name in _target_names(g.target) for g in parent.generators):
                    return False
            located = self._siblings(parent, child)
            if located is None:
                continue
            block, index = located
            if any(_always_binds(sibling, name) for sibling in block[:index]):
                return False
        return True

    # -- allowlist checks ---------------------------------------------------

    def is_guarded(self, text: str, at: ast.AST) -> bool:
        """Whether ``text`` passed an allowlist check on every path to ``at``."""
        root = text.partition(".")[0]
        for child, parent in self._ancestors(at):
            if self._enclosing_test_checks(parent, child, text):
                return True
            located = self._siblings(parent, child)
            if located is None:
                continue
            block, index = located
            for sibling in reversed(block[:index]):
                if self._is_guard(sibling, text):
                    return True
                if _rebinds(sibling, text, root):
                    return False
        return False

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
        if isinstance(parent, COMPREHENSIONS) and not any(g is child for g in parent.generators):
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
                syntax.dotted_name(target) == text for target in stmt.targets
            ):
                return self.judge(stmt.value, stmt, 0).state <= State.CHECKED
        return False

    def _is_validation(self, node: ast.expr, text: str) -> bool:
        if not isinstance(node, ast.Call):
            return False
        if not self._is_validator(node.func):
            return False
        arguments = [*node.args, *(keyword.value for keyword in node.keywords)]
        return any(syntax.dotted_name(argument) == text for argument in arguments)

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


def _walk_scope(node: ast.AST) -> Iterator[ast.AST]:
    """Walk a scope's nodes without entering nested functions or classes."""
    stack = list(ast.iter_child_nodes(node))
    while stack:
        child = stack.pop()
        yield child
        if not isinstance(child, syntax.SCOPE_NODES):
            stack.extend(ast.iter_child_nodes(child))


def _parse_dotted(text: str) -> ast.expr | None:
    try:
        return ast.parse(text, mode="eval").body
    except SyntaxError:
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


def _membership(test: ast.expr, text: str, operator: type) -> bool:
    """``text in ALLOWED`` (or ``not in``), where ALLOWED is not ``text`` itself.

    ``text == "name"`` (or ``!=``) is membership in a one-name allowlist.
    """
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return False
    if syntax.dotted_name(test.left) != text:
        return False
    collection = test.comparators[0]
    equality = ast.Eq if operator is ast.In else ast.NotEq
    if isinstance(test.ops[0], equality):
        return isinstance(collection, ast.Constant) and isinstance(collection.value, str)
    if not isinstance(test.ops[0], operator):
        return False
    return not any(
        syntax.dotted_name(node) == text
        for node in ast.walk(collection) if isinstance(node, (ast.Name, ast.Attribute))
    )


def _tests_missing(test: ast.expr, name: str) -> bool:
    """``not name``, ``name is None``, ``name == None`` (alone or or-ed)."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or):
        return any(_tests_missing(value, name) for value in test.values)
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return isinstance(test.operand, ast.Name) and test.operand.id == name
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        right = test.comparators[0]
        return (
            isinstance(test.left, ast.Name) and test.left.id == name
            and isinstance(test.ops[0], (ast.Is, ast.Eq))
            and isinstance(right, ast.Constant) and right.value is None
        )
    return False


def _parts(node: ast.expr) -> list[ast.expr] | None:
    """The sub-expressions a string value is built from (unknown shapes: none)."""
    if isinstance(node, ast.BinOp):
        # Long concatenations nest deeply on the left: flatten them here.
        parts: list[ast.expr] = []
        stack: list[ast.expr] = [node]
        while stack:
            item = stack.pop()
            if isinstance(item, ast.BinOp) and isinstance(item.op, (ast.Add, ast.Mod)):
                stack.extend((item.right, item.left))
            else:
                parts.append(item)
        return parts
    if isinstance(node, ast.JoinedStr):
        return [part.value for part in node.values if isinstance(part, ast.FormattedValue)]
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return list(node.elts)
    if isinstance(node, ast.Dict):
        return [value for value in node.values if value is not None]
    if isinstance(node, ast.BoolOp):
        return list(node.values)
    if isinstance(node, ast.IfExp):
        return [node.body, node.orelse]
    return None


def _default_of(args: ast.arguments, name: str) -> ast.expr | None:
    positional = [*args.posonlyargs, *args.args]
    offset = len(positional) - len(args.defaults)
    for index, arg in enumerate(positional):
        if arg.arg == name and index >= offset:
            return args.defaults[index - offset]
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        if arg.arg == name:
            return default
    return None


def _bindings(stmt: ast.stmt) -> Iterator[tuple[str, ast.expr | None, str]]:
    """(name, value, kind) for each name one statement binds by itself."""
    if isinstance(stmt, ast.Assign):
        for target in stmt.targets:
            for name in _target_names(target):
                yield name, _assigned_value(target, stmt.value, name), "value"
    elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
        if stmt.value is not None:
            for name in _target_names(stmt.target):
                yield name, stmt.value, "value"
    elif isinstance(stmt, (ast.For, ast.AsyncFor)):
        for name in _target_names(stmt.target):
            yield name, stmt.iter, "value"
    else:
        yield from _opaque_bindings(stmt)


def _opaque_bindings(stmt: ast.stmt) -> Iterator[tuple[str, ast.expr | None, str]]:
    """Bindings whose value is no string: imports, definitions, with-targets."""
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        for name in syntax.statement_bindings(stmt):
            yield name, None, "import"
    elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        yield stmt.name, None, "other"
    elif isinstance(stmt, (ast.With, ast.AsyncWith)):
        for item in stmt.items:
            if item.optional_vars is not None:
                for name in syntax.bound_names(item.optional_vars):
                    yield name, None, "other"


def _target_names(target: ast.expr) -> Iterator[str]:
    """Names and attribute chains (``self.driver``) an assignment target binds."""
    if isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            yield from _target_names(element)
    elif isinstance(target, ast.Starred):
        yield from _target_names(target.value)
    else:
        dotted = syntax.dotted_name(target)
        if dotted:
            yield dotted


def _assigned_value(target: ast.expr, value: ast.expr, name: str) -> ast.expr:
    """The part of ``value`` that ``name`` receives in ``a, b = x, y``."""
    if isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, (ast.Tuple, ast.List)):
        if len(target.elts) == len(value.elts):
            for element, part in zip(target.elts, value.elts):
                if name in _target_names(element):
                    return _assigned_value(element, part, name)
    return value


def _bindings_within(stmt: ast.stmt, name: str) -> Iterator[tuple[ast.AST, ast.expr | None, str]]:
    """Every binding of ``name`` in a statement and the blocks inside it."""
    for node in [stmt, *_walk_scope(stmt)]:
        added = _added_by_mutation(node, name)
        if added is not None:
            yield node, added, "value"
        elif isinstance(node, ast.NamedExpr) and node.target.id == name:
            yield node, node.value, "value"
        elif isinstance(node, ast.ExceptHandler) and node.name == name:
            yield node, None, "other"
        elif isinstance(node, ast.stmt):
            for bound, value, kind in _bindings(node):
                if bound != name:
                    continue
                if (
                    isinstance(value, ast.BoolOp) and isinstance(value.op, ast.Or)
                    and isinstance(value.values[0], ast.Name) and value.values[0].id == name
                ):
                    kind = "fallback"
                yield node, value, kind


def _added_by_mutation(node: ast.AST, name: str) -> ast.expr | None:
    """What ``name.append(x)`` / ``name.extend(xs)`` adds to a collection."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return None
    method = node.func.attr
    if method not in MUTATORS or syntax.dotted_name(node.func.value) != name or not node.args:
        return None
    return node.args[-1]


def _always_binds(stmt: ast.stmt, name: str) -> bool:
    """Whether every path through a statement binds ``name``."""
    if isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.Import, ast.ImportFrom,
                         ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
                         ast.With, ast.AsyncWith)):
        if any(bound == name for bound, _, _ in _bindings(stmt)):
            return True
    if isinstance(stmt, (ast.With, ast.AsyncWith)):
        return any(_always_binds(inner, name) for inner in stmt.body)
    if isinstance(stmt, ast.If):
        return _block_binds(stmt.body, name) and _block_binds(stmt.orelse, name)
    return False


def _block_binds(block: list[ast.stmt], name: str) -> bool:
    for stmt in block:
        if _always_binds(stmt, name):
            return True
        if isinstance(stmt, EXITS):
            return True  # this path never reaches the code after the block
    return False


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
        return syntax.dotted_name(last.value.func) in EXIT_CALLS
    return False


def _rebinds(stmt: ast.stmt, text: str, root: str) -> bool:
    """Whether a statement may assign ``text`` or the name it starts from."""
    for node in [stmt, *_walk_scope(stmt)]:
        if isinstance(node, (ast.Name, ast.Attribute)) and isinstance(node.ctx, ast.Store):
            if syntax.dotted_name(node) in (text, root):
                return True
    return False


def _attribute_definitions(
    klass: ast.ClassDef, attr: str
) -> Iterator[tuple[ast.AST, ast.expr]]:
    """Class-body and ``self.attr = ...`` assignments of an attribute."""
    for stmt in klass.body:
        if isinstance(stmt, ast.Assign) and any(
            attr in syntax.bound_names(target) for target in stmt.targets
        ):
            yield stmt, stmt.value
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(stmt):
                if isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Attribute) and t.attr == attr
                    and isinstance(t.value, ast.Name) and t.value.id in ("self", "cls")
                    for t in node.targets
                ):
                    yield node, node.value
                for receiver in ("self", "cls"):
                    added = _added_by_mutation(node, f"{receiver}.{attr}")
                    if added is not None:
                        yield node, added
