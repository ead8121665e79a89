"""Run the plugin, in flake8 or in-process, and judge that it ran cleanly.

"Clean" is the contract of RULES.md's last section: no traceback, the
plugin's last-resort guard never fired, and only known codes reported on
lines that exist.  The hostile-input, fuzz, no-execution and budget tests
share these helpers.
"""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import logging
import os
import pathlib
import subprocess
import sys
from collections.abc import Iterator, Sequence

from casefiles import REPORT
from flake8_sched_robustness import codes, plugin, settings

GUARD_TEXT = "flake8-sched-robustness stopped"
# flake8's own reports for files it cannot read or parse.
FLAKE8_FILE_CODES = frozenset({"E902", "E999"})
# What ``--select=SRB`` gives: every code, the opt-in SRB901 sweep too.
ALL_CODES = dataclasses.replace(settings.DEFAULTS, selected=frozenset(codes.CODES))


@dataclasses.dataclass
class Flake8Run:
    """The outcome of one flake8 command."""

    returncode: int
    stdout: str
    stderr: str

    @property
    def reports(self) -> list[tuple[str, int, str]]:
        """(path, line, code) of every report, in output order."""
        found = []
        for line in self.stdout.splitlines():
            match = REPORT.match(line)
            assert match, f"unexpected flake8 output: {line!r}\n{self.stderr}"
            found.append((match["path"], int(match["line"]), match["code"]))
        return found

    @property
    def codes(self) -> set[str]:
        """The codes reported."""
        return {code for _, _, code in self.reports}

    def assert_clean(self) -> None:
        """No traceback, no plugin failure, no guard warning, a normal exit."""
        assert self.returncode in (0, 1), f"exit {self.returncode}\n{self.stderr}"
        assert "Traceback" not in self.stderr, self.stderr
        assert GUARD_TEXT not in self.stderr, self.stderr
        assert "failed during execution" not in self.stderr, self.stderr
        unknown = self.codes - set(codes.CODES) - FLAKE8_FILE_CODES
        assert not unknown, f"unexpected codes {unknown}:\n{self.stdout}"


def flake8(
    paths: Sequence[str | os.PathLike[str]],
    *options: str,
    cwd: str | os.PathLike[str] | None = None,
    stdin: bytes | None = None,
    timeout: float = 120,
) -> Flake8Run:
    """Run ``python -m flake8 --isolated --select=SRB,E9`` in a subprocess.

    Pass ``--select`` again in ``options`` to override.  Run it from a
    directory outside the linted tree (the default is this tests directory)
    so that ``python -m`` does not put the linted tree on sys.path.
    """
    command = [
        sys.executable, "-m", "flake8", "--isolated", "--select=SRB,E9", "--jobs=1",
        *options, *[str(path) for path in paths],
    ]
    result = subprocess.run(
        command,
        cwd=cwd or pathlib.Path(__file__).parent,
        input=stdin,
        capture_output=True,
        timeout=timeout,
    )
    return Flake8Run(
        result.returncode,
        result.stdout.decode("utf-8", "replace"),
        result.stderr.decode("utf-8", "replace"),
    )


class _GuardWatcher(logging.Handler):
    """Collect warnings the plugin logs (its last-resort guard among them)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def run_plugin(
    tree: ast.Module, filename: str, config: settings.Settings = ALL_CODES
) -> list[tuple[int, int, str]]:
    """Run the plugin in-process as ``flake8 --select=SRB`` would; fail on any guard warning."""
    checker = plugin.Plugin(tree, filename)
    checker.config = config
    with _watching() as watcher:
        found = [(line, col, text) for line, col, text, _ in checker.run()]
    assert not watcher.records, [
        watcher.format(record) for record in watcher.records
    ]
    return found


@contextlib.contextmanager
def _watching() -> Iterator[_GuardWatcher]:
    watcher = _GuardWatcher()
    logger = logging.getLogger(plugin.LOG.name)
    logger.addHandler(watcher)
    try:
        yield watcher
    finally:
        logger.removeHandler(watcher)


def assert_sane(found: list[tuple[int, int, str]], source: str) -> None:
    """Only codes of the table, on lines that exist in the source."""
    line_count = max(1, len(source.splitlines()))
    for line, col, text in found:
        assert text.split(" ", 1)[0] in codes.CODES, text
        assert 1 <= line <= line_count, (line, text)
        assert col >= 0, (col, text)
