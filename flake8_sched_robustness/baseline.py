"""Adoption baselines: fingerprints of accepted findings, written once, silenced after.

A fingerprint is the file's path (relative to the directory flake8 runs in,
with forward slashes), the code, the flagged line's text with its whitespace
collapsed, and the message (which names the exception, parameter or loader
argument).  The line number is left out on purpose, so that edits elsewhere
in the file do not bring a baselined finding back.  Fingerprints are counted:
two identical findings in one file need two entries.
"""

from __future__ import annotations

import collections
import dataclasses
import functools
import json
import os
import re
import sys
from collections.abc import Iterable, Sequence

FORMAT_VERSION = 1
TOOL = "flake8-sched-robustness"
USAGE_ERROR = 2  # as argparse exits on a bad option
CITED_LINE = re.compile(r"(\.py):\d+\b")


class BaselineError(Exception):
    """The baseline file is missing, unreadable or not a baseline."""


@dataclasses.dataclass(frozen=True, order=True)
class Fingerprint:
    """What identifies one finding across unrelated edits of its file."""

    path: str
    code: str
    line_text: str
    message: str


def normal_path(filename: str) -> str:
    """A file's path relative to the current directory, with forward slashes."""
    if filename in ("stdin", "-"):
        return filename
    relative = os.path.relpath(os.path.abspath(filename))
    return relative.replace(os.sep, "/")


def normal_text(line: str) -> str:
    """A source line with its whitespace collapsed (indentation edits do not count)."""
    return " ".join(line.split())


def normal_message(message: str) -> str:
    """A message without the line numbers it cites in other files.

    SRB3 messages say where an option is declared (``conf/scheduler.py:7``);
    an edit of that file must not bring the finding back.
    """
    return CITED_LINE.sub(r"\1", message.strip())


def fingerprint(filename: str, line_text: str, code: str, message: str) -> Fingerprint:
    """The fingerprint of one finding; ``message`` is its text without the code."""
    return Fingerprint(normal_path(filename), code, normal_text(line_text),
                       normal_message(message))


def flagged_line(lines: Sequence[str] | None, line: int) -> str:
    """The text of a 1-based line, or empty when the file has no such line."""
    if lines is None or not 1 <= line <= len(lines):
        return ""
    return lines[line - 1]


@dataclasses.dataclass(frozen=True, order=True)
class Entry:
    """One recorded finding: its fingerprint, and its line for the reader's eyes."""

    fingerprint: Fingerprint
    line: int


def dumps(recorded: Iterable[Entry]) -> str:
    """A baseline file's text: sorted entries, stable across runs.

    The line is written for people burning the baseline down; matching
    never reads it.
    """
    entries = [
        {**dataclasses.asdict(entry.fingerprint), "line": entry.line}
        for entry in sorted(recorded)
    ]
    return json.dumps(
        {"tool": TOOL, "version": FORMAT_VERSION, "findings": entries}, indent=2
    ) + "\n"


def _entry(raw: object) -> Fingerprint:
    if not isinstance(raw, dict):
        raise BaselineError(f"an entry is not an object: {raw!r}")
    fields = [field.name for field in dataclasses.fields(Fingerprint)]
    values = [raw.get(name) for name in fields]
    texts = [value for value in values if isinstance(value, str)]
    if len(texts) != len(fields):
        raise BaselineError(f"an entry lacks one of {', '.join(fields)}: {raw!r}")
    return Fingerprint(*texts)


def parse(text: str) -> collections.Counter[Fingerprint]:
    """Read a baseline file's text into counted fingerprints."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise BaselineError(f"not JSON: {error}") from None
    if not isinstance(data, dict) or data.get("tool") != TOOL:
        raise BaselineError(f"not a {TOOL} baseline (no \"tool\": \"{TOOL}\")")
    if data.get("version") != FORMAT_VERSION:
        raise BaselineError(f"unknown baseline version {data.get('version')!r}")
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise BaselineError("\"findings\" is not a list")
    return collections.Counter(_entry(raw) for raw in findings)


@functools.lru_cache(maxsize=4)
def load(path: str) -> collections.Counter[Fingerprint]:
    """Read a baseline file once per process; a bad one raises BaselineError."""
    try:
        with open(path, encoding="utf-8") as stream:
            text = stream.read()
    except (OSError, UnicodeDecodeError) as error:
        raise BaselineError(f"cannot read {path}: {error}") from None
    try:
        return parse(text)
    except BaselineError as error:
        raise BaselineError(f"{path}: {error}") from None


def check(path: str | None) -> None:
    """Fail early, as a usage error (a message and exit 2), on a baseline that cannot be used."""
    if not path:
        return
    try:
        load(path)
    except BaselineError as error:
        sys.stderr.write(f"flake8: error: --srb-baseline: {error}\n")
        raise SystemExit(USAGE_ERROR) from None


def unrecorded(
    findings: Sequence[tuple[int, int, str]],
    path: str | None,
    filename: str,
    lines: Sequence[str] | None,
) -> list[tuple[int, int, str]]:
    """The findings (line, column, text) that the baseline does not record.

    Each baseline entry silences one finding with its fingerprint, in line
    order; any beyond the recorded count are reported.
    """
    if not path:
        return list(findings)
    remaining = collections.Counter(load(path))
    kept = []
    for line, col, text in findings:
        code, _, message = text.partition(" ")
        key = fingerprint(filename, flagged_line(lines, line), code, message)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            kept.append((line, col, text))
    return kept
