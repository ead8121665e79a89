"""Judge what a loader's name argument can hold: constant, checked or computed."""

from __future__ import annotations

import ast
import dataclasses

from flake8_sched_robustness import (
    caller_arguments,
    config_reads,
    definitions,
    door,
    listings,
    mappings,
    module_facts,
    naming,
    results,
    scopes,
)
from flake8_sched_robustness.allowlists import AllowlistGuards
from flake8_sched_robustness.answers import UNKNOWN, Tri
from flake8_sched_robustness.definitions import Definition
from flake8_sched_robustness.verdicts import (
    CALLER,
    CHECKED,
    COMPUTED,
    CONSTANT,
    MAX_DEPTH,
    UNDECIDED,
    Judge,
    State,
    Verdict,
    combine,
)

# type(x).__name__ and friends say no more than x itself.
DESCRIBING_ATTRIBUTES = frozenset({"__module__", "__name__", "__qualname__"})
MODULE_NAMES = frozenset({"__name__", "__package__"})


class ValueJudge:
    """Judge expressions of one file by where their values come from."""

    def __init__(
        self,
        module: module_facts.ModuleFacts,
        file_scopes: scopes.FileScopes,
        door: door.Door,
        validators: frozenset[str],
        loader_argument: results.LoaderArgument,
    ) -> None:
        self.module = module
        self.scopes = file_scopes
        self.door = door
        self.guards = AllowlistGuards(module, file_scopes, door, validators, self._is_safe)
        callers = caller_arguments.CallerJudge(
            module, file_scopes, door, self.judge, self.judge_option
        )
        self.listings = listings.PackageListings(
            module, file_scopes, callers.passes_package_paths
        )
        self.names = NameJudge(module, file_scopes, door, self.judge, callers)
        self.mappings = mappings.ConstantMappings(
            module, file_scopes, door, self.judge, callers.passes_literal_keywords
        )
        self.results = results.CallJudge(
            module, file_scopes, self.judge, self.judge_option, self.mappings, self.guards,
            loader_argument, self.listings,
        )
        self._memo: dict[tuple[int, int], Verdict] = {}

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

    def _is_safe(self, value: ast.expr, at: ast.AST) -> bool:
        """Whether a replacement value is constant or checked itself."""
        return self.judge(value, at, 0).state <= State.CHECKED

    def _judge(self, node: ast.expr, at: ast.AST, depth: int) -> Verdict:
        if isinstance(node, ast.Constant):
            return CONSTANT
        text = naming.dotted_name(node)
        if text is not None and self.guards.is_guarded(text, at):
            return CHECKED
        if isinstance(node, ast.Name):
            return self.names.judge_name(node.id, at, depth)
        if isinstance(node, ast.Attribute):
            return self._judge_attribute(node, at, depth)
        if isinstance(node, ast.Call):
            return self.results.judge_call(node, at, depth)
        if isinstance(node, ast.Subscript):
            return self._judge_subscript(node, at, depth)
        if isinstance(node, (ast.Await, ast.NamedExpr, ast.Starred)):
            return self.judge(node.value, at, depth)
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp)):
            return self.judge(node.elt, node.elt, depth)  # its names live inside it
        parts = _parts(node)
        if parts is None:
            return UNDECIDED
        return combine(self.judge(part, at, depth) for part in parts)

    def _judge_subscript(self, node: ast.Subscript, at: ast.AST, depth: int) -> Verdict:
        read = config_reads.config_read(node)  # CONF.group["name"]
        if read is not None:
            return self.judge_option(*read)
        table = self.mappings.is_constant_mapping(node.value, at, depth)
        if table is not Tri.NO:
            return CHECKED if table is Tri.YES else UNDECIDED  # UNKNOWN: a table unread
        return self.judge(node.value, at, depth)

    def _judge_attribute(self, node: ast.Attribute, at: ast.AST, depth: int) -> Verdict:
        read = config_reads.config_read(node)
        if read is not None:
            return self.judge_option(*read)
        if self.listings.is_package_path(node, at):
            return CHECKED  # self.path of a package directory: what it lists ships with it
        if node.attr in MODULE_NAMES and self.listings.is_running_module(node.value, at):
            return CONSTANT  # sys.modules[__name__].__package__ is as constant as __name__
        if node.attr in DESCRIBING_ATTRIBUTES:
            return self.judge(node.value, at, depth)
        root = naming.root_name(node)
        scope = self.scopes.scope_of(at)
        if root in ("self", "cls"):
            return self._judge_instance_attribute(node, at, depth)
        if root is not None and not self.scopes.shadows(root, scope) and (
            root in self.module.imports
        ):
            qualname = self.module.qualify(node)
            return self.names.judge_imported(qualname) if qualname else UNDECIDED
        # A field of a constant record or of a listed file (``entry.path``,
        # ``path.stem``) is as safe as the record; anything else is computed.
        owner = self.judge(node.value, at, depth)
        return owner if owner.state <= State.CHECKED else COMPUTED

    def _judge_instance_attribute(self, node: ast.Attribute, at: ast.AST, depth: int) -> Verdict:
        text = naming.dotted_name(node)
        if not isinstance(node.value, ast.Name) or text is None:
            return COMPUTED
        local = self.scopes.definitions(text, at)
        verdicts = [self.names.judge_definition(d, depth) for d in local]
        if local and not self.scopes.reaches_top(text, at):
            return combine(verdicts)  # assigned on every path in this method
        klass = self.scopes.enclosing_class(at)
        if klass is not None:
            verdicts.extend(
                self.judge(value, stmt, depth)
                for stmt, value in definitions.attribute_definitions(klass, node.attr)
            )
        return combine(verdicts) if verdicts else COMPUTED

    def judge_option(self, group: str | None, name: str) -> Verdict:
        """Judge a configuration option: checked when declared with choices=."""
        found = self.door.options(name)
        if found is UNKNOWN:
            return UNDECIDED  # the project index did not read every module
        declared = [
            option for option in found if group is None or option.group in (group, None)
        ]
        if declared and all(option.choices for option in declared):
            return CHECKED
        unchecked = [option for option in declared if not option.choices]
        shown = unchecked[0] if unchecked else None
        if shown is not None and shown.group is None and group is not None:
            shown = dataclasses.replace(shown, group=group)  # registered elsewhere
        return Verdict(State.COMPUTED, "config", shown)


