"""Read the linted project's modules into answers about the whole project.

Two questions need other modules of the project: is a class served over RPC
(SRB201), and who calls a function with what (SRB3's parameters).  Parsing
every module would cost as much as linting them, so a byte scan first picks
the modules that can matter: those that mention an oslo.messaging target or
an endpoints list, or the function's name (a caller must spell it, and a
module that hands it over as a value or calls a method of that name on an
unknown object says so in its record).  Only those are parsed, into
project_facts records kept for the process.  The listing and the reads go
through project_files' caps; where the listing left a module unread, an
answer that an unread module could change is UNKNOWN.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from flake8_sched_robustness import (
    beside,
    caches,
    project_facts,
    project_files,
    project_index,
    work,
)
from flake8_sched_robustness.answers import Tri
from flake8_sched_robustness.project_facts_index import (
    MAX_REEXPORT_HOPS,
    BasesOf,
    Callers,
    ProjectFacts,
    walk_ancestors,
)

# A module that declares an oslo.messaging target or hands endpoints to an
# RPC server spells one of the first words and one of the second (the
# library's name, or the project's rpc wrapper).  "Target" alone is also
# every storage driver's iSCSI target: cinder has 107 such modules, 10 of
# them about RPC.
ENDPOINT_WORDS = (b"Target(", b"endpoints", b"get_rpc_server")
RPC_WORDS = (b"messaging", b"rpc")
# Module records kept per process; past it the oldest are read again.
MAX_RECORDS = 4000
# A name spelled in more modules than this is too common to follow: its
# callers are unknown.  Reading them all cost nova 2 s and 150 MiB for two
# questions (``Service.create``, ``Service(...)``) whose answer stayed unsure.
MAX_CALLER_MODULES = 40
# Modules whose importers are kept per process (a few paths each).
MAX_IMPORTER_SETS = 512
# A module larger than this is not parsed for project facts: its tree, built
# while flake8 holds the linted file's, was most of the plugin's peak memory
# (nova's compute/manager.py: 60 MiB).  What it would tell is unknown.
MAX_FACTS_MODULE_BYTES = 256 * 2**10
# A directory with more modules than this is not searched for a handler of
# a raised class beside the raising module: each reported raise would read
# them all (the five projects' largest outside tests: neutron/extensions 145,
# nova/api/openstack/compute 74, ironic/common 54).
MAX_SIBLINGS = 64
# Directories whose module lists are kept per process.
MAX_DIRECTORIES = 2000


class ProjectFactsReader:
    """The project facts of one source root, read lazily and kept."""

    def __init__(self, index: project_index.ProjectIndex) -> None:
        self._index = index
        self._records = caches.BoundedCache(MAX_RECORDS)
        self._importer_sets = caches.BoundedCache(MAX_IMPORTER_SETS)
        self._endpoint_facts: dict[str, ProjectFacts] = {}
        self._unread_endpoint_modules: dict[str, bool] = {}
        self._directories: dict[str, tuple[str, ...] | None] = {}

    def rpc_endpoint(self, package: str, qualname: str, bases_of: BasesOf) -> Tri:
        """Tell whether a class of ``package`` is served over RPC.

        YES when the class or one of its ancestors declares a target, or
        when the class or a subclass of it is handed to an RPC server (an
        instance of the subclass is an instance of this class too).
        ``bases_of`` answers for classes of modules the scan did not parse.
        """
        facts = self._endpoint_facts_of(package)
        if not _serves_anything(facts):
            # Nothing in the project declares a target or hands a class to a
            # server: no ancestor walk can find one (a deep hierarchy would
            # otherwise be walked once per class: tests/test_linear.py).
            return Tri.NO if self._index.listing(package).complete else Tri.UNKNOWN

        def bases(name: str) -> tuple[str | None, ...] | None:
            record = facts.classes.get(facts.resolve(name))
            if record is not None:
                return tuple(None if b is None else facts.resolve(b) for b in record.bases)
            return bases_of(name)

        qualname = facts.resolve(qualname)
        ancestry = walk_ancestors(qualname, bases)
        for name in ancestry.classes:
            record = facts.classes.get(name)
            if name in facts.endpoint_classes or (record is not None and record.declares_target):
                return Tri.YES
        for endpoint in sorted(facts.endpoint_classes):
            if qualname in walk_ancestors(endpoint, bases).classes:
                return Tri.YES
        unsure = (
            not ancestry.complete
            or self._unread_endpoint_modules.get(package, False)
            or not self._index.listing(package).complete
            or any(
                entry.qualname is None or bases(entry.qualname) is None
                for entry in facts.unknown_endpoints()  # none a parsed module's class
            )
        )
        return Tri.UNKNOWN if unsure else Tri.NO

    def callers_of(
        self, package: str, module: str, qualname: str, on_class: bool = False
    ) -> Callers:
        """The project's calls of a function, method or class of ``module``,
        with what they pass (``on_class``: a method called through its class)."""
        word = qualname.rpartition(".")[2]
        if word == "__init__":
            word = qualname.rsplit(".", 2)[-2]  # ``Cls(...)`` runs it
        importable = _importable_name(module, qualname, on_class)
        spelled = _WordTest(word.encode())
        if importable is None:
            paths = self._spelling_modules(package, spelled)
        else:
            paths = self._importing_modules(package, module, importable, spelled)
        if paths is None or len(paths) > MAX_CALLER_MODULES:
            return Callers(Tri.UNKNOWN, ())
        records = [record for path in paths if (record := self._record(package, path))]
        _charge(len(records))
        complete = self._index.listing(package).complete  # read once sources() ran
        return ProjectFacts(records, complete=complete).callers_of(qualname)

    def _spelling_modules(self, package: str, spelled: _WordTest) -> list[str] | None:
        """The modules that spell a method's name: it may be called on an
        object got from anywhere.  None past the bounds (too many, too large)."""
        found: list[str] = []
        for path, data in self._index.sources(package):
            if spelled.found_in(data):
                if len(data) > MAX_FACTS_MODULE_BYTES or len(found) == MAX_CALLER_MODULES:
                    return None  # a common method name: read no more
                found.append(path)
        return found

    def _importing_modules(
        self, package: str, module: str, importable: str, spelled: _WordTest
    ) -> list[str] | None:
        """The modules that spell a function's or class's name and can call
        it: its home and the modules that import the home or a module
        re-exporting it (the others spell another thing of that name).  None
        when one of them is too large to read."""
        homes = [module]
        chosen: list[str] = []
        for _ in range(MAX_REEXPORT_HOPS + 1):
            importing = frozenset().union(*(self._importers(package, home) for home in homes))
            added = []
            for path in self._index.listing(package).paths:  # in the listing's order
                if path not in importing or path in chosen:
                    continue
                data = project_files.read_module(path)
                if data is None or not spelled.found_in(data):
                    continue
                if len(data) > MAX_FACTS_MODULE_BYTES:
                    return None  # too large to read, and it may call it (or is its home)
                added.append(path)
            chosen.extend(added)
            if not added or len(chosen) > MAX_CALLER_MODULES:
                return chosen
            # ``from home import name`` lets a third module import it from here.
            defined = f"{module}.{importable}"
            reexporters = {
                record.module for path in added
                if (record := self._record(package, path)) is not None
                and any(target == defined for _, target in record.reexports)
            } - set(homes)
            if not reexporters:
                return chosen
            homes.extend(sorted(reexporters))
        return None  # re-exported further than followed

    def _importers(self, package: str, module: str) -> frozenset[str]:
        """The package's modules that are ``module`` or import it, found in one
        pass and kept: the questions of one file often share a home."""
        key = (package, module)
        cached = self._importer_sets.get(key)
        if cached is not caches.MISSING:
            return cached  # type: ignore[no-any-return]
        home = os.path.join(self._index.root, *module.split("."))
        own = {home + ".py", os.path.join(home, "__init__.py")}
        test = _ImportTest(module)
        found = frozenset(
            path for path, data in self._index.sources(package)
            if path in own or test.found_in(data)
        )
        self._importer_sets.put(key, found)
        return found

    def caught_beside(self, package: str, module: str, qualname: str, function: str) -> Tri:
        """Tell whether a module beside ``module`` (its package directory) ends
        a project class that ``function`` raises (beside.ends_raise).  NO when
        none does, when a call of the function there escapes its handlers,
        or when a module that may tell is past the read bounds."""
        siblings = self._siblings(package, module)
        if siblings is None:
            return Tri.NO  # too many neighbours to read for every raise: still reported
        class_name = qualname.rpartition(".")[2]
        read, verdict = 0, Tri.NO
        for path in siblings:
            data = project_files.read_module(path)
            if data is None or not (class_name.encode() in data or function.encode() in data):
                continue
            tree = None
            if len(data) <= MAX_FACTS_MODULE_BYTES and read < MAX_CALLER_MODULES:
                read += 1
                tree = project_files.parse_source(data, path)  # read once, above
            found = beside.ends_raise(tree, class_name, function) if tree else Tri.NO
            if found is Tri.NO:
                verdict = Tri.NO  # a call escapes, or too much to read: still reported
                break
            if found is Tri.YES:
                verdict = Tri.YES
        _charge(read)
        return verdict

    def _siblings(self, package: str, module: str) -> tuple[str, ...] | None:
        """The other modules of ``module``'s directory; None past MAX_SIBLINGS."""
        # The directory of a module ``a.b.c`` (a/b/c.py) is a/b: paths are
        # compared, not module names, which would cost a relpath each.
        directory = os.path.join(self._index.root, *module.split(".")[:-1]) + os.sep
        if directory not in self._directories:
            if len(self._directories) >= MAX_DIRECTORIES:
                self._directories.clear()
            listed = [path for path in self._index.listing(package).paths
                      if path.startswith(directory) and os.sep not in path[len(directory):]]
            self._directories[directory] = (
                tuple(listed) if len(listed) <= MAX_SIBLINGS + 1 else None
            )
        kept = self._directories[directory]
        if kept is None:
            return None
        name = module.rpartition(".")[2]
        own = (directory + name + ".py", os.path.join(directory, name, "__init__.py"))
        return tuple(path for path in kept if path not in own)

    def _endpoint_facts_of(self, package: str) -> ProjectFacts:
        if package not in self._endpoint_facts:
            records, unread = self._records_mentioning(package, ENDPOINT_WORDS, RPC_WORDS)
            self._unread_endpoint_modules[package] = unread
            # Only some modules were read: never "no such class" from it.
            self._endpoint_facts[package] = ProjectFacts(records, complete=False)
        facts = self._endpoint_facts[package]
        _charge(len(facts.modules))
        return facts

    def _records_mentioning(
        self, package: str, words: Sequence[bytes], also: Sequence[bytes]
    ) -> tuple[list[project_facts.ModuleRecord], bool]:
        """The records of the package's modules whose text holds any of ``words``
        and any of ``also``, and whether such a module was too large to read."""
        records, unread = [], False
        for path, data in self._index.sources(package):
            if any(word in data for word in words) and any(word in data for word in also):
                if len(data) > MAX_FACTS_MODULE_BYTES:
                    unread = True
                    continue
                record = self._record(package, path)
                if record is not None:
                    records.append(record)
        return records, unread

    def _record(self, package: str, path: str) -> project_facts.ModuleRecord | None:
        cached = self._records.get((path,))
        if cached is not caches.MISSING:
            return cached  # type: ignore[no-any-return]
        record = None
        tree = project_files.parse_module(path)
        if tree is not None:
            module = _module_name(self._index.root, path)
            is_package = os.path.basename(path) == "__init__.py"
            home = module if is_package else module.rpartition(".")[0]
            relative = os.path.relpath(path, self._index.root).replace(os.sep, "/")
            record = project_facts.read_module(tree, module, home or package, relative)
        self._records.put((path,), record)
        return record


