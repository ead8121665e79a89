"""A cheap per-project index: oslo.config options and renamed re-exports.

Where an option is declared, and whether it has ``choices=``, is answered
without astroid and without importing anything.  The index is built once per
source root and process, from the files of the linted top-level package that
mention ``Opt(``.  A second byte scan finds the names under which the package
re-exports a loader (``Loader = DriverManager``); the Door follows each use of
such a name to its origin.

The modules come from project_files: regular files only, within caps.  A
package whose listing left a module unseen (a cap, an exclusion, a link out of
the root) is incomplete: an option the index does not find there is unknown,
not absent.
"""

from __future__ import annotations

import ast
import dataclasses
import os
import re
from collections.abc import Iterator, Sequence
from typing import TypeGuard

from flake8_sched_robustness import naming, project_files

# Modules whose parsed declarations are kept; past it the cache starts over.
MAX_MODULES = 500
REGISTER_CALLS = frozenset(
    {"register_opts", "register_opt", "register_cli_opts", "register_cli_opt"}
)
NOT_OPTIONS = frozenset({"OptGroup", "DeprecatedOpt"})


@dataclasses.dataclass(frozen=True)
class OptionFacts:
    """One declaration of an oslo.config option."""

    group: str | None  # None when no registration in its module says
    name: str
    path: str  # relative to the source root, with '/'
    line: int
    choices: bool

    def describe(self) -> str:
        """Spell the option and its declaration as an editor can follow."""
        option = f"[{self.group}]{self.name}" if self.group else self.name
        return f"{option}, declared in {self.path}:{self.line}"


def _is_option_call(node: ast.AST) -> TypeGuard[ast.Call]:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name.endswith("Opt") and name not in NOT_OPTIONS


def _option_name(call: ast.Call) -> str | None:
    if call.args and isinstance(call.args[0], ast.Constant):
        value = call.args[0].value
        return value if isinstance(value, str) else None
    for keyword in call.keywords:
        if keyword.arg == "name" and isinstance(keyword.value, ast.Constant):
            return keyword.value.value if isinstance(keyword.value.value, str) else None
    return None


def _has_choices(call: ast.Call) -> bool:
    # choices= on the option itself, or on its item type (ListOpt of
    # types.String(choices=...)).
    return any(
        isinstance(node, ast.keyword) and node.arg == "choices"
        and not (isinstance(node.value, ast.Constant) and node.value.value is None)
        for node in ast.walk(call)
    )


