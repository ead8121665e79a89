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
import functools
from collections.abc import Iterator

from flake8_sched_robustness import codes, door, module_facts, naming, scopes, settings, values
from flake8_sched_robustness.verdicts import State, Verdict


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


def check(
    module: module_facts.ModuleFacts,
    file_scopes: scopes.FileScopes,
    config: settings.Settings,
    door: door.Door,
) -> Iterator[codes.Finding]:
    """Yield SRB3 findings for every loader call with an unchecked name."""
    table = _loader_table(config)
    own_names = frozenset(name.rpartition(".")[2] for name in table)
    # ``Loader = DriverManager`` in a project module: ``utils.Loader(...)``
    renamed = door.renamed_exports(own_names)
    shorts = _spellings(module, table, own_names | renamed)
    if module.lines is not None:
        # Every loader, alias, re-export and manager subclass spells a
        # loader's own name somewhere in the file: most files stop here.
        words = shorts - {"__init__", "select"}
        if not naming.mentions_any("".join(module.lines), words):
            return
    candidates, subclasses_manager = _candidates(module, file_scopes, shorts)
    if not candidates:
        return
    calls = LoaderCalls(module, file_scopes, door, table, subclasses_manager, own_names | renamed)
    judge = values.ValueJudge(
        module, file_scopes, door, config.validator_functions, calls.loader_argument
    )
    for call in candidates:
        yield from _report(call, calls, judge)


@functools.lru_cache(maxsize=8)
def _loader_table(config: settings.Settings) -> dict[str, Loader]:
    """The built-in and configured loaders whose code is selected (callers only read it)."""
    table = dict(LOADERS)
    for code, specs in (("SRB301", config.loader_specs), ("SRB302", config.manager_specs)):
        table.update((spec.qualname, Loader(code, spec.position, spec.keywords)) for spec in specs)
    return {name: spec for name, spec in table.items() if spec.code in config.selected}


def _spellings(
    module: module_facts.ModuleFacts, table: dict[str, Loader], loader_names: frozenset[str]
) -> frozenset[str]:
    """The last names under which this module may call a loader."""
    shorts = set(loader_names)
    # ``from importlib import import_module as im``: the alias is the name
    shorts.update(local for local, qualname in module.imports.items() if qualname in table)
    shorts.update(
        local for local, value in module.aliases.items() if module.qualify(value) in table
    )
    if "importlib.metadata.entry_points" in table:
        shorts.add("select")
    if any(spec.code == "SRB302" for spec in table.values()):
        shorts.add("__init__")  # super().__init__(...) in a manager's subclass
    return frozenset(shorts)


def _candidates(
    module: module_facts.ModuleFacts, file_scopes: scopes.FileScopes, shorts: frozenset[str]
) -> tuple[list[ast.Call], bool]:
    """The calls spelled like a loader, and whether a class subclasses one."""
    if module.lines is not None:
        # A loader call or a manager subclass spells its name within its
        # top-level statement; ``__init__`` matters only in such a subclass.
        tops = scopes.statements_spelling(module.tree, module.lines, shorts - {"__init__"})
        found = _calls_spelled(file_scopes.walk_statements(tops), shorts)
        if not found[1]:
            return found
    # super().__init__(...) of a manager subclass spells no loader: all of them
    return _calls_spelled(file_scopes.walk_statements(module.tree.body), shorts)


def _calls_spelled(nodes: Iterator[ast.AST], shorts: frozenset[str]) -> tuple[list[ast.Call], bool]:
    candidates: list[ast.Call] = []
    subclasses_manager = False
    for node in nodes:
        if isinstance(node, ast.Call):
            if naming.short_name(node.func) in shorts:
                candidates.append(node)
        elif isinstance(node, ast.ClassDef) and not subclasses_manager:
            subclasses_manager = any(naming.short_name(base) in shorts for base in node.bases)
    return candidates, subclasses_manager


def _report(
    call: ast.Call, calls: LoaderCalls, judge: values.ValueJudge
) -> Iterator[codes.Finding]:
    """Report a loader call whose name argument is computed."""
    found = calls.loader_of(call)
    if found is None:
        return
    qualname, spec = found
    argument = name_argument(call, spec)
    if argument is None:
        return
    try:
        verdict = judge.judge(argument, call, 0)
    except RecursionError:
        return
    if verdict.state is not State.COMPUTED:
        return  # constant, checked, or a table left unread for want of inference
    source, advice = _describe(verdict)
    loader = qualname.rpartition(".")[2]
    yield codes.finding(
        argument.lineno, argument.col_offset, spec.code,
        loader=loader, name=f"'{codes.spell(argument)}'", source=source, advice=advice,
    )


