"""Read other modules of the project from source: summaries, re-exports, literals."""

from __future__ import annotations

import ast
import builtins
import enum
import os
import stat
import sys
from collections.abc import Callable
from typing import Union

from flake8_sched_robustness import (
    caches,
    class_attributes,
    class_facts,
    hierarchy,
    module_facts,
    project_files,
    statements,
    summary,
    work,
)
from flake8_sched_robustness.answers import Tri

# Module summaries are bounded so that memory stays flat on a large project.
MAX_CACHED_MODULES = 1500
# No class is named by a longer dotted path; each part is a module name that
# may be tried, so a generated ``a.b.b...`` of thousands of parts would cost
# thousands of module searches (tests/test_hostile.py).
MAX_DOTTED_PARTS = 32
# Re-exports (aliases, imports, star imports) followed from one name before
# the reader gives up on it.
MAX_FOLLOW_DEPTH = 12


class _Needs(enum.Enum):
    INFERENCE = "inference"


# Where only astroid could tell (a star import, a computed value).
NEEDS_INFERENCE = _Needs.INFERENCE

# What following a dotted name gives: a class, a qualified name for anything
# else, None for a name its module lacks, or NEEDS_INFERENCE.
Followed = Union[class_facts.ClassFacts, str, None, _Needs]
# A text answer (a literal kind as naming.literal_kind spells it, or a
# module name), None, or NEEDS_INFERENCE.
Kind = Union[str, None, _Needs]


class Unreadable(Exception):
    """A module's source cannot be read or parsed: nothing can be told from it."""


_SUMMARIES = caches.BoundedCache(MAX_CACHED_MODULES)


def clear() -> None:
    """Forget every module summary."""
    _SUMMARIES.clear()


def find_module_file(modname: str, root: str | None, search_path: bool = True) -> str | None:
    """Locate a module's source file on the project root, then sys.path."""
    parts = modname.split(".")
    entries = [root] if root else []
    if search_path:
        entries.extend(p for p in sys.path if p not in ("", "."))
    for entry in entries:
        base = os.path.join(entry, *parts)
        if os.path.isfile(base + ".py"):
            return base + ".py"
        init = os.path.join(base, "__init__.py")
        if os.path.isfile(init):
            return init
    return None


def is_within_cap(path: str) -> bool:
    """Whether a path is a regular file of at most the scan's per-file byte cap.

    A module over the cap (project_files.MAX_FILE_BYTES, as for the project
    scan) is not read at all: what it holds is unknown, never "not there".
    """
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size <= project_files.MAX_FILE_BYTES


def _parse(path: str) -> ast.Module:
    data = project_files.read_module(path)  # None: over the cap, or no regular file
    if data is None:
        raise Unreadable(path)
    try:
        return ast.parse(data, filename=path)
    except (SyntaxError, ValueError, MemoryError, RecursionError) as error:
        raise Unreadable(path) from error


def module_summary(modname: str, root: str | None) -> summary.ModuleSummary | None:
    """Name tables and class facts of a module, parsed from source, cached."""
    work.charge_read()  # cached or not: the same lookup costs the same
    key = (root or "", "module", modname)
    cached: summary.ModuleSummary | None = _SUMMARIES.get(key)
    if cached is not caches.MISSING:
        return cached
    path = find_module_file(modname, root)
    found = None
    if path is not None:
        module = module_facts.ModuleFacts(_parse(path), path, module_name=modname)
        found = summary.summarize(module)
    _SUMMARIES.put(key, found)
    return found


def class_attribute_kinds(qualname: str, root: str | None) -> dict[str, str | None] | None:
    """What a module-level class binds each attribute to, read from its source."""
    work.charge_read()
    key = (root or "", "attributes", qualname)
    cached: dict[str, str | None] | None = _SUMMARIES.get(key)
    if cached is not caches.MISSING:
        return cached
    module, _, name = qualname.rpartition(".")
    found = module_summary(module, root)
    kinds = None
    if found is not None and found.local_class_facts(qualname) is not None:
        path = find_module_file(module, root)
        if path is not None:
            for node in statements.scope_statements(_parse(path)):
                if isinstance(node, ast.ClassDef) and node.name == name:
                    kinds = class_attributes.attribute_kinds(node)
                    break
    _SUMMARIES.put(key, kinds)
    return kinds


def builtin_facts(name: str) -> class_facts.ClassFacts | None:
    """Describe a built-in class from the running interpreter."""
    value = getattr(builtins, name, None)
    if not isinstance(value, type):
        return None
    inherited_from_object = set(vars(object))
    methods = {
        attr
        for klass in value.__mro__[:-1]
        for attr, member in vars(klass).items()
        if callable(member) and attr not in inherited_from_object
    }
    return class_facts.ClassFacts(
        qualname=f"builtins.{name}", methods=frozenset(methods), builtin=True
    )


