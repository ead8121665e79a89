"""Tell a listing of the linted package's own files: an allowlist by construction.

``pkgutil.iter_modules([os.path.dirname(__file__)])`` can only name modules
that ship in the package, so a name taken from it is as good as checked.
A listing of a directory from configuration or of an absolute path is not.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from flake8_sched_robustness import definitions, module_facts, naming, scopes
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
RECEIVERS = frozenset({"self", "cls"})
# parameter_paths(function, parameter, is_path): every call passes a package path
ParameterPaths = Callable[
    [ast.AST, str, Callable[[ast.expr, ast.AST], bool], Callable[[str], bool]], bool
]


class PackageListings:
    """Recognise listings of the directories of the module's own package."""

    def __init__(
        self,
        module: module_facts.ModuleFacts,
        file_scopes: scopes.FileScopes,
        parameter_paths: ParameterPaths,
    ) -> None:
        self.module = module
        self.scopes = file_scopes
        self.parameter_paths = parameter_paths
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
        if isinstance(node, ast.Constant):
            return self.is_source_path(node.value)
        if isinstance(node, ast.Name):
            if node.id in PACKAGE_NAMES:
                return not self.scopes.shadows(node.id, self.scopes.scope_of(at))
            return self._is_package_variable(node.id, at, depth)
        if isinstance(node, ast.Attribute):
            return self._is_package_attribute(node, at, depth)
        if isinstance(node, ast.Subscript):  # mod.__path__[0]
            return self._is_package_path(node.value, at, depth + 1)
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
        elif isinstance(func, ast.Attribute) and func.attr == "sub" and len(call.args) == 2:
            # SEPARATORS.sub("/", path): a separator for a separator, not a new root
            replacement = call.args[0]
            return isinstance(replacement, ast.Constant) and replacement.value in ("/", "\\") and (
                self._is_package_path(call.args[1], at, depth + 1)
            )
        elif self.module.qualify(func) in PATH_BUILDERS and call.args:
            start, rest = call.args[0], list(call.args[1:])
        else:
            return False
        return self._is_package_path(start, at, depth + 1) and all(map(_is_relative, rest))

    def _is_package_variable(self, name: str, at: ast.AST, depth: int) -> bool:
        """A variable every binding of which is a package path.

        A parameter counts when every call of its function passes one.
        """
        defs = self.scopes.visible_definitions(name, at)
        scope = self.scopes.scope_of(at)
        if isinstance(scope, naming.FUNCTION_NODES) and self.scopes.reaches_top(name, at) and (
            name in {arg.arg for arg in naming.parameters(scope.args)}
        ):
            if not self.parameter_paths(scope, name, self.is_package_path, self.is_source_path):
                return False
            return all(
                kind == "value" and value is not None
                and self._is_package_path(value, stmt, depth + 1)
                for stmt, value, kind in defs
            )
        return bool(defs) and all(
            kind == "value" and value is not None
            and self._is_package_path(value, stmt, depth + 1)
            for stmt, value, kind in defs
        )

    def is_package_path(self, node: ast.expr, at: ast.AST) -> bool:
        """Whether an expression is a path into the package the module belongs to."""
        return self._is_package_path(node, at, 0)

    def is_source_path(self, value: object) -> bool:
        """``"cinder/volume/drivers"``: the package's own directory from the source root.

        Only names inside the package can come of it: a module path under
        ``cinder.`` imports from the installed package, never from elsewhere.
        """
        return isinstance(value, str) and value.replace("\\", "/").split("/")[0] == self.package

    def is_running_module(self, node: ast.expr, at: ast.AST, depth: int = 0) -> bool:
        """``sys.modules[__name__]``, ``sys.modules[self.__class__.__module__]``.

        The module object of the code that runs: its ``__path__`` is a
        directory of that code's own package, its ``__name__`` a constant.
        """
        if isinstance(node, ast.Name) and depth <= MAX_DEPTH:
            defs = self.scopes.visible_definitions(node.id, at)
            return bool(defs) and all(
                kind == "value" and value is not None
                and self.is_running_module(value, stmt, depth + 1)
                for stmt, value, kind in defs
            )
        if not isinstance(node, ast.Subscript) or self.module.qualify(node.value) != "sys.modules":
            return False
        key = node.slice
        if isinstance(key, ast.Name):
            return key.id == "__name__"
        return isinstance(key, ast.Attribute) and key.attr == "__module__" and (
            naming.root_name(key) in RECEIVERS
        )

    def _is_package_attribute(self, node: ast.Attribute, at: ast.AST, depth: int) -> bool:
        """``path.parent``, ``drivers.__path__``, ``self.path`` set to a package path."""
        if node.attr == "parent":
            return self._is_package_path(node.value, at, depth + 1)
        if node.attr in PACKAGE_NAMES:
            return self._is_own_module(node.value) or self.is_running_module(node.value, at)
        if not (isinstance(node.value, ast.Name) and node.value.id in RECEIVERS):
            return False
        klass = self.scopes.enclosing_class(at)
        found = list(definitions.attribute_definitions(klass, node.attr)) if klass else []
        return bool(found) and all(
            self._is_package_path(value, stmt, depth + 1) for stmt, value in found
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