class _ModuleOptions:
    """Collect the option declarations of one module and their groups."""

    def __init__(self, tree: ast.Module) -> None:
        self.values: dict[str, list[ast.expr]] = {}
        for node in tree.body:
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.values.setdefault(target.id, []).append(node.value)
            elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
                self.values.setdefault(node.target.id, []).append(node.value)
        self.groups: dict[int, set[str]] = {}
        for inner in ast.walk(tree):
            if isinstance(inner, ast.Call):
                self._read_registration(inner)
            elif isinstance(inner, ast.FunctionDef) and inner.name == "list_opts":
                self._read_list_opts(inner)

    def _read_registration(self, call: ast.Call) -> None:
        func = call.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in REGISTER_CALLS or not call.args:
            return
        group_expr = call.args[1] if len(call.args) > 1 else None
        for keyword in call.keywords:
            if keyword.arg == "group":
                group_expr = keyword.value
        group = "DEFAULT" if group_expr is None else self._group_name(group_expr, 0)
        if group is not None:
            self._assign(call.args[0], group)

    def _read_list_opts(self, function: ast.FunctionDef) -> None:
        for node in ast.walk(function):
            pairs: list[tuple[ast.expr | None, ast.expr]] = []
            if isinstance(node, ast.Dict):
                pairs = [(k, v) for k, v in zip(node.keys, node.values) if k is not None]
            elif isinstance(node, ast.Tuple) and len(node.elts) == 2:
                pairs = [(node.elts[0], node.elts[1])]
            for key, value in pairs:
                group = self._group_name(key, 0) if key is not None else None
                if group is not None:
                    self._assign(value, group)

    def _assign(self, options: ast.expr, group: str) -> None:
        for call in self.option_calls(options, 0):
            self.groups.setdefault(id(call), set()).add(group)

    def _group_name(self, node: ast.expr, depth: int) -> str | None:
        if depth > 5:
            return None
        if isinstance(node, ast.Constant):
            if node.value is None:
                return "DEFAULT"
            return node.value if isinstance(node.value, str) else None
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "OptGroup":
                return _option_name(node)
            return None
        if isinstance(node, ast.Attribute) and node.attr == "name":
            return self._group_name(node.value, depth + 1)
        if isinstance(node, ast.Name) and len(self.values.get(node.id, ())) == 1:
            return self._group_name(self.values[node.id][0], depth + 1)
        return None

    def option_calls(self, node: ast.expr, depth: int) -> Iterator[ast.Call]:
        """Yield the option constructor calls an options expression holds."""
        if depth > 8:
            return
        if _is_option_call(node):
            yield node
            return
        for part in self._parts(node):
            yield from self.option_calls(part, depth + 1)

    def _parts(self, node: ast.expr) -> list[ast.expr]:
        """The expressions a list of options may be built from."""
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            return node.elts
        if isinstance(node, ast.Starred):
            return [node.value]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return _added_terms(node)
        if isinstance(node, ast.Call):
            return node.args  # itertools.chain(a, b), list(a), ...
        if isinstance(node, ast.Name):
            return self.values.get(node.id, [])
        return []


def _added_terms(node: ast.expr) -> list[ast.expr]:
    """The terms of ``a + b + c``, which nests on the left, without recursing."""
    terms = []
    while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        terms.append(node.right)
        node = node.left
    terms.append(node)
    return terms[::-1]


def options_in(tree: ast.Module, path: str) -> list[OptionFacts]:
    """Every option declared in a module, one entry per group it joins."""
    collected = _ModuleOptions(tree)
    found = []
    for node in ast.walk(tree):
        if not _is_option_call(node):
            continue
        name = _option_name(node)
        if name is None:
            continue
        choices = _has_choices(node)
        groups: Sequence[str | None] = sorted(collected.groups.get(id(node), ()))
        for group in groups or [None]:
            found.append(OptionFacts(group, name, path, node.lineno, choices))
    return found


# Where an option may be declared: a quoted name right after ``Opt(``.
_DECLARED_NAME = re.compile(rb"""Opt\(\s*(?:name\s*=\s*)?['"]([\w.-]+)['"]""")


def scan_option_files(sources: Iterator[tuple[str, bytes]]) -> dict[str, list[str]]:
    """Map each option name to the files that may declare it.

    A cheap byte scan, so that only the few files that matter get parsed.
    """
    found: dict[str, list[str]] = {}
    for path, data in sources:
        for name in set(_DECLARED_NAME.findall(data)):
            found.setdefault(name.decode("ascii", "replace"), []).append(path)
    return found


# ``Loader = driver.DriverManager`` and ``... import DriverManager as Loader``
_RENAMING_ASSIGNMENT = re.compile(r"(\w+)[ \t]*=[ \t]*(?:[\w.]+\.)?(\w+)[ \t]*(?:#.*)?$")
_RENAMING_IMPORT = re.compile(r"[ \t]+as[ \t]+(\w+)")


