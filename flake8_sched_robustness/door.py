"""Answer the rule families' questions about other modules: budget, caches, fence.

A question goes to the other module's source first (source_reader), and
only what a plain tree cannot decide to astroid (astroid_backend).  Each
answer is a value, None ("looked, found nothing to go on") or UNKNOWN ("did
not look": inference off, budget spent), which the rules meet with silence.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from flake8_sched_robustness import (
    astroid_backend,
    caches,
    module_facts,
    project_facts_reader,
    project_index,
    settings,
    source_reader,
    work,
)
from flake8_sched_robustness.answers import UNKNOWN, Answer, Tri, Unknown
from flake8_sched_robustness.class_facts import ClassFacts
from flake8_sched_robustness.project_facts_index import Callers

# Answers are remembered per process, keyed by strings; this bounds them.
MAX_CACHED_ANSWERS = 20000
# A question is not sent to astroid when fewer than this many of the file's
# astroid module builds (--srb-astroid-modules-per-line) are left: a typical
# astroid question builds a handful of modules, and starting astroid costs
# as much again, so a small file would only overrun its share.
ASTROID_MIN_MODULES = 8

_T = TypeVar("_T")
_ANSWERS = caches.BoundedCache(MAX_CACHED_ANSWERS)


def clear_caches() -> None:
    """Forget every answer, summary and module astroid has built."""
    _ANSWERS.clear()
    source_reader.clear()
    project_facts_reader.clear()
    astroid_backend.clear()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Hold Python's cyclic garbage collector off for one file's checks.

    The checks allocate in bursts (tables over the linted tree, other
    modules parsed for a moment, astroid's trees) that reference counting
    frees or the caches keep.  Collections run meanwhile would promote the
    short-lived objects and walk the whole heap for nothing; measured on
    the stdlib, they were two thirds of the plugin's time on some small
    files.  The collector resumes, as it was, right after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _in_package(module: module_facts.ModuleFacts) -> bool:
    location = module.location
    return location is not None and (location.is_package or "." in location.name)


class _PackageFacts:
    """The linted package's options and re-exports, from the project index."""

    def __init__(
        self,
        module: module_facts.ModuleFacts,
        root: str | None,
        enabled: bool,
        exclude: Sequence[str],
    ) -> None:
        self._module = module
        self._root = root if enabled and _in_package(module) else None
        self.exclude = exclude
        self._own: dict[str, list[project_index.OptionFacts]] | None = None

    def options(self, name: str) -> list[project_index.OptionFacts] | Unknown:
        """Every declaration of an option named ``name`` in the linted package.

        Options of the linted module itself count for any file; the rest of
        the project is searched only when the file sits inside a package.
        None found where the scan left modules unread is UNKNOWN: one of
        them may declare it.
        """
        if self._own is None:
            self._own = _options_by_name(self._module)
        own = self._own.get(name, [])
        if not self._root:
            return own
        package = self._module.name.partition(".")[0]
        index = project_index.for_root(self._root, self.exclude)
        found = index.options(package, name) or own
        if not found and not index.is_complete(package):
            return UNKNOWN
        return found

    def renamed_exports(self, names: frozenset[str]) -> frozenset[str]:
        """Other names under which the linted package re-exports ``names``."""
        if not self._root:
            return frozenset()
        package = self._module.name.partition(".")[0]
        return project_index.for_root(self._root, self.exclude).renames(package, names)


def _options_by_name(
    module: module_facts.ModuleFacts,
) -> dict[str, list[project_index.OptionFacts]]:
    """The options the linted module declares itself, by name."""
    root = module.location.root if module.location else "."
    path = os.path.relpath(module.filename, root).replace(os.sep, "/")
    found: dict[str, list[project_index.OptionFacts]] = {}
    for option in project_index.options_in(module.tree, path):
        found.setdefault(option.name, []).append(option)
    return found


def _cannot_tell() -> tuple[type[BaseException], ...]:
    """What ends a question as "cannot tell", looked up once it was raised.

    Looked up late, so that astroid (and with it its errors) is only
    imported by a question that needs it.
    """
    return (RecursionError, source_reader.Unreadable, *astroid_backend.failures())


