"""Keep the triage of every finding on real projects up to date.

    python bench/triage.py                      # all five projects
    python bench/triage.py --project nova==34.0.0

Runs ``flake8 --select SRB`` over each project's non-test code, in a
virtualenv like the project's tox ``pep8`` env (its requirements.txt, flake8
and this plugin from this checkout: ``run.project_venv``, cached under
bench/.cache), and merges the findings into
``bench/triage/<name>-<version>.txt``, one line per finding:

    path:line CODE verdict reason

Verdicts are ``true``, ``false-positive`` or ``debatable``; a new finding
arrives as ``untriaged``, and a finding that went away is dropped. The
file's header says which requirements could not be installed. The summary
counts findings per code and verdict, and the share judged true.
"""

from __future__ import annotations

import argparse
import collections
import pathlib
import subprocess

import run

TRIAGE = pathlib.Path(__file__).resolve().parent / "triage"
RESULTS = pathlib.Path(__file__).resolve().parent.parent / "docs" / "results.md"
PROJECTS = ("nova==34.0.0", "cinder==29.0.0", "neutron==29.0.0", "ironic==39.0.0",
            "manila==23.0.1")
VERDICTS = ("true", "false-positive", "debatable", "untriaged")


def current_findings(
    project: str, config: pathlib.Path | None = None
) -> tuple[list[tuple[str, str]], run.ProjectEnv]:
    """(path:line, code) for every SRB finding on the project's non-test code,
    linted in the project's pep8-like env (with the defaults, or with a
    flake8 configuration file); and that env."""
    top = run.fetch(project)
    env = run.project_venv(project, top)
    package = project.partition("==")[0].replace("-", "_")
    files = run.non_test_files(top, package)
    settings = ["--config", str(config)] if config else ["--isolated"]
    done = subprocess.run(
        [*run.flake8(env.python), *settings, "--select=SRB", "--exit-zero",
         "--format=%(path)s:%(row)d %(code)s", *files],
        cwd=top, capture_output=True, text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"flake8 failed on {project}:\n{done.stderr[-3000:]}")
    found = [tuple(line.split(" ", 1)) for line in done.stdout.splitlines()]
    return found, env  # type: ignore[return-value]


# What each project would put in its tox.ini after reading the findings.
CONFIGS = pathlib.Path(__file__).resolve().parent / "configs"
# The findings that remain with that configuration, one "path:line code" a line.
CONFIGURED = TRIAGE / "configured"
SKIPPED = "# requirements not installed: "
ADDED = "# added from test-requirements.txt so that flake8 starts: "


def read_triage(path: pathlib.Path) -> dict[tuple[str, str], str]:
    """Map (path:line, code) to 'verdict reason' from a triage file."""
    known: dict[tuple[str, str], str] = {}
    if path.exists():
        for line in path.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                where, code, rest = line.split(" ", 2)
                known[(where, code)] = rest
    return known


def read_header(path: pathlib.Path, prefix: str) -> str:
    """What a header line of a triage file says ('none', a list, or 'unknown')."""
    if path.exists():
        for line in path.read_text().splitlines():
            if line.startswith(prefix):
                return line[len(prefix):]
    return "unknown"


def describe_env(project: str, path: pathlib.Path) -> str:
    """One line on what the project's env had, from its triage file's header."""
    skipped, added = read_header(path, SKIPPED), read_header(path, ADDED)
    text = f"{project}: " + (
        "every requirement installed" if skipped == "none"
        else f"requirements not installed: {skipped}"
    )
    if added not in ("none", "unknown"):
        text += f"; added from test-requirements.txt so that flake8 starts: {added}"
    return text