class SourceReader:
    """Follow names through one project's modules, read with the stdlib parser."""

    def __init__(self, root: str | None) -> None:
        self.root = root

    def follow(self, qualname: str, depth: int = 0, within: str | None = None) -> Followed:
        """Follow a dotted name through modules' name tables, read from source.

        Gives the ClassFacts of a class it reaches, a qualified name string
        for anything else (a function, a module-level value, or a name in a
        module that cannot be found), NEEDS_INFERENCE where only astroid
        could tell (a star import), or None for a name its module lacks.
        With ``within``, a name that leads out of that top-level package is
        returned as it is spelled there (``typing_extensions.override``):
        how a library defines it internally is not the project's re-export.
        """
        if depth > MAX_FOLLOW_DEPTH:
            return None
        parts = qualname.split(".")
        if len(parts) > MAX_DOTTED_PARTS:
            return None
        if within is not None and depth and parts[0] != within:
            return qualname
        for split in range(len(parts) - 1, 0, -1):
            found = module_summary(".".join(parts[:split]), self.root)
            if found is not None:
                return self._follow_in(found, parts[split:], depth, within)
        return qualname  # as far as it can be followed from source

    def _follow_in(
        self, module: summary.ModuleSummary, names: list[str], depth: int, within: str | None
    ) -> Followed:
        """Follow ``names`` (``Class.Nested`` or ``name.attr``) from a module (see follow)."""
        head, dotted = names[0], ".".join(names)
        facts = module.local_class_facts(f"{module.name}.{dotted}")
        if facts is not None:
            return facts  # a class there, or a class nested in one
        if head in module.classes:
            return None  # some other attribute of a class
        target = module.qualify_name(dotted)
        if module.star_imports and not module.binds_name(head):
            provider = self.star_provider(module, head, depth)
            if isinstance(provider, str):
                return self.follow(f"{provider}.{dotted}", depth + 1, within)
            if provider is NEEDS_INFERENCE and target is None:
                return NEEDS_INFERENCE
        if target is None:
            return None
        if target == f"{module.name}.{dotted}":
            return target  # a function or value defined right there
        return self.follow(target, depth + 1, within)

    def star_provider(self, module: summary.ModuleSummary, name: str, depth: int) -> Kind:
        """The module whose ``from m import *`` gives a module ``name``.

        The last star import that exports the name wins, as in Python;
        ``__all__`` decides what a module exports when it is a literal.
        Gives the module's name, None when no star import gives it, or
        NEEDS_INFERENCE when one of them cannot be read from source (a
        compiled module, an ``__all__`` built at run time).
        """
        if depth > MAX_FOLLOW_DEPTH:
            return NEEDS_INFERENCE
        for star in reversed(module.star_imports):
            gives = self._star_gives(star, name, depth)
            if gives is Tri.YES:
                return star
            if gives is Tri.UNKNOWN:
                return NEEDS_INFERENCE
        return None

    def _star_gives(self, star: str, name: str, depth: int) -> Tri:
        """Whether ``from star import *`` binds ``name``; UNKNOWN where source cannot tell."""
        source = module_summary(star, self.root)
        if source is None or source.exports_opaque:
            return Tri.UNKNOWN
        if source.exports is not None:
            if name in source.exports:
                return Tri.YES
            # A name in maybe_exports is exported on some platforms only.
            return Tri.UNKNOWN if name in source.maybe_exports else Tri.NO
        if name.startswith("_"):
            return Tri.NO  # a star import without __all__ skips private names
        if source.binds_name(name):
            return Tri.YES
        if not source.star_imports:
            return Tri.NO
        inner = self.star_provider(source, name, depth + 1)
        if inner is None:
            return Tri.NO
        return Tri.YES if isinstance(inner, str) else Tri.UNKNOWN

    def literal_constant(self, qualname: str, depth: int = 0) -> Kind:
        """A module-level name's kind, when its module's source settles it.

        A name bound once to a literal has that literal's kind; a submodule,
        a class, a function or an instance of a class of that module is
        "other"; a name bound more than once has several candidate values,
        which inference would not choose between either (None).  Imports
        are followed to the binding; anything else is NEEDS_INFERENCE.
        """
        modname, _, name = qualname.rpartition(".")
        module = module_summary(modname, self.root) if modname else None
        if module is None or depth > MAX_FOLLOW_DEPTH:
            return NEEDS_INFERENCE
        if name in module.rebound:
            return None
        if module.star_imports and self.star_provider(module, name, depth) is not None:
            return NEEDS_INFERENCE  # a star import may bind it too
        if name in module.constant_kinds:
            return module.constant_kinds[name]
        if name in module.classes or name in module.functions:
            return "other"
        if module.instances.get(name) in module.classes:
            return "other"  # ``CONF = ConfigOpts()``: an instance of a class there
        if name in module.imports:
            return self.literal_constant(module.imports[name], depth + 1)
        if not module.binds_name(name) and find_module_file(qualname, self.root):
            return "other"  # a submodule, read as an attribute of its package
        return NEEDS_INFERENCE


def literal_attribute(
    class_qualname: str,
    attr: str,
    root: str | None,
    describe: Callable[[str], class_facts.ClassFacts | None],
) -> Kind:
    """Where a class and its bases, read from source, bind ``attr`` to literals.

    Visits the class and its ancestors in astroid's order (each base,
    then its own ancestors); the first that binds ``attr`` decides.
    ``describe`` gives each class's facts.  NEEDS_INFERENCE when a class
    on the way cannot be read from source or binds ``attr`` by anything
    but a literal assignment.
    """
    walk: hierarchy.Walk[str | None] = hierarchy.Walk(class_qualname)
    for qualname in walk:
        if qualname is None:
            return NEEDS_INFERENCE  # a base that cannot be resolved from source
        facts = describe(qualname)
        if facts is None:
            return NEEDS_INFERENCE
        if facts.builtin:
            builtin = getattr(builtins, qualname.rpartition(".")[2], None)
            if attr in vars(builtin or object):
                return NEEDS_INFERENCE
            continue
        kinds = class_attribute_kinds(facts.qualname, root)
        if kinds is None:
            return NEEDS_INFERENCE
        if attr in kinds:
            kind = kinds[attr]
            return kind if kind is not None else NEEDS_INFERENCE
        walk.descend(facts.bases)
    return NEEDS_INFERENCE if walk.cut_short else None