@dataclasses.dataclass(frozen=True)
class _Cost:
    """What answering a question took, in module reads (see work)."""

    source: int
    astroid: int
    reached_astroid: bool


class _Budget:
    """One file's module reads for questions, and the share astroid may build.

    Each question is charged what it costs whether its answer was computed
    or remembered, so that what a file is told does not depend on which
    files ran before it in the process.  A question that does not fit stays
    unanswered; one that runs past the total ends the file's questions, one
    that runs past astroid's share ends its astroid questions.
    """

    def __init__(self, modules: int, astroid_modules: int, valve: float) -> None:
        self._total_left = max(0, modules)
        self._astroid_left = max(0, min(astroid_modules, modules))
        self._deadline = time.monotonic() + valve
        self._valve = valve

    @property
    def spent(self) -> bool:
        """Tell whether the file's questions are over (budget or valve)."""
        return self._total_left <= 0 or self._valve <= 0 or time.monotonic() > self._deadline

    def meter(self) -> work.Meter:
        """A meter for the next question, against what is left."""
        return work.Meter(self._total_left, self._astroid_left, self._deadline)

    def limit_hit(self, cost: _Cost) -> work.Limit | None:
        """The bound a question of this cost runs into now, as it would computed."""
        if cost.source > self._total_left:
            return work.Limit.TOTAL
        if cost.reached_astroid and self._astroid_left < ASTROID_MIN_MODULES:
            return work.Limit.ASTROID
        # Builds count against both: the first one past either bound stops.
        total_at = self._total_left - cost.source + 1
        astroid_at = self._astroid_left + 1
        if cost.astroid >= min(total_at, astroid_at):
            return work.Limit.TOTAL if total_at <= astroid_at else work.Limit.ASTROID
        return None

    def charge(self, cost: _Cost) -> None:
        """Count a question answered."""
        self._total_left -= cost.source + cost.astroid
        self._astroid_left -= cost.astroid

    def stop(self, limit: work.Limit, source: int) -> None:
        """Count a question that ran into ``limit`` after ``source`` reads."""
        if limit is work.Limit.ASTROID:
            self._total_left -= source
            self._astroid_left = 0
        elif limit is work.Limit.TOTAL:
            self._total_left = 0
        else:
            self._valve = 0

    def run_astroid(self, meter: work.Meter, query: Callable[[], _T]) -> _T:
        """Run a query that needs astroid within astroid's share.

        Raises OutOfBudget when the share is too small to start, or when
        astroid builds more modules for the query than the file has left.
        """
        meter.reached_astroid = True
        if self._astroid_left < ASTROID_MIN_MODULES:
            raise work.OutOfBudget(work.Limit.ASTROID)
        with astroid_backend.metered():
            return query()