def name_argument(call: ast.Call, spec: Loader) -> ast.expr | None:
    """The argument of a loader call that names what it loads, if given."""
    for keyword in call.keywords:
        if keyword.arg in spec.keywords:
            return keyword.value
    position = spec.position
    if position is None or len(call.args) <= position:
        return None
    if any(isinstance(arg, ast.Starred) for arg in call.args[: position + 1]):
        return None
    return call.args[position]


def _describe(verdict: Verdict) -> tuple[str, str]:
    """The message's source and advice for a computed name."""
    if verdict.source == "config":
        source = " chosen from configuration"
        if verdict.option is not None:
            source += f" ({verdict.option.describe()} without choices=)"
        return source, (
            "check it against the allowed names or declare the option with choices="
        )
    if verdict.source == "caller" and verdict.caller:
        source = f" passed in by the caller at {verdict.caller}"
        if verdict.option is not None:
            source += f" ({verdict.option.describe()} without choices=)"
        return source, "check it against the allowed names here or at that caller"
    if verdict.source == "caller":
        return " passed in by the caller", "check it against the allowed names first"
    return "", "check it against the allowed names first"


class LoaderCalls:
    """Recognise the loader calls of one module: aliases, re-exports, subclasses."""

    def __init__(
        self,
        module: module_facts.ModuleFacts,
        file_scopes: scopes.FileScopes,
        door: door.Door,
        table: dict[str, Loader],
        subclasses_manager: bool,
        loader_names: frozenset[str],
    ) -> None:
        self.module = module
        self.scopes = file_scopes
        self.door = door
        self.table = table
        self._shorts = loader_names  # the table's short names and their renamed re-exports
        self.subclasses_manager = subclasses_manager

    def loader_argument(self, call: ast.Call) -> tuple[bool, ast.expr | None]:
        """Whether a call is a loader, and its name argument when it has one."""
        found = self.loader_of(call)
        if found is None:
            return False, None
        return True, name_argument(call, found[1])

    def loader_of(self, call: ast.Call) -> tuple[str, Loader] | None:
        """The qualified name and spec of the loader a call invokes, or None."""
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
        return (qualname, spec) if qualname and spec else None

    def _callee(self, func: ast.expr, call: ast.Call) -> str | None:
        """The qualified name of a loader a called expression refers to, or None."""
        root = naming.root_name(func)
        if root is None:
            return None
        qualname = self._loader_name(func)
        if qualname is None and (root in ("self", "cls") or self._is_module_name(root)):
            return None  # something else, known at module level: no local alias
        if not self.scopes.shadows(root, self.scopes.scope_of(call)):
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
        defs = self.scopes.definitions(root, call)
        values = {ast.dump(value) for _, value, _ in defs if value is not None}
        if not defs or len(values) != 1 or self.scopes.reaches_top(root, call):
            return None
        value = defs[0].value
        dotted = naming.dotted_name(value) if value is not None else None
        scope = self.scopes.scope_of(call)
        if value is None or dotted is None or (
            naming.root_name(value) in self.scopes.local_names(scope)
        ):
            return None
        text = naming.dotted_name(func)
        if text is None:
            return None
        return _parse_dotted(dotted + text[len(root):])

    def _base_initializer(self, call: ast.Call, func: ast.Attribute) -> tuple[str, Loader] | None:
        """``super().__init__(namespace, names)`` in a subclass of a manager."""
        receiver = func.value
        if isinstance(receiver, ast.Call) and naming.dotted_name(receiver.func) == "super":
            if not self.subclasses_manager:
                return None  # spares the parent map in the many files with super()
            klass = self.scopes.enclosing_class(call)
            for base in klass.bases if klass is not None else ():
                qualname = self._callee(base, call)
                if qualname is not None and qualname in self.table:
                    return qualname, self.table[qualname]
            return None
        qualname = self._callee(receiver, call)  # Base.__init__(self, namespace, names)
        spec = self.table.get(qualname) if qualname else None
        if qualname is None or spec is None or spec.position is None:
            return None
        return qualname, dataclasses.replace(spec, position=spec.position + 1)

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
            defs = self.scopes.definitions(node.id, at)
            return bool(defs) and all(
                kind == "value" and value is not None and self._is_entry_points(value, stmt)
                for stmt, value, kind in defs
            )
        return False


def _parse_dotted(text: str) -> ast.expr | None:
    try:
        return ast.parse(text, mode="eval").body
    except SyntaxError:
        return None
