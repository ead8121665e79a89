"""Keep the triage of every finding on real projects up to date.

    python bench/triage.py                      # every project (ALL)
    python bench/triage.py --project nova==34.0.0
    python bench/triage.py --results-only       # only render docs/results.md

Runs ``flake8 --select SRB`` with the defaults over each project's non-test
code, in a virtualenv like the project's tox ``pep8`` env (its
requirements.txt, flake8 and this plugin from this checkout:
``run.project_venv``, cached under bench/.cache), and merges the findings
into ``bench/triage/v2/<name>-<version>.<family>.txt``, one line per
finding:

    path:line CODE verdict evidence

A verdict is ``right`` or ``noise`` as RULES.md's "What counts as right"
defines them, and the evidence names what the judge read (the handler, the
option declaration, the caller, the endpoint registration); a new finding
arrives as ``untriaged``, and a finding that went away is dropped.  One
file per rule family, so that the families can be judged apart.

Each of the five tuned projects also has ``bench/configs/<name>.cfg``, the
``[flake8]`` section the project would still have to write.  When it sets
any option, the project is linted a second time with it (``flake8 --config``)
and the default findings it silences go to ``bench/configs/<name>.silenced``
(``path:line CODE`` a line); a finding that only the configuration gives
stops the run, to be judged first.  The results page's "configured" table
counts what remains with the verdicts above.

``bench/triage/v1/`` keeps the verdicts under contract v1 (``true``,
``debatable``, ``false-positive``) for the "before" table of the results
page; it is no longer updated.
"""

from __future__ import annotations

import argparse
import collections
import configparser
import pathlib
import subprocess

import run

TRIAGE = pathlib.Path(__file__).resolve().parent / "triage"
V1 = TRIAGE / "v1"
V2 = TRIAGE / "v2"
# The [flake8] section each tuned project would still write, and the default
# findings it silences (bench/configs/README.md).
CONFIGS = pathlib.Path(__file__).resolve().parent / "configs"
RESULTS = pathlib.Path(__file__).resolve().parent.parent / "docs" / "results.md"
TUNED = ("nova==34.0.0", "cinder==29.0.0", "neutron==29.0.0", "ironic==39.0.0",
         "manila==23.0.1")
UNSEEN = ("barbican==23.0.0", "blazar==18.0.0", "tacker==16.0.0")
# Judged for the first time after the last rule change, by helpers who had
# not read them before: the freshest test of precision on unseen code.
FRESH = ("octavia==19.0.0", "designate==23.0.0", "masakari==22.0.0", "zun==18.0.0")
ALL = (*TUNED, *UNSEEN, *FRESH)
PROJECTS = TUNED  # what bench/recall.py measures
# One verdict file per family; SRB104, judged apart when it was new, has its own.
FAMILIES = ("SRB1", "SRB2", "SRB3", "SRB104")
VERDICTS = ("right", "noise", "untriaged")
# Where each project's released source can be read, pinned by tag.
BROWSER = "https://opendev.org/openstack/{name}/src/tag/{version}/{path}#L{line}"

Key = tuple[str, str]  # (path:line, code)


def current_findings(project: str, config: pathlib.Path | None = None
                     ) -> tuple[list[Key], run.ProjectEnv]:
    """(path:line, code) for every SRB finding on the project's non-test code,
    linted with the defaults (or with ``config`` as the only configuration
    file) in the project's pep8-like env; and that env."""
    top = run.fetch(project)
    env = run.project_venv(project, top)
    package = project.partition("==")[0].replace("-", "_")
    files = run.non_test_files(top, package)
    done = subprocess.run(
        [*run.flake8(env.python), *([f"--config={config}"] if config else ["--isolated"]),
         f"--select={run.DEFAULT_CODES}", "--exit-zero",
         "--format=%(path)s:%(row)d %(code)s", *files],
        cwd=top, capture_output=True, text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"flake8 failed on {project}:\n{done.stderr[-3000:]}")
    found = [tuple(line.split(" ", 1)) for line in done.stdout.splitlines()]
    return found, env  # type: ignore[return-value]