class Door:
    """Answers one linted file's questions about other modules, on a budget.

    ``modules`` bounds the module reads of all the file's questions,
    ``astroid_modules`` (at most ``modules``) the modules astroid may build
    for them; ``budget`` is the wall-clock valve in seconds, a last resort
    against a hang.  ``astroid_budget``, the share in CPU seconds that
    earlier versions took, is read at settings.MS_PER_MODULE when
    ``astroid_modules`` is not given.
    """

    def __init__(
        self,
        module: module_facts.ModuleFacts,
        budget: float,
        enabled: bool,
        astroid_budget: float | None = None,
        exclude: Sequence[str] = (),
        *,
        modules: int = settings.DEFAULTS.inference_modules,  # the option table's default
        astroid_modules: int | None = None,
    ) -> None:
        self._module = module
        self._root = module.location.root if module.location else None
        self._reader = source_reader.SourceReader(self._root)
        if astroid_modules is None:
            astroid_modules = (
                modules if astroid_budget is None
                else int(astroid_budget * 1000 / settings.MS_PER_MODULE)
            )
        self._budget = _Budget(modules, astroid_modules, budget)
        self._meter: work.Meter | None = None
        self._enabled = enabled
        self._package = _PackageFacts(module, self._root, enabled, exclude)

    @property
    def spent(self) -> bool:
        """Tell whether this file's inference budget is used up."""
        return self._budget.spent

    def class_facts(self, qualname: str) -> Answer[ClassFacts]:
        """Describe the class a qualified name refers to."""
        nearby, facts = self._nearby_class(qualname)
        if nearby:
            return facts
        return self._ask(("class", qualname), lambda: self._find_class(qualname))

    def canonical_name(self, qualname: str) -> str:
        """Follow the linted project's module-level re-exports of a name.

        ``nova.utils.import_class`` gives ``oslo_utils.importutils.import_class``
        when nova/utils.py says ``import_class = importutils.import_class``.
        Names outside the project, and names not followed, come back unchanged.
        """
        if not _in_package(self._module):
            return qualname
        project = self._module.name.partition(".")[0]
        found = self._ask(
            ("canonical", qualname), lambda: self._reader.follow(qualname, within=project)
        )
        if isinstance(found, ClassFacts):
            return found.qualname
        return found if isinstance(found, str) else qualname

    def constant_kind(self, qualname: str) -> Answer[str]:
        """What a module-level name of another module holds.

        "str" for a string constant, "strings" for a list or tuple of them,
        "mapping" for a dict whose values are string constants, "other" for
        anything astroid infers to something else; None when it cannot tell
        (long concatenations astroid gives up on end here, in silence).
        """
        return self._ask(("constant", qualname), lambda: self._constant_kind(qualname))

    def attribute_kind(self, class_qualname: str, attr: str) -> Answer[str]:
        """What the nearest class along a class's bases that sets ``attr`` holds.

        Class attributes and ``self.attr = ...`` in methods both count; the
        answer is spelled as for constant_kind.
        """
        return self._ask(
            ("attribute", class_qualname, attr),
            lambda: self._attribute_kind(class_qualname, attr),
        )

    def options(self, name: str) -> list[project_index.OptionFacts] | Unknown:
        """Every declaration of an option named ``name`` in the linted package."""
        return self._package.options(name)

    def renamed_exports(self, names: frozenset[str]) -> frozenset[str]:
        """Other names under which the linted package re-exports ``names``."""
        return self._package.renamed_exports(names)

    def rpc_endpoint(self, class_qualname: str) -> Tri:
        """Tell whether a class of the linted project is served over RPC.

        YES when it or a project ancestor declares an oslo.messaging target,
        or it or a subclass is handed to an RPC server as an endpoint
        (project_facts_reader); UNKNOWN outside a package or past a bound.
        """
        reader = self._facts_reader()
        if reader is None:
            return Tri.UNKNOWN
        package = self._module.name.partition(".")[0]
        found = self._ask(
            ("endpoint", class_qualname),
            lambda: reader.rpc_endpoint(package, class_qualname, self._bases_of),
        )
        return found if isinstance(found, Tri) else Tri.UNKNOWN

    def callers_of(
        self, module: str, qualname: str, *, on_class: bool = False
    ) -> Callers | Unknown:
        """The linted project's calls of a function of ``module``, with what each passes.

        ``on_class``: a classmethod or staticmethod, called through its class.

        ``Callers.state`` says whether they are all of them; UNKNOWN outside
        a package or past a bound.
        """
        reader = self._facts_reader()
        if reader is None:
            return UNKNOWN
        package = self._module.name.partition(".")[0]
        found = self._ask(
            ("callers", qualname, "on-class" if on_class else ""),
            lambda: reader.callers_of(package, module, qualname, on_class),
        )
        return found if isinstance(found, Callers) else UNKNOWN

    def caught_beside(self, class_qualname: str, function: str) -> Tri:
        """Tell whether a module beside the linted one (same package directory)
        ends a project class that ``function`` raises (beside.ends_raise);
        UNKNOWN outside a package or past the file's budget."""
        reader = self._facts_reader()
        if reader is None:
            return Tri.UNKNOWN
        package = self._module.name.partition(".")[0]
        module = self._module.name
        found = self._ask(
            ("caught-beside", class_qualname, function),
            lambda: reader.caught_beside(package, module, class_qualname, function),
        )
        return found if isinstance(found, Tri) else Tri.UNKNOWN

    def _facts_reader(self) -> project_facts_reader.ProjectFactsReader | None:
        if not self._root or not _in_package(self._module):
            return None
        return project_facts_reader.for_root(self._root, self._package.exclude)

    def _bases_of(self, qualname: str) -> tuple[str | None, ...] | None:
        """A class's bases for a walk inside a question; None if it cannot be told."""
        facts = self._describe_class(qualname)
        return None if facts is None else facts.bases

    def _ask(self, key: tuple[str, ...], compute: Callable[[], _T]) -> Answer[_T]:
        """Answer a question once per process, within the file's budget.

        The fence: what ends a question as "cannot tell" (astroid's errors,
        a module that does not parse, recursion) is remembered as None; a
        question that does not fit the file's budget gives UNKNOWN, for this
        file only.  A remembered answer is charged what it cost to compute,
        and refused where computing it would have run out.  Anything else
        is a bug of the plugin and goes on to the last-resort guard.
        """
        if not self._enabled or self._budget.spent:
            return UNKNOWN
        key = (self._root or "", *key)
        cached = _ANSWERS.get(key)
        if cached is not caches.MISSING:
            answer, cost = cached  # what compute gave for this key before
            limit = self._budget.limit_hit(cost)
            if limit is not None:
                self._budget.stop(limit, cost.source)
                return UNKNOWN
            self._budget.charge(cost)
            return answer
        meter = self._budget.meter()
        self._meter = meter
        result: _T | None
        try:
            with work.metering(meter), astroid_backend.project_on_path(self._root):
                result = compute()
        except work.OutOfBudget as stopped:
            self._budget.stop(stopped.limit, meter.source)
            return UNKNOWN  # a file with more budget may still ask
        except _cannot_tell():
            result = None
        finally:
            self._meter = None
        cost = _Cost(meter.source, meter.astroid, meter.reached_astroid)
        self._budget.charge(cost)
        _ANSWERS.put(key, (result, cost))
        return result

    def _run_astroid(self, query: Callable[[], _T]) -> _T:
        """Run a query that needs astroid, on the question's meter."""
        meter = self._meter or self._budget.meter()  # (always inside a question)
        return self._budget.run_astroid(meter, query)

    def _nearby_class(self, qualname: str) -> tuple[bool, ClassFacts | None]:
        """Whether a name is of the linted module or built in, and its class there."""
        local = self._module.local_class_facts(qualname)
        if local is not None:
            return True, local
        module, _, name = qualname.rpartition(".")
        if module == "builtins":
            return True, source_reader.builtin_facts(name)
        return False, None

    def _describe_class(self, qualname: str) -> ClassFacts | None:
        """class_facts, for use inside a question (no budget of its own)."""
        nearby, facts = self._nearby_class(qualname)
        return facts if nearby else self._find_class(qualname)

    def _find_class(self, qualname: str) -> ClassFacts | None:
        found = self._reader.follow(qualname)
        if isinstance(found, ClassFacts):
            return found
        if found is source_reader.NEEDS_INFERENCE:
            return self._run_astroid(
                lambda: astroid_backend.infer_class(qualname, self._root)
            )
        return None

    def _constant_kind(self, qualname: str) -> str | None:
        found = self._reader.literal_constant(qualname)
        if found is source_reader.NEEDS_INFERENCE:
            return self._run_astroid(
                lambda: astroid_backend.infer_constant(qualname, self._root)
            )
        return found

    def _attribute_kind(self, class_qualname: str, attr: str) -> str | None:
        found = source_reader.literal_attribute(
            class_qualname, attr, self._root, self._describe_class
        )
        if found is source_reader.NEEDS_INFERENCE:
            return self._run_astroid(
                lambda: astroid_backend.infer_attribute(class_qualname, attr, self._root)
            )
        return found
