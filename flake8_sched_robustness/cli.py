"""The command line: ``baseline`` writes an adoption baseline, ``explain`` prints a rule page."""

from __future__ import annotations

import argparse
import importlib.resources
import os
import pathlib
import subprocess
import sys
import tempfile
import tokenize
from collections.abc import Sequence

from flake8_sched_robustness import __version__, baseline, codes

# flake8 prints each finding in this shape for the baseline command; the
# marker keeps other output (a configured show-source, say) out of it.
MARKER = "SRB-BASELINE"
REPORT_FORMAT = MARKER + "\t%(path)s\t%(row)d\t%(col)d\t%(code)s\t%(text)s"
USAGE_ERROR = 2


def _lines_of(path: str, cache: dict[str, list[str]]) -> list[str]:
    """A file's lines as flake8 decodes them (PEP 263), read once per command."""
    if path not in cache:
        try:
            with tokenize.open(path) as stream:
                cache[path] = stream.read().splitlines()
        except (OSError, SyntaxError, UnicodeDecodeError):
            cache[path] = []
    return cache[path]


def _entries(output: str) -> list[baseline.Entry]:
    """The SRB findings in flake8's output, fingerprinted."""
    entries = []
    cache: dict[str, list[str]] = {}
    for row in output.splitlines():
        parts = row.split("\t", 5)
        if len(parts) != 6 or parts[0] != MARKER or not parts[4].startswith("SRB"):
            continue
        _, path, line, _col, code, message = parts
        text = baseline.flagged_line(_lines_of(path, cache), int(line))
        entries.append(baseline.Entry(baseline.fingerprint(path, text, code, message), int(line)))
    return entries


def run_baseline(flake8_args: Sequence[str], output: str | None) -> int:
    """Run flake8 with the given arguments and write its SRB findings as a baseline."""
    with tempfile.TemporaryDirectory() as scratch:
        report = os.path.join(scratch, "report.txt")
        # The last --format, --output-file and --srb-baseline win over the
        # user's config: all findings, in our shape, into our file.
        command = [
            sys.executable, "-m", "flake8", *flake8_args, "--no-show-source",
            "--srb-baseline=", f"--format={REPORT_FORMAT}", f"--output-file={report}",
        ]
        result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                text=True)
        if result.returncode not in (0, 1):
            sys.stderr.write(result.stderr)
            return result.returncode or USAGE_ERROR
        sys.stderr.write(result.stderr)
        text = pathlib.Path(report).read_text() if os.path.exists(report) else ""
    written = baseline.dumps(_entries(text))
    if output:
        pathlib.Path(output).write_text(written)
    else:
        sys.stdout.write(written)
    return 0


def rule_page(code: str) -> str | None:
    """A rule's documentation page (docs/rules/<code>.md), or None for an unknown code."""
    if code not in codes.CODES:
        return None
    name = f"{code}.md"
    try:  # an installed wheel carries the pages as package data
        return importlib.resources.files("flake8_sched_robustness.rules").joinpath(name).read_text()
    except (ModuleNotFoundError, FileNotFoundError):
        pass
    # a source checkout run without installing: the docs themselves
    return (pathlib.Path(__file__).parent.parent / "docs" / "rules" / name).read_text()


def run_explain(code: str) -> int:
    """Print a rule's page; an unknown code is a usage error listing the known ones."""
    page = rule_page(code.upper())
    if page is None:
        sys.stderr.write(f"unknown code {code!r}; the codes are: {', '.join(codes.CODES)}\n")
        return USAGE_ERROR
    sys.stdout.write(page)
    return 0


def parser() -> argparse.ArgumentParser:
    """The command line's parser, with one subcommand each."""
    main_parser = argparse.ArgumentParser(
        prog="python -m flake8_sched_robustness",
        description="flake8-sched-robustness's own commands; the checks run in flake8.",
    )
    main_parser.add_argument("--version", action="version", version=__version__)
    commands = main_parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    write = commands.add_parser(
        "baseline",
        help="run flake8 and write its SRB findings as a baseline for --srb-baseline",
        description="Run flake8 with FLAKE8_ARGS (your config applies) and write the SRB "
        "findings as JSON, for --srb-baseline.",
    )
    write.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    write.add_argument("flake8_args", nargs=argparse.REMAINDER, metavar="FLAKE8_ARGS",
                       help="arguments for flake8 (paths, --select, ...)")
    explain = commands.add_parser(
        "explain", help="print a rule's documentation page",
        description="Print a rule's page: what it finds, why, an example, the fix, its options.",
    )
    explain.add_argument("code", help="a code, e.g. SRB201")
    return main_parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; return the exit status."""
    main_parser = parser()
    # flake8's own options (--select=...) pass through to the baseline's flake8 run
    args, unknown = main_parser.parse_known_args(argv)
    if args.command == "baseline":
        return run_baseline([*unknown, *args.flake8_args], args.output)
    if unknown:
        main_parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    return run_explain(args.code)
