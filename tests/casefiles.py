"""Read expected-code markers from case files and run flake8 over them.

A case is a ``.py`` file, or a directory holding a small package, under
``tests/cases/<family>/``.  A comment ``# expect: SRB101`` (several codes
comma-separated) says that exactly these codes are reported on its line;
``# ok: SRB102`` marks a near miss that must stay silent.  An
``# options: --srb-...`` comment in a case's first lines gives extra flake8
command-line options, parsed by flake8 itself.
"""

from __future__ import annotations

import collections
import dataclasses
import io
import pathlib
import re
import shlex
import subprocess
import sys
import tokenize

CASES = pathlib.Path(__file__).parent / "cases"
# The bundled example doubles as the regression case for the reviewed file.
EXAMPLES = pathlib.Path(__file__).parent.parent / "examples"
MARKER = re.compile(r"#\s*(expect|ok|options):\s*(.+?)\s*$")
REPORT = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+) ")

Key = tuple[str, int, str]


@dataclasses.dataclass
class Case:
    """One case: its files, options and markers."""

    path: pathlib.Path
    root: pathlib.Path = CASES
    options: tuple[str, ...] = ()
    expected: set[Key] = dataclasses.field(default_factory=set)
    near_misses: set[Key] = dataclasses.field(default_factory=set)

    @property
    def name(self) -> str:
        return self.path.relative_to(self.root).as_posix()

    def files(self) -> list[pathlib.Path]:
        if self.path.is_dir():
            return sorted(self.path.rglob("*.py"))
        return [self.path]


def _comments(path: pathlib.Path) -> list[tuple[int, str]]:
    return comments_in(path.read_bytes())


def comments_in(source: bytes) -> list[tuple[int, str]]:
    """The (line, text) of every comment in a source."""
    tokens = tokenize.tokenize(io.BytesIO(source).readline)
    return [(tok.start[0], tok.string) for tok in tokens if tok.type == tokenize.COMMENT]


def expected_in(source: bytes) -> set[tuple[int, str]]:
    """The (line, code) pairs that a source's expect markers name."""
    found = set()
    for line, comment in comments_in(source):
        match = MARKER.search(comment)
        if match and match[1] == "expect":
            found.update((line, code) for code in _split_codes(match[2]))
    return found


def _split_codes(text: str) -> list[str]:
    return [code.strip() for code in text.split(",") if code.strip()]


def load_case(path: pathlib.Path, root: pathlib.Path = CASES) -> Case:
    """Read a case's markers from all of its files."""
    case = Case(path, root)
    options: list[str] = []
    for file in case.files():
        relative = file.relative_to(root).as_posix()
        for line, comment in _comments(file):
            match = MARKER.search(comment)
            if not match:
                continue
            kind, text = match.groups()
            if kind == "options":
                options.extend(shlex.split(text))
                continue
            bucket = case.expected if kind == "expect" else case.near_misses
            bucket.update((relative, line, code) for code in _split_codes(text))
    case.options = tuple(options)
    return case


def _entries(directory: pathlib.Path) -> list[pathlib.Path]:
    return [
        entry for entry in sorted(directory.iterdir())
        if not entry.name.startswith((".", "_"))
        and (entry.suffix == ".py" or (entry.is_dir() and any(entry.rglob("*.py"))))
    ]


def all_cases() -> list[Case]:
    """Every case under tests/cases, files and packages alike, and the example."""
    cases = [
        load_case(entry)
        for family in sorted(p for p in CASES.iterdir() if p.is_dir())
        for entry in _entries(family)
    ]
    cases.extend(load_case(entry, EXAMPLES) for entry in _entries(EXAMPLES))
    return cases


def run_flake8(
    paths: list[pathlib.Path],
    options: tuple[str, ...],
    root: pathlib.Path = CASES,
    stdin: bytes | None = None,
) -> set[Key]:
    """Run the real flake8 command in root over files (or stdin); return (file, line, code)."""
    command = [
        sys.executable, "-m", "flake8", "--isolated", "--select=SRB", "--jobs=1",
        *options, *[str(path.relative_to(root)) for path in paths],
    ]
    result = subprocess.run(command, cwd=root, input=stdin, capture_output=True, timeout=300)
    stderr = result.stderr.decode(errors="replace")
    if result.returncode not in (0, 1) or "Traceback" in stderr:
        raise AssertionError(f"flake8 failed: {result.returncode}\n{stderr}")
    reports = set()
    for line in result.stdout.decode(errors="replace").splitlines():
        match = REPORT.match(line)
        if not match:
            raise AssertionError(f"unexpected flake8 output: {line!r}")
        path = pathlib.PurePath(match["path"]).as_posix()
        reports.add((path, int(match["line"]), match["code"]))
    return reports


def run_grouped(cases: list[Case]) -> dict[str, set[Key]]:
    """Run flake8 once per distinct option set; reports keyed by case name."""
    groups: dict[tuple, list[Case]] = collections.defaultdict(list)
    for case in cases:
        groups[(case.root, case.options)].append(case)
    results: dict[str, set[Key]] = {}
    for (root, options), members in groups.items():
        files = [file for case in members for file in case.files()]
        reports = run_flake8(files, options, root)
        for case in members:
            prefix = case.name
            results[case.name] = {
                key for key in reports
                if key[0] == prefix or key[0].startswith(prefix + "/")
            }
    return results
