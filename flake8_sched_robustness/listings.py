"""Tell a listing of the linted package's own files: an allowlist by construction.

``pkgutil.iter_modules([os.path.dirname(__file__)])`` can only name modules
that ship in the package, so a name taken from it is as good as checked.
A listing of a directory from configuration or of an absolute path is not.
"""

from __future__ import annotations

import ast

from flake8_sched_robustness import module_facts, naming, scopes
from flake8_sched_robustness.verdicts import MAX_DEPTH

# What a module knows about where it lives.
PACKAGE_NAMES = frozenset({"__file__", "__path__", "__name__"})
# Listing functions and the keyword of the directory (the first argument).
LISTERS = {
    "os.listdir": "path",
    "os.scandir": "path",
    "os.walk": "top",
    "glob.glob": "pathname",
    "glob.iglob": "pathname",
    "pkgutil.iter_modules": "path",
    "pkgutil.walk_packages": "path",
}
PATH_LISTING_METHODS = frozenset({"iterdir", "glob", "rglob"})
# Functions that build a path from another one and constant parts.
PATH_BUILDERS = frozenset({
    "os.path.dirname", "os.path.abspath", "os.path.realpath", "os.path.normpath",
    "os.path.join", "os.fspath", "pathlib.Path", "pathlib.PurePath", "builtins.str",
})
PATH_METHODS = frozenset({"joinpath", "resolve", "absolute"})


class PackageListings:
    """Recognise listings of the directories of the module's own package."""

    def __init__(self, module: module_facts.ModuleFacts, file_scopes: scopes.FileScopes) -> None:
        self.module = module
        self.scopes = file_scopes
        self.package = module.name.partition(".")[0]

    def is_package_listing(self, call: ast.Call, at: ast.AST) -> bool:
        """Whether a call lists the files of the package the module belongs to."""
        func = call.func
        keyword = LISTERS.get(self.module.qualify(func) or "")
        if keyword is None:
            # Path(__file__).parent.glob("*.py")
            return isinstance(func, ast.Attribute) and func.attr in PATH_LISTING_METHODS and (
                self._is_package_path(func.value, at, 0)
            )
        directory = call.args[0] if call.args else next(
            (item.value for item in call.keywords if item.arg == keyword), None
        )
        return directory is not None and self._is_package_path(directory, at, 0)

    def _is_package_path(self, node: ast.expr, at: ast.AST, depth: int) -> bool:
        """A path built from ``__file__``/``__path__``/``__name__`` and constant parts."""
        if depth > MAX_DEPTH:
            return False
        if isinstance(node, ast.Name):
            if node.id in PACKAGE_NAMES:
                return not self.scopes.shadows(node.id, self.scopes.scope_of(at))
            return self._is_package_variable(node.id, at, depth)
        if isinstance(node, ast.Attribute):
            if node.attr == "parent":
                return self._is_package_path(node.value, at, depth + 1)
            return node.attr in PACKAGE_NAMES and self._is_own_module(node.value)
        if isinstance(node, (ast.List, ast.Tuple)):
            return bool(node.elts) and all(
                self._is_package_path(item, at, depth + 1) for item in node.elts
            )
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):  # Path / "drivers"
            return self._is_package_path(node.left, at, depth + 1) and _is_relative(node.right)
        if isinstance(node, ast.Call):
            return self._is_path_call(node, at, depth)
        return False

    def _is_path_call(self, call: ast.Call, at: ast.AST, depth: int) -> bool:
        """``os.path.join(os.path.dirname(__file__), "drivers")``, ``path.joinpath("x")``."""
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr in PATH_METHODS:
            start, rest = func.value, list(call.args)
        elif self.module.qualify(func) in PATH_BUILDERS and call.args:
            start, rest = call.args[0], list(call.args[1:])
        else:
            return False
        return self._is_package_path(start, at, depth + 1) and all(map(_is_relative, rest))

    def _is_package_variable(self, name: str, at: ast.AST, depth: int) -> bool:
        """A variable every binding of which is a package path."""
        defs = self.scopes.visible_definitions(name, at)
        return bool(defs) and all(
            kind == "value" and value is not None
            and self._is_package_path(value, stmt, depth + 1)
            for stmt, value, kind in defs
        )

    def _is_own_module(self, node: ast.expr) -> bool:
        """An imported module of the linted package: ``drivers.__path__``."""
        if naming.root_name(node) not in self.module.imports:
            return False
        qualname = self.module.qualify(node) or ""
        return qualname == self.package or qualname.startswith(self.package + ".")


def _is_relative(node: ast.expr) -> bool:
    """A string literal that stays under the directory it is joined to."""
    return (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
        and not node.value.startswith(("/", "\\"))
    )