def config_file(project: str) -> pathlib.Path:
    return CONFIGS / f"{project.partition('==')[0]}.cfg"


def silenced_file(project: str) -> pathlib.Path:
    return CONFIGS / f"{project.partition('==')[0]}.silenced"


def config_options(project: str) -> dict[str, str]:
    """The plugin options the project's bench/configs file sets, if any."""
    parser = configparser.RawConfigParser()
    parser.read(config_file(project))
    if not parser.has_section("flake8"):
        return {}
    return {key: " ".join(value.split()) for key, value in parser.items("flake8")}


def config_lines(project: str) -> int:
    """Lines of configuration: option and continuation lines, no comments."""
    path = config_file(project)
    if not path.exists():
        return 0
    return sum(1 for line in path.read_text().splitlines()
               if line.strip() and line.strip()[0] not in "#;[")


def _options_header(project: str) -> str:
    options = config_options(project)
    return "# options: " + ("; ".join(f"{k} = {v}" for k, v in sorted(options.items()))
                            or "none")


def merge_config(project: str, found: list[Key]) -> None:
    """Record which default findings the project's configuration silences."""
    path = silenced_file(project)
    if not config_options(project):
        path.unlink(missing_ok=True)
        return
    configured, _ = current_findings(project, config_file(project))
    added = sorted(set(configured) - set(found), key=_order)
    if added:
        raise SystemExit(f"{config_file(project)} adds findings to {project}, judge them "
                         "first: " + ", ".join(" ".join(key) for key in added))
    silenced = sorted(set(found) - set(configured), key=_order)
    path.write_text(f"# {project}: default findings that {config_file(project).name} silences "
                    "(bench/triage.py keeps it)\n" + _options_header(project) + "\n"
                    + "".join(f"{where} {code}\n" for where, code in silenced))


def read_silenced(project: str) -> set[Key]:
    """The default findings the project's configuration silences."""
    path = silenced_file(project)
    if not config_options(project):
        return set()
    lines = path.read_text().splitlines() if path.exists() else []
    if _options_header(project) not in lines:
        raise SystemExit(f"{path} is missing or stale: run python bench/triage.py "
                         f"--project {project}")
    silenced: set[Key] = set()
    for line in lines:
        if line.strip() and not line.startswith("#"):
            where, code = line.split(" ", 1)
            silenced.add((where, code))
    return silenced


def triage_file(project: str, family: str) -> pathlib.Path:
    return V2 / f"{project.replace('==', '-')}.{family}.txt"


def read_triage(path: pathlib.Path) -> dict[Key, str]:
    """Map (path:line, code) to 'verdict evidence' from a triage file."""
    known: dict[Key, str] = {}
    if path.exists():
        for line in path.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                where, code, rest = line.split(" ", 2)
                known[(where, code)] = rest
    return known


def read_project(project: str) -> dict[Key, str]:
    """Every family's verdicts of a project."""
    known: dict[Key, str] = {}
    for family in FAMILIES:
        known.update(read_triage(triage_file(project, family)))
    return known


def merge(project: str) -> collections.Counter:
    """Write the project's current findings with their known verdicts."""
    found, env = current_findings(project)
    header = (f"# {project}: path:line code verdict evidence (bench/triage.py keeps it)\n"
              f"# requirements not installed: {', '.join(env.skipped) or 'none'}\n")
    counts: collections.Counter = collections.Counter()
    V2.mkdir(parents=True, exist_ok=True)
    for family in FAMILIES:
        path = triage_file(project, family)
        known = read_triage(path)
        lines = []
        for where, code in sorted(found, key=_order):
            if family_of(code) == family:
                verdict = known.get((where, code), "untriaged -")
                lines.append(f"{where} {code} {verdict}")
                counts[(code, verdict.split(" ", 1)[0])] += 1
        path.write_text(header + "".join(line + "\n" for line in lines))
    if project in TUNED:
        merge_config(project, found)
    return counts


def family_of(code: str) -> str:
    """The verdict file a code's findings go to."""
    return code if code in FAMILIES else code[:4]


