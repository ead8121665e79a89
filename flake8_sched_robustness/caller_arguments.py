"""Judge a parameter that carries a loader's name at the project's calls of its function.

``def load_driver(name): DriverManager(NS, name)`` loads what its callers
pass: when every call in the project passes a constant or a checked value,
the load is safe; one call that passes an unchecked value is where the fix
belongs, so the finding names it.  A function with callers the index cannot
see (or none) is judged by its own body, as a library's public API must be.
"""

from __future__ import annotations

import ast
import dataclasses
import os
from collections.abc import Callable, Iterator

from flake8_sched_robustness import (
    config_reads,
    door,
    listings,
    module_facts,
    naming,
    project_files,
    scopes,
)
from flake8_sched_robustness.answers import UNKNOWN, Tri
from flake8_sched_robustness.project_facts import Argument, ArgKind, CallSite
from flake8_sched_robustness.results import OptionJudge
from flake8_sched_robustness.verdicts import CHECKED, CONSTANT, Judge, State, Verdict, combine

# More calls than this are not read one by one: the function is judged by its body.
MAX_SITES = 50
RECEIVERS = frozenset({"self", "cls"})
FALSE_LITERALS = frozenset({"None", "False", "0", "0.0"})
# A parameter passed on by a caller is followed this many calls further up.
MAX_HOPS = 2
MODULE_NAMES = frozenset({"__name__", "__package__"})
# What a module knows about where it lives: a directory of its own package.
PACKAGE_PATHS = frozenset({"__path__", "__file__"})
FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef
# is_path(argument, the call): the argument is a directory of the package
PathTest = Callable[[ast.expr, ast.AST], bool]
# is_source(text): a literal path that names the package's own directory
SourceTest = Callable[[str], bool]


@dataclasses.dataclass(frozen=True)
class AtCallers:
    """What the project's calls pass for a parameter, and whether each passes one."""

    verdict: Verdict
    always_given: bool  # no call leaves it out or passes a false literal


@dataclasses.dataclass(frozen=True)
class Parameter:
    """A parameter of a function: its name, its position as callers count it, its default."""

    name: str
    position: int | None  # None for keyword-only
    default: ast.expr | None