class NameJudge:
    """Judge a name by its bindings: local, module-level, imported or a parameter."""

    def __init__(
        self,
        module: module_facts.ModuleFacts,
        file_scopes: scopes.FileScopes,
        door: door.Door,
        judge: Judge,
        callers: caller_arguments.CallerJudge,
    ) -> None:
        self.module = module
        self.scopes = file_scopes
        self.door = door
        self.judge = judge
        self.callers = callers

    def judge_name(self, name: str, at: ast.AST, depth: int) -> Verdict:
        """Judge a bare name by the bindings that reach ``at``."""
        if name == "__name__":
            return CONSTANT
        if self._bound_by_comprehension(name, at):
            return self._judge_definitions(name, at, depth)
        scope = self.scopes.scope_of(at)
        in_function = False
        while not isinstance(scope, ast.Module):
            if name in self.scopes.local_names(scope):
                return self._judge_definitions(name, at, depth)
            at, scope, in_function = scope, self.scopes.scope_of(scope), True
        if not in_function and self.scopes.definitions(name, at):
            # Code at module level sees only the bindings made before it.
            return self._judge_definitions(name, at, depth)
        return self._judge_module_name(name, depth)

    def _bound_by_comprehension(self, name: str, at: ast.AST) -> bool:
        """Whether a comprehension around ``at`` binds ``name`` (its own scope)."""
        for _, parent in self.scopes.ancestors(at):
            if isinstance(parent, naming.SCOPE_NODES):
                return False
            if isinstance(parent, naming.COMPREHENSIONS) and any(
                name in definitions.target_names(generator.target)
                for generator in parent.generators
            ):
                return True
        return False

    def _judge_module_name(self, name: str, depth: int) -> Verdict:
        qualname = self.module.imports.get(name)
        if qualname is not None:
            return self.judge_imported(qualname)
        defs = self.scopes.module_definitions().get(name)
        if not defs:
            return UNDECIDED  # a builtin, a star import, a name bound elsewhere
        return combine(self.judge_definition(d, depth) for d in defs)

    def judge_imported(self, qualname: str) -> Verdict:
        """Judge a constant of another module, as the door sees it."""
        kind = self.door.constant_kind(self.door.canonical_name(qualname))
        if kind in ("str", "strings", "mapping"):
            return CONSTANT
        return COMPUTED if kind == "other" else UNDECIDED

    def _judge_definitions(self, name: str, at: ast.AST, depth: int) -> Verdict:
        defs = self.scopes.definitions(name, at)
        scope = self.scopes.scope_of(at)
        verdicts = []
        if isinstance(scope, naming.FUNCTION_NODES) and self.scopes.reaches_top(name, at):
            parameter, always_given = self._judge_parameter(name, scope, defs, depth)
            verdicts.append(parameter)
            if always_given:
                # every call passes a value: ``if not name: name = ...`` never runs
                defs = [
                    d for d in defs if d.kind != "fallback" and not self._is_fallback(d.node, name)
                ]
        verdicts.extend(self.judge_definition(d, depth) for d in defs)
        if not verdicts:
            return UNDECIDED
        return combine(verdicts)

    def judge_definition(self, definition: Definition, depth: int) -> Verdict:
        """Judge the value one binding gives its name."""
        stmt, value, kind = definition
        if value is None:
            return UNDECIDED if kind == "import" else COMPUTED
        if kind == "fallback":
            # ``name = name or DEFAULT``: the caller's own value is the override.
            values = value.values[1:] if isinstance(value, ast.BoolOp) else [value]
            return combine(self.judge(item, stmt, depth) for item in values)
        return self.judge(value, stmt, depth)

    def _judge_parameter(
        self,
        name: str,
        function: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda,
        defs: list[Definition],
        depth: int,
    ) -> tuple[Verdict, bool]:
        """The parameter's verdict, and whether every call of the function passes it."""
        args = function.args
        if name not in {arg.arg for arg in naming.parameters(args)}:
            return UNDECIDED, False
        default = caller_arguments.default_of(args, name)
        at_callers = self.callers.judge_parameter(function, name, default, depth)
        if at_callers is not None:
            # the project's own calls are all there is
            return at_callers.verdict, at_callers.always_given
        if any(kind == "fallback" or self._is_fallback(stmt, name) for stmt, _, kind in defs):
            return CONSTANT, False  # the parameter overrides a default chosen below
        if default is None or (isinstance(default, ast.Constant) and default.value is None):
            return CALLER, False
        return self.judge(default, function, depth), False

    def _is_fallback(self, stmt: ast.AST, name: str) -> bool:
        """Whether an assignment sits under ``if not name:`` / ``if name is None:``."""
        for child, parent in self.scopes.ancestors(stmt):
            if isinstance(parent, ast.If) and child in parent.body and _tests_missing(
                parent.test, name
            ):
                return True
        return False


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