class _WordTest:
    """Whether a module's bytes spell a word as a whole identifier."""

    def __init__(self, word: bytes) -> None:
        self.word = word
        self.pattern = re.compile(re.escape(word) + rb"\b")

    def found_in(self, data: bytes) -> bool:
        # A substring search first: most modules do not hold the word at all.
        return self.word in data and _found_at_word_start(self.pattern, data)


def _serves_anything(facts: ProjectFacts) -> bool:
    """Whether any module read declares a target or hands endpoints to a server."""
    return bool(facts.endpoint_classes or facts.unknown_endpoints()) or any(
        record.declares_target for record in facts.classes.values()
    )


def _importable_name(module: str, qualname: str, on_class: bool) -> str | None:
    """The name a module imports to call ``qualname``: the function, or the
    class for ``Cls.__init__`` and for a method called through its class
    (``on_class``); None for another method, called on objects got from
    anywhere."""
    rest = qualname[len(module) + 1:] if qualname.startswith(module + ".") else ""
    owner, _, method = rest.rpartition(".")
    if owner and "." not in owner and (method == "__init__" or on_class):
        return owner
    return rest if rest and "." not in rest else None


class _ImportTest:
    """Whether a module's bytes import ``module``, in any import form
    (``import a.b``, ``from a import (x, b)`` over lines, ``from .b import``,
    ``from .. import b``).  A relative import of another ``b`` counts too:
    a module read too many, which may add an unresolved call (callers
    unknown) but never hides a caller."""

    def __init__(self, module: str) -> None:
        parts = module.split(".")
        home = re.escape(parts[-1].encode())
        names = rb"import\s*(?:\([^)]*|(?:[^\n\\]|\\\n)*)\b%s\b" % home
        forms = [rb"\.+[\w.]*\s+" + names, rb"\.+(?:[\w.]*\.)?%s\b" % home]
        if len(parts) > 1:
            forms.append(re.escape(".".join(parts[:-1]).encode()) + rb"\s+" + names)
        # Each starts with a literal: _found_at_word_start.
        self.patterns = (
            re.compile(re.escape(module.encode()) + rb"\b"),
            re.compile(rb"from\s+(?:%s)" % b"|".join(forms)),
        )

    def found_in(self, data: bytes) -> bool:
        return any(_found_at_word_start(pattern, data) for pattern in self.patterns)