class CallerJudge:
    """Judge what the project's calls of a function pass for one of its parameters."""

    def __init__(
        self,
        module: module_facts.ModuleFacts,
        file_scopes: scopes.FileScopes,
        door: door.Door,
        judge: Judge,
        judge_option: OptionJudge,
    ) -> None:
        self.module = module
        self.scopes = file_scopes
        self.door = door
        self.judge = judge
        self.judge_option = judge_option
        self._own_path = os.path.normpath(os.path.abspath(module.filename))
        self._trees: dict[str, ast.Module | None] = {}

    def judge_parameter(
        self, function: ast.AST, name: str, default: ast.expr | None, depth: int
    ) -> AtCallers | None:
        """The verdict of what all callers pass, or None to judge the body alone."""
        found = self._callers(function, name, default)
        if found is None:
            return None
        function, parameter, sites = found
        verdicts = []
        for site in sites:
            verdict = self._judge_site(site, parameter, function, depth)
            if verdict.state is State.COMPUTED:
                verdict = dataclasses.replace(verdict, source="caller", caller=site.where())
                return AtCallers(verdict, False)
            verdicts.append(verdict)
        given = all(self._gives(site, parameter) for site in sites)
        return AtCallers(combine(verdicts), given)

    def _gives(self, site: CallSite, parameter: Parameter) -> bool:
        """Whether a call passes the parameter a value that is not a false literal."""
        argument = _recorded_argument(site, parameter)
        if argument is None:
            return False
        if argument.kind is ArgKind.STRING:
            return bool(argument.text)
        return argument.kind is not ArgKind.CONSTANT or argument.text not in FALSE_LITERALS

    def passes_package_paths(
        self, function: ast.AST, name: str, is_path: PathTest, is_source: SourceTest
    ) -> bool:
        """Whether every call of the function passes a directory of the caller's package."""
        found = self._callers(function, name, None)
        if found is None:
            return False
        function, parameter, sites = found
        for site in sites:
            call = self._local_call(site, function.name) if self._is_own_file(site) else None
            if call is not None:
                node = _argument_node(call, parameter)
                if node is None or not is_path(node, call):
                    return False
                continue
            argument = _recorded_argument(site, parameter)
            if argument is None or argument.parameter:
                return False
            if argument.kind is ArgKind.STRING:
                if not is_source(argument.text):
                    return False
            elif argument.text not in PACKAGE_PATHS and not self._passes_own_path(site, parameter):
                return False
        return True

    def _passes_own_path(self, site: CallSite, parameter: Parameter) -> bool:
        """Whether a call in another module passes a path built from that module's own place."""
        tree = self._tree_of(site.path)
        if tree is None:
            return False
        found = [
            call for call in _calls_at(tree, site.line)
            if naming.short_name(call.func) == site.callee.rpartition(".")[2]
        ]
        node = _argument_node(found[0], parameter) if len(found) == 1 else None
        if node is None:
            return False
        module = module_facts.ModuleFacts(tree, site.path, module_name=_module_of(site))
        caller_scopes = scopes.FileScopes(tree)
        paths = listings.PackageListings(module, caller_scopes, _no_parameter_paths)
        return paths.is_package_path(node, found[0])

    def passes_literal_keywords(self, function: ast.AST) -> bool:
        """Whether every call of a function fills its ``**kwargs`` with literals only."""
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return False
        kwarg = function.args.kwarg
        sites = self._sites(function) if kwarg is not None else None
        if kwarg is None or sites is None:
            return False
        named = {arg.arg for arg in naming.parameters(function.args)} - {kwarg.arg}
        return all(
            not site.star_kwargs and all(
                argument.kind in (ArgKind.STRING, ArgKind.CONSTANT)
                for keyword, argument in site.keywords if keyword not in named
            )
            for site in sites
        )

    def _callers(
        self, function: ast.AST, name: str, default: ast.expr | None
    ) -> tuple[FunctionNode, Parameter, tuple[CallSite, ...]] | None:
        """The function, the parameter and all the project's calls, when they are known."""
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return None
        sites = self._sites(function)
        parameter = _parameter(function, name, default, self._is_method(function))
        if sites is None or parameter is None:
            return None
        return function, parameter, sites

    def _sites(self, function: FunctionNode) -> tuple[CallSite, ...] | None:
        """All the project's calls of a function, or None when they are not all known."""
        qualname = self._qualname(function)
        if qualname is None:
            return None
        callers = self.door.callers_of(
            self.module.name, qualname, on_class=_called_on_class(function)
        )
        if callers is UNKNOWN or callers.state is not Tri.YES or len(callers.sites) > MAX_SITES:
            return None
        return callers.sites

    def _qualname(self, function: FunctionNode) -> str | None:
        """``pkg.mod.Class.method`` for a module-level function or a method; None if nested."""
        names = [function.name]
        for _, parent in self.scopes.ancestors(function):
            if isinstance(parent, ast.ClassDef):
                names.append(parent.name)
            elif isinstance(parent, naming.FUNCTION_NODES):
                return None  # a closure: its callers are its enclosing function
        return ".".join([self.module.name, *reversed(names)])

    def _is_method(self, function: FunctionNode) -> bool:
        """Whether callers leave out the first parameter (``self``, ``cls``)."""
        if self.scopes.enclosing_class(function) is None:
            return False
        return not _decorated(function, "staticmethod")

    def _judge_site(
        self, site: CallSite, parameter: Parameter, function: FunctionNode, depth: int
    ) -> Verdict:
        """Judge what one call passes: in this file by its text, elsewhere by the index."""
        call = self._local_call(site, function.name) if self._is_own_file(site) else None
        if call is not None:
            node = _argument_node(call, parameter)
            if node is None:
                return self._judge_default(parameter, function, depth)
            return self.judge(node, call, depth)
        argument = _recorded_argument(site, parameter)
        if argument is None:
            if site.star_args or site.star_kwargs:
                return Verdict(State.COMPUTED)  # ``*args``/``**kwargs`` may fill it
            return self._judge_default(parameter, function, depth)
        return self._judge_recorded(argument, site, 0)

    def _judge_default(self, parameter: Parameter, function: FunctionNode, depth: int) -> Verdict:
        default = parameter.default
        if default is None or (isinstance(default, ast.Constant) and default.value is None):
            return CONSTANT  # left out: the function's own fallback decides
        return self.judge(default, function, depth)

    def _judge_recorded(self, argument: Argument, site: CallSite, hops: int) -> Verdict:
        """Judge an argument of another file as the index recorded it."""
        if argument.kind in (ArgKind.STRING, ArgKind.CONSTANT):
            return CONSTANT
        if argument.kind is ArgKind.NAME and argument.parameter and hops < MAX_HOPS:
            return self._judge_forwarded(site, argument.text, hops + 1)
        if argument.kind is ArgKind.ATTRIBUTE:
            read = config_reads.config_read(_parse(argument.text))
            if read is not None:
                return self.judge_option(*read)
        if argument.kind is ArgKind.NAME and not argument.parameter:
            if argument.text in MODULE_NAMES:
                return CONSTANT  # the calling module's own name
            if argument.text in PACKAGE_PATHS:
                return CHECKED  # its own directory: what is listed there ships with it
            kind = self.door.constant_kind(f"{_module_of(site)}.{argument.text}")
            if kind in ("str", "strings", "mapping"):
                return CONSTANT
        return Verdict(State.COMPUTED)

    def _judge_forwarded(self, site: CallSite, name: str, hops: int) -> Verdict:
        """A caller passes on its own parameter: judge what its callers pass for it."""
        module = _module_of(site)
        tree = self._tree_of(site.path)
        rest = site.caller[len(module) + 1:] if site.caller.startswith(module + ".") else ""
        found = _find_function(tree, rest) if tree is not None and rest else None
        if found is None:
            return Verdict(State.COMPUTED)
        function, is_method = found
        parameter = _parameter(function, name, default_of(function.args, name), is_method)
        callers = self.door.callers_of(
            module, site.caller, on_class=is_method and _called_on_class(function)
        )
        if parameter is None or callers is UNKNOWN or callers.state is Tri.UNKNOWN or (
            len(callers.sites) > MAX_SITES
        ):
            return Verdict(State.COMPUTED)
        if callers.state is Tri.NO:  # an entry point: its own default is what it passes on
            return _literal_default(parameter, None)
        verdicts = []
        for caller in callers.sites:
            argument = _recorded_argument(caller, parameter)
            if argument is None:
                verdicts.append(_literal_default(parameter, caller))
            else:
                verdicts.append(self._judge_recorded(argument, caller, hops))
        return combine(verdicts)

    def _tree_of(self, path: str) -> ast.Module | None:
        """The tree of another module of the project, parsed once per judge."""
        if path not in self._trees:
            root = _root_of(self._own_path, self.module.name)
            self._trees[path] = (
                None if root is None
                else project_files.parse_module(os.path.join(root, path.replace("/", os.sep)))
            )
        return self._trees[path]

    def _is_own_file(self, site: CallSite) -> bool:
        path = site.path.replace("/", os.sep)
        return self._own_path == os.path.normpath(path) or self._own_path.endswith(os.sep + path)

    def _local_call(self, site: CallSite, name: str) -> ast.Call | None:
        """The call a record of this file stands for, found by its line and callee."""
        names = (name, site.callee.rpartition(".")[2], *RECEIVERS)  # cls(...) in a classmethod
        found = [
            node for node in _calls_at(self.module.tree, site.line)
            if naming.short_name(node.func) in names or _is_super_init(node)
        ]
        return found[0] if len(found) == 1 else None


