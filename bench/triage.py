"""Keep the triage of every finding on real projects up to date.

    python bench/triage.py                      # all five projects
    python bench/triage.py --project nova==34.0.0

Runs ``flake8 --select SRB`` (from the running Python, which must have the
plugin installed) over each project's non-test code and merges the findings
into ``bench/triage/<name>-<version>.txt``, one line per finding:

    path:line CODE verdict reason

Verdicts are ``true``, ``false-positive`` or ``debatable``; a new finding
arrives as ``untriaged``, and a finding that went away is dropped. The
summary counts findings per code and verdict, and the share judged true.
"""

from __future__ import annotations

import argparse
import collections
import pathlib
import subprocess
import sys

import run

TRIAGE = pathlib.Path(__file__).resolve().parent / "triage"
PROJECTS = ("nova==34.0.0", "cinder==29.0.0", "neutron==29.0.0", "ironic==39.0.0",
            "manila==23.0.1")
VERDICTS = ("true", "false-positive", "debatable", "untriaged")


def current_findings(project: str) -> list[tuple[str, str]]:
    """(path:line, code) for every SRB finding on the project's non-test code."""
    top = run.fetch(project)
    package = project.partition("==")[0].replace("-", "_")
    files = run.non_test_files(top, package)
    output = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select=SRB", "--exit-zero",
         "--format=%(path)s:%(row)d %(code)s", *files],
        cwd=top, capture_output=True, text=True, check=True,
    ).stdout
    return [tuple(line.split(" ", 1)) for line in output.splitlines()]  # type: ignore[misc]


def read_triage(path: pathlib.Path) -> dict[tuple[str, str], str]:
    """Map (path:line, code) to 'verdict reason' from a triage file."""
    known: dict[tuple[str, str], str] = {}
    if path.exists():
        for line in path.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                where, code, rest = line.split(" ", 2)
                known[(where, code)] = rest
    return known


def merge(project: str) -> collections.Counter:
    name = project.replace("==", "-")
    path = TRIAGE / f"{name}.txt"
    known = read_triage(path)
    lines, counts = [], collections.Counter()
    for where, code in current_findings(project):
        verdict = known.get((where, code), "untriaged -")
        lines.append(f"{where} {code} {verdict}")
        counts[(code, verdict.split(" ", 1)[0])] += 1
    TRIAGE.mkdir(exist_ok=True)
    header = f"# {project}: path:line code verdict reason (bench/triage.py keeps it)\n"
    path.write_text(header + "".join(line + "\n" for line in lines))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", action="append", default=[])
    args = parser.parse_args()
    total: collections.Counter = collections.Counter()
    for project in args.project or PROJECTS:
        counts = merge(project)
        total.update(counts)
        report(project, counts)
    report("all projects", total)


def report(title: str, counts: collections.Counter) -> None:
    codes = sorted({code for code, _ in counts})
    print(f"\n{title}")
    print(f"{'code':<8}" + "".join(f"{verdict:>16}" for verdict in VERDICTS))
    for code in codes:
        print(f"{code:<8}" + "".join(f"{counts[(code, v)]:>16}" for v in VERDICTS))
    findings = sum(counts.values())
    true = sum(n for (_, verdict), n in counts.items() if verdict == "true")
    if findings:
        print(f"{findings} findings, {true} true ({100 * true / findings:.1f}%)")


if __name__ == "__main__":
    main()