def _order(key: Key) -> tuple[str, int, str]:
    path, _, line = key[0].rpartition(":")
    return path, int(line), key[1]


def link(project: str, where: str) -> str:
    """A link to the line of the released source."""
    name, _, version = project.partition("==")
    path, _, line = where.rpartition(":")
    url = BROWSER.format(name=name, version=version, path=path, line=line)
    return f"[`{where}`]({url})"


def _counts(verdicts: dict[Key, str]) -> collections.Counter:
    counts: collections.Counter = collections.Counter()
    for (_, code), rest in verdicts.items():
        verdict = rest.partition(" ")[0]
        counts[code] += 1
        counts[(code, verdict)] += 1
        counts[verdict] += 1
    return counts


def _table(rows: list[tuple[str, collections.Counter]], good: str) -> list[str]:
    codes = sorted({key for _, counts in rows for key in counts
                    if isinstance(key, str) and key.startswith("SRB")})
    lines = ["| project | " + " | ".join(codes) + f" | all | {good} |",
             "|---|" + "---|" * (len(codes) + 2)]
    for project, counts in rows:
        cells = [f"{counts[(code, good)]} / {counts[code]}" for code in codes]
        total = sum(counts[code] for code in codes)
        share = f"{100 * counts[good] / total:.1f}%" if total else "-"
        lines.append(f"| {project} | " + " | ".join(cells) + f" | {total} | {share} |")
    return lines


def _share(rows: list[tuple[str, collections.Counter]], good: str) -> str:
    total = sum(sum(n for key, n in counts.items() if isinstance(key, str)
                    and key.startswith("SRB")) for _, counts in rows)
    right = sum(counts[good] for _, counts in rows)
    return f"{right} of {total} ({100 * right / total:.1f}%)" if total else "none"


def _configured_table() -> list[str]:
    """Per tuned project: right / findings with the defaults and with its
    bench/configs file, and the lines of configuration that took."""
    lines = ["| project | default | configured | lines of config |", "|---|---|---|---|"]
    totals: collections.Counter = collections.Counter()
    for project in TUNED:
        verdicts = read_project(project)
        silenced = read_silenced(project)
        if silenced - set(verdicts):
            raise SystemExit(f"{silenced_file(project)} names findings with no verdict: "
                             "run python bench/triage.py --project " + project)
        cells = []
        for column, keys in (("default", set(verdicts)), ("configured", set(verdicts) - silenced)):
            right = sum(1 for key in keys if verdicts[key].partition(" ")[0] == "right")
            totals[(column, "right")] += right
            totals[column] += len(keys)
            cells.append(f"{right} / {len(keys)}")
        totals["lines"] += config_lines(project)
        lines.append(f"| {project} | {cells[0]} | {cells[1]} | {config_lines(project)} |")
    cells = [f"{totals[(column, 'right')]} / {totals[column]}"
             + (f" ({100 * totals[(column, 'right')] / totals[column]:.1f}%)"
                if totals[column] else "")
             for column in ("default", "configured")]
    lines.append(f"| all five | {cells[0]} | {cells[1]} | {totals['lines']} |")
    return lines