def _calls_at(tree: ast.Module, line: int) -> Iterator[ast.Call]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.lineno == line:
            yield node


def _is_super_init(node: ast.Call) -> bool:
    func = node.func
    return isinstance(func, ast.Attribute) and func.attr == "__init__"


def _parameter(
    function: FunctionNode, name: str, default: ast.expr | None, is_method: bool
) -> Parameter | None:
    """Where callers put ``name``: its position after the receiver, or keyword only."""
    args = function.args
    positional = [arg.arg for arg in (*args.posonlyargs, *args.args)]
    if is_method and positional:
        positional = positional[1:]
    if name in positional:
        return Parameter(name, positional.index(name), default)
    if name in {arg.arg for arg in args.kwonlyargs}:
        return Parameter(name, None, default)
    return None  # *args or **kwargs: what fills it is not one argument


def _argument_node(call: ast.Call, parameter: Parameter) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == parameter.name:
            return keyword.value
    args = list(call.args)
    if args and _is_unbound_receiver(args[0], call):
        args = args[1:]  # Base.__init__(self, name)
    position = parameter.position
    if position is None or position >= len(args):
        return None
    if any(isinstance(arg, ast.Starred) for arg in args[: position + 1]):
        return None
    return args[position]


def _is_unbound_receiver(first: ast.expr, call: ast.Call) -> bool:
    func = call.func
    return (
        isinstance(first, ast.Name) and first.id in RECEIVERS
        and isinstance(func, ast.Attribute) and not isinstance(func.value, ast.Call)
        and naming.dotted_name(func.value) not in RECEIVERS
    )