def _found_at_word_start(pattern: re.Pattern[bytes], data: bytes) -> bool:
    """Whether the pattern matches where a word starts, as a leading \\b would
    say: the patterns start with a literal instead, which lets the regex
    engine jump from one occurrence to the next (a leading \\b made it try
    every byte, ten times slower)."""
    for match in pattern.finditer(data):
        start = match.start()
        if start == 0 or not (bytes((data[start - 1],)).isalnum() or data[start - 1] == ord("_")):
            return True
    return False


def _charge(records: int) -> None:
    # Charged per record used, read now or remembered: the same question
    # costs the same whatever ran before it (see work).
    for _ in range(records):
        work.charge_read()


def _module_name(root: str, path: str) -> str:
    relative = os.path.relpath(path, root)
    parts = relative[: -len(".py")].split(os.sep)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


# One reader per source root and flake8 exclude patterns, as project_index.
_READERS: dict[tuple[str, tuple[str, ...]], ProjectFactsReader] = {}


def for_root(root: str, exclude: Sequence[str] = ()) -> ProjectFactsReader:
    """The one reader of a source root (and exclude patterns) in this process."""
    key = (root, tuple(exclude))
    if key not in _READERS:
        if len(_READERS) > 16:
            _READERS.clear()
        _READERS[key] = ProjectFactsReader(project_index.for_root(root, exclude))
    return _READERS[key]


def clear() -> None:
    """Forget every reader and the records they kept."""
    _READERS.clear()