def write_results() -> None:
    """Render docs/results.md from the triage files, so the page cannot drift."""
    after = [(p, _counts(read_project(p))) for p in ALL]
    before = [(p, _counts(read_triage(V1 / f"{p.replace('==', '-')}.txt"))) for p in TUNED]
    examples: dict[str, list[str]] = collections.defaultdict(list)
    noise: list[str] = []
    for project in ALL:
        verdicts = read_project(project)
        for where, code in sorted(verdicts, key=_order):
            rest = verdicts[(where, code)]
            verdict, _, evidence = rest.partition(" ")
            if verdict == "right" and len(examples[code]) < 3:
                examples[code].append(f"{link(project, where)}: {evidence}")
            elif verdict == "noise":
                noise.append(f"{link(project, where)} {code}: {evidence}")
    lines = [
        "# Results on real code",
        "",
        "Every finding of the plugin, with its default settings, on the non-test",
        f"code of {len(ALL)} OpenStack projects, read by the plugin's developers (the",
        "people who wrote the rules: weigh that) and judged `right` or `noise`",
        "as the rule contract's \"What counts as right\" defines them; each",
        "verdict names its evidence. The raw triage is in `bench/triage/v2/`",
        "and `python bench/triage.py` renews this page. Cells are",
        "`right / all findings`.",
        "",
        "Each project is linted where its developers would run the plugin: by",
        "the `flake8` command of a virtualenv like its tox `pep8` env, with the",
        "project's own `requirements.txt` installed beside flake8 and the plugin",
        "(`bench/run.py`'s `project_venv`).",
        "",
        "## After: contract v2, default settings",
        "",
        "The five projects the rules were tuned on:",
        "",
        *_table(after[: len(TUNED)], "right"),
        "",
        f"Right: {_share(after[: len(TUNED)], 'right')}.",
        "",
        "Three projects the rules were never tuned on (the issue's unseen set,",
        "first judged one round earlier):",
        "",
        *_table(after[len(TUNED):len(TUNED) + len(UNSEEN)], "right"),
        "",
        f"Right: {_share(after[len(TUNED):len(TUNED) + len(UNSEEN)], 'right')}.",
        "",
        "Four projects nobody had linted before the last rule change, judged",
        "once, after it, by readers new to them:",
        "",
        *_table(after[len(TUNED) + len(UNSEEN):], "right"),
        "",
        f"Right: {_share(after[len(TUNED) + len(UNSEEN):], 'right')}.",
        "",
        "## Configured: contract v2, each project's `bench/configs`",
        "",
        "The five tuned projects again, with the `[flake8]` section each would",
        "still have to write to silence noise (`bench/configs/<name>.cfg`,",
        "shrunk against the defaults; a file that sets no option silences",
        "nothing). Cells are `right / all findings`; the configured findings",
        "are the default ones minus those the file silences",
        "(`bench/configs/<name>.silenced`), judged with the same verdicts.",
        "Lines of config count option and continuation lines, not comments.",
        "",
        *_configured_table(),
        "",
        "## Before: contract v1, default settings",
        "",
        "The same five projects under the first contract, whose verdicts had a",
        "third value, `debatable` (the contract said report, a maintainer could",
        "call it intended). Cells are `true / all findings`; the raw triage is in",
        "`bench/triage/v1/`.",
        "",
        *_table(before, "true"),
        "",
        f"True: {_share(before, 'true')}.",
        "",
        "## Noise that stays",
        "",
        "Every finding judged noise, with why. Each matches the words of the",
        "contract but not its defect; the closing notes of the issues propose",
        "the contract changes that would silence them.",
        "",
        *[f"- {line}" for line in noise],
        "",
        "## Examples of right findings",
        "",
    ]
    for code in sorted(examples):
        lines += [f"### {code}", ""]
        lines += [f"- {example}" for example in examples[code]]
        lines.append("")
    RESULTS.write_text("\n".join(lines))


def report(title: str, counts: collections.Counter) -> None:
    codes = sorted({code for code, _ in counts})
    print(f"\n{title}")
    print(f"{'code':<8}" + "".join(f"{verdict:>12}" for verdict in VERDICTS))
    for code in codes:
        print(f"{code:<8}" + "".join(f"{counts[(code, v)]:>12}" for v in VERDICTS))
    findings = sum(counts.values())
    right = sum(n for (_, verdict), n in counts.items() if verdict == "right")
    if findings:
        print(f"{findings} findings, {right} right ({100 * right / findings:.1f}%)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", action="append", default=[])
    parser.add_argument("--results-only", action="store_true",
                        help="only render docs/results.md from the triage files")
    args = parser.parse_args()
    if not args.results_only:
        total: collections.Counter = collections.Counter()
        for project in args.project or ALL:
            counts = merge(project)
            total.update(counts)
            report(project, counts)
        report("all projects", total)
    write_results()


if __name__ == "__main__":
    main()
