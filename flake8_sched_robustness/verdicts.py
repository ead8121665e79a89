"""The verdicts a value judgement gives, and how the parts of a value combine."""

from __future__ import annotations

import ast
import dataclasses
import enum
from collections.abc import Callable, Iterable

from flake8_sched_robustness import project_index

# Deeper chains of names, calls and tables than this decide nothing.
MAX_DEPTH = 40


class State(enum.IntEnum):
    """How much is known about a name; the higher one wins when combined."""

    CONSTANT = 0
    CHECKED = 1
    UNDECIDED = 2
    COMPUTED = 3


@dataclasses.dataclass(frozen=True)
class Verdict:
    """A judgement of one expression, with where a computed value came from."""

    state: State
    source: str = ""  # "config" or "caller" for a computed value
    option: project_index.OptionFacts | None = None
    caller: str = ""  # ``path:line`` of the call that passes the value in


CONSTANT = Verdict(State.CONSTANT)
CHECKED = Verdict(State.CHECKED)
UNDECIDED = Verdict(State.UNDECIDED)
COMPUTED = Verdict(State.COMPUTED)
CALLER = Verdict(State.COMPUTED, "caller")

# judge(expression, where it is evaluated, recursion depth)
Judge = Callable[[ast.expr, ast.AST, int], Verdict]


def combine(verdicts: Iterable[Verdict]) -> Verdict:
    """The verdict of a value built from parts: the worst part decides."""
    worst = CONSTANT
    for verdict in verdicts:
        if verdict.state > worst.state:
            worst = verdict
    return worst
