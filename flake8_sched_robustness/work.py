"""Count the work a file's questions about other modules do, in units that decide.

A question's cost is counted in module reads: each time it looks up
another module's source summary (whether the summary was cached or not)
and each module astroid builds for it (astroid starts every question from
the same state, so that count does not depend on earlier questions).  The
same question in the same tree always costs the same, so the budgets that
count it give the same answers whatever ran before in the process.  A
wall-clock valve, far above what the budgets allow, only stops a hang.
"""

from __future__ import annotations

import contextlib
import enum
import time
from collections.abc import Iterator


class Limit(enum.Enum):
    """Which bound a question ran into."""

    TOTAL = "module reads of the file"
    ASTROID = "modules astroid may build for the file"
    VALVE = "wall-clock valve"


class OutOfBudget(Exception):
    """A question ran past one of the file's bounds."""

    def __init__(self, limit: Limit) -> None:
        super().__init__(limit.value)
        self.limit = limit


class Meter:
    """The units one question has used, against what the file has left."""

    def __init__(self, total_left: int, astroid_left: int, deadline: float) -> None:
        self.total_left = total_left
        self.astroid_left = astroid_left
        self.deadline = deadline
        self.source = 0
        self.astroid = 0
        self.reached_astroid = False

    def charge_read(self) -> None:
        """Count one lookup of another module's source."""
        self.source += 1
        self._check()

    def charge_build(self) -> None:
        """Count one module astroid built."""
        self.astroid += 1
        self._check()

    def _check(self) -> None:
        # The total first: Cost.limit_hit decides in the same order.
        if self.source + self.astroid > self.total_left:
            raise OutOfBudget(Limit.TOTAL)
        if self.astroid > self.astroid_left:
            raise OutOfBudget(Limit.ASTROID)
        if time.monotonic() > self.deadline:
            raise OutOfBudget(Limit.VALVE)


_METERS: list[Meter] = []


@contextlib.contextmanager
def metering(meter: Meter) -> Iterator[Meter]:
    """Count the reads and builds of one question on ``meter``."""
    _METERS.append(meter)
    try:
        yield meter
    finally:
        _METERS.remove(meter)


def charge_read() -> None:
    """Count a source lookup on the question in progress, if any."""
    if _METERS:
        _METERS[-1].charge_read()


def charge_build() -> None:
    """Count a module astroid built on the question in progress, if any."""
    if _METERS:
        _METERS[-1].charge_build()
