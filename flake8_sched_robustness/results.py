"""Judge what a call returns: a loader's result, a string method's, a helper's."""

from __future__ import annotations

import ast
from collections.abc import Callable

from flake8_sched_robustness import (
    config_reads,
    listings,
    module_facts,
    naming,
    scopes,
    statements,
)
from flake8_sched_robustness.allowlists import AllowlistGuards
from flake8_sched_robustness.mappings import ConstantMappings
from flake8_sched_robustness.answers import Tri
from flake8_sched_robustness.verdicts import (
    CHECKED,
    COMPUTED,
    CONSTANT,
    UNDECIDED,
    Judge,
    Verdict,
    combine,
)

STRING_METHODS = frozenset({
    "lower", "upper", "strip", "lstrip", "rstrip", "replace", "title",
    "capitalize", "casefold", "removeprefix", "removesuffix", "format", "join",
    "split", "rsplit", "partition", "rpartition", "encode", "decode",
    "sub",  # a compiled pattern's substitution: text made of its parts
})
WHOLE_NAMESPACE_MANAGERS = frozenset({
    "stevedore.extension.ExtensionManager", "stevedore.ExtensionManager",
})
MAPPING_VIEWS = frozenset({"keys", "values", "items"})
TRANSPARENT_BUILTINS = frozenset(
    "builtins." + name
    for name in ("str", "sorted", "list", "tuple", "set", "frozenset", "reversed", "dict")
)
# Path functions whose result is made of their arguments' text.
PATH_FUNCTIONS = frozenset(
    "os.path." + name
    for name in ("basename", "dirname", "splitext", "join", "relpath", "normpath", "split")
)
# Regular expressions: compiled and substituted text is made of its parts.
TEXT_FUNCTIONS = frozenset({"re.compile", "re.sub", "fnmatch.filter"})
MADE_OF_ARGUMENTS = TRANSPARENT_BUILTINS | PATH_FUNCTIONS | TEXT_FUNCTIONS
RECORD_FACTORIES = frozenset({"collections.namedtuple", "typing.NamedTuple"})

# (whether a call is a loader, and its name argument if it has one)
LoaderArgument = Callable[[ast.Call], tuple[bool, "ast.expr | None"]]
OptionJudge = Callable[[str | None, str], Verdict]


class CallJudge:
    """Judge calls by what they hand back; the rest of a value is judged by ``judge``."""

    def __init__(
        self,
        module: module_facts.ModuleFacts,
        file_scopes: scopes.FileScopes,
        judge: Judge,
        judge_option: OptionJudge,
        constant_mappings: ConstantMappings,
        guards: AllowlistGuards,
        loader_argument: LoaderArgument,
        package_listings: listings.PackageListings,
    ) -> None:
        self.module = module
        self.scopes = file_scopes
        self.judge = judge
        self.judge_option = judge_option
        self.mappings = constant_mappings
        self.guards = guards
        self.loader_argument = loader_argument
        self.listings = package_listings

    def judge_call(self, node: ast.Call, at: ast.AST, depth: int) -> Verdict:
        """Judge the value a call returns, evaluated at ``at``."""
        read = config_reads.config_read(node)
        if read is not None:
            return self.judge_option(*read)
        func = node.func
        arguments = [*node.args, *(keyword.value for keyword in node.keywords)]
        if isinstance(func, ast.Attribute):
            found = self._judge_method(func, arguments, at, depth)
            if found is not None:
                return found
        qualname = self.module.qualify(func)
        if qualname in MADE_OF_ARGUMENTS or self._is_record_type(func, at):
            return combine(self.judge(part, at, depth) for part in arguments)
        if self.guards.is_validator(func) or self._lists_installed_plugins(func, at) or (
            self.listings.is_package_listing(node, at) or self.listings.is_package_path(node, at)
        ):
            return CHECKED
        return self._judge_result(node, at, depth)

    def _judge_method(
        self, func: ast.Attribute, arguments: list[ast.expr], at: ast.AST, depth: int
    ) -> Verdict | None:
        """Judge ``table.get(key)``, a mapping view or a string method; None for others."""
        if func.attr == "get":
            table = self.mappings.is_constant_mapping(func.value, at, depth)
            if table is Tri.YES:
                return combine([CHECKED, *(self.judge(a, at, depth) for a in arguments[1:])])
            if table is Tri.UNKNOWN:
                return UNDECIDED  # a table the door could not read
        if func.attr in MAPPING_VIEWS:
            table = self.mappings.is_constant_mapping(func.value, at, depth)
            if table is not Tri.NO:
                return CONSTANT if table is Tri.YES else UNDECIDED
            return self.judge(func.value, at, depth)
        if func.attr in STRING_METHODS:
            return combine(self.judge(part, at, depth) for part in [func.value, *arguments])
        return None

    def _judge_result(self, node: ast.Call, at: ast.AST, depth: int) -> Verdict:
        """A loader's result follows its name; a local function's, its returns."""
        is_loader, argument = self.loader_argument(node)
        if is_loader:
            return self.judge(argument, at, depth) if argument is not None else COMPUTED
        function = self._local_function(node.func, at)
        if function is None:
            return COMPUTED
        returns = [
            stmt for stmt in statements.walk_scope(function)
            if isinstance(stmt, ast.Return) and stmt.value is not None
        ]
        if not returns:
            return COMPUTED
        return combine(
            self.judge(stmt.value, stmt, depth) for stmt in returns if stmt.value is not None
        )

    def _local_function(self, func: ast.expr, at: ast.AST) -> ast.AST | None:
        """The def of ``helper`` or ``self.helper`` when it is in this module."""
        if isinstance(func, ast.Name) and not self.scopes.shadows(
            func.id, self.scopes.scope_of(at)
        ):
            return self.module.functions.get(func.id)
        if isinstance(func, ast.Attribute) and naming.dotted_name(func.value) in ("self", "cls"):
            klass = self.scopes.enclosing_class(at)
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
        receiver: ast.expr | None = func.value
        if isinstance(receiver, ast.Name):
            defs = self.scopes.visible_definitions(receiver.id, at)
            if len(defs) != 1 or defs[0].value is None:
                return False
            receiver = defs[0].value
        return isinstance(receiver, ast.Call) and (
            self.module.qualify(receiver.func) in WHOLE_NAMESPACE_MANAGERS
        )

    def _is_record_type(self, func: ast.expr, at: ast.AST) -> bool:
        """A namedtuple class of this module: its instances hold what they are given."""
        if not isinstance(func, ast.Name) or self.scopes.shadows(
            func.id, self.scopes.scope_of(at)
        ):
            return False
        klass = self.module.classes.get(func.id)
        if klass is not None:
            return any(self._is_record_factory(base) for base in klass.bases)
        defs = self.scopes.module_definitions().get(func.id, [])
        return bool(defs) and all(
            value is not None and self._is_record_factory(value) for _, value, _ in defs
        )

    def _is_record_factory(self, node: ast.expr) -> bool:
        """``namedtuple(...)``, ``typing.NamedTuple`` or a call of either."""
        target = node.func if isinstance(node, ast.Call) else node
        return self.module.qualify(target) in RECORD_FACTORIES