def _recorded_argument(site: CallSite, parameter: Parameter) -> Argument | None:
    for keyword, argument in site.keywords:
        if keyword == parameter.name:
            return argument
    positional = list(site.positional)
    if positional and positional[0].kind is ArgKind.NAME and positional[0].text in RECEIVERS:
        positional = positional[1:]  # Base.__init__(self, name)
    position = parameter.position
    if position is None or position >= len(positional):
        return None
    return positional[position]


def _module_of(site: CallSite) -> str:
    """The dotted module name of a call site's file."""
    path = site.path[:-3] if site.path.endswith(".py") else site.path
    if path.endswith("/__init__"):
        path = path[: -len("/__init__")]
    return path.replace("/", ".")


def _parse(text: str) -> ast.expr:
    return ast.parse(text, mode="eval").body


def _literal_default(parameter: Parameter, site: CallSite | None) -> Verdict:
    """A parameter a call leaves out, in another file: only a literal default is known."""
    default = parameter.default
    if site is not None and (site.star_args or site.star_kwargs):
        return Verdict(State.COMPUTED)  # ``*args``/``**kwargs`` may fill it
    if isinstance(default, ast.Constant) and isinstance(default.value, str):
        return CONSTANT
    return Verdict(State.COMPUTED)


def default_of(args: ast.arguments, name: str) -> ast.expr | None:
    """The default value of a parameter, if it has one."""
    positional = [*args.posonlyargs, *args.args]
    offset = len(positional) - len(args.defaults)
    for index, arg in enumerate(positional):
        if arg.arg == name and index >= offset:
            return args.defaults[index - offset]
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        if arg.arg == name:
            return default
    return None


def _called_on_class(function: FunctionNode) -> bool:
    """A classmethod or a staticmethod: called through its class, which the
    caller imports (``service.Service.create(...)``)."""
    return _decorated(function, "classmethod", "staticmethod")


def _decorated(function: FunctionNode, *names: str) -> bool:
    """Whether a decorator of the function is spelled as one of ``names``."""
    return any(naming.short_name(decorator) in names for decorator in function.decorator_list)


def _find_function(tree: ast.Module, path: str) -> tuple[FunctionNode, bool] | None:
    """The def at ``Class.method`` or ``function`` in a module, and whether it is a method."""
    body: list[ast.stmt] = tree.body
    names = path.split(".")
    in_class = False
    for index, name in enumerate(names):
        last = index == len(names) - 1
        node = next((n for n in body if getattr(n, "name", None) == name), None)
        if last and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return node, in_class and not _decorated(node, "staticmethod")
        if not isinstance(node, ast.ClassDef):
            return None
        body, in_class = node.body, True
    return None


def _root_of(own_path: str, module_name: str) -> str | None:
    """The directory the module's dotted name starts from, or None."""
    parts = module_name.split(".")
    for tail in (os.path.join(*parts) + ".py", os.path.join(*parts, "__init__.py")):
        if own_path.endswith(os.sep + tail):
            return own_path[: -len(tail) - 1]
    return None


def _no_parameter_paths(
    function: ast.AST, name: str, is_path: PathTest, is_source: SourceTest
) -> bool:
    """One call up is as far as a directory is followed."""
    return False
