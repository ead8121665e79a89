"""Walk class hierarchies for every family: one walker, one limit."""

from __future__ import annotations

import builtins
import dataclasses
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Generic, TypeVar

from flake8_sched_robustness import class_facts
from flake8_sched_robustness.answers import UNKNOWN, Answer

# Deeper hierarchies than this are not followed: what lies beyond is unknown.
MAX_ANCESTORS = 64

_K = TypeVar("_K", bound=Hashable)
# How a family asks the door about a class (door.Door.class_facts).
ClassLookup = Callable[[str], Answer[class_facts.ClassFacts]]


class Walk(Generic[_K]):
    """Visit classes and their bases, each once, depth first and left to right.

    The caller steers: after a class is yielded, ``descend`` queues its
    bases (any hashable stands for a class: a qualified name, a ClassDef of
    the linted file); a class not descended from ends its branch, as the
    nearest definition of an attribute does.  At most MAX_ANCESTORS classes
    are visited; ``cut_short`` then says that some were left.
    """

    def __init__(self, *start: _K) -> None:
        self._pending: list[_K] = list(reversed(start))
        self._seen: set[_K] = set()
        self.cut_short = False

    def __iter__(self) -> Iterator[_K]:
        while self._pending:
            current = self._pending.pop()
            if current in self._seen:
                continue  # diamonds, and cycles through aliases
            if len(self._seen) >= MAX_ANCESTORS:
                self.cut_short = True
                return
            self._seen.add(current)
            yield current

    def descend(self, bases: Iterable[_K]) -> None:
        """Visit these bases of the class just yielded next, left to right."""
        self._pending.extend(reversed(list(bases)))


@dataclasses.dataclass(frozen=True)
class Ancestry:
    """A class and its ancestors, as far as the door could tell.

    ``names`` holds every class named on the way (resolved or not, and a
    built-in's whole MRO); ``methods`` every method they define; ``unknown``
    says some class on the way was not looked at (inference off, budget spent).
    """

    names: frozenset[str]
    methods: frozenset[str]
    unknown: bool


def ancestry(lookup: ClassLookup, qualname: str) -> Ancestry:
    """Collect a class's ancestors and their methods through the door."""
    names: set[str] = set()
    methods: set[str] = set()
    unknown = False
    walk: Walk[str] = Walk(qualname)
    for current in walk:
        names.add(current)
        facts = lookup(current)
        if facts is UNKNOWN:
            unknown = True
        elif facts is not None:
            names.add(facts.qualname)  # where a re-exported name really lives
            methods.update(facts.methods)
            if facts.builtin:
                names.update(_builtin_mro(current))
            else:
                walk.descend(base for base in facts.bases if base)
    return Ancestry(frozenset(names), frozenset(methods), unknown)


def defines(facts: class_facts.ClassFacts, name: str) -> bool:
    """Tell whether a class itself defines ``name``, as a method or otherwise."""
    return name in facts.methods or name in facts.attributes


def _builtin_mro(qualname: str) -> set[str]:
    value = getattr(builtins, qualname.rpartition(".")[2], None)
    if not isinstance(value, type):
        return set()
    return {f"builtins.{klass.__name__}" for klass in value.__mro__}