def write_results(projects: list[str]) -> None:
    """Render docs/results.md from the triage files, so the page cannot drift."""
    rows, configured_rows, examples = [], [], collections.defaultdict(list)
    totals: collections.Counter = collections.Counter()
    configured_totals: collections.Counter = collections.Counter()
    environments = []
    for project in projects:
        path = TRIAGE / f"{project.replace('==', '-')}.txt"
        known = read_triage(path)
        kept = configured_findings(project)
        environments.append(describe_env(project, path))
        counts: collections.Counter = collections.Counter()
        configured: collections.Counter = collections.Counter()
        for (where, code), rest in known.items():
            verdict, _, reason = rest.partition(" ")
            counts[code] += 1
            counts[(code, verdict)] += 1
            totals[verdict] += 1
            if kept is None or (where, code) in kept:
                configured[code] += 1
                configured[(code, verdict)] += 1
                configured_totals[verdict] += 1
            if verdict == "true" and len(examples[code]) < 3:
                examples[code].append(f"`{project.partition('==')[0]}/{where}`: {reason}")
        rows.append((project, counts))
        configured_rows.append((project, configured))
    codes = sorted({key for _, counts in rows for key in counts if isinstance(key, str)})
    lines = [
        "# Results on real code",
        "",
        "Findings of the plugin on the non-test code of five OpenStack projects,",
        "each read by a person and judged `true`, `debatable` (the rule's contract",
        "says report, but a maintainer could argue it is intended) or",
        "`false-positive`. Cells are `true / all findings`. The raw triage is in",
        "`bench/triage/` and `python bench/triage.py` renews this page.",
        "",
        "Each project is linted where its developers would run the plugin: by",
        "the `flake8` command of a virtualenv like the project's tox `pep8` env,",
        "with the project's own `requirements.txt` installed beside flake8 and",
        "the plugin (built and cached under `bench/.cache` by the same script).",
        "So the plugin can read the classes the project takes from its",
        "dependencies (oslo.messaging, oslo.versionedobjects, neutron-lib,",
        "taskflow, futurist, ...): a method that overrides one of their methods",
        "is exempt from SRB201, and an exception class defined there is judged",
        "by its own default message. The environments:",
        "",
        *[f"- {line}" for line in environments],
        "",
    ]
    lines += _table(rows, codes) + ["", _summary(totals), ""]
    lines += [
        "## With each project's configuration",
        "",
        "Most debatable findings are shapes a project decides once for all its",
        "code: interfaces its classes implement by duck typing",
        "(`--srb-interface-classes`), private control-flow exceptions",
        "(`--srb-extend-exempt-exceptions`), validator helpers. The `[flake8]`",
        "settings that each project would write after reading this page are in",
        "`bench/configs/`; with them, what remains is:",
        "",
        *_table(configured_rows, codes),
        "",
        _summary(configured_totals),
        "",
        "What still holds the share of true findings down is what the rule",
        "contract asks to report even though a maintainer may call it intended:",
        "methods whose signature a caller fixes without a declared interface,",
        "RPC endpoints with nothing to pass the context to, blank keyword",
        "arguments such as `ProcessExecutionError(stdout=\"\")`, and names",
        "computed from the project's own directory listings.",
        "",
    ]
    for code in codes:
        lines += [f"## {code}", ""]
        lines += [f"- {example}" for example in examples[code]] or ["- (no true finding)"]
        lines.append("")
    RESULTS.write_text("\n".join(lines))


def _table(rows: list[tuple[str, collections.Counter]], codes: list[str]) -> list[str]:
    lines = ["| project | " + " | ".join(codes) + " |", "|---|" + "---|" * len(codes)]
    for project, counts in rows:
        cells = [f"{counts[(code, 'true')]} / {counts[code]}" for code in codes]
        lines.append(f"| {project} | " + " | ".join(cells) + " |")
    return lines


def _summary(totals: collections.Counter) -> str:
    findings = sum(totals.values())
    share = f" ({100 * totals['true'] / findings:.1f}% true)" if findings else ""
    return (f"In all, {findings} findings{share}: {totals['true']} true, "
            f"{totals['debatable']} debatable, {totals['false-positive']} false "
            f"positives, {totals['untriaged']} not yet read.")


def merge(project: str) -> collections.Counter:
    name = project.replace("==", "-")
    path = TRIAGE / f"{name}.txt"
    known = read_triage(path)
    found, env = current_findings(project)
    lines, counts = [], collections.Counter()
    for where, code in found:
        verdict = known.get((where, code), "untriaged -")
        lines.append(f"{where} {code} {verdict}")
        counts[(code, verdict.split(" ", 1)[0])] += 1
    TRIAGE.mkdir(exist_ok=True)
    header = (f"# {project}: path:line code verdict reason (bench/triage.py keeps it)\n"
              f"# linted with flake8 in a virtualenv with the project's requirements.txt\n"
              f"{SKIPPED}{', '.join(env.skipped) or 'none'}\n"
              f"{ADDED}{', '.join(env.added) or 'none'}\n")
    path.write_text(header + "".join(line + "\n" for line in lines))
    config = project_config(project)
    if config.exists():
        kept, _ = current_findings(project, config)
        CONFIGURED.mkdir(exist_ok=True)
        (CONFIGURED / f"{name}.txt").write_text(
            "".join(f"{where} {code}\n" for where, code in kept)
        )
    return counts


def project_config(project: str) -> pathlib.Path:
    """bench/configs/<package>.cfg: the project's own [flake8] settings."""
    return CONFIGS / f"{project.partition('==')[0].replace('-', '_')}.cfg"


def configured_findings(project: str) -> set[tuple[str, str]] | None:
    """The findings that remain with the project's configuration, if it has one."""
    path = CONFIGURED / f"{project.replace('==', '-')}.txt"
    if not path.exists():
        return None
    lines = path.read_text().splitlines()
    return {tuple(line.split(" ", 1)) for line in lines if line}  # type: ignore[misc]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", action="append", default=[])
    parser.add_argument("--results-only", action="store_true",
                        help="only render docs/results.md from the triage files")
    args = parser.parse_args()
    projects = args.project or list(PROJECTS)
    if not args.results_only:
        total: collections.Counter = collections.Counter()
        for project in projects:
            counts = merge(project)
            total.update(counts)
            report(project, counts)
        report("all projects", total)
    write_results(projects)


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
