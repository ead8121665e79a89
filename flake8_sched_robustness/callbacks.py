"""Find the functions a module hands over as values: their consumer fixes their signature."""

from __future__ import annotations

import ast
import fnmatch
import re
from collections.abc import Sequence
from typing import NamedTuple

from flake8_sched_robustness import module_facts

# Names handed over as values, ids of lambdas bound to a name, and the
# globs of method names looked up by a computed name: getattr(self, "_save_%s" % x).
Callbacks = tuple[frozenset[str], frozenset[int], frozenset[str]]
Function = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
# getattr whose name argument is anything but a plain literal.
_DYNAMIC_GETATTR = re.compile(r"getattr\(\s*[\w.]+\s*,\s*(?![\'\"]\w*[\'\"]\s*[,)])")
_FORMAT_HOLE = re.compile(r"%(\(\w+\))?[sdr]|\{[^{}]*\}")
# A whole word not followed by an opening parenthesis on its line.
_UNCALLED_WORD = re.compile(r"\b\w+\b(?!\s*\()")
_WORD = re.compile(r"\w+")


class CallbackFinder:
    """Tell whether a function of one module is handed over as a callback.

    Every question is answered from two passes over the file, each made at
    most once: a text scan (``scan_text``) and a tree walk
    (``find_callbacks``); a question itself costs a set lookup.
    """

    def __init__(self, module: module_facts.ModuleFacts, context_names: frozenset[str]) -> None:
        self.module = module
        self.context_names = context_names
        self._text: TextScan | None = None
        self._callbacks: Callbacks | None = None
        self._templates: re.Pattern[str] | None = None

    def is_callback(self, function: Function) -> bool:
        """Whether the module hands ``function`` over as a value."""
        if not isinstance(function, ast.Lambda) and not self._may_be_handed_over(
            function.name
        ):
            return False
        if self._callbacks is None:
            self._callbacks = find_callbacks(self.module.tree, self.context_names)
            self._templates = _compile_globs(self._callbacks[2])
        names, named_lambdas, _ = self._callbacks
        if isinstance(function, ast.Lambda):
            return id(function) not in named_lambdas
        return function.name in names or bool(
            self._templates and self._templates.match(function.name)
        )

    def _may_be_handed_over(self, name: str) -> bool:
        """A text test before the tree walk: is ``name`` ever used uncalled?"""
        lines = self.module.lines
        if lines is None:
            return True
        if self._text is None:
            self._text = scan_text(lines)
        if self._text.dynamic_getattr or name in self._text.uncalled:
            return True
        if _WORD.fullmatch(name):
            return False
        # A name the word scan cannot split out (a combining mark in it).
        uncalled = re.compile(rf"\b{re.escape(name)}\b(?!\s*\()")
        return any(name in line and uncalled.search(line) for line in lines)


class TextScan(NamedTuple):
    """What one pass over a module's lines says about names used uncalled."""

    uncalled: frozenset[str]  # words some line uses other than as ``word(``
    dynamic_getattr: bool  # some line calls getattr with a computed name


def scan_text(lines: Sequence[str]) -> TextScan:
    """Collect, in one pass, every word a line uses uncalled, and whether
    any line calls getattr with a computed name."""
    uncalled: set[str] = set()
    dynamic_getattr = False
    for line in lines:
        uncalled.update(_UNCALLED_WORD.findall(line))
        if not dynamic_getattr and "getattr(" in line:
            dynamic_getattr = _DYNAMIC_GETATTR.search(line) is not None
    return TextScan(frozenset(uncalled), dynamic_getattr)


def _compile_globs(globs: frozenset[str]) -> re.Pattern[str] | None:
    """One pattern for every method-name glob, so a name is matched once."""
    if not globs:
        return None
    return re.compile("|".join(fnmatch.translate(glob) for glob in sorted(globs)))


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
    scan = _CallbackScan(context_names)
    for node in ast.walk(tree):
        scan.note(node)
    return scan.result()


class _CallbackScan:
    """What one walk of a module learns about the functions it hands over.

    ast.walk visits parents first, so one pass can mark a callee, a
    receiver (x.attr, x[i]) or an argument beside a context before it
    reaches that child.
    """

    def __init__(self, context_names: frozenset[str]) -> None:
        self.context_names = context_names
        self.templates: set[str] = set()
        self.elsewhere: set[str] = set()
        self.dynamic_getattr = False
        self.not_handed: set[int] = set()
        self.named_lambdas: set[int] = set()
        self.names: set[str] = set()
        # ``subnet_create_end = subnet_update_end`` in a class body publishes a
        # method under a second name; that hands nothing over, unless the new
        # name is handed over in turn.
        self.aliases: dict[str, str] = {}

    def note(self, node: ast.AST) -> None:
        """Note what one node hands over, or keeps from being handed over."""
        not_handed = self.not_handed
        if isinstance(node, ast.Name):
            if id(node) not in not_handed and isinstance(node.ctx, ast.Load):
                self.names.add(node.id)
        elif isinstance(node, ast.Attribute):
            not_handed.add(id(node.value))
            if id(node) not in not_handed and isinstance(node.value, ast.Name) and (
                isinstance(node.ctx, ast.Load)
            ):
                self.names.add(node.attr)
        elif isinstance(node, ast.Subscript):
            not_handed.add(id(node.value))
        elif isinstance(node, ast.Call):
            not_handed.add(id(node.func))
            self.dynamic_getattr |= _note_call(
                node, self.context_names, not_handed, self.templates
            )
        if isinstance(node, (ast.BinOp, ast.JoinedStr, ast.Call)):
            glob = _name_glob(node)
            if glob is not None:
                self.elsewhere.add(glob)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            _note_assignment(node, self.named_lambdas, self.aliases, not_handed)

    def result(self) -> Callbacks:
        """The names handed over, the named lambdas and the getattr globs."""
        templates = set(self.templates)
        if self.dynamic_getattr:
            templates |= self.elsewhere
        names = set(self.names)
        names.update(original for alias, original in self.aliases.items() if alias in names)
        return frozenset(names), frozenset(self.named_lambdas), frozenset(templates)


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
            str(part.value) if isinstance(part, ast.Constant) else "{}"
            for part in spelled.values
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