def scan_renames(sources: Iterator[tuple[str, bytes]], names: frozenset[str]) -> frozenset[str]:
    """Other names under which a package's modules may re-export ``names``.

    ``Loader = driver.DriverManager`` or ``from stevedore.driver import
    DriverManager as Loader`` at module level gives ``Loader``.  A text scan
    that only widens the net: the Door still follows each use to its origin.
    """
    found: set[str] = set()
    spelled = [name.encode() for name in names]
    for _, data in sources:
        if not any(word in data for word in spelled):
            continue  # most modules: no need to decode them
        text = data.decode("utf-8", "replace")
        for name in names:
            for offset in naming.word_offsets(text, name):
                line_start = text.rfind("\n", 0, offset) + 1
                line_end = text.find("\n", offset)
                line = text[line_start: line_end if line_end >= 0 else len(text)]
                assigned = _RENAMING_ASSIGNMENT.match(line)
                if assigned and assigned.group(2) == name:
                    found.add(assigned.group(1))
                elif line.startswith("from ") and " import " in line:
                    imported = _RENAMING_IMPORT.match(text, offset + len(name))
                    if imported:
                        found.add(imported.group(1))
    return frozenset(found - names)


class ProjectIndex:
    """Per-root facts, built lazily and kept for the whole process."""

    def __init__(self, root: str, exclude: Sequence[str] = ()) -> None:
        self.root = root
        self.exclude = tuple(exclude)
        self._listings: dict[str, project_files.Listing] = {}
        self._option_files: dict[str, dict[str, list[str]]] = {}
        self._declarations: dict[str, list[OptionFacts]] = {}
        self._renames: dict[tuple[str, frozenset[str]], frozenset[str]] = {}

    def options(self, package: str, name: str) -> list[OptionFacts]:
        """Every declaration of option ``name`` under a top-level package.

        An empty list means "not declared" only when ``is_complete(package)``;
        otherwise the option may sit in a module the scan did not read.
        """
        found: list[OptionFacts] = []
        for path in self._option_files_of(package).get(name, ()):
            found.extend(o for o in self._declared_in(path) if o.name == name)
        return found

    def is_complete(self, package: str) -> bool:
        """Tell whether the scan of a package read every module in it."""
        self._option_files_of(package)  # a module listed but unreadable counts
        return self.listing(package).complete

    def _option_files_of(self, package: str) -> dict[str, list[str]]:
        if package not in self._option_files:
            self._option_files[package] = scan_option_files(self.sources(package))
        return self._option_files[package]

    def renames(self, package: str, names: frozenset[str]) -> frozenset[str]:
        """Names a package re-exports any of ``names`` under (scan_renames)."""
        key = (package, names)
        if key not in self._renames:
            self._renames[key] = scan_renames(self.sources(package), names)
        return self._renames[key]

    def listing(self, package: str) -> project_files.Listing:
        if package not in self._listings:
            self._listings[package] = project_files.list_package(self.root, package, self.exclude)
        return self._listings[package]

    def sources(self, package: str) -> Iterator[tuple[str, bytes]]:
        """(path, bytes) of each module the package's listing holds."""
        listing = self.listing(package)
        for path in listing.paths:
            data = project_files.read_module(path)
            if data is None:
                listing.complete = False  # unreadable, or changed since it was listed
                continue
            yield path, data

    def _declared_in(self, path: str) -> list[OptionFacts]:
        if path not in self._declarations:
            if len(self._declarations) > MAX_MODULES:
                self._declarations.clear()
            tree = project_files.parse_module(path)
            relative = os.path.relpath(path, self.root).replace(os.sep, "/")
            self._declarations[path] = options_in(tree, relative) if tree else []
        return self._declarations[path]


# One index per source root and flake8 exclude patterns (exclude, extend-exclude).
_INDEXES: dict[tuple[str, tuple[str, ...]], ProjectIndex] = {}


def for_root(root: str, exclude: Sequence[str] = ()) -> ProjectIndex:
    """The one index of a source root (and exclude patterns) in this process."""
    patterns = tuple(exclude)
    key = (root, patterns)
    if key not in _INDEXES:
        if len(_INDEXES) > 16:
            _INDEXES.clear()
        _INDEXES[key] = ProjectIndex(root, patterns)
    return _INDEXES[key]
