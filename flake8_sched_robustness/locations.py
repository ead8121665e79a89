"""Find where a linted file sits: its source root and dotted module name."""

from __future__ import annotations

import dataclasses
import os


@dataclasses.dataclass(frozen=True)
class ModuleLocation:
    """Where a linted file sits: its source root and dotted module name."""

    root: str
    name: str
    is_package: bool

    @property
    def package(self) -> str:
        """The package that relative imports in this module start from."""
        return self.name if self.is_package else self.name.rpartition(".")[0]


def locate_module(filename: str) -> ModuleLocation | None:
    """Find the source root and module name of a file by walking up packages."""
    if not filename or filename in ("-", "stdin") or not filename.endswith(".py"):
        return None
    path = os.path.abspath(filename)
    directory, base = os.path.split(path)
    stem = base[: -len(".py")]
    is_package = stem == "__init__"
    root, packages = _package_chain(directory)
    if root is None:
        return None
    parts = packages if is_package else [*packages, stem]
    if not parts or not all(part.isidentifier() for part in parts):
        return None
    return ModuleLocation(root, ".".join(parts), is_package)


def _package_chain(directory: str) -> tuple[str | None, list[str]]:
    """The source root above ``directory`` and the packages down to it.

    The root is the top of the contiguous chain of packages that holds the
    directory: the walk up stops at the first directory that breaks it, so a
    stray ``__init__.py`` above the project does not move the root.  Only the
    directory that holds the file may lack ``__init__.py`` and still count,
    as a portion of the regular package above it (cinder's
    volume/drivers/datacore).  None as the root when the chain reaches ``/``.
    """
    packages: list[str] = []
    while True:
        parent, name = os.path.split(directory)
        is_regular = os.path.isfile(os.path.join(directory, "__init__.py"))
        is_portion = not packages and parent != directory and os.path.isfile(
            os.path.join(parent, "__init__.py")
        )
        if not (is_regular or is_portion):
            return directory, packages
        if not name:
            return None, packages
        packages.insert(0, name)
        directory = parent
