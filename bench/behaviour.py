"""Snapshot every finding, to prove that a change keeps behaviour.

    python bench/behaviour.py save          # write bench/behaviour/*.txt
    python bench/behaviour.py diff          # compare with the saved copy
    python bench/behaviour.py diff --only cases

Each snapshot holds one ``path:line:col:code:message`` a line: the findings on
the non-test code of nova 34, cinder 29, neutron 29, ironic 39 and manila 23,
each linted with the defaults in its pep8-like env (``run.project_venv``,
which installs this checkout), and on ``tests/cases`` with each case's
options (in this interpreter's flake8, which must have this checkout
installed). ``diff`` prints a unified diff per snapshot and exits non-zero
when any differs: an empty output is the proof.
"""

from __future__ import annotations

import argparse
import difflib
import pathlib
import subprocess
import sys

import run

HERE = pathlib.Path(__file__).resolve().parent
SNAPSHOTS = HERE / "behaviour"
PROJECTS = ("nova==34.0.0", "cinder==29.0.0", "neutron==29.0.0", "ironic==39.0.0",
            "manila==23.0.1")
FORMAT = "--format=%(path)s:%(row)d:%(col)d:%(code)s:%(text)s"

sys.path.insert(0, str(run.REPO / "tests"))
import casefiles  # noqa: E402  (tests/ is not a package: put on the path above)


def project_findings(project: str) -> list[str]:
    """Every SRB finding on a project's non-test code, with the defaults."""
    top = run.fetch(project)
    env = run.project_venv(project, top)
    package = project.partition("==")[0].replace("-", "_")
    files = run.non_test_files(top, package)
    done = subprocess.run(
        [*run.flake8(env.python), "--isolated", f"--select={run.DEFAULT_CODES}",
         "--exit-zero", FORMAT,
         *files],
        cwd=top, capture_output=True, text=True,
    )
    if done.returncode != 0 or "Traceback" in done.stderr:
        raise SystemExit(f"flake8 failed on {project}:\n{done.stderr[-3000:]}")
    return sorted(done.stdout.splitlines())


def case_findings() -> list[str]:
    """Every finding on the case files, each group with its own options."""
    found: list[str] = []
    groups: dict[tuple[pathlib.Path, tuple[str, ...]], list[pathlib.Path]] = {}
    for case in casefiles.all_cases():
        groups.setdefault((case.root, case.options), []).extend(case.files())
    for (root, options), files in sorted(groups.items(), key=lambda item: str(item[0])):
        done = subprocess.run(
            [sys.executable, "-m", "flake8", "--isolated", "--select=SRB", "--jobs=1",
             "--exit-zero", FORMAT, *options, *[str(f.relative_to(root)) for f in files]],
            cwd=root, capture_output=True, text=True,
        )
        if done.returncode != 0 or "Traceback" in done.stderr:
            raise SystemExit(f"flake8 failed on the cases:\n{done.stderr[-3000:]}")
        prefix = root.name + "/"
        found.extend(prefix + line for line in done.stdout.splitlines())
    return sorted(found)


def snapshots(only: str | None) -> dict[str, list[str]]:
    taken: dict[str, list[str]] = {}
    if only in (None, "cases"):
        taken["cases"] = case_findings()
    for project in PROJECTS:
        name = project.replace("==", "-")
        if only in (None, name, project.partition("==")[0]):
            taken[name] = project_findings(project)
    return taken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("save", "diff"))
    parser.add_argument("--only", help="'cases' or one project name")
    arguments = parser.parse_args()
    SNAPSHOTS.mkdir(exist_ok=True)
    changed = False
    for name, lines in snapshots(arguments.only).items():
        path = SNAPSHOTS / f"{name}.txt"
        if arguments.action == "save":
            path.write_text("".join(line + "\n" for line in lines))
            print(f"{name}: {len(lines)} findings saved", file=sys.stderr)
            continue
        saved = path.read_text().splitlines() if path.exists() else []
        diff = list(difflib.unified_diff(saved, lines, f"saved/{name}", f"now/{name}",
                                         lineterm=""))
        print(f"{name}: {len(lines)} findings, {len(diff)} diff lines", file=sys.stderr)
        print("\n".join(diff))
        changed = changed or bool(diff)
    raise SystemExit(1 if changed else 0)


if __name__ == "__main__":
    main()
