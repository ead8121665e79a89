"""Answer project-wide questions from many module records.

``ProjectFacts`` holds the ``ModuleRecord`` of each module of a project and
answers what the rules ask across modules: is a class served over RPC, who
calls a function and with what, does a module catch an exception class.
Each answer can be unknown: the index may have stopped early (a bound was
reached, a file would not parse) or a base class may not be resolvable, and
unknown must end in silence, never in a guess.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Callable, Iterable, Mapping

from flake8_sched_robustness.project_facts import (
    CallSite,
    ClassRecord,
    EndpointEntry,
    ModuleRecord,
    Via,
)
from flake8_sched_robustness.answers import Tri

# Real hierarchies are a handful of levels deep; past this, something loops
# through re-exports or is generated, and the walk says it did not finish.
MAX_ANCESTORS = 64
MAX_REEXPORT_HOPS = 8

# What bases_of answers for a class: its bases (None where a base cannot be
# named), () for a class outside the project, None when it cannot be told.
BasesOf = Callable[[str], "tuple[str | None, ...] | None"]


@dataclasses.dataclass(frozen=True, slots=True)
class Ancestry:
    """A class and the ancestors a walk reached, and whether it saw them all."""

    classes: tuple[str, ...]
    complete: bool


def walk_ancestors(qualname: str, bases_of: BasesOf) -> Ancestry:
    """Walk a class and its ancestors breadth first, at most MAX_ANCESTORS.

    The one place that walks a hierarchy, so that a class-hierarchy service
    can replace it by providing ``bases_of``.
    """
    seen: list[str] = []
    queue = deque([qualname])
    complete = True
    while queue:
        current = queue.popleft()
        if current in seen:
            continue
        if len(seen) >= MAX_ANCESTORS:
            return Ancestry(tuple(seen), False)
        seen.append(current)
        bases = bases_of(current)
        if bases is None:
            complete = False
            continue
        for base in bases:
            if base is None:
                complete = False
            else:
                queue.append(base)
    return Ancestry(tuple(seen), complete)


def walk_descendants(qualname: str, subclasses: Mapping[str, list[str]]) -> list[str]:
    """The subclasses of a class, breadth first, at most MAX_ANCESTORS."""
    found: list[str] = []
    queue = deque([qualname])
    while queue and len(found) < MAX_ANCESTORS:
        for child in subclasses.get(queue.popleft(), ()):
            if child not in found and child != qualname:
                found.append(child)
                queue.append(child)
    return found


@dataclasses.dataclass(frozen=True, slots=True)
class Callers:
    """The call sites of a function or class found in the project.

    ``state`` is YES when ``sites`` are all its callers, NO when the project
    never calls it, UNKNOWN when there may be callers the index cannot see.
    """

    state: Tri
    sites: tuple[CallSite, ...]


GENERIC_EXCEPTIONS = frozenset({"builtins.Exception", "builtins.BaseException"})


class ProjectFacts:
    """The facts of a whole project, answered with yes, no or unknown."""

    def __init__(self, records: Iterable[ModuleRecord], complete: bool = True) -> None:
        """Index module records; ``complete`` is False if some were left out."""
        self.modules: dict[str, ModuleRecord] = {}
        self.classes: dict[str, ClassRecord] = {}
        self.unresolved: set[str] = set()
        self.reexports: dict[str, str] = {}
        self.complete = complete
        self._subclasses: dict[str, list[str]] | None = None
        self._calls_by_definition: dict[str, list[CallSite]] | None = None
        for record in records:
            self._add(record)
        self.packages = frozenset(name.partition(".")[0] for name in self.modules)
        self.endpoint_classes = frozenset(
            self.resolve(entry.qualname)
            for record in self.modules.values()
            for entry in record.endpoints
            if entry.qualname is not None
        )

    def _add(self, record: ModuleRecord) -> None:
        self.modules[record.module] = record
        self.complete = self.complete and not record.truncated
        for item in record.classes:
            self.classes[item.qualname] = item
        self.unresolved.update(record.unresolved_calls, record.referenced)
        for local, target in record.reexports:
            self.reexports[f"{record.module}.{local}"] = target

    def resolve(self, qualname: str) -> str:
        """Follow a name re-exported by a project module to where it is defined."""
        for _ in range(MAX_REEXPORT_HOPS):
            if qualname in self.classes or qualname not in self.reexports:
                return qualname
            qualname = self.reexports[qualname]
        return qualname

    def bases_of(self, qualname: str) -> tuple[str | None, ...] | None:
        """The bases of a project class; () outside the project, None if unsure."""
        record = self.classes.get(self.resolve(qualname))
        if record is not None:
            return tuple(None if b is None else self.resolve(b) for b in record.bases)
        if qualname.partition(".")[0] not in self.packages or self.complete:
            return ()  # a library class, or a project name that is no class we saw
        return None

    def unknown_endpoints(self) -> tuple[EndpointEntry, ...]:
        """The endpoint items whose class the source does not tell.

        A callee that is no class of the project (a factory function) is
        unknown too.
        """
        return tuple(
            entry
            for record in self.modules.values()
            for entry in record.endpoints
            if entry.qualname is None or self.resolve(entry.qualname) not in self.classes
        )

    def is_rpc_endpoint_class(self, qualname: str) -> Tri:
        """Tell whether a class is served over RPC: a target, itself or inherited, or
        handed to an RPC server as an endpoint."""
        qualname = self.resolve(qualname)
        if qualname in self.endpoint_classes:
            return Tri.YES
        if qualname not in self.classes:
            return Tri.NO if self.complete else Tri.UNKNOWN
        ancestry = walk_ancestors(qualname, self.bases_of)
        for name in ancestry.classes:
            record = self.classes.get(name)
            if record is not None and record.declares_target:
                return Tri.YES
        return Tri.NO if ancestry.complete else Tri.UNKNOWN

    def endpoint_subclasses(self, qualname: str) -> tuple[str, ...]:
        """The project subclasses of a class that are handed to an RPC server.

        Their instances are instances of this class too, so its public
        methods are served through them.
        """
        return tuple(
            name for name in self._descendants(self.resolve(qualname))
            if name in self.endpoint_classes
        )

    def callers_of(self, qualname: str) -> Callers:
        """The recorded calls of a function, method or class, by qualified name."""
        qualname = self.resolve(qualname)
        sites = [s for s in self._calls_of(qualname) if s.via is not Via.SUPER]
        owner, _, method = qualname.rpartition(".")
        if owner in self.classes:
            if method == "__init__":
                sites.extend(self._calls_of(owner))  # ``Cls(...)`` runs it
            sites.extend(self._dispatched_calls(owner, method))
        last = method or qualname
        if not self.complete or last in self.unresolved:
            return Callers(Tri.UNKNOWN, tuple(sites))
        return Callers(Tri.YES if sites else Tri.NO, tuple(sites))

    def _dispatched_calls(self, owner: str, method: str) -> list[CallSite]:
        """Calls recorded on related classes that may land on ``owner.method``.

        ``self.method()`` in a base or a subclass may reach it; ``super().method()``
        in a subclass may.  Which one the MRO picks is not decided here: a
        caller more is safer than a caller missed.
        """
        ancestors = set(walk_ancestors(owner, self.bases_of).classes) - {owner}
        descendants = set(self._descendants(owner)) - {owner}
        found = []
        for name in sorted(ancestors | descendants):
            for site in self._calls_of(f"{name}.{method}"):
                if site.via is Via.SELF or (site.via is Via.SUPER and name in descendants):
                    found.append(site)
        return found

    def _calls_of(self, qualname: str) -> list[CallSite]:
        """The calls of a definition, under whichever name a module imported it."""
        if self._calls_by_definition is None:
            # Keyed once all re-exports are known: ``from fleet.compat import
            # load_driver`` calls ``fleet.tools.load_driver``.
            self._calls_by_definition = {}
            for record in self.modules.values():  # in reading order
                for site in record.calls:
                    self._calls_by_definition.setdefault(self.resolve(site.callee), []).append(site)
        return self._calls_by_definition.get(qualname, [])

    def _descendants(self, qualname: str) -> list[str]:
        if self._subclasses is None:
            # Built on the first question only: most runs never ask.
            self._subclasses = {}
            for name, record in self.classes.items():
                for base in record.bases:
                    if base is not None:
                        self._subclasses.setdefault(self.resolve(base), []).append(name)
        return walk_descendants(qualname, self._subclasses)

    def caught_in(self, module: str, class_qualname: str) -> Tri:
        """Tell whether a module catches a class by name, itself or through a
        project ancestor other than Exception and BaseException."""
        record = self.modules.get(module)
        if record is None:
            return Tri.UNKNOWN
        caught = {self.resolve(name) for name in record.caught} - GENERIC_EXCEPTIONS
        qualname = self.resolve(class_qualname)
        ancestry = walk_ancestors(qualname, self.bases_of)
        # The class itself counts by name; its ancestors only as project classes.
        named = [qualname, *(name for name in ancestry.classes if name in self.classes)]
        if any(name in caught for name in named):
            return Tri.YES
        unsure = not ancestry.complete or record.caught_opaque
        return Tri.UNKNOWN if unsure and (caught or record.caught_opaque) else Tri.NO
